/**
 * Languages in Chromium: the browser's language is the default, the person
 * chooses another in the top bar and it is remembered; the top bar, the
 * clock, notifications and the team's "what now" line follow it, and dates
 * and times are written the locale's way.
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

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { rounds: Record<string, unknown>[] };
    scenario.rounds[0]!.date = '2016-07-22';
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
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
  }, 60_000);

  it('switches to the language the person chooses, and remembers it', async () => {
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.locator('.what-now').innerText()).toContain('Discutez');
    expect(await page.locator('.topbar-date').innerText()).toContain('22 juil. 2016');
    expect(await page.locator('.topbar').getByRole('button', { name: 'Aide' }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connected');
  }, 60_000);
});
