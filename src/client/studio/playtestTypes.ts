/** Messages between the studio and its play-test worker. */
import type { SimulationSummary } from '../../engine/bots/summary';
import type { Problem } from '../../engine/scenario/problems';

export interface PlaytestRequest {
  text: string;
  runs: number;
  seed: string;
  file: string;
}

export type PlaytestReply =
  | { kind: 'progress'; done: number; runs: number }
  | { kind: 'invalid'; problems: number }
  | { kind: 'failed'; message: string }
  | {
      kind: 'result';
      summary: SimulationSummary;
      /** By policy: each escalation path (the level before round 1, then after each round) and how many runs took it. */
      paths: Record<string, Record<string, number>>;
      warnings: Problem[];
    };

/** Plays a draft in a new worker; the worker ends with its answer. */
export function runPlaytest(request: PlaytestRequest, onProgress: (done: number, runs: number) => void): Promise<PlaytestReply> {
  const worker = new Worker(new URL('./playtestWorker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<PlaytestReply>) => {
      if (event.data.kind === 'progress') return onProgress(event.data.done, event.data.runs);
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ kind: 'failed', message: event.message || 'the play-test worker could not start' });
    };
    worker.postMessage(request);
  });
}
