/**
 * What /healthz says about storage: whether the data folder can be written
 * now, whether the last write failed, and what start-up verification found.
 *
 * The folder is probed by writing and removing a small file (at most once a
 * second), which catches a folder that became read-only or full before any
 * command tries to write; the store's own last failure catches the rest (a
 * database that hit its page limit, an I/O error). Any of these makes the
 * server unhealthy (503) with the reason. Start-up findings about single
 * exercises (quarantined, vanished) are reported but leave the server
 * healthy: the other exercises are served. A damaged database file or
 * write-ahead log does not: commits were lost, and an operator must look.
 */
import { closeSync, fsyncSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { faultOf, type QuarantineRecord, type Storage, type StorageFault } from './types';

/** Below this many free bytes the data folder counts as full. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;
const PROBE_EVERY_MS = 1000;

/** What verification on start found (see verify.ts). */
export interface StartupFindings {
  /** SQLite's integrity check of the database file, or why the file could not be checked. */
  fileProblems: string[];
  /** A damaged write-ahead log: what was lost. */
  walProblems: string[];
  /** Exercises present at the last clean shutdown and missing now. */
  vanished: string[];
  /** Exercises whose log is shorter than at the last clean shutdown. */
  shortened: { exerciseId: string; expectedSeq: number; foundSeq: number }[];
}

export const NO_FINDINGS: StartupFindings = { fileProblems: [], walProblems: [], vanished: [], shortened: [] };

export type StorageState = 'ok' | StorageFault;

export interface StorageReport {
  ok: boolean;
  state: StorageState;
  /** A sentence an operator can act on, when not ok. */
  reason?: string;
  freeBytes?: number;
  quarantined: QuarantineRecord[];
  findings: StartupFindings;
}

export class StorageMonitor {
  private probed: { at: number; fault: StorageFault | null; reason: string | null; freeBytes: number | null } | null = null;
  private quarantineList: QuarantineRecord[] = [];

  constructor(
    /** The folder to probe; null for a store without one (in memory). */
    private readonly dataDir: string | null,
    private readonly storage: Storage,
    public findings: StartupFindings = NO_FINDINGS,
    /** How a reason names the database, e.g. "PostgreSQL at postgres://db.example.org/firebreak". */
    private readonly databaseName = 'the database',
  ) {}

  /** Re-reads the quarantine list from storage (after recovery). */
  async refresh(): Promise<void> {
    this.quarantineList = await this.storage.quarantined();
  }

  /** Writes and removes a probe file; notes a read-only or full folder. */
  private probe(now: number) {
    if (this.probed && now - this.probed.at < PROBE_EVERY_MS) return this.probed;
    if (this.dataDir === null) return (this.probed = { at: now, fault: null, reason: null, freeBytes: null });
    let fault: StorageFault | null = null;
    let reason: string | null = null;
    let freeBytes: number | null = null;
    const dataDir = this.dataDir;
    const file = join(dataDir, '.firebreak-probe');
    try {
      const fd = openSync(file, 'w');
      try {
        writeSync(fd, 'probe');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      fault = faultOf(code);
      reason = `the data folder ${dataDir} cannot be written (${code ?? (err as Error).message})`;
    }
    try {
      const stats = statfsSync(dataDir);
      freeBytes = Number(stats.bavail) * Number(stats.bsize);
      if (!fault && freeBytes < MIN_FREE_BYTES) {
        fault = 'full';
        reason = `the disk of ${dataDir} is full (${freeBytes} bytes free)`;
      }
    } catch {
      // statfs is not available everywhere; the probe write still tells.
    }
    this.probed = { at: now, fault, reason, freeBytes };
    return this.probed;
  }

  report(now = Date.now()): StorageReport {
    const probe = this.probe(now);
    const failure = this.storage.failure();
    const base = {
      ...(probe.freeBytes !== null ? { freeBytes: probe.freeBytes } : {}),
      quarantined: this.quarantineList,
      findings: this.findings,
    };
    if (probe.fault) return { ok: false, state: probe.fault, reason: probe.reason!, ...base };
    if (failure?.fault === 'unreachable') return { ok: false, state: failure.fault, reason: `${this.databaseName} cannot be reached: ${failure.message}`, ...base };
    if (failure) return { ok: false, state: failure.fault, reason: `the last write failed: ${failure.message}`, ...base };
    if (this.findings.fileProblems.length) {
      return { ok: false, state: 'damaged', reason: `the database file is damaged: ${this.findings.fileProblems[0]}`, ...base };
    }
    if (this.findings.walProblems.length) return { ok: false, state: 'damaged', reason: this.findings.walProblems[0]!, ...base };
    return { ok: true, state: 'ok', ...base };
  }
}
