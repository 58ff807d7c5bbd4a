/**
 * startServer(): HTTP + socket.io on one port, SQLite storage (or
 * PostgreSQL with `database`), every stored exercise rebuilt by replay
 * before the port reports healthy. With `redis` (or as one of the workers
 * of `--workers`), it shares its exercises with other server processes
 * (cluster/, docs/deploy.md).
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ErrorAnswer, ServerToClientEvents } from '../protocol/events';
import type { InterServerEvents } from './hub';
import { LIMITS } from '../protocol/schemas';
import { addressResolver } from './address';
import { applySecurityHeaders, boundaryCheck, refuse, withSecurityHeaders, type BoundaryRefusal } from './boundary';
import { createAdapter as createClusterAdapter } from '@socket.io/cluster-adapter';
import { setupWorker } from '@socket.io/sticky';
import { ClusterPeers, nodeName } from './cluster';
import { Leases } from './cluster/leases';
import { RedisLink, type ServiceReport } from './cluster/redis';
import { ConfigError, resolveConfig, type ServerConfig } from './config';
import { createRequestHandler, type HttpState } from './http';
import { Hub, fail, type SocketData } from './hub';
import { RateLimits } from './limits';
import { loadShippedScenarios } from './scenarios';
import { watchScenarios } from './scenarioWatch';
import { registerSocketHandlers } from './socket';
import { NO_FINDINGS, StorageMonitor, type StartupFindings, type StorageReport } from './storage/health';
import { PostgresStorage } from './storage/postgres';
import { SqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/types';
import { DB_FILE, compareWithManifest, readManifest, scanWal, writeManifest } from './storage/verify';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where firebreak.sqlite lives. */
  dataDir: string;
  /** Folder of shipped scenarios (*.json). */
  scenariosDir: string;
  /** The built client; defaults to ./dist. */
  distDir?: string;
  host?: string;
  logger?: Logger;
  /** Another store behind the same interface (the default is SQLite in dataDir). */
  storage?: Storage;
  /** A PostgreSQL URL (postgres://user:password@host:port/database): the log and everything else live there, not in dataDir. */
  database?: string;
  /** Limits and boundary settings (docs/server.md, "Security"); unset ones take their defaults. */
  limits?: Partial<ServerConfig>;
  /** Reload a shipped scenario into the exercises made from it when its file changes (for authors). */
  watchScenarios?: boolean;
  /** A Redis URL (redis://host:port): share exercises with the other server processes linked through it. Needs `database`. */
  redis?: string;
  /**
   * As one of the workers of `firebreak serve --workers N` (workers.ts):
   * linked to the others through the cluster adapter, and fed connections
   * by the primary process, so it does not listen itself. Needs `database`.
   */
  worker?: boolean;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const dataDir = resolve(options.dataDir);
  const dbFile = join(dataDir, DB_FILE);
  // The WAL is read before SQLite opens the file: opening it drops damaged frames without a word.
  const walProblems = options.storage || options.database ? [] : scanWal(`${dbFile}-wal`).problems;
  const config = resolveConfig(options.limits);
  const shared = options.redis !== undefined || options.worker === true;
  if (shared && !options.database) throw new ConfigError(SHARED_NEEDS_POSTGRES);
  const storage = options.storage ?? (options.database ? await PostgresStorage.open(options.database) : new SqliteStorage(dbFile));
  let redis: RedisLink | null = null;
  try {
    redis = options.redis ? await RedisLink.open(options.redis, logger) : null;
  } catch (err) {
    await storage.close();
    throw err;
  }
  const addressOf = addressResolver(config.trustedProxies);

  const findings = await verifyOnStart(dataDir, storage, walProblems, logger);
  // The folder probe watches the folder of the SQLite file; another store has none.
  const database = databaseOf(storage, dbFile);
  const databaseName = database.engine === 'postgresql' ? `PostgreSQL at ${database.location}` : 'the database';
  const monitor = new StorageMonitor(storage instanceof SqliteStorage ? dirname(storage.file) : null, storage, findings, databaseName);
  const scenarios = await loadShippedScenarios(resolve(options.scenariosDir), logger);
  const hub = new Hub(storage, scenarios, logger, config);
  const state: HttpState = {
    ready: false,
    exercises: () => hub.exercises.size,
    degraded: () => [...[...hub.exercises.values()].filter((ex) => ex.degraded).map((ex) => ex.id), ...hub.unrecoverable],
    storage: () => monitor.report(),
    database,
    ...(redis ? { redis: () => redis.report() } : {}),
  };

  const handler = createRequestHandler(hub, state, resolve(options.distDir ?? 'dist'), logger);
  const http = createServer((req, res) => void handler(req, res));
  const checkBoundary = boundaryCheck(config);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http, {
    maxHttpBufferSize: LIMITS.maxTransportBytes,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // WebSocket handshakes arrive as upgrades, which the request listener below never sees.
    allowRequest: (req, callback) => {
      const refusal = checkBoundary(req);
      callback(refusal?.code ?? null, refusal === null);
    },
  });
  if (redis) io.adapter(redis.adapter());
  else if (options.worker) io.adapter(createClusterAdapter());
  io.engine.on('initial_headers', withSecurityHeaders);
  io.engine.on('headers', withSecurityHeaders);
  guardRequests(http, checkBoundary);
  hub.attach(io);
  io.engine.on('connection_error', (err: { code?: number; message?: string }) =>
    logger.debug({ code: err.code, message: err.message }, 'connection refused'),
  );

  const lostService = () => outage(monitor.report(), redis?.report() ?? null);
  // Shared exercises have an owner each: no clock is armed during recovery but by the leases taken after it.
  const peers =
    shared && storage instanceof PostgresStorage
      ? new ClusterPeers(io, hub, new Leases(storage.pool, nodeName(), config.leaseSeconds * 1000), logger, { healthy: () => lostService() === null })
      : null;
  if (peers) hub.attachPeers(peers);

  // Recover before accepting connections: no client ever sees a half-rebuilt exercise.
  const t0 = Date.now();
  const recovered = await hub.recover();
  logger.info({ ...recovered, ms: Date.now() - t0 }, 'exercises recovered');
  if (recovered.degraded.length) logger.error({ exercises: recovered.degraded }, 'SOME EXERCISES DID NOT REPLAY CLEANLY: see the errors above');
  await monitor.refresh();
  await peers?.start();

  const edge = registerSocketHandlers(io, hub, logger, new RateLimits(config), addressOf, lostService);
  const watcher = options.watchScenarios ? watchScenarios(resolve(options.scenariosDir), hub, () => hub.shippedScenarios(), logger) : null;

  let port = options.port;
  if (options.worker) {
    // The primary listens and hands each connection to a worker (sticky sessions for socket.io's polling).
    setupWorker(io);
    state.ready = true;
    logger.info({ worker: process.pid }, 'firebreak worker ready');
  } else {
    await new Promise<void>((resolveListen, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        resolveListen();
      });
    });
    state.ready = true;
    port = (http.address() as AddressInfo).port;
    logger.info({ port, dataDir }, 'firebreak server listening');
  }

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      closing ??= (async () => {
        state.ready = false;
        logger.info('shutting down');
        watcher?.close();
        // New events are answered UNAVAILABLE; those received are answered before anything closes.
        await edge.stopTaking();
        await hub.close();
        // The leases are given up once the queues drained: the other processes take over at once.
        await peers?.stop();
        edge.close();
        await new Promise<void>((r) => io.close(() => r()));
        http.closeAllConnections?.();
        if (!options.storage && storage instanceof SqliteStorage) await recordCleanShutdown(dataDir, storage, findings, logger);
        await redis?.close();
        await storage.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

const SHARED_NEEDS_POSTGRES =
  'several server processes (--redis or --workers) need a database they all reach: add --database postgres://... (SQLite is one process\'s file)';

/**
 * While the database or Redis cannot be reached, writes are refused at once
 * with the reason, rather than failing one by one: without the database
 * nothing can be saved; without Redis this process cannot reach an
 * exercise's owner, nor tell the others what changed.
 */
function outage(report: StorageReport, redis: ServiceReport | null): ErrorAnswer | null {
  if (report.state === 'unreachable') {
    return fail('UNAVAILABLE', `The server has lost its database (${report.reason}); nothing can be saved until it is back. Send this again in a moment.`);
  }
  if (redis && !redis.ok) {
    return fail('UNAVAILABLE', `The server has lost Redis, which links it to the other server processes (${redis.reason}); nothing can be applied until it is back. Send this again in a moment.`);
  }
  return null;
}

/** Which database the server writes to, for /healthz (a PostgreSQL URL without its password). */
function databaseOf(storage: Storage, dbFile: string): { engine: 'sqlite' | 'postgresql' | 'other'; location: string } {
  if (storage instanceof PostgresStorage) return { engine: 'postgresql', location: storage.where };
  if (storage instanceof SqliteStorage) return { engine: 'sqlite', location: storage.file === dbFile ? dbFile : storage.file };
  return { engine: 'other', location: 'in memory' };
}

/**
 * Puts the boundary in front of every HTTP request, socket.io's included:
 * socket.io installed its own request listener (which hands other paths to
 * ours), so that listener is wrapped, and every response starts with the
 * security headers and passes the Host and Origin checks.
 */
function guardRequests(http: HttpServer, check: (req: IncomingMessage) => BoundaryRefusal | null): void {
  const listeners = http.listeners('request') as ((...args: unknown[]) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req, res) => {
    applySecurityHeaders(res);
    const refusal = check(req);
    if (refusal) return refuse(res, refusal);
    for (const listener of listeners) listener.call(http, req, res);
  });
}

/**
 * Start-up verification of the data folder: the WAL (read before opening),
 * SQLite's quick check of the file, and the exercises recorded at the last
 * clean shutdown. Findings are logged loudly and reported on /healthz; an
 * exercise whose log got shorter is quarantined before recovery.
 */
async function verifyOnStart(dataDir: string, storage: Storage, walProblems: string[], logger: Logger): Promise<StartupFindings> {
  // Another store (in memory, say) has no file to check and writes no manifest.
  if (!(storage instanceof SqliteStorage)) return { ...NO_FINDINGS, walProblems };
  const fileProblems = storage.integrityProblems({ quick: true });
  const { vanished, shortened } = await compareWithManifest(storage, readManifest(dataDir));
  for (const problem of walProblems) logger.error({ problem }, 'STORAGE DAMAGED: the write-ahead log is damaged (see docs/server.md, "When storage fails")');
  for (const problem of fileProblems) logger.error({ problem }, 'STORAGE DAMAGED: the database file failed its integrity check (see docs/server.md)');
  for (const exerciseId of vanished) logger.error({ exerciseId }, 'EXERCISE VANISHED: stored at the last clean shutdown, missing now (see docs/server.md)');
  for (const s of shortened) {
    const reason = `LOG SHORTENED: the log ended at seq ${s.expectedSeq} at the last clean shutdown and ends at ${s.foundSeq} now`;
    logger.error({ ...s }, `${reason}; the exercise is quarantined`);
    await storage.quarantine(s.exerciseId, reason);
  }
  return { ...NO_FINDINGS, fileProblems, walProblems, vanished, shortened };
}

/** Records what is stored (the manifest) for the next start to compare; vanished exercises stay listed until an operator acts. */
async function recordCleanShutdown(dataDir: string, storage: Storage, findings: StartupFindings, logger: Logger): Promise<void> {
  try {
    await writeManifest(dataDir, storage, findings.vanished);
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'could not record the clean shutdown manifest');
  }
}
