/**
 * `firebreak serve --workers 2` on a real PostgreSQL: one port, two worker
 * processes behind the primary's sticky sessions, the cluster adapter
 * between them. Clients on WebSocket and on long-polling (whose requests
 * must all reach one worker) play one exercise; a worker killed with
 * SIGKILL is replaced and its exercises taken over; without a PostgreSQL
 * database the command refuses to start, saying why.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TestClient, waitUntil } from '../helpers/client';
import { writeScenarioDir } from '../helpers/scenario';
import { ChildServer, DEFAULT_FIXTURES, ROOT, removeDir, tempDir } from '../helpers/server';
import { startPostgres } from '../support/services';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const postgres = await startPostgres();
const root = tempDir('firebreak-workers-');
const clients: TestClient[] = [];
let server: ChildServer | null = null;
afterAll(async () => {
  for (const c of clients) c.close();
  if (server && !server.exited) await server.stop('SIGTERM').catch(() => server?.child.kill('SIGKILL'));
  removeDir(root);
  await postgres?.stop();
});

async function connect(url: string, label: string, transport: 'websocket' | 'polling'): Promise<TestClient> {
  const c = await TestClient.connect(url, label, { transport });
  clients.push(c);
  return c;
}

/** The pids of the workers that said they were ready, in order. */
function readyWorkers(child: ChildServer): number[] {
  return child.lines.flatMap((line) => {
    try {
      const record = JSON.parse(line) as { msg?: string; worker?: number };
      return record.msg === 'worker ready' && typeof record.worker === 'number' ? [record.worker] : [];
    } catch {
      return [];
    }
  });
}

describe('firebreak serve --workers', () => {
  it('refuses to start without a PostgreSQL database, saying why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--workers', '2'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--workers needs --database postgres:\/\//);
  });

  it.skipIf(!postgres)('serves one exercise from two workers to WebSocket and polling clients, and survives a worker killed', async () => {
    const database = await postgres!.createDatabase();
    server = await ChildServer.start({
      DATA_DIR: join(root, 'data'),
      SCENARIOS_DIR: writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES),
      DATABASE_URL: database,
      FIREBREAK_WORKERS: '2',
      FIREBREAK_LEASE_SECONDS: '2',
    });
    expect(readyWorkers(server)).toHaveLength(2);

    const f = await connect(server.url, 'facilitator', 'websocket');
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'workers' });
    await f.resume(created.facilitatorCredential);
    // Several connections, so the primary's least-connection balancing puts them on both workers.
    const players: TestClient[] = [];
    for (const [i, [team, code]] of Object.entries(created.codes.teams).entries()) {
      const player = await connect(server.url, `${team} (${i % 2 ? 'websocket' : 'polling'})`, i % 2 ? 'websocket' : 'polling');
      await player.join(code, `Player ${team}`);
      players.push(player);
    }
    await f.must({ type: 'startExercise' });
    for (const [i, player] of players.entries()) {
      for (let n = 0; n < 3; n++) await player.must({ type: 'chat', channel: 'team', text: `${i}:${n}` });
    }
    for (const c of [f, ...players]) await c.waitForView((v) => v.seq === 1 + players.length * 3, `${c.label} caught up`);

    // A worker dies: the primary starts another, and play goes on through whichever worker a client reaches.
    const [victim] = readyWorkers(server);
    process.kill(victim!, 'SIGKILL');
    await waitUntil(() => readyWorkers(server!).length >= 3, 'a replacement worker', 60_000, 100);
    const again = await connect(server.url, 'a player again', 'polling');
    await again.resume(players[0]!.credential!);
    let ack = await again.command({ type: 'chat', channel: 'team', text: 'after a worker died' }, 'after-death');
    // Until the dead worker's leases expire, its exercises answer UNAVAILABLE (send again).
    for (let i = 0; i < 60 && !ack.ok; i++) {
      expect(ack).toMatchObject({ code: 'UNAVAILABLE' });
      await new Promise((r) => setTimeout(r, 250));
      ack = await again.command({ type: 'chat', channel: 'team', text: 'after a worker died' }, 'after-death');
    }
    expect(ack).toMatchObject({ ok: true, seq: 2 + players.length * 3 });

    await server.stop('SIGTERM');
    expect(server.exited?.code, server.lines.slice(-15).join('\n')).toBe(0);
  });
});
