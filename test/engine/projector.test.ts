/**
 * ViewProjector rebuilds only the sections of a view whose state parts
 * changed. Whole bot exercises are played; after every accepted command each
 * viewer's projector must give exactly what project() builds fresh, and reuse
 * the sections the command left alone.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project } from '../../src/engine/index';
import { POLICIES } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import type { Scenario } from '../../src/engine/scenario/schema';
import { ViewProjector } from '../../src/engine/view/project';
import type { ExerciseView, Viewer } from '../../src/engine/view/types';
import { richScenario, shippedScenarios } from './support';

function viewersOf(scenario: Scenario): Viewer[] {
  return [...scenario.teams.map((t): Viewer => ({ role: 'team', team: t.id })), { role: 'observer' }, { role: 'redCell' }, { role: 'facilitator' }];
}

/** Plays a bot exercise; returns how many sections the projectors reused. */
function followPlay(scenario: Scenario, seed: string, policies: string[]): { views: number; reused: number } {
  const run = simulateExercise(scenario, seed, resolvePolicies(scenario, policies));
  const viewers = viewersOf(scenario);
  const projectors = viewers.map((v) => new ViewProjector(v));
  const previous: (ExerciseView | null)[] = viewers.map(() => null);
  let state = createExercise(scenario, seed);
  let views = 0;
  let reused = 0;
  for (const command of run.commands) {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) continue;
    state = result.state;
    viewers.forEach((viewer, i) => {
      const view = projectors[i]!.project(scenario, state);
      expect(view, `${JSON.stringify(viewer)} at seq ${state.seq}`).toEqual(project(scenario, state, viewer));
      const before = previous[i];
      if (before) for (const key of Object.keys(view) as (keyof ExerciseView)[]) if (typeof view[key] === 'object' && view[key] !== null && view[key] === before[key]) reused++;
      previous[i] = view;
      views++;
    });
  }
  return { views, reused };
}

describe('ViewProjector', () => {
  const policies = Object.keys(POLICIES);

  it('gives exactly the fresh projection, and reuses untouched sections, through bot exercises of the rich fixture', () => {
    for (const [i, policy] of policies.entries()) {
      const { views, reused } = followPlay(richScenario(), `projector-${i}`, [policy, ...policies.filter((p) => p !== policy)]);
      expect(views).toBeGreaterThan(100);
      // Far more sections are left alone by a command than are touched by it.
      expect(reused).toBeGreaterThan(views * 5);
    }
  });

  it('gives exactly the fresh projection through bot exercises of every shipped scenario', () => {
    for (const scenario of shippedScenarios()) {
      const { views } = followPlay(scenario, `projector-${scenario.id}`, ['coalition-follower', ...policies.filter((p) => p !== 'coalition-follower')]);
      expect(views, scenario.id).toBeGreaterThan(20);
    }
    // One bot exercise per shipped scenario and policy: the time grows with the catalogue.
  }, 120_000);

  it('starts again when the scenario is replaced', () => {
    const scenario = richScenario();
    const state = createExercise(scenario, 'projector-edit');
    const projector = new ViewProjector({ role: 'facilitator' });
    const before = projector.project(scenario, state);
    const edited: Scenario = { ...scenario, meta: { ...scenario.meta, title: 'An edited title' } };
    const after = projector.project(edited, state);
    expect(after.scenario.title).toBe('An edited title');
    expect(before.scenario.title).toBe(scenario.meta.title);
  });
});
