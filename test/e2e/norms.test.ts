/**
 * In Chromium, against the real server and the built client: the waves
 * against Estonia strike a hospital (a protected target); Estonia raises
 * the attacks at the United Nations; over the rounds the norms track moves
 * from raised to under discussion; and the attackers, who struck in the
 * round after the raise, hold back from the protected targets once the
 * track's reputational cost bites. Estonia's screen shows each step.
 *
 * The scenario is the shipped tutorial with the hospital among the waves'
 * targets, the heaviest wave certain whenever the attackers are not
 * deterred (and never deterred), and a cost that bites fully once the norm
 * is under discussion: what the test measures is the track, not the dice.
 * It is served from a folder of its own.
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
const RAISE = 'Raise the attacks at the United Nations';
const HEAVIEST_WAVE = '9 May: the heaviest wave yet.';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'scenarios/tutorial.json'), 'utf8'));
  const ddos = json.incidents.find((i: { id: string }) => i.id === 'ddos');
  ddos.targets = ['health', ...ddos.targets];
  json.norms.protected.push({ category: 'health', why: 'A hospital serves the public; norm 13(f) protects it.', sources: ['un-gge-2015'] });
  json.norms.stages = { raised: { cost: 0 }, discussed: { afterRounds: 1, cost: 1 }, endorsed: { afterRounds: 1, endorsers: 1, cost: 1 }, reported: { afterRounds: 1, cost: 1 } };
  const wave = json.adversary.moves.find((m: { id: string }) => m.id === 'victory-day-wave');
  wave.phases = ['first-wave', 'peak', 'aftermath'];
  wave.chance = 1;
  wave.targets = ['health', 'finance'];
  json.adversary.tuning.maxDeterrence = 0;
  // The heaviest wave strikes in every run here; whatever seed the server draws, the services must hold until round 3.
  json.indicators.find((i: { id: string }) => i.id === 'services').initial = 100;
  json.endConditions.find((c: { id: string }) => c.id === 'services-collapse').when.value = 0;
  writeFileSync(join(dir, 'tutorial.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('the norms track in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let est: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  const panel = () => est.locator('section.norms').innerText();
  const results = () => est.locator('body').innerText();

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-norms-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('shows the hospital struck, the raise at the UN, the track advancing and the attackers holding back', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'tutorial');

    est = await open('Estonia');
    await joinWithCode(est, rig.base, codes['Estonia']!, 'Estonia lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await est.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    // The incident struck a hospital: a violation, shown under it; the track has not started.
    await expect.poll(() => est.locator('.norms-struck').first().innerText(), SLOW).toContain(
      'Struck a protected target: hospitals and health services, banks and financial services, in violation of UN GGE 2015 norm 13(f)',
    );
    expect(await panel()).toContain('Norms track: not raised yet');

    const item = est.locator('li.action').filter({ has: est.locator('.action-name', { hasText: RAISE }) }).first();
    await item.locator('summary').click();
    const form = est.getByRole('form', { name: `Draft: ${RAISE}` });
    await form.getByLabel('Incident').selectOption('ddos').catch(() => {});
    await form.getByLabel('Rationale: why this, why now').fill('A hospital was hit: put it before the UN.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');

    await advance('Resolve round 1 now');
    await expect.poll(results, SLOW).toContain('as a violation of UN GGE 2015 norm 13(f)');
    await expect.poll(panel, SLOW).toContain('Raised in the United Nations (First Committee and its group of governmental experts) by Estonia (round 1)');
    expect(await panel()).toContain('Norms track: raised');

    // Round 2: raised, not yet discussed, so it costs the attackers nothing yet: the heaviest wave strikes.
    await advance('Open round 2');
    await advance('Resolve round 2 now');
    await expect.poll(() => est.locator('.results').innerText(), SLOW).toContain(HEAVIEST_WAVE);
    await expect.poll(panel, SLOW).toContain('Norms track: under discussion');
    expect(await panel()).toContain('Reputational cost for The attackers (sponsor unproven): 100 %');

    // Round 3: under discussion, the cost bites: the attackers pass the protected targets up, and the screen says so.
    await advance('Open round 3');
    await advance('Resolve round 3 now');
    await expect.poll(() => est.locator('.results').innerText(), SLOW).toContain('held back from striking protected targets this round');
    expect(await est.locator('.results').innerText()).not.toContain(HEAVIEST_WAVE);
    await expect.poll(panel, SLOW).toContain('held back from protected targets in round 3');
    expect(errors).toEqual([]);
  }, 150_000);
});
