/**
 * Languages in Chromium: the browser's language is the default, the person
 * chooses another in the top bar and it is remembered; the top bar, the
 * clock, notifications, the team's "what now" line and the headings, labels
 * and buttons of the team screen and the console follow it, and dates and
 * times are written the locale's way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('languages', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let page: Page;
  let exerciseId: string;
  let facilitatorCredential: string;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { rounds: Record<string, unknown>[] };
    scenario.rounds[0]!.date = '2016-07-22';
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    exerciseId = created.exerciseId;
    facilitatorCredential = created.facilitatorCredential;
    // A browser whose first language is German.
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['atlantia']}`);
    await page.getByLabel('Your name').first().fill('Ada Atlantia');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    await rig?.close();
  }, 60_000);

  it("speaks the browser's language by default, with the locale's dates", async () => {
    await expect.poll(() => page.locator('.what-now').innerText(), SLOW).toContain('Beraten Sie');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.locator('.topbar .conn').innerText()).toBe('Verbunden');
    await expect.poll(() => page.locator('.topbar .clock').innerText(), SLOW).toMatch(/^noch \d+:\d\d$/);
    expect(await page.locator('.topbar-date').innerText()).toContain('22. Juli 2016');
    expect(await page.getByRole('combobox', { name: 'Sprache' }).inputValue()).toBe('de');
    // The team screen's body too.
    expect(await page.locator('#catalogue-h').innerText()).toBe('Mögliche Maßnahmen');
    expect(await page.getByRole('button', { name: 'Unsere Entscheidungen sperren' }).count()).toBe(1);
    expect(await page.locator('#plan-h').innerText()).toBe('Unser Plan für Runde 1');
    expect(await page.getByRole('button', { name: 'Senden' }).count()).toBe(1);
  }, 60_000);

  it('switches to the language the person chooses, and remembers it', async () => {
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.locator('.what-now').innerText()).toContain('Discutez');
    expect(await page.locator('.topbar-date').innerText()).toContain('22 juil. 2016');
    expect(await page.locator('.topbar').getByRole('button', { name: 'Aide' }).count()).toBe(1);
    expect(await page.locator('#catalogue-h').innerText()).toBe('Actions possibles');
    expect(await page.getByRole('button', { name: 'Verrouiller nos décisions' }).count()).toBe(1);
    expect(await page.getByLabel('Message à l’équipe').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connected');
  }, 60_000);

  it("puts the console's body in the chosen language", async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    const console = await context.newPage();
    console.setDefaultTimeout(15_000);
    await console.goto(`${rig.base}/`);
    await console.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential: facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Langues', savedAt: Date.now(),
    });
    await console.goto(`${rig.base}/facilitate/${exerciseId}`);
    await expect.poll(() => console.locator('#controls-h').innerText(), SLOW).toBe('Conduire l’exercice');
    expect(await console.getByRole('button', { name: 'Résoudre le tour 1 maintenant' }).count()).toBe(1);
    expect(await console.locator('#teams-live-h').innerText()).toBe('Les équipes, en direct');
    expect(await console.locator('#adhoc-h').innerText()).toBe('Rédiger un inject ad hoc');
    expect(await console.locator('.controls .status-line').innerText()).toContain('0 équipes sur 2 ont verrouillé.');
    await console.getByRole('combobox', { name: 'Langue' }).selectOption('de');
    await expect.poll(() => console.locator('#controls-h').innerText(), SLOW).toBe('Die Übung leiten');
    expect(await console.getByRole('button', { name: 'Runde 1 jetzt auswerten' }).count()).toBe(1);
    expect(await console.getByRole('button', { name: 'Runde verkürzen' }).count()).toBe(1);
    expect(await axeSerious(console)).toEqual([]);
    for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]] as const) {
      await console.setViewportSize({ width, height });
      await console.screenshot({ path: `test-results/screens/console-de@${width}.png` });
    }
    await page.screenshot({ path: 'test-results/screens/team-en@1366.png' });
    await context.close();
  }, 60_000);
});
