/**
 * One worker thread of firebreak simulate --workers: plays the slices of a
 * batch it is sent and answers each with its tally. Runs depend only on
 * their index, so any worker may play any slice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tallyBatch, type BatchOptions } from '../engine/bots/simulate';
import type { Scenario } from '../engine';
import { scenarioPolicies } from './commands/simulate';

export interface SliceJob {
  slice: number;
  from: number;
  to: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'progress'; runs: number } | { kind: 'tally'; slice: number; tally: ReturnType<typeof tallyBatch> };

const data = workerData as { scenario: Scenario; options: BatchOptions; file?: string };
const { scenario } = data;
const options: BatchOptions = data.file ? { ...data.options, extra: scenarioPolicies(data.file, scenario, data.options.policies) } : data.options;
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

port.on('message', (job: SliceJob | null) => {
  if (!job) {
    port.close();
    return;
  }
  const tally = tallyBatch(scenario, options, job.from, job.to, () => send({ kind: 'progress', runs: 1 }));
  send({ kind: 'tally', slice: job.slice, tally });
});
send({ kind: 'ready' });
