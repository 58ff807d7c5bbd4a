/**
 * Oversight at home in Chromium, on the shipped tutorial, whose counter-strike
 * offers a statement of reasons: the Estonian player opens it and reads,
 * before adding it, that the Riigikogu's committee would send it back without
 * one; with the statement of reasons ticked, that the committee would refuse
 * it on Estonia's own evidence alone. Locked with the reasons, the round's
 * results say it was refused; in a second exercise, locked without them, that
 * it was sent back: each in the words of the preview.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, joinWithCode, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { playOpeningRounds, setUpTable } from '../helpers/exercise';

const SLOW = { timeout: 20_000, interval: 100 };
const COUNTER_STRIKE = "Counter-strike on the botnet's servers";
const REFUSAL = /the Riigikogu's security oversight committee refused it, finding the evidence behind it too thin/;
const SENT_BACK = /the Riigikogu's security oversight committee sent it back and asks for a statement of reasons before it approves/;

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

/** An exercise of the shipped tutorial in round 2, Estonia's lead having investigated in round 1 (so that the counter-strike's confidence gate is met), and a second Estonian player on the team screen. */
async function estoniaInRound2(rig: BrowserRig, seed: string, player: string) {
  const table = await setUpTable(rig.base, { scenarioId: 'tutorial', seed, observer: false });
  const { facilitator, created } = table;
  const lead = table.teams['est']![0]!;
  await playOpeningRounds(table, 'est', [{ action: 'investigate-traffic', incident: 'ddos', rationale: 'Trace the botnet.' }]);
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await howToPlaySeen(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await joinWithCode(page, rig.base, created.codes.teams['est']!, player);
  await page.getByRole('heading', { name: 'Actions you can take' }).waitFor();
  const close = async () => {
    await context.close().catch(() => {});
    table.close();
  };
  return { facilitator, lead, page, close };
}

/** The counter-strike's draft on the team screen, urgent (so that notice plays no part). */
async function counterStrikeDraft(page: Page): Promise<Locator> {
  const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: COUNTER_STRIKE }) });
  await item.locator(':scope > details > summary').click();
  const form = page.getByRole('form', { name: `Draft: ${COUNTER_STRIKE}` });
  await form.getByRole('checkbox', { name: /^Urgent/ }).check();
  return form;
}

async function addToPlan(page: Page, form: Locator, rationale: string): Promise<void> {
  await form.getByLabel('Rationale: why this, why now').fill(rationale);
  await form.getByRole('button', { name: 'Add to our plan' }).click();
  await expect.poll(() => page.locator('.plan-list').innerText(), SLOW).toContain(rationale);
}

describe.skipIf(!HAVE_CHROMIUM)('oversight at home', () => {
  let rig: BrowserRig;
  let first: Awaited<ReturnType<typeof estoniaInRound2>>;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-oversight-');
    first = await estoniaInRound2(rig, 'oversight', 'Kalle');
  }, 240_000);

  afterAll(async () => {
    await first?.close();
    await rig?.close();
  }, 60_000);

  it('says before the measure is added that the committee would send it back without a statement of reasons, and refuse it with one', async () => {
    const { page, lead } = first;
    expect(lead.view!.round).toBe(2);
    const form = await counterStrikeDraft(page);
    await expect.poll(() => form.innerText(), SLOW).toMatch(SENT_BACK);
    // With the statement of reasons, the committee no longer asks for one: it weighs the evidence instead.
    await form.getByRole('checkbox', { name: /^Statement of reasons/ }).check();
    await expect.poll(() => form.innerText(), SLOW).toMatch(REFUSAL);
    expect(await form.innerText()).not.toMatch(SENT_BACK);
    await addToPlan(page, form, 'Knock the command servers offline.');
    expect(await axeSerious(page)).toEqual([]);
  }, 60_000);

  it('reports in the results that it was refused, in the same words', async () => {
    const { page, lead, facilitator } = first;
    await lead.must({ type: 'lockDecisions' });
    await facilitator.must({ type: 'advance' });
    await expect.poll(() => page.locator('body').innerText(), SLOW).toMatch(REFUSAL);
    const decision = lead.view!.decisions.find((d) => d.action === 'hack-back');
    expect(decision?.effective).toBe(false);
    expect(decision?.heldBy).toBe('riigikogu-committee');
  }, 60_000);

  it('sends back the counter-strike locked without a statement of reasons, and says so before it is added and in the results', async () => {
    const second = await estoniaInRound2(rig, 'oversight-reasons', 'Kaja');
    try {
      const { page, lead, facilitator } = second;
      const form = await counterStrikeDraft(page);
      await form.getByRole('checkbox', { name: /^Statement of reasons/ }).check();
      await expect.poll(() => form.innerText(), SLOW).toMatch(REFUSAL);
      await form.getByRole('checkbox', { name: /^Statement of reasons/ }).uncheck();
      await expect.poll(() => form.innerText(), SLOW).toMatch(SENT_BACK);
      await addToPlan(page, form, 'Knock the command servers offline.');
      await lead.must({ type: 'lockDecisions' });
      await facilitator.must({ type: 'advance' });
      await expect.poll(() => page.locator('body').innerText(), SLOW).toMatch(SENT_BACK);
      const decision = lead.view!.decisions.find((d) => d.action === 'hack-back');
      expect(decision?.effective).toBe(false);
      expect(decision?.options.statementOfReasons).toBeFalsy();
      expect(await axeSerious(page)).toEqual([]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
