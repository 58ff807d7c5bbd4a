/**
 * The rest of the screens in French and German, in Chromium against the real
 * server: how to play and the glossary, the board in words, the observer's
 * screen, the projector view (before the start and in a round), the team's
 * and the facilitator's debrief, the printable report (short and full), the
 * studio, and the facilitator's console in a round. Each shows none of a set
 * of its English chrome strings and some of their translations; axe finds nothing serious; and at 390 px
 * nothing scrolls sideways. A notification already shown, and the unread
 * list, are worded again in the language the person switches to.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { legalDrafts } from '../helpers/bot';
import { CHROMIUM, HAVE_CHROMIUM, joinThroughPage, howToPlaySeen, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

/** The visible text of the elements `selector` matches, every fold opened (but the server's own words and the engine's score explanations). */
async function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(`${sel} details:not(.server-words):not(.score)`)) d.open = true;
    return [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText).join('\n');
  }, selector);
}

const englishIn = (text: string, list: readonly string[]) => list.filter((w) => text.includes(w));

type Language = 'fr' | 'de';
const LANGUAGES: readonly { language: Language; locale: string }[] = [
  { language: 'fr', locale: 'fr-FR' },
  { language: 'de', locale: 'de-DE' },
];

/** Per screen: English chrome that must be gone, and translations that must be there. */
const SCREENS = {
  help: {
    en: ['How to play', 'Skip and start playing', 'Read what happened', 'Talk it through', 'Lock before the clock runs out', 'Glossary', 'Countermeasure',
      'Confidence levels', "Healey's spectrum", 'An unfriendly but lawful act', 'Coalition cohesion', 'Close'],
    fr: ['Comment jouer', 'Passer et commencer à jouer', 'Glossaire', 'Contre-mesure', 'Rétorsion', 'articles 22 et 49 à 54', 'Niveaux de confiance'],
    de: ['So wird gespielt', 'Überspringen und loslegen', 'Glossar', 'Gegenmaßnahme', 'Retorsion', 'Staatenverantwortlichkeit', 'Grade der Zuordnungsgewissheit'],
  },
  board: {
    en: ['The board in words', 'Allied capitals', 'Escalation ladder', 'Attribution by government', 'No sanctions packages yet', 'Escalation:', 'campaign phase', 'current level', 'deciding'],
    fr: ['Le plateau en mots', 'Capitales alliées', 'Échelle d’escalade', 'phase de la campagne', 'niveau actuel'],
    de: ['Das Spielbrett in Worten', 'Verbündete Hauptstädte', 'Eskalationsleiter', 'Phase der Kampagne', 'aktuelle Stufe'],
  },
  observer: {
    en: ['Teams and their drafts', 'Injects (every team)', 'Evaluation notes', 'Learning objective', 'Save note', 'No rating', 'the whole exercise', 'Deciding'],
    fr: ['Les équipes et leurs projets', 'Injects (toutes les équipes)', 'Notes d’évaluation', 'Enregistrer la note', 'Sans appréciation'],
    de: ['Die Teams und ihre Entwürfe', 'Einspielungen (alle Teams)', 'Auswertungsnotizen', 'Notiz speichern', 'Keine Bewertung'],
  },
  projectorLobby: {
    en: ['Join: scan', 'No one yet', '1 joined'],
    fr: ['Rejoindre : scannez le code de votre équipe', '1 connecté(s)'],
    de: ['Beitreten: Scannen Sie den Code Ihres Teams', '1 beigetreten'],
  },
  projectorRound: {
    en: ['Escalation:', 'Locked:', 'News', "don't rock the boat", 'Announcement', 'Round 1 of', 'Deliberation', 'Deciding'],
    fr: ['Escalade :', 'Verrouillé : 0 sur 2', 'Actualités', 'Annonce', 'Tour 1 sur 2', 'En délibération'],
    de: ['Eskalation:', 'Gesperrt: 0 von 2', 'Nachrichten', 'Ansage', 'Runde 1 von 2', 'Berät'],
  },
  consoleRound: {
    en: ['drafted · political capital', 'Players:', 'briefing and ground truth', 'Ground truth (facilitator only)', "Red cell's move", '(not yet active)', 'Copy link',
      'Observers and evaluators', 'No drafts.', ', round 1 of'],
    fr: ['en projet · capital politique', 'Joueurs :', 'Copier le lien', 'Observateurs et évaluateurs', 'Aucun projet.', ', tour 1 sur 2', 'en ligne', 'briefing et réalité des faits', 'Réalité des faits (animateur seulement)'],
    de: ['entworfen · politisches Kapital', 'Spielende:', 'Link kopieren', 'Beobachtende und Auswertende', 'Keine Entwürfe.', ', Runde 1 von 2', 'Lagebild und tatsächlicher Sachverhalt', 'Tatsächlicher Sachverhalt (nur Spielleitung)'],
  },
  debrief: {
    en: ['Debrief:', 'Timeline', 'What really happened', "Evaluators' notes", 'Export and report', 'Open the printable report', 'Download the log', 'The exercise in numbers',
      'Escalation level per round', 'Coalition cohesion per round', 'Proportionality per team and round', 'rounds played', 'Final escalation', 'Everything logged in this round',
      'Discussion questions', 'When\t', 'The chat closed', 'no decision to measure', 'Fit to harm', 'Escalation restraint'],
    fr: ['Débriefing :', 'Chronologie', 'Ce qui s’est réellement passé', 'Notes des évaluateurs', 'Ouvrir le rapport imprimable', 'L’exercice en chiffres', 'tours joués sur', 'Escalade finale', 'Le chat s’est fermé à la fin de l’exercice'],
    de: ['Nachbesprechung:', 'Zeitleiste', 'Was wirklich geschah', 'Notizen der Auswertenden', 'Druckfassung des Berichts öffnen', 'Die Übung in Zahlen', 'Runden gespielt', 'Eskalation am Ende', 'Der Chat wurde mit dem Ende der Übung geschlossen'],
  },
  facilitatorDebrief: {
    en: ['Join codes and chat', 'Reopen the exercise', 'Reason (for the record)', 'Download the grade sheet', 'Evaluation notes', 'Save note'],
    fr: ['Codes d’accès et chat', 'Rouvrir l’exercice', 'Télécharger la grille d’évaluation'],
    de: ['Beitrittscodes und Chat', 'Die Übung wieder öffnen', 'Bewertungsbogen herunterladen'],
  },
  report: {
    en: ['AFTER-ACTION REPORT', 'Date of play', 'Rounds played', 'Adversary\n', 'Teams and players', 'Report generated', 'Print or save as PDF', 'Full version, every explanation open',
      'Back to the exercise', 'Decisions at a glance', 'Government\t', 'Learning objectives and ratings', 'performed without challenges'],
    fr: ['RAPPORT APRÈS ACTION', 'Imprimer ou enregistrer en PDF', 'Date de l’exercice', 'Tours joués', 'Équipes et participants', 'Rapport établi le', 'Les décisions en un coup d’œil', 'réalisé sans difficulté'],
    de: ['AUSWERTUNGSBERICHT', 'Drucken oder als PDF speichern', 'Datum der Übung', 'Gespielte Runden', 'Teams und Teilnehmende', 'Bericht erstellt am', 'Die Entscheidungen im Überblick', 'ohne Schwierigkeiten bewältigt'],
  },
  studio: {
    en: ['New from starter', 'Open…', 'Download', 'Problems', 'Valid,', 'Valid:', 'Play-test', 'Bot exercises', 'Try it', 'Play as', 'Outline', 'Escalation ladder', 'Opens a real exercise'],
    fr: ['Nouveau, à partir du modèle', 'Ouvrir…', 'Télécharger', 'Problèmes', 'Test de jeu', 'Jouer en tant que', 'Plan', 'Échelle d’escalade'],
    de: ['Neu aus der Vorlage', 'Öffnen…', 'Herunterladen', 'Probleme', 'Testspiel', 'Spielen als', 'Gliederung', 'Eskalationsleiter'],
  },
} as const;

