/**
 * In Chromium, against the real server and the built client: the United
 * States sanctions the persons behind a mail hack; the adversary routes
 * around the sanctions through front companies, which the United States'
 * own banks report; it designates the facilitators through the action
 * panel, and its screen shows the channel narrowed and what the designation
 * cost France, exposed and not consulted. The facilitator's console shows
 * the channel before it opens. Then it obliges its own banks to screen for
 * the channel, as far as its exposure reaches.
 *
 * The scenario is the engine's rich fixture with one evasion channel and a
 * designation action, served from a folder of its own.
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
const SANCTIONS = 'US targeted sanctions';
const DESIGNATE = 'Designate the facilitators of evasion';
const SCREEN = 'Screening obligations on banks and registries';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

/** The rich fixture with the United States at moderate confidence on the mail hack, one evasion channel and a designation. */
function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/engine-rich.json'), 'utf8'));
  json.teams.find((t: { id: string }) => t.id === 'usa').startingEvidence = { 'mail-hack': 4 };
  json.sanctions = {
    ...json.sanctions,
    challengeChance: 0,
    evasion: {
      channels: [
        {
          id: 'fronts',
          name: 'Front companies in Cyprus',
          kind: 'shellCompanies',
          description: 'Payments through companies whose owners no register shows.',
          leak: 0.4,
          openChance: 1,
          sanctions: ['us-sanctions'],
          exposed: [
            { team: 'usa', share: 0.25, basis: 'dollar clearing' },
            { team: 'fra', share: 0.5, basis: 'banks in Paris' },
          ],
        },
      ],
      lagRounds: 0,
    },
  };
  json.actions.push({
    id: 'designate-fronts',
    name: DESIGNATE,
    description: 'A secondary measure against the front companies, reaching only those with a nexus to the evasion.',
    category: 'economic',
    severity: 3,
    rung: 4,
    reversibility: 0.8,
    minConfidence: 'none',
    targetsIncident: false,
    spillover: 'low',
    responseType: 'retorsion',
    legalBasis: 'ieepa',
    cost: { capital: 2 },
    evasion: { step: 'designate', channels: ['fronts'] },
  });
  json.actions.push({
    id: 'screen-fronts',
    name: SCREEN,
    description: 'Obliges banks, company registries and exchanges to screen for the front companies and report what they find.',
    category: 'legal',
    severity: 1,
    rung: 1,
    reversibility: 0.9,
    minConfidence: 'none',
    targetsIncident: false,
    spillover: 'low',
    responseType: 'domestic',
    cost: { capital: 1 },
    evasion: { step: 'screen', channels: ['fronts'] },
  });
  writeFileSync(join(dir, 'engine-rich.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('sanctions evasion in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let usa: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  async function draft(name: string, rationale: string, incident?: string): Promise<void> {
    const item = usa.locator('li.action').filter({ has: usa.locator('.action-name', { hasText: name }) }).first();
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: `Draft: ${name}` });
    if (incident) await form.getByLabel('Incident').selectOption(incident).catch(() => {});
    await form.getByLabel('Rationale: why this, why now').fill(rationale);
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  const channelPanel = () => usa.locator('section.evasion');

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-evasion-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('shows the channel the adversary opens, takes a designation through the action panel, and shows the channel narrowed and its cost', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'engine-rich');

    usa = await open('United States');
    await joinWithCode(usa, rig.base, codes['United States']!, 'US lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    expect(await channelPanel().count()).toBe(0);
    // The facilitator sees every channel, dormant ones included.
    await expect.poll(() => fac.locator('section.evasion').innerText(), SLOW).toContain('Front companies in Cyprus');
    expect(await fac.locator('section.evasion').innerText()).toContain('Stage: not in use');
    await draft(SANCTIONS, 'Sanction the officers behind the leak.', 'mail-hack');

    await advance('Resolve round 1 now');
    // The package enters into force and the adversary routes around it; the United States' banks report it.
    await expect.poll(() => channelPanel().innerText(), SLOW).toContain('Front companies in Cyprus');
    let panel = await channelPanel().innerText();
    expect(panel).toContain('Stage: open since round 1');
    expect(panel).toContain("Leaking: 40% of the sanctions' bite");
    expect(panel).toContain('Exposed: United States (25% of the flows: dollar clearing); France (50% of the flows: banks in Paris).');
    await expect.poll(() => usa.locator('body').innerText(), SLOW).toContain('Sanctions evasion: Front companies in Cyprus');

    await advance('Open round 2');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await draft(DESIGNATE, 'Cut the front companies off from the dollar.');
    await advance('Resolve round 2 now');
    await expect.poll(() => channelPanel().innerText(), SLOW).toContain('narrowed by enforcement');
    panel = await channelPanel().innerText();
    expect(panel).toContain("Leaking: 20% of the sanctions' bite");
    expect(panel).toContain(
      'Round 2: United States designates its facilitators; cost to the exposed: United States 1, consulted; France 2, not consulted (imposed over the exposure of France without consulting them).',
    );
    const body = await usa.locator('body').innerText();
    expect(body).toContain('Enforcement narrows Front companies in Cyprus: part of the flows stop, and it now leaks half of what it did.');
    expect(body).toContain('France bears a cost of 2 without being consulted');
    // The same panel in French, then German: its chrome translated, numbers the language's way, axe content.
    await usa.locator('select.lang').selectOption('fr');
    await expect.poll(() => channelPanel().innerText(), SLOW).toContain('Contournement des sanctions');
    panel = (await channelPanel().innerText()).replace(/[\u00a0\u202f]/g, ' ');
    for (const words of ['Stade :', 'resserré par les mesures d’exécution', 'Fuite :', '20 % de l’effet des sanctions', 'Exposés : United States (25 % des flux : dollar clearing)', 'Tour 2 :', 'désigne ses facilitateurs', 'non consulté'])
      expect(panel).toContain(words);
    for (const english of ['Sanctions evasion', 'Stage:', 'Leaking', 'Enforcement pressure', 'of the flows', 'Round 2', 'not consulted']) expect(panel).not.toContain(english);
    expect(await axeSerious(usa)).toEqual([]);
    await usa.locator('select.lang').selectOption('de');
    await expect.poll(() => channelPanel().innerText(), SLOW).toContain('Umgehung von Sanktionen');
    panel = await channelPanel().innerText();
    for (const words of ['Stand:', 'durch Durchsetzung verengt', 'Durchsetzungsdruck:', 'Runde 2:', 'listet seine Vermittler', 'nicht konsultiert']) expect(panel).toContain(words);
    await usa.locator('select.lang').selectOption('en');
    if (process.env.EVASION_SHOTS) {
      await channelPanel().scrollIntoViewIfNeeded();
      await usa.screenshot({ path: join(process.env.EVASION_SHOTS, 'evasion-1366.png') });
      await usa.setViewportSize({ width: 390, height: 768 });
      await channelPanel().scrollIntoViewIfNeeded();
      await usa.screenshot({ path: join(process.env.EVASION_SHOTS, 'evasion-390.png') });
    }
    expect(errors).toEqual([]);
  }, 150_000);

  it("screens for the channel through the action panel, where the United States' own firms see a quarter of the flows", async () => {
    const pressure = async () => Number((await channelPanel().innerText()).match(/Enforcement pressure:\s*([\d.]+)/)![1]);
    const before = await pressure();
    await advance('Open round 3');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await draft(SCREEN, 'Make our banks report the front companies.');
    await advance('Resolve round 3 now');
    await expect.poll(() => channelPanel().innerText(), SLOW).toContain('Round 3: United States screens for it.');
    expect(await usa.locator('body').innerText()).toContain(
      'United States obliges the banks, registries and exchanges in its jurisdiction to screen for Front companies in Cyprus (25% of its flows pass through them).',
    );
    expect(await pressure()).toBeGreaterThan(before);
    expect(errors).toEqual([]);
  }, 120_000);
});
