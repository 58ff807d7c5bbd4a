/**
 * zod schemas for every payload a client sends. The server validates each
 * event with these before anything else happens; a client may use them to
 * check a form before sending.
 *
 * No Node APIs here: this module is shared with the browser.
 */
import { z } from 'zod';
import { PROCEDURES } from '../engine/scenario/schema';
import { POSTURES } from '../engine/postures';
import type { CommandBody } from '../engine/types';

/** Length and size limits, shared by server checks and client forms. */
export const LIMITS = {
  /** Soft cap on one event's payload (JSON characters); larger payloads are answered PAYLOAD_TOO_LARGE. */
  maxPayloadBytes: 256 * 1024,
  /** Hard cap enforced by the transport: the connection is closed above this. */
  maxTransportBytes: 1024 * 1024,
  /** Uploaded scenario text. */
  maxScenarioChars: 256 * 1024 - 1024,
  commandId: 64,
  name: 80,
  title: 120,
  chat: 2000,
  rationale: 4000,
  reason: 2000,
  announcement: 2000,
  noteText: 4000,
  injectTitle: 200,
  injectSource: 120,
  injectBody: 4000,
  /** Ids of scenario objects and of engine-made objects (decisions, proposals). */
  ref: 128,
  seed: 128,
  code: 16,
  credential: 128,
  /** Credentials a dashboard may list at once. */
  credentialsPerList: 200,
  teamsPerList: 64,
  /** Largest clock adjustment in one command: 24 hours either way. */
  maxClockDeltaMs: 24 * 60 * 60 * 1000,
  maxRound: 1000,
  /** Score explanations asked for in one score:explain. */
  explanationsPerRequest: 64,
} as const;

const ref = z.string().min(1).max(LIMITS.ref);
const text = (max: number) => z.string().max(max);
const nonEmptyText = (max: number) => z.string().trim().min(1).max(max);
const finite = z.number().finite();

export const ratingSchema = z.enum(['P', 'S', 'M', 'U']);
export const postureSchema = z.enum(POSTURES);

export const procedureOptionsSchema = z.partialRecord(z.enum(PROCEDURES), z.boolean());

export const decisionDraftSchema = z.strictObject({
  action: ref,
  incident: ref.optional(),
  options: procedureOptionsSchema.optional(),
  rationale: text(LIMITS.rationale).optional(),
});

export const adhocInjectSchema = z.strictObject({
  title: nonEmptyText(LIMITS.injectTitle),
  body: nonEmptyText(LIMITS.injectBody),
  audience: z.union([
    z.literal('all'),
    z.literal('facilitator'),
    z.strictObject({ teams: z.array(ref).min(1).max(LIMITS.teamsPerList) }),
  ]),
  kind: z.enum(['news', 'intelligence', 'diplomatic', 'social', 'call']).optional(),
  source: text(LIMITS.injectSource).optional(),
});

/**
 * The CommandBody union of the engine, mirrored. Objects are strict: a body
 * carrying extra keys (an `actor`, an `at`) is refused, not stripped.
 */
