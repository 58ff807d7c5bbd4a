/**
 * Two server processes (real child processes) on one real PostgreSQL and
 * one real Redis. A player on B plays an exercise owned by A (its commands
 * forwarded, each answered once); under load A is killed with SIGKILL; the
 * clients on A reconnect to B, resume their seats with their credential and
 * last seq, and resend every command left unanswered, each of which is then
 * answered exactly once; a round clock that runs out while A is dead fires
 * exactly once; nothing acknowledged is lost, the log replays to the state
 * every client converged on.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadScenarioText, replay, stateHash } from '../../src/engine';
import type { Command, CommandBody } from '../../src/engine/types';
import type { CommandAck, ExportAck } from '../../src/protocol/events';
import { TestClient, waitUntil } from '../helpers/client';
import { writeScenarioDir } from '../helpers/scenario';
import { ChildServer, DEFAULT_FIXTURES, removeDir, tempDir } from '../helpers/server';
import { startPostgres, startRedis } from '../support/services';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const root = tempDir('firebreak-failover-');
const children: ChildServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const child of children) if (!child.exited) child.child.kill('SIGKILL');
  removeDir(root);
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

interface ExportDoc {
  seed: string;
  scenarioText: string;
  stateHash: string;
  commands: { seq: number; id: string; atMs: number; actor: Command['actor']; body: Record<string, unknown> }[];
}

async function connect(url: string, label: string): Promise<TestClient> {
  const c = await TestClient.connect(url, label);
  clients.push(c);
  return c;
}

/** A command sent with a short wait: null when no answer came (its process died with it in flight). */
async function send(client: TestClient, id: string, body: CommandBody): Promise<CommandAck | null> {
  return client.request<CommandAck>('command', { id, body }, 4000).catch(() => null);
}

