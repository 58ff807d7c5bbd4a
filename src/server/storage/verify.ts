/**
 * Verifying a data folder: on every start of the server, and offline with
 * `firebreak check --data-dir DIR`.
 *
 * - The write-ahead log is read before SQLite opens the file: SQLite silently
 *   drops every frame after the first one whose checksum fails, so a frame
 *   damaged in the middle of the WAL would lose every later commit without a
 *   word. scanWal() finds such a break and tells an interrupted commit (the
 *   frames after the break never form a complete commit: nothing that was
 *   acknowledged) from damage (a complete commit after the break is lost).
 * - SQLite's own integrity check of the database file.
 * - A manifest written at every clean shutdown (each exercise and the length
 *   of its log): an exercise missing now, or with a shorter log, lost data
 *   after it was acknowledged.
 * Replaying each exercise against its checkpoint hashes is rebuild.ts.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartupFindings } from './health';
import type { Storage } from './types';

export const DB_FILE = 'firebreak.sqlite';
export const MANIFEST_FILE = 'firebreak.manifest.json';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** SQLite's WAL checksum over 8-byte chunks, continuing from (s0, s1). */
function walChecksum(buf: Buffer, start: number, end: number, bigEndian: boolean, s0: number, s1: number): [number, number] {
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

export interface WalScan {
  frames: number;
  /** Frames SQLite will use (up to the last commit before any break). */
  validFrames: number;
  /** Problems an operator must know about; [] for a sound or merely interrupted log. */
  problems: string[];
  /** An unfinished commit at the end (a crash mid-write): expected, nothing acknowledged was in it. */
  interruptedTail: boolean;
}

/** Reads a WAL file the way SQLite recovers it, and reports committed frames it would drop. */
export function scanWal(file: string): WalScan {
  const empty: WalScan = { frames: 0, validFrames: 0, problems: [], interruptedTail: false };
  if (!existsSync(file)) return empty;
  const buf = readFileSync(file);
  if (buf.length < WAL_HEADER) return empty;
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) {
    return { ...empty, problems: [`${file} is not a write-ahead log (bad magic number): its ${buf.length} bytes will be ignored`] };
  }
  const bigEndian = magic === 0x377f0683;
  const pageSize = buf.readUInt32BE(8) === 1 ? 65536 : buf.readUInt32BE(8);
  const salt1 = buf.readUInt32BE(16);
  const salt2 = buf.readUInt32BE(20);
  const frameSize = FRAME_HEADER + pageSize;
  const frames = Math.floor((buf.length - WAL_HEADER) / frameSize);
  const [h0, h1] = walChecksum(buf, 0, 24, bigEndian, 0, 0);
  if (h0 !== buf.readUInt32BE(24) || h1 !== buf.readUInt32BE(28)) {
    return { ...empty, frames, problems: frames ? [`the header of ${file} is damaged: all ${frames} frames in it (commits not yet copied into the database) will be ignored`] : [] };
  }
  const frameAt = (i: number) => WAL_HEADER + i * frameSize;
  const saltsMatch = (at: number) => buf.readUInt32BE(at + 8) === salt1 && buf.readUInt32BE(at + 12) === salt2;
  const isCommit = (at: number) => buf.readUInt32BE(at + 4) !== 0;
  /** Does frame `at` carry the checksum that follows from (s0, s1)? */
  const verifies = (at: number, s0: number, s1: number) => {
    let [t0, t1] = walChecksum(buf, at, at + 8, bigEndian, s0, s1);
    [t0, t1] = walChecksum(buf, at + FRAME_HEADER, at + FRAME_HEADER + pageSize, bigEndian, t0, t1);
    return t0 === buf.readUInt32BE(at + 16) && t1 === buf.readUInt32BE(at + 20) ? ([t0, t1] as [number, number]) : null;
  };

  let [s0, s1] = [h0, h1];
  let validFrames = 0;
  let i = 0;
  for (; i < frames; i++) {
    const at = frameAt(i);
    if (!saltsMatch(at)) break;
    const next = verifies(at, s0, s1);
    if (!next) break;
    [s0, s1] = next;
    if (isCommit(at)) validFrames = i + 1;
  }
  if (i >= frames) return { frames, validFrames, problems: [], interruptedTail: validFrames < frames };
  // The chain breaks at frame i. Frames of this log generation after it that verify against their own
  // predecessor, ending in a commit, were a complete commit that SQLite will now drop.
  let lostCommits = 0;
  for (let j = Math.max(i, 1); j < frames; j++) {
    const at = frameAt(j);
    const before = frameAt(j - 1);
    if (!saltsMatch(at) || !saltsMatch(before)) continue;
    if (isCommit(at) && verifies(at, buf.readUInt32BE(before + 16), buf.readUInt32BE(before + 20))) lostCommits += 1;
  }
  if (lostCommits === 0) return { frames, validFrames, problems: [], interruptedTail: true };
  return {
    frames,
    validFrames,
    interruptedTail: false,
    problems: [
      `the write-ahead log ${file} is damaged at frame ${i + 1} of ${frames}: ${lostCommits} later commit(s) cannot be read and will be lost when the database opens`,
    ],
  };
}

/** What was stored at the last clean shutdown. */
export interface Manifest {
  /** Epoch ms. */
  cleanShutdownAt: number;
  /** Exercise id -> seq of its last log record. */
  exercises: Record<string, number>;
}

export function readManifest(dataDir: string): Manifest | null {
  const file = join(dataDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return typeof parsed.exercises === 'object' && parsed.exercises !== null ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Written at a clean shutdown, atomically (a new file renamed over the old
 * one). Exercises that had vanished stay listed, so they are reported again
 * until an operator restores them or deletes the manifest.
 */
export async function writeManifest(dataDir: string, storage: Storage, stillVanished: string[] = [], now = Date.now()): Promise<void> {
  const previous = readManifest(dataDir)?.exercises ?? {};
  const exercises: Record<string, number> = {};
  for (const id of stillVanished) if (previous[id] !== undefined) exercises[id] = previous[id];
  for (const meta of await storage.list()) exercises[meta.id] = await storage.lastSeq(meta.id);
  const file = join(dataDir, MANIFEST_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ cleanShutdownAt: now, exercises } satisfies Manifest, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Exercises missing, or with a shorter log, than at the last clean shutdown. */
export async function compareWithManifest(storage: Storage, manifest: Manifest | null): Promise<Pick<StartupFindings, 'vanished' | 'shortened'>> {
  if (!manifest) return { vanished: [], shortened: [] };
  const present = new Set((await storage.list()).map((m) => m.id));
  const vanished: string[] = [];
  const shortened: StartupFindings['shortened'] = [];
  for (const [exerciseId, expectedSeq] of Object.entries(manifest.exercises)) {
    if (!present.has(exerciseId)) {
      vanished.push(exerciseId);
      continue;
    }
    const foundSeq = await storage.lastSeq(exerciseId);
    if (foundSeq < expectedSeq) shortened.push({ exerciseId, expectedSeq, foundSeq });
  }
  return { vanished, shortened };
}
