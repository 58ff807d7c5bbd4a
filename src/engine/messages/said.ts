/**
 * The engine's texts as views and answers carry them: each English text, and
 * beside it the sentences it was written from (recognise), or null when it is
 * not wholly the engine's. Clients written from the docs keep reading the
 * English fields; a client in another language renders the messages.
 */
import type { Score, ScoreComponent, ScoreRule } from '../types';
import { recognise, type EngineMessage } from './index';

/** The sentences behind a text, or null when the text is not wholly the engine's. */
export type Said = EngineMessage[] | null;

export interface ExplainedScore extends Score {
  components: (ScoreComponent & { whyMessages: Said })[];
  rules: (ScoreRule & { effectMessages: Said; whyMessages: Said })[];
  summaryMessages: Said;
}

/** The sentences behind a text that may be absent. */
export function said(text: string | null | undefined): Said {
  return text ? recognise(text) : null;
}

const explained = new WeakMap<Score, ExplainedScore>();

/** A score with the sentences behind each of its explanations; the same object for the same score. */
export function explainedScore(score: Score): ExplainedScore {
  let result = explained.get(score);
  if (!result) {
    result = {
      ...score,
      components: score.components.map((c) => ({ ...c, whyMessages: said(c.why) })),
      rules: score.rules.map((r) => ({ ...r, effectMessages: said(r.effect), whyMessages: said(r.why) })),
      summaryMessages: said(score.summary),
    };
    explained.set(score, result);
  }
  return result;
}
