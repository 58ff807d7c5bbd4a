/**
 * The offline check of a data folder (`firebreak check --data-dir DIR`):
 * everything the server verifies on start, more thoroughly, without writing
 * to the folder.
 *
 * The write-ahead log is scanned where it lies; the database is then copied
 * (SQLite's online backup, through a read-only connection) to a temporary
 * file, and everything else runs on the copy: SQLite's full integrity check,
 * the comparison with the last clean shutdown, and a replay of every
 * exercise from its seed against every checkpoint hash, plus a second replay
 * from its snapshot that must reach the same state.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_FINDINGS, type StartupFindings } from './health';
import { hashState } from './records';
import { describeMismatch, rebuildExercise, ScenarioCache } from './rebuild';
import { openDatabase } from './sqlite-log.js';
import { backupDatabase, SqliteStorage } from './sqlite';
import type { QuarantineRecord } from './types';
import { DB_FILE, compareWithManifest, readManifest, scanWal } from './verify';

export interface ExerciseCheck {
  exerciseId: string;
  title: string;
  commands: number;
  /** What is wrong with it; [] when it replays as logged. */
  problems: string[];
}

export interface DataDirCheck {
  file: string;
  findings: StartupFindings;
  exercises: ExerciseCheck[];
  quarantined: QuarantineRecord[];
  /** True when nothing is wrong. */
  sound: boolean;
}

export async function checkDataDir(dataDir: string): Promise<DataDirCheck> {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new Error(`${dataDir} holds no ${DB_FILE}`);
  const walProblems = scanWal(`${file}-wal`).problems;
  const work = mkdtempSync(join(tmpdir(), 'firebreak-check-'));
  const copy = join(work, DB_FILE);
  try {
    const source = openDatabase(file, { readonly: true });
    try {
      await backupDatabase(source, copy);
    } finally {
      source.close();
    }
    const storage = new SqliteStorage(copy, { writer: 'inline', checkpointEveryMs: 0 });
    try {
      const fileProblems = storage.integrityProblems();
      const { vanished, shortened } = await compareWithManifest(storage, readManifest(dataDir));
      const scenarios = new ScenarioCache();
      const exercises: ExerciseCheck[] = [];
      for (const meta of await storage.list()) {
        exercises.push({ exerciseId: meta.id, title: meta.title, commands: await storage.lastSeq(meta.id), problems: await checkExercise(storage, meta, scenarios) });
      }
      const quarantined = await storage.quarantined();
      const findings: StartupFindings = { ...NO_FINDINGS, walProblems, fileProblems, vanished, shortened };
      const sound =
        walProblems.length + fileProblems.length + vanished.length + shortened.length + quarantined.length === 0 &&
        exercises.every((e) => e.problems.length === 0);
      return { file, findings, exercises, quarantined, sound };
    } finally {
      await storage.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function checkExercise(storage: SqliteStorage, meta: Parameters<typeof rebuildExercise>[1], scenarios: ScenarioCache): Promise<string[]> {
  let full;
  try {
    full = await rebuildExercise(storage, meta, scenarios, { useSnapshot: false });
  } catch (err) {
    return [`it cannot be read: ${(err as Error).message}`];
  }
  if (!full.ok) return [full.reason];
  const problems = full.mismatches.map(describeMismatch);
  const fromSnapshot = await rebuildExercise(storage, meta, scenarios);
  if (fromSnapshot.ok) {
    problems.push(...fromSnapshot.warnings);
    if (fromSnapshot.fromSnapshotSeq > 0 && hashState(fromSnapshot.state) !== hashState(full.state)) {
      problems.push(`replaying from the snapshot at seq ${fromSnapshot.fromSnapshotSeq} reaches another state than replaying the whole log`);
    }
  }
  return problems;
}
