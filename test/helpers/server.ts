/**
 * Starting the real server for tests: in-process on a free port with a
 * temporary data folder, or as a child process (for kill -9 recovery tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server';
import { writeScenarioDir, type FixtureOptions } from './scenario';
import { waitUntil } from './client';

export const ROOT = resolve(import.meta.dirname, '../..');

export function tempDir(prefix = 'firebreak-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer extends RunningServer {
  url: string;
  dataDir: string;
  scenariosDir: string;
  /** Closes the server and removes its folders. */
  dispose(): Promise<void>;
}

export const DEFAULT_FIXTURES: FixtureOptions[] = [
  { id: 'test-fixture', teams: 3, rounds: 3 },
  { id: 'test-fast', teams: 3, rounds: 2, minutes: 0.04 },
  { id: 'test-four', teams: 4, rounds: 3 },
  { id: 'test-no-red', teams: 2, rounds: 2, redCell: false },
];

export async function startTestServer(
  options: Partial<ServerOptions> & { fixtures?: FixtureOptions[]; dataDir?: string } = {},
): Promise<TestServer> {
  const root = tempDir();
  const dataDir = options.dataDir ?? join(root, 'data');
  const scenariosDir = options.scenariosDir ?? writeScenarioDir(join(root, 'scenarios'), options.fixtures ?? DEFAULT_FIXTURES);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir,
    distDir: options.distDir ?? join(root, 'no-dist'),
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.watchScenarios ? { watchScenarios: true } : {}),
  });
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    dataDir,
    scenariosDir,
    async dispose() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The server as its own process: node --import tsx src/server/main.ts. */
export class ChildServer {
  port: number | null = null;
  readonly lines: string[] = [];
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.lines.push(line);
        try {
          const record = JSON.parse(line) as { msg?: string; port?: number };
          if (record.msg === 'firebreak server listening' && typeof record.port === 'number') this.port = record.port;
        } catch {
          /* not JSON */
        }
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => this.lines.push(`[stderr] ${chunk}`));
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  static async start(env: { DATA_DIR: string; SCENARIOS_DIR: string; PORT?: string; LOG_LEVEL?: string } & Record<string, string>): Promise<ChildServer> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DIST_DIR: join(env.DATA_DIR, 'no-dist'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ChildServer(child);
    await waitUntil(
      () => server.port !== null || server.exited,
      'the child server to listen',
      30_000,
    ).catch((err) => {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${server.lines.join('\n')}`);
    });
    if (server.exited) throw new Error(`child server exited early:\n${server.lines.join('\n')}`);
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** kill -9: no shutdown code runs. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await waitUntil(() => this.exited, 'the child server to die', 10_000);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    this.child.kill(signal);
    await waitUntil(() => this.exited, 'the child server to stop', 15_000);
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