export const commandBodySchema = z.discriminatedUnion('type', [
  // facilitator
  z.strictObject({ type: z.literal('startExercise') }),
  z.strictObject({ type: z.literal('advance') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({
    type: z.literal('adjustClock'),
    deltaMs: finite.int().min(-LIMITS.maxClockDeltaMs).max(LIMITS.maxClockDeltaMs),
  }),
  z.strictObject({ type: z.literal('releaseInject'), inject: ref }),
  z.strictObject({ type: z.literal('releaseAdhocInject'), inject: adhocInjectSchema }),
  z.strictObject({
    type: z.literal('scheduleAdhocInject'),
    inject: adhocInjectSchema,
    round: finite.int().min(1).max(LIMITS.maxRound),
    minute: finite.int().min(1).max(LIMITS.maxRound).optional(),
  }),
  z.strictObject({ type: z.literal('holdInject'), inject: ref }),
  z.strictObject({
    type: z.literal('overrideScore'),
    decision: ref,
    proportionality: finite.min(0).max(100),
    reason: nonEmptyText(LIMITS.reason),
  }),
  z.strictObject({
    type: z.literal('overridePosture'),
    posture: postureSchema,
    reason: nonEmptyText(LIMITS.reason),
    adversary: ref.optional().describe("A further adversary's id (the view's otherAdversaries); the primary adversary when absent."),
  }),
  z.strictObject({
    type: z.literal('overrideEscalation'),
    level: finite.int().min(0).max(9),
    reason: nonEmptyText(LIMITS.reason),
  }),
  z.strictObject({ type: z.literal('announce'), text: nonEmptyText(LIMITS.announcement) }),
  z.strictObject({ type: z.literal('endExercise'), reason: text(LIMITS.reason) }),
  z.strictObject({ type: z.literal('reopenExercise'), reason: text(LIMITS.reason) }),
  z.strictObject({ type: z.literal('seatBot'), team: ref, policy: ref }),
  z.strictObject({ type: z.literal('dropTeam'), team: ref }),
  z.strictObject({ type: z.literal('reopenSeat'), team: ref }),
  z.strictObject({ type: z.literal('cancelScheduledInject'), inject: ref }),
  // the server's clock (never accepted from a client, but part of the union)
  z.strictObject({ type: z.literal('clockExpired'), round: finite.int().min(0).max(LIMITS.maxRound) }),
  z.strictObject({ type: z.literal('releaseScheduledInject'), inject: ref }),
  // teams
  z.strictObject({ type: z.literal('draftDecision'), draft: decisionDraftSchema }),
  z.strictObject({ type: z.literal('withdrawDecision'), decision: ref }),
  z.strictObject({ type: z.literal('lockDecisions') }),
  z.strictObject({ type: z.literal('unlockDecisions') }),
  z.strictObject({ type: z.literal('proposeJoint'), draft: decisionDraftSchema }),
  z.strictObject({
    type: z.literal('respondJoint'),
    proposal: ref,
    join: z.boolean(),
    rationale: text(LIMITS.rationale).optional(),
  }),
  z.strictObject({
    type: z.literal('shareIntel'),
    incident: ref,
    with: z.union([z.literal('coalition'), z.array(ref).min(1).max(LIMITS.teamsPerList)]),
  }),
  z.strictObject({ type: z.literal('chat'), channel: z.enum(['team', 'coalition']), text: nonEmptyText(LIMITS.chat) }),
  // observers
  z.strictObject({
    type: z.literal('note'),
    text: nonEmptyText(LIMITS.noteText),
    objective: ref.optional(),
    rating: ratingSchema.optional(),
    round: finite.int().min(0).max(LIMITS.maxRound).optional(),
    team: ref.optional(),
  }),
  // red cell
  z.strictObject({
    type: z.literal('chooseAdversaryMove'),
    move: ref.nullable(),
    adversary: ref.optional().describe("A further adversary's id (the view's redCell.others); the primary adversary when absent."),
  }),
]);

// Compile-time proof that the schema and the engine's union describe the same bodies.
type Assignable<A, B> = [A] extends [B] ? true : false;
const schemaFitsEngine: Assignable<z.output<typeof commandBodySchema>, CommandBody> = true;
const engineFitsSchema: Assignable<CommandBody, z.input<typeof commandBodySchema>> = true;
void schemaFitsEngine;
void engineFitsSchema;

/** Commands a client may name in `command` (clockExpired is the server's own). */
export const commandIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.commandId)
  .regex(/^[A-Za-z0-9._:-]+$/, 'command ids are letters, digits and . _ : -');

export const commandPayloadSchema = z.strictObject({
  id: commandIdSchema,
  body: commandBodySchema,
});

export const seatNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(LIMITS.name)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'names may not contain control characters');

export const joinCodeSchema = z
  .string()
  .trim()
  .min(4)
  .max(LIMITS.code)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''));

export const credentialSchema = z.string().min(16).max(LIMITS.credential);

