/**
 * Entry point: node --import tsx src/server/main.ts
 *
 * Environment: PORT (default 8080), DATA_DIR (default ./data), DATABASE_URL
 * (postgres://...: PostgreSQL instead of the SQLite file in DATA_DIR),
 * REDIS_URL (redis://...: share exercises with the other processes on it),
 * FIREBREAK_WORKERS (N server processes on this machine; needs DATABASE_URL), LOG_LEVEL
 * (default info), SCENARIOS_DIR (default ./scenarios), DIST_DIR (default ./dist),
 * HOST (default: all interfaces), WATCH_SCENARIOS=1 (reload edited scenarios
 * into the exercises made from them, for authors), and every limit and
 * boundary setting of config.ts as FIREBREAK_<FLAG> (FIREBREAK_TRUSTED_PROXIES,
 * FIREBREAK_EVENTS_PER_SECOND, ...); explicit options win over the environment.
 *
 * runServer() is the same thing for `firebreak serve`: it starts the server
 * and stops it gracefully on SIGTERM or SIGINT.
 */
import cluster from 'node:cluster';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pino, { type Logger } from 'pino';
import { reportReady, runPrimary } from './cluster/workers';
import { ConfigError, configFromEnv } from './config';
import { startServer, type RunningServer, type ServerOptions } from './server';

export { startServer } from './server';

export type RunOptions = Partial<ServerOptions> & {
  /** Server processes on this machine (cluster/workers.ts); 1 (the default) serves from this process. */
  workers?: number;
};

function workersFromEnv(): number {
  const raw = process.env.FIREBREAK_WORKERS ?? '1';
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError(`FIREBREAK_WORKERS must be a whole number of at least 1, not "${raw}"`);
  return workers;
}

function portFromEnv(): number {
  const raw = process.env.PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, not "${raw}"`);
  }
  return port;
}

/** Starts the server with options (falling back to the environment) and installs signal handlers. */
export async function runServer(options: RunOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const workers = options.workers ?? workersFromEnv();
  const database = options.database ?? process.env.DATABASE_URL;
  if (workers > 1 && cluster.isPrimary) {
    const primary = await runPrimary({ workers, port: options.port ?? portFromEnv(), host: options.host ?? process.env.HOST, database, logger });
    stopOnSignal(primary, logger);
    return primary;
  }
  const worker = workers > 1 && cluster.isWorker;
  const server = await startServer({
    port: options.port ?? portFromEnv(),
    dataDir: options.dataDir ?? process.env.DATA_DIR ?? './data',
    scenariosDir: options.scenariosDir ?? process.env.SCENARIOS_DIR ?? './scenarios',
    distDir: options.distDir ?? process.env.DIST_DIR ?? './dist',
    ...(options.host ?? process.env.HOST ? { host: options.host ?? process.env.HOST } : {}),
    limits: { ...configFromEnv(), ...options.limits },
    ...(options.storage ? { storage: options.storage } : {}),
    ...(database ? { database } : {}),
    ...(options.redis ?? process.env.REDIS_URL ? { redis: options.redis ?? process.env.REDIS_URL } : {}),
    ...(worker ? { worker: true } : {}),
    watchScenarios: options.watchScenarios ?? process.env.WATCH_SCENARIOS === '1',
    logger,
  });
  if (worker) {
    // The primary stops the workers with SIGTERM; a Ctrl-C in the terminal reaches them through it, not twice.
    process.on('SIGINT', () => undefined);
    reportReady();
  }
  stopOnSignal(server, logger, worker ? ['SIGTERM'] : ['SIGTERM', 'SIGINT']);
  return server;
}

/** Stops the server gracefully on a signal; a second signal, or 10 s without finishing, exits at once. */
function stopOnSignal(server: RunningServer, logger: Logger, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'signal received: stopping');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s: exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, stop);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runServer().catch((err) => {
    pino().fatal({ err }, 'server failed to start');
    process.exit(1);
  });
}
