/**
 * The interface's language: English, French or German, with i18next. The
 * person's choice is remembered in this browser; without one, the browser's
 * preferred languages decide, and English is the fallback. Dates, times and
 * numbers follow the chosen language (locale()), and so does a label's
 * colon (colon(): French puts a narrow no-break space before it).
 *
 * Translated: the top bar, the connection banner, notifications, the round
 * clock, the team's "what now" line, and the headings, labels and buttons of
 * the team screen and the console (ui/i18n-screens.ts), and the rest of the
 * interface's chrome: the start page, catalogue facts, the attribution
 * panel, inject mastheads, notifications, results, the end-early form,
 * refusal sentences and the words for the engine's identifiers
 * (ui/i18n-chrome.ts), how to play and the glossary, the debrief, the
 * report, report cards, charts, evaluation notes, the observer's screen and
 * the projector view (ui/i18n-views.ts), the studio's chrome
 * (ui/i18n-studio.ts), the team's plan panel (ui/i18n-plan.ts), the course materials page and the studio's course
 * preview (ui/i18n-course.ts), the drawn board, the red cell's screen and the
 * controls over each adversary (ui/i18n-board.ts), and the sentences the engine writes:
 * outcomes, reasons, score explanations, round headlines, the timeline's
 * lines and the reports it delivers as injects (namespace "engine":
 * ui/i18n-engine.ts, rendered by ui/engineText.ts), cohesion's defection
 * lines and a report card's reasons, bases and bearings among them. Scenario
 * and course texts stay in the language they were written in.
 */
import i18next from 'i18next';
import { CHROME } from './i18n-chrome';
import { COURSE } from './i18n-course';
import { PLAN } from './i18n-plan';
import { SCREENS } from './i18n-screens';
import { ENGINE_CATALOGUES } from './i18n-engine';
import { STUDIO } from './i18n-studio';
import { VIEWS } from './i18n-views';
import { BOARD } from './i18n-board';
import { storage } from './storage';

export const LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'fr', name: 'Français' },
  { id: 'de', name: 'Deutsch' },
] as const;
export type Language = (typeof LANGUAGES)[number]['id'];

const KEY = 'firebreak.language';

const en = {
  topbar: {
    skip: 'Skip to main content',
    home: 'Firebreak start page',
    largeText: 'Large text',
    help: 'Help',
    language: 'Language',
    storyDate: 'Story date:',
    roundClock: 'Round clock',
    status: { connecting: 'Connecting…', online: 'Connected', reconnecting: 'Reconnecting…', failed: 'Not connected' },
    banner: {
      reconnecting: 'The connection was lost. Reconnecting… Everything you type is kept and sent once the connection is back.',
      connecting: 'Connecting to the exercise server…',
    },
  },
  notices: {
    menu: 'Notifications',
    menuLabel: 'Notifications, {{count}} unread',
    markAll: 'Mark all as read',
    markRead: 'Mark as read',
    show: 'Show',
    none: 'Nothing yet. New injects, proposals, announcements and results are listed here.',
    cards: 'New notifications',
    more: '{{count}} more unread in Notifications (top bar).',
  },
  clock: {
    left: '{{time}} left',
    pausedLeft: 'Paused, {{time}} left',
    paused: 'Paused',
    none: 'No clock running',
  },
  whatNow: {
    lobby: 'The exercise has not started yet. Read your briefing while the facilitator gathers everyone.',
    briefing: "Read your government's briefing. The facilitator will start round 1.",
    paused: 'The facilitator has paused the exercise.',
    deliberation: 'Discuss, then draft your decisions with a rationale and lock them before the clock runs out.',
    results: 'The round has resolved: see what happened below. The facilitator will open the next round.',
    lastResults: 'The last round has resolved: see what happened below. The facilitator will end the exercise and open the debrief.',
    debrief: 'The exercise has ended.',
  },
  punct: { colon: ':' },
  clockRule: 'When time runs out the round resolves at once with every plan as it stands: decisions drafted but not locked go ahead as drafted.',
};
type Resource = typeof en;

const fr: Resource = {
  topbar: {
    skip: 'Aller au contenu principal',
    home: "Page d'accueil de Firebreak",
    largeText: 'Grand texte',
    help: 'Aide',
    language: 'Langue',
    storyDate: "Date dans l'histoire :",
    roundClock: 'Horloge du tour',
    status: { connecting: 'Connexion…', online: 'Connecté', reconnecting: 'Reconnexion…', failed: 'Non connecté' },
    banner: {
      reconnecting: 'La connexion est perdue. Reconnexion… Tout ce que vous tapez est conservé et envoyé dès que la connexion revient.',
      connecting: "Connexion au serveur de l'exercice…",
    },
  },
  notices: {
    menu: 'Notifications',
    menuLabel: 'Notifications, {{count}} non lues',
    markAll: 'Tout marquer comme lu',
    markRead: 'Marquer comme lu',
    show: 'Afficher',
    none: 'Rien pour le moment. Les nouveaux injects, propositions, annonces et résultats apparaissent ici.',
    cards: 'Nouvelles notifications',
    more: '{{count}} autres non lues dans Notifications (barre du haut).',
  },
  clock: {
    left: 'reste {{time}}',
    pausedLeft: 'En pause, reste {{time}}',
    paused: 'En pause',
    none: "Pas d'horloge en cours",
  },
  whatNow: {
    lobby: "L'exercice n'a pas encore commencé. Lisez votre briefing pendant que l'animateur rassemble tout le monde.",
    briefing: "Lisez le briefing de votre gouvernement. L'animateur lancera le tour 1.",
    paused: "L'animateur a mis l'exercice en pause.",
    deliberation: "Discutez, puis rédigez vos décisions avec une justification et verrouillez-les avant la fin du temps.",
    results: "Le tour est résolu : voyez ci-dessous ce qui s'est passé. L'animateur ouvrira le tour suivant.",
    lastResults: "Le dernier tour est résolu : voyez ci-dessous ce qui s'est passé. L'animateur terminera l'exercice et ouvrira le débriefing.",
    debrief: "L'exercice est terminé.",
  },
  punct: { colon: ' :' },
  clockRule: 'À la fin du temps, le tour est résolu aussitôt avec chaque plan tel quel : les décisions rédigées mais non verrouillées sont exécutées telles quelles.',
};

