/**
 * The default store: one SQLite file (DATA_DIR/firebreak.sqlite) through
 * better-sqlite3.
 *
 * - WAL journal: readers never block the writer, and a commit is one append
 *   to the WAL file.
 * - synchronous=FULL: every commit is fsynced before it returns, so an
 *   acknowledged command survives a power cut as well as a killed process.
 *   (NORMAL would survive a killed process but may lose the last commits on
 *   power loss, which breaks "nothing acknowledged is ever lost".)
 * - scenarios stored once, keyed by the SHA-256 of their text; every
 *   exercise made from the same text shares one row and, once read, one
 *   string in memory.
 * - the latest snapshot of each exercise's state (deflated), written in the
 *   same transaction as the record it follows, so recovery replays only the
 *   records after it.
 * - a checkpoint of the WAL into the database file every
 *   CHECKPOINT_EVERY_MS, on the writer thread, rather than only when the WAL
 *   reaches SQLite's default of 1,000 pages.
 * - one IMMEDIATE transaction per append, which also checks the expected
 *   sequence number, so a second writer on the same file gets ConflictError.
 * - appends run on a writer thread (./sqlite-writer.js) by default: the fsync
 *   of a commit then never stalls the event loop, and appends that arrive
 *   during a commit share the next one (group commit, a savepoint each).
 *   Everything else (reads, exercise creation, seats) runs here.
 */
import type Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { hashJson } from './records';
import { codesOf, toLogRecord, toMeta, toSeat, type ExerciseRow, type LogRow, type SeatRow } from './rows';
import { Conflict, createAppender, describeError, openDatabase, type AppendJob, type AppendResult } from './sqlite-log.js';
import {
  ConflictError,
  DuplicateError,
  StorageError,
  faultOf,
  type CodeRecord,
  type ExerciseMeta,
  type LogRecord,
  type NewLogRecord,
  type QuarantineRecord,
  type SeatRecord,
  type Storage,
  type StorageFailure,
  type StoredSnapshot,
} from './types';

/**
 * 1: the first release. 2: scenario edits in watch mode. 3: scenarios stored
 * once by content hash (they were copied into every exercise, 93% of a
 * file), state snapshots, and the quarantine list.
 */
