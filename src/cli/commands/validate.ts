/** firebreak validate: every problem of each scenario and of the history track and course beside it, then what playtests reveal about its quality. */
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, loadScenarioBytes } from '../../engine';
import { isCourseFileName } from '../../engine/course';
import { playtest } from '../../engine/scenario/playtest';
import { sourceLocator } from '../../engine/scenario/load';
import { qualityWarnings } from '../../engine/scenario/quality';
import { EXIT_FINDING, EXIT_OK, UserError, loadCourseBeside, loadHistoryBeside, out, readBytes } from '../io';

export interface ValidateOptions {
  runs: number;
  strict: boolean;
  seed: string;
}

export function validate(files: string[], options: ValidateOptions): number {
  let exit = EXIT_OK;
  for (const file of files.map(scenarioOf)) {
    const bytes = readBytes(file);
    const result = loadScenarioBytes(bytes, file);
    const text = new TextDecoder('utf-8').decode(bytes);
    if (!result.ok) {
      result.problems.forEach((p) => out(formatProblem(p)));
      exit = EXIT_FINDING;
      continue;
    }
    // A history track beside the scenario must fit it: its problems are findings like the scenario's own.
    let history = '';
    try {
      history = loadHistoryBeside(file, result.scenario) ? ', history track ok' : '';
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      out(error.message);
      exit = EXIT_FINDING;
      history = ', history track invalid';
    }
    // So must a course beside it: its errors are findings, its warnings count with the scenario's.
    const course = loadCourseBeside(file, result.scenario);
    if (course && !course.ok) exit = EXIT_FINDING;
    const courseNote = course === null ? '' : course.ok ? ', course ok' : ', course invalid';
    const warnings = [...result.warnings, ...(course?.ok ? course.warnings : [])];
    if (course && !course.ok) course.problems.forEach((p) => out(formatProblem(p)));
    if (options.runs > 0) {
      const { summary, observation } = playtest(result.scenario, { runs: options.runs, seed: options.seed });
      warnings.push(...qualityWarnings(result.scenario, summary, file, sourceLocator(text), observation));
    }
    warnings.forEach((p) => out(formatProblem(p)));
    if (warnings.length > 0 && options.strict) exit = EXIT_FINDING;
    const playtested = options.runs > 0 ? `, ${options.runs} playtest runs` : '';
    out(`${file}: ok (${warnings.length} warning${warnings.length === 1 ? '' : 's'}${playtested}${history}${courseNote})`);
  }
  return exit;
}

/** A course file is checked with its scenario: the one beside it named after the course (`us-2016.course.json` → `us-2016.json`). */
function scenarioOf(file: string): string {
  if (!isCourseFileName(path.basename(file))) return file;
  const scenario = file.slice(0, -'.course.json'.length) + '.json';
  if (!fs.existsSync(scenario)) throw new UserError(`${file}: a course file is checked against its scenario, and ${scenario} is not there: run firebreak validate on the scenario`);
  out(`${file}: checked with its scenario, ${scenario}`);
  return scenario;
}
