/**
 * In Chromium, against the real server and the built client. On the EU track
 * (eu-2015-2020): France offers the GRU arbitration of its claim on the
 * Macron Leaks; the tribunal is seized, and the draft of a countermeasure
 * then says, before it is locked, that countermeasures are suspended while
 * the tribunal sits (ILC Art. 52(3)(b)). That track is the shipped one with
 * the adversary certain to accept, the Macron Leaks from round 1 and France at
 * high confidence, served from a folder of its own.
 *
 * On the shipped election-2029, unchanged: once France has named the service
 * for its clone sites, the Federation proposes OSCE mediation at the start of
 * round 3; Germany reads the offer, accepts it, and talks open through the
 * mediator.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole, startBrowserRig, startRigWithScenarios } from '../helpers/browser';
import { playOpeningRounds, setUpTable, type Table } from '../helpers/exercise';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const LEAKS = '"Macron Leaks" hack-and-leak (5 May 2017)';
const ARBITRATION = 'Offer arbitration of the claim';
const COUNTERMEASURE = 'Reversible disruption of GRU infrastructure';
const ACCEPT = "Accept the Federation's offer of OSCE mediation";
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
}

const action = (page: Page, name: string) => page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: name }) }).first();

async function openDraft(page: Page, name: string, incident?: string): Promise<Locator> {
  await action(page, name).locator(':scope > details > summary').click();
  const form = page.getByRole('form', { name: `Draft: ${name}` });
  if (incident) await form.getByLabel('Incident').selectOption({ label: incident });
  return form;
}

/** Drafts the action with a rationale and adds it to the team's plan. */
async function draft(page: Page, name: string, rationale: string, incident?: string): Promise<void> {
  const form = await openDraft(page, name, incident);
  await form.getByLabel('Rationale: why this, why now').fill(rationale);
  await form.getByRole('button', { name: 'Add to our plan' }).click();
  await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
}

describe.skipIf(!HAVE_CHROMIUM)('dispute settlement in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);
  const text = (page: Page) => page.locator('body').innerText();

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
});

describe.skipIf(!HAVE_CHROMIUM)("the adversary's offer of mediation in the browser, on the shipped election-2029", () => {
  let rig: BrowserRig;
  let table: Table | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-dispute-offer-');
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    table?.close();
    await rig?.close();
  }, 60_000);

  it('shows Germany the mediation the Federation proposes once it is named, lets it accept, and opens talks through the mediator', async () => {
    table = await setUpTable(rig.base, { scenarioId: 'election-2029', seed: 'mediation', observer: false });
    const { facilitator, created } = table;
    const france = table.teams['fra']![0]!;
    // France investigates the clone sites in round 1 and names the service for them in round 2.
    await playOpeningRounds(table, 'fra', [
      { action: 'investigate', incident: 'clone-network', rationale: 'Match the signatures.' },
      { action: 'national-attribution', incident: 'clone-network', rationale: 'Name the service.' },
    ]);
    await expect.poll(() => france.view?.round, SLOW).toBe(3);

    const deu = await openSeatPage(rig.browser, contexts, errors, 'Germany');
    await joinWithCode(deu, rig.base, created.codes.teams['deu']!, 'Dieter');
    await deu.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await expect.poll(() => deu.locator('body').innerText(), SLOW).toContain('The Federation proposes OSCE mediation');
    expect(await deu.locator('body').innerText()).toContain('Federation intelligence service proposes mediation by the OSCE Chairmanship.');
    await draft(deu, ACCEPT, 'A mediator gives us a channel without conceding the attribution.');
    await facilitator.must({ type: 'advance' });
    await expect
      .poll(() => deu.locator('body').innerText(), SLOW)
      .toContain('Mediation by the OSCE Chairmanship begins: a channel to Federation intelligence service is open and talks can start.');
    expect(await axeSerious(deu)).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);
});
