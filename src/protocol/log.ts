/**
 * The exercise log file: what the server exports as JSON and what
 * `firebreak replay` reads. One definition for both ends, so an exported log
 * always replays.
 */
import { z } from 'zod';
import type { Command, CommandBody } from '../engine/types';
import { outcomeSchema } from './view';

export const EXERCISE_LOG_FORMAT = 'firebreak-exercise-log';

const loggedCommand = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  round: z.number().int().min(0),
  /** ISO time, for people and spreadsheets. */
  at: z.string(),
  /** Epoch ms: the time the engine saw, for replay. */
  atMs: z.number(),
  actor: z.looseObject({ role: z.enum(['facilitator', 'team', 'observer', 'redCell', 'system']) }),
  body: z.looseObject({ type: z.string() }),
  /** The state hash after this command, at checkpoints. */
  stateHash: z.string().nullable(),
});

export const exerciseLogSchema = z.object({
  format: z.literal(EXERCISE_LOG_FORMAT),
  formatVersion: z.literal(1),
  exerciseId: z.string(),
  title: z.string(),
  scenario: z.object({ id: z.string(), title: z.string() }),
  /** Left out of an observer's export until the debrief. */
  seed: z.string().optional(),
  createdAt: z.string(),
  exportedAt: z.string(),
  exportedFor: z.enum(['facilitator', 'observer', 'team']),
  phase: z.string(),
  round: z.number(),
  outcome: outcomeSchema.nullable().describe('How the exercise ended; null before the debrief (the view\'s outcome).'),
  commands: z.array(loggedCommand),
  /** The state hash at the end of the log. */
  stateHash: z.string(),
  /** The exact scenario JSON the exercise ran (the facilitator's export only). */
  scenarioText: z.string().optional(),
  /**
   * Whether this export replays, and why not: an export replays to its
   * stateHash exactly when it carries the seed and no command in it is
   * redacted (docs/protocol.md, "Exports"). Absent in logs exported before
   * it was added.
   */
  replay: z
    .strictObject({
      replayable: z.boolean().describe('True when commandsOfLog(log) replayed from the seed reaches stateHash.'),
      redacted: z.array(z.number().int()).describe('The seqs of the commands shown redacted to this viewer.'),
      withheld: z.array(z.enum(['seed', 'scenario'])).describe('What this viewer\'s export leaves out.'),
    })
    .optional(),
});

export type ExerciseLog = z.infer<typeof exerciseLogSchema>;

/** The commands of a log as the engine applies them. */
export function commandsOfLog(log: ExerciseLog): Command[] {
  return log.commands.map((c) => ({ ...(c.body as CommandBody), id: c.id, actor: c.actor as Command['actor'], at: c.atMs }) as Command);
}
