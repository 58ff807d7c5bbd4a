/**
 * Watch mode, for scenario authors: when a shipped scenario file changes, it
 * is loaded again; a valid edit replaces the scenario in the exercises created
 * from it (Hub.replaceScenario), a broken one is logged with every problem and
 * changes nothing. An edited course (`<id>.course.json`) is loaded again and
 * served from then on.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { formatProblem, isScenarioFileName, loadScenarioText } from '../engine';
import type { Hub } from './hub';
import { courseFileName, isCourseFileName } from '../engine/course/schema';
import { loadCourse, shippedScenario, summarise, type ShippedScenario } from './scenarios';

/** Editors save in bursts (truncate, write, rename): act once the burst is over. */
const SETTLE_MS = 150;

export function watchScenarios(dir: string, hub: Hub, shippedList: () => Iterable<ShippedScenario>, logger: Logger): { close(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, (_event, name) => {
      if (name && isCourseFileName(name)) return settle(name, () => reloadCourse(name));
      if (!name || !isScenarioFileName(name)) return;
      settle(name, () => reload(join(dir, name), name));
    });
  } catch (err) {
    logger.warn({ dir, err: (err as Error).message }, 'cannot watch the scenarios folder');
    return { close() {} };
  }
  logger.info({ dir }, 'watching scenarios: edits reload the exercises created from them');

  function settle(name: string, task: () => Promise<void>): void {
    clearTimeout(timers.get(name));
    timers.set(name, setTimeout(() => void task(), SETTLE_MS));
  }

  /** A course edit replaces the course served for its scenario; a broken one takes it down (logged). */
  async function reloadCourse(name: string): Promise<void> {
    const shipped = [...shippedList()].find((s) => courseFileName(s.scenario.id) === name);
    if (!shipped) return;
    shipped.course = await loadCourse(dir, shipped.scenario, logger);
    shipped.summary = summarise(shipped.scenario, shipped.course);
    logger.info({ file: join(dir, name), scenario: shipped.scenario.id, served: shipped.course !== null }, 'course reloaded');
  }

  async function reload(file: string, name: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return; // removed or renamed away: the exercises keep the scenario they have
    }
    const previous = [...shippedList()].find((s) => s.file === file);
    if (previous?.text === text) return;
    const loaded = loadScenarioText(text, name);
    if (!loaded.ok) {
      logger.error({ file, problems: loaded.problems.map(formatProblem) }, 'edited scenario is invalid: nothing reloaded');
      return;
    }
    const next = await shippedScenario(dir, file, text, loaded.scenario, logger);
    const rebuilt = await hub.replaceScenario(previous?.text ?? '', next);
    logger.info({ file, scenario: loaded.scenario.id, exercises: rebuilt }, 'scenario reloaded');
  }

  return {
    close() {
      watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
