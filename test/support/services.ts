/**
 * Throw-away PostgreSQL and Redis instances for tests and benchmarks: each
 * in its own temporary folder, on a free port of 127.0.0.1, stopped (and its
 * folder removed) by stop() or when this process exits.
 *
 * The binaries come from Debian's packages (`postgresql`, `redis-server`;
 * .ci/ensure-services.sh installs them): PostgreSQL's are not on PATH there
 * (/usr/lib/postgresql/<version>/bin), so both places are searched.
 * PostgreSQL refuses to run as root: as root, its folder is given to the
 * `postgres` user (created by the package) and the server runs as that user.
 *
 * When a binary is missing, start*() returns null locally (the tests that
 * need it are skipped with a message) and throws under CI=true: CI never
 * skips them.
 *
 * Run alone (`node --import tsx test/support/services.ts`) it starts one of
 * each, prints DATABASE_URL and REDIS_URL, and stops them on Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const inCi = process.env.CI === 'true';

/** Where a binary is: on PATH, in /usr/local/bin, or in Debian's /usr/lib/postgresql/<newest>/bin. */
export function findBinary(name: string): string | null {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const candidates = [`/usr/local/bin/${name}`, `/usr/bin/${name}`, `/usr/sbin/${name}`];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin/${name}`);
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** A port nothing listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function missing(what: string, install: string): null {
  const message = `${what} is not installed: the scale-out tests need it (${install}, or run .ci/ensure-services.sh as root)`;
  if (inCi) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return null;
}

const children = new Set<ChildProcess>();
const folders = new Set<string>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready:\n${log()}`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready in 30 s:\n${log()}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A server process that start() launches (again, after halt()) and waits for. */
function launcher(what: string, command: () => [string, string[]], ready: () => Promise<boolean>) {
  let child: ChildProcess | null = null;
  let output = '';
  return {
    async start() {
      const [cmd, args] = command();
      const started = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      children.add(started);
      started.once('exit', () => children.delete(started));
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      };
      started.stdout!.on('data', collect);
      started.stderr!.on('data', collect);
      await waitFor(what, ready, started, () => output);
    },
    async halt(signal: NodeJS.Signals) {
      if (child) await stopChild(child, signal);
      child = null;
    },
  };
}

/** Runs a command as `user` when we are root (PostgreSQL refuses root); as ourselves otherwise. */
function asUser(user: string | null, command: string, args: string[]): [string, string[]] {
  if (user === null) return [command, args];
  return ['setpriv', ['--reuid', user, '--regid', user, '--init-groups', '--', command, ...args]];
}

export interface PostgresInstance {
  port: number;
  /** postgres://firebreak@127.0.0.1:<port>/firebreak */
  url: string;
  /** A new empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut); start() brings it back on the same port and data. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
}

let databases = 0;

/** Starts a throw-away PostgreSQL; null when it is not installed (outside CI). */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresInstance | null> {
  const initdb = findBinary('initdb');
  const postgres = findBinary('postgres');
  if (!initdb || !postgres) return missing('PostgreSQL', 'apt-get install postgresql');
  const user = process.getuid?.() === 0 ? 'postgres' : null;
  const folder = mkdtempSync(join(tmpdir(), 'firebreak-pg-'));
  folders.add(folder);
  const dataDir = join(folder, 'data');
  if (user) chownSync(folder, Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout));
  const [cmd, args] = asUser(user, initdb, ['-D', dataDir, '-A', 'trust', '-U', 'firebreak', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${folder}`, '-c', 'max_connections=200'];
  if (options.fsync === false) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = launcher('PostgreSQL', () => asUser(user, postgres, ['-D', dataDir, '-p', String(port), ...settings]), () => accepts(port));
  const start = server.start;
  await start();
  const url = `postgres://firebreak@127.0.0.1:${port}/postgres`;

  return {
    port,
    url,
    async createDatabase(name = `t${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://firebreak@127.0.0.1:${port}/${name}`;
    },
    halt: () => server.halt('SIGINT'),
    start,
    async stop() {
      await server.halt('SIGINT');
      rmSync(folder, { recursive: true, force: true });
      folders.delete(folder);
    },
  };
}

/** Whether PostgreSQL answers a query on this port (it listens before it accepts connections). */
async function accepts(port: number): Promise<boolean> {
  if (!(await canConnect(port))) return false;
  const client = new pg.Client({ connectionString: `postgres://firebreak@127.0.0.1:${port}/postgres` });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface RedisInstance {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a throw-away Redis (no persistence); null when it is not installed (outside CI). */
export async function startRedis(): Promise<RedisInstance | null> {
  const server = findBinary('redis-server');
  if (!server) return missing('Redis', 'apt-get install redis-server');
  const folder = mkdtempSync(join(tmpdir(), 'firebreak-redis-'));
  folders.add(folder);
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'];
  const redis = launcher('Redis', () => [server, args], () => canConnect(port));
  const start = redis.start;
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    halt: () => redis.halt('SIGTERM'),
    start,
    async stop() {
      await redis.halt('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
      folders.delete(folder);
    },
  };
}

async function main(): Promise<void> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const database = postgres ? await postgres.createDatabase('firebreak') : null;
  console.log(`# throw-away services for ${userInfo().username}; Ctrl-C stops them and removes their data`);
  if (database) console.log(`export DATABASE_URL=${database}`);
  if (redis) console.log(`export REDIS_URL=${redis.url}`);
  const stop = () => void Promise.all([postgres?.stop(), redis?.stop()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
