/** What every CLI command shares: exit codes, user errors without stack traces, reading files. */
import fs from 'node:fs';
import path from 'node:path';
import { courseFileName, loadCourseBytes, type CourseResult } from '../engine/course';
import { formatProblem, historyFileName, loadScenarioBytes, parseHistory, type HistoryTrack, type Problem, type Scenario } from '../engine';

export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_USAGE = 2;

/** A mistake of the user's: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

export function readText(file: string): string {
  return new TextDecoder('utf-8').decode(readBytes(file));
}

/** A file's bytes, for the scenario loader to check that they are UTF-8. */
export function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a directory, not a file`);
    throw new UserError(`${file}: cannot be read (${code ?? 'unknown error'})`);
  }
}

export function writeText(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new UserError(`${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** Loads a scenario or fails with every problem printed, exit 1. */
export function loadScenarioFile(file: string): { scenario: Scenario; warnings: Problem[] } {
  const result = loadScenarioBytes(readBytes(file), file);
  if (!result.ok) {
    throw new UserError(result.problems.map(formatProblem).join('\n'), EXIT_FINDING);
  }
  return { scenario: result.scenario, warnings: result.warnings };
}

/** Where a scenario's history track lives: beside the scenario file, named after its id. */
export function historyFileBeside(scenarioFile: string, scenario: Scenario): string {
  return path.join(path.dirname(scenarioFile), historyFileName(scenario.id));
}

/** The history track beside a scenario file, checked against the scenario; null when there is none. Problems fail with exit 1. */
export function loadHistoryBeside(scenarioFile: string, scenario: Scenario): HistoryTrack | null {
  const file = historyFileBeside(scenarioFile, scenario);
  if (!fs.existsSync(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`, EXIT_FINDING);
  }
  const result = parseHistory(value, scenario);
  if (!result.ok) throw new UserError(result.problems.map((p) => `${file}: ${p.message} (at ${p.pointer})`).join('\n'), EXIT_FINDING);
  return result.track;
}

/** Where a scenario's course lives: beside the scenario file, named after its id. */
export function courseFileBeside(scenarioFile: string, scenario: Scenario): string {
  return path.join(path.dirname(scenarioFile), courseFileName(scenario.id));
}

/** The course beside a scenario file, checked against the scenario: null when there is none, else its problems (errors first) or its warnings. */
export function loadCourseBeside(scenarioFile: string, scenario: Scenario): CourseResult | null {
  const file = courseFileBeside(scenarioFile, scenario);
  if (!fs.existsSync(file)) return null;
  return loadCourseBytes(readBytes(file), file, scenario);
}

export function parseInteger(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

export const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
export const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
