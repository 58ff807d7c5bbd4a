/**
 * The `adversary` field of overridePosture and chooseAdversaryMove (a further
 * adversary's id; the primary adversary when absent): the schema takes an id
 * and refuses anything else before the engine sees it; the engine refuses an
 * id that names no further actor; the views of the red cell and the
 * facilitator that go with it parse with the strict view schema.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project } from '../../src/engine';
import type { Command, ExerciseState } from '../../src/engine/types';
import { LIMITS, commandBodySchema, commandPayloadSchema } from '../../src/protocol/schemas';
import { exerciseViewSchema } from '../../src/protocol/view';
import { loadFile } from '../engine/support';

const scenario = loadFile('test/fixtures/two-adversaries.json');

describe('the schema of the adversary field', () => {
  it('accepts an id, and its absence, on both commands', () => {
    for (const body of [
      { type: 'overridePosture', posture: 'deterred', reason: 'Arrests.', adversary: 'crew' },
      { type: 'overridePosture', posture: 'deterred', reason: 'Arrests.' },
      { type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'crew' },
      { type: 'chooseAdversaryMove', move: null, adversary: 'crew' },
      { type: 'chooseAdversaryMove', move: null },
    ]) {
      expect(commandBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
      expect(commandPayloadSchema.safeParse({ id: 'c-1', body }).success).toBe(true);
    }
  });

  it('refuses hostile values: wrong types, empty, overlong, null', () => {
    const hostile: unknown[] = [7, true, null, '', 'x'.repeat(LIMITS.ref + 1), ['crew'], { id: 'crew' }, { toString: 'crew' }];
    for (const adversary of hostile) {
      for (const body of [
        { type: 'overridePosture', posture: 'deterred', reason: 'r', adversary },
        { type: 'chooseAdversaryMove', move: null, adversary },
      ]) {
        expect(commandBodySchema.safeParse(body).success, JSON.stringify(body).slice(0, 80)).toBe(false);
      }
    }
  });

  it('is only on those two commands: elsewhere the strict objects refuse it', () => {
    expect(commandBodySchema.safeParse({ type: 'overrideEscalation', level: 2, reason: 'r', adversary: 'crew' }).success).toBe(false);
    expect(commandBodySchema.safeParse({ type: 'advance', adversary: 'crew' }).success).toBe(false);
  });

  it('a well-formed but unknown id passes the schema and is refused by the engine with a sentence', () => {
    let state: ExerciseState = createExercise(scenario, 's');
    const send = (body: object, role: 'facilitator' | 'redCell' = 'facilitator') => {
      const parsed = commandBodySchema.parse(body);
      return applyCommand(scenario, state, { ...parsed, id: `c${state.seq}`, actor: { role }, at: 1000 + state.seq } as Command);
    };
    for (const body of [{ type: 'startExercise' }, { type: 'advance' }]) {
      const r = send(body);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
    }
    for (const adversary of ['nobody', 'northland', '__proto__', 'constructor', 'x'.repeat(LIMITS.ref)]) {
      const override = send({ type: 'overridePosture', posture: 'deterred', reason: 'r', adversary });
      expect(override).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
      expect(!override.ok && override.message).toContain(`There is no further adversary "${adversary}" in this scenario`);
      const choice = send({ type: 'chooseAdversaryMove', move: null, adversary }, 'redCell');
      expect(choice).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    }
  });
});

describe('the views that go with it', () => {
  it("the red cell's others and the incidents' actors parse with the strict view schema", () => {
    let state = createExercise(scenario, 's');
    for (const body of [{ type: 'startExercise' }, { type: 'advance' }, { type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'crew' }]) {
      const r = applyCommand(scenario, state, { ...body, id: `c${state.seq}`, actor: { role: body.type === 'chooseAdversaryMove' ? 'redCell' : 'facilitator' }, at: 1000 + state.seq } as Command);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
    }
    const red = JSON.parse(JSON.stringify(project(scenario, state, { role: 'redCell' })));
    expect(exerciseViewSchema.safeParse(red).success).toBe(true);
    expect(red.redCell.others[0]).toMatchObject({ id: 'crew', chosen: 'encrypt' });
    expect(red.incidents.map((i: { id: string; actor: string; strikes: string[] }) => [i.id, i.actor, i.strikes])).toEqual([
      ['intrusion', 'northland', ['usa', 'uk']],
      ['ransomware', 'crew', ['usa', 'uk']],
    ]);
    const fac = JSON.parse(JSON.stringify(project(scenario, state, { role: 'facilitator' })));
    expect(exerciseViewSchema.safeParse(fac).success).toBe(true);
    expect(fac.facilitator.otherAdversaries[0]).toMatchObject({ id: 'crew', name: 'Ransom crew', redCellMove: 'encrypt' });
    // Teams learn who is behind which incident at the debrief, not before.
    const usa = JSON.parse(JSON.stringify(project(scenario, state, { role: 'team', team: 'usa' })));
    expect(exerciseViewSchema.safeParse(usa).success).toBe(true);
    expect(usa.incidents.every((i: object) => !('actor' in i) && !('strikes' in i))).toBe(true);
    expect(usa.redCell).toBeNull();
  });
});
