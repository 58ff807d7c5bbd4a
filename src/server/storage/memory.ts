/**
 * A store that keeps everything in memory, behind the same interface as the
 * SQLite store. Nothing survives the process: for tests and throw-away runs.
 */
import { codesOf } from './rows';
import {
  ConflictError,
  DuplicateError,
  type CodeRecord,
  type ExerciseMeta,
  type LogRecord,
  type NewLogRecord,
  type QuarantineRecord,
  type SeatRecord,
  type Storage,
  type StoredSnapshot,
} from './types';

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryStorage implements Storage {
  private readonly exercises = new Map<string, ExerciseMeta>();
  private readonly seatList = new Map<string, SeatRecord[]>();
  private readonly seatsByHash = new Map<string, SeatRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly logs = new Map<string, LogRecord[]>();
  private readonly snapshots = new Map<string, StoredSnapshot>();
  private readonly quarantineList = new Map<string, QuarantineRecord>();

  async createExercise(meta: ExerciseMeta, facilitator: Omit<SeatRecord, 'ordinal'>): Promise<void> {
    const codes = codesOf(meta);
    const seen = new Set<string>();
    for (const c of codes) {
      if (this.codes.has(c.code) || seen.has(c.code)) throw new DuplicateError(`code ${c.code}`);
      seen.add(c.code);
    }
    if (this.exercises.has(meta.id)) throw new DuplicateError(`exercise ${meta.id}`);
    if (this.seatsByHash.has(facilitator.credentialHash)) throw new DuplicateError('seat credential');
    this.exercises.set(meta.id, clone(meta));
    for (const c of codes) this.codes.set(c.code, c);
    this.logs.set(meta.id, []);
    this.seatList.set(meta.id, []);
    await this.addSeat(facilitator);
  }

  async getExercise(exerciseId: string): Promise<ExerciseMeta | null> {
    const meta = this.exercises.get(exerciseId);
    return meta ? clone(meta) : null;
  }

  async updateScenarioText(exerciseId: string, scenarioText: string, atSeq: number): Promise<void> {
    const meta = this.exercises.get(exerciseId);
    if (meta) Object.assign(meta, { scenarioText, scenarioEditedAtSeq: atSeq });
    this.snapshots.delete(exerciseId);
  }

  async list(): Promise<ExerciseMeta[]> {
    return [...this.exercises.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map(clone);
  }

  async addSeat(seat: Omit<SeatRecord, 'ordinal'>): Promise<SeatRecord> {
    const list = this.seatList.get(seat.exerciseId);
    if (!list) throw new Error(`unknown exercise ${seat.exerciseId}`);
    if (this.seatsByHash.has(seat.credentialHash)) throw new DuplicateError('seat credential');
    const record: SeatRecord = { ...seat, ordinal: list.length + 1 };
    list.push(record);
    this.seatsByHash.set(record.credentialHash, record);
    return clone(record);
  }

  async seats(exerciseId: string): Promise<SeatRecord[]> {
    return (this.seatList.get(exerciseId) ?? []).map(clone);
  }

  async findSeatByCredentialHash(credentialHash: string): Promise<SeatRecord | null> {
    const seat = this.seatsByHash.get(credentialHash);
    return seat ? clone(seat) : null;
  }

  async findCode(code: string): Promise<CodeRecord | null> {
    const record = this.codes.get(code);
    return record ? clone(record) : null;
  }

  async append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number> {
    const log = this.logs.get(exerciseId);
    if (!log) throw new Error(`unknown exercise ${exerciseId}`);
    if (log.length !== expectedSeq) throw new ConflictError(exerciseId, expectedSeq, log.length);
    const ids = new Set(log.map((r) => r.command.id));
    for (const r of records) {
      if (ids.has(r.command.id)) throw new ConflictError(exerciseId, expectedSeq, log.length);
      ids.add(r.command.id);
    }
    for (const { snapshot, ...r } of records) {
      log.push({ ...clone(r), seq: log.length + 1 });
      if (snapshot && r.stateHash) this.snapshots.set(exerciseId, { seq: log.length, stateHash: r.stateHash, stateJson: snapshot });
    }
    return log.length;
  }

  async read(exerciseId: string, fromSeq = 1): Promise<LogRecord[]> {
    return (this.logs.get(exerciseId) ?? []).filter((r) => r.seq >= fromSeq).map(clone);
  }

  async lastSeq(exerciseId: string): Promise<number> {
    return this.logs.get(exerciseId)?.length ?? 0;
  }

  async latestSnapshot(exerciseId: string): Promise<StoredSnapshot | null> {
    return this.snapshots.get(exerciseId) ?? null;
  }

  async quarantine(exerciseId: string, reason: string): Promise<void> {
    this.quarantineList.set(exerciseId, { exerciseId, reason, at: Date.now() });
  }

  async quarantined(): Promise<QuarantineRecord[]> {
    return [...this.quarantineList.values()].map(clone);
  }

  async release(exerciseId: string): Promise<void> {
    this.quarantineList.delete(exerciseId);
  }

  failure(): null {
    return null;
  }

  async close(): Promise<void> {}
}
