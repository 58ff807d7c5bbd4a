/**
 * Views for client tests, made by the real engine (so they have the exact
 * shape the server sends): a small scenario, a few commands, one projection.
 */
import { applyCommand, createExercise, loadScenarioText, project, type CommandBody, type ExerciseState, type Scenario, type Viewer } from '../../src/engine/index';
import type { ExerciseView } from '../../src/engine/view/types';
import { fixtureText } from '../helpers/scenario';

export interface Table {
  scenario: Scenario;
  state: ExerciseState;
  run(body: CommandBody, actor: 'facilitator' | string): void;
  view(viewer: Viewer): ExerciseView;
}

export function table(teams = 3): Table {
  const loaded = loadScenarioText(fixtureText({ teams, rounds: 3 }), 'fixture.json');
  if (!loaded.ok) throw new Error('fixture does not load');
  const scenario = loaded.scenario;
  let state = createExercise(scenario, 'client-tests');
  let n = 0;
  return {
    scenario,
    get state() {
      return state;
    },
    run(body, actor) {
      const who = actor === 'facilitator' ? { role: 'facilitator' as const, name: 'Fran' } : { role: 'team' as const, team: actor, name: `${actor} player` };
      const result = applyCommand(scenario, state, { ...body, id: `t${++n}`, actor: who, at: 1_700_000_000_000 + n * 1000 } as never);
      if (!result.ok) throw new Error(`${body.type} rejected: ${result.code} ${result.message}`);
      state = result.state;
    },
    view(viewer) {
      return project(scenario, state, viewer);
    },
  };
}

/** A table in round 1's deliberation. */
export function inRound1(): Table {
  const t = table();
  t.run({ type: 'startExercise' }, 'facilitator');
  t.run({ type: 'advance' }, 'facilitator');
  return t;
}
