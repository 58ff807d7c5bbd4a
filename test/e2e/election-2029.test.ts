/**
 * In Chromium, against the real server and the built client: in the
 * election-2029 scenario Germany answers both adversaries. In round 1 it
 * attributes the ransomware on its municipal IT to the criminal group and
 * restores the towns' networks; in round 2, when the campaign's e-mails are
 * leaked, it attributes the hack and leak to the state's service. Its board
 * shows the two postures side by side throughout, and its feed the lead that
 * ties the crew's servers to the service's phishing.
 *
 * The scenario is the shipped election-2029 with two changes so that the test
 * measures the screens, not the dice: Germany starts with moderate confidence
 * on both incidents (in the shipped file it has to investigate first), and
 * confidence in the vote and the towns' services start high enough that no
 * round ends the exercise early. It is served from a folder of its own.
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
const ATTRIBUTE = 'National public attribution';
const RESTORE = 'Restore municipal IT';
const RANSOM = 'Ransomware on municipal IT and election offices';
const LEAK = "Hack and leak of a campaign's e-mails";

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'scenarios/election-2029.json'), 'utf8'));
  const deu = json.teams.find((t: { id: string }) => t.id === 'deu');
  deu.startingEvidence = { 'municipal-ransom': 4, 'campaign-leak': 4 };
  for (const id of ['vote-confidence', 'services']) json.indicators.find((i: { id: string }) => i.id === id).initial = 95;
  writeFileSync(join(dir, 'election-2029.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('election-2029: the ransomware named to the crew, the leak to the state, in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let deu: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  async function draft(name: string, incident: string | null, rationale: string): Promise<void> {
    const item = deu.locator('li.action').filter({ has: deu.locator('.action-name', { hasText: name }) }).first();
    await item.locator('summary').click();
    const form = deu.getByRole('form', { name: `Draft: ${name}` });
    if (incident) await form.getByLabel('Incident').selectOption(incident);
    await form.getByLabel('Rationale: why this, why now').fill(rationale);
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-election-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('names BlackFern for the ransomware in round 1 and the service for the leak in round 2, with both postures on the board', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'election-2029');

    deu = await open('Germany');
    await joinWithCode(deu, rig.base, codes['Germany']!, 'Germany lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await deu.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    // Both adversaries are on the board, each with its own posture.
    const facts = deu.locator('.board-summary .headline-facts');
    await expect.poll(() => facts.locator('[data-actor="crew"]').innerText(), SLOW).toContain('BlackFern ransomware group:');
    expect(await facts.innerText()).toContain("Federation intelligence service:");
    expect(await facts.locator('[data-actor="crew"]').innerText()).toMatch(/Probing/);

    // Round 1: the ransomware is a crime; name the group, and restore the towns whatever the attribution.
    await draft(ATTRIBUTE, 'municipal-ransom', 'BlackFern, a criminal group working from the Federation, encrypted our towns: the BKA and the FBI have traced its payouts.');
    await draft(RESTORE, null, 'Registry offices and the electoral roll must be back before the polling cards go out.');
    await advance('Resolve round 1 now');
    await expect.poll(() => deu.locator('body').innerText(), SLOW).toContain(`"${RANSOM}" attributed publicly.`);

    // Round 2: the leak is the state's own operation; the feed carries the lead that ties the crew's host to the service.
    await advance('Open round 2');
    await expect.poll(() => deu.locator('.feed').innerText(), SLOW).toContain('The crew and the service share a host');
    expect(await deu.locator('.feed').innerText()).toContain("The campaign's e-mails online");
    await draft(ATTRIBUTE, 'campaign-leak', "The phishing kit, the infrastructure and the timing point to the Federation's service: we say so, at moderate confidence.");
    await advance('Resolve round 2 now');
    await expect.poll(() => deu.locator('body').innerText(), SLOW).toContain(`"${LEAK}" attributed publicly.`);

    // Each actor still has a posture of its own after two rounds.
    expect(await facts.locator('[data-actor="crew"]').innerText()).toMatch(/BlackFern ransomware group:\s*(Probing|Emboldened|Deterred|Tit-for-tat|De-escalating)/);
    expect((await facts.innerText()).split('\n').join(' ')).toMatch(/Federation intelligence service:\s*(Probing|Emboldened|Deterred|Tit-for-tat|De-escalating)/);
    expect(errors).toEqual([]);
  }, 180_000);

  it('calls the debrief notes of a fiction what they are: the precedents behind it, not a record', async () => {
    await fac.locator('summary', { hasText: 'End the exercise early' }).click();
    await fac.locator('#end-reason').fill('Out of time');
    await fac.getByRole('button', { name: 'End the exercise now' }).click();
    await fac.getByRole('button', { name: 'Yes, end it now' }).click();
    await deu.getByRole('heading', { name: /^Debrief:/ }).waitFor({ timeout: 20_000 });
    await deu.getByRole('heading', { name: 'Behind the fiction' }).waitFor();
    expect(await deu.getByRole('heading', { name: 'What really happened' }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