/** Sends a command until it is accepted (the exercise may be changing hands); every answer it got. */
async function until(client: TestClient, id: string, body: CommandBody): Promise<CommandAck[]> {
  const answers: CommandAck[] = [];
  for (let i = 0; i < 100; i++) {
    const ack = await send(client, id, body);
    if (ack) answers.push(ack);
    if (ack?.ok) return answers;
    if (ack && ack.code !== 'UNAVAILABLE' && ack.code !== 'STORAGE_ERROR') throw new Error(`${id}: ${ack.code} ${ack.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${id} was never accepted: ${JSON.stringify(answers)}`);
}

describe.skipIf(!postgres || !redis)('two server processes, the owner killed', () => {
  it('forwards, fails over, answers every command once, fires the clock once and loses nothing acknowledged', async () => {
    const database = await postgres!.createDatabase();
    const scenariosDir = writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES);
    const env = (name: string) => ({
      DATA_DIR: join(root, name),
      SCENARIOS_DIR: scenariosDir,
      DATABASE_URL: database,
      REDIS_URL: redis!.url,
      FIREBREAK_LEASE_SECONDS: '2',
    });
    const a = await ChildServer.start(env('a'));
    children.push(a);
    const b = await ChildServer.start(env('b'));
    children.push(b);

    // Both exercises are created through A, which owns them.
    const f = await connect(a.url, 'facilitator on A');
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'failover-seed' });
    await f.resume(created.facilitatorCredential);
    const ff = await connect(a.url, 'fast facilitator on A');
    const fast = await ff.create({ scenarioId: 'test-fast', seed: 'fast-seed' });
    await ff.resume(fast.facilitatorCredential);
    const onB = await connect(b.url, 'atlantia on B');
    await onB.join(created.codes.teams.atlantia!, 'Ana on B');
    const onA = await connect(a.url, 'borealis on A');
    await onA.join(created.codes.teams.borealis!, 'Ben on A');
    await f.must({ type: 'startExercise' });

    // Forwarded: sent to B, run by A, answered once, shown on B.
    const acked = new Map<string, number>();
    for (let i = 0; i < 5; i++) {
      const id = `b-forwarded-${i}`;
      const ack = await send(onB, id, { type: 'chat', channel: 'team', text: `forwarded ${i}` });
      expect(ack).toMatchObject({ ok: true });
      if (ack?.ok) acked.set(id, ack.seq);
    }
    await onB.waitForView((v) => v.seq >= Math.max(...acked.values()), 'the forwarded chats on B');

    // The fast exercise's round clock will run out while A is dead.
    await ff.must({ type: 'startExercise' });
    await ff.must({ type: 'advance' });
    const deadline = ff.view!.clock.deadline!;
    const round = ff.view!.round;

    // Load from both processes; A dies in the middle of it.
    let killedAt = 0;
    const sent: { client: 'A' | 'B'; id: string; body: CommandBody; ack: Promise<CommandAck | null> }[] = [];
    for (let i = 0; i < 24; i++) {
      for (const [client, socket] of [
        ['A', onA],
        ['B', onB],
      ] as const) {
        const id = `${client}-${i}-${randomUUID().slice(0, 8)}`;
        const body: CommandBody = { type: 'chat', channel: 'team', text: `load ${client} ${i}` };
        sent.push({ client, id, body, ack: send(socket, id, body) });
      }
      if (i === 12) {
        await a.kill9();
        killedAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(a.exited?.signal).toBe('SIGKILL');
    const unanswered: typeof sent = [];
    for (const s of sent) {
      const ack = await s.ack;
      if (ack?.ok) acked.set(s.id, ack.seq);
      else unanswered.push(s);
    }
    expect(unanswered.length).toBeGreaterThan(0);

    // The clients of A reconnect to B and resume with their credential and last seq.
    const f2 = await connect(b.url, 'facilitator on B');
    await f2.resume(created.facilitatorCredential, f.view!.seq);
    const onA2 = await connect(b.url, 'borealis on B');
    const resumed = await onA2.resume(onA.credential!, onA.view!.seq);
    expect(resumed.seat).toMatchObject({ team: 'borealis', name: 'Ben on A' });
    for (const c of [f, ff, onA]) c.close();

    // Every unanswered command, resent with its id, is accepted once.
    for (const s of unanswered) {
      const answers = await until(s.client === 'A' ? onA2 : onB, s.id, s.body);
      const last = answers[answers.length - 1]!;
      if (last.ok) acked.set(s.id, last.seq);
    }

    const after = await f2.request<ExportAck>('export', { format: 'json' });
    const doc = JSON.parse(after.ok ? after.data : '{}') as ExportDoc;
    // Nothing acknowledged is lost, and each command id is logged once, at the seq it was acknowledged with.
    const bySeq = new Map(doc.commands.map((c) => [c.seq, c.id]));
    for (const [id, seq] of acked) expect(bySeq.get(seq), id).toBe(id);
    const ids = doc.commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of sent) expect(ids.filter((id) => id === s.id)).toHaveLength(1);
    expect(doc.commands.map((c) => c.seq)).toEqual(doc.commands.map((_, i) => i + 1));

    // Every client converged on the log's end, and the log replays to the state the server holds.
    const lastSeq = doc.commands.length;
    for (const c of [f2, onA2, onB]) await c.waitForView((v) => v.seq === lastSeq, `${c.label} at seq ${lastSeq}`);
    const loaded = loadScenarioText(doc.scenarioText, 'exported.json');
    if (!loaded.ok) throw new Error('exported scenario does not load');
    const commands = doc.commands.map((c) => ({ ...c.body, id: c.id, actor: c.actor, at: c.atMs }) as Command);
    expect(stateHash(replay(loaded.scenario, doc.seed, commands).state)).toBe(doc.stateHash);

    // The round clock that ran out while A was dead fired once, on B.
    expect(deadline).toBeGreaterThan(killedAt);
    const ff2 = await connect(b.url, 'fast facilitator on B');
    await ff2.resume(fast.facilitatorCredential);
    await ff2.waitForView((v) => v.phase === 'results', 'the clock expiry, fired by B', 30_000);
    const fastLog = await ff2.request<ExportAck>('export', { format: 'json' });
    const fastDoc = JSON.parse(fastLog.ok ? fastLog.data : '{}') as ExportDoc;
    expect(fastDoc.commands.filter((c) => c.body.type === 'clockExpired' && c.body.round === round)).toHaveLength(1);
    await waitUntil(() => b.lines.some((l) => l.includes('took over an exercise')), 'B to log the takeover');

    await b.stop('SIGTERM');
    expect(b.exited?.code).toBe(0);
  });
});
