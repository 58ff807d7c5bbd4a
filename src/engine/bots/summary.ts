/**
 * Outcome distributions over many simulated exercises, per policy. Pure and
 * ordered, so the same runs always summarise to the same bytes.
 */
import { escalationLevel, posture } from '../rules/readers';
import { exerciseProportionality } from '../scoring/exercise';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';

export interface Distribution {
  count: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
}

export interface PolicySummary {
  policy: string;
  runs: number;
  outcomes: Record<string, number>;
  finalEscalation: number[];
  peakEscalation: Distribution;
  finalPosture: Record<string, number>;
  /** The exercise figure per run (scoring/exercise.ts): distinct responses, weighted by severity. */
  proportionality: Distribution;
  cohesion: Distribution;
  /** Per decision, ten buckets of 10 points. */
  proportionalityHistogram: number[];
  cohesionHistogram: number[];
  rejectedCommands: number;
}

export interface SimulationSummary {
  scenario: string;
  runs: number;
  seed: string;
  policies: PolicySummary[];
  injectsFired: Record<string, number>;
  actionsTaken: Record<string, number>;
  injectsNeverFired: string[];
  actionsNeverTaken: string[];
  /** Rounds in which no run changed escalation, posture or any indicator. */
  staticRounds: number[];
  peakEscalationReached: number;
}

export interface RunRecord {
  policy: string;
  state: ExerciseState;
  rejected: number;
}

/**
 * How often each value occurred. Distributions are kept as counts rather
 * than lists: the figures they yield are exactly those of the full list,
 * in memory that does not grow with the number of runs, and two tallies
 * merge by adding counts whatever order their runs were played in.
 */
export type ValueCounts = Map<number, number>;

interface PolicyTally {
  policy: string;
  runs: number;
  outcomes: Record<string, number>;
  finalPosture: Record<string, number>;
  finalEscalation: number[];
  peakEscalation: ValueCounts;
  /** Per decision. */
  proportionality: ValueCounts;
  /** Per run: the exercise figure. */
  exercise: ValueCounts;
  cohesion: ValueCounts;
  rejectedCommands: number;
}

/**
 * Everything the summary needs from a batch of runs, added to run by run.
 * Plain data (maps, sets, records), so a worker thread can send it back.
 */
