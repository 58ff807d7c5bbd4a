/**
 * The SQLite log writer, on its own thread (plain JavaScript so that it runs
 * the same under tsx, vitest and plain Node).
 *
 * With synchronous=FULL every commit waits for fsync; doing that on the main
 * thread would stall every exercise for the length of the fsync. Here it
 * stalls only this thread, and appends that arrive while a commit is in
 * progress are committed together in the next transaction (group commit):
 * one fsync for many commands, each append inside its own savepoint so that
 * one conflicting append does not undo the others.
 *
 * Messages in:  { type: 'append', id, exerciseId, expectedSeq, records: [commandId, seatId, round, commandJson, stateHash][] }
 *               { type: 'close' }
 * Messages out: { type: 'results', results: ({ id, ok: true, seq } | { id, ok: false, conflict: number } | { id, ok: false, error: string })[] }
 *               { type: 'closed' }
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const lastSeqOf = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM log WHERE exercise_id = ?');
const insert = db.prepare(
  'INSERT INTO log (exercise_id, seq, command_id, seat_id, round, command_json, state_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
);

class Conflict extends Error {
  constructor(actual) {
    super('conflict');
    this.actual = actual;
  }
}

const isUnique = (err) => err && (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE');

/** One append; nested inside the batch it runs in a savepoint. */
const appendOne = db.transaction((job) => {
  const last = lastSeqOf.get(job.exerciseId).n;
  if (last !== job.expectedSeq) throw new Conflict(last);
  let seq = last;
  for (const [commandId, seatId, round, commandJson, stateHash] of job.records) {
    seq += 1;
    try {
      insert.run(job.exerciseId, seq, commandId, seatId, round, commandJson, stateHash);
    } catch (err) {
      if (isUnique(err)) throw new Conflict(last);
      throw err;
    }
  }
  return seq;
});

const appendBatch = db.transaction((jobs) =>
  jobs.map((job) => {
    try {
      return { id: job.id, ok: true, seq: appendOne(job) };
    } catch (err) {
      if (err instanceof Conflict) return { id: job.id, ok: false, conflict: err.actual };
      return { id: job.id, ok: false, error: String((err && err.message) || err) };
    }
  }),
);

let pending = [];
let scheduled = false;

function flush() {
  scheduled = false;
  if (pending.length === 0) return;
  const jobs = pending;
  pending = [];
  let results;
  try {
    results = appendBatch.immediate(jobs);
  } catch (err) {
    // The commit itself failed: nothing in this batch was stored.
    const error = String((err && err.message) || err);
    results = jobs.map((job) => ({ id: job.id, ok: false, error }));
  }
  parentPort.postMessage({ type: 'results', results });
}

parentPort.on('message', (msg) => {
  if (msg.type === 'append') {
    pending.push(msg);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  } else if (msg.type === 'close') {
    flush();
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
