/**
 * A report card per team: the scenario's learning objectives, the team's
 * decisions that bear on each (by the objective's `evidence` mapping), the
 * measures computed from those decisions and from the round scores, a rubric
 * level per objective explained in a sentence, and the evaluators' P/S/M/U
 * ratings combined with it. Pure: it reads the state, the scores the scoring
 * rules already gave, and nothing else. Rules and grounding: docs/scoring.md.
 */
import type { GradeMeasure, LearningObjective, RubricLevel, Scenario } from '../scenario/schema';
import { GRADE_MEASURES, RUBRIC_LEVELS } from '../scenario/schema';
import { indexOf } from '../rules/scenarioIndex';
import { evidenceOf } from '../rules/readers';
import type { ExerciseState, ObserverNote, Rating, ResolvedDecision, Score } from '../types';
import { capitalise } from '../scoring/explain';
import { cohesionAtStake, exerciseCohesion } from '../scoring/cohesion';
import { say, TERMS, type MessageKey, type ParamValue, type TermKey } from '../messages';

/** One decision of the team, as it bears on one objective. */
export interface DecisionEvidence {
  decision: string;
  round: number;
  action: string;
  actionName: string;
  incident: string | null;
  /** The proportionality that stands (the facilitator's override when there is one). */
  proportionality: number;
  effective: boolean;
  joint: boolean;
  legallyExposed: boolean;
  /** How this decision bears on the objective's measures, in a phrase (component values on 0..100, like the measures). */
  bearing: string;
}

export interface MeasureResult {
  id: GradeMeasure;
  label: string;
  /** 0..100, one decimal; null when nothing was there to measure. */
  value: number | null;
  /** What the figure was computed from. */
  basis: string;
}

export interface ObjectiveGrade {
  objective: string;
  text: string;
  /** False when the scenario maps no evidence to the objective: only evaluators can rate it. */
  graded: boolean;
  decisions: DecisionEvidence[];
  measures: MeasureResult[];
  /** Mean of the measures that had something to measure, 0..100; null when none had, or when too few decisions bore on the objective. */
  score: number | null;
  /** The level the decisions and scores alone give. */
  computed: RubricLevel | null;
  ratings: Record<Rating, number>;
  /** The level the evaluators' ratings give (their mean, P = exemplary … U = insufficient). */
  evaluated: RubricLevel | null;
  /** The level on the card: computed and evaluated combined, or whichever exists. */
  level: RubricLevel | null;
  /** What the level means for this objective (the scenario's descriptor, or the generic one). */
  descriptor: string;
  /** Why this level, in one sentence. */
  why: string;
}

export interface ReportCard {
  team: string;
  teamName: string;
  decisions: number;
  /** Mean proportionality of all the team's decisions, one decimal; null without decisions. */
  meanProportionality: number | null;
  /** Mean coalition cohesion over the rounds played, one decimal; null before the first round resolves. */
  meanCohesion: number | null;
  objectives: ObjectiveGrade[];
  /** Mean level points (exemplary 4 … insufficient 1) over the objectives with a level, two decimals. */
  levelPoints: number | null;
  summary: string;
}

export const LEVEL_POINTS: Record<RubricLevel, number> = { exemplary: 4, proficient: 3, developing: 2, insufficient: 1 };
export const RATING_LEVEL: Record<Rating, RubricLevel> = { P: 'exemplary', S: 'proficient', M: 'developing', U: 'insufficient' };
const RATINGS: readonly Rating[] = ['P', 'S', 'M', 'U'];

export const GENERIC_DESCRIPTORS: Record<RubricLevel, string> = {
  exemplary: say('card.descriptorExemplary'),
  proficient: say('card.descriptorProficient'),
  developing: say('card.descriptorDeveloping'),
  insufficient: say('card.descriptorInsufficient'),
};

/** Why a computed level, by level: the sentence opens with the level's name. */
const WHY_KEYS: Record<RubricLevel, MessageKey> = {
  exemplary: 'card.whyExemplary',
  proficient: 'card.whyProficient',
  developing: 'card.whyDeveloping',
  insufficient: 'card.whyInsufficient',
};

/** What a level means for one objective: the scenario's descriptor, or the generic one. */
export function descriptorOf(objective: LearningObjective, level: RubricLevel): string {
  return objective.rubric[level] ?? GENERIC_DESCRIPTORS[level];
}

/** A measure's name in the engine's sentences: the phrase of TERMS under measure.<id>. */
const measureTerm = (id: GradeMeasure): TermKey => `measure.${id}` as TermKey;

/** A measure's name as a label: its phrase, capitalised ("Fit to harm"). */
export const MEASURE_LABELS = Object.fromEntries(GRADE_MEASURES.map((id) => [id, capitalise(TERMS[measureTerm(id)])])) as Record<GradeMeasure, string>;

