/**
 * A defection and a report card in Chromium, in French and in German: two
 * rounds are played with a French and a German team seat, one government
 * takes a step up the ladder alone (a defection, which costs the coalition
 * cohesion), and at the debrief each team reads its report card. Each seat
 * sees the defection's line and the points it cost, the reason for its level,
 * the generic descriptor, each measure's basis and how its decision bears on
 * the objective in its own language, numbers its way, with none of the
 * English of those sentences; the chat's empty line and the top bar's round
 * line too. Screenshots at 1366×768 (and the card at 390 px) go to
 * test-results/screens/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/engine/messages';
import { CHROMIUM, HAVE_CHROMIUM, joinThroughPage, openSeatPage, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };
type Language = 'fr' | 'de';

/** The English of the sentences this test is about: each template's literal stretches of 8 characters or more. */
const ENGLISH = [
  ...new Set(
    Object.entries(TEMPLATES as Record<string, string>)
      .filter(([key]) => /^(defection\.|effect\.points|effect\.noPoints|card\.|basis\.|part\.(card|measure|weakest|rated|combined|overridden|bearing))/.test(key))
      .flatMap(([, t]) => t.split(/\{\{[^}]+\}\}/))
      .map((s) => s.trim())
      .filter((s) => s.length >= 8),
  ),
];
const englishIn = (text: string) => ENGLISH.filter((w) => text.includes(w));

/** The visible text of the elements `selector` matches, with every fold opened. */
async function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(`${sel} details`)) d.open = true;
    return [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText).join('\n');
  }, selector);
}

/** Scrolls the element to just below the sticky top bar. */
async function showBelowTopbar(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((e) => {
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollBy(0, e.getBoundingClientRect().top - bar - 8);
  });
}

