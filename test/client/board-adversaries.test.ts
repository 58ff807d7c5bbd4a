/**
 * The board model with several adversaries (test/fixtures/two-adversaries.json):
 * every adversary has a line and a mark of its own, distinct in shape and
 * colour; who is behind each incident (and whom it strikes) reaches the
 * facilitator's and the red cell's board, not a team's before the debrief;
 * a scenario with one adversary keeps its board as it was.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project, type Command } from '../../src/engine';
import type { Viewer } from '../../src/engine/view/types';
import { PRIMARY, boardModel } from '../../src/client/board/model';
import { loadFile, minimalScenario } from '../engine/support';

const scenario = loadFile('test/fixtures/two-adversaries.json');

function round1(): ReturnType<typeof createExercise> {
  let state = createExercise(scenario, 'board');
  for (const body of [{ type: 'startExercise' }, { type: 'advance' }, { type: 'overridePosture', posture: 'titForTat', reason: 'r', adversary: 'crew' }]) {
    const r = applyCommand(scenario, state, { ...body, id: `c${state.seq}`, actor: { role: 'facilitator' }, at: 1000 + state.seq } as Command);
    if (!r.ok) throw new Error(r.message);
    state = r.state;
  }
  return state;
}

const modelFor = (viewer: Viewer) => boardModel(project(scenario, round1(), viewer));

describe('the board with two adversaries', () => {
  it('gives each adversary a line and a mark of its own', () => {
    const model = modelFor({ role: 'team', team: 'usa' });
    expect(model.adversaries.map((a) => [a.id, a.name, a.postureWord, a.campaignPhase, a.primary])).toEqual([
      [PRIMARY, 'Northland', 'Probing', 'Access', true],
      ['crew', 'Ransom crew', 'Tit-for-tat', 'Extort', false],
    ]);
    const [northland, crew] = model.adversaries;
    expect(northland!.shape).not.toBe(crew!.shape);
    expect(northland!.colour).not.toBe(crew!.colour);
    expect(model.others.map((o) => o.id)).toEqual(['crew']);
  });

  it("ties incidents to their adversary and targets on the facilitator's and the red cell's board only", () => {
    for (const viewer of [{ role: 'facilitator' }, { role: 'redCell' }] as Viewer[]) {
      const model = modelFor(viewer);
      expect(model.incidents.map((i) => [i.id, i.actor, i.strikes.map((s) => s.short)])).toEqual([
        ['intrusion', PRIMARY, ['USA', 'UK']],
        ['ransomware', 'crew', ['USA', 'UK']],
      ]);
    }
    const team = modelFor({ role: 'team', team: 'usa' });
    expect(team.incidents.every((i) => i.actor === null && i.strikes.length === 0)).toBe(true);
  });

  it('keeps the board of a scenario with one adversary as it was: one line, no marks on incidents', () => {
    const minimal = minimalScenario();
    const model = boardModel(project(minimal, createExercise(minimal, 'm'), { role: 'facilitator' }));
    expect(model.adversaries).toHaveLength(1);
    expect(model.others).toEqual([]);
    expect(model.incidents.every((i) => i.actor === null)).toBe(true);
  });
});