/** The top of the escalation ladder. */
const TOP_RUNG = 9;

const round1 = (x: number): number => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const pct = (share: number | null): number | null => (share === null ? null : round1(100 * share));

export function standingProportionality(d: ResolvedDecision): number {
  return d.overridden ? d.overridden.value : d.proportionality.value;
}

/** The value (0..1) of a score component that counted, or null. */
function componentValue(score: Score, id: string): number | null {
  const c = score.components.find((x) => x.id === id);
  return c && c.weight > 0 ? c.value : null;
}

/** Does this decision bear on the objective, by its action or its category? */
function bearsOn(scenario: Scenario, objective: LearningObjective, d: ResolvedDecision): boolean {
  const ev = objective.evidence;
  if (!ev) return false;
  if (ev.actions.length === 0 && ev.categories.length === 0) return true;
  const category = indexOf(scenario).actions.get(d.action)?.category;
  return ev.actions.includes(d.action) || (category !== undefined && (ev.categories as string[]).includes(category));
}

/** The summary's sentence for one or several objectives and decisions. */
function summaryKey(objectives: number, decisions: number): MessageKey {
  if (objectives === 1) return decisions === 1 ? 'card.summaryOneEach' : 'card.summaryOneObjective';
  return decisions === 1 ? 'card.summaryOneDecision' : 'card.summary';
}

/** One of two sentences, as n is 1 or not. */
function counted(n: number, one: MessageKey, many: MessageKey, params: Record<string, ParamValue> = {}): string {
  return say(n === 1 ? one : many, { count: n, ...params });
}

/** One measure for one team and objective. */
function measure(scenario: Scenario, state: ExerciseState, team: string, id: GradeMeasure, decisions: ResolvedDecision[]): MeasureResult {
  const label = MEASURE_LABELS[id];
  const result = (value: number | null, basis: string): MeasureResult => ({ id, label, value, basis });
  const [score, part] = id.split('.') as [string, string | undefined];
  const n = decisions.length;
  if (score === 'proportionality') {
    const values = part
      ? decisions.map((d) => componentValue(d.proportionality, part)).filter((v): v is number => v !== null)
      : decisions.map((d) => standingProportionality(d) / 100);
    return result(pct(mean(values)), values.length ? counted(values.length, 'basis.meanOverOne', 'basis.meanOver') : say('basis.noDecision'));
  }
  if (score === 'cohesion') {
    const values = part
      ? state.rounds.map((r) => componentValue(r.cohesion, part)).filter((v): v is number => v !== null)
      : state.rounds.filter((r) => cohesionAtStake(r.cohesion)).map((r) => r.cohesion.value / 100);
    return result(pct(mean(values)), values.length ? counted(values.length, 'basis.coalitionMeanOne', 'basis.coalitionMean') : say('basis.noRound'));
  }
  const noDecision = say('basis.noDecision');
  switch (id) {
    case 'legality':
      return result(pct(n ? decisions.filter((d) => !d.legallyExposed).length / n : null), n ? say('basis.legallyExposed', { count: decisions.filter((d) => d.legallyExposed).length, total: n }) : noDecision);
    case 'effect':
      return result(pct(n ? decisions.filter((d) => d.effective).length / n : null), n ? say('basis.tookEffect', { count: decisions.filter((d) => d.effective).length, total: n }) : noDecision);
    case 'joint':
      return result(pct(n ? decisions.filter((d) => d.joint.length > 1).length / n : null), n ? say('basis.takenJointly', { count: decisions.filter((d) => d.joint.length > 1).length, total: n }) : noDecision);
    case 'sharing': {
      const held = scenario.incidents.filter((i) => evidenceOf(state, i.id, team) > 0).map((i) => i.id);
      const shared = held.filter((i) => state.teams[team]?.shared.includes(i));
      return result(
        pct(held.length ? shared.length / held.length : null),
        held.length ? say(held.length === 1 ? 'basis.sharedOne' : 'basis.shared', { shared: shared.length, held: held.length }) : say('basis.noEvidence'),
      );
    }
    case 'restraint': {
      const values = state.rounds.map((r) => 1 - Math.min(TOP_RUNG, Math.max(0, r.escalationAfter)) / TOP_RUNG);
      return result(pct(mean(values)), values.length ? counted(values.length, 'basis.restraintOne', 'basis.restraint') : say('basis.noRound'));
    }
    default:
      return result(null, say('basis.notMeasured'));
  }
}

