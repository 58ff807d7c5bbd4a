/**
 * Storage faults are seen, and nothing acknowledged is lost: a full file, a
 * read-only folder, and what start-up verification finds in a data folder
 * (a damaged WAL or database file, a log that no longer replays, exercises
 * that vanished or lost records since the last clean shutdown), each with a
 * real server, real clients and a real SQLite file.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StorageReport } from '../../src/server/storage/health';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import { scanWal } from '../../src/server/storage/verify';
import { TestClient } from '../helpers/client';
import { DEFAULT_FIXTURES, removeDir, startTestServer, tempDir, type TestServer } from '../helpers/server';
import { writeScenarioDir } from '../helpers/scenario';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Health {
  ok: boolean;
  exercises: number;
  degraded?: string[];
  storage: StorageReport;
}

let root: string;
let scenariosDir: string;
const clients: TestClient[] = [];
const servers: TestServer[] = [];

beforeAll(() => {
  root = tempDir('firebreak-faults-');
  scenariosDir = writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES);
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.close();
  removeDir(root);
});

async function connect(url: string, label: string): Promise<TestClient> {
  const c = await TestClient.connect(url, label);
  clients.push(c);
  return c;
}
async function start(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer({ scenariosDir, ...options });
  servers.push(server);
  return server;
}
async function health(server: TestServer): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}
/** Polls /healthz (the folder probe runs at most once a second) until `done`. */
async function healthUntil(server: TestServer, done: (h: { status: number; body: Health }) => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    const h = await health(server);
    if (done(h)) return h;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

function capture(): { logger: pino.Logger; lines: () => { level: number; msg: string; [key: string]: unknown }[] } {
  const raw: string[] = [];
  return { logger: pino({ level: 'info' }, { write: (line: string) => void raw.push(line) }), lines: () => raw.map((l) => JSON.parse(l)) };
}

/** A facilitator and one team player in a started exercise of test-fixture. */
async function table(server: TestServer, label: string) {
  const f = await connect(server.url, `${label} facilitator`);
  const created = await f.create({ scenarioId: 'test-fixture' });
  await f.resume(created.facilitatorCredential);
  const p = await connect(server.url, `${label} player`);
  await p.join(created.codes.teams.atlantia!, 'Pia');
  await f.must({ type: 'startExercise' });
  await f.must({ type: 'advance' });
  return { f, p, created };
}

describe('a full disk', () => {
  it('answers STORAGE_ERROR (never INTERNAL), reports 503 "full" on /healthz, and keeps every acknowledged command', async () => {
    const dataDir = join(root, 'full');
    // SQLite refuses to grow the file past max_page_count with SQLITE_FULL, exactly as on a full disk.
    const storage = new SqliteStorage(join(dataDir, 'firebreak.sqlite'), { maxPageCount: 90 });
    const server = await start({ dataDir, storage, limits: { eventsPerSecond: 10_000, eventBurst: 10_000, addressEventsPerSecond: 100_000 } });
    expect((await health(server)).status).toBe(200);
    const { p, created } = await table(server, 'full');

    const acknowledged: number[] = [];
    let refused: { ok: false; code: string } | null = null;
    for (let i = 0; i < 400 && !refused; i++) {
      const ack = await p.command({ type: 'chat', channel: 'team', text: `${i} ${'x'.repeat(1900)}` });
      if (ack.ok) acknowledged.push(ack.seq);
      else refused = ack as { ok: false; code: string };
    }
    expect(refused).toMatchObject({ code: 'STORAGE_ERROR' });

    const { status, body } = await health(server);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, storage: { ok: false, state: 'full' } });
    expect(body.storage.reason).toMatch(/SQLITE_FULL|full/i);

    // Creating an exercise needs room too: the answer is STORAGE_ERROR, not INTERNAL.
    const other = await connect(server.url, 'another facilitator');
    const text = readFileSync(join(scenariosDir, 'test-four.json'), 'utf8').replace('"test-four"', '"test-four-upload"');
    const answer = await other.request<{ ok: boolean; code?: string }>('exercise:create', { scenarioText: text, fileName: 'upload.json' });
    expect(answer).toMatchObject({ ok: false, code: 'STORAGE_ERROR' });

    // Every acknowledged command is in the log at the seq it was acknowledged with.
    const stored = await storage.read(created.exerciseId);
    const chats = new Set(stored.filter((r) => r.command.type === 'chat').map((r) => r.seq));
    for (const seq of acknowledged) expect(chats.has(seq)).toBe(true);
    expect(stored.at(-1)!.seq).toBe(acknowledged.at(-1));
  });
});

