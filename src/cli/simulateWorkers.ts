/**
 * firebreak simulate --workers N: the batch cut into slices that worker
 * threads play as they become free. The slices' tallies are merged in slice
 * order, and a tally does not depend on where or when its runs were played,
 * so the summary has the same bytes for any number of workers.
 */
import { Worker } from 'node:worker_threads';
import { tallyBatch, type BatchOptions } from '../engine/bots/simulate';
import { emptyTally, mergeTally, type SummaryTally } from '../engine/bots/summary';
import type { Scenario } from '../engine';
import type { SliceJob, WorkerMessage } from './simulateWorker';

/** Small enough that the last slices finish together, large enough that messages cost nothing. */
const SLICE_RUNS = 50;

/**
 * The worker starts through tsx's API, as the firebreak command does, so it
 * can load the TypeScript sources however the main thread was started.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));
`;

export async function tallyInWorkers(
  scenario: Scenario,
  options: BatchOptions,
  threads: { workers: number; file?: string },
  onRun?: (done: number) => void,
): Promise<SummaryTally> {
  if (threads.workers <= 1) return tallyBatch(scenario, options, 0, options.runs, onRun);
  // Policies are code and cannot be sent to a thread: each worker builds the scenario's own again from its file.
  const { extra, ...plain } = options;
  if (extra && Object.keys(extra).length > 0 && !threads.file) throw new Error('Scenario-built policies need the scenario file to be played in worker threads.');
  const slices: SliceJob[] = [];
  for (let from = 0, slice = 0; from < options.runs; from += SLICE_RUNS, slice++) slices.push({ slice, from, to: Math.min(options.runs, from + SLICE_RUNS) });
  const tallies: SummaryTally[] = new Array(slices.length);
  let next = 0;
  let done = 0;
  const workerData = {
    scenario,
    options: plain,
    file: extra && Object.keys(extra).length > 0 ? threads.file : undefined,
    tsx: import.meta.resolve('tsx/esm/api'),
    entry: new URL('./simulateWorker.ts', import.meta.url).href,
  };
  const play = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
      const feed = () => worker.postMessage(next < slices.length ? slices[next++]! : null);
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') onRun?.((done += message.runs));
        else if (message.kind === 'tally') {
          tallies[message.slice] = message.tally;
          feed();
        } else feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a simulation worker stopped with exit code ${code}`))));
    });
  await Promise.all(Array.from({ length: Math.min(threads.workers, slices.length) }, play));
  return tallies.reduce((into, later) => mergeTally(into, later), emptyTally(scenario));
}
