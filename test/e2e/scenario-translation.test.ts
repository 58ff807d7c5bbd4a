/**
 * A scenario's own translations in Chromium: the tutorial ships French and
 * German texts, so a player whose browser reads German sees the team, the
 * round and the inject in German from the first view, and switching to
 * French in the top bar brings them back in French without a reload. A
 * player in English, on the same team, keeps the original.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)("a scenario's translations", () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let english: TestClient;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-scenario-translation-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({ scenarioId: 'tutorial', seed: 'translated', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    english = await TestClient.connect(rig.base, 'english');
    await english.join(created.codes.teams['est']!, 'Edward');
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['est']}`);
    await page.getByLabel(/name/i).first().fill('Greta');
    await page.getByRole('button', { name: /^(Join|Beitreten)$/ }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    english?.close();
    await rig?.close();
  }, 60_000);

  it('shows the German texts to a German reader from the first view', async () => {
    await expect.poll(() => page.locator('body').innerText(), SLOW).toContain('Bronzene Nacht: Websites unter Beschuss');
    const body = await page.locator('body').innerText();
    expect(body).toContain('Estland');
    expect(body).toContain('Bronzene Nacht: die erste Welle');
    expect(body).not.toContain('Bronze Night: websites under attack');
  }, 60_000);

  it('brings them back in French when the person switches, and leaves the English reader alone', async () => {
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await expect.poll(() => page.locator('body').innerText(), SLOW).toContain('Nuit de bronze : des sites web attaqués');
    expect(await page.locator('body').innerText()).toContain('Estonie');
    await english.waitForView((v) => v.round === 1, 'round 1');
    expect(english.view!.injects.find((d) => d.inject === 'bronze-night')!.title).toBe('Bronze Night: websites under attack');
    expect(english.view!.me!.name).toBe('Estonia');
  }, 60_000);
});