/** The innermost elements that reach past the right edge at 390 px, to say what scrolls sideways. */
async function wideElements(page: Page): Promise<string> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    const clipped = (e: HTMLElement) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > edge + 1 && !clipped(e) && ![...e.children].some((c) => c.getBoundingClientRect().right > edge + 1))
      .slice(0, 5)
      .map((e) => {
        const chain: string[] = [];
        for (let a: HTMLElement | null = e; a && a !== document.body; a = a.parentElement) chain.push(`${a.tagName.toLowerCase()}.${[...a.classList].join('.')}:${Math.round(a.getBoundingClientRect().right)}`);
        return chain.join(' < ');
      });
  });
  if (before) await page.setViewportSize(before);
  return wide.join(', ');
}

/** The screen's English chrome is gone and its translations are there, axe finds nothing serious, and at 390 px nothing scrolls sideways. */
async function expectTranslated(page: Page, selector: string, screen: keyof typeof SCREENS, language: Language): Promise<void> {
  // A screen fills in part by part (the console's join codes arrive after its first paint): wait until every expected phrase is there.
  const missing = async () => {
    const shown = await visibleText(page, selector);
    return SCREENS[screen][language].filter((w) => !shown.includes(w));
  };
  await expect.poll(missing, { timeout: 10_000, message: `${screen} in ${language}: translations missing` }).toEqual([]);
  const text = await visibleText(page, selector);
  expect(englishIn(text, SCREENS[screen].en), `${screen} in ${language}: English left`).toEqual([]);
  expect(await axeSerious(page), `${screen} in ${language}: axe`).toEqual([]);
  expect(await scrollsSideways(page), `${screen} in ${language} at 390 px: ${await wideElements(page)}`).toBe(false);
  for (const [width, height] of [[1366, 768], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screens/lang-${screen}-${language}@${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe.skipIf(!HAVE_CHROMIUM)('the other screens in French and German', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let borealis: TestClient;
  let exerciseId: string;
  let facilitatorCredential: string;
  let observerCode: string;
  let team: Page;
  const contexts: BrowserContext[] = [];

  async function context(locale: string): Promise<BrowserContext> {
    const c = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
    await howToPlaySeen(c);
    contexts.push(c);
    return c;
  }

  /** A page in a browser speaking `locale` that holds the facilitator's seat. */
  async function facilitatorPage(locale: string, path: string): Promise<Page> {
    const page = await (await context(locale)).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/`);
    await page.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential: facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Langues', savedAt: Date.now(),
    });
    await page.goto(`${rig.base}${path}`);
    return page;
  }

  async function join(locale: string, code: string, name: string): Promise<Page> {
    const page = await (await context(locale)).newPage();
    page.setDefaultTimeout(15_000);
    await joinThroughPage(page, rig.base, code, name);
    return page;
  }

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-screens-languages-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { rounds: Record<string, unknown>[] };
    scenario.rounds[0]!.title = 'The leak';
    scenario.rounds[1]!.title = 'The vote';
    const created = await facilitator.create({ scenarioText: JSON.stringify(scenario), seed: 'screens-languages', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    exerciseId = created.exerciseId;
    facilitatorCredential = created.facilitatorCredential;
    observerCode = created.codes.observer!;
    borealis = await TestClient.connect(rig.base, 'borealis');
    await borealis.join(created.codes.teams['borealis']!, 'Bo');
    team = await join('en-GB', created.codes.teams['atlantia']!, 'Ada');
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    facilitator?.close();
    borealis?.close();
    await rig?.close();
  }, 60_000);

  it('shows the projector view before the start in each language', async () => {
    for (const { language, locale } of LANGUAGES) {
      const projector = await facilitatorPage(locale, `/project/${exerciseId}`);
      await projector.locator('.pj-code .qr').first().waitFor();
      await expect.poll(() => projector.locator('.pj-players').first().innerText(), SLOW).not.toBe('');
      await expectTranslated(projector, 'main', 'projectorLobby', language);
    }
  }, 90_000);

  it('words the notifications already on screen, and the unread list, again in the language the person switches to', async () => {
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    await facilitator.must({ type: 'announce', text: 'Ten minutes to agree.' });
    const toasts = team.locator('.toasts');
    await expect.poll(() => toasts.innerText(), SLOW).toContain('Announcement from Fran');
    await team.locator('.notif-menu summary').click();
    expect(await team.locator('.notif-panel').innerText()).toMatch(/Round 1: The leak .*has started/);

    await team.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect.poll(() => toasts.innerText(), SLOW).toContain('Annonce de Fran');
    const fr = await team.locator('.notif-panel').innerText();
    expect(fr).toMatch(/Tour 1 : The leak .*a commencé/);
    expect(englishIn(`${fr}\n${await toasts.innerText()}`, ['Announcement from', 'has started', 'Mark as read', 'Mark all as read', 'Round 1'])).toEqual([]);
    // The person's and the scenario's own words stay as they were written.
    expect(await toasts.innerText()).toContain('Ten minutes to agree.');

    await team.getByRole('combobox', { name: 'Langue' }).selectOption('de');
    await expect.poll(() => toasts.innerText(), SLOW).toContain('Ansage von Fran');
    expect(await team.locator('.notif-panel').innerText()).toMatch(/Runde 1: The leak .*hat begonnen/);
    expect(await team.getByRole('button', { name: /^Als gelesen markieren/ }).count()).toBeGreaterThan(0);
    await team.locator('.notif-menu summary').click();
    await team.getByRole('button', { name: /^Als gelesen markieren/ }).first().click();
    await team.getByRole('button', { name: /^Als gelesen markieren/ }).first().click();
  }, 60_000);

  it('shows how to play, the glossary and the board in words in each language', async () => {
    for (const { language } of LANGUAGES) {
      await team.locator('.topbar select.lang').selectOption(language);
      await team.locator(`html[lang="${language}"]`).waitFor();
      await team.locator('.topbar').getByRole('button', { name: language === 'fr' ? 'Aide' : 'Hilfe' }).click();
      await team.locator('#help-dialog[open]').waitFor();
      await expectTranslated(team, '#help-dialog', 'help', language);
      await team.locator('#help-dialog .row .btn--primary').click();
      await team.locator('#help-dialog[open]').waitFor({ state: 'detached' });
      await expectTranslated(team, '.board-summary', 'board', language);
    }
  }, 90_000);

  it("shows the observer's screen and the projector view in a round in each language", async () => {
    for (const { language, locale } of LANGUAGES) {
      const observer = await join(locale, observerCode, `Olga ${language}`);
      await observer.locator('#obs-teams-h').waitFor();
      await expectTranslated(observer, 'main', 'observer', language);
      const projector = await facilitatorPage(locale, `/project/${exerciseId}`);
      await projector.locator('.pj-announcement').waitFor();
      await expectTranslated(projector, '.pj', 'projectorRound', language);
      const console = await facilitatorPage(locale, `/facilitate/${exerciseId}`);
      await console.locator('#teams-live-h').waitFor();
      await expectTranslated(console, 'main', 'consoleRound', language);
      // The inject's kind and round, set in capitals.
      expect((await projector.locator('.pj-kind').first().innerText()).toLowerCase()).toContain(language === 'fr' ? 'tour 1' : 'runde 1');
    }
  }, 120_000);

  it('shows the debrief, the facilitator\'s debrief and the report in each language', async () => {
    await borealis.must({ type: 'draftDecision', draft: legalDrafts(borealis.view!)[0]! });
    await facilitator.must({ type: 'note', text: 'Borealis acted early.', round: 1, objective: 'coordinate', rating: 'S', team: 'borealis' });
    for (let step = 0; step < 6 && facilitator.view!.phase !== 'debrief'; step++) {
      const seq = facilitator.view!.seq;
      await facilitator.must({ type: 'advance' });
      await facilitator.waitForView((v) => v.seq > seq, 'the next phase');
    }
    await facilitator.waitForView((v) => v.phase === 'debrief', 'the debrief');
    for (const { language, locale } of LANGUAGES) {
      await team.locator('.topbar select.lang').selectOption(language);
      await team.locator('#timeline-h').waitFor();
      await team.locator('.chart-box canvas').first().waitFor();
      await expectTranslated(team, 'main', 'debrief', language);

      const console = await facilitatorPage(locale, `/facilitate/${exerciseId}`);
      await console.locator('#reopen-h').waitFor();
      await expectTranslated(console, 'main', 'facilitatorDebrief', language);

      const report = await facilitatorPage(locale, `/report/${exerciseId}`);
      await report.locator('.report[data-ready="true"]').waitFor();
      await expectTranslated(report, 'body', 'report', language);
      // The date of play, in the locale's words.
      const started = facilitator.view!.timeline.find((e) => e.kind === 'phase')!.at;
      expect(await report.locator('.title-facts dd').nth(1).innerText()).toBe(new Date(started).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' }));
      await report.locator('.report-toolbar button[aria-pressed]').click();
      await report.locator('.report[data-version="full"]').waitFor();
      await expectTranslated(report, 'body', 'report', language);
    }
  }, 180_000);

  it('shows the studio in each language', async () => {
    for (const { language, locale } of LANGUAGES) {
      const page = await (await context(locale)).newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${rig.base}/studio`);
      await page.getByTestId('outline').waitFor();
      await expect.poll(() => page.getByTestId('problem-summary').innerText(), SLOW).not.toBe('');
      await expectTranslated(page, '.studio-bar, .studio-side', 'studio', language);
    }
  }, 90_000);
});
