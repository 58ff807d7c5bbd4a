/**
 * What a log record carries besides its command: the one rule, used by the
 * hub when it appends and by anything that writes a log the same way (the
 * recovery benchmark, tests).
 *
 * - A state hash at checkpoints (every HASH_EVERY commands and at every phase
 *   change), which replay verifies. Hashing the whole state costs about as
 *   much as a projection, so not every record carries one.
 * - A snapshot of the whole state at a checkpoint at least SNAPSHOT_EVERY
 *   commands after the previous snapshot, so that recovery replays only the
 *   tail of a long log. The snapshot is the canonical JSON the hash is taken
 *   of, so one serialisation serves both.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, foldLog, type Scenario } from '../../engine';
import type { Command, ExerciseState } from '../../engine/types';
import type { NewLogRecord } from './types';

/** The log carries a state hash at least every this many commands. */
export const HASH_EVERY = 16;
/** A snapshot is stored at the first checkpoint this many commands after the last one. */
export const SNAPSHOT_EVERY = 64;

/** The engine's hashOfCanonicalJson() (SHA-256 of the UTF-8 bytes, hex) by Node's native SHA-256: same digest, several times faster. */
export function hashJson(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** The engine's stateHash(), natively. */
export function hashState(state: ExerciseState): string {
  return hashJson(canonicalJson(state));
}

/** Where a log stands: its last seq, and the seqs of its last hash and last snapshot. */
export interface LogPosition {
  lastSeq: number;
  lastHashedSeq: number;
  lastSnapshotSeq: number;
}

/** The record for a command accepted at lastSeq + 1, which took the state from `before` to `after`. */
export function recordFor(position: LogPosition, command: Command, seatId: string | null, before: ExerciseState, after: ExerciseState): NewLogRecord {
  const seq = position.lastSeq + 1;
  const checkpoint = seq - position.lastHashedSeq >= HASH_EVERY || after.phase !== before.phase;
  if (!checkpoint) return { command, seatId, round: before.round, stateHash: null, snapshot: null };
  const json = canonicalJson(after);
  const snapshot = seq - position.lastSnapshotSeq >= SNAPSHOT_EVERY ? json : null;
  return { command, seatId, round: before.round, stateHash: hashJson(json), snapshot };
}

/** Moves a position past an appended record. */
export function advance(position: LogPosition, record: NewLogRecord, seq: number): void {
  position.lastSeq = seq;
  if (record.stateHash !== null) position.lastHashedSeq = seq;
  if (record.snapshot) position.lastSnapshotSeq = seq;
}

/** The records a server would have logged for accepted commands played from the seed (for benchmarks and tests). */
export function logRecords(scenario: Scenario, seed: string, commands: readonly Command[]): NewLogRecord[] {
  const position: LogPosition = { lastSeq: 0, lastHashedSeq: 0, lastSnapshotSeq: 0 };
  let state = foldLog(scenario, { seed }, []).state;
  return commands.map((command) => {
    const next = foldLog(scenario, { state, seq: position.lastSeq }, [{ seq: position.lastSeq + 1, command, stateHash: null }]);
    if (next.mismatches.length) throw new Error(`command ${command.id} (${command.type}) is refused: ${JSON.stringify(next.mismatches[0])}`);
    const record = recordFor(position, command, command.actor.role === 'system' ? null : 'seat', state, next.state);
    advance(position, record, position.lastSeq + 1);
    state = next.state;
    return record;
  });
}
