/**
 * In Chromium, against the real server and the built client, on the EU track
 * (eu-2015-2020): France offers the GRU arbitration of its claim on the
 * Macron Leaks; the tribunal is seized, and the draft of a countermeasure
 * then says, before it is locked, that countermeasures are suspended while
 * the tribunal sits (ILC Art. 52(3)(b)). In a second exercise Moscow itself
 * proposes mediation, Germany accepts it, and talks open through the
 * mediator.
 *
 * The scenario is the shipped EU track with the adversary certain to accept,
 * the Macron Leaks from round 1 with France at high confidence, and, for the
 * second exercise, Moscow's proposal as an inject and an action to accept
 * it; served from a folder of its own.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole, startRigWithScenarios } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const LEAKS = '"Macron Leaks" hack-and-leak (5 May 2017)';
const ARBITRATION = 'Offer arbitration of the claim';
const COUNTERMEASURE = 'Reversible disruption of GRU infrastructure';
const ACCEPT = 'Accept the offer of mediation';
const TRIBUNAL = 'an arbitral tribunal under the PCA Optional Rules';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'scenarios/eu-2015-2020.json'), 'utf8'));
  json.institutions.disputeSettlement.acceptChance = { mediation: 1, arbitration: 1 };
  const leaks = json.incidents.find((i: { id: string }) => i.id === 'macron-leaks');
  leaks.startsInRound = 1;
  json.teams.find((t: { id: string }) => t.id === 'fra').startingEvidence = { 'macron-leaks': 9 };
  writeFileSync(join(dir, 'eu-2015-2020.json'), JSON.stringify(json, null, 2));
  // The same track, in which Moscow proposes mediation in round 1 and a government may accept it.
  json.id = 'eu-2015-2020-offer';
  json.meta.title = 'EU track, Moscow proposes mediation';
  json.injects.push({
    id: 'moscow-proposes-mediation',
    title: 'Moscow proposes OSCE mediation',
    body: 'The Russian foreign ministry proposes that the OSCE Chairmanship mediate between Russia and the governments accusing it.',
    round: 1,
    audience: 'all',
    effects: [{ send: { chart: 'dispute', event: 'OFFER_MEDIATION' } }],
  });
  json.actions.push({
    id: 'accept-offer',
    name: ACCEPT,
    description: 'Accept the mediation Moscow proposes.',
    category: 'deEscalation',
    severity: 0,
    rung: 1,
    reversibility: 1,
    minConfidence: 'none',
    targetsIncident: false,
    spillover: 'none',
    responseType: 'domestic',
    cost: { capital: 1 },
    availableTo: ['deu', 'fra', 'uk', 'usa'],
    dispute: 'acceptOffer',
  });
  writeFileSync(join(dir, 'eu-2015-2020-offer.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('dispute settlement in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);
  const text = (page: Page) => page.locator('body').innerText();
  const action = (page: Page, name: string) => page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: name }) }).first();

  async function openDraft(page: Page, name: string, incident?: string) {
    await action(page, name).locator(':scope > details > summary').click();
    const form = page.getByRole('form', { name: `Draft: ${name}` });
    if (incident) await form.getByLabel('Incident').selectOption({ label: incident });
    return form;
  }

  /** The countermeasure's draft on the leaks, with prior notice given (so that only the tribunal can stand in its way). */
  async function countermeasureDraft(page: Page): Promise<Locator> {
    const form = await openDraft(page, COUNTERMEASURE, LEAKS);
    await form.getByRole('checkbox', { name: /^Prior notice/ }).check();
    return form;
  }

  /** The preview's explanation of its estimate, unfolded. */
  async function whyEstimate(form: Locator): Promise<string> {
    const details = form.locator('.preview details.score');
    await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    return details.innerText();
  }

  async function draft(page: Page, name: string, rationale: string, incident?: string): Promise<void> {
    const form = await openDraft(page, name, incident);
    await form.getByLabel('Rationale: why this, why now').fill(rationale);
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-dispute-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('offers the adversary arbitration; once the tribunal is seized, a countermeasure is named suspended before it is locked', async () => {
    const fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'eu-2015-2020');
    const fra = await open('France');
    await joinWithCode(fra, rig.base, codes['France']!, 'France lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advanceConsole(fac, 'Begin round 1');
    await fra.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    // Before any tribunal, the countermeasure's estimate does not speak of one.
    let form = await countermeasureDraft(fra);
    await expect.poll(() => form.locator('.preview').innerText(), SLOW).toMatch(/\d+\/100/);
    await expect.poll(() => whyEstimate(form), SLOW).not.toContain('went ahead as a countermeasure without first calling');
    expect(await whyEstimate(form)).not.toContain('tribunal');
    await action(fra, COUNTERMEASURE).locator(':scope > details > summary').click();

    await draft(fra, ARBITRATION, 'Let a tribunal rule on the leak before anyone strikes back.', LEAKS);
    await advanceConsole(fac, 'Resolve round 1 now');
    await expect.poll(() => text(fra), SLOW).toContain(`The dispute goes to ${TRIBUNAL}: while it is seized and Russian military intelligence (GRU) takes part in good faith, countermeasures are suspended (ILC Art. 52(3)(b)).`);
    expect(await text(fra)).toContain('Russian military intelligence (GRU) accepts arbitration.');

    await advanceConsole(fac, 'Open round 2');
    await fra.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    form = await countermeasureDraft(fra);
    await expect.poll(() => form.locator('.preview').innerText(), SLOW).toMatch(/\d+\/100/);
    await expect
      .poll(() => whyEstimate(form), SLOW)
      .toContain(`${COUNTERMEASURE} went ahead while a court or tribunal with binding authority was seized of the dispute; countermeasures are suspended while it is (ILC Art. 52(3)(b)).`);
    expect(await axeSerious(fra)).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);

  it('shows a government the mediation the adversary proposes, lets it accept, and opens talks through the mediator', async () => {
    const fac = await open('facilitator 2');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'eu-2015-2020-offer');
    const deu = await open('Germany');
    await joinWithCode(deu, rig.base, codes['Germany']!, 'Germany lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advanceConsole(fac, 'Begin round 1');
    await deu.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await expect.poll(() => text(deu), SLOW).toContain('Moscow proposes OSCE mediation');
    await draft(deu, ACCEPT, 'A mediator gives us a channel without conceding the attribution.');
    await advanceConsole(fac, 'Resolve round 1 now');
    await expect.poll(() => text(deu), SLOW).toContain('Mediation by the OSCE Chairmanship begins: a channel to Russian military intelligence (GRU) is open and talks can start.');
    expect(errors).toEqual([]);
  }, 150_000);
});
