/**
 * Nothing acknowledged is lost: the server runs as its own process
 * (node --import tsx src/server/main.ts), is killed with SIGKILL mid-game,
 * and restarts from the same DATA_DIR.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadScenarioText, replay, stateHash } from '../../src/engine';
import type { Command } from '../../src/engine/types';
import type { ExportAck } from '../../src/protocol/events';
import { TestClient } from '../helpers/client';
import { DEFAULT_FIXTURES, ChildServer, removeDir, tempDir } from '../helpers/server';
import { writeScenarioDir } from '../helpers/scenario';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let root: string;
let env: { DATA_DIR: string; SCENARIOS_DIR: string };
const children: ChildServer[] = [];
const clients: TestClient[] = [];

beforeAll(() => {
  root = tempDir('firebreak-recovery-');
  env = { DATA_DIR: join(root, 'data'), SCENARIOS_DIR: writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES) };
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const child of children) if (!child.exited) child.child.kill('SIGKILL');
  removeDir(root);
});

async function start(): Promise<ChildServer> {
  const child = await ChildServer.start(env);
  children.push(child);
  return child;
}
async function connect(url: string, label: string): Promise<TestClient> {
  const c = await TestClient.connect(url, label);
  clients.push(c);
  return c;
}

interface ExportDoc {
  seed: string;
  scenarioText: string;
  stateHash: string;
  commands: { seq: number; id: string; atMs: number; actor: Command['actor']; body: Record<string, unknown> }[];
}

describe('restart after kill -9', () => {
  it('keeps every acknowledged command, the state hash, seats and the round clock', async () => {
    let server = await start();
    const f = await connect(server.url, 'facilitator');
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'recovery-seed' });
    await f.resume(created.facilitatorCredential);
    const a = await connect(server.url, 'atlantia');
    const b = await connect(server.url, 'borealis');
    await a.join(created.codes.teams.atlantia!, 'Ana');
    await b.join(created.codes.teams.borealis!, 'Ben');
    const credentials = { f: created.facilitatorCredential, a: a.credential!, b: b.credential! };

    // A second exercise whose round clock is running when the server dies.
    const fast = await f.create({ scenarioId: 'test-fast', seed: 'fast-seed' });
    const ff = await connect(server.url, 'fast-facilitator');
    await ff.resume(fast.facilitatorCredential);

    const acked: { id: string; seq: number }[] = [];
    const send = async (client: TestClient, body: Parameters<TestClient['command']>[0]) => {
      const id = randomUUID();
      const ack = await client.command(body, id);
      if (!ack.ok) throw new Error(`${body.type}: ${ack.code} ${ack.message}`);
      acked.push({ id, seq: ack.seq });
      return ack;
    };
    await send(f, { type: 'startExercise' });
    await send(f, { type: 'advance' });
    await send(a, { type: 'draftDecision', draft: { action: 'resilience', rationale: 'before the crash' } });
    await send(b, { type: 'chat', channel: 'coalition', text: 'hello allies' });
    await send(a, { type: 'lockDecisions' });
    // A burst of commands acknowledged just before the kill.
    const burst = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const id = randomUUID();
        const ack = await b.command({ type: 'chat', channel: 'team', text: `burst ${i}` }, id);
        return { id, ack };
      }),
    );
    for (const { id, ack } of burst) {
      expect(ack.ok).toBe(true);
      if (ack.ok) acked.push({ id, seq: ack.seq });
    }
    const before = await f.request<ExportAck>('export', { format: 'json' });
    const beforeDoc = JSON.parse(before.ok ? before.data : '{}') as ExportDoc;

    await ff.must({ type: 'startExercise' });
    await ff.must({ type: 'advance' });
    const fastDeadline = ff.view!.clock.deadline!;

    await server.kill9();
    expect(server.exited?.signal).toBe('SIGKILL');
    // Stay down until the fast exercise's deadline has passed.
    await new Promise((r) => setTimeout(r, Math.max(0, fastDeadline - Date.now()) + 200));

    server = await start();
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, exercises: 2 });

    // Same credentials, same seats.
    const f2 = await connect(server.url, 'facilitator again');
    const resumed = await f2.resume(credentials.f, beforeDoc.commands.length);
    const lastAcked = Math.max(...acked.map((x) => x.seq));
    expect(resumed.view.seq).toBe(lastAcked);
    const a2 = await connect(server.url, 'atlantia again');
    expect((await a2.resume(credentials.a)).seat).toMatchObject({ team: 'atlantia', name: 'Ana', lead: true });
    expect(a2.view!.teams.find((t) => t.id === 'atlantia')!.locked).toBe(true);

    // Every acknowledged command is in the log at the seq it was acknowledged with.
    const after = await f2.request<ExportAck>('export', { format: 'json' });
    const doc = JSON.parse(after.ok ? after.data : '{}') as ExportDoc;
    const bySeq = new Map(doc.commands.map((c) => [c.seq, c.id]));
    for (const { id, seq } of acked) expect(bySeq.get(seq)).toBe(id);
    expect(doc.stateHash).toBe(beforeDoc.stateHash);

    // An independent replay of the exported log reaches the same hash.
    const loaded = loadScenarioText(doc.scenarioText, 'exported.json');
    if (!loaded.ok) throw new Error('exported scenario does not load');
    const commands = doc.commands.map((c) => ({ ...c.body, id: c.id, actor: c.actor, at: c.atMs }) as Command);
    expect(stateHash(replay(loaded.scenario, doc.seed, commands).state)).toBe(doc.stateHash);

    // A retry of a command acknowledged before the crash is answered, not re-applied.
    const retry = await a2.command({ type: 'lockDecisions' }, acked[4]!.id);
    expect(retry).toEqual({ ok: true, seq: acked[4]!.seq, duplicate: true });
    // Play goes on from where it stopped.
    const b2 = await connect(server.url, 'borealis again');
    await b2.resume(credentials.b);
    const ack = await b2.command({ type: 'chat', channel: 'team', text: 'after the restart' });
    expect(ack).toMatchObject({ ok: true, seq: lastAcked + 1 });

    // The round clock that ran out while the server was down is enforced on restart.
    const ff2 = await connect(server.url, 'fast again');
    await ff2.resume(fast.facilitatorCredential);
    await ff2.waitForView((v) => v.phase === 'results', 'the overdue clockExpired', 20_000);

    // A graceful stop exits cleanly.
    await server.stop('SIGTERM');
    expect(server.exited?.code).toBe(0);
  });
});
