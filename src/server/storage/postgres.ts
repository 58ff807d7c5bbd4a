/**
 * The store for deployments of several server processes: PostgreSQL through
 * node-postgres, behind the same interface as the SQLite store, chosen with
 * `firebreak serve --database postgres://...` (or DATABASE_URL).
 *
 * - Versioned migrations (MIGRATIONS below) run on open, each in its own
 *   transaction under an advisory lock, so processes starting together
 *   migrate once. The version is kept in firebreak_schema.
 * - The log keeps a unique (exercise, seq) and a unique (exercise, command
 *   id). An append is ONE statement: it inserts the records only when the
 *   log still ends at expectedSeq, and stores the latest snapshot with them.
 *   Two writers racing for the same seq meet at the primary key; the loser
 *   gets ConflictError. PostgreSQL's default synchronous_commit makes the
 *   commit durable before the statement returns.
 * - A failure to reach the server is remembered (failure()) and reported on
 *   /healthz; a probe every second notices a server that went away while
 *   idle, and clears the failure once it answers again.
 */
import pg from 'pg';
import { inflateRawSync } from 'node:zlib';
import { hashJson } from './records';
import { codesOf, toLogRecord, toMeta, toSeat, type ExerciseRow, type LogRow, type SeatRow } from './rows';
import { packSnapshot } from './sqlite-log.js';
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
 * Each entry brings the schema from its index to index + 1.
 * 1: exercises, scenarios (once by content hash), seats, codes, the log, snapshots, quarantine.
 * 2: exercise ownership leases (which process runs an exercise's clock and writes its log).
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scenarios (
     hash TEXT PRIMARY KEY,
     text TEXT NOT NULL
   );
   CREATE TABLE exercises (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     scenario_id TEXT NOT NULL,
     scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
     seed TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     codes_json TEXT NOT NULL,
     scenario_edited_at_seq INTEGER
   );
   CREATE TABLE seats (
     seat_id TEXT PRIMARY KEY,
     exercise_id TEXT NOT NULL REFERENCES exercises(id),
     role TEXT NOT NULL,
     team TEXT,
     name TEXT NOT NULL,
     credential_hash TEXT NOT NULL UNIQUE,
     joined_at BIGINT NOT NULL,
     ordinal INTEGER NOT NULL,
     UNIQUE (exercise_id, ordinal)
   );
   CREATE TABLE codes (
     code TEXT PRIMARY KEY,
     exercise_id TEXT NOT NULL REFERENCES exercises(id),
     role TEXT NOT NULL,
     team TEXT
   );
   CREATE TABLE log (
     exercise_id TEXT NOT NULL REFERENCES exercises(id),
     seq INTEGER NOT NULL,
     command_id TEXT NOT NULL,
     seat_id TEXT,
     round INTEGER NOT NULL,
     command_json TEXT NOT NULL,
     state_hash TEXT,
     PRIMARY KEY (exercise_id, seq),
     UNIQUE (exercise_id, command_id)
   );
   CREATE TABLE snapshots (
     exercise_id TEXT PRIMARY KEY REFERENCES exercises(id),
     seq INTEGER NOT NULL,
     state_hash TEXT NOT NULL,
     state_json BYTEA NOT NULL
   );
   CREATE TABLE quarantine (
     exercise_id TEXT PRIMARY KEY REFERENCES exercises(id),
     reason TEXT NOT NULL,
     at BIGINT NOT NULL
   );`,
  `CREATE TABLE leases (
     exercise_id TEXT PRIMARY KEY REFERENCES exercises(id),
     owner TEXT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );`,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Any number will do, as long as it is the same in every process: it serialises migrations. */
const MIGRATION_LOCK = 0x66697265;

/** Brings the database to `target` (default: the latest version); returns the version it found. */
export async function migrate(pool: pg.Pool, target = PG_SCHEMA_VERSION): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS firebreak_schema (version INTEGER NOT NULL)');
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = (await client.query<{ version: number }>('SELECT version FROM firebreak_schema')).rows;
      const found = rows[0]?.version ?? 0;
      if (found > PG_SCHEMA_VERSION) {
        throw new Error(`the database was written by a newer Firebreak (storage schema ${found}; this one knows ${PG_SCHEMA_VERSION})`);
      }
      for (let version = found; version < target; version++) await client.query(MIGRATIONS[version]!);
      if (rows.length === 0) await client.query('INSERT INTO firebreak_schema (version) VALUES ($1)', [Math.max(found, target)]);
      else if (target > found) await client.query('UPDATE firebreak_schema SET version = $1', [target]);
      await client.query('COMMIT');
      return found;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}

const UNIQUE_VIOLATION = '23505';
/**
 * SQLSTATE or Node's code of a failure. node-postgres raises a lost or timed-out
 * connection without one: those count as a reset connection (unreachable).
 */
function pgCode(err: unknown): string | undefined {
  const code = (err as { code?: string } | null)?.code;
  if (code) return code;
  return /connection terminated|timeout exceeded|connection error|not queryable/i.test((err as Error | null)?.message ?? '') ? 'ECONNRESET' : undefined;
}

/**
 * The append: one statement, so one round trip and one commit. `last` is
 * where the log ends; the records go in only when it is expectedSeq ($2).
 * The snapshot ($8..$10, the last one among the records) is stored only when
 * the records were.
 */
const APPEND = `
WITH last AS (SELECT COALESCE(MAX(seq), 0) AS n FROM log WHERE exercise_id = $1),
ins AS (
  INSERT INTO log (exercise_id, seq, command_id, seat_id, round, command_json, state_hash)
  SELECT $1, $2 + r.ord, r.command_id, r.seat_id, r.round, r.command_json, r.state_hash
  FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) WITH ORDINALITY
       AS r(command_id, seat_id, round, command_json, state_hash, ord), last
  WHERE last.n = $2
  RETURNING seq
),
snap AS (
  INSERT INTO snapshots (exercise_id, seq, state_hash, state_json)
  SELECT $1, $8::int, $9, $10 WHERE $8::int IS NOT NULL AND EXISTS (SELECT 1 FROM ins)
  ON CONFLICT (exercise_id) DO UPDATE SET seq = excluded.seq, state_hash = excluded.state_hash, state_json = excluded.state_json
)
SELECT (SELECT n FROM last)::int AS last, (SELECT COUNT(*) FROM ins)::int AS inserted`;

export interface PostgresOptions {
  /** Most connections this process opens (default 10). */
  maxConnections?: number;
  /** Migrate only this far (tests of a database left by an earlier version); default: the latest. */
  schemaVersion?: number;
  /** How often the server is probed, to notice it is gone and clear the failure once it answers (ms; default 1000). */
  probeEveryMs?: number;
}

export class PostgresStorage implements Storage {
  private lastFailure: StorageFailure | null = null;
  private closed = false;
  private probing = false;
  private readonly probeTimer: NodeJS.Timeout;
  /** Scenario texts by hash: exercises of one scenario share one string. */
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly pool: pg.Pool,
    /** The URL without its password, for logs and /healthz. */
    readonly where: string,
    probeEveryMs: number,
  ) {
    // An idle connection that the server drops emits here; without a listener it would end the process.
    pool.on('error', (err) => this.noteFailure(err));
    this.probeTimer = setInterval(() => void this.probe(), probeEveryMs);
    this.probeTimer.unref();
  }

  /** Connects, migrates to the latest schema, and returns the store. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined);
    try {
      await migrate(pool, options.schemaVersion);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new StorageError(`cannot open the database ${redact(url)}: ${(err as Error).message}`, pgCode(err));
    }
    return new PostgresStorage(pool, redact(url), options.probeEveryMs ?? 1000);
  }

  /** The schema version the database is at. */
  async schemaVersion(): Promise<number> {
    return (await this.query<{ version: number }>('SELECT version FROM firebreak_schema')).rows[0]?.version ?? 0;
  }

  /** Asks the server whether it answers: notes when it stops, and clears that failure once it answers again. */
  private async probe(): Promise<void> {
    if (this.probing || this.closed) return;
    this.probing = true;
    try {
      await this.pool.query('SELECT 1');
      if (this.lastFailure?.fault === 'unreachable') this.lastFailure = null;
    } catch (err) {
      this.noteFailure(err);
    } finally {
      this.probing = false;
    }
  }

  private noteFailure(err: unknown): void {
    this.lastFailure = { fault: faultOf(pgCode(err)), message: (err as Error).message, at: Date.now() };
  }

  failure(): StorageFailure | null {
    return this.lastFailure;
  }

  private check(): void {
    if (this.closed) throw new Error('storage is closed');
  }

  /** One statement; failures become StorageError (remembered for /healthz), except those the caller maps. */
  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], duplicate?: string): Promise<pg.QueryResult<R>> {
    this.check();
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      if (pgCode(err) === UNIQUE_VIOLATION && duplicate !== undefined) throw new DuplicateError(duplicate);
      this.noteFailure(err);
      throw new StorageError((err as Error).message, pgCode(err));
    }
  }

  /** Several statements in one transaction on one connection. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, duplicate?: string): Promise<T> {
    this.check();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.noteFailure(err);
      throw new StorageError((err as Error).message, pgCode(err));
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (pgCode(err) === UNIQUE_VIOLATION && duplicate !== undefined) throw new DuplicateError(duplicate);
      this.noteFailure(err);
      throw new StorageError((err as Error).message, pgCode(err));
    } finally {
      client.release();
    }
  }

  private async storeText(client: pg.PoolClient, text: string): Promise<string> {
    const hash = hashJson(text);
    await client.query('INSERT INTO scenarios (hash, text) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, text]);
    this.texts.set(hash, text);
    return hash;
  }

  private static async insertSeat(client: pg.PoolClient, seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord> {
    // The exercise row is locked so that two seats joining at once get distinct ordinals.
    const locked = await client.query('SELECT id FROM exercises WHERE id = $1 FOR UPDATE', [seat.exerciseId]);
    if (locked.rowCount === 0) throw new Error(`unknown exercise ${seat.exerciseId}`);
    const { rows } = await client.query<{ n: number }>('SELECT COALESCE(MAX(ordinal), 0)::int + 1 AS n FROM seats WHERE exercise_id = $1', [seat.exerciseId]);
    const ordinal = rows[0]!.n;
    await client.query(
      'INSERT INTO seats (seat_id, exercise_id, role, team, name, credential_hash, joined_at, ordinal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [seat.seatId, seat.exerciseId, seat.role, seat.team, seat.name, seat.credentialHash, seat.joinedAt, ordinal],
    );
    return { ...seat, ordinal };
  }

  async createExercise(meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>): Promise<void> {
    await this.transaction(async (client) => {
      const hash = await this.storeText(client, meta.scenarioText);
      await client.query(
        'INSERT INTO exercises (id, title, scenario_id, scenario_hash, seed, created_at, codes_json) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [meta.id, meta.title, meta.scenarioId, hash, meta.seed, meta.createdAt, JSON.stringify(meta.codes)],
      );
      for (const c of codesOf(meta)) {
        await client.query('INSERT INTO codes (code, exercise_id, role, team) VALUES ($1, $2, $3, $4)', [c.code, meta.id, c.role, c.team]);
      }
      await PostgresStorage.insertSeat(client, facilitator);
    }, `exercise ${meta.id} or one of its codes`);
  }

  private async metas(where: string, values: unknown[]): Promise<ExerciseMeta[]> {
    // A scenario's text is fetched only the first time this process meets its hash.
    const { rows } = await this.query<ExerciseRow>(`SELECT * FROM exercises ${where}`, values);
    const unknown = [...new Set(rows.map((r) => r.scenario_hash).filter((h) => !this.texts.has(h)))];
    if (unknown.length) {
      const texts = await this.query<{ hash: string; text: string }>('SELECT hash, text FROM scenarios WHERE hash = ANY($1)', [unknown]);
      for (const t of texts.rows) this.texts.set(t.hash, t.text);
    }
    return rows.map((row) => {
      const text = this.texts.get(row.scenario_hash);
      if (text === undefined) throw new StorageError(`the scenario ${row.scenario_hash.slice(0, 12)}... of exercise ${row.id} is missing`, 'XX001');
      return toMeta(row, text);
    });
  }

  async getExercise(exerciseId: string): Promise<ExerciseMeta | null> {
    return (await this.metas('WHERE id = $1', [exerciseId]))[0] ?? null;
  }

  async list(): Promise<ExerciseMeta[]> {
    return this.metas('ORDER BY created_at, id', []);
  }

  async updateScenarioText(exerciseId: string, scenarioText: string, atSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      const hash = await this.storeText(client, scenarioText);
      await client.query('UPDATE exercises SET scenario_hash = $1, scenario_edited_at_seq = $2 WHERE id = $3', [hash, atSeq, exerciseId]);
      // The snapshot was of a state reached under the earlier text.
      await client.query('DELETE FROM snapshots WHERE exercise_id = $1', [exerciseId]);
    });
  }

  async addSeat(seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord> {
    return this.transaction((client) => PostgresStorage.insertSeat(client, seat), `seat ${seat.seatId}`);
  }

  async seats(exerciseId: string): Promise<SeatRecord[]> {
    return (await this.query<SeatRow>('SELECT * FROM seats WHERE exercise_id = $1 ORDER BY ordinal', [exerciseId])).rows.map(toSeat);
  }

  async findSeatByCredentialHash(credentialHash: string): Promise<SeatRecord | null> {
    const row = (await this.query<SeatRow>('SELECT * FROM seats WHERE credential_hash = $1', [credentialHash])).rows[0];
    return row ? toSeat(row) : null;
  }

  async findCode(code: string): Promise<CodeRecord | null> {
    const row = (await this.query<{ code: string; exercise_id: string; role: CodeRecord['role']; team: string | null }>('SELECT * FROM codes WHERE code = $1', [code])).rows[0];
    return row ? { code: row.code, exerciseId: row.exercise_id, role: row.role, team: row.team } : null;
  }

  async append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number> {
    let snapshotAt = -1;
    records.forEach((r, i) => {
      if (r.snapshot && r.stateHash) snapshotAt = i;
    });
    const snapshot = snapshotAt >= 0 ? records[snapshotAt]! : null;
    const values = [
      exerciseId,
      expectedSeq,
      records.map((r) => r.command.id),
      records.map((r) => r.seatId),
      records.map((r) => r.round),
      records.map((r) => JSON.stringify(r.command)),
      records.map((r) => r.stateHash),
      snapshot ? expectedSeq + snapshotAt + 1 : null,
      snapshot?.stateHash ?? null,
      snapshot ? packSnapshot(snapshot.snapshot!) : null,
    ];
    let row: { last: number; inserted: number };
    this.check();
    try {
      row = (await this.pool.query<{ last: number; inserted: number }>(APPEND, values)).rows[0]!;
    } catch (err) {
      // Another writer took one of these seqs (or the command id is logged already).
      if (pgCode(err) === UNIQUE_VIOLATION) throw new ConflictError(exerciseId, expectedSeq, await this.lastSeq(exerciseId));
      this.noteFailure(err);
      throw new StorageError(`append failed: ${(err as Error).message}`, pgCode(err));
    }
    if (row.last !== expectedSeq) throw new ConflictError(exerciseId, expectedSeq, row.last);
    this.lastFailure = null;
    return expectedSeq + row.inserted;
  }

  async read(exerciseId: string, fromSeq = 1): Promise<LogRecord[]> {
    const { rows } = await this.query<LogRow>('SELECT seq, seat_id, round, command_json, state_hash FROM log WHERE exercise_id = $1 AND seq >= $2 ORDER BY seq', [
      exerciseId,
      fromSeq,
    ]);
    return rows.map(toLogRecord);
  }

  async lastSeq(exerciseId: string): Promise<number> {
    return (await this.query<{ n: number }>('SELECT COALESCE(MAX(seq), 0)::int AS n FROM log WHERE exercise_id = $1', [exerciseId])).rows[0]!.n;
  }

  async latestSnapshot(exerciseId: string): Promise<StoredSnapshot | null> {
    const row = (await this.query<{ seq: number; state_hash: string; state_json: Buffer }>('SELECT seq, state_hash, state_json FROM snapshots WHERE exercise_id = $1', [exerciseId])).rows[0];
    return row ? { seq: row.seq, stateHash: row.state_hash, stateJson: inflateRawSync(row.state_json).toString('utf8') } : null;
  }

  async quarantine(exerciseId: string, reason: string): Promise<void> {
    await this.query(
      'INSERT INTO quarantine (exercise_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT (exercise_id) DO UPDATE SET reason = excluded.reason, at = excluded.at',
      [exerciseId, reason, Date.now()],
    );
  }

  async quarantined(): Promise<QuarantineRecord[]> {
    const { rows } = await this.query<{ exercise_id: string; reason: string; at: string }>('SELECT exercise_id, reason, at FROM quarantine ORDER BY at, exercise_id');
    return rows.map((r) => ({ exerciseId: r.exercise_id, reason: r.reason, at: Number(r.at) }));
  }

  async release(exerciseId: string): Promise<void> {
    await this.query('DELETE FROM quarantine WHERE exercise_id = $1', [exerciseId]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.probeTimer);
    await this.pool.end();
  }
}

/** A database (or Redis) URL without its password. */
export function redact(url: string, scheme = 'postgres'): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return `${scheme}://(unparsable URL)`;
  }
}