/** Can this process bind-mount (root with CAP_SYS_ADMIN, as in CI)? */
function canMount(): boolean {
  const probe = join(tempDir('firebreak-mount-'), 'dir');
  mkdirSync(probe);
  try {
    execFileSync('mount', ['--bind', probe, probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CAN_MOUNT = canMount();
if (!CAN_MOUNT && process.env.CI) {
  throw new Error('This process cannot bind-mount (root with CAP_SYS_ADMIN is needed): the read-only folder test cannot run under CI.');
}

describe.skipIf(!CAN_MOUNT)('a read-only data folder (a real read-only bind mount)', () => {
  it('makes /healthz answer 503 "read-only" with the reason, and healthy again once writable', async () => {
    const dataDir = join(root, 'readonly');
    const server = await start({ dataDir });
    await table(server, 'ro');
    expect((await health(server)).status).toBe(200);
    execFileSync('mount', ['--bind', dataDir, dataDir]);
    try {
      execFileSync('mount', ['-o', 'remount,ro,bind', dataDir]);
      const down = await healthUntil(server, (h) => h.status === 503, '/healthz to see the read-only folder');
      expect(down.body.storage).toMatchObject({ ok: false, state: 'read-only' });
      expect(down.body.storage.reason).toContain('EROFS');
    } finally {
      execFileSync('umount', [dataDir]);
    }
    await healthUntil(server, (h) => h.status === 200, '/healthz to recover');
  });
});

describe('verification on start', () => {
  it('quarantines a log that no longer replays, reports exercises that vanished or lost records, and serves the rest', async () => {
    const dataDir = join(root, 'verify');
    let server = await start({ dataDir });
    const tampered = await table(server, 'tampered');
    const seq = await tampered.p.must({ type: 'draftDecision', draft: { action: 'resilience' } });
    await tampered.p.must({ type: 'chat', channel: 'team', text: 'after the draft' });
    const vanishing = await table(server, 'vanishing');
    const shortened = await table(server, 'shortened');
    const shortSeq = await shortened.p.must({ type: 'chat', channel: 'team', text: 'the last word' });
    const intact = await table(server, 'intact');
    await intact.p.must({ type: 'chat', channel: 'team', text: 'still here' });
    await server.close(); // clean shutdown: writes the manifest
    expect(existsSync(join(dataDir, 'firebreak.manifest.json'))).toBe(true);

    const db = new Database(join(dataDir, 'firebreak.sqlite'));
    // A hand edit: the draft now names an action that does not exist.
    const row = db.prepare('SELECT command_json FROM log WHERE exercise_id = ? AND seq = ?').get(tampered.created.exerciseId, seq) as { command_json: string };
    const command = JSON.parse(row.command_json) as { draft: { action: string } };
    command.draft.action = 'forged-action';
    db.prepare('UPDATE log SET command_json = ? WHERE exercise_id = ? AND seq = ?').run(JSON.stringify(command), tampered.created.exerciseId, seq);
    // An exercise lost altogether, and one that lost its last record (as a restore of an older copy would).
    for (const table of ['log', 'snapshots', 'quarantine', 'seats', 'codes', 'exercises']) {
      db.prepare(`DELETE FROM ${table} WHERE ${table === 'exercises' ? 'id' : 'exercise_id'} = ?`).run(vanishing.created.exerciseId);
    }
    db.prepare('DELETE FROM log WHERE exercise_id = ? AND seq = ?').run(shortened.created.exerciseId, shortSeq);
    db.close();

    const log = capture();
    server = await start({ dataDir, logger: log.logger });
    const lines = log.lines();
    expect(lines.find((l) => l.msg.startsWith('REPLAY MISMATCH'))).toMatchObject({ level: 50, seq, code: 'UNKNOWN_ACTION' });
    expect(lines.find((l) => l.msg.startsWith('EXERCISE VANISHED'))).toMatchObject({ level: 50, exerciseId: vanishing.created.exerciseId });
    expect(lines.find((l) => l.msg.startsWith('LOG SHORTENED'))).toMatchObject({ level: 50, exerciseId: shortened.created.exerciseId, expectedSeq: shortSeq, foundSeq: shortSeq - 1 });

    const { status, body } = await health(server);
    // One exercise's trouble does not make the server unhealthy: the others are served.
    expect(status).toBe(200);
    expect(body.storage.findings).toMatchObject({ vanished: [vanishing.created.exerciseId], shortened: [{ exerciseId: shortened.created.exerciseId }] });
    expect(body.storage.quarantined.map((q) => q.exerciseId).sort()).toEqual([tampered.created.exerciseId, shortened.created.exerciseId].sort());
    expect(body.degraded?.sort()).toEqual([tampered.created.exerciseId, shortened.created.exerciseId].sort());

    // The quarantined exercise is kept and readable, but takes no new command.
    const again = await connect(server.url, 'tampered again');
    const resumed = await again.resume(tampered.created.facilitatorCredential);
    expect(resumed.view.chat.map((m) => m.text)).toContain('after the draft');
    expect(await again.command({ type: 'announce', text: 'carry on' })).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    // An intact exercise plays on.
    const player = await connect(server.url, 'intact again');
    await player.join(intact.created.codes.teams.borealis!, 'Bo');
    expect(await player.command({ type: 'chat', channel: 'team', text: 'and on' })).toMatchObject({ ok: true });

    // The quarantine and the vanished exercise are still reported after another clean restart.
    await server.close();
    server = await start({ dataDir });
    const later = (await health(server)).body;
    expect(later.storage.findings.vanished).toEqual([vanishing.created.exerciseId]);
    expect(later.storage.quarantined).toHaveLength(2);
  });

  it('reports a write-ahead log damaged in the middle, and a damaged database file, with 503 "damaged"', async () => {
    const dataDir = join(root, 'wal');
    const server = await start({ dataDir });
    const { p } = await table(server, 'wal');
    for (let i = 0; i < 12; i++) await p.must({ type: 'chat', channel: 'team', text: `message ${i}` });
    // A crash: the folder as it is on disk now, WAL included (nothing is checkpointed at a kill -9).
    const crashed = join(root, 'wal-crashed');
    mkdirSync(crashed);
    copyFileSync(join(dataDir, 'firebreak.sqlite'), join(crashed, 'firebreak.sqlite'));
    copyFileSync(join(dataDir, 'firebreak.sqlite-wal'), join(crashed, 'firebreak.sqlite-wal'));
    const wal = readFileSync(join(crashed, 'firebreak.sqlite-wal'));
    const before = scanWal(join(crashed, 'firebreak.sqlite-wal'));
    expect(before.problems).toEqual([]);
    expect(before.validFrames).toBeGreaterThan(4);
    // Flip one byte in the page of an early frame: every commit after it becomes unreadable.
    const pageSize = wal.readUInt32BE(8);
    const at = 32 + 2 * (24 + pageSize) + 24 + 100;
    wal[at] = wal[at]! ^ 0xff;
    writeFileSync(join(crashed, 'firebreak.sqlite-wal'), wal);

    const log = capture();
    const restarted = await start({ dataDir: crashed, logger: log.logger });
    expect(log.lines().find((l) => l.msg.startsWith('STORAGE DAMAGED'))).toMatchObject({ level: 50 });
    const { status, body } = await health(restarted);
    expect(status).toBe(503);
    expect(body.storage).toMatchObject({ ok: false, state: 'damaged' });
    expect(body.storage.findings.walProblems[0]).toMatch(/damaged at frame 3 of \d+: \d+ later commit/);
    await restarted.close();

    // A damaged database file: a page of the log overwritten.
    const broken = join(root, 'file-broken');
    mkdirSync(broken);
    await server.close();
    copyFileSync(join(dataDir, 'firebreak.sqlite'), join(broken, 'firebreak.sqlite'));
    const db = new Database(join(broken, 'firebreak.sqlite'), { readonly: true });
    const page = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'log' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1").get() as { pageno: number }).pageno;
    const size = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const file = readFileSync(join(broken, 'firebreak.sqlite'));
    file.fill(0x5a, (page - 1) * size + 8, page * size - 8);
    writeFileSync(join(broken, 'firebreak.sqlite'), file);
    const damaged = await start({ dataDir: broken });
    const report = (await health(damaged)).body.storage;
    expect(report).toMatchObject({ ok: false, state: 'damaged' });
    expect(report.findings.fileProblems.length).toBeGreaterThan(0);
  });
});
