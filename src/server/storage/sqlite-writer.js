/**
 * The SQLite log writer, on its own thread (plain JavaScript so that it runs
 * the same under tsx, vitest and plain Node).
 *
 * With synchronous=FULL every commit waits for fsync; doing that on the main
 * thread would stall every exercise for the length of the fsync. Here it
 * stalls only this thread, and appends that arrive while a commit is in
 * progress are committed together in the next transaction (group commit):
 * one fsync for many commands, each append inside its own savepoint so that
 * one conflicting append does not undo the others. Checkpoints of the WAL
 * into the database file run here too, for the same reason.
 *
 * Messages in:  { type: 'append', id, exerciseId, expectedSeq, records: [commandId, seatId, round, commandJson, stateHash, snapshotJson][] }
 *               { type: 'checkpoint' }
 *               { type: 'close' }
 * Messages out: { type: 'results', results: ({ id, ok: true, seq } | { id, ok: false, conflict } | { id, ok: false, error, code })[] }
 *               { type: 'checkpointed', ok, error?, code? }
 *               { type: 'closed' }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAppender, describeError, openDatabase } from './sqlite-log.js';

const db = openDatabase(workerData.file, { maxPageCount: workerData.maxPageCount });
const { appendBatch } = createAppender(db);

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
    // The commit itself failed (a full disk, an I/O error): nothing in this batch was stored.
    const failure = describeError(err);
    results = jobs.map((job) => ({ id: job.id, ok: false, ...failure }));
  }
  parentPort.postMessage({ type: 'results', results });
}

function checkpoint() {
  flush();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', ok: true });
  } catch (err) {
    parentPort.postMessage({ type: 'checkpointed', ok: false, ...describeError(err) });
  }
}

parentPort.on('message', (msg) => {
  if (msg.type === 'append') {
    pending.push(msg);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  } else if (msg.type === 'checkpoint') {
    checkpoint();
  } else if (msg.type === 'close') {
    flush();
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
