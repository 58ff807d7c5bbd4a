/**
 * In Chromium, against the real server and the built client: the United
 * States attributes a mail hack on the day a leak site takes most of the
 * news cycle, and asks a platform to disclose what it holds. After the
 * round its screen shows that the statement held little of its public's
 * attention, and why; the platform, bound by a statutory duty, discloses,
 * and the evidence raises the government's confidence in the attribution
 * panel.
 *
 * The scenario is the engine's rich fixture with a public per government,
 * "A leak site goes live" in the news cycle and one platform, served from
 * a folder of its own.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole, startRigWithScenarios } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const ATTRIBUTE = 'Attribute publicly';
const DISCLOSE = 'Ask Chirp to disclose';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

function writeScenario(dir: string): void {
  const json = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/engine-rich.json'), 'utf8'));
  json.teams.find((t: { id: string }) => t.id === 'usa').startingEvidence = { 'mail-hack': 4 };
  json.publicOpinion = {
    publics: [
      { team: 'usa', trust: 50 },
      { team: 'fra', trust: 50 },
      { team: 'deu', trust: 50 },
    ],
    newsCycle: [{ inject: 'press', share: 0.8 }],
    jitter: 0,
    influence: { incidents: ['mail-hack'], harmPerRound: 0.5 },
  };
  json.platforms = [
    {
      id: 'chirp',
      name: 'Chirp',
      incidents: ['mail-hack'],
      duties: [{ teams: ['usa'], duty: 'statutory', requests: ['disclosure'], basis: 'the Online Duties Act, s. 9' }],
      answerAfterRounds: 0,
      evidence: 2,
      reachCut: 20,
    },
  ];
  json.actions.push({
    id: 'chirp-disclosure',
    name: DISCLOSE,
    description: 'Ask Chirp to hand over the accounts behind the leak.',
    category: 'investigate',
    severity: 0,
    rung: 0,
    reversibility: 1,
    minConfidence: 'none',
    spillover: 'none',
    responseType: 'domestic',
    cost: { capital: 1 },
    platform: { company: 'chirp', request: 'disclosure' },
  });
  writeFileSync(join(dir, 'engine-rich.json'), JSON.stringify(json, null, 2));
}

describe.skipIf(!HAVE_CHROMIUM)('the public and the platforms in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let usa: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  async function draft(name: string, fill: (form: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}): Promise<void> {
    const item = usa.locator('li.action').filter({ has: usa.locator('.action-name', { hasText: name }) }).first();
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: `Draft: ${name}` });
    await form.getByLabel('Incident').selectOption('mail-hack').catch(() => {});
    await fill(form);
    await form.getByLabel('Rationale: why this, why now').fill('Say it, and ask for the records.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
  }

  const ourConfidence = () => usa.locator('.intel-item', { hasText: 'Party mail hack' }).first().innerText();

  beforeAll(async () => {
    rig = await startRigWithScenarios('firebreak-actors-', writeScenario);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('a statement made into a crowded news cycle holds little attention; a disclosure request is answered and its evidence shows in attribution', async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'engine-rich');

    usa = await open('United States');
    await joinWithCode(usa, rig.base, codes['United States']!, 'US lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    // Before anything is said: the public as it starts, and the platform's duty towards this government.
    const panel = usa.locator('section.actors');
    await expect.poll(() => panel.innerText(), SLOW).toContain('Trust in your account: 50/100');
    expect(await panel.innerText()).toContain('Chirp: must comply with disclosure (the Online Duties Act, s. 9)');
    expect(await ourConfidence()).toMatch(/moderate/i);

    await draft(ATTRIBUTE, async (form) => form.getByLabel(/statement of reasons/i).check());
    await draft(DISCLOSE);
    await advance('Resolve round 1 now');

    await expect.poll(() => panel.locator('.public-attention').innerText(), SLOW).toBe('20');
    const text = await panel.innerText();
    expect(text).toContain('Your statement held 20 of 100 of the public\'s attention: "A leak site goes live" occupied the news cycle; trust +2.');
    expect(text).toContain('Trust in your account: 52/100');
    expect(await panel.locator('table.platform-requests').innerText()).toMatch(/Chirp\s+Disclosure\s+Party mail hack\s+1\s+disclosed/);
    // The disclosure's two points take the United States from moderate (5) to high (7) confidence.
    await expect.poll(ourConfidence, SLOW).toMatch(/high/i);
    expect(await usa.locator('body').innerText()).toContain('Chirp discloses the accounts and advertising behind "Party mail hack": 2 evidence points for the attribution');

    // The same panel in French and German: its chrome translated, axe content.
    await usa.locator('select.lang').selectOption('fr');
    await expect.poll(() => panel.innerText(), SLOW).toContain('Opinion publique et plateformes');
    let words = (await panel.innerText()).replace(/[\u00a0\u202f]/g, ' ');
    for (const w of ['Confiance dans votre version : 52/100', 'Pression intérieure', 'doit se conformer aux demandes de divulgation', 'Vos demandes aux plateformes', 'Divulgation', 'divulgué'])
      expect(words).toContain(w);
    for (const english of ['Public and platforms', 'Trust in your account', 'Domestic pressure', 'must comply', 'Your requests to platforms', 'Platform\t']) expect(words).not.toContain(english);
    expect(await axeSerious(usa)).toEqual([]);
    await usa.locator('select.lang').selectOption('de');
    await expect.poll(() => panel.innerText(), SLOW).toContain('Öffentlichkeit und Plattformen');
    words = await panel.innerText();
    for (const w of ['Vertrauen in Ihre Darstellung: 52/100', 'Innenpolitischer Druck', 'muss Ersuchen um Offenlegung nachkommen', 'Ihre Ersuchen an Plattformen', 'offengelegt']) expect(words).toContain(w);
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await usa.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await usa.screenshot({ path: join(ROOT, 'test-results/screens', `actors-team-de@${width}.png`) });
    }
    await usa.locator('select.lang').selectOption('en');
    await usa.setViewportSize({ width: 1366, height: 768 });

    const shots = join(ROOT, 'test-results/screens');
    mkdirSync(shots, { recursive: true });
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await usa.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await usa.screenshot({ path: join(shots, `actors-team@${width}.png`) });
    }
    expect(errors).toEqual([]);
  }, 150_000);
});
