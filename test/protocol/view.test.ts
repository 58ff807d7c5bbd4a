/**
 * The view schema (src/protocol/view.ts) against real views: every seat of
 * every shipped scenario, at points through whole bot-played exercises,
 * parses with the strict schema, so a field the projection adds, drops or
 * retypes without the schema fails here (tsc checks the types both ways).
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project, type Scenario } from '../../src/engine';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import type { ExerciseState } from '../../src/engine/types';
import type { Viewer } from '../../src/engine/view/types';
import { describeIssues } from '../../src/protocol/schemas';
import { exerciseViewSchema } from '../../src/protocol/view';
import { shippedScenarios } from '../engine/support';

function viewersOf(scenario: Scenario): Viewer[] {
  return [
    { role: 'facilitator' },
    { role: 'observer' },
    { role: 'redCell' },
    ...scenario.teams.map((t): Viewer => ({ role: 'team', team: t.id })),
  ];
}

/** The states of a whole exercise played by bots: after each of `every` commands, and the last one. */
function statesOf(scenario: Scenario, seed: string, every: number): ExerciseState[] {
  const run = simulateExercise(scenario, seed, resolvePolicies(scenario, ['hawkish', 'coalition-follower', 'random-legal']));
  let state = createExercise(scenario, seed);
  const states = [state];
  run.commands.forEach((command, i) => {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) throw new Error(`replay refused ${command.type}: ${result.message}`);
    state = result.state;
    if (i % every === 0) states.push(state);
  });
  states.push(state);
  return states;
}

describe('the view schema', () => {
  for (const scenario of shippedScenarios()) {
    it(`describes every seat's view of ${scenario.id}, from the lobby to the debrief`, () => {
      const states = statesOf(scenario, 'schema-seed', 7);
      expect(states.at(-1)!.phase).toBe('debrief');
      let proposals = 0;
      for (const state of states) {
        for (const viewer of viewersOf(scenario)) {
          const view = JSON.parse(JSON.stringify(project(scenario, state, viewer)));
          const parsed = exerciseViewSchema.safeParse(view);
          expect(parsed.success, parsed.success ? '' : `${viewer.role} at seq ${state.seq}: ${describeIssues(parsed.error, 200)}`).toBe(true);
          proposals += view.proposals.length;
        }
      }
      expect(proposals).toBeGreaterThanOrEqual(0);
    });
  }

  it('refuses a view with a field it does not know', () => {
    const scenario = shippedScenarios()[0]!;
    const view = JSON.parse(JSON.stringify(project(scenario, createExercise(scenario, 's'), { role: 'facilitator' })));
    const parsed = exerciseViewSchema.safeParse(view);
    expect(parsed.success, parsed.success ? '' : describeIssues(parsed.error, 5)).toBe(true);
    expect(exerciseViewSchema.safeParse({ ...view, extra: 1 }).success).toBe(false);
    expect(exerciseViewSchema.safeParse({ ...view, clock: { ...view.clock, started: 0 } }).success).toBe(false);
  });
});
