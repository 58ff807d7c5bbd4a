/**
 * The shipped scenarios: every scenario file in the scenarios folder (not the
 * JSON Schemas, history tracks or courses beside them), loaded and checked
 * once at start-up. A scenario that fails to load is logged and left out of
 * the list; a history track or course that does not fit is logged and left out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { formatProblem, isScenarioFileName, loadScenarioText, type Scenario } from '../engine';
import { historyFileName, parseHistory, type HistoryTrack } from '../engine/scenario/history';
import { courseFileName } from '../engine/course/schema';
import { loadCourseText } from '../engine/course/load';
import { courseView, type CourseView } from '../engine/course/view';
import type { ScenarioSummary } from '../protocol/events';

export interface ShippedScenario {
  file: string;
  text: string;
  scenario: Scenario;
  summary: ScenarioSummary;
  /** Its history track (`<id>.history.json` beside it), when it has a valid one. */
  track: HistoryTrack | null;
  /** Its course materials (`<id>.course.json` beside it), when it has valid ones. */
  course: CourseView | null;
}

export function summarise(scenario: Scenario, course: CourseView | null): ScenarioSummary {
  return {
    id: scenario.id,
    title: scenario.meta.title,
    summary: scenario.meta.summary,
    rounds: scenario.rounds.length,
    estimatedMinutes: scenario.meta.estimatedMinutes ?? null,
    teams: scenario.teams.map((t) => ({ id: t.id, name: t.name })),
    redCellAllowed: scenario.adversary.redCellAllowed,
    course: course !== null,
  };
}

export async function loadShippedScenarios(dir: string, logger: Logger): Promise<Map<string, ShippedScenario>> {
  const out = new Map<string, ShippedScenario>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    logger.warn({ dir, err: (err as Error).message }, 'scenarios folder not readable: no shipped scenarios');
    return out;
  }
  for (const name of names.sort()) {
    if (!isScenarioFileName(name)) continue;
    const file = join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      logger.warn({ file, err: (err as Error).message }, 'cannot read scenario');
      continue;
    }
    let loaded: ReturnType<typeof loadScenarioText>;
    try {
      loaded = loadScenarioText(text, name);
    } catch (err) {
      logger.error({ file, err }, 'scenario loader threw');
      continue;
    }
    if (!loaded.ok) {
      logger.error({ file, problems: loaded.problems.map(formatProblem) }, 'shipped scenario is invalid; left out');
      continue;
    }
    const { scenario } = loaded;
    if (out.has(scenario.id)) {
      logger.error({ file, id: scenario.id }, 'two shipped scenarios share an id; the second is left out');
      continue;
    }
    if (loaded.warnings.length) logger.warn({ file, warnings: loaded.warnings.map(formatProblem) }, 'scenario warnings');
    out.set(scenario.id, await shippedScenario(dir, file, text, scenario, logger));
  }
  logger.info({ dir, count: out.size, ids: [...out.keys()] }, 'shipped scenarios loaded');
  return out;
}

/** A loaded scenario with what lies beside it: its history track and its course. */
export async function shippedScenario(dir: string, file: string, text: string, scenario: Scenario, logger: Logger): Promise<ShippedScenario> {
  const course = await loadCourse(dir, scenario, logger);
  return { file, text, scenario, summary: summarise(scenario, course), track: await loadTrack(dir, scenario, logger), course };
}

/** The course materials beside a scenario, ready to show; null when there are none, or when they do not fit the scenario (logged with every problem). */
export async function loadCourse(dir: string, scenario: Scenario, logger: Logger): Promise<CourseView | null> {
  const name = courseFileName(scenario.id);
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const loaded = loadCourseText(text, name, scenario);
  if (!loaded.ok) {
    logger.warn({ file, problems: loaded.problems.map(formatProblem) }, 'course does not fit its scenario; left out');
    return null;
  }
  if (loaded.warnings.length) logger.warn({ file, warnings: loaded.warnings.map(formatProblem) }, 'course warnings');
  return courseView(scenario, loaded.value);
}

/** The history track beside a scenario; null when there is none, or when it does not fit the scenario (logged). */
export async function loadTrack(dir: string, scenario: Scenario, logger: Logger): Promise<HistoryTrack | null> {
  const file = join(dir, historyFileName(scenario.id));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = parseHistory(JSON.parse(text), scenario);
    if (parsed.ok) return parsed.track;
    logger.warn({ file, problems: parsed.problems.map((p) => `${p.pointer}: ${p.message}`) }, 'history track does not fit its scenario; left out');
  } catch (err) {
    logger.warn({ file, err: (err as Error).message }, 'history track is not valid JSON; left out');
  }
  return null;
}
