/**
 * Oversight at home in Chromium, on the tutorial: the Estonian player opens
 * the counter-strike and reads, before adding it, that the Riigikogu's
 * committee would refuse it on Estonia's own evidence alone; locked anyway,
 * the round's results say it did not go ahead, in the same words. On a copy
 * of the tutorial whose counter-strike offers a statement of reasons, the
 * committee sends back one drafted without it, asking for the reasons, and
 * says so before the measure is added and in the results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const REFUSAL = /the Riigikogu's security oversight committee refused it, finding the evidence behind it too thin/;
const SENT_BACK = /the Riigikogu's security oversight committee sent it back and asks for a statement of reasons before it approves/;

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

  it('sends back a measure that offers a statement of reasons drafted without one, and says so before it is added', async () => {
    // The tutorial with the counter-strike offering a statement of reasons: the committee asks for one before it approves.
    const tutorial = JSON.parse(readFileSync(join(ROOT, 'scenarios/tutorial.json'), 'utf8'));
    tutorial.actions.find((a: { id: string }) => a.id === 'hack-back').procedures.push('statementOfReasons');
    const created = await facilitator.create({ scenarioText: JSON.stringify(tutorial), seed: 'oversight-reasons', facilitatorName: 'Fran' });
    const fac = await TestClient.connect(rig.base, 'facilitator-reasons');
    await fac.resume(created.facilitatorCredential);
    const estonia = await TestClient.connect(rig.base, 'estonia-reasons');
    await estonia.join(created.codes.teams['est']!, 'Lea');
    await fac.must({ type: 'startExercise' });
    await fac.must({ type: 'advance' });
    await estonia.must({ type: 'draftDecision', draft: { action: 'investigate-traffic', incident: 'ddos', options: {}, rationale: 'Trace the botnet.' } });
    await fac.must({ type: 'advance' });
    await fac.must({ type: 'advance' });
    try {
      const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
      await howToPlaySeen(context);
      const second = await context.newPage();
      second.setDefaultTimeout(15_000);
      await second.goto(`${rig.base}/join/${created.codes.teams['est']}`);
      await second.getByLabel(/name/i).first().fill('Kaja');
      await second.getByRole('button', { name: 'Join', exact: true }).click();
      await second.waitForURL(/\/play\//);
      await second.getByRole('heading', { name: 'Actions you can take' }).waitFor();
      const item = second.locator('li.action').filter({ has: second.locator('.action-name', { hasText: "Counter-strike on the botnet's servers" }) });
      await item.locator(':scope > details > summary').click();
      const form = second.getByRole('form', { name: "Draft: Counter-strike on the botnet's servers" });
      await form.getByRole('checkbox', { name: /^Urgent/ }).check();
      await expect.poll(() => form.innerText(), SLOW).toMatch(SENT_BACK);
      // With the statement of reasons, the committee no longer asks for one: it weighs the evidence instead.
      await form.getByRole('checkbox', { name: /^Statement of reasons/ }).check();
      await expect.poll(() => form.innerText(), SLOW).toMatch(REFUSAL);
      expect(await form.innerText()).not.toMatch(SENT_BACK);
      await form.getByRole('checkbox', { name: /^Statement of reasons/ }).uncheck();
      await expect.poll(() => form.innerText(), SLOW).toMatch(SENT_BACK);
      await form.getByLabel('Rationale: why this, why now').fill('Knock the command servers offline.');
      await form.getByRole('button', { name: 'Add to our plan' }).click();
      await expect.poll(() => second.locator('.plan-list').innerText(), SLOW).toContain('Knock the command servers offline.');
      await estonia.must({ type: 'lockDecisions' });
      await fac.must({ type: 'advance' });
      await expect.poll(() => second.locator('body').innerText(), SLOW).toMatch(SENT_BACK);
      expect(estonia.view!.decisions.find((d) => d.action === 'hack-back')?.effective).toBe(false);
      expect(await axeSerious(second)).toEqual([]);
      await context.close();
    } finally {
      fac.close();
      estonia.close();
    }
  }, 90_000);
});
