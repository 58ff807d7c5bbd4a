/**
 * What every part of the hub shares: its storage, the shipped scenarios, the
 * running exercises and their indexes, the socket.io server, and the answers
 * the parts give alike (not joined, shutting down).
 */
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { TeamId } from '../../engine/types';
import type { CommandBody } from '../../engine/types';
import type { ClientToServerEvents, CommandAck, ErrorAnswer, ErrorCode, ServerToClientEvents, TeamReadyAck } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import type { ShippedScenario } from '../scenarios';
import type { ScenarioCache } from '../storage/rebuild';
import type { SeatRecord, Storage } from '../storage/types';
import { recognise } from '../../engine/messages';

export interface SocketData {
  /** The seat this socket is bound to, and the audience key of the view it follows. */
  seat: { exerciseId: string; seatId: string; audience: string } | null;
  /** The language the person reads, as the last join or resume said (a BCP 47 tag). */
  language?: string;
  ip: string;
}

/** A seat's command or ready vote, sent by the process its socket is on to the process that owns the exercise. */
export interface ForwardedCommand {
  exerciseId: string;
  seatId: string;
  id: string;
  body: CommandBody;
}
export interface ForwardedReady {
  exerciseId: string;
  seatId: string;
  ready: boolean;
}

/** What an exercise's change tells the other processes: they read the log (and the seats, when `seats`) up to `seq`. */
export interface ExerciseChange {
  exerciseId: string;
  seq: number;
  seats: boolean;
}

/** The seats with a socket on process `node`: for one exercise, or for all of them (`exercises`, sent now and then). */
export interface NodeSeats {
  node: string;
  exercises: Record<string, string[]>;
  /** Whether `exercises` lists every exercise with a connected seat on that node (the others have none). */
  complete: boolean;
}

/**
 * The messages between server processes (through the socket.io adapter:
 * Redis, or the cluster adapter of `--workers`). A forwarded request is
 * answered null by every process but the exercise's owner.
 */
export interface InterServerEvents {
  'fb:command': (request: ForwardedCommand, answer: (ack: CommandAck | null) => void) => void;
  'fb:ready': (request: ForwardedReady, answer: (ack: TeamReadyAck | null) => void) => void;
  'fb:changed': (change: ExerciseChange) => void;
  'fb:seats': (seats: NodeSeats) => void;
}

export type FbServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * How this process shares its exercises with other processes (null: it runs
 * alone and owns every exercise). Each exercise has one owner at a time,
 * holding a lease in the database: it alone runs the authority loop and the
 * round clock; the others keep a copy that follows the log, serve reads and
 * their own sockets' views, and forward writes to the owner.
 */
export interface Peers {
  /** This process's name among the others. */
  readonly node: string;
  /** Whether this process owns the exercise now (its lease is held and fresh). */
  owns(exerciseId: string): boolean;
  /** Takes the exercise's lease when nobody holds it (or it expired). */
  claim(exerciseId: string): Promise<boolean>;
  /** Asks the owner to run a request; null when no process owns the exercise. Throws when the owner did not answer in time. */
  forwardCommand(request: ForwardedCommand): Promise<CommandAck | null>;
  forwardReady(request: ForwardedReady): Promise<TeamReadyAck | null>;
  /** Tells the other processes that an exercise was created or changed. */
  changed(change: ExerciseChange): void;
  /** Tells the other processes which seats of an exercise have a socket here now. */
  seatsHere(exerciseId: string, seatIds: string[]): void;
}

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
  /** The other server processes, when there are any (null: this one alone owns everything). */
  peers: Peers | null;
  /** Exercises being loaded from storage after another process created them, by id. */
  readonly loading: Map<string, Promise<ExerciseRuntime | null>>;
  closing: boolean;
}

/** A refusal; when its sentence is the engine's, its keys and parameters go with it (engine/messages). */
export function fail(code: ErrorCode, message: string, extra: Partial<ErrorAnswer> = {}): ErrorAnswer {
  const messages = recognise(message);
  return { ok: false, code, message, ...(messages ? { messages } : {}), ...extra };
}

/** The answer to a seat event from a socket bound to no seat. */
export function notJoined(): ErrorAnswer {
  return fail('NOT_JOINED', 'Join the exercise with a code (seat:join) or resume your seat (seat:resume) first.');
}

/** The answer while the server shuts down; `then` says what the sender should do. */
export function shuttingDown(then: string): ErrorAnswer {
  return fail('UNAVAILABLE', `The server is shutting down; ${then}`);
}
