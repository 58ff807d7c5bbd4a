/**
 * In Chromium, against the real server and the built client: a government in
 * the shipped EU track asks the international commission of inquiry to
 * examine its attribution of the Bundestag intrusion, and two rounds later
 * reads the commission's report in its feed.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, startBrowserRig, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole } from '../helpers/browser';

/** Waits for what a page shows: generous, since the browser shares the machine with other test files. */
const SLOW = { timeout: 20_000, interval: 100 };
const REFERRAL = 'Ask an international commission of inquiry to examine the attribution';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

describe.skipIf(!HAVE_CHROMIUM)('a referral to a verification body in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let deu: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const text = (page: Page) => page.locator('body').innerText();

  /** Clicks the facilitator's main control and waits for the status line to move on. */
  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-institutions-');
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('refers an attribution, and shows the commission’s report when it is due', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'eu-2015-2020');

    deu = await open('Germany');
    await joinWithCode(deu, rig.base, codes['Germany']!, 'Germany lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await deu.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    const item = deu.locator('li.action').filter({ has: deu.locator('.action-name', { hasText: REFERRAL }) }).first();
    await item.locator('summary').click();
    const form = deu.getByRole('form', { name: `Draft: ${REFERRAL}` });
    await form.getByLabel('Rationale: why this, why now').fill('Let independent experts test our case before we act on it.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');

    await advance('Resolve round 1 now');
    await expect.poll(() => text(deu), SLOW).toContain('will examine the attribution of "Bundestag network intrusion (2015)"');
    await advance('Open round 2');
    await advance('Resolve round 2 now');
    await expect.poll(() => deu.locator('.feed').innerText(), SLOW).toContain('International commission of inquiry reports on "Bundestag network intrusion (2015)"');
    // The intrusion was state-executed: the commission confirms, or, when it cannot reach a firm finding, qualifies.
    expect(await deu.locator('.feed').innerText()).toMatch(/International commission of inquiry (confirms|qualifies) the attribution/);
    expect(errors).toEqual([]);
  }, 120_000);
});
