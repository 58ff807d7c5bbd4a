/**
 * The studio's second document: the course beside the scenario being edited
 * (`<scenario id>.course.json`). It is checked against the scenario draft
 * with the validator `firebreak validate` runs, so unknown objectives,
 * sources and rounds are caught as the author types, and previewed as the
 * course page shows and prints it.
 */
import { courseJsonSchema, courseFileName, courseView, loadCourseText, starterCourseText } from '../../engine/course';
import type { Problem } from '../../engine/scenario/problems';
import type { Scenario } from '../../engine/scenario/schema';
import { html, type TemplateResult } from '../ui/dom';
import { t } from '../ui/i18n';
import { courseContent } from '../screens/course';
import type { Checked, DocumentSpec } from './editor';

export const COURSE_DRAFT_FILE = 'draft.course.json';

/** Until the scenario draft is valid there is nothing to check the course against. */
function scenarioFirst(): Problem {
  return {
    severity: 'error',
    code: 'scenario-invalid',
    message: t('studio.scenarioFirst'),
    file: COURSE_DRAFT_FILE,
    line: 1,
    column: 1,
    pointer: '',
  };
}

export function checkCourseDraft(text: string, scenario: Scenario | null): Checked {
  if (!scenario) return { ok: false, problems: [scenarioFirst()] };
  const result = loadCourseText(text, COURSE_DRAFT_FILE, scenario);
  return result.ok ? { ok: true, problems: result.warnings } : { ok: false, problems: result.problems };
}

export function courseSpec(scenario: () => Scenario | null): DocumentSpec {
  return { label: t('studio.courseJson'), schema: courseJsonSchema(), check: (text) => checkCourseDraft(text, scenario()) };
}

/** The file name a course for this scenario must have to be found beside it. */
export function courseFileFor(scenario: Scenario | null): string {
  return scenario ? courseFileName(scenario.id) : 'my-scenario.course.json';
}

/** A course to start from: filled in from the scenario when it is valid. */
export function courseStarter(scenario: Scenario | null): string {
  return scenario ? starterCourseText(scenario) : '{\n  "formatVersion": 1\n}\n';
}

/** The course as its page will show it, or why it cannot be shown yet. */
export function coursePreview(text: string, scenario: Scenario | null): TemplateResult {
  if (!scenario) return html`<p class="help">${t('studio.fixScenarioPreview')}</p>`;
  const result = loadCourseText(text, COURSE_DRAFT_FILE, scenario);
  if (!result.ok) return html`<p class="help">${t('studio.fixCoursePreview')}</p>`;
  return html`<article class="course studio-course-preview" data-testid="course-preview">${courseContent(courseView(scenario, result.value), false)}</article>`;
}
