/**
 * Rebuilding one stored exercise: the part of recovery that reads storage.
 *
 * - The scenario is parsed once per process per distinct text (ScenarioCache):
 *   a thousand exercises of one scenario cost one parse, not a thousand.
 * - The state starts from the exercise's latest snapshot when there is one
 *   and its bytes still hash to the hash stored with it; only the records
 *   after it are replayed (engine foldLog), and the checkpoint hashes among
 *   them keep verifying what is replayed. A snapshot that does not verify is
 *   ignored and the whole log is replayed instead.
 * - Nothing here decides what to do about a mismatch: the caller (recovery,
 *   `firebreak check`) reports it and quarantines the exercise.
 */
import { foldLog, formatProblem, loadScenarioText, type ReplayMismatch, type Scenario } from '../../engine';
import type { ExerciseState } from '../../engine/types';
import { hashJson, hashState } from './records';
import type { ExerciseMeta, Storage } from './types';
import { knownIdOf, type KnownId } from '../exercise';

/** Parsed scenarios by the hash of their text. */
export class ScenarioCache {
  private readonly parsed = new Map<string, Scenario>();

  private static key(text: string): string {
    return hashJson(text);
  }

  /** Remembers a scenario already parsed (a shipped one) so that exercises made from it never parse it again. */
  add(text: string, scenario: Scenario): void {
    this.parsed.set(ScenarioCache.key(text), scenario);
  }

  /** The parsed scenario of a text, or the problems that stop it from loading. */
  load(text: string, fileName: string): { ok: true; scenario: Scenario } | { ok: false; problems: string[] } {
    const key = ScenarioCache.key(text);
    const known = this.parsed.get(key);
    if (known) return { ok: true, scenario: known };
    const loaded = loadScenarioText(text, fileName);
    if (!loaded.ok) return { ok: false, problems: loaded.problems.map(formatProblem) };
    this.parsed.set(key, loaded.scenario);
    return { ok: true, scenario: loaded.scenario };
  }

  get size(): number {
    return this.parsed.size;
  }
}

export interface RebuiltExercise {
  scenario: Scenario;
  state: ExerciseState;
  lastSeq: number;
  lastHashedSeq: number;
  /** Seq of the snapshot the replay started from (0: from the seed). */
  fromSnapshotSeq: number;
  /** Largest command time in the log (commands get non-decreasing times). */
  lastAt: number;
  /** Every accepted command id, with its seq and seat: retries are answered, not re-applied. */
  accepted: Map<string, KnownId>;
  mismatches: ReplayMismatch[];
  /** Things worth a warning that do not make the exercise wrong (an unusable snapshot). */
  warnings: string[];
}

export type RebuildResult = ({ ok: true } & RebuiltExercise) | { ok: false; reason: string };

export interface RebuildOptions {
  /** Start from the latest snapshot (default); false replays the whole log from the seed. */
  useSnapshot?: boolean;
}

/** Rebuilds an exercise from storage; never throws for a bad log, only for a failing store. */
export async function rebuildExercise(
  storage: Storage,
  meta: ExerciseMeta,
  scenarios: ScenarioCache,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const loaded = scenarios.load(meta.scenarioText, `${meta.scenarioId}.json`);
  if (!loaded.ok) return { ok: false, reason: `the stored scenario no longer loads: ${loaded.problems.slice(0, 3).join('; ')}` };
  const scenario = loaded.scenario;
  const records = await storage.read(meta.id, 1);
  const warnings: string[] = [];
  const editedAt = meta.scenarioEditedAtSeq ?? 0;

  let start: { seed: string } | { state: ExerciseState; seq: number } = { seed: meta.seed };
  const snapshot = options.useSnapshot === false ? null : await storage.latestSnapshot(meta.id);
  if (snapshot) {
    const logged = records[snapshot.seq - 1];
    if (hashJson(snapshot.stateJson) !== snapshot.stateHash || logged?.stateHash !== snapshot.stateHash) {
      warnings.push(`the snapshot at seq ${snapshot.seq} does not match its hash or the log; the whole log was replayed instead`);
    } else if (snapshot.seq > editedAt) {
      start = { state: JSON.parse(snapshot.stateJson) as ExerciseState, seq: snapshot.seq };
    }
  }
  const fromSeq = 'seq' in start ? start.seq : 0;
  let folded;
  try {
    folded = foldLog(scenario, start, records.slice(fromSeq), { skipRejectedUntilSeq: editedAt, hashState });
  } catch (err) {
    return { ok: false, reason: `the engine failed while replaying the log: ${(err as Error).message}` };
  }
  const accepted = new Map<string, KnownId>();
  let lastAt = meta.createdAt;
  for (const record of records) {
    accepted.set(record.command.id, knownIdOf(record));
    lastAt = Math.max(lastAt, record.command.at);
  }
  let lastHashedSeq = folded.lastHashedSeq;
  if (lastHashedSeq === 0) for (const record of records.slice(0, fromSeq)) if (record.stateHash !== null) lastHashedSeq = record.seq;
  return {
    ok: true,
    scenario,
    state: folded.state,
    lastSeq: records.length ? records[records.length - 1]!.seq : 0,
    lastHashedSeq,
    fromSnapshotSeq: fromSeq,
    lastAt,
    accepted,
    mismatches: folded.mismatches,
    warnings,
  };
}

/** One line per mismatch, for logs, /healthz and `firebreak check`. */
export function describeMismatch(m: ReplayMismatch): string {
  return m.kind === 'rejected'
    ? `seq ${m.seq} (${m.type}, ${m.commandId}) was refused on replay: ${m.code}: ${m.message}`
    : `seq ${m.seq} (${m.commandId}) replayed to state ${m.replayed.slice(0, 12)}..., the log says ${m.logged.slice(0, 12)}...`;
}
