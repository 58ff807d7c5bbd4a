/**
 * zod schemas of everything the server sends: the answers to client events,
 * the server events (view:patch, presence, server:error) and the pieces they
 * share. events.ts derives its TypeScript types from these, and
 * docs/protocol/ publishes them as JSON Schema, so the types, the schemas and
 * the docs cannot drift apart.
 *
 * No Node APIs here: this module is shared with the browser.
 */
import { z } from 'zod';
import type { RejectionCode } from '../engine/types';
import { engineMessageSchema, exerciseViewSchema, outcomeSchema, reportCardSchema, saidSchema, scoreSchema } from './view';

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
  'TEAM_DROPPED',
  'BUSY',
  'STORAGE_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

/** The engine's rejection codes (RejectionCode in src/engine/types.ts), as a list. */
export const ENGINE_REJECTION_CODES = [
  'NOT_ALLOWED',
  'WRONG_PHASE',
  'PAUSED',
  'UNKNOWN_ACTION',
  'UNKNOWN_INCIDENT',
  'UNKNOWN_INJECT',
  'UNKNOWN_TEAM',
  'UNKNOWN_PROPOSAL',
  'UNKNOWN_DECISION',
  'UNKNOWN_MOVE',
  'UNKNOWN_OBJECTIVE',
  'NOT_AVAILABLE',
  'INSUFFICIENT_CONFIDENCE',
  'NEEDS_STATE_ATTRIBUTION',
  'NO_JURISDICTION',
  'NO_LEGAL_BASIS',
  'PREREQUISITE_FAILED',
  'NOT_ENOUGH_CAPITAL',
  'NOT_ENOUGH_INTEL',
  'TOO_MANY_ACTIONS',
  'ALREADY_TAKEN',
  'ALREADY_LOCKED',
  'NOT_LOCKED',
  'INVALID_OPTION',
  'NEEDS_BETTER_REASONS',
  'INVALID_ARGUMENT',
  'STALE_CLOCK',
  'EXERCISE_OVER',
] as const satisfies readonly RejectionCode[];

// Compile-time proof that the list names every rejection code.
const everyRejection: [RejectionCode] extends [(typeof ENGINE_REJECTION_CODES)[number]] ? true : false = true;
void everyRejection;

export const errorCodeSchema = z.enum([...new Set([...PROTOCOL_ERROR_CODES, ...ENGINE_REJECTION_CODES])] as [string, ...string[]]) as z.ZodType<
  (typeof PROTOCOL_ERROR_CODES)[number] | RejectionCode
>;

export const errorAnswerSchema = z
  .strictObject({
    ok: z.literal(false),
    code: errorCodeSchema.describe('For programs: docs/protocol.md, "Answer codes", says what to do about each.'),
    message: z.string().describe('A sentence for the person at the keyboard.'),
    messages: z
      .array(engineMessageSchema)
      .optional()
      .describe('The message as the engine\'s sentences (key and parameters), when it is wholly the engine\'s: a client in another language renders these.'),
    problems: z.array(z.string()).optional().describe('INVALID_SCENARIO: each problem as file:line:column: message (at /pointer).'),
    retryAfterMs: z.number().optional().describe('RATE_LIMITED: when to try again.'),
  })
  .describe('A refusal. Nothing changed.');

/** An answer: `{ ok: true, ...fields }` or a refusal. */
export function answerOf<T extends z.ZodRawShape>(shape: T) {
  return z.union([z.strictObject({ ok: z.literal(true), ...shape }), errorAnswerSchema]);
}

export const seatRoleSchema = z.enum(['facilitator', 'team', 'observer', 'redCell']);

export const seatInfoSchema = z
  .strictObject({
    seatId: z.string().describe('Public id of the seat (not a secret).'),
    exerciseId: z.string(),
    role: seatRoleSchema,
    team: z.string().nullable(),
    name: z.string(),
    lead: z.boolean().describe('Team seats: the first player who joined the team leads it and may lock alone.'),
  })
  .describe('What a client learns about its own seat. Never contains a credential.');

export const joinCodesSchema = z.strictObject({
  teams: z.record(z.string(), z.string()),
  observer: z.string(),
  redCell: z.string().optional(),
});

export const exerciseLinksSchema = z.strictObject({
  facilitator: z.string().describe('Path of the facilitator\'s page for this exercise.'),
  teams: z.record(z.string(), z.string()).describe('Paths a player opens to join with a code: /join/<CODE>.'),
  observer: z.string(),
  redCell: z.string().optional(),
  exportJson: z.string().describe('Download path; append ?credential=<facilitator or observer credential>.'),
  exportCsv: z.string(),
});

export const exerciseSummarySchema = z.strictObject({
  exerciseId: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  createdAt: z.string().describe('ISO time.'),
  phase: z.string(),
  round: z.number().int(),
  rounds: z.number().int(),
  paused: z.boolean(),
  seq: z.number().int(),
  outcome: outcomeSchema.nullable().describe('How it ended (the view\'s outcome); null before the debrief.'),
  seats: z.strictObject({ total: z.number().int(), connected: z.number().int() }),
  codes: joinCodesSchema.describe('The join codes, so a dashboard can show them again (facilitators only).'),
});

