/**
 * History beside play, for the debrief (`GET /api/scenarios/<id>/history`):
 * a shipped scenario's history track with what the engine makes of it over
 * HISTORY_COMPARISON_RUNS seeds. Computed on first request, one run per turn
 * of the event loop so that live exercises are not held up, and kept until
 * the scenario's text changes.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  HISTORY_COMPARISON_RUNS,
  addHistoryRun,
  emptyHistoryTally,
  historyComparisonOf,
  type HistoryComparison,
} from '../engine/bots/historyComparison';
import type { ShippedScenario } from './scenarios';

export class HistoryComparisons {
  private readonly cache = new Map<string, { text: string; result: Promise<HistoryComparison> }>();

  constructor(private readonly runs = HISTORY_COMPARISON_RUNS) {}

  /** The comparison for a shipped scenario; null when it has no history track. */
  get(shipped: ShippedScenario): Promise<HistoryComparison> | null {
    const track = shipped.track;
    if (!track) return null;
    const cached = this.cache.get(shipped.scenario.id);
    if (cached && cached.text === shipped.text) return cached.result;
    const result = (async () => {
      const tally = emptyHistoryTally();
      while (tally.runs < this.runs) {
        addHistoryRun(tally, shipped.scenario, track);
        await nextTurn();
      }
      return historyComparisonOf(shipped.scenario, track, tally);
    })();
    this.cache.set(shipped.scenario.id, { text: shipped.text, result });
    return result;
  }
}
