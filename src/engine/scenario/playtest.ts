/**
 * What play-tests saw, beyond outcomes: at the start of every deliberation of
 * every run, why each action was closed to each team (the rules' refusal
 * codes), which parts of the injects' and end conditions' conditions ever
 * held, and the range each indicator moved in. Quality warnings use it to say
 * why an action was never taken or an inject never fired. Plain data, so
 * observations of separate batches merge by adding.
 */
import { evaluate, indicatorValue } from '../conditions';
import { checkDraft } from '../rules/decisions';
import { batchRun } from '../bots/simulate';
import { BOTS } from '../bots/policies';
import { emptyTally, summariseTally, tallyRun, type RunRecord, type SimulationSummary } from '../bots/summary';
import type { ExerciseState } from '../types';
import { jsonPointer, type Path } from './paths';
import type { Condition, Scenario } from './schema';

export interface Observation {
  /** Occasions (a team at the start of a round's deliberation) on which each action was refused, by code. */
  refusals: Record<string, Record<string, number>>;
  /** Occasions on which each action was open to its team. */
  open: Record<string, number>;
  /** JSON pointers of the condition parts that held at least once. */
  held: Set<string>;
  /** The lowest and highest value of each indicator named in a condition. */
  indicators: Record<string, { min: number; max: number }>;
  /** Rounds whose deliberation some run reached. */
  rounds: Set<number>;
}

export function emptyObservation(): Observation {
  return { refusals: {}, open: {}, held: new Set(), indicators: {}, rounds: new Set() };
}

/** The conditions whose failure a play-test explains: injects' and end conditions'. */
export function explainedConditions(scenario: Scenario): { condition: Condition; path: Path }[] {
  return [
    ...scenario.injects.flatMap((inject, i) => (inject.when ? [{ condition: inject.when, path: ['injects', i, 'when'] as Path }] : [])),
    ...scenario.endConditions.map((end, i) => ({ condition: end.when, path: ['endConditions', i, 'when'] as Path })),
  ];
}

function observeCondition(observation: Observation, scenario: Scenario, state: ExerciseState, c: Condition, path: Path): void {
  if (evaluate(c, scenario, state)) observation.held.add(jsonPointer(path));
  if ('all' in c) c.all.forEach((member, k) => observeCondition(observation, scenario, state, member, [...path, 'all', k]));
  else if ('any' in c) c.any.forEach((member, k) => observeCondition(observation, scenario, state, member, [...path, 'any', k]));
  else if ('not' in c) observeCondition(observation, scenario, state, c.not, [...path, 'not']);
  else if ('indicator' in c) {
    const value = indicatorValue(scenario, state, c.indicator);
    const seen = observation.indicators[c.indicator];
    observation.indicators[c.indicator] = seen ? { min: Math.min(seen.min, value), max: Math.max(seen.max, value) } : { min: value, max: value };
  }
}

/** Records one moment of play: call it at the start of each round's deliberation. */
export function observe(observation: Observation, scenario: Scenario, state: ExerciseState): void {
  observation.rounds.add(state.round);
  for (const team of scenario.teams) {
    for (const action of scenario.actions) {
      const incidents: (string | undefined)[] = action.targetsIncident ? scenario.incidents.map((i) => i.id) : [undefined];
      const codes = new Set<string>();
      let open = false;
      for (const incident of incidents) {
        const refusal = checkDraft(scenario, state, team.id, { action: action.id, ...(incident ? { incident } : {}), options: {} });
        if (!refusal) {
          open = true;
          break;
        }
        codes.add(refusal.code);
      }
      if (open) observation.open[action.id] = (observation.open[action.id] ?? 0) + 1;
      else {
        const counts = (observation.refusals[action.id] ??= {});
        for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
      }
    }
  }
  for (const { condition, path } of explainedConditions(scenario)) observeCondition(observation, scenario, state, condition, path);
}

export function mergeObservation(into: Observation, later: Observation): Observation {
  for (const [action, counts] of Object.entries(later.refusals)) {
    const target = (into.refusals[action] ??= {});
    for (const [code, n] of Object.entries(counts)) target[code] = (target[code] ?? 0) + n;
  }
  for (const [action, n] of Object.entries(later.open)) into.open[action] = (into.open[action] ?? 0) + n;
  for (const pointer of later.held) into.held.add(pointer);
  for (const [id, range] of Object.entries(later.indicators)) {
    const seen = into.indicators[id];
    into.indicators[id] = seen ? { min: Math.min(seen.min, range.min), max: Math.max(seen.max, range.max) } : { ...range };
  }
  for (const round of later.rounds) into.rounds.add(round);
  return into;
}

/** A condition part in words. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return `all of ${c.all.length}`;
  if ('any' in c) return `any of ${c.any.length}`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('indicator' in c) return `${c.indicator} ${c.op} ${c.value}`;
  if ('fact' in c) return `fact "${c.fact}" is ${c.is ?? true}`;
  if ('state' in c) return `${c.state} in ${c.in.join(', ')}`;
  if ('confidence' in c) return `${c.confidence.team}'s confidence on ${c.confidence.incident} at least ${c.confidence.atLeast}`;
  if ('actionTaken' in c) return `action "${c.actionTaken}" taken${c.by ? ` by ${c.by}` : ''}${c.thisRound ? ' this round' : ''}`;
  return `inject "${c.injectFired}" fired`;
}

/**
 * The innermost parts of a condition that never held, each with what was
 * seen instead where that is known (an indicator's range).
 */
export function failedParts(observation: Observation, c: Condition, path: Path): string[] {
  if (observation.held.has(jsonPointer(path))) return [];
  const inner = (members: Condition[], key: 'all' | 'any') =>
    members.flatMap((member, k) => failedParts(observation, member, [...path, key, k]));
  if ('all' in c) {
    const parts = inner(c.all, 'all');
    if (parts.length > 0) return parts;
    return [`"${describeCondition(c)}" at ${jsonPointer(path)}: each part held at some point, never all at once`];
  }
  if ('any' in c) return inner(c.any, 'any');
  const where = `"${describeCondition(c)}" at ${jsonPointer(path)}`;
  if ('indicator' in c) {
    const seen = observation.indicators[c.indicator];
    return [seen ? `${where} (${c.indicator} ranged ${seen.min}..${seen.max})` : where];
  }
  return [where];
}

export interface PlaytestResult {
  summary: SimulationSummary;
  observation: Observation;
}

/**
 * Plays `runs` bot exercises (every policy in turn) and keeps both the
 * outcome summary and the observations: what `validate` and the studio's
 * play-test report. `onRun` hears of each finished run (for progress, and
 * for what the summary does not keep, such as each run's escalation path).
 */
export function playtest(
  scenario: Scenario,
  options: { runs: number; seed: string; policies?: string[] },
  onRun?: (done: number, run: RunRecord) => void,
): PlaytestResult {
  const batch = { runs: options.runs, seed: options.seed, policies: options.policies ?? BOTS.map((b) => b.id) };
  const tally = emptyTally(scenario);
  const observation = emptyObservation();
  for (let i = 0; i < batch.runs; i++) {
    const run = batchRun(scenario, batch, i, (state) => observe(observation, scenario, state));
    tallyRun(scenario, tally, run);
    onRun?.(i + 1, run);
  }
  return { summary: summariseTally(scenario, options.seed, tally), observation };
}
