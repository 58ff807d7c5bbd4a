/** Rebuilding an exercise from its scenario, seed and command log. */
import { applyCommand } from './rules/apply';
import { createExercise } from './rules/create';
import type { Scenario } from './scenario/schema';
import type { Command, ExerciseState, Rejection } from './types';

export interface ReplayResult {
  state: ExerciseState;
  /** One answer per command, as it was given live. */
  results: ({ ok: true } | Rejection)[];
}

/** Applies every command in order; rejected commands stay rejected and change nothing, as they did live. */
export function replay(scenario: Scenario, seed: string, commands: readonly Command[]): ReplayResult {
  let state = createExercise(scenario, seed);
  const results: ReplayResult['results'] = [];
  for (const command of commands) {
    const result = applyCommand(scenario, state, command);
    if (result.ok) state = result.state;
    results.push(result.ok ? { ok: true } : result);
  }
  return { state, results };
}
