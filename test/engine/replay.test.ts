/**
 * The log fold (engine/replay.ts): from a seed or from a state stored as JSON
 * (a snapshot), it reaches the state the log was played to, verifies the
 * logged hashes, and reports what does not replay as logged.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, foldLog, stateHash, type ReplayRecord } from '../../src/engine/index';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import type { Command, ExerciseState } from '../../src/engine/types';
import { richScenario } from './support';

const scenario = richScenario();
const run = simulateExercise(scenario, 'fold', resolvePolicies(scenario, ['restrained', 'hawkish', 'random-legal']));

/** The run's commands as log records, each carrying the hash of the state after it. */
function hashedRecords(): { records: ReplayRecord[]; states: ExerciseState[] } {
  const states: ExerciseState[] = [];
  let state = foldLog(scenario, { seed: 'fold' }, []).state;
  const records = run.commands.map((command, i) => {
    state = foldLog(scenario, { state, seq: i }, [{ seq: i + 1, command, stateHash: null }]).state;
    states.push(state);
    return { seq: i + 1, command, stateHash: stateHash(state) };
  });
  return { records, states };
}

describe('foldLog', () => {
  const { records, states } = hashedRecords();

  it('replays a whole log from the seed to the live state, every hash verified', () => {
    const folded = foldLog(scenario, { seed: 'fold' }, records);
    expect(folded.mismatches).toEqual([]);
    expect(folded.lastSeq).toBe(run.commands.length);
    expect(folded.lastHashedSeq).toBe(run.commands.length);
    expect(stateHash(folded.state)).toBe(stateHash(run.state));
  });

  it('continues from any state stored as JSON (a snapshot) to the same final state', () => {
    for (let k = 0; k < states.length; k += 7) {
      const snapshot = JSON.parse(canonicalJson(states[k])) as ExerciseState;
      const folded = foldLog(scenario, { state: snapshot, seq: k + 1 }, records.slice(k + 1));
      expect(folded.mismatches, `from the snapshot after seq ${k + 1}`).toEqual([]);
      expect(stateHash(folded.state)).toBe(stateHash(run.state));
      expect(folded.lastSeq).toBe(records.length);
    }
  });

  it('reports a logged hash the replay does not reach, and a command it refuses', () => {
    const tampered = records.map((r) => ({ ...r }));
    tampered[4] = { ...tampered[4]!, stateHash: 'f'.repeat(64) };
    // A command the rules refuse (an observer cannot lock a team's decisions), appended at the end.
    const forged = { type: 'lockDecisions', id: 'forged', actor: { role: 'observer', name: 'x' }, at: 0 } as unknown as Command;
    tampered.push({ seq: records.length + 1, command: forged, stateHash: null });
    const folded = foldLog(scenario, { seed: 'fold' }, tampered);
    expect(folded.mismatches).toHaveLength(2);
    expect(folded.mismatches[0]).toMatchObject({ kind: 'hash', seq: 5, logged: 'f'.repeat(64), replayed: stateHash(states[4]) });
    expect(folded.mismatches[1]).toMatchObject({ kind: 'rejected', seq: records.length + 1, commandId: 'forged', type: 'lockDecisions' });
    // The refused command changed nothing.
    expect(stateHash(folded.state)).toBe(stateHash(run.state));
    // Verification can be turned off (a log replayed under an edited scenario).
    expect(foldLog(scenario, { seed: 'fold' }, tampered, { verifyHashes: false }).mismatches.map((m) => m.kind)).toEqual(['rejected']);
  });

  it('skips refusals and hashes before the seq of a scenario edit without reporting them', () => {
    const tampered = records.map((r) => ({ ...r, stateHash: r.seq <= 6 ? '0'.repeat(64) : r.stateHash }));
    const folded = foldLog(scenario, { seed: 'fold' }, tampered, { skipRejectedUntilSeq: 6 });
    expect(folded.mismatches).toEqual([]);
    expect(stateHash(folded.state)).toBe(stateHash(run.state));
  });

  it('uses the hash function it is given', () => {
    const calls: number[] = [];
    foldLog(scenario, { seed: 'fold' }, records.slice(0, 5), {
      hashState: (state) => {
        calls.push(state.seq);
        return stateHash(state);
      },
    });
    expect(calls).toHaveLength(5);
  });
});
