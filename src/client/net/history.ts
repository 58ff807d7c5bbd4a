/**
 * History beside play for the debrief: the scenario's history track and what
 * the engine makes of it, from `GET /api/scenarios/<id>/history`. Fetched
 * once per scenario and page; the screen renders again when it arrives.
 */
import type { HistoryComparison } from '../../engine/bots/historyComparison';

type Entry = { state: 'loading' } | { state: 'done'; comparison: HistoryComparison | null };
const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();

/** Called whenever a comparison arrives (or turns out not to exist). */
export function onHistoryArrival(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The comparison for a scenario: undefined while it loads (the first call
 * starts loading), null when the scenario has no history track.
 */
export function historyOf(scenarioId: string): HistoryComparison | null | undefined {
  const entry = cache.get(scenarioId);
  if (entry) return entry.state === 'done' ? entry.comparison : undefined;
  cache.set(scenarioId, { state: 'loading' });
  const settle = (comparison: HistoryComparison | null) => {
    cache.set(scenarioId, { state: 'done', comparison });
    for (const listener of listeners) listener();
  };
  fetch(`/api/scenarios/${encodeURIComponent(scenarioId)}/history`, { headers: { accept: 'application/json' } })
    .then(async (res) => (res.ok ? ((await res.json()) as { comparison: HistoryComparison }).comparison : null))
    .then(settle, () => settle(null));
  return undefined;
}
