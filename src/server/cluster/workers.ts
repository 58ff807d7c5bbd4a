/**
 * `firebreak serve --workers N` (or FIREBREAK_WORKERS=N): N server processes
 * on one machine, through Node's cluster module. The primary process
 * listens on the port and hands each connection to a worker, by socket.io
 * session id (@socket.io/sticky), so that the requests of one polling
 * session all reach the same worker; WebSocket connections stay on the
 * worker that took them. The workers share exercises like processes on
 * several machines do (cluster/index.ts), linked by the cluster adapter
 * through the primary (or by Redis when `--redis` is given too), and their
 * database must be PostgreSQL.
 *
 * The primary serves nothing itself: it replaces a worker that dies, and on
 * SIGTERM or SIGINT it stops every worker gracefully, then itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupPrimary } from '@socket.io/cluster-adapter';
import { setupMaster } from '@socket.io/sticky';
import type { Logger } from 'pino';
import { ConfigError } from '../config';

/** What a worker tells the primary once it has recovered the exercises and can take connections. */
export const WORKER_READY = 'firebreak:worker-ready';

export const WORKERS_NEED_POSTGRES = '--workers needs --database postgres://...: the workers share one database, and SQLite is one process\'s file';

export interface PrimaryOptions {
  workers: number;
  port: number;
  host?: string;
  database?: string;
  logger: Logger;
}

/** Forks the workers, waits until each is ready, then listens; resolves with the port. */
export async function runPrimary(options: PrimaryOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { logger } = options;
  if (!options.database) throw new ConfigError(WORKERS_NEED_POSTGRES);
  const http = createServer();
  setupMaster(http, { loadBalancingMethod: 'least-connection' });
  setupPrimary();
  // Buffers stay Buffers between the workers (the cluster adapter's messages).
  cluster.setupPrimary({ serialization: 'advanced' });

  let stopping = false;
  const ready = new Set<number>();
  let allReady: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (allReady = resolve));
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (message !== WORKER_READY) return;
      ready.add(worker.id);
      logger.info({ worker: worker.process.pid, ready: ready.size, of: options.workers }, 'worker ready');
      if (ready.size >= options.workers) allReady();
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    ready.delete(worker.id);
    if (stopping) return;
    logger.error({ worker: worker.process.pid, code, signal }, 'a worker died: starting another (its exercises pass to the others when their leases expire)');
    fork();
  });
  for (let i = 0; i < options.workers; i++) fork();
  await started;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  logger.info({ port, workers: options.workers }, 'firebreak server listening');

  return {
    port,
    async close() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
      // Not waited for: the connections still open here are ones the workers were handed, and they have closed theirs.
      http.close();
      http.closeAllConnections();
    },
  };
}

/** Tells the primary this worker is ready (a no-op outside a cluster). */
export function reportReady(): void {
  if (cluster.isWorker) process.send?.(WORKER_READY);
}
