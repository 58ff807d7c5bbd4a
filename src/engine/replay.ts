/**
 * Rebuilding an exercise from its command log: the one fold over log records.
 *
 * The server's recovery and reload, the scenario reload of watch mode, the
 * CLI's replay and the tests all rebuild state through foldLog(). It starts
 * from a seed (a fresh exercise) or from a known state (a snapshot, or the
 * state already in memory), applies every record in order, checks the state
 * hashes the log carries at checkpoints, and reports what did not replay as it
 * did live instead of throwing: the caller decides how loud to be.
 */
import { stateHash } from './hash';
import { applyCommand } from './rules/apply';
import { createExercise } from './rules/create';
import type { Scenario } from './scenario/schema';
import type { Command, ExerciseState, Rejection, RejectionCode } from './types';

/** One stored command: its place in the log and, at checkpoints, the hash of the state after it. */
export interface ReplayRecord {
  seq: number;
  command: Command;
  stateHash: string | null;
}

/** Where a fold starts: a new exercise from its seed, or a state reached at `seq`. */
export type ReplayStart = { seed: string } | { state: ExerciseState; seq: number };

export interface FoldOptions {
  /** Compare the replayed state with the logged hash at checkpoints (default true). */
  verifyHashes?: boolean;
  /**
   * Records up to this seq were logged under another scenario text (an author's
   * edit in watch mode): refusals and other hashes are expected there, so
   * they are skipped without being reported as mismatches.
   */
  skipRejectedUntilSeq?: number;
  /** stateHash() by another implementation of the same SHA-256 (a host's native one is faster). */
  hashState?: (state: ExerciseState) => string;
}

export type ReplayMismatch =
  | { kind: 'rejected'; seq: number; commandId: string; type: Command['type']; code: RejectionCode; message: string }
  | { kind: 'hash'; seq: number; commandId: string; logged: string; replayed: string };

export interface FoldResult {
  state: ExerciseState;
  /** Seq of the last record folded (the start's seq when there were none). */
  lastSeq: number;
  /** Seq of the last record that carried a state hash (0 when none did). */
  lastHashedSeq: number;
  /** Records that did not replay as they were logged, in order. */
  mismatches: ReplayMismatch[];
  /** Records refused on replay before `skipRejectedUntilSeq`, as expected after an edit. */
  skipped: number;
}

/** Folds log records into the state they lead to. Rejected commands change nothing, as they did live. */
export function foldLog(scenario: Scenario, start: ReplayStart, records: Iterable<ReplayRecord>, options: FoldOptions = {}): FoldResult {
  const verify = options.verifyHashes ?? true;
  const editedAt = options.skipRejectedUntilSeq ?? 0;
  const hashState = options.hashState ?? stateHash;
  let state = 'seed' in start ? createExercise(scenario, start.seed) : start.state;
  let lastSeq = 'seed' in start ? 0 : start.seq;
  let lastHashedSeq = 0;
  let skipped = 0;
  const mismatches: ReplayMismatch[] = [];
  for (const record of records) {
    const { command, seq } = record;
    const result = applyCommand(scenario, state, command);
    lastSeq = seq;
    if (record.stateHash !== null) lastHashedSeq = seq;
    if (!result.ok) {
      if (seq <= editedAt) skipped += 1;
      else mismatches.push({ kind: 'rejected', seq, commandId: command.id, type: command.type, code: result.code, message: result.message });
      continue;
    }
    state = result.state;
    if (verify && record.stateHash !== null && seq > editedAt) {
      const replayed = hashState(state);
      if (replayed !== record.stateHash) mismatches.push({ kind: 'hash', seq, commandId: command.id, logged: record.stateHash, replayed });
    }
  }
  return { state, lastSeq, lastHashedSeq, mismatches, skipped };
}

export interface ReplayResult {
  state: ExerciseState;
  /** One answer per command, as it was given live. */
  results: ({ ok: true } | Rejection)[];
}

/** Replays bare commands (an exported log) from the seed: one answer per command. */
export function replay(scenario: Scenario, seed: string, commands: readonly Command[]): ReplayResult {
  const records = commands.map((command, i) => ({ seq: i + 1, command, stateHash: null }));
  const { state, mismatches } = foldLog(scenario, { seed }, records);
  const results: ReplayResult['results'] = commands.map(() => ({ ok: true }));
  for (const m of mismatches) if (m.kind === 'rejected') results[m.seq - 1] = { ok: false, code: m.code, message: m.message };
  return { state, results };
}
