/**
 * Explanations for the screens: a view carries each score's figure and each
 * report card's levels with a reference, and the explanation behind it (a
 * score's reasons, a whole card) is fetched when someone opens it or when it
 * is shown (the cards at the debrief, everything in the printed report). The page's current
 * seat session holds the cache (the client library's ScoreExplanations), and
 * announces their arrival as a change, so the screen renders again.
 */
import type { ExplainedScore } from '../../engine/messages/said';
import type { ReportCard } from '../../engine/grading/reportCard';
import type { ScoreExplanations } from '../../protocol/client';

let current: ScoreExplanations | null = null;
const wanted = new Set<string>();

/** The session whose explanations the screens show (the page follows one seat at a time). */
export function useExplanations(explanations: ScoreExplanations): void {
  current = explanations;
}

/** The explanation behind a reference, if it has arrived. */
export function explanationOf(ref: string): ExplainedScore | undefined {
  return current?.get(ref);
}

/** The whole report card behind a card's reference, if it has arrived. */
export function reportCardOf(ref: string): ReportCard | undefined {
  return current?.card(ref);
}

/** Asks for an explanation; the references asked for while one render runs go out in one request. */
export function wantExplanation(ref: string): void {
  if (!current || current.has(ref)) return;
  if (wanted.size === 0) queueMicrotask(flush);
  wanted.add(ref);
}

function flush(): void {
  const refs = [...wanted];
  wanted.clear();
  void current?.load(refs);
}