export const scenarioSummarySchema = z.strictObject({
  id: z.string().describe('exercise:create.scenarioId takes it.'),
  title: z.string(),
  summary: z.string(),
  rounds: z.number().int(),
  estimatedMinutes: z.number().nullable(),
  teams: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  redCellAllowed: z.boolean(),
  course: z.boolean().describe('Whether course materials ship with it: GET /api/scenarios/<id>/course, shown at /course/<id>.'),
});

export const presenceSeatSchema = z.strictObject({
  seatId: z.string(),
  role: seatRoleSchema,
  team: z.string().nullable(),
  name: z.string(),
  connected: z.boolean(),
  lead: z.boolean(),
  ready: z.boolean().optional().describe('Ready vote: only for members of the recipient\'s own team (and for the facilitator).'),
});

export const presenceSchema = z
  .strictObject({
    exerciseId: z.string(),
    seats: z.array(presenceSeatSchema),
    bots: z.array(z.string()).describe("Teams the server plays with a bot (exercise:create's bots): they need no seat."),
  })
  .describe('Who sits in the exercise and who is connected.');

/** RFC 6902 operations, as fast-json-patch produces them. */
const pointer = z.string().describe('A JSON Pointer (RFC 6901) into the view.');
export const patchOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: pointer }),
  z.strictObject({ op: z.literal('replace'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('move'), path: pointer, from: pointer }),
  z.strictObject({ op: z.literal('copy'), path: pointer, from: pointer }),
  z.strictObject({ op: z.literal('test'), path: pointer, value: z.unknown() }),
]);

export const viewPatchSchema = z
  .strictObject({
    from: z.number().int().min(0).describe('The seq of the view this patch applies to.'),
    to: z.number().int().min(0).describe('The seq of the view it produces (equal to from when only the scenario changed).'),
    ops: z.array(patchOperationSchema).describe('RFC 6902 operations, applied in order.'),
  })
  .describe('view:patch, first argument: what changed in the seat\'s view.');

export const serverErrorSchema = z
  .strictObject({ code: errorCodeSchema, message: z.string(), event: z.string().optional() })
  .describe('server:error: an event the server could not answer (it had no acknowledgement callback).');

export const exerciseCreateAckSchema = answerOf({
  exerciseId: z.string(),
  facilitatorCredential: z.string().describe('The facilitator seat\'s credential: keep it, send it with seat:resume.'),
  codes: joinCodesSchema,
  links: exerciseLinksSchema,
  warnings: z.array(z.string()).describe('Non-fatal scenario problems, formatted.'),
});
export const seatJoinAckSchema = answerOf({
  credential: z.string().describe('This seat\'s credential, given once: keep it to resume the seat.'),
  seat: seatInfoSchema,
  view: exerciseViewSchema,
  serverNow: z.number().describe('The server\'s time, epoch ms.'),
});
export const seatResumeAckSchema = answerOf({ seat: seatInfoSchema, view: exerciseViewSchema, serverNow: z.number() });
export const commandAckSchema = answerOf({
  seq: z.number().int().positive().describe('The command\'s place in the log; the view shows it once view.seq >= seq.'),
  duplicate: z.boolean().optional().describe('True when this id was accepted before: nothing changed this time.'),
});
export const exerciseListAckSchema = answerOf({ exercises: z.array(exerciseSummarySchema), unknown: z.number().int() });
export const scenarioListAckSchema = answerOf({ scenarios: z.array(scenarioSummarySchema) });
export const exportAckSchema = answerOf({
  format: z.enum(['json', 'csv', 'grades']),
  replayable: z
    .boolean()
    .describe('json: whether this log replays to its stateHash (its replay field says why not); csv and grades: false, they are tables for analysis.'),
  filename: z.string(),
  contentType: z.string(),
  data: z.string(),
});
export const classGradesAckSchema = answerOf({
  filename: z.string(),
  contentType: z.string(),
  data: z.string(),
  exercises: z.number().int(),
  unknown: z.number().int(),
});
export const researchClassAckSchema = answerOf({
  filename: z.string(),
  contentType: z.string(),
  encoding: z.enum(['utf8', 'base64']).describe('utf8: data is the CSV text; base64: data is the Arrow IPC file\'s bytes.'),
  data: z.string(),
  exercises: z.number().int().describe('Exercises in the export.'),
  rows: z.number().int().describe('Rows: one per resolved decision.'),
  unknown: z.number().int().describe('Credentials that run no exercise here.'),
});
export const teamReadyAckSchema = answerOf({
  ready: z.array(z.string()).describe('Names of connected members who voted ready.'),
  waitingFor: z.array(z.string()).describe('Names of connected members who have not.'),
  locked: z.boolean(),
  seq: z.number().int().optional().describe('Present when this vote locked the team: the lock\'s seq.'),
});
export const scoreExplainAckSchema = answerOf({
  explanations: z
    .record(z.string(), scoreSchema)
    .describe('Per score reference asked for that the seat\'s view carries: the score with its components, rules and summary, as this seat may read them.'),
  reportCards: z.record(z.string(), reportCardSchema).describe('Per report card reference asked for that the seat\'s view carries: the whole card.'),
  unknown: z
    .array(z.string())
    .describe('References the seat\'s view does not carry now (never made, not this seat\'s to read, or replaced since, as an ally\'s score is at the debrief): take the current one from the view.'),
});
export const decisionPreviewAckSchema = answerOf({
  score: scoreSchema,
  legallyExposed: z.boolean(),
  problem: z.string().nullable().describe('The sentence the command would be refused with, or null.'),
  problemMessages: saidSchema,
});
