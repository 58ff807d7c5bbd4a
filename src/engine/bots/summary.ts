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

const round2 = (x: number) => Math.round(x * 100) / 100;

export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: 0, p10: 0, p50: 0, p90: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    count: values.length,
    mean: round2(values.reduce((a, b) => a + b, 0) / values.length),
    p10: at(0.1),
    p50: at(0.5),
    p90: at(0.9),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Ten buckets of width 10 over 0..100 (100 falls in the last). */
function histogram(values: number[]): number[] {
  const buckets = new Array<number>(10).fill(0);
  for (const v of values) buckets[Math.min(9, Math.floor(v / 10))]! += 1;
  return buckets;
}

function countInto(target: Record<string, number>, key: string): void {
  target[key] = (target[key] ?? 0) + 1;
}

function summarisePolicy(scenario: Scenario, policy: string, runs: RunRecord[]): PolicySummary {
  const outcomes: Record<string, number> = {};
  const finalPosture: Record<string, number> = {};
  const finalEscalation = new Array<number>(10).fill(0);
  const proportionality: number[] = [];
  const perDecision: number[] = [];
  const cohesion: number[] = [];
  const peaks: number[] = [];
  let rejectedCommands = 0;
  for (const { state, rejected } of runs) {
    countInto(outcomes, state.outcome ? `${state.outcome.outcome}:${state.outcome.id}` : 'unfinished');
    countInto(finalPosture, posture(state));
    finalEscalation[escalationLevel(state)]! += 1;
    peaks.push(Math.max(0, ...state.rounds.map((r) => r.escalationAfter)));
    for (const d of state.decisions) if (d.effective) perDecision.push(d.proportionality.value);
    const figure = exerciseProportionality(scenario, state.decisions);
    if (figure !== null) proportionality.push(figure);
    for (const r of state.rounds) cohesion.push(r.cohesion.value);
    rejectedCommands += rejected;
  }
  return {
    policy,
    runs: runs.length,
    outcomes: sortKeys(outcomes),
    finalEscalation,
    peakEscalation: distribution(peaks),
    finalPosture: sortKeys(finalPosture),
    proportionality: distribution(proportionality),
    cohesion: distribution(cohesion),
    proportionalityHistogram: histogram(perDecision),
    cohesionHistogram: histogram(cohesion),
    rejectedCommands,
  };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** A round is static when, in every run, nothing a player can see moved during it. */
function staticRounds(scenario: Scenario, runs: RunRecord[]): number[] {
  const moved = new Set<number>();
  for (const { state } of runs) {
    for (const r of state.rounds) {
      const changed = r.escalationAfter !== r.escalationBefore || r.postureAfter !== r.postureBefore || r.decisions.length > 0 || r.adversaryMoves.length > 0;
      if (changed) moved.add(r.round);
    }
  }
  return scenario.rounds.map((_, i) => i + 1).filter((round) => !moved.has(round) && runs.some((run) => run.state.rounds.some((r) => r.round === round)));
}

export function summarise(scenario: Scenario, seed: string, runs: RunRecord[]): SimulationSummary {
  const policies = [...new Set(runs.map((r) => r.policy))];
  const injectsFired = Object.fromEntries(scenario.injects.map((i) => [i.id, 0]));
  const actionsTaken = Object.fromEntries(scenario.actions.map((a) => [a.id, 0]));
  for (const { state } of runs) {
    for (const id of new Set(state.injects.delivered.map((d) => d.inject).filter((x): x is string => x !== null))) injectsFired[id]! += 1;
    for (const id of new Set(state.decisions.filter((d) => d.effective).map((d) => d.action))) actionsTaken[id]! += 1;
  }
  const peak = Math.max(0, ...runs.flatMap((r) => r.state.rounds.map((x) => x.escalationAfter)));
  return {
    scenario: scenario.id,
    runs: runs.length,
    seed,
    policies: policies.map((p) => summarisePolicy(scenario, p, runs.filter((r) => r.policy === p))),
    injectsFired,
    actionsTaken,
    injectsNeverFired: Object.keys(injectsFired).filter((id) => injectsFired[id] === 0),
    actionsNeverTaken: Object.keys(actionsTaken).filter((id) => actionsTaken[id] === 0),
    staticRounds: staticRounds(scenario, runs),
    peakEscalationReached: peak,
  };
}