/** What each seat reads: the French seat is Atlantia's, the German one Borealis's. */
const WORDS = {
  fr: {
    empty: 'Pas encore de messages.',
    round: 'Tour 2 sur 2\u202f: Round 2',
    defection: 'Atlantia a pris seul la mesure « Sectoral sanctions ».',
    points: '−10,0 points',
    why: /(Exemplaire|Confirmé|En progression|Insuffisant) : \d+(,\d+)?\/100 sur la base de 1 décision \(proportionnalité \d+(,\d+)?, adéquation au préjudice \d+(,\d+)? et prises conjointement 0\)/,
    descriptor: /Démontré|Non démontré|Partiellement démontré/,
    basis: ['moyenne sur 1 décision', 'prises conjointement : 0 sur 1'],
    bearing: /proportionnalité \d+ ; adéquation au préjudice \d+/,
    label: 'Adéquation au préjudice',
  },
  de: {
    empty: 'Noch keine Nachrichten.',
    round: 'Runde 2 von 2: Round 2',
    defection: 'Atlantia hat „Sectoral sanctions“ im Alleingang ergriffen.',
    points: '−10,0 Punkte',
    why: /(Vorbildlich|Sicher|In Entwicklung|Unzureichend): \d+(,\d+)?\/100 aus 1 Entscheidung \(Verhältnismäßigkeit \d+(,\d+)?, Angemessenheit zum Schaden \d+(,\d+)? und gemeinsam ergriffen 0\)/,
    descriptor: /gezeigt/,
    basis: ['Mittel über 1 Entscheidung', '0 von 1 gemeinsam ergriffen'],
    bearing: /Verhältnismäßigkeit \d+; Angemessenheit zum Schaden \d+/,
    label: 'Angemessenheit zum Schaden',
  },
} as const;

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('a defection and a report card in French and German', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const pages = {} as Record<Language, Page>;
  const players = {} as Record<Language, TestClient>;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-card-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { meta: { learningObjectives: Record<string, unknown>[] }; actions: Record<string, unknown>[] };
    // The objective is graded from every decision, on its proportionality, its fit to harm and whether it was joint.
    scenario.meta.learningObjectives[0]!.evidence = { actions: ['strike'], categories: [], measures: ['proportionality', 'proportionality.fit', 'joint'], minDecisions: 1 };
    // A step up the ladder to rung 5, taken alone while no ally goes past rung 3: a unilateral escalation.
    scenario.actions.push({
      id: 'strike', name: 'Sectoral sanctions', description: 'Restrict trade with the adversary.', category: 'economic', severity: 5, rung: 5, reversibility: 0.8,
      minConfidence: 'none', targetsIncident: false, spillover: 'low', responseType: 'retorsion', cost: { capital: 2 },
    });
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'card-languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    for (const [language, team, name] of [['fr', 'atlantia', 'Ada'], ['de', 'borealis', 'Bea']] as const) {
      const page = await openSeatPage(rig.browser, contexts, errors, language);
      await page.context().addInitScript((l) => localStorage.setItem('firebreak.language', l), language);
      await joinThroughPage(page, rig.base, created.codes.teams[team]!, name);
      pages[language] = page;
      const player = await TestClient.connect(rig.base, `${team}-2`);
      await player.join(created.codes.teams[team]!, `${name} 2`);
      players[language] = player;
    }
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
  }, 240_000);

  afterAll(async () => {
    for (const p of Object.values(players)) p.close();
    facilitator?.close();
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it("shows the chat's empty line in the seat's language", async () => {
    for (const language of ['fr', 'de'] as const) {
      const text = await visibleText(pages[language], '.message-list');
      expect(text).toContain(WORDS[language].empty);
      expect(text).not.toContain('No messages yet.');
    }
  }, 60_000);

  it("names the defection and the points it cost in each seat's language", async () => {
    await players.fr.must({ type: 'draftDecision', draft: { action: 'strike', options: {}, rationale: 'Raise the cost now.' } });
    await players.de.must({ type: 'draftDecision', draft: { action: 'resilience', options: {}, rationale: 'Protect the count.' } });
    await facilitator.must({ type: 'advance' });
    for (const language of ['fr', 'de'] as const) {
      const page = pages[language];
      await page.locator('#results-h').waitFor();
      // The cohesion's explanation is fetched when it is opened.
      await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('.results details.score').forEach((d) => (d.open = true)));
      const w = WORDS[language];
      await expect.poll(() => visibleText(page, '.results'), SLOW).toContain(w.defection);
      const text = await visibleText(page, '.results');
      expect(text).toContain(w.points);
      expect(text).not.toContain('took Sectoral sanctions alone');
      expect(text).not.toContain('10.0 points');
      expect(englishIn(text)).toEqual([]);
      const line = page.locator('.results li', { hasText: w.defection }).first();
      await line.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/defection-${language}@1366.png` });
    }
  }, 120_000);

  it("puts the round's title after the language's colon in the top bar", async () => {
    await facilitator.must({ type: 'advance' });
    for (const language of ['fr', 'de'] as const) {
      await expect.poll(() => pages[language].locator('.topbar').innerText(), SLOW).toContain(WORDS[language].round);
      expect(await pages[language].locator('.topbar').innerText()).not.toMatch(/ \d sur \d: /);
    }
    // In round 2 the German seat's government takes the same step alone, so that each card has a decision bearing on the objective.
    await players.de.must({ type: 'draftDecision', draft: { action: 'strike', options: {}, rationale: 'Our turn.' } });
    await players.fr.must({ type: 'draftDecision', draft: { action: 'resilience', options: {}, rationale: 'Protect the count.' } });
  }, 60_000);

  it("gives each team its report card in its language at the debrief, numbers its way", async () => {
    await facilitator.must({ type: 'advance' });
    await facilitator.must({ type: 'advance' });
    for (const language of ['fr', 'de'] as const) {
      const page = pages[language];
      const w = WORDS[language];
      await page.locator('.report-card .grade .why').first().waitFor({ timeout: 30_000 });
      await expect.poll(() => visibleText(page, '.report-cards'), SLOW).toMatch(w.why);
      const text = await visibleText(page, '.report-cards');
      expect(text).toMatch(w.descriptor);
      for (const basis of w.basis) expect(text).toContain(basis);
      expect(text).toMatch(w.bearing);
      expect(text).toContain(w.label);
      expect(text).not.toMatch(/from \d+ decision|mean over|weakest|Consistently demonstrated|Partly demonstrated|Not demonstrated|proportionality \d/);
      expect(englishIn(text)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      for (const [width, height] of [[1366, 768], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        await showBelowTopbar(page, '.report-card .grade');
        await page.screenshot({ path: `test-results/screens/report-card-${language}@${width}.png` });
        await showBelowTopbar(page, '.report-card .grade-details table');
        await page.screenshot({ path: `test-results/screens/report-card-measures-${language}@${width}.png` });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
