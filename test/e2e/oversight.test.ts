/**
 * Oversight at home in Chromium, on the tutorial: the Estonian player opens
 * the counter-strike and reads, before adding it, that the Riigikogu's
 * committee would refuse it on Estonia's own evidence alone; locked anyway,
 * the round's results say it did not go ahead, in the same words.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';

const SLOW = { timeout: 20_000, interval: 100 };
const REFUSAL = /the Riigikogu's security oversight committee refused it, finding the evidence behind it too thin/;

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('oversight at home', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let lead: TestClient;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-oversight-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({ scenarioId: 'tutorial', seed: 'oversight', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    // Estonia's lead investigates in round 1, so that the counter-strike's confidence gate is met in round 2.
    lead = await TestClient.connect(rig.base, 'estonia-lead');
    await lead.join(created.codes.teams['est']!, 'Lea');
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    await lead.must({ type: 'draftDecision', draft: { action: 'investigate-traffic', incident: 'ddos', options: {}, rationale: 'Trace the botnet.' } });
    await facilitator.must({ type: 'advance' });
    await facilitator.must({ type: 'advance' });
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['est']}`);
    await page.getByLabel(/name/i).first().fill('Kalle');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    lead?.close();
    await rig?.close();
  }, 60_000);

  it('says before the measure is added that oversight would refuse it', async () => {
    expect(lead.view!.round).toBe(2);
    const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: "Counter-strike on the botnet's servers" }) });
    await item.locator('summary').click();
    const form = page.getByRole('form', { name: "Draft: Counter-strike on the botnet's servers" });
    await form.getByRole('checkbox', { name: /^Urgent/ }).check();
    await expect.poll(() => form.innerText(), SLOW).toMatch(REFUSAL);
    await form.getByLabel('Rationale: why this, why now').fill('Knock the command servers offline.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => page.locator('.plan-list').innerText(), SLOW).toContain('Knock the command servers offline.');
    expect(await axeSerious(page)).toEqual([]);
  }, 60_000);

  it('reports in the results that it did not go ahead, in the same words', async () => {
    await lead.must({ type: 'lockDecisions' });
    await facilitator.must({ type: 'advance' });
    await expect.poll(() => page.locator('body').innerText(), SLOW).toMatch(REFUSAL);
    const decision = lead.view!.decisions.find((d) => d.action === 'hack-back');
    expect(decision?.effective).toBe(false);
  }, 60_000);
});
