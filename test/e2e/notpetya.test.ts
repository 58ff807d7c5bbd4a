/**
 * In Chromium, against the real server and the built client: in the NotPetya
 * scenario Ukraine raises the attack at the OSCE as a violation of norm
 * 13(f) and asks the allied peer review to examine its attribution. Its
 * screen shows the norms track raised, then under discussion, and the
 * review's report in its feed a round later.
 *
 * The scenario is the shipped notpetya-2017 with three changes so that the
 * test measures the panels, not the dice: the referral can be made by one
 * government (in the shipped file it is a joint referral), the review always
 * reaches a firm finding, and recovery starts high enough that no round ends
 * the exercise early. It is served from a folder of its own.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole, startRigWithScenarios } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const RAISE = 'Raise NotPetya at the OSCE';
const REFERRAL = "Ask the allies' agencies to review the attribution";

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'scenarios/notpetya-2017.json'), 'utf8'));
  const referral = json.actions.find((a: { id: string }) => a.id === 'allied-review');
  delete referral.joinable;
  json.institutions.verificationBodies[0].reliability = 1;
  json.indicators.find((i: { id: string }) => i.id === 'recovery').initial = 80;
  writeFileSync(join(dir, 'notpetya-2017.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('NotPetya: a raise at the OSCE and an allied review in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let ukr: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  async function draft(name: string, rationale: string): Promise<void> {
    const item = ukr.locator('li.action').filter({ has: ukr.locator('.action-name', { hasText: name }) }).first();
    await item.locator('summary').click();
    const form = ukr.getByRole('form', { name: `Draft: ${name}` });
    await form.getByLabel('Incident').selectOption('notpetya').catch(() => {});
    await form.getByLabel('Rationale: why this, why now').fill(rationale);
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  const panel = () => ukr.locator('section.norms').innerText();

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-notpetya-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('shows the violation raised, the track under discussion and the review confirming the attribution', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'notpetya-2017');

    ukr = await open('Ukraine');
    await joinWithCode(ukr, rig.base, codes['Ukraine']!, 'Ukraine lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await ukr.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    // NotPetya struck protected targets; the track has not started.
    await expect.poll(() => ukr.locator('.norms-struck').first().innerText(), SLOW).toContain('in violation of UN GGE 2015 norm 13(f)');
    expect(await panel()).toContain('Norms track: not raised yet');

    await draft(RAISE, 'Ministries, banks and the grid were hit: put it before the OSCE, with Russia at the table.');
    await draft(REFERRAL, 'Let the allies test our case before anyone sanctions on it.');

    await advance('Resolve round 1 now');
    await expect.poll(panel, SLOW).toContain('Raised in the OSCE (confidence-building measures) by Ukraine (round 1)');
    await expect.poll(() => ukr.locator('body').innerText(), SLOW).toContain('will examine the attribution of "NotPetya"');

    await advance('Open round 2');
    await advance('Resolve round 2 now');
    await expect.poll(panel, SLOW).toContain('Norms track: under discussion');
    await expect.poll(() => ukr.locator('.feed').innerText(), SLOW).toContain('Allied peer review reports on "NotPetya"');
    // The attack was state-executed and the review always reaches a firm finding here: it confirms.
    expect(await ukr.locator('.feed').innerText()).toMatch(/Allied peer review confirms the attribution/);
    expect(errors).toEqual([]);
  }, 150_000);
});
