/**
 * In Chromium, against the real server and the built client: the United
 * States takes a criminal case through its steps on the intrusion into the
 * party committee networks of us-2016. It asks the Netherlands and Russia
 * for legal assistance (both answers delayed a round: the Netherlands
 * grants, Russia refuses a case against its own officers), indicts, obtains
 * an arrest warrant and demands that Russia prosecute or extradite; Russia
 * shelters the indicted, and one of them is arrested abroad when he
 * travels. The United Kingdom, no party to the requests, reads none of the
 * answers.
 *
 * The scenario is the shipped us-2016 with the United States at high
 * confidence on the intrusion, the Netherlands certain to grant and the
 * indicted certain to travel, so that one play shows every step; served
 * from a folder of its own.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole, startRigWithScenarios } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const INCIDENT = 'Intrusion into the party committee networks';
const MLA_NL = 'Ask the Netherlands for legal assistance';
const MLA_RU = 'Request for mutual legal assistance';
const INDICT = 'Criminal indictment of named officers';
const WARRANT = 'Obtain an arrest warrant for the indicted';
const DEMAND = 'Demand that Russia prosecute or extradite';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'scenarios/us-2016.json'), 'utf8'));
  json.teams.find((t: { id: string }) => t.id === 'usa').startingEvidence = { 'dnc-intrusion': 9 };
  json.prosecution.mla.states.find((s: { id: string }) => s.id === 'netherlands').grantChance = 1;
  json.prosecution.extradition.travelChance = 1;
  writeFileSync(join(dir, 'us-2016.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('a criminal case in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let usa: Page;
  let uk: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);
  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);
  const text = (page: Page) => page.locator('body').innerText();

  async function draft(name: string, rationale: string): Promise<void> {
    const item = usa.locator('li.action').filter({ has: usa.locator('.action-name', { hasText: name }) }).first();
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: `Draft: ${name}` });
    await form.getByLabel('Incident').selectOption({ label: INCIDENT }).catch(() => {});
    await form.getByLabel('Rationale: why this, why now').fill(rationale);
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-criminal-case-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('asks two states for legal assistance and reads their answers a round later: granted by the Netherlands, refused by Russia', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'us-2016');
    usa = await open('United States');
    await joinWithCode(usa, rig.base, codes['United States']!, 'US lead');
    uk = await open('United Kingdom');
    await joinWithCode(uk, rig.base, codes['United Kingdom']!, 'UK lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await draft(MLA_NL, 'The Dutch hold records on the intruders’ servers.');
    await draft(MLA_RU, 'Put the request on record, though Russia will refuse it.');
    await draft(INDICT, 'Charge the officers the evidence names.');

    await advance('Resolve round 1 now');
    // Both requests wait a round; the indictment charges the case.
    await expect.poll(() => text(usa), SLOW).toContain(`A request for legal assistance on "${INCIDENT}" goes to the Netherlands; an answer is due in 2 rounds, counting this one.`);
    expect(await text(usa)).toContain(`A request for legal assistance on "${INCIDENT}" goes to Russia; an answer is due in 2 rounds, counting this one.`);
    expect(await text(usa)).not.toContain('grants the request');
    await expect.poll(() => usa.locator('.case-line').first().innerText(), SLOW).toContain('indicted by United States');

    await advance('Open round 2');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await draft(WARRANT, 'A warrant makes every journey abroad a risk for them.');
    await draft(DEMAND, 'Russia must try them or hand them over.');
    await advance('Resolve round 2 now');

    await expect.poll(() => text(usa), SLOW).toContain(`the Netherlands grants the request for legal assistance on "${INCIDENT}": the records it sends add 2 evidence points.`);
    expect(await text(usa)).toContain(`Russia refuses the request for legal assistance on "${INCIDENT}": it will not assist a case against its own officers.`);
    // The answers are the requesting government's: the United Kingdom reads neither.
    const ukText = await text(uk);
    expect(ukText).not.toContain('grants the request for legal assistance');
    expect(ukText).not.toContain('refuses the request for legal assistance');
  }, 150_000);

  it('issues a warrant, records the safe harbour Russia gives the indicted, and reports an arrest abroad', async () => {
    const body = await text(usa);
    expect(body).toContain(`A court of United States issues an arrest warrant on "${INCIDENT}"`);
    expect(body).toContain(`refuses to prosecute or extradite the indicted in "${INCIDENT}": it shelters them`);
    await expect.poll(() => text(usa), SLOW).toContain(`An officer indicted in "${INCIDENT}" is arrested abroad on the warrant of United States`);
    // Safe harbour and the arrest are public: the United Kingdom reads them too.
    await expect.poll(() => text(uk), SLOW).toContain('refuses to prosecute or extradite');
    const line = await usa.locator('.case-line').first().innerText();
    expect(line).toContain('warrant of United States');
    expect(line).toMatch(/arrest(ed)? in round 2/i);
    expect(await axeSerious(usa)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
