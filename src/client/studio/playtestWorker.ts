/**
 * The studio's play-test, off the page's thread: plays N bot exercises of
 * the draft with the engine (pure, so it runs here as in the CLI) and sends
 * back the outcome summary, the most frequent escalation paths by policy and
 * the quality warnings, each located in the draft's text.
 */
import './noEval';
import { loadScenarioText, sourceLocator } from '../../engine/scenario/load';
import { playtest } from '../../engine/scenario/playtest';
import { qualityWarnings } from '../../engine/scenario/quality';
import type { PlaytestReply, PlaytestRequest } from './playtestTypes';

const PROGRESS_EVERY = 5;

function play({ text, runs, seed, file }: PlaytestRequest): PlaytestReply {
  const loaded = loadScenarioText(text, file);
  if (!loaded.ok) return { kind: 'invalid', problems: loaded.problems.length };
  const paths: Record<string, Record<string, number>> = {};
  const { summary, observation } = playtest(loaded.scenario, { runs, seed }, (done, run) => {
    const path = [run.state.rounds[0]?.escalationBefore ?? 0, ...run.state.rounds.map((r) => r.escalationAfter)].join(' → ');
    const byPath = (paths[run.policy] ??= {});
    byPath[path] = (byPath[path] ?? 0) + 1;
    if (done % PROGRESS_EVERY === 0 && done < runs) self.postMessage({ kind: 'progress', done, runs } satisfies PlaytestReply);
  });
  const warnings = qualityWarnings(loaded.scenario, summary, file, sourceLocator(text), observation);
  return { kind: 'result', summary, paths, warnings };
}

self.onmessage = (event: MessageEvent<PlaytestRequest>) => {
  try {
    self.postMessage(play(event.data));
  } catch (error) {
    self.postMessage({ kind: 'failed', message: String((error as Error)?.message ?? error) } satisfies PlaytestReply);
  }
};