/** How a decision bears on the objective's decision measures, e.g. "proportionality 82; evidence 0.6; legally exposed". */
function bearing(d: ResolvedDecision, measures: readonly GradeMeasure[]): string {
  const more: string[] = d.overridden ? [say('part.overridden')] : [];
  for (const m of measures) {
    const [score, part] = m.split('.');
    if (score === 'proportionality' && part) {
      const v = componentValue(d.proportionality, part);
      if (v !== null) more.push(say('part.bearingMeasure', { measure: measureTerm(m), value: Math.round(100 * v) }));
    }
  }
  if (measures.includes('legality') && d.legallyExposed) more.push(say('part.bearingExposed'));
  if (measures.includes('effect') && !d.effective) more.push(say('part.bearingNoEffect'));
  if (measures.includes('joint') && d.joint.length > 1) more.push(say('part.bearingJoint'));
  return say('card.bearing', { value: standingProportionality(d), more });
}

export function levelOf(score: number, thresholds: { exemplary: number; proficient: number; developing: number }): RubricLevel {
  if (score >= thresholds.exemplary) return 'exemplary';
  if (score >= thresholds.proficient) return 'proficient';
  if (score >= thresholds.developing) return 'developing';
  return 'insufficient';
}

function levelAt(points: number): RubricLevel {
  return RUBRIC_LEVELS[RUBRIC_LEVELS.length - Math.min(4, Math.max(1, Math.round(points)))]!;
}

/**
 * Computed and evaluated levels combined: the mean of their points, rounded
 * to a level; a tie (x.5) goes the evaluators' way, since they saw the
 * discussion the log does not hold.
 */
export function combineLevels(computed: RubricLevel | null, evaluatedPoints: number | null): RubricLevel | null {
  if (evaluatedPoints === null) return computed;
  if (computed === null) return levelAt(evaluatedPoints);
  const c = LEVEL_POINTS[computed];
  const m = (c + evaluatedPoints) / 2;
  const tie = Math.abs(m - Math.floor(m) - 0.5) < 1e-9;
  return levelAt(tie ? (evaluatedPoints >= c ? Math.ceil(m) : Math.floor(m)) : Math.round(m));
}

/** The notes that rate this objective for this team: those naming the team, and those naming none. */
function ratingsFor(notes: readonly ObserverNote[], objective: string, team: string): Rating[] {
  return notes.filter((n) => n.objective === objective && n.rating && (!n.team || n.team === team)).map((n) => n.rating!);
}

function gradeObjective(
  scenario: Scenario,
  state: ExerciseState,
  team: string,
  objective: LearningObjective,
  own: ResolvedDecision[],
  notes: readonly ObserverNote[],
): ObjectiveGrade {
  const index = indexOf(scenario);
  const rated = ratingsFor(notes, objective.id, team);
  const ratings = Object.fromEntries(RATINGS.map((r) => [r, rated.filter((x) => x === r).length])) as Record<Rating, number>;
  const evaluatedPoints = mean(rated.map((r) => LEVEL_POINTS[RATING_LEVEL[r]]));
  const evaluated = evaluatedPoints === null ? null : levelAt(evaluatedPoints);
  const ratedText = rated.length ? say('part.rated', { ratings: rated.join(', '), level: evaluated! }) : '';

  const ev = objective.evidence;
  if (!ev) {
    const level = evaluated;
    return {
      objective: objective.id,
      text: objective.text,
      graded: false,
      decisions: [],
      measures: [],
      score: null,
      computed: null,
      ratings,
      evaluated,
      level,
      descriptor: level ? descriptorOf(objective, level) : '',
      why: rated.length ? say('card.whyRatedOnly', { ratings: rated.join(', '), level: evaluated! }) : say('card.whyUngraded'),
    };
  }

  const bearing_ = own.filter((d) => bearsOn(scenario, objective, d));
  const decisions: DecisionEvidence[] = bearing_.map((d) => ({
    decision: d.id,
    round: d.round,
    action: d.action,
    actionName: index.actions.get(d.action)?.name ?? d.action,
    incident: d.incident,
    proportionality: standingProportionality(d),
    effective: d.effective,
    joint: d.joint.length > 1,
    legallyExposed: d.legallyExposed,
    bearing: bearing(d, ev.measures),
  }));
  const measures = ev.measures.map((m) => measure(scenario, state, team, m, bearing_));
  const measured = measures.filter((m) => m.value !== null);
  const tooFew = bearing_.length < ev.minDecisions;
  // Too few decisions decide the level by themselves; a score from the coalition's figures alone would mislead.
  const score = measured.length && !tooFew ? round1(mean(measured.map((m) => m.value!))!) : null;
  const computed: RubricLevel | null = tooFew ? 'insufficient' : score === null ? null : levelOf(score, objective.rubric.thresholds);

  let basis = '';
  if (tooFew) {
    basis =
      bearing_.length === 0
        ? say('part.cardNoDecision', { min: ev.minDecisions })
        : counted(bearing_.length, 'part.cardOnlyOne', 'part.cardOnly', { min: ev.minDecisions });
  } else if (score !== null) {
    const sorted = [...measured].sort((a, b) => a.value! - b.value!);
    const weakest = sorted.length > 1 && sorted[0]!.value! < sorted[sorted.length - 1]!.value! ? sorted[0]! : null;
    basis = counted(bearing_.length, 'part.cardScoreOne', 'part.cardScore', {
      score,
      measures: measured.map((m) => say('part.measureValue', { measure: measureTerm(m.id), value: m.value! })),
      weakest: weakest ? say('part.weakest', { measure: measureTerm(weakest.id) }) : '',
    });
  }
  const level = combineLevels(computed, evaluatedPoints);
  const combined = computed && evaluated && level ? say('part.combined', { level }) : '';
  // Without a computed level, nothing bore on it that could be measured (too few decisions compute "insufficient").
  const why = computed ? say(WHY_KEYS[computed], { basis, rated: ratedText, combined }) : say('card.whyNothingMeasured', { rated: ratedText });
  return {
    objective: objective.id,
    text: objective.text,
    graded: true,
    decisions,
    measures,
    score,
    computed,
    ratings,
    evaluated,
    level,
    descriptor: level ? descriptorOf(objective, level) : '',
    why,
  };
}