export const exerciseCreatePayloadSchema = z
  .strictObject({
    scenarioId: z.string().min(1).max(LIMITS.ref).optional(),
    scenarioText: z.string().min(2).max(LIMITS.maxScenarioChars).optional(),
    /** The uploaded file's name, so that problems name it. */
    fileName: z.string().trim().min(1).max(LIMITS.title).optional(),
    seed: z.string().min(1).max(LIMITS.seed).optional(),
    title: z.string().trim().min(1).max(LIMITS.title).optional(),
    facilitatorName: seatNameSchema.optional(),
    bots: z
      .record(z.string().min(1).max(LIMITS.ref), z.string().min(1).max(LIMITS.ref))
      .optional()
      .describe('Teams the server plays itself, team id -> bot policy (hawkish, restrained, coalition-follower, random-legal): for an author trying a draft scenario alone.'),
  })
  .refine((p) => (p.scenarioId === undefined) !== (p.scenarioText === undefined), {
    message: 'give exactly one of scenarioId (a shipped scenario) or scenarioText (uploaded JSON)',
  });

/** The language the person reads (a BCP 47 tag): their view carries the scenario's translation into it, if the scenario has one. */
const readerLanguageSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as en, fr or de-CH')
  .optional()
  .describe("The language the person reads, e.g. fr: the view carries the scenario's texts in it where the scenario has a translation; the scenario's own texts otherwise.");

export const seatJoinPayloadSchema = z.strictObject({ code: joinCodeSchema, name: seatNameSchema, language: readerLanguageSchema });

export const seatResumePayloadSchema = z.strictObject({
  credential: credentialSchema,
  lastSeq: finite.int().min(0).optional(),
  language: readerLanguageSchema,
});

export const exerciseListPayloadSchema = z.strictObject({
  credentials: z.array(credentialSchema).max(LIMITS.credentialsPerList),
});

/** json and csv: the log; grades: the report cards as a grade sheet (facilitator and observers). */
export const exportPayloadSchema = z.strictObject({ format: z.enum(['json', 'csv', 'grades']) });

/** The grade sheet across every exercise these facilitator credentials run (a class). */
export const classGradesPayloadSchema = exerciseListPayloadSchema;

/** The research export of a class: every exercise these facilitator credentials run, one row per decision. */
export const researchClassPayloadSchema = z.strictObject({
  credentials: z.array(credentialSchema).max(LIMITS.credentialsPerList),
  format: z.enum(['csv', 'arrow']),
});

export const teamReadyPayloadSchema = z.strictObject({ ready: z.boolean() });

export const decisionPreviewPayloadSchema = z.strictObject({ draft: decisionDraftSchema });

/** References from the seat's view (a score's `explanation`), answered with the explanations behind them. */
export const scoreExplainPayloadSchema = z.strictObject({
  refs: z
    .array(z.string().min(1).max(LIMITS.ref + 32))
    .min(1)
    .max(LIMITS.explanationsPerRequest)
    .describe('Each a score\'s `explanation` from the seat\'s current view.'),
});

export const emptyPayloadSchema = z.union([z.strictObject({}), z.undefined(), z.null()]);

export type CommandPayload = z.input<typeof commandPayloadSchema>;
export type ExerciseCreatePayload = z.input<typeof exerciseCreatePayloadSchema>;
export type SeatJoinPayload = z.input<typeof seatJoinPayloadSchema>;
export type SeatResumePayload = z.input<typeof seatResumePayloadSchema>;
export type ExerciseListPayload = z.input<typeof exerciseListPayloadSchema>;
export type ExportPayload = z.input<typeof exportPayloadSchema>;
export type ClassGradesPayload = z.input<typeof classGradesPayloadSchema>;
export type TeamReadyPayload = z.input<typeof teamReadyPayloadSchema>;
export type ResearchClassPayload = z.input<typeof researchClassPayloadSchema>;
export type DecisionPreviewPayload = z.input<typeof decisionPreviewPayloadSchema>;
export type ScoreExplainPayload = z.input<typeof scoreExplainPayloadSchema>;

/** A short, readable summary of why a payload failed validation. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : 'payload';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
