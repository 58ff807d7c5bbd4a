/**
 * What a course page shows: the course file joined with its scenario. The
 * rubric's levels, descriptors, thresholds and measures are the scenario's
 * own, read through the report card's code, so the course and the report
 * card cannot disagree; readings resolve to full citations; the scenario's
 * sources are listed round by round as its injects and debrief cite them.
 */
import type { Scenario } from '../scenario/schema';
import { RUBRIC_LEVELS, type RubricLevel } from '../scenario/schema';
import { MEASURE_LABELS, descriptorOf } from '../grading/reportCard';
import type { Course, CourseFormat } from './schema';
import { primaryText } from './primaryTexts';

export interface CourseReading {
  citation: string;
  identifier: string | null;
  url: string | null;
  /** What to read of it; null for the whole. */
  parts: string | null;
  /** What it contains (catalogue texts) or why it matters here. */
  summary: string | null;
  why: string;
  essential: boolean;
}

export interface CourseSource {
  id: string;
  citation: string;
  url: string | null;
}

export interface CourseSegmentView {
  /** Minutes from the start of the session. */
  start: number;
  minutes: number;
  title: string;
  activity: string;
  rounds: { number: number; title: string; date: string | null; scenarioMinutes: number }[];
  clock: number | null;
}

export interface CourseFormatView {
  id: string;
  title: string;
  minutes: number;
  summary: string;
  segments: CourseSegmentView[];
  /** The last round played, when the session ends the exercise before the scenario's last round; null otherwise. */
  endsAfterRound: number | null;
}

export interface CourseObjectiveRef {
  id: string;
  text: string;
}

export interface CoursePromptView {
  text: string;
  objectives: CourseObjectiveRef[];
}

export interface CourseRubricLevel {
  level: RubricLevel;
  descriptor: string;
  /** The lowest report-card score (0-100) for the level; null for insufficient, which is below the rest. */
  from: number | null;
}

export interface CourseRubricEntry {
  objective: string;
  text: string;
  /** Whether the report card computes a level from decisions (otherwise only evaluators rate it). */
  graded: boolean;
  /** What the report card computes the level from, in English. */
  measures: string[];
  /** The same measures by id, for a client that names them in its language. */
  measureIds: string[];
  /** Fewer decisions bearing on the objective make the computed level insufficient; 0 when ungraded. */
  minDecisions: number;
  levels: CourseRubricLevel[];
  lookFor: string[];
}

export interface CourseView {
  scenario: {
    id: string;
    title: string;
    summary: string;
    teams: string[];
    rounds: { number: number; title: string; date: string | null; minutes: number }[];
  };
  title: string;
  audience: string;
  overview: string;
  preparation: string[];
  formats: CourseFormatView[];
  readings: {
    primary: CourseReading[];
    scenario: (CourseReading & { source: string })[];
    /** The scenario's sources as its injects and debrief notes cite them, round by round; round null for the whole exercise. */
    byRound: { round: number | null; title: string; sources: CourseSource[] }[];
  };
  prompts: { before: CoursePromptView[]; after: CoursePromptView[] };
  rubric: CourseRubricEntry[];
}

export function courseView(scenario: Scenario, course: Course): CourseView {
  const rounds = scenario.rounds.map((r, i) => ({ number: i + 1, title: r.title, date: r.date ?? null, minutes: r.minutes ?? scenario.roundMinutes }));
  const objective = (id: string): CourseObjectiveRef => ({ id, text: scenario.meta.learningObjectives.find((o) => o.id === id)?.text ?? id });
  const prompts = (list: Course['prompts']['before']) => list.map((p) => ({ text: p.text, objectives: p.objectives.map(objective) }));
  return {
    scenario: {
      id: scenario.id,
      title: scenario.meta.title,
      summary: scenario.meta.summary,
      teams: scenario.teams.map((t) => t.name),
      rounds,
    },
    title: course.title,
    audience: course.audience,
    overview: course.overview,
    preparation: course.preparation,
    formats: course.formats.map((f) => formatView(f, rounds)),
    readings: {
      primary: course.readings.primary.map(primaryReading),
      scenario: course.readings.scenario.map((r) => {
        const source = sourceOf(scenario, r.source);
        return { source: r.source, citation: source.citation, identifier: null, url: source.url, parts: null, summary: null, why: r.why, essential: r.essential };
      }),
      byRound: sourcesByRound(scenario),
    },
    prompts: { before: prompts(course.prompts.before), after: prompts(course.prompts.after) },
    rubric: rubric(scenario, course),
  };
}

