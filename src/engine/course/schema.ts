/**
 * The course format: what an instructor needs to teach with a scenario, in a
 * file beside it (`<id>.course.json`): a guide with timings for each class
 * format, reading lists, prompts before and after the exercise, and a rubric
 * keyed by the scenario's learning objectives. As for scenarios, this zod
 * schema is the single source of the types, the runtime checks and the
 * published JSON Schema (scenarios/firebreak-course.schema.json).
 */
import { z } from 'zod';
import { allowComments, idSchema } from '../scenario/schema';
import { PRIMARY_TEXT_IDS } from './primaryTexts';

export const COURSE_FORMAT_VERSION = 1;
export const COURSE_SCHEMA_ID = 'https://firebreak.dev/schema/course/v1.json';
export const COURSE_SCHEMA_FILE = 'firebreak-course.schema.json';

const id = idSchema;

const text = z.string().min(1);

const segment = z.strictObject({
  minutes: z.number().positive().describe('How long this part of the session takes.'),
  title: text.describe('What the part is called on the timetable, e.g. "Round 1: the intrusion".'),
  activity: text.describe('What happens and what the instructor does, in a few sentences.'),
  rounds: z
    .array(z.number().int().min(1))
    .default([])
    .describe('The scenario rounds played in this part, in order. Rounds cannot be skipped: every round up to the last one played must appear in some part.'),
  clock: z
    .number()
    .positive()
    .optional()
    .describe("Deliberation minutes to allow each of these rounds; the facilitator shortens or extends the round clock from the console to match."),
});

const format = z.strictObject({
  id,
  title: text.describe('e.g. "50-minute class" or "2.5-hour exercise".'),
  minutes: z.number().int().positive().describe('The whole session; the parts must add up to it.'),
  summary: z.string().default('').describe('When to choose this format and what it leaves out.'),
  segments: z.array(segment).min(1).describe('The timetable, in order.'),
});

const primaryReading = z
  .strictObject({
    text: id.optional().describe(`One of Firebreak's primary texts by id (${PRIMARY_TEXT_IDS.join(', ')}); its citation comes from the catalogue.`),
    citation: text.optional().describe('Your own reading, cited in full by its official title and identifier (instead of text).'),
    url: z.string().optional().describe('Where to read your own reading (only with citation).'),
    parts: z.string().optional().describe('What to read of it, e.g. "Arts 49-54".'),
    why: text.describe('Why this reading matters for this scenario, in a sentence or two.'),
    essential: z.boolean().default(false).describe('Read before the session (otherwise further reading).'),
  })
  .describe('A primary text: give either text (a catalogue id) or citation.');

const scenarioReading = z.strictObject({
  source: id.describe("The id of one of the scenario's meta.sources."),
  why: text.describe('Why this source matters, in a sentence or two.'),
  essential: z.boolean().default(false).describe('Read before the session (otherwise further reading).'),
});

const prompt = z.strictObject({
  text: text.describe('The question or task, as participants read it.'),
  objectives: z.array(id).default([]).describe('The learning objectives it prepares or assesses.'),
});

const rubricEntry = z.strictObject({
  objective: id.describe("The id of one of the scenario's learning objectives; the levels and their descriptors are the scenario's own, as on the report card."),
  lookFor: z.array(text).min(1).describe('What the instructor watches for in play, discussion and written answers.'),
});

export const courseSchema = z
  .strictObject({
    $schema: z.string().optional().describe(`Where editors find this schema: a path to a copy of ${COURSE_SCHEMA_FILE}, or its id ${COURSE_SCHEMA_ID}.`),
    formatVersion: z.literal(COURSE_FORMAT_VERSION),
    scenario: id.describe('The id of the scenario this course belongs to.'),
    title: text,
    audience: text.describe('Who the course is for and what they should know beforehand.'),
    overview: text.describe("The instructor's summary: what the session teaches and its central lesson."),
    preparation: z.array(text).default([]).describe('What the instructor does before the session.'),
    formats: z.array(format).min(1).describe('Ways to run the session, each with its timetable.'),
    readings: z.strictObject({
      primary: z.array(primaryReading).default([]),
      scenario: z.array(scenarioReading).default([]).describe("The scenario's own sources worth reading, with why."),
    }),
    prompts: z.strictObject({
      before: z.array(prompt).min(1).describe('Questions or tasks for participants before the exercise.'),
      after: z.array(prompt).min(1).describe('Questions or tasks after the exercise: the written reflection.'),
    }),
    rubric: z.array(rubricEntry).min(1).describe('One entry per learning objective of the scenario.'),
  })
  .describe('Course materials for a Firebreak scenario.');

export type Course = z.output<typeof courseSchema>;
export type CourseFormat = Course['formats'][number];
export type PrimaryReading = Course['readings']['primary'][number];

/** The JSON Schema published for editors. */
export function courseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(courseSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  allowComments(schema);
  return { ...schema, $id: COURSE_SCHEMA_ID, title: 'Firebreak course materials' };
}

export function courseFileName(scenarioId: string): string {
  return `${scenarioId}.course.json`;
}

export function isCourseFileName(name: string): boolean {
  return name.endsWith('.course.json');
}
