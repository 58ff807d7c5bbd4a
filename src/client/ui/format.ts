/**
 * Words for the engine's identifiers, and small formatting helpers.
 * Pure functions: no DOM.
 */
import type { Clock, ExercisePhase, InjectDelivery, Posture, ProcedureOptions, Rating } from '../../engine/types';
import type { ExerciseView } from '../../engine/view/types';
import { locale, t } from './i18n';

/** "titForTat" -> "tit for tat" (a fallback for identifiers without a word below). */
export function humanize(id: string): string {
  const spaced = id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * An identifier's word in the chosen language: French and German come from
 * the resources (words.<table>.<id>, ui/i18n-chrome.ts), English from the
 * table here.
 */
function wordFrom(table: Record<string, string>, id: string, name?: string): string {
  const english = table[id] ?? humanize(id);
  return name ? t(`words.${name}.${id}`, { defaultValue: english }) : english;
}

const PHASE_WORDS: Record<ExercisePhase, string> = {
  lobby: 'Waiting to start',
  briefing: 'Briefing',
  deliberation: 'Deliberation',
  results: 'Round results',
  debrief: 'Debrief',
};
export const phaseWord = (p: string) => wordFrom(PHASE_WORDS, p, 'phase');


const POSTURE_WORDS: Record<Posture, string> = {
  probing: 'Probing',
  emboldened: 'Emboldened',
  deterred: 'Deterred',
  titForTat: 'Tit-for-tat',
  deEscalating: 'De-escalating',
};
export const postureWord = (p: string) => wordFrom(POSTURE_WORDS, p, 'posture');

const STAGE_WORDS: Record<string, string> = {
  unknown: 'Not detected',
  detected: 'Detected',
  suspected: 'Suspected',
  assessed: 'Assessed',
  signalledPrivately: 'Signalled privately',
  notInAPosition: 'Not in a position to attribute',
  attributedPublicly: 'Attributed publicly',
  retracted: 'Retracted',
  undisclosed: 'Not disclosed',
  idle: 'Nothing shared',
  pooling: 'Evidence pooled',
  jointlyAttributed: 'Jointly attributed',
};
export const stageWord = (s: string) => wordFrom(STAGE_WORDS, s, 'stage');

const SANCTION_WORDS: Record<string, string> = {
  coordinating: 'Coordinating',
  blocked: 'Blocked',
  inForce: 'In force',
  review: 'Under review',
  lifted: 'Lifted',
  expired: 'Expired (sunset)',
  annulled: 'Annulled by a court',
  delisted: 'Delisted at review',
  none: 'No challenge',
  pending: 'Challenge pending',
  upheld: 'Upheld in court',
};
export const sanctionWord = (s: string) => wordFrom(SANCTION_WORDS, s);

/** Where the listed persons of a listing stand (view.sanctions[].listed), in one sentence. */
export function listedWords(listed: { notified: number; observations: number[]; review?: { round: number; result: string; why?: string } }): string {
  const parts = [`Notified in round ${listed.notified}`];
  if (listed.review) parts.push(`review in round ${listed.review.round} ${listed.review.result === 'delisted' ? 'delisted them' : 'maintained the listing'}`);
  if (listed.observations.length) parts.push(`observations submitted in round ${listed.observations.join(', ')}, to be weighed at the next review`);
  return `${parts.join('; ')}.${listed.review?.why ? ` ${listed.review.why}` : ''}`;
}

const BAND_WORDS: Record<string, string> = {
  belowThreshold: "below the “don't rock the boat” threshold",
  hardening: 'hardening: above the threshold',
  beyondFirebreak: 'beyond the cyber firebreak',
};
export const bandWord = (b: string) => wordFrom(BAND_WORDS, b);

/** The instruments a response belongs to (an action's category), as the catalogue groups them. */
const INSTRUMENT_WORDS: Record<string, string> = {
  diplomatic: 'Diplomatic',
  signalling: 'Signalling',
  attribution: 'Attribution',
  investigate: 'Investigation',
  intelligence: 'Intelligence',
  legal: 'Legal',
  economic: 'Economic',
  cyber: 'Cyber',
  resilience: 'Resilience',
  military: 'Military',
  deEscalation: 'De-escalation',
  rollback: 'Rolling back',
};
export const instrumentWord = (c: string) => wordFrom(INSTRUMENT_WORDS, c, 'instrument');
/** The catalogue's order of instruments: those named above first, in that order, then any other. */
export const instrumentOrder = (c: string) => {
  const i = Object.keys(INSTRUMENT_WORDS).indexOf(c);
  return i < 0 ? 99 : i;
};

/** Procedures that exclude each other: acting urgently means acting without prior notice. */
export const EXCLUSIVE_PROCEDURES: readonly (readonly [string, string])[] = [['notice', 'urgent']];

const PROCEDURE_WORDS: Record<string, { label: string; help: string }> = {
  notice: { label: 'Prior notice', help: 'Call on the responsible state to stop, and notify it before acting.' },
  statementOfReasons: { label: 'Statement of reasons', help: 'Publish the reasons and evidence a court could review.' },
  sunset: { label: 'Sunset or review date', help: 'The measure lapses or is reviewed after a set time.' },
  humanitarianExemption: { label: 'Humanitarian exemption', help: 'Carve out basic needs and humanitarian work.' },
  oversight: { label: 'Oversight notified', help: 'Notify parliament or the courts that oversee the measure.' },
  urgent: { label: 'Urgent', help: 'Act without prior notice because delay would defeat the measure.' },
};
export const procedureWord = (p: string) => t(`words.procedure.${p}`, { defaultValue: PROCEDURE_WORDS[p]?.label ?? humanize(p) });
export const procedureHelp = (p: string) => t(`words.procedureHelp.${p}`, { defaultValue: PROCEDURE_WORDS[p]?.help ?? '' });

export const RATINGS: { id: Rating; label: string }[] = [
  { id: 'P', label: 'P: performed without challenges' },
  { id: 'S', label: 'S: performed with some challenges' },
  { id: 'M', label: 'M: performed with major challenges' },
  { id: 'U', label: 'U: unable to perform' },
];
/** A rating's words in the chosen language ("P: performed without challenges"). */
export const ratingLabel = (r: Rating) => t(`ratings.${r}`, { defaultValue: RATINGS.find((x) => x.id === r)?.label ?? r });
export const ratingWord = (r: string | null) => (RATINGS.some((x) => x.id === r) ? ratingLabel(r as Rating) : t('ratings.none', { defaultValue: 'Not rated' }));

const KIND_WORDS: Record<InjectDelivery['kind'], string> = {
  news: 'News',
  intelligence: 'Intelligence',
  diplomatic: 'Diplomatic',
  facilitator: 'From the facilitator',
  adversary: 'Adversary',
  social: 'Social media',
  call: 'Phone call',
};
export const injectKindWord = (k: string) => wordFrom(KIND_WORDS, k, 'kind');

const CONFIDENCE_WORDS: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', none: 'None needed', missing: 'No assessment' };
export const confidenceWord = (c: string | null) => wordFrom(CONFIDENCE_WORDS, c ?? 'missing', 'confidence');

const SPILLOVER_WORDS: Record<string, string> = { none: 'None', low: 'Low', medium: 'Medium', high: 'High', veryHigh: 'Very high' };
export const spilloverWord = (s: string) => wordFrom(SPILLOVER_WORDS, s, 'spillover');

/** Retorsion and countermeasure, the kinds of response the glossary explains. */
export const responseTypeWord = (r: string) => wordFrom({}, r, 'responseType');

/** The teams that take part: all but those the facilitator dropped before the start. */
export function teamsTakingPart<T extends { seat?: 'bot' | 'absent' }>(teams: T[]): T[] {
  return teams.filter((t) => t.seat !== 'absent');
}

/** A team's state in a round, in words: no part, locked or deciding (and who decides when a bot does). */
export function teamStateWord(team: { seat?: 'bot' | 'absent'; locked: boolean }): string {
  const state = team.seat === 'absent' ? 'absent' : team.locked ? 'locked' : team.seat === 'bot' ? 'bot' : 'deciding';
  return t(`teamState.${state}`);
}

export function teamName(view: ExerciseView, id: string | null | undefined): string {
  if (!id) return '';
  return view.teams.find((t) => t.id === id)?.name ?? id;
}

export function teamList(view: ExerciseView, ids: string[]): string {
  return ids.map((id) => teamName(view, id)).join(', ');
}

export function actionName(view: ExerciseView, id: string): string {
  return view.actions.find((a) => a.id === id)?.name ?? view.sanctions.find((s) => s.action === id)?.name ?? humanize(id);
}

export function incidentName(view: ExerciseView, id: string | null | undefined): string {
  if (!id) return '';
  return view.incidents.find((i) => i.id === id)?.name ?? humanize(id);
}

export function ladderLabel(view: ExerciseView, level: number): string {
  return view.scenario.ladder.find((r) => r.level === level)?.label ?? t('words.level', { defaultValue: 'Level {{level}}', level });
}

export function roundTitle(view: ExerciseView, round: number): string {
  const r = view.scenario.rounds[round - 1];
  if (round === 0 || !r) return round === 0 ? t('words.beforeRound1', { defaultValue: 'Before round 1' }) : roundWord(round);
  const title = t('words.roundTitle', { defaultValue: 'Round {{round}}: {{title}}', round, title: r.title });
  return `${title}${r.date ? ` (${storyDate(r.date)})` : ''}`;
}

/** "Round 3", in the chosen language. */
export function roundWord(round: number): string {
  return t('words.round', { defaultValue: 'Round {{round}}', round });
}

/** Who an inject was delivered to, in words. */
export function audienceWords(view: ExerciseView, audience: InjectDelivery['audience']): { private: boolean; text: string } {
  if (audience === 'all') return { private: false, text: t('feed.allTeams') };
  if (audience === 'facilitator') return { private: true, text: t('feed.facilitatorOnly') };
  const names = teamList(view, audience.teams);
  return { private: true, text: t('feed.privateTo', { names }) };
}

export function chosenProcedures(options: ProcedureOptions): string[] {
  return Object.entries(options)
    .filter(([, on]) => on)
    .map(([p]) => procedureWord(p));
}

/** Milliseconds left on the round clock, or null when none is running. */
export function remainingMs(clock: Clock, now: number): number | null {
  if (clock.deadline !== null) return Math.max(0, clock.deadline - now);
  return clock.remainingMs;
}

export function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The clock as a sentence, e.g. "12:04 left", "Paused with 3:00 left", "No clock". */
export function clockText(clock: Clock, paused: boolean, now: number): string {
  const left = remainingMs(clock, now);
  if (left === null) return paused ? t('clock.paused') : t('clock.none');
  return t(paused ? 'clock.pausedLeft' : 'clock.left', { time: formatDuration(left) });
}

export function timeOfDay(at: number): string {
  return new Date(at).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function costWords(cost: { capital: number; intel: number }): string {
  const word = (key: string, english: string, count?: number) => t(`words.cost.${key}`, { defaultValue: english, count });
  const parts = [];
  if (cost.capital) parts.push(word('capital', '{{count}} political capital', cost.capital));
  if (cost.intel) parts.push(word('intel', '{{count}} intelligence capacity', cost.intel));
  return parts.length ? parts.join(word('and', ' and ')) : word('none', 'No cost');
}

/** A moment (a Unix time in ms) as a date and time in the chosen language. */
export function dateTime(at: number | string): string {
  return new Date(at).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** A moment as a long date ("22 July 2016", "22 juillet 2016") in the chosen language. */
export function longDate(at: number | string): string {
  return new Date(at).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * What happens when the round clock runs out, as the engine rules it
 * (clockExpired resolves the round with every team's plan as it stands).
 */
export function clockRule(): string {
  return t('clockRule');
}

/**
 * A scenario's story date ("2016-07", "2016-07-22", "2016-04/2016-06") in
 * words for the locale; text that is not such a date is returned as it is.
 */
export function storyDate(text: string, language: string = locale()): string {
  const parts = text.split('/').map((p) => p.trim());
  const dates = parts.map(parseStoryDate);
  if (dates.some((d) => d === null)) return text;
  const words = dates.map((d) => new Intl.DateTimeFormat(language, d!.day ? { day: 'numeric', month: 'short', year: 'numeric' } : { month: 'short', year: 'numeric' }).format(d!.date));
  return words.join(' – ');
}

function parseStoryDate(text: string): { date: Date; day: boolean } | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return null;
  return { date: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1, 12)), day: !!m[3] };
}

/** "A", "A and B", "A, B and C" (the locale's own conjunction). */
export function andList(names: string[], locale = 'en-GB'): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
