/**
 * The one storage interface. An exercise is its metadata (scenario text,
 * seed, join codes), its seat table (credential hashes only) and an
 * append-only log of accepted commands numbered 1, 2, 3, ...
 *
 * append() uses optimistic concurrency on the sequence number: it fails with
 * ConflictError when the log no longer ends at expectedSeq, which is what lets
 * several writers share one store safely. Implementations must make an
 * append durable before its promise resolves.
 */
import type { Command, TeamId } from '../../engine/types';
import type { SeatRole } from '../../protocol/events';

export interface ExerciseMeta {
  id: string;
  title: string;
  scenarioId: string;
  /** The exact scenario JSON the exercise was created from: replay reads this, not the scenarios folder. */
  scenarioText: string;
  seed: string;
  /** Epoch ms. */
  createdAt: number;
  codes: { teams: Record<TeamId, string>; observer: string; redCell?: string };
  /**
   * Set when an author's edit replaced the scenario (watch mode): the log up to
   * this seq was recorded under an earlier text, so its state hashes are not
   * expected to match, and commands the new rules refuse are skipped.
   */
  scenarioEditedAtSeq: number | null;
}

export interface SeatRecord {
  seatId: string;
  exerciseId: string;
  role: SeatRole;
  team: TeamId | null;
  name: string;
  /** sha256 (hex) of the seat credential. The credential itself is never stored. */
  credentialHash: string;
  /** Epoch ms. */
  joinedAt: number;
  /** Order of joining within the exercise (1, 2, ...): the first team seat of a team leads it. */
  ordinal: number;
}

/** A join code resolves to a seat type of one exercise. */
export interface CodeRecord {
  code: string;
  exerciseId: string;
  role: Exclude<SeatRole, 'facilitator'>;
  team: TeamId | null;
}

export interface NewLogRecord {
  command: Command;
  /** The seat that sent it; null for the server's own commands (clock, ready votes). */
  seatId: string | null;
  /** The round in which the command was sent (state.round before it applied). */
  round: number;
  /**
   * stateHash() of the state after the command, at checkpoints (every few
   * commands and at every phase change); null elsewhere. Replay checks it.
   */
  stateHash: string | null;
  /**
   * The canonical JSON of the state after the command (the text stateHash is
   * taken of), on some checkpoints: recovery starts from the latest one and
   * replays only the records after it.
   */
  snapshot?: string | null;
}

export interface LogRecord extends NewLogRecord {
  seq: number;
}

export class ConflictError extends Error {
  constructor(
    readonly exerciseId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`exercise ${exerciseId}: expected the log to end at ${expectedSeq}, it ends at ${actualSeq}`);
    this.name = 'ConflictError';
  }
}

/** What kind of storage fault a failure is: what /healthz reports and what an operator fixes. */
export type StorageFault = 'full' | 'read-only' | 'io' | 'damaged' | 'unreachable' | 'other';

/**
 * Classifies SQLite's, PostgreSQL's (SQLSTATE) and Node's error codes
 * (SQLITE_FULL, SQLITE_READONLY_*, 53100, 57P01, ENOSPC, EROFS, ECONNREFUSED, ...).
 */
export function faultOf(code: string | undefined): StorageFault {
  if (!code) return 'other';
  // The database server cannot be reached, or is shutting down or starting (SQLSTATE classes 08 and 57P).
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || code === 'ENOTFOUND') return 'unreachable';
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-4]$/.test(code)) return 'unreachable';
  if (code === '53100') return 'full';
  if (code === '25006') return 'read-only';
  if (code === 'XX001' || code === 'XX002') return 'damaged';
  if (code === '58030') return 'io';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') return 'io';
  return 'other';
}

/** A write or read the store could not do: the caller answers STORAGE_ERROR, never INTERNAL. */
export class StorageError extends Error {
  readonly fault: StorageFault;
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'StorageError';
    this.fault = faultOf(code);
  }
}

/** The latest failure of a store, until a later write succeeds. */
export interface StorageFailure {
  fault: StorageFault;
  message: string;
  /** Epoch ms. */
  at: number;
}

/** A state stored whole: its canonical JSON and stateHash(), as of `seq`. */
export interface StoredSnapshot {
  seq: number;
  stateHash: string;
  stateJson: string;
}

/** An exercise that failed verification: kept as it is, listed, not served. */
export interface QuarantineRecord {
  exerciseId: string;
  reason: string;
  /** Epoch ms. */
  at: number;
}

export class DuplicateError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'DuplicateError';
  }
}

export interface Storage {
  /** Creates an exercise with its codes and first seat (the facilitator's). Throws DuplicateError on an id or code clash. */
  createExercise(meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>): Promise<void>;
  getExercise(exerciseId: string): Promise<ExerciseMeta | null>;
  /** Every exercise, oldest first. */
  list(): Promise<ExerciseMeta[]>;
  /** Replaces an exercise's scenario text (an author's edit, in watch mode) as of `atSeq`; the log is kept as it is. */
  updateScenarioText(exerciseId: string, scenarioText: string, atSeq: number): Promise<void>;

  /** Adds a seat; the store assigns its ordinal. */
  addSeat(seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord>;
  seats(exerciseId: string): Promise<SeatRecord[]>;
  findSeatByCredentialHash(credentialHash: string): Promise<SeatRecord | null>;
  findCode(code: string): Promise<CodeRecord | null>;

  /**
   * Appends records numbered expectedSeq + 1, ... in one durable transaction.
   * Throws ConflictError when the log does not end at expectedSeq. Returns the new last seq.
   */
  append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number>;
  /** Records with seq >= fromSeq, in order. */
  read(exerciseId: string, fromSeq?: number): Promise<LogRecord[]>;
  lastSeq(exerciseId: string): Promise<number>;
  /** The latest snapshot stored with a record of the exercise's log, if any. */
  latestSnapshot(exerciseId: string): Promise<StoredSnapshot | null>;

  /** Marks an exercise that failed verification; it stays stored as it is. */
  quarantine(exerciseId: string, reason: string): Promise<void>;
  /** Every quarantined exercise. */
  quarantined(): Promise<QuarantineRecord[]>;
  /** Takes an exercise out of quarantine (after an operator's repair). */
  release(exerciseId: string): Promise<void>;

  /** The latest write failure, until a later write succeeds; null when writes succeed. */
  failure(): StorageFailure | null;

  close(): Promise<void>;
}
