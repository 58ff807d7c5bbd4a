/**
 * Loading a course file: strict JSON and the course schema, with every
 * problem located as for a scenario (file:line:column, JSON pointer), then
 * the checks against the scenario it belongs to. The messages for unknown
 * objectives, sources and rounds are the scenario validator's own.
 */
import type { Problem } from '../scenario/problems';
import type { Scenario } from '../scenario/schema';
import type { Locator, Path } from '../scenario/paths';
import { loadDocumentBytes, loadDocumentText, type DocumentKind, type DocumentResult } from '../scenario/load';
import { RuleContext, plural } from '../scenario/rules/context';
import { courseSchema, type Course, type CourseFormat } from './schema';
import { PRIMARY_TEXT_IDS } from './primaryTexts';

export type CourseResult = DocumentResult<Course>;

function courseKind(scenario: Scenario): DocumentKind<Course> {
  return { schema: courseSchema, check: (course, file, locate) => checkCourse(course, scenario, file, locate) };
}

/** Loads a course from its JSON text and checks it against its scenario; `file` only labels the problems. */
export function loadCourseText(text: string, file: string, scenario: Scenario): CourseResult {
  return loadDocumentText(text, file, courseKind(scenario));
}

/** As loadCourseText, from the file's bytes (text that is not UTF-8 is refused where it goes wrong). */
export function loadCourseBytes(bytes: Uint8Array, file: string, scenario: Scenario): CourseResult {
  return loadDocumentBytes(bytes, file, courseKind(scenario));
}

/** Every problem of a course that satisfies the schema, measured against its scenario. */
export function checkCourse(course: Course, scenario: Scenario, file: string, locate: Locator): Problem[] {
  const ctx = new RuleContext(scenario, file, locate);
  if (course.scenario !== scenario.id) {
    ctx.error('course-scenario', ['scenario'], `the course is for scenario "${course.scenario}", not "${scenario.id}"`);
  }
  checkFormats(ctx, course.formats);
  checkReadings(ctx, course);
  for (const when of ['before', 'after'] as const) {
    course.prompts[when].forEach((p, i) => p.objectives.forEach((o, j) => ctx.ref('objective', o, ['prompts', when, i, 'objectives', j])));
  }
  checkRubric(ctx, course);
  return ctx.problems;
}

function checkFormats(ctx: RuleContext, formats: CourseFormat[]): void {
  const seen = new Set<string>();
  formats.forEach((format, f) => {
    const at: Path = ['formats', f];
    if (seen.has(format.id)) ctx.error('duplicate-id', [...at, 'id'], `format id "${format.id}" is used twice`);
    seen.add(format.id);
    const total = format.segments.reduce((sum, s) => sum + s.minutes, 0);
    if (Math.abs(total - format.minutes) > 1e-9) {
      ctx.error('course-timing', [...at, 'minutes'], `the parts add up to ${plural(total, 'minute')}, but the format lasts ${format.minutes}`);
    }
    checkRoundOrder(ctx, format, at);
  });
}

/** The engine plays rounds in order and cannot skip one; a session may end after any round. */
function checkRoundOrder(ctx: RuleContext, format: CourseFormat, at: Path): void {
  let last = 0;
  format.segments.forEach((segment, s) => {
    const path: Path = [...at, 'segments', s];
    segment.rounds.forEach((round, r) => {
      const where: Path = [...path, 'rounds', r];
      if (round > ctx.roundCount) ctx.round(round, where);
      else if (round <= last) ctx.error('course-round-order', where, `round ${round} comes after round ${last}: rounds are played once each, in order`);
      else if (round > last + 1) {
        ctx.error('course-round-skipped', where, `round ${last + 1} is never played, but round ${round} is: rounds cannot be skipped (give the rounds between a short part of their own)`);
      }
      last = Math.max(last, Math.min(round, ctx.roundCount));
    });
    if (segment.clock !== undefined && segment.clock * segment.rounds.length > segment.minutes) {
      ctx.warning(
        'course-clock',
        [...path, 'clock'],
        `${plural(segment.rounds.length, 'round')} of ${plural(segment.clock, 'minute')} do not fit in a part of ${plural(segment.minutes, 'minute')}`,
      );
    }
  });
}

function checkReadings(ctx: RuleContext, course: Course): void {
  course.readings.primary.forEach((reading, i) => {
    const at: Path = ['readings', 'primary', i];
    if (reading.text !== undefined && reading.citation !== undefined) {
      ctx.error('course-reading', at, 'give either "text" (a catalogue id) or "citation", not both');
    } else if (reading.text === undefined && reading.citation === undefined) {
      ctx.error('course-reading', at, `give "text" (one of ${PRIMARY_TEXT_IDS.join(', ')}) or your own "citation"`);
    } else if (reading.text !== undefined && !PRIMARY_TEXT_IDS.includes(reading.text)) {
      ctx.error('unknown-text', [...at, 'text'], `unknown primary text "${reading.text}" (known: ${PRIMARY_TEXT_IDS.join(', ')})`);
    }
    if (reading.url !== undefined && reading.citation === undefined) {
      ctx.error('course-reading', [...at, 'url'], 'a catalogue text has its own address: give "url" only with "citation"');
    }
  });
  course.readings.scenario.forEach((reading, i) => ctx.ref('source', reading.source, ['readings', 'scenario', i, 'source']));
}

function checkRubric(ctx: RuleContext, course: Course): void {
  const covered = new Set<string>();
  course.rubric.forEach((entry, i) => {
    const at: Path = ['rubric', i, 'objective'];
    if (!ctx.ref('objective', entry.objective, at)) return;
    if (covered.has(entry.objective)) ctx.error('duplicate-id', at, `learning objective "${entry.objective}" has two rubric entries`);
    covered.add(entry.objective);
  });
  for (const objective of ctx.known.objective) {
    if (!covered.has(objective)) {
      ctx.warning('course-rubric-missing', ['rubric'], `the rubric leaves out learning objective "${objective}": the page shows its report-card levels with nothing to look for`);
    }
  }
}
