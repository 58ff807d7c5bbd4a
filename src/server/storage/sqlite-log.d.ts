/** Types of ./sqlite-log.js (plain JavaScript, so that the writer thread can load it anywhere). */
import type Database from 'better-sqlite3';

export interface OpenOptions {
  readonly?: boolean;
  maxPageCount?: number;
}
export function openDatabase(file: string, options?: OpenOptions): Database.Database;

export class Conflict extends Error {
  constructor(actual: number);
  readonly actual: number;
}

export function describeError(err: unknown): { error: string; code: string | undefined };
export function packSnapshot(json: string): Buffer;

/** [commandId, seatId, round, commandJson, stateHash, snapshotJson] */
export type RecordRow = [string, string | null, number, string, string | null, string | null];
export interface AppendJob {
  id?: number;
  exerciseId: string;
  expectedSeq: number;
  records: RecordRow[];
}
export type AppendResult =
  | { id: number; ok: true; seq: number }
  | { id: number; ok: false; conflict: number }
  | { id: number; ok: false; error: string; code: string | undefined };

export function createAppender(db: Database.Database): {
  appendOne: Database.Transaction<(job: AppendJob) => number>;
  appendBatch: Database.Transaction<(jobs: AppendJob[]) => AppendResult[]>;
};
