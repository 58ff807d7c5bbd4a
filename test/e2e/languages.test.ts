/**
 * Languages in Chromium: the browser's language is the default, the person
 * chooses another in the top bar and it is remembered; the top bar, the
 * clock, notifications, the team's "what now" line and the headings, labels
 * and buttons of the team screen and the console follow it, and dates and
 * times are written the locale's way. A French and a German seat meet no
 * English chrome on the start and join pages, in the catalogue's facts, the
 * attribution panel, inject mastheads, notifications, round results, the
 * end-early form, the plan panel, the skip link or a refusal (scenario
 * texts stay in the author's words).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

/**
 * The visible text of the elements `selector` matches, with every fold
 * opened (but the server's own English words, which stay folded, and the
 * score explanations, which the engine writes).
 */
async function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(`${sel} details:not(.server-words):not(.score)`)) d.open = true;
    return [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText).join('\n');
  }, selector);
}

/** The English chrome strings of `list` that appear in `text`. */
function englishIn(text: string, list: readonly string[]): string[] {
  return list.filter((w) => text.includes(w));
}

/** English chrome of the start and join pages. */
const START_EN = [
  'Join an exercise', 'Your facilitator gives', 'Join code', 'For example', 'Your name', 'Open a new exercise', 'You will facilitate',
  'Title of this run', 'Upload a scenario file', 'Open the exercise', 'How an exercise runs', 'opens an exercise and hands out',
  'red cell optional', 'Course materials', 'Loading the scenarios',
];
/** English chrome of the team screen's catalogue, attribution panel, feed, notifications and results. */
const TEAM_EN = [
  'In your plan', 'Unavailable now', 'rung ', 'est. proportionality', 'political capital', 'intelligence capacity', 'Why not now', 'Cost\n',
  'Legal basis', 'Not stated', 'Precedent', 'None recorded', 'Prerequisites', 'Needs ', 'Escalation rung', 'severity', 'Reversibility', 'Spillover',
  'Type\n', 'Domestic', 'Retorsion', 'can be taken jointly', 'Proportionality estimate', 'No estimate', 'Procedural options', 'Prior notice',
  '“Add to our plan”', 'Choose options to see', 'Sharing your evidence', 'Our confidence', 'Stage:', 'Not detected', 'Coalition:', 'Attributed publicly by',
  'no one', 'Share our evidence', 'Source:', 'News report', 'Diplomatic cable', 'Priority', 'Intelligence summary', 'Restricted', 'Releasable',
  'Phone call', 'Transcript\n', 'Social media', 'Post\n', 'All teams', 'Round 1', 'New inject', 'Announcement', 'Round results', 'what happened',
  "Northland's posture", 'Cumulative harm', 'Coalition cohesion', 'Decisions', 'No decisions visible', 'Proportionality:', 'unchanged',
];

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('languages', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let page: Page;
  let exerciseId: string;
  let facilitatorCredential: string;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { rounds: Record<string, unknown>[] };
    scenario.rounds[0]!.date = '2016-07-22';
    // Round titles are the author's words: ones that cannot be taken for the chrome's "Round 1".
    scenario.rounds[0]!.title = 'The leak';
    scenario.rounds[1]!.title = 'The vote';
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    exerciseId = created.exerciseId;
    facilitatorCredential = created.facilitatorCredential;
    // A browser whose first language is German.
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['atlantia']}`);
    // The join page speaks German already.
    await page.getByLabel('Ihr Name').first().fill('Ada Atlantia');
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    await rig?.close();
  }, 60_000);

  it("speaks the browser's language by default, with the locale's dates", async () => {
    await expect.poll(() => page.locator('.what-now').innerText(), SLOW).toContain('Beraten Sie');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.locator('.topbar .conn').innerText()).toBe('Verbunden');
    await expect.poll(() => page.locator('.topbar .clock').innerText(), SLOW).toMatch(/^noch \d+:\d\d$/);
    expect(await page.locator('.topbar-date').innerText()).toContain('22. Juli 2016');
    expect(await page.getByRole('combobox', { name: 'Sprache' }).inputValue()).toBe('de');
    // The team screen's body too.
    expect(await page.locator('#catalogue-h').innerText()).toBe('Mögliche Maßnahmen');
    expect(await page.getByRole('button', { name: 'Unsere Entscheidungen sperren' }).count()).toBe(1);
    expect(await page.locator('#plan-h').innerText()).toBe('Unser Plan für Runde 1');
    expect(await page.getByRole('button', { name: 'Senden' }).count()).toBe(1);
  }, 60_000);

  it('switches to the language the person chooses, and remembers it', async () => {
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.locator('.what-now').innerText()).toContain('Discutez');
    expect(await page.locator('.topbar-date').innerText()).toContain('22 juil. 2016');
    expect(await page.locator('.topbar').getByRole('button', { name: 'Aide' }).count()).toBe(1);
    expect(await page.locator('#catalogue-h').innerText()).toBe('Actions possibles');
    expect(await page.getByRole('button', { name: 'Verrouiller nos décisions' }).count()).toBe(1);
    expect(await page.getByLabel('Message à l’équipe').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connected');
  }, 60_000);

  it("puts the console's body in the chosen language", async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    const console = await context.newPage();
    console.setDefaultTimeout(15_000);
    await console.goto(`${rig.base}/`);
    await console.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential: facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Langues', savedAt: Date.now(),
    });
    await console.goto(`${rig.base}/facilitate/${exerciseId}`);
    await expect.poll(() => console.locator('#controls-h').innerText(), SLOW).toBe('Conduire l’exercice');
    expect(await console.getByRole('button', { name: 'Résoudre le tour 1 maintenant' }).count()).toBe(1);
    expect(await console.locator('#teams-live-h').innerText()).toBe('Les équipes, en direct');
    expect(await console.locator('#adhoc-h').innerText()).toBe('Rédiger un inject ad hoc');
    expect(await console.locator('.controls .status-line').innerText()).toContain('0 équipes sur 2 ont verrouillé.');
    await console.getByRole('combobox', { name: 'Langue' }).selectOption('de');
    await expect.poll(() => console.locator('#controls-h').innerText(), SLOW).toBe('Die Übung leiten');
    expect(await console.getByRole('button', { name: 'Runde 1 jetzt auswerten' }).count()).toBe(1);
    expect(await console.getByRole('button', { name: 'Runde verkürzen' }).count()).toBe(1);
    expect(await axeSerious(console)).toEqual([]);
    for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]] as const) {
      await console.setViewportSize({ width, height });
      await console.screenshot({ path: `test-results/screens/console-de@${width}.png` });
    }
    await page.screenshot({ path: 'test-results/screens/team-en@1366.png' });
    await context.close();
  }, 60_000);

  it('shows a French seat the catalogue, the attribution panel, injects, notifications and results without English chrome', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect.poll(() => page.locator('.topbar .conn').innerText(), SLOW).toBe('Connecté');
    const kinds = [
      ['news', 'The Herald'], ['diplomatic', 'Embassy in Northland'], ['intelligence', 'Joint assessment staff'], ['social', '@leakwatch'], ['call', 'The ambassador'],
    ] as const;
    for (const [kind, source] of kinds) {
      await facilitator.must({ type: 'releaseAdhocInject', inject: { title: `Story ${kind}`, body: `Body of the ${kind} story.`, audience: 'all', kind, source } });
    }
    await facilitator.must({ type: 'announce', text: 'Ten minutes left.' });
    await page.locator('.inject--call').waitFor();
    await expect.poll(() => page.locator('.toasts').innerText(), SLOW).toContain('Annonce de Fran');
    expect(await page.locator('.toasts').innerText()).toContain('Nouvel inject : Story');
    await page.locator('.notif-menu summary').click();
    const notices = await visibleText(page, '.notif-panel');
    expect(englishIn(notices, ['New inject', 'Announcement from', 'Mark all as read'])).toEqual([]);
    await page.locator('.notif-menu summary').click();

    const catalogue = await visibleText(page, '.catalogue');
    expect(englishIn(catalogue, TEAM_EN)).toEqual([]);
    for (const word of ['Coût', 'Base juridique', 'Réversibilité', 'Mesure interne', 'Rétorsion', 'de capital politique']) expect(catalogue).toContain(word);
    const intel = await visibleText(page, '.intel');
    expect(englishIn(intel, TEAM_EN)).toEqual([]);
    expect(intel).toContain('Partager nos éléments avec la coalition');
    // The plan panel: resources, the empty plan, locking.
    const plan = await visibleText(page, '.plan');
    expect(englishIn(plan, [...TEAM_EN, 'capital left', 'capacity left', 'Nothing drafted yet', 'You lead your team', 'When everyone connected'])).toEqual([]);
    expect(plan).toContain('Capital politique restant');
    expect(await page.locator('.skip-link').textContent()).toBe('Aller au contenu principal');
    const feed = await visibleText(page, '.feed');
    // Mastheads are set in capitals: compare without case.
    expect(englishIn(feed.toLowerCase(), TEAM_EN.map((w) => w.toLowerCase()))).toEqual([]);
    for (const word of ['Source : The Herald', 'Télégramme diplomatique', 'Synthèse de renseignement', '☎ Appel téléphonique', 'Transcription', 'Toutes les équipes', '22 juil. 2016']) expect(feed.toLowerCase()).toContain(word.toLowerCase());

    await facilitator.must({ type: 'advance' });
    await page.locator('#results-h').waitFor();
    const results = await visibleText(page, '.results');
    expect(englishIn(results, TEAM_EN)).toEqual([]);
    for (const word of ['Résultats des tours', 'ce qui s’est passé', 'Escalade', 'Posture de Northland', 'Préjudice cumulé', 'Cohésion', ' de la coalition']) expect(results).toContain(word);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/team-fr-results@1366.png', fullPage: true });
  }, 90_000);

  for (const [language, locale, words, refusal] of [
    ['fr', 'fr-FR', ['Rejoindre un exercice', 'Ouvrir un nouvel exercice', 'Comment se déroule un exercice', 'tours'], 'Ce code ne correspond à aucun exercice en cours'],
    ['de', 'de-DE', ['Einer Übung beitreten', 'Eine neue Übung eröffnen', 'Wie eine Übung abläuft', 'Runden'], 'Zu diesem Code gibt es keine laufende Übung'],
  ] as const) {
    it(`shows the start page, the join screen and a refusal in ${language}`, async () => {
      const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
      const start = await context.newPage();
      start.setDefaultTimeout(15_000);
      await start.goto(`${rig.base}/`);
      await start.locator('.start-grid .choice').first().waitFor();
      const text = await visibleText(start, 'main');
      expect(englishIn(text, START_EN)).toEqual([]);
      for (const word of words) expect(text).toContain(word);
      // The scenario's facts (not its author's summary) are the chrome's.
      expect(englishIn(await visibleText(start, '.start-grid .choice .meta'), [' rounds', 'about ', 'red cell'])).toEqual([]);
      await start.goto(`${rig.base}/join/NOSUCHCODE`);
      await start.locator('#join-name').fill('Gast');
      await start.locator('#join-name').press('Enter');
      const answer = start.locator('#answer-join');
      await expect.poll(() => answer.innerText(), SLOW).toContain(refusal);
      expect(await answer.getAttribute('data-code')).toBe('UNKNOWN_CODE');
      // The server's own sentence stays at hand, folded, in English.
      expect(await answer.locator('.server-words p').getAttribute('lang')).toBe('en');
      expect(englishIn(await visibleText(start, 'main .start-grid'), START_EN)).toEqual([]);
      expect(await axeSerious(start)).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('puts the end-early form in German', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    const console = await context.newPage();
    console.setDefaultTimeout(15_000);
    await console.goto(`${rig.base}/`);
    await console.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential: facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Sprachen', savedAt: Date.now(),
    });
    await console.goto(`${rig.base}/facilitate/${exerciseId}`);
    await console.getByText('Die Übung vorzeitig beenden…').click();
    await console.getByRole('button', { name: 'Die Übung jetzt beenden' }).click();
    await expect.poll(() => console.locator('.danger-zone').innerText(), SLOW).toContain('Die Übung jetzt für alle beenden?');
    const text = await visibleText(console, '.danger-zone');
    expect(englishIn(text, ['Reason', 'End the exercise', 'Every screen goes', 'Yes, end it now', 'Keep playing'])).toEqual([]);
    expect(text).toContain('Grund (für das Protokoll)');
    await console.getByRole('button', { name: 'Weiterspielen' }).click();
    await context.close();
  }, 60_000);
});
