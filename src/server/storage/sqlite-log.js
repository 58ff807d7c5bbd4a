/**
 * The SQLite log's write path, shared by the writer thread
 * (./sqlite-writer.js) and the store's inline mode, so that both open the file
 * the same way and append the same way. Plain JavaScript so that it runs the
 * same under tsx, vitest and plain Node inside a worker.
 */
import Database from 'better-sqlite3';
import { deflateRawSync } from 'node:zlib';

/**
 * Opens a connection with the settings every connection to the file uses:
 * WAL, fsync on every commit (synchronous=FULL), foreign keys, a busy
 * timeout. `maxPageCount` caps the file (SQLite then answers SQLITE_FULL, as
 * on a full disk); `readonly` opens it for reading only.
 */
export function openDatabase(file, options = {}) {
  const db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.maxPageCount) db.pragma(`max_page_count = ${Number(options.maxPageCount)}`);
  return db;
}

/** The log no longer ends where the writer expected: another writer got there first. */
export class Conflict extends Error {
  constructor(actual) {
    super('conflict');
    this.actual = actual;
  }
}

const isUnique = (err) => Boolean(err) && (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE');

/** A failure as it crosses the thread boundary: the sentence and SQLite's code (SQLITE_FULL, ...). */
export function describeError(err) {
  return { error: String((err && err.message) || err), code: err && typeof err.code === 'string' ? err.code : undefined };
}

/** Snapshots are stored deflated: a state's JSON shrinks about tenfold. */
export function packSnapshot(json) {
  return deflateRawSync(Buffer.from(json, 'utf8'));
}

/**
 * Append statements on one connection. A job is
 * { exerciseId, expectedSeq, records: [commandId, seatId, round, commandJson, stateHash, snapshotJson][] }.
 */
export function createAppender(db) {
  const lastSeqOf = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM log WHERE exercise_id = ?');
  const insert = db.prepare(
    'INSERT INTO log (exercise_id, seq, command_id, seat_id, round, command_json, state_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // Only the latest snapshot of an exercise is kept: recovery needs no other.
  const snapshot = db.prepare(
    `INSERT INTO snapshots (exercise_id, seq, state_hash, state_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (exercise_id) DO UPDATE SET seq = excluded.seq, state_hash = excluded.state_hash, state_json = excluded.state_json`,
  );

  /** One append; nested inside a batch it runs in a savepoint. Throws Conflict. */
  const appendOne = db.transaction((job) => {
    const last = lastSeqOf.get(job.exerciseId).n;
    if (last !== job.expectedSeq) throw new Conflict(last);
    let seq = last;
    for (const [commandId, seatId, round, commandJson, stateHash, snapshotJson] of job.records) {
      seq += 1;
      try {
        insert.run(job.exerciseId, seq, commandId, seatId, round, commandJson, stateHash);
      } catch (err) {
        if (isUnique(err)) throw new Conflict(last);
        throw err;
      }
      if (snapshotJson && stateHash) snapshot.run(job.exerciseId, seq, stateHash, packSnapshot(snapshotJson));
    }
    return seq;
  });

  /** Many appends in one transaction (one fsync); each succeeds or fails alone. */
  const appendBatch = db.transaction((jobs) =>
    jobs.map((job) => {
      try {
        return { id: job.id, ok: true, seq: appendOne(job) };
      } catch (err) {
        if (err instanceof Conflict) return { id: job.id, ok: false, conflict: err.actual };
        // A full disk or an I/O error can make SQLite roll back the whole transaction, not only this
        // savepoint: then nothing of the batch is stored, and every append in it fails together.
        if (!db.inTransaction) throw err;
        return { id: job.id, ok: false, ...describeError(err) };
      }
    }),
  );

  return { appendOne, appendBatch };
}