/**
 * The report card of one team, as the state stands (at the debrief: the whole
 * exercise). `notes` are the evaluation notes whose ratings count: those the
 * reader may see (a facilitator's notes reach observers only at the debrief).
 */
export function reportCard(scenario: Scenario, state: ExerciseState, team: string, notes: readonly ObserverNote[] = state.notes): ReportCard {
  const def = indexOf(scenario).teams.get(team);
  if (!def) throw new Error(`There is no team "${team}" in this scenario.`);
  const own = state.decisions.filter((d) => d.team === team);
  const objectives = scenario.meta.learningObjectives.map((o) => gradeObjective(scenario, state, team, o, own, notes));
  const levels = objectives.map((o) => o.level).filter((l): l is RubricLevel => l !== null);
  const levelPoints = levels.length ? Math.round(100 * mean(levels.map((l) => LEVEL_POINTS[l]))!) / 100 : null;
  const good = levels.filter((l) => LEVEL_POINTS[l] >= LEVEL_POINTS.proficient).length;
  const meanP = mean(own.map(standingProportionality));
  const meanK = state.rounds.some((r) => cohesionAtStake(r.cohesion)) ? exerciseCohesion(state.rounds) : null;
  return {
    team,
    teamName: def.name,
    decisions: own.length,
    meanProportionality: meanP === null ? null : round1(meanP),
    meanCohesion: meanK === null ? null : round1(meanK),
    objectives,
    levelPoints,
    summary: levels.length ? say(summaryKey(objectives.length, own.length), { team: def.name, good, objectives: objectives.length, decisions: own.length }) : say('card.noneGraded', { team: def.name }),
  };
}

/** Every team's report card, in the scenario's team order. */
export function reportCards(scenario: Scenario, state: ExerciseState, notes: readonly ObserverNote[] = state.notes): ReportCard[] {
  return scenario.teams.map((t) => reportCard(scenario, state, t.id, notes));
}

/**
 * Everything a report card reads, as a flat list of values and shared
 * entries. The state's history arrays are copied on every command but their
 * entries are shared and replaced, never changed in place (rules/work.ts), so
 * two states with the same list give the same cards.
 */
function cardInputs(scenario: Scenario, state: ExerciseState, notes: readonly ObserverNote[]): unknown[] {
  const inputs: unknown[] = [...state.decisions, '|', ...state.rounds, '|', ...notes];
  for (const team of scenario.teams) {
    inputs.push('|', ...(state.teams[team.id]?.shared ?? []));
    for (const incident of scenario.incidents) inputs.push(state.attribution[incident.id]?.national[team.id]);
  }
  return inputs;
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Recent cards per scenario: most commands (drafts, chat, votes) change nothing a card reads. */
const recent = new WeakMap<Scenario, { inputs: unknown[]; cards: ReportCard[] }[]>();
const RECENT_PER_SCENARIO = 8;

/**
 * reportCards for the projection, which asks after every command for every
 * staff viewer: the same inputs give the cards computed last time (the views
 * never change what they are given).
 */
export function reportCardsOf(scenario: Scenario, state: ExerciseState, notes: readonly ObserverNote[]): readonly ReportCard[] {
  const inputs = cardInputs(scenario, state, notes);
  const list = recent.get(scenario) ?? [];
  const hit = list.find((entry) => sameInputs(entry.inputs, inputs));
  if (hit) return hit.cards;
  const cards = reportCards(scenario, state, notes);
  recent.set(scenario, [{ inputs, cards }, ...list].slice(0, RECENT_PER_SCENARIO));
  return cards;
}