function formatView(format: CourseFormat, rounds: CourseView['scenario']['rounds']): CourseFormatView {
  let start = 0;
  const segments = format.segments.map((s) => {
    const view: CourseSegmentView = {
      start,
      minutes: s.minutes,
      title: s.title,
      activity: s.activity,
      rounds: s.rounds.map((n) => ({ number: n, title: rounds[n - 1]?.title ?? `Round ${n}`, date: rounds[n - 1]?.date ?? null, scenarioMinutes: rounds[n - 1]?.minutes ?? 0 })),
      clock: s.clock ?? null,
    };
    start += s.minutes;
    return view;
  });
  const last = Math.max(0, ...format.segments.flatMap((s) => s.rounds));
  return { id: format.id, title: format.title, minutes: format.minutes, summary: format.summary, segments, endsAfterRound: last < rounds.length ? last : null };
}

function primaryReading(reading: Course['readings']['primary'][number]): CourseReading {
  const text = reading.text === undefined ? undefined : primaryText(reading.text);
  return {
    citation: text?.citation ?? reading.citation ?? '',
    identifier: text?.identifier ?? null,
    url: text?.url ?? reading.url ?? null,
    parts: reading.parts ?? text?.parts ?? null,
    summary: text?.summary ?? null,
    why: reading.why,
    essential: reading.essential,
  };
}

function sourceOf(scenario: Scenario, id: string): CourseSource {
  const source = scenario.meta.sources.find((s) => s.id === id);
  return { id, citation: source?.citation ?? id, url: source?.url ?? null };
}

function sourcesByRound(scenario: Scenario): CourseView['readings']['byRound'] {
  const cited = new Map<number | null, string[]>();
  const cite = (round: number | null, ids: string[]) => cited.set(round, [...new Set([...(cited.get(round) ?? []), ...ids])]);
  for (const inject of scenario.injects) cite(inject.round ?? null, inject.sources);
  for (const note of scenario.debrief.whatHappened) cite(note.round ?? null, note.sources);
  const known = new Set(scenario.meta.sources.map((s) => s.id));
  const entry = (round: number | null, title: string) => ({ round, title, sources: (cited.get(round) ?? []).filter((id) => known.has(id)).map((id) => sourceOf(scenario, id)) });
  return [...scenario.rounds.map((r, i) => entry(i + 1, r.title)), entry(null, 'The whole exercise')].filter((e) => e.sources.length > 0);
}

function rubric(scenario: Scenario, course: Course): CourseRubricEntry[] {
  return scenario.meta.learningObjectives.map((o) => {
    const thresholds = o.rubric.thresholds;
    const from: Record<RubricLevel, number | null> = { exemplary: thresholds.exemplary, proficient: thresholds.proficient, developing: thresholds.developing, insufficient: null };
    return {
      objective: o.id,
      text: o.text,
      graded: o.evidence !== undefined,
      measures: o.evidence?.measures.map((m) => MEASURE_LABELS[m]) ?? [],
      measureIds: o.evidence ? [...o.evidence.measures] : [],
      minDecisions: o.evidence?.minDecisions ?? 0,
      levels: RUBRIC_LEVELS.map((level) => ({ level, descriptor: descriptorOf(o, level), from: o.evidence ? from[level] : null })),
      lookFor: course.rubric.find((e) => e.objective === o.id)?.lookFor ?? [],
    };
  });
}
