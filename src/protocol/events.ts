/**
 * The socket.io events between a Firebreak client and the server, typed for
 * both ends:
 *
 *   const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url);   // browser
 *   new Server<ClientToServerEvents, ServerToClientEvents>(httpServer);          // server
 *
 * Every client event takes one payload object and an acknowledgement
 * callback; the server calls the callback exactly once. docs/protocol.md
 * describes each event, its answer and the resync rule.
 */
import type { RejectionCode, Score, TeamId } from '../engine/types';
import type { ExerciseView } from '../engine/view/types';
import type { ViewPatch } from './patch';
import type {
  ClassGradesPayload,
  CommandPayload,
  DecisionPreviewPayload,
  ExerciseCreatePayload,
  ExerciseListPayload,
  ExportPayload,
  SeatJoinPayload,
  SeatResumePayload,
  TeamReadyPayload,
} from './schemas';

/** Version of this protocol; bumped on any incompatible change. */
export const PROTOCOL_VERSION = 2;

/** Codes the server itself answers with (besides the engine's rejection codes). */
export const PROTOCOL_ERROR_CODES = [
  'INVALID_PAYLOAD',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'NOT_JOINED',
  'UNKNOWN_CODE',
  'INVALID_CREDENTIAL',
  'UNKNOWN_SCENARIO',
  'INVALID_SCENARIO',
  'NOT_ALLOWED',
  'NOT_LEAD',
  'DUPLICATE_ID',
  'ID_REUSED',
  'SEATS_FULL',
  'BUSY',
  'STORAGE_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Every code an answer may carry. */
export type ErrorCode = ProtocolErrorCode | RejectionCode;

export interface ErrorAnswer {
  ok: false;
  code: ErrorCode;
  /** A sentence a player understands. */
  message: string;
  /** INVALID_SCENARIO: each problem as file:line:column: message (at /pointer). */
  problems?: string[];
  /** RATE_LIMITED: when to try again. */
  retryAfterMs?: number;
}

export type Answer<T extends object> = ({ ok: true } & T) | ErrorAnswer;

export type SeatRole = 'facilitator' | 'team' | 'observer' | 'redCell';

/** What a client learns about its own seat. Never contains a credential. */
export interface SeatInfo {
  /** Public id of the seat (not a secret). */
  seatId: string;
  exerciseId: string;
  role: SeatRole;
  team: TeamId | null;
  name: string;
  /** Team seats: the first player who joined the team leads it and may lock alone. */
  lead: boolean;
}

export interface JoinCodes {
  teams: Record<TeamId, string>;
  observer: string;
  redCell?: string;
}

export interface ExerciseLinks {
  /** Path of the facilitator's page for this exercise. */
  facilitator: string;
  /** Path a player opens to join with a code: /join/<CODE>. */
  teams: Record<TeamId, string>;
  observer: string;
  redCell?: string;
  /** Download paths; append ?credential=<facilitator or observer credential>. */
  exportJson: string;
  exportCsv: string;
}

export interface ExerciseSummary {
  exerciseId: string;
  title: string;
  scenarioId: string;
  scenarioTitle: string;
  createdAt: string;
  phase: string;
  round: number;
  rounds: number;
  paused: boolean;
  seq: number;
  outcome: string | null;
  seats: { total: number; connected: number };
  /** Present only to the facilitator: the join codes, so a dashboard can show them again. */
  codes: JoinCodes;
}

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  rounds: number;
  estimatedMinutes: number | null;
  teams: { id: string; name: string }[];
  redCellAllowed: boolean;
}

export interface PresenceSeat {
  seatId: string;
  role: SeatRole;
  team: TeamId | null;
  name: string;
  connected: boolean;
  lead: boolean;
  /** Ready vote: only for members of the recipient's own team (and for the facilitator). */
  ready?: boolean;
}

export interface Presence {
  exerciseId: string;
  seats: PresenceSeat[];
}

export type ExerciseCreateAck = Answer<{
  exerciseId: string;
  facilitatorCredential: string;
  codes: JoinCodes;
  links: ExerciseLinks;
  /** Non-fatal scenario problems, formatted. */
  warnings: string[];
}>;
/** serverNow (epoch ms) lets a client run the round clock on the server's time, whatever its own clock says. */
export type SeatJoinAck = Answer<{ credential: string; seat: SeatInfo; view: ExerciseView; serverNow: number }>;
export type SeatResumeAck = Answer<{ seat: SeatInfo; view: ExerciseView; serverNow: number }>;
export type CommandAck = Answer<{ seq: number; duplicate?: boolean }>;
export type ExerciseListAck = Answer<{ exercises: ExerciseSummary[]; unknown: number }>;
export type ScenarioListAck = Answer<{ scenarios: ScenarioSummary[] }>;
export type ExportAck = Answer<{ format: 'json' | 'csv' | 'grades'; filename: string; contentType: string; data: string }>;
/** A class's grade sheet: one CSV across the exercises found; `unknown` counts credentials that run none. */
export type ClassGradesAck = Answer<{ filename: string; contentType: string; data: string; exercises: number; unknown: number }>;
export type TeamReadyAck = Answer<{ ready: string[]; waitingFor: string[]; locked: boolean; seq?: number }>;
/** What a draft would score now with the options chosen, explained; `problem` says why it would be refused, if it would. */
export type DecisionPreviewAck = Answer<{ score: Score; legallyExposed: boolean; problem: string | null }>;

export interface ClientToServerEvents {
  'exercise:create': (payload: ExerciseCreatePayload, ack: (answer: ExerciseCreateAck) => void) => void;
  'exercise:list': (payload: ExerciseListPayload, ack: (answer: ExerciseListAck) => void) => void;
  'scenario:list': (payload: Record<string, never>, ack: (answer: ScenarioListAck) => void) => void;
  'seat:join': (payload: SeatJoinPayload, ack: (answer: SeatJoinAck) => void) => void;
  'seat:resume': (payload: SeatResumePayload, ack: (answer: SeatResumeAck) => void) => void;
  command: (payload: CommandPayload, ack: (answer: CommandAck) => void) => void;
  'team:ready': (payload: TeamReadyPayload, ack: (answer: TeamReadyAck) => void) => void;
  export: (payload: ExportPayload, ack: (answer: ExportAck) => void) => void;
  'decision:preview': (payload: DecisionPreviewPayload, ack: (answer: DecisionPreviewAck) => void) => void;
  'grades:class': (payload: ClassGradesPayload, ack: (answer: ClassGradesAck) => void) => void;
}

export interface ServerToClientEvents {
  /**
   * What changed in the seat's projection after accepted commands: RFC 6902
   * operations from the view at `from` to the view at `to`, with the server's
   * time in epoch ms. The full view comes only in the seat:join and
   * seat:resume answers; a client that cannot apply a patch resumes.
   */
  'view:patch': (patch: ViewPatch, serverNow: number) => void;
  /** Who is connected, per seat, whenever it changes. */
  presence: (presence: Presence) => void;
  /** Something went wrong outside an acknowledged request (e.g. an event without an ack callback). */
  'server:error': (error: { code: ErrorCode; message: string; event?: string }) => void;
}
