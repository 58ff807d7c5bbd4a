/**
 * The engine's sentences in Chromium, in French and in German: a round is
 * played with a French and a German team seat, and each sees why actions are
 * unavailable, what its decisions did, why the adversary's posture is what
 * it is and why each score is what it is in its own language, numbers its
 * way, and no English sentence of the engine's on those screens (the
 * scenario's own words, such as action and incident names, stay the
 * author's). Screenshots of each team screen after the round, at 1366×768
 * and 390 px, go to test-results/screens/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/engine/messages';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, joinThroughPage, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

/**
 * The English words of the engine's sentences: each template's literal
 * stretches between placeholders, long enough not to be a name (or a
 * number's punctuation). None may show on a French or German screen.
 */
const ENGINE_ENGLISH = [
  ...new Set(
    Object.values(TEMPLATES as Record<string, string>)
      .flatMap((t) => t.split(/\{\{[^}]+\}\}/))
      .map((s) => s.trim())
      .filter((s) => s.length >= 12),
  ),
];

/** The visible text of the elements `selector` matches, with every fold opened (score explanations too). */
async function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(`${sel} details`)) d.open = true;
    return [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText).join('\n');
  }, selector);
}

const englishIn = (text: string) => ENGINE_ENGLISH.filter((w) => text.includes(w));

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)("the engine's sentences in French and German", () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  const pages: Record<'fr' | 'de', Page> = {} as never;
  const players: TestClient[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-engine-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { actions: Record<string, unknown>[]; incidents: Record<string, unknown>[] };
    // Every team sees the incident; two actions it cannot take yet, each for its own reason.
    scenario.incidents[0]!.detectedBy = ['atlantia', 'borealis'];
    scenario.actions.push(
      {
        id: 'freeze', name: 'Asset freeze', description: 'Freeze the operators’ assets.', category: 'economic', severity: 4, rung: 3, reversibility: 0.6,
        minConfidence: 'high', requiresStateAttribution: true, targetsIncident: true, spillover: 'low', responseType: 'countermeasure',
        cost: { capital: 2 }, procedures: ['notice', 'sunset'],
      },
      {
        id: 'summit', name: 'Emergency summit', description: 'Convene the leaders.', category: 'diplomatic', severity: 1, rung: 1, reversibility: 1,
        minConfidence: 'none', targetsIncident: false, spillover: 'none', responseType: 'retorsion', cost: { capital: 6 },
      },
    );
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'engine-languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    for (const [language, team, locale, name] of [['fr', 'atlantia', 'fr-FR', 'Ada'], ['de', 'borealis', 'de-DE', 'Bea']] as const) {
      const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
      await howToPlaySeen(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await joinThroughPage(page, rig.base, created.codes.teams[team]!, name);
      pages[language] = page;
      // A second member of the team drafts through the protocol, as a colleague at another screen would.
      const player = await TestClient.connect(rig.base, `${team}-2`);
      await player.join(created.codes.teams[team]!, `${name} 2`);
      players.push(player);
    }
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
  }, 240_000);

  afterAll(async () => {
    for (const p of players) p.close();
    facilitator?.close();
    await rig?.close();
  }, 60_000);

  it('says why actions are unavailable in French and in German', async () => {
    // Two drafts leave 4 of the 6 capital: the summit's 6 is out of reach.
    for (const player of players) {
      await player.must({ type: 'draftDecision', draft: { action: 'warning', incident: 'mail-leak', options: {}, rationale: 'Say we know.' } });
      await player.must({ type: 'draftDecision', draft: { action: 'resilience', options: {}, rationale: 'Protect the count.' } });
    }
    const expected = {
      fr: ['Asset freeze exige un niveau de confiance dans l\'attribution d\'au moins « élevée »', 'Emergency summit coûte 6 de capital politique ; il vous en reste 4 pour ce tour.'],
      de: ['Asset freeze erfordert mindestens die Zuordnungsgewissheit „hoch“', 'Emergency summit kostet 6 politisches Kapital; Ihnen bleiben in dieser Runde 4.'],
    } as const;
    for (const language of ['fr', 'de'] as const) {
      const page = pages[language];
      await expect.poll(() => visibleText(page, '.catalogue'), SLOW).toContain(expected[language][1]);
      const text = await visibleText(page, '.catalogue');
      for (const sentence of expected[language]) expect(text).toContain(sentence);
      expect(englishIn(text)).toEqual([]);
      await page.locator('.catalogue .action--unavailable .reason').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/team-unavailable-${language}@1366.png` });
    }
  }, 60_000);

  it('tells each team what its decisions did, why the posture moved and why each score is what it is, in its language', async () => {
    const [atlantia, borealis] = players as [TestClient, TestClient];
    for (const player of [atlantia, borealis]) {
      await player.must({ type: 'draftDecision', draft: { action: 'investigate', incident: 'mail-leak', options: {}, rationale: 'Find who did it.' } });
    }
    await facilitator.must({ type: 'advance' });
    const words = {
      fr: { outcome: 'Un message privé sur « Party mail leak » a été transmis.', score: 'Proportionnalité ', component: 'note maximale : ', label: 'Réversibilité' },
      de: { outcome: 'Eine vertrauliche Botschaft zu „Party mail leak“ wurde übermittelt.', score: 'Verhältnismäßigkeit ', component: 'volle Punktzahl: ', label: 'Umkehrbarkeit' },
    } as const;
    for (const language of ['fr', 'de'] as const) {
      const page = pages[language];
      await page.locator('#results-h').waitFor();
      await expect.poll(() => page.locator('.results .outcome').count(), SLOW).toBeGreaterThanOrEqual(3);
      // Open every score's explanation: they are fetched on opening.
      await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('.results details.score').forEach((d) => (d.open = true)));
      await expect.poll(() => page.locator('.results details.score table').count(), SLOW).toBeGreaterThanOrEqual(3);
      const text = await visibleText(page, '.results');
      const w = words[language];
      expect(text).toContain(w.outcome);
      expect(text).toContain(w.score);
      expect(text).toContain(w.component);
      expect(text).toContain(w.label);
      expect(englishIn(text)).toEqual([]);
      // The posture's reason is the engine's too: present, and not in English.
      const why = await page.locator('.results .why').first().innerText();
      expect(why.length).toBeGreaterThan(20);
      expect(englishIn(why)).toEqual([]);
      expect(await axeSerious(page)).toEqual([]);
      for (const [width, height] of [[1366, 768], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        await page.locator('#results-h').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/screens/team-results-${language}@${width}.png` });
        await page.locator('.results details.score').first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/screens/team-explanation-${language}@${width}.png` });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  }, 120_000);

  it('shows the same round in English, as the engine wrote it, to an English seat', async () => {
    const page = pages.fr;
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect.poll(() => visibleText(page, '.results'), SLOW).toContain('A private message on "Party mail leak" was delivered.');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  }, 60_000);
});