export interface SummaryTally {
  runs: number;
  /** In the order the policies first appeared. */
  policies: PolicyTally[];
  injectsFired: Record<string, number>;
  actionsTaken: Record<string, number>;
  /** Rounds that some run played, and those in which something moved in some run. */
  playedRounds: Set<number>;
  movedRounds: Set<number>;
  peakEscalationReached: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function distribution(values: number[]): Distribution {
  return distributionOfCounts(countValues(values));
}

function countValues(values: number[]): ValueCounts {
  const counts: ValueCounts = new Map();
  for (const v of values) addCount(counts, v, 1);
  return counts;
}

function addCount(counts: ValueCounts, value: number, n: number): void {
  counts.set(value, (counts.get(value) ?? 0) + n);
}

/** The same figures as sorting every value: the q-quantile is the value at index floor(q × count). */
export function distributionOfCounts(counts: ValueCounts): Distribution {
  const sorted = [...counts].sort(([a], [b]) => a - b);
  let count = 0;
  let sum = 0;
  for (const [value, n] of sorted) {
    count += n;
    sum += value * n;
  }
  if (count === 0) return { count: 0, mean: 0, p10: 0, p50: 0, p90: 0, min: 0, max: 0 };
  const at = (q: number) => {
    const index = Math.min(count - 1, Math.floor(q * count));
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  return {
    count,
    mean: round2(sum / count),
    p10: at(0.1),
    p50: at(0.5),
    p90: at(0.9),
    min: sorted[0]![0],
    max: sorted[sorted.length - 1]![0],
  };
}

/** Ten buckets of width 10 over 0..100 (100 falls in the last). */
function histogram(counts: ValueCounts): number[] {
  const buckets = new Array<number>(10).fill(0);
  for (const [v, n] of counts) buckets[Math.min(9, Math.floor(v / 10))]! += n;
  return buckets;
}

function countInto(target: Record<string, number>, key: string, n = 1): void {
  target[key] = (target[key] ?? 0) + n;
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function emptyTally(scenario: Scenario): SummaryTally {
  return {
    runs: 0,
    policies: [],
    injectsFired: Object.fromEntries(scenario.injects.map((i) => [i.id, 0])),
    actionsTaken: Object.fromEntries(scenario.actions.map((a) => [a.id, 0])),
    playedRounds: new Set(),
    movedRounds: new Set(),
    peakEscalationReached: 0,
  };
}

function emptyPolicyTally(policy: string): PolicyTally {
  return {
    policy,
    runs: 0,
    outcomes: {},
    finalPosture: {},
    finalEscalation: new Array<number>(10).fill(0),
    peakEscalation: new Map(),
    proportionality: new Map(),
    exercise: new Map(),
    cohesion: new Map(),
    rejectedCommands: 0,
  };
}

function policyTally(tally: SummaryTally, policy: string): PolicyTally {
  let found = tally.policies.find((p) => p.policy === policy);
  if (!found) tally.policies.push((found = emptyPolicyTally(policy)));
  return found;
}

/** Adds one finished run to the tally; the run's state can be dropped afterwards. */
export function tallyRun(scenario: Scenario, tally: SummaryTally, { policy, state, rejected }: RunRecord): void {
  tally.runs += 1;
  const p = policyTally(tally, policy);
  p.runs += 1;
  countInto(p.outcomes, state.outcome ? `${state.outcome.outcome}:${state.outcome.id}` : 'unfinished');
  countInto(p.finalPosture, posture(state));
  p.finalEscalation[escalationLevel(state)]! += 1;
  let peak = 0;
  for (const r of state.rounds) {
    peak = Math.max(peak, r.escalationAfter);
    addCount(p.cohesion, r.cohesion.value, 1);
    tally.playedRounds.add(r.round);
    // A round is static when, in every run, nothing a player can see moved during it.
    const moved = r.escalationAfter !== r.escalationBefore || r.postureAfter !== r.postureBefore || r.decisions.length > 0 || r.adversaryMoves.length > 0;
    if (moved) tally.movedRounds.add(r.round);
  }
  addCount(p.peakEscalation, peak, 1);
  tally.peakEscalationReached = Math.max(tally.peakEscalationReached, peak);
  const effective = state.decisions.filter((d) => d.effective);
  for (const d of effective) addCount(p.proportionality, d.proportionality.value, 1);
  const figure = exerciseProportionality(scenario, state);
  if (figure !== null) addCount(p.exercise, figure, 1);
  p.rejectedCommands += rejected;
  for (const id of new Set(state.injects.delivered.map((d) => d.inject))) if (id !== null) countInto(tally.injectsFired, id);
  for (const id of new Set(state.decisions.filter((d) => d.effective).map((d) => d.action))) countInto(tally.actionsTaken, id);
}

/** Adds the runs of a later tally to an earlier one: the result is the tally of both batches played in that order. */
export function mergeTally(into: SummaryTally, later: SummaryTally): SummaryTally {
  into.runs += later.runs;
  for (const q of later.policies) {
    const p = policyTally(into, q.policy);
    p.runs += q.runs;
    for (const [k, n] of Object.entries(q.outcomes)) countInto(p.outcomes, k, n);
    for (const [k, n] of Object.entries(q.finalPosture)) countInto(p.finalPosture, k, n);
    q.finalEscalation.forEach((n, level) => (p.finalEscalation[level]! += n));
    for (const [v, n] of q.peakEscalation) addCount(p.peakEscalation, v, n);
    for (const [v, n] of q.proportionality) addCount(p.proportionality, v, n);
    for (const [v, n] of q.exercise) addCount(p.exercise, v, n);
    for (const [v, n] of q.cohesion) addCount(p.cohesion, v, n);
    p.rejectedCommands += q.rejectedCommands;
  }
  for (const [k, n] of Object.entries(later.injectsFired)) countInto(into.injectsFired, k, n);
  for (const [k, n] of Object.entries(later.actionsTaken)) countInto(into.actionsTaken, k, n);
  for (const r of later.playedRounds) into.playedRounds.add(r);
  for (const r of later.movedRounds) into.movedRounds.add(r);
  into.peakEscalationReached = Math.max(into.peakEscalationReached, later.peakEscalationReached);
  return into;
}

function summarisePolicy(p: PolicyTally): PolicySummary {
  return {
    policy: p.policy,
    runs: p.runs,
    outcomes: sortKeys(p.outcomes),
    finalEscalation: p.finalEscalation,
    peakEscalation: distributionOfCounts(p.peakEscalation),
    finalPosture: sortKeys(p.finalPosture),
    proportionality: distributionOfCounts(p.exercise),
    cohesion: distributionOfCounts(p.cohesion),
    proportionalityHistogram: histogram(p.proportionality),
    cohesionHistogram: histogram(p.cohesion),
    rejectedCommands: p.rejectedCommands,
  };
}

export function summariseTally(scenario: Scenario, seed: string, tally: SummaryTally): SimulationSummary {
  const { injectsFired, actionsTaken } = tally;
  return {
    scenario: scenario.id,
    runs: tally.runs,
    seed,
    policies: tally.policies.map(summarisePolicy),
    injectsFired,
    actionsTaken,
    injectsNeverFired: Object.keys(injectsFired).filter((id) => injectsFired[id] === 0),
    actionsNeverTaken: Object.keys(actionsTaken).filter((id) => actionsTaken[id] === 0),
    staticRounds: scenario.rounds.map((_, i) => i + 1).filter((round) => tally.playedRounds.has(round) && !tally.movedRounds.has(round)),
    peakEscalationReached: tally.peakEscalationReached,
  };
}

/** The summary of runs already played and kept. */
export function summarise(scenario: Scenario, seed: string, runs: RunRecord[]): SimulationSummary {
  const tally = emptyTally(scenario);
  for (const run of runs) tallyRun(scenario, tally, run);
  return summariseTally(scenario, seed, tally);
}
