/**
 * firebreak backup and firebreak check against a live server process: a
 * backup taken while commands are being written restores into a data folder
 * that a new server recovers and replays to the same state, and check tells
 * a sound folder from a tampered one.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportAck } from '../../src/protocol/events';
import { SNAPSHOT_EVERY } from '../../src/server/storage/records';
import { CLI_TEST_TIMEOUT } from '../helpers/cli';
import { TestClient } from '../helpers/client';
import { ChildServer, DEFAULT_FIXTURES, ROOT, removeDir, tempDir } from '../helpers/server';
import { writeScenarioDir } from '../helpers/scenario';

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT, hookTimeout: 60_000 });

const run = promisify(execFile);
async function firebreak(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/firebreak.js', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
let scenariosDir: string;
const children: ChildServer[] = [];
const clients: TestClient[] = [];
beforeAll(() => {
  root = tempDir('firebreak-backup-');
  scenariosDir = writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES);
});
afterAll(() => {
  for (const c of clients) c.close();
  for (const child of children) if (!child.exited) child.child.kill('SIGKILL');
  removeDir(root);
});
async function start(dataDir: string): Promise<ChildServer> {
  const child = await ChildServer.start({ DATA_DIR: dataDir, SCENARIOS_DIR: scenariosDir });
  children.push(child);
  return child;
}
async function connect(url: string, label: string): Promise<TestClient> {
  const c = await TestClient.connect(url, label);
  clients.push(c);
  return c;
}
/** A team chat, resent with the same id after RATE_LIMITED (the server's event limit is not what this test is about). */
async function chat(client: TestClient, text: string): Promise<void> {
  const id = randomUUID();
  for (;;) {
    const ack = await client.command({ type: 'chat', channel: 'team', text }, id);
    if (ack.ok) return;
    if (ack.code !== 'RATE_LIMITED') throw new Error(`${ack.code}: ${ack.message}`);
    await new Promise((r) => setTimeout(r, ack.retryAfterMs ?? 100));
  }
}
async function exportOf(client: TestClient): Promise<{ stateHash: string; commands: { seq: number; id: string }[] }> {
  const answer = await client.request<ExportAck>('export', { format: 'json' });
  if (!answer.ok) throw new Error(answer.message);
  return JSON.parse(answer.data);
}

describe('firebreak backup and check', () => {
  it('backs up a live server while it writes; the restored copy recovers, replays and checks sound', async () => {
    const dataDir = join(root, 'live');
    const server = await start(dataDir);
    const f = await connect(server.url, 'facilitator');
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'backup' });
    await f.resume(created.facilitatorCredential);
    const p = await connect(server.url, 'player');
    await p.join(created.codes.teams.atlantia!, 'Pia');
    await f.must({ type: 'startExercise' });
    await f.must({ type: 'advance' });
    // Long enough for the log to carry a snapshot.
    for (let i = 0; i < SNAPSHOT_EVERY + 10; i++) await chat(p, `before ${i}`);
    const before = await exportOf(f);

    // Commands keep arriving while the backup runs.
    const out = join(root, 'backup.sqlite');
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) await chat(p, `during ${i++}`);
    })();
    const backup = await firebreak('backup', '--data-dir', dataDir, out);
    writing = false;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup\.sqlite: 1 exercise\(s\), \d+ command\(s\)/);
    const live = await exportOf(f);

    // Restore: the copy becomes a new data folder's database.
    const restored = join(root, 'restored');
    mkdirSync(restored);
    copyFileSync(out, join(restored, 'firebreak.sqlite'));
    const check = await firebreak('check', '--data-dir', restored);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('sound: every exercise replays to its stored hashes');

    const second = await start(restored);
    const health = (await (await fetch(`${second.url}/healthz`)).json()) as { ok: boolean; exercises: number; degraded?: string[] };
    expect(health).toMatchObject({ ok: true, exercises: 1 });
    expect(health.degraded).toBeUndefined();
    const f2 = await connect(second.url, 'facilitator, restored');
    await f2.resume(created.facilitatorCredential);
    const copy = await exportOf(f2);
    // The backup holds a prefix of the live log, at least everything before it started.
    expect(copy.commands.length).toBeGreaterThanOrEqual(before.commands.length);
    expect(copy.commands).toEqual(live.commands.slice(0, copy.commands.length));
    if (copy.commands.length === before.commands.length) expect(copy.stateHash).toBe(before.stateHash);
    // Recovery started from the stored snapshot and replayed only the tail.
    const recovered = second.lines.map((l) => JSON.parse(l) as { msg: string; commands?: number; replayed?: number }).find((l) => l.msg === 'exercise recovered');
    expect(recovered!.commands).toBe(copy.commands.length);
    expect(recovered!.replayed).toBeLessThan(SNAPSHOT_EVERY + 16);
    // Play goes on in the restored copy.
    expect(await f2.command({ type: 'announce', text: 'restored' })).toMatchObject({ ok: true, seq: copy.commands.length + 1 });

    await second.stop('SIGTERM');
    await server.stop('SIGTERM');
  });

  it('check finds a tampered log and exits 1; backup refuses to overwrite', async () => {
    const dataDir = join(root, 'tampered');
    const server = await start(dataDir);
    const f = await connect(server.url, 'facilitator');
    const created = await f.create({ scenarioId: 'test-fixture' });
    await f.resume(created.facilitatorCredential);
    await f.must({ type: 'startExercise' });
    await f.must({ type: 'advance' });
    await server.stop('SIGTERM');
    expect((await firebreak('check', '--data-dir', dataDir)).code).toBe(0);

    const db = new Database(join(dataDir, 'firebreak.sqlite'));
    db.prepare("UPDATE log SET state_hash = ? WHERE exercise_id = ? AND seq = 2").run('0'.repeat(64), created.exerciseId);
    db.close();
    const check = await firebreak('check', '--data-dir', dataDir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`REPLAY MISMATCH  ${created.exerciseId}`);
    expect(check.stdout).toContain('NOT SOUND');
    const json = JSON.parse((await firebreak('check', '--data-dir', dataDir, '--json')).stdout) as { sound: boolean; exercises: { problems: string[] }[] };
    expect(json.sound).toBe(false);
    expect(json.exercises[0]!.problems[0]).toMatch(/^seq 2 .* replayed to state/);

    const out = join(root, 'exists.sqlite');
    expect((await firebreak('backup', '--data-dir', dataDir, out)).code).toBe(0);
    const again = await firebreak('backup', '--data-dir', dataDir, out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; pass --force');
    expect((await firebreak('check', '--data-dir', join(root, 'nowhere'))).stderr).toContain('holds no firebreak.sqlite');
  });
});
