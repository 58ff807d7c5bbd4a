/**
 * A shipped scenario's course materials, from `GET /api/scenarios/<id>/course`.
 * Fetched once per scenario and page (a reload tries again after a failure): the course page shows them, and the
 * facilitator's console links to them only when they exist.
 */
import type { CourseView } from '../../engine/course/view';

export type CourseEntry = { state: 'loading' } | { state: 'done'; course: CourseView } | { state: 'missing' } | { state: 'failed'; message: string };

const cache = new Map<string, CourseEntry>();
const listeners = new Set<() => void>();

/** Called whenever a course arrives (or turns out not to exist). */
export function onCourseArrival(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The course of a scenario as far as it is known; the first call starts loading it. */
export function courseOf(scenarioId: string): CourseEntry {
  const known = cache.get(scenarioId);
  if (known) return known;
  cache.set(scenarioId, { state: 'loading' });
  const settle = (entry: CourseEntry) => {
    cache.set(scenarioId, entry);
    for (const listener of listeners) listener();
  };
  fetch(`/api/scenarios/${encodeURIComponent(scenarioId)}/course`, { headers: { accept: 'application/json' } })
    .then(async (res): Promise<CourseEntry> => {
      if (res.ok) {
        const { course } = (await res.json()) as { course: CourseView | null };
        return course ? { state: 'done', course } : { state: 'missing' };
      }
      return { state: 'failed', message: 'The course materials could not be loaded. Reload the page to try again.' };
    })
    .then(settle, () => settle({ state: 'failed', message: 'The course materials could not be loaded: check your connection and reload the page.' }));
  return { state: 'loading' };
}