const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scenarios (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
  seed TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  codes_json TEXT NOT NULL,
  scenario_edited_at_seq INTEGER
);
CREATE TABLE IF NOT EXISTS seats (
  seat_id TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  role TEXT NOT NULL,
  team TEXT,
  name TEXT NOT NULL,
  credential_hash TEXT NOT NULL UNIQUE,
  joined_at INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  UNIQUE (exercise_id, ordinal)
);
CREATE TABLE IF NOT EXISTS codes (
  code TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  role TEXT NOT NULL,
  team TEXT
);
CREATE TABLE IF NOT EXISTS log (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  seq INTEGER NOT NULL,
  command_id TEXT NOT NULL,
  seat_id TEXT,
  round INTEGER NOT NULL,
  command_json TEXT NOT NULL,
  state_hash TEXT,
  PRIMARY KEY (exercise_id, seq),
  UNIQUE (exercise_id, command_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  exercise_id TEXT PRIMARY KEY REFERENCES exercises(id),
  seq INTEGER NOT NULL,
  state_hash TEXT NOT NULL,
  state_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quarantine (
  exercise_id TEXT PRIMARY KEY REFERENCES exercises(id),
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
`;

/** Brings a file written by an earlier version to SCHEMA_VERSION, in one transaction. */
function migrate(db: Database.Database, from: number): void {
  db.transaction(() => {
    // Version 1 files predate scenario edits in watch mode.
    if (from === 1) db.exec('ALTER TABLE exercises ADD COLUMN scenario_edited_at_seq INTEGER');
    if (from <= 2) {
      // Each distinct scenario text moves to the scenarios table, once.
      db.exec(`CREATE TABLE scenarios (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID`);
      const insert = db.prepare('INSERT OR IGNORE INTO scenarios (hash, text) VALUES (?, ?)');
      db.exec('ALTER TABLE exercises ADD COLUMN scenario_hash TEXT');
      const update = db.prepare('UPDATE exercises SET scenario_hash = ? WHERE id = ?');
      for (const row of db.prepare('SELECT id, scenario_text FROM exercises').all() as { id: string; scenario_text: string }[]) {
        const hash = scenarioHash(row.scenario_text);
        insert.run(hash, row.scenario_text);
        update.run(hash, row.id);
      }
      db.exec('ALTER TABLE exercises DROP COLUMN scenario_text');
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  // Give the space the copies took back to the file system.
  if (from <= 2) db.exec('VACUUM');
}

/** The key a scenario text is stored under. */
const scenarioHash = hashJson;

/** Re-throws a failure of the file as a StorageError, so callers answer STORAGE_ERROR. */
function asStorageError(err: unknown): never {
  if (err instanceof ConflictError || err instanceof DuplicateError || err instanceof StorageError) throw err;
  const { error, code } = describeError(err);
  throw new StorageError(error, code);
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

interface PendingAppend {
  exerciseId: string;
  expectedSeq: number;
  resolve(seq: number): void;
  reject(err: Error): void;
}

export const CHECKPOINT_EVERY_MS = 30_000;

/**
 * Copies a database with SQLite's online backup API, all pages in one step:
 * the copy is one read transaction of the source, so it is consistent even
 * while a server appends (a step-by-step backup restarts whenever another
 * connection writes). Written beside `destination` and renamed over it, so a
 * failed backup never leaves a half-written file under that name.
 */
export async function backupDatabase(source: Database.Database, destination: string): Promise<void> {
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    await source.backup(partial, { progress: () => 0x7fffffff });
    renameSync(partial, destination);
  } catch (err) {
    rmSync(partial, { force: true });
    asStorageError(err);
  }
}

export interface SqliteOptions {
  /** Append on a writer thread (default) or on the calling thread. */
  writer?: 'thread' | 'inline';
  /** Caps the file at this many pages (4 KiB each): past it, writes fail as on a full disk. */
  maxPageCount?: number;
  /** How often the WAL is checkpointed into the database file (0: only at SQLite's default). */
  checkpointEveryMs?: number;
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly appender;
  private closed = false;
  private readonly useThread: boolean;
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, PendingAppend>();
  private nextJob = 0;
  private lastFailure: StorageFailure | null = null;
  private readonly checkpointTimer: NodeJS.Timeout | null = null;
  /** Scenario texts by hash: exercises of one scenario share one string. */
  private readonly texts = new Map<string, string>();

  constructor(
    readonly file: string,
    private readonly options: SqliteOptions = {},
  ) {
    this.useThread = (options.writer ?? 'thread') === 'thread' && file !== ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = openDatabase(file, { maxPageCount: options.maxPageCount });
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`${file} was written by a newer Firebreak (storage schema ${version}; this one knows ${SCHEMA_VERSION})`);
    }
    if (version === 0) {
      this.db.exec(SCHEMA);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } else if (version < SCHEMA_VERSION) migrate(this.db, version);
    this.appender = createAppender(this.db);

    this.stmts = {
      insertScenario: this.db.prepare('INSERT OR IGNORE INTO scenarios (hash, text) VALUES (?, ?)'),
      scenarioText: this.db.prepare('SELECT text FROM scenarios WHERE hash = ?'),
      insertExercise: this.db.prepare(
        'INSERT INTO exercises (id, title, scenario_id, scenario_hash, seed, created_at, codes_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertCode: this.db.prepare('INSERT INTO codes (code, exercise_id, role, team) VALUES (?, ?, ?, ?)'),
      insertSeat: this.db.prepare(
        'INSERT INTO seats (seat_id, exercise_id, role, team, name, credential_hash, joined_at, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      nextOrdinal: this.db.prepare('SELECT COALESCE(MAX(ordinal), 0) + 1 AS n FROM seats WHERE exercise_id = ?'),
      getExercise: this.db.prepare('SELECT * FROM exercises WHERE id = ?'),
      listExercises: this.db.prepare('SELECT * FROM exercises ORDER BY created_at, id'),
      updateScenario: this.db.prepare('UPDATE exercises SET scenario_hash = ?, scenario_edited_at_seq = ? WHERE id = ?'),
      dropSnapshot: this.db.prepare('DELETE FROM snapshots WHERE exercise_id = ?'),
      seats: this.db.prepare('SELECT * FROM seats WHERE exercise_id = ? ORDER BY ordinal'),
      seatByHash: this.db.prepare('SELECT * FROM seats WHERE credential_hash = ?'),
      code: this.db.prepare('SELECT * FROM codes WHERE code = ?'),
      lastSeq: this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM log WHERE exercise_id = ?'),
      read: this.db.prepare(
        'SELECT seq, seat_id, round, command_json, state_hash FROM log WHERE exercise_id = ? AND seq >= ? ORDER BY seq',
      ),
      snapshot: this.db.prepare('SELECT seq, state_hash, state_json FROM snapshots WHERE exercise_id = ?'),
      quarantine: this.db.prepare(
        'INSERT INTO quarantine (exercise_id, reason, at) VALUES (?, ?, ?) ON CONFLICT (exercise_id) DO UPDATE SET reason = excluded.reason, at = excluded.at',
      ),
      quarantined: this.db.prepare('SELECT exercise_id, reason, at FROM quarantine ORDER BY at, exercise_id'),
      release: this.db.prepare('DELETE FROM quarantine WHERE exercise_id = ?'),
    };
    const every = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
    if (every > 0 && file !== ':memory:') {
      this.checkpointTimer = setInterval(() => void this.checkpoint().catch(() => undefined), every);
      this.checkpointTimer.unref();
    }
  }

  /** The text stored under a hash, read once per store. */
  private textOf(hash: string): string {
    let text = this.texts.get(hash);
    if (text === undefined) {
      const row = this.stmts.scenarioText.get(hash) as { text: string } | undefined;
      if (!row) throw new StorageError(`the scenario ${hash.slice(0, 12)}... of an exercise is missing from the file`, 'SQLITE_CORRUPT');
      text = row.text;
      this.texts.set(hash, text);
    }
    return text;
  }

  private storeText(text: string): string {
    const hash = scenarioHash(text);
    this.stmts.insertScenario.run(hash, text);
    this.texts.set(hash, text);
    return hash;
  }

  private toMeta(row: ExerciseRow): ExerciseMeta {
    return toMeta(row, this.textOf(row.scenario_hash));
  }

  private readonly createTx = (meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>) => {
    this.db
      .transaction(() => {
        this.stmts.insertExercise.run(
          meta.id,
          meta.title,
          meta.scenarioId,
          this.storeText(meta.scenarioText),
          meta.seed,
          meta.createdAt,
          JSON.stringify(meta.codes),
        );
        for (const c of codesOf(meta)) this.stmts.insertCode.run(c.code, meta.id, c.role, c.team);
        this.insertSeat(facilitator);
      })
      .immediate();
  };

  private insertSeat(seat: Omit<SeatRecord, 'ordinal'>): SeatRecord {
    const ordinal = (this.stmts.nextOrdinal.get(seat.exerciseId) as { n: number }).n;
    this.stmts.insertSeat.run(
      seat.seatId,
      seat.exerciseId,
      seat.role,
      seat.team,
      seat.name,
      seat.credentialHash,
      seat.joinedAt,
      ordinal,
    );
    return { ...seat, ordinal };
  }

  private check(): void {
    if (this.closed) throw new Error('storage is closed');
  }

  /** Runs a write on this thread: failures become StorageError and are remembered for /healthz. */
  private write<T>(task: () => T, duplicate?: string): T {
    this.check();
    try {
      const result = task();
      this.lastFailure = null;
      return result;
    } catch (err) {
      if (duplicate !== undefined && isUniqueViolation(err)) throw new DuplicateError(duplicate);
      if (err instanceof ConflictError || err instanceof DuplicateError) throw err;
      this.noteFailure(err);
      asStorageError(err);
    }
  }

  private noteFailure(err: unknown): void {
    const { error, code } = describeError(err);
    this.lastFailure = { fault: faultOf(code), message: error, at: Date.now() };
  }

  failure(): StorageFailure | null {
    return this.lastFailure;
  }

  async createExercise(meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>): Promise<void> {
    this.write(() => this.createTx(meta, facilitator), `exercise ${meta.id} or one of its codes`);
  }

  async getExercise(exerciseId: string): Promise<ExerciseMeta | null> {
    this.check();
    const row = this.stmts.getExercise.get(exerciseId) as ExerciseRow | undefined;
    return row ? this.toMeta(row) : null;
  }

  async list(): Promise<ExerciseMeta[]> {
    this.check();
    return (this.stmts.listExercises.all() as ExerciseRow[]).map((row) => this.toMeta(row));
  }

  async updateScenarioText(exerciseId: string, scenarioText: string, atSeq: number): Promise<void> {
    this.write(() =>
      this.db
        .transaction(() => {
          this.stmts.updateScenario.run(this.storeText(scenarioText), atSeq, exerciseId);
          // The snapshot was of a state reached under the earlier text.
          this.stmts.dropSnapshot.run(exerciseId);
        })
        .immediate(),
    );
  }

  async addSeat(seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord> {
    return this.write(() => this.db.transaction(() => this.insertSeat(seat)).immediate(), `seat ${seat.seatId}`);
  }

  async seats(exerciseId: string): Promise<SeatRecord[]> {
    this.check();
    return (this.stmts.seats.all(exerciseId) as SeatRow[]).map(toSeat);
  }

  async findSeatByCredentialHash(credentialHash: string): Promise<SeatRecord | null> {
    this.check();
    const row = this.stmts.seatByHash.get(credentialHash) as SeatRow | undefined;
    return row ? toSeat(row) : null;
  }

  async findCode(code: string): Promise<CodeRecord | null> {
    this.check();
    const row = this.stmts.code.get(code) as
      | { code: string; exercise_id: string; role: CodeRecord['role']; team: string | null }
      | undefined;
    return row ? { code: row.code, exerciseId: row.exercise_id, role: row.role, team: row.team } : null;
  }

  private startWriter(): Worker {
    const worker = new Worker(new URL('./sqlite-writer.js', import.meta.url), {
      workerData: { file: this.file, maxPageCount: this.options.maxPageCount },
      execArgv: [],
    });
    worker.on('message', (msg: { type: string; results?: AppendResult[]; ok?: boolean; error?: string; code?: string }) => {
      if (msg.type === 'checkpointed') {
        // A checkpoint that succeeds says nothing about the next append, so it clears no failure.
        if (!msg.ok) this.noteFailure({ message: msg.error, code: msg.code });
        return;
      }
      if (msg.type !== 'results') return;
      for (const result of msg.results ?? []) {
        const job = this.waiting.get(result.id);
        if (!job) continue;
        this.waiting.delete(result.id);
        if (result.ok) {
          this.lastFailure = null;
          job.resolve(result.seq);
        } else if ('conflict' in result) job.reject(new ConflictError(job.exerciseId, job.expectedSeq, result.conflict));
        else {
          this.noteFailure({ message: result.error, code: result.code });
          job.reject(new StorageError(`append failed: ${result.error}`, result.code));
        }
      }
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, job] of this.waiting) {
        this.waiting.delete(id);
        job.reject(err);
      }
    };
    worker.on('error', (err) => {
      this.noteFailure(err);
      fail(new StorageError(`log writer thread failed: ${err.message}`, (err as { code?: string }).code));
    });
    worker.on('exit', (code) => fail(new StorageError(`log writer thread exited (${code})`, undefined)));
    return worker;
  }

  async append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number> {
    this.check();
    const job: AppendJob = {
      exerciseId,
      expectedSeq,
      records: records.map((r) => [r.command.id, r.seatId, r.round, JSON.stringify(r.command), r.stateHash, r.snapshot ?? null]),
    };
    if (this.useThread) {
      this.worker ??= this.startWriter();
      const worker = this.worker;
      const id = ++this.nextJob;
      return new Promise<number>((resolve, reject) => {
        this.waiting.set(id, { exerciseId, expectedSeq, resolve, reject });
        worker.postMessage({ type: 'append', id, ...job });
      });
    }
    return this.write(() => {
      try {
        return this.appender.appendOne.immediate(job);
      } catch (err) {
        if (err instanceof Conflict) throw new ConflictError(exerciseId, expectedSeq, err.actual);
        throw err;
      }
    });
  }

  async read(exerciseId: string, fromSeq = 1): Promise<LogRecord[]> {
    this.check();
    return (this.stmts.read.all(exerciseId, fromSeq) as LogRow[]).map(toLogRecord);
  }

  async lastSeq(exerciseId: string): Promise<number> {
    this.check();
    return (this.stmts.lastSeq.get(exerciseId) as { n: number }).n;
  }

  async latestSnapshot(exerciseId: string): Promise<StoredSnapshot | null> {
    this.check();
    const row = this.stmts.snapshot.get(exerciseId) as { seq: number; state_hash: string; state_json: Buffer } | undefined;
    if (!row) return null;
    return { seq: row.seq, stateHash: row.state_hash, stateJson: inflateRawSync(row.state_json).toString('utf8') };
  }

  async quarantine(exerciseId: string, reason: string): Promise<void> {
    this.write(() => this.stmts.quarantine.run(exerciseId, reason, Date.now()));
  }

  async quarantined(): Promise<QuarantineRecord[]> {
    this.check();
    return (this.stmts.quarantined.all() as { exercise_id: string; reason: string; at: number }[]).map((r) => ({
      exerciseId: r.exercise_id,
      reason: r.reason,
      at: r.at,
    }));
  }

  async release(exerciseId: string): Promise<void> {
    this.write(() => this.stmts.release.run(exerciseId));
  }

  /** Copies the WAL's committed pages into the database file (on the writer thread when there is one). */
  async checkpoint(): Promise<void> {
    this.check();
    if (this.worker) {
      this.worker.postMessage({ type: 'checkpoint' });
      return;
    }
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      this.noteFailure(err);
      asStorageError(err);
    }
  }

  /**
   * SQLite's check of the whole file: [] when sound, else what it found (at
   * most `max` lines). `quick` (on every start) skips checking that indexes
   * match their tables; the full check is for `firebreak check`.
   */
  integrityProblems(options: { quick?: boolean; max?: number } = {}): string[] {
    this.check();
    const max = options.max ?? 20;
    try {
      const rows = this.db.pragma(`${options.quick ? 'quick_check' : 'integrity_check'}(${max})`) as Record<string, string>[];
      const lines = rows.map((r) => Object.values(r)[0]!);
      const foreign = this.db.pragma('foreign_key_check') as { table: string; parent: string }[];
      return [
        ...(lines.length === 1 && lines[0] === 'ok' ? [] : lines),
        ...foreign.slice(0, max).map((f) => `a row of ${f.table} refers to a missing row of ${f.parent}`),
      ];
    } catch (err) {
      // Damage bad enough to stop the check itself.
      return [(err as Error).message];
    }
  }

  /** A consistent copy of the live file at `destination` (see backupDatabase). */
  async backup(destination: string): Promise<void> {
    this.check();
    await backupDatabase(this.db, destination);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    const worker = this.worker;
    if (worker) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ type: 'close' });
      });
      this.worker = null;
    }
    this.db.close();
  }
}
