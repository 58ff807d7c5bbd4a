/**
 * What every part of the hub shares: its storage, the shipped scenarios, the
 * running exercises and their indexes, the socket.io server, and the answers
 * the parts give alike (not joined, shutting down).
 */
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { TeamId } from '../../engine/types';
import type { ClientToServerEvents, ErrorAnswer, ErrorCode, ServerToClientEvents } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import type { ShippedScenario } from '../scenarios';
import type { ScenarioCache } from '../storage/rebuild';
import type { SeatRecord, Storage } from '../storage/types';

export interface SocketData {
  seat: { exerciseId: string; seatId: string } | null;
  ip: string;
}

export type FbServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The part of a socket the hub needs (socket.io's Socket satisfies it). */
export interface SeatSocket {
  id: string;
  data: SocketData;
  join(room: string): unknown;
  leave(room: string): unknown;
}

export interface HubLimits {
  /** Most seats (players, observers, ...) per exercise. */
  maxSeatsPerExercise: number;
  /** Most commands waiting in one exercise's queue before answering BUSY. */
  maxQueuePerExercise: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxSeatsPerExercise: 200, maxQueuePerExercise: 500 };

/** A join code -> the exercise and seat type it admits. */
export interface CodeEntry {
  exerciseId: string;
  role: 'team' | 'observer' | 'redCell';
  team: TeamId | null;
}

export interface HubContext {
  readonly storage: Storage;
  readonly scenarios: Map<string, ShippedScenario>;
  /** Each distinct scenario text parsed once per process, however many exercises use it. */
  readonly scenarioCache: ScenarioCache;
  readonly logger: Logger;
  readonly limits: HubLimits;
  readonly exercises: Map<string, ExerciseRuntime>;
  /** Stored exercises that could not be rebuilt at all (not served). */
  readonly unrecoverable: string[];
  readonly codes: Map<string, CodeEntry>;
  readonly seatsByHash: Map<string, SeatRecord>;
  io: FbServer | null;
  closing: boolean;
}

export function fail(code: ErrorCode, message: string, extra: Partial<ErrorAnswer> = {}): ErrorAnswer {
  return { ok: false, code, message, ...extra };
}

/** The answer to a seat event from a socket bound to no seat. */
export function notJoined(): ErrorAnswer {
  return fail('NOT_JOINED', 'Join the exercise with a code (seat:join) or resume your seat (seat:resume) first.');
}

/** The answer while the server shuts down; `then` says what the sender should do. */
export function shuttingDown(then: string): ErrorAnswer {
  return fail('UNAVAILABLE', `The server is shutting down; ${then}`);
}