const de: Resource = {
  topbar: {
    skip: 'Zum Hauptinhalt springen',
    home: 'Firebreak-Startseite',
    largeText: 'Große Schrift',
    help: 'Hilfe',
    language: 'Sprache',
    storyDate: 'Datum im Szenario:',
    roundClock: 'Rundenuhr',
    status: { connecting: 'Verbinden…', online: 'Verbunden', reconnecting: 'Neu verbinden…', failed: 'Nicht verbunden' },
    banner: {
      reconnecting: 'Die Verbindung ist unterbrochen. Neu verbinden… Alles, was Sie tippen, bleibt erhalten und wird gesendet, sobald die Verbindung zurück ist.',
      connecting: 'Verbindung zum Übungsserver…',
    },
  },
  notices: {
    menu: 'Benachrichtigungen',
    menuLabel: 'Benachrichtigungen, {{count}} ungelesen',
    markAll: 'Alle als gelesen markieren',
    markRead: 'Als gelesen markieren',
    show: 'Anzeigen',
    none: 'Noch nichts. Neue Einspielungen, Vorschläge, Ansagen und Ergebnisse erscheinen hier.',
    cards: 'Neue Benachrichtigungen',
    more: '{{count}} weitere ungelesen unter Benachrichtigungen (obere Leiste).',
  },
  clock: {
    left: 'noch {{time}}',
    pausedLeft: 'Pausiert, noch {{time}}',
    paused: 'Pausiert',
    none: 'Keine Uhr läuft',
  },
  whatNow: {
    lobby: 'Die Übung hat noch nicht begonnen. Lesen Sie Ihr Briefing, während die Moderation alle zusammenholt.',
    briefing: 'Lesen Sie das Briefing Ihrer Regierung. Die Moderation startet Runde 1.',
    paused: 'Die Moderation hat die Übung pausiert.',
    deliberation: 'Beraten Sie, entwerfen Sie Ihre Entscheidungen mit Begründung und sperren Sie sie, bevor die Zeit abläuft.',
    results: 'Die Runde ist ausgewertet: Unten steht, was geschah. Die Moderation öffnet die nächste Runde.',
    lastResults: 'Die letzte Runde ist ausgewertet: Unten steht, was geschah. Die Moderation beendet die Übung und öffnet die Nachbesprechung.',
    debrief: 'Die Übung ist beendet.',
  },
  punct: { colon: ':' },
  clockRule: 'Läuft die Zeit ab, wird die Runde sofort mit jedem Plan so ausgewertet, wie er steht: Entwürfe, die nicht gesperrt sind, gelten wie entworfen.',
};

/** The language to start with: the person's choice, else the browser's first supported language, else English. */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  const supported = (l: string | null | undefined): Language | null => {
    const base = (l ?? '').toLowerCase().split('-')[0];
    return LANGUAGES.some((x) => x.id === base) ? (base as Language) : null;
  };
  return supported(stored) ?? preferred.map(supported).find((l): l is Language => l !== null) ?? 'en';
}

void i18next.init({
  lng: initialLanguage(storage.getItem(KEY), typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]),
  fallbackLng: 'en',
  resources: {
    en: { translation: { ...en, ...SCREENS.en, ...CHROME.en, ...VIEWS.en, ...STUDIO.en, ...COURSE.en, ...PLAN.en, ...BOARD.en } },
    fr: { translation: { ...fr, ...SCREENS.fr, ...CHROME.fr, ...VIEWS.fr, ...STUDIO.fr, ...COURSE.fr, ...PLAN.fr, ...BOARD.fr }, engine: ENGINE_CATALOGUES.fr },
    de: { translation: { ...de, ...SCREENS.de, ...CHROME.de, ...VIEWS.de, ...STUDIO.de, ...COURSE.de, ...PLAN.de, ...BOARD.de }, engine: ENGINE_CATALOGUES.de },
  },
  // The engine's sentences (ui/i18n-engine.ts, ui/engineText.ts); English is their own template.
  ns: ['translation', 'engine'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  initAsync: false,
});
/** The page's language, and the skip link of index.html in it. */
function markLanguage(language: string = i18next.language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = i18next.getFixedT(language)('topbar.skip');
}
markLanguage();

export const t = i18next.t.bind(i18next);

/** A colon after a label, the chosen language's way (French puts a narrow space before it). */
export function colon(): string {
  return t('punct.colon');
}

/** The chosen language, for Intl's dates, times and numbers. */
export function locale(): Language {
  return i18next.language as Language;
}

/** Keeps the person's choice and shows every screen in it. */
export function chooseLanguage(language: Language): void {
  storage.setItem(KEY, language);
  void i18next.changeLanguage(language);
  markLanguage(language);
  window.dispatchEvent(new Event('firebreak:language'));
}
