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
import type { z } from 'zod';
import type { RejectionCode } from '../engine/types';
import type { ViewPatch } from './patch';
import type {
  classGradesAckSchema,
  researchClassAckSchema,
  commandAckSchema,
  decisionPreviewAckSchema,
  scoreExplainAckSchema,
  errorAnswerSchema,
  exerciseCreateAckSchema,
  exerciseLinksSchema,
  exerciseListAckSchema,
  exerciseSummarySchema,
  exportAckSchema,
  joinCodesSchema,
  presenceSchema,
  presenceSeatSchema,
  scenarioListAckSchema,
  scenarioSummarySchema,
  seatInfoSchema,
  seatJoinAckSchema,
  seatResumeAckSchema,
  seatRoleSchema,
  serverErrorSchema,
  teamReadyAckSchema,
} from './answers';
import { PROTOCOL_ERROR_CODES } from './answers';
import type {
  ClassGradesPayload,
  CommandPayload,
  DecisionPreviewPayload,
  ExerciseCreatePayload,
  ExerciseListPayload,
  ExportPayload,
  ResearchClassPayload,
  ScoreExplainPayload,
  SeatJoinPayload,
  SeatResumePayload,
  TeamReadyPayload,
} from './schemas';

/** Version of this protocol; bumped on any incompatible change. */
export const PROTOCOL_VERSION = 3;

export { PROTOCOL_ERROR_CODES } from './answers';

export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Every code an answer may carry. */
export type ErrorCode = ProtocolErrorCode | RejectionCode;

// The types below are the answer schemas' (answers.ts), so the published JSON Schema and these types are one definition.
export type ErrorAnswer = z.output<typeof errorAnswerSchema>;
export type Answer<T extends object> = ({ ok: true } & T) | ErrorAnswer;
export type SeatRole = z.output<typeof seatRoleSchema>;
/** What a client learns about its own seat. Never contains a credential. */
export type SeatInfo = z.output<typeof seatInfoSchema>;
export type JoinCodes = z.output<typeof joinCodesSchema>;
export type ExerciseLinks = z.output<typeof exerciseLinksSchema>;
export type ExerciseSummary = z.output<typeof exerciseSummarySchema>;
export type ScenarioSummary = z.output<typeof scenarioSummarySchema>;
export type PresenceSeat = z.output<typeof presenceSeatSchema>;
export type Presence = z.output<typeof presenceSchema>;
export type ServerError = z.output<typeof serverErrorSchema>;

export type ExerciseCreateAck = z.output<typeof exerciseCreateAckSchema>;
/** serverNow (epoch ms) lets a client run the round clock on the server's time, whatever its own clock says. */
export type SeatJoinAck = z.output<typeof seatJoinAckSchema>;
export type SeatResumeAck = z.output<typeof seatResumeAckSchema>;
export type CommandAck = z.output<typeof commandAckSchema>;
export type ExerciseListAck = z.output<typeof exerciseListAckSchema>;
export type ScenarioListAck = z.output<typeof scenarioListAckSchema>;
export type ExportAck = z.output<typeof exportAckSchema>;
/** A class's grade sheet: one CSV across the exercises found; `unknown` counts credentials that run none. */
export type ClassGradesAck = z.output<typeof classGradesAckSchema>;
export type TeamReadyAck = z.output<typeof teamReadyAckSchema>;
/** A class's research export (CSV or Arrow), pseudonymised. */
export type ResearchClassAck = z.output<typeof researchClassAckSchema>;
/** What a draft would score now with the options chosen, explained; `problem` says why it would be refused, if it would. */
export type DecisionPreviewAck = z.output<typeof decisionPreviewAckSchema>;
/** The explanations behind scores the seat's view refers to; references it does not carry come back in `unknown`. */
export type ScoreExplainAck = z.output<typeof scoreExplainAckSchema>;

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
  'score:explain': (payload: ScoreExplainPayload, ack: (answer: ScoreExplainAck) => void) => void;
  'grades:class': (payload: ClassGradesPayload, ack: (answer: ClassGradesAck) => void) => void;
  'research:class': (payload: ResearchClassPayload, ack: (answer: ResearchClassAck) => void) => void;
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
  'server:error': (error: ServerError) => void;
}
