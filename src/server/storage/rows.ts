/**
 * The rows the SQL stores (SQLite, PostgreSQL) keep exercises and seats in,
 * and the records they stand for: one mapping for both. PostgreSQL hands
 * BIGINT columns back as strings, hence Number().
 */
import type { Command } from '../../engine/types';
import type { SeatRole } from '../../protocol/events';
import type { CodeRecord, ExerciseMeta, LogRecord, SeatRecord } from './types';

export interface ExerciseRow {
  id: string;
  title: string;
  scenario_id: string;
  scenario_hash: string;
  seed: string;
  created_at: number | string;
  codes_json: string;
  scenario_edited_at_seq: number | null;
}

export interface SeatRow {
  seat_id: string;
  exercise_id: string;
  role: string;
  team: string | null;
  name: string;
  credential_hash: string;
  joined_at: number | string;
  ordinal: number;
}

export interface LogRow {
  seq: number;
  seat_id: string | null;
  round: number;
  command_json: string;
  state_hash: string | null;
}

export function toMeta(row: ExerciseRow, scenarioText: string): ExerciseMeta {
  return {
    id: row.id,
    title: row.title,
    scenarioId: row.scenario_id,
    scenarioText,
    seed: row.seed,
    createdAt: Number(row.created_at),
    codes: JSON.parse(row.codes_json) as ExerciseMeta['codes'],
    scenarioEditedAtSeq: row.scenario_edited_at_seq ?? null,
  };
}

export function toSeat(row: SeatRow): SeatRecord {
  return {
    seatId: row.seat_id,
    exerciseId: row.exercise_id,
    role: row.role as SeatRole,
    team: row.team,
    name: row.name,
    credentialHash: row.credential_hash,
    joinedAt: Number(row.joined_at),
    ordinal: row.ordinal,
  };
}

export function toLogRecord(row: LogRow): LogRecord {
  return { seq: row.seq, seatId: row.seat_id, round: row.round, command: JSON.parse(row.command_json) as Command, stateHash: row.state_hash };
}

/** The join codes of an exercise, one record each (team codes, the observers', the red cell's). */
export function codesOf(meta: ExerciseMeta): CodeRecord[] {
  return [
    ...Object.entries(meta.codes.teams).map(([team, code]) => ({ code, exerciseId: meta.id, role: 'team' as const, team })),
    { code: meta.codes.observer, exerciseId: meta.id, role: 'observer' as const, team: null },
    ...(meta.codes.redCell ? [{ code: meta.codes.redCell, exerciseId: meta.id, role: 'redCell' as const, team: null }] : []),
  ];
}
