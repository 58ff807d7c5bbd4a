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
 * - one IMMEDIATE transaction per append, which also checks the expected
 *   sequence number, so a second writer on the same file gets ConflictError.
 * - appends run on a writer thread (./sqlite-writer.js) by default: the fsync
 *   of a commit then never stalls the event loop, and appends that arrive
 *   during a commit share the next one (group commit, a savepoint each).
 *   Everything else (reads, exercise creation, seats) runs here.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Command } from '../../engine/types';
import type { SeatRole } from '../../protocol/events';
import {
  ConflictError,
  DuplicateError,
  type CodeRecord,
  type ExerciseMeta,
  type LogRecord,
  type NewLogRecord,
  type SeatRecord,
  type Storage,
} from './types';

const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
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
`;

interface ExerciseRow {
  id: string;
  title: string;
  scenario_id: string;
  scenario_text: string;
  seed: string;
  created_at: number;
  codes_json: string;
  scenario_edited_at_seq: number | null;
}

interface SeatRow {
  seat_id: string;
  exercise_id: string;
  role: string;
  team: string | null;
  name: string;
  credential_hash: string;
  joined_at: number;
  ordinal: number;
}

interface LogRow {
  seq: number;
  seat_id: string | null;
  round: number;
  command_json: string;
  state_hash: string | null;
}

function toMeta(row: ExerciseRow): ExerciseMeta {
  return {
    id: row.id,
    title: row.title,
    scenarioId: row.scenario_id,
    scenarioText: row.scenario_text,
    seed: row.seed,
    createdAt: row.created_at,
    codes: JSON.parse(row.codes_json) as ExerciseMeta['codes'],
    scenarioEditedAtSeq: row.scenario_edited_at_seq ?? null,
  };
}

function toSeat(row: SeatRow): SeatRecord {
  return {
    seatId: row.seat_id,
    exerciseId: row.exercise_id,
    role: row.role as SeatRole,
    team: row.team,
    name: row.name,
    credentialHash: row.credential_hash,
    joinedAt: row.joined_at,
    ordinal: row.ordinal,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

type WriterResult = { id: number; ok: true; seq: number } | { id: number; ok: false; conflict?: number; error?: string };

interface PendingAppend {
  exerciseId: string;
  expectedSeq: number;
  resolve(seq: number): void;
  reject(err: Error): void;
}

export interface SqliteOptions {
  /** Append on a writer thread (default) or on the calling thread. */
  writer?: 'thread' | 'inline';
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmts;
  private closed = false;
  private readonly useThread: boolean;
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, PendingAppend>();
  private nextJob = 0;

  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
    this.useThread = (options.writer ?? 'thread') === 'thread' && file !== ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${file} was written by a newer Firebreak (storage schema ${version}; this one knows ${SCHEMA_VERSION})`);
    }
    this.db.exec(SCHEMA);
    // Version 1 files predate scenario edits in watch mode.
    if (version === 1) this.db.exec('ALTER TABLE exercises ADD COLUMN scenario_edited_at_seq INTEGER');
    if (version < SCHEMA_VERSION) this.db.pragma(`user_version = ${SCHEMA_VERSION}`);

    this.stmts = {
      insertExercise: this.db.prepare(
        'INSERT INTO exercises (id, title, scenario_id, scenario_text, seed, created_at, codes_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertCode: this.db.prepare('INSERT INTO codes (code, exercise_id, role, team) VALUES (?, ?, ?, ?)'),
      insertSeat: this.db.prepare(
        'INSERT INTO seats (seat_id, exercise_id, role, team, name, credential_hash, joined_at, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      nextOrdinal: this.db.prepare('SELECT COALESCE(MAX(ordinal), 0) + 1 AS n FROM seats WHERE exercise_id = ?'),
      getExercise: this.db.prepare('SELECT * FROM exercises WHERE id = ?'),
      listExercises: this.db.prepare('SELECT * FROM exercises ORDER BY created_at, id'),
      updateScenarioText: this.db.prepare('UPDATE exercises SET scenario_text = ?, scenario_edited_at_seq = ? WHERE id = ?'),
      seats: this.db.prepare('SELECT * FROM seats WHERE exercise_id = ? ORDER BY ordinal'),
      seatByHash: this.db.prepare('SELECT * FROM seats WHERE credential_hash = ?'),
      code: this.db.prepare('SELECT * FROM codes WHERE code = ?'),
      lastSeq: this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM log WHERE exercise_id = ?'),
      insertLog: this.db.prepare(
        'INSERT INTO log (exercise_id, seq, command_id, seat_id, round, command_json, state_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      read: this.db.prepare(
        'SELECT seq, seat_id, round, command_json, state_hash FROM log WHERE exercise_id = ? AND seq >= ? ORDER BY seq',
      ),
    };
  }

  private readonly createTx = (meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>) => {
    this.db
      .transaction(() => {
        this.stmts.insertExercise.run(
          meta.id,
          meta.title,
          meta.scenarioId,
          meta.scenarioText,
          meta.seed,
          meta.createdAt,
          JSON.stringify(meta.codes),
        );
        for (const [team, code] of Object.entries(meta.codes.teams)) this.stmts.insertCode.run(code, meta.id, 'team', team);
        this.stmts.insertCode.run(meta.codes.observer, meta.id, 'observer', null);
        if (meta.codes.redCell) this.stmts.insertCode.run(meta.codes.redCell, meta.id, 'redCell', null);
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

  async createExercise(meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>): Promise<void> {
    this.check();
    try {
      this.createTx(meta, facilitator);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`exercise ${meta.id} or one of its codes`);
      throw err;
    }
  }

  async getExercise(exerciseId: string): Promise<ExerciseMeta | null> {
    this.check();
    const row = this.stmts.getExercise.get(exerciseId) as ExerciseRow | undefined;
    return row ? toMeta(row) : null;
  }

  async list(): Promise<ExerciseMeta[]> {
    this.check();
    return (this.stmts.listExercises.all() as ExerciseRow[]).map(toMeta);
  }

  async updateScenarioText(exerciseId: string, scenarioText: string, atSeq: number): Promise<void> {
    this.check();
    this.stmts.updateScenarioText.run(scenarioText, atSeq, exerciseId);
  }

  async addSeat(seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord> {
    this.check();
    try {
      return this.db.transaction(() => this.insertSeat(seat)).immediate();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`seat ${seat.seatId}`);
      throw err;
    }
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
      workerData: { file: this.file },
      execArgv: [],
    });
    worker.on('message', (msg: { type: string; results?: WriterResult[] }) => {
      if (msg.type !== 'results') return;
      for (const result of msg.results ?? []) {
        const job = this.waiting.get(result.id);
        if (!job) continue;
        this.waiting.delete(result.id);
        if (result.ok) job.resolve(result.seq);
        else if (result.conflict !== undefined) job.reject(new ConflictError(job.exerciseId, job.expectedSeq, result.conflict));
        else job.reject(new Error(`append failed: ${result.error}`));
      }
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, job] of this.waiting) {
        this.waiting.delete(id);
        job.reject(err);
      }
    };
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`log writer thread exited (${code})`)));
    return worker;
  }

  async append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number> {
    this.check();
    if (this.useThread) {
      this.worker ??= this.startWriter();
      const worker = this.worker;
      const id = ++this.nextJob;
      return new Promise<number>((resolve, reject) => {
        this.waiting.set(id, { exerciseId, expectedSeq, resolve, reject });
        worker.postMessage({
          type: 'append',
          id,
          exerciseId,
          expectedSeq,
          records: records.map((r) => [r.command.id, r.seatId, r.round, JSON.stringify(r.command), r.stateHash]),
        });
      });
    }
    return this.db
      .transaction(() => {
        const last = (this.stmts.lastSeq.get(exerciseId) as { n: number }).n;
        if (last !== expectedSeq) throw new ConflictError(exerciseId, expectedSeq, last);
        let seq = last;
        for (const record of records) {
          seq += 1;
          try {
            this.stmts.insertLog.run(
              exerciseId,
              seq,
              record.command.id,
              record.seatId,
              record.round,
              JSON.stringify(record.command),
              record.stateHash,
            );
          } catch (err) {
            if (isUniqueViolation(err)) throw new ConflictError(exerciseId, expectedSeq, last);
            throw err;
          }
        }
        return seq;
      })
      .immediate();
  }

  async read(exerciseId: string, fromSeq = 1): Promise<LogRecord[]> {
    this.check();
    return (this.stmts.read.all(exerciseId, fromSeq) as LogRow[]).map((row) => ({
      seq: row.seq,
      seatId: row.seat_id,
      round: row.round,
      command: JSON.parse(row.command_json) as Command,
      stateHash: row.state_hash,
    }));
  }

  async lastSeq(exerciseId: string): Promise<number> {
    this.check();
    return (this.stmts.lastSeq.get(exerciseId) as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
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
