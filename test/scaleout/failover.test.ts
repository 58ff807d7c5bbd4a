/**
 * Two, then three, server processes (real child processes) on one real
 * PostgreSQL and one real Redis, the seats of one exercise spread over all
 * of them. The players on the processes that do not own the exercise have
 * their commands forwarded, each answered once; under load the owner is
 * killed with SIGKILL; the clients on it reconnect to the others, resume
 * their seats with their credential and last seq, and resend every command
 * left unanswered, each of which is then answered exactly once; a round
 * clock that runs out while the owner is dead fires exactly once; nothing
 * acknowledged is lost, every process holds the same state (the log replays
 * to its hash) and every client converged on it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CommandBody } from '../../src/engine/types';
import type { CommandAck } from '../../src/protocol/events';
import { TestClient, waitUntil } from '../helpers/client';
import { ChildServer, removeDir, tempDir } from '../helpers/server';
import { startPostgres, startRedis } from '../support/services';
import { exportLog, expectLogKeeps, send, startProcesses, until } from './cluster';

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

async function connect(server: ChildServer, label: string): Promise<TestClient> {
  const c = await TestClient.connect(server.url, label);
  clients.push(c);
  return c;
}

describe.skipIf(!postgres || !redis)('several server processes, the owner killed', () => {
  it.each([2, 3])('%i processes: forward, fail over, answer every command once, fire the clock once and lose nothing acknowledged', async (count) => {
    const processes = await startProcesses(count, { root: join(root, `${count}-processes`), databaseUrl: await postgres!.createDatabase(), redisUrl: redis!.url, started: children });
    const [owner, ...survivors] = processes as [ChildServer, ...ChildServer[]];
    const name = (p: ChildServer) => `process ${processes.indexOf(p)}`;

    // Both exercises are created through the first process, which owns them.
    const f = await connect(owner, 'facilitator on the owner');
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'failover-seed' });
    await f.resume(created.facilitatorCredential);
    const ff = await connect(owner, 'fast facilitator on the owner');
    const fast = await ff.create({ scenarioId: 'test-fast', seed: 'fast-seed' });
    await ff.resume(fast.facilitatorCredential);
    // Team i plays on process (i + 1) mod count: some on the owner, the others spread over the rest.
    const players: { team: string; on: ChildServer; client: TestClient }[] = [];
    for (const [i, [team, code]] of Object.entries(created.codes.teams).entries()) {
      const on = processes[(i + 1) % count]!;
      const client = await connect(on, `${team} on ${name(on)}`);
      await client.join(code, `${team} player`);
      players.push({ team, on, client });
    }
    expect(players.some((p) => p.on === owner)).toBe(true);
    await f.must({ type: 'startExercise' });

    // Forwarded: sent to a process that does not own the exercise, run by the owner, answered once, shown there.
    const acked = new Map<string, number>();
    for (const { team, on, client } of players.filter((p) => p.on !== owner)) {
      for (let i = 0; i < 3; i++) {
        const id = `forwarded-${team}-${i}`;
        const ack = await send(client, id, { type: 'chat', channel: 'team', text: `forwarded through ${name(on)}` });
        expect(ack).toMatchObject({ ok: true });
        if (ack?.ok) acked.set(id, ack.seq);
      }
      await client.waitForView((v) => v.seq >= Math.max(...acked.values()), `the forwarded chats on ${name(on)}`);
    }

    // The fast exercise's round clock will run out while the owner is dead.
    await ff.must({ type: 'startExercise' });
    await ff.must({ type: 'advance' });
    const deadline = ff.view!.clock.deadline!;
    const round = ff.view!.round;

    // Load from every process; the owner dies in the middle of it.
    let killedAt = 0;
    const sent: { player: (typeof players)[number]; id: string; body: CommandBody; ack: Promise<CommandAck | null> }[] = [];
    for (let i = 0; i < 24; i++) {
      for (const player of players) {
        const id = `${player.team}-${i}-${randomUUID().slice(0, 8)}`;
        const body: CommandBody = { type: 'chat', channel: 'team', text: `load ${player.team} ${i}` };
        sent.push({ player, id, body, ack: send(player.client, id, body) });
      }
      if (i === 12) {
        await owner.kill9();
        killedAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(owner.exited?.signal).toBe('SIGKILL');
    const unanswered: typeof sent = [];
    for (const s of sent) {
      const ack = await s.ack;
      if (ack?.ok) acked.set(s.id, ack.seq);
      else unanswered.push(s);
    }
    expect(unanswered.length).toBeGreaterThan(0);

    // The owner's clients reconnect to the survivors (spread over them) and resume with their credential and last seq.
    const facilitators: TestClient[] = [];
    for (const on of survivors) {
      const facilitator = await connect(on, `facilitator on ${name(on)}`);
      await facilitator.resume(created.facilitatorCredential, f.view!.seq);
      facilitators.push(facilitator);
    }
    for (const [i, player] of players.filter((p) => p.on === owner).entries()) {
      const on = survivors[i % survivors.length]!;
      const again = await connect(on, `${player.team} again on ${name(on)}`);
      const resumed = await again.resume(player.client.credential!, player.client.view!.seq);
      expect(resumed.seat).toMatchObject({ team: player.team, name: `${player.team} player` });
      player.client.close();
      Object.assign(player, { on, client: again });
    }
    for (const c of [f, ff]) c.close();

    // Every unanswered command, resent with its id through the player's process now, is accepted once.
    for (const s of unanswered) {
      const answers = await until(s.player.client, s.id, s.body);
      const last = answers[answers.length - 1]!;
      if (last.ok) acked.set(s.id, last.seq);
    }

    // Every client converges on the log's end (a process that follows the log may be a moment behind its owner).
    const lastSeq = Math.max(...(await Promise.all(facilitators.map(exportLog))).map((doc) => doc.commands.length));
    for (const c of [...facilitators, ...players.map((p) => p.client)]) await c.waitForView((v) => v.seq === lastSeq, `${c.label} at seq ${lastSeq}`);
    // Nothing acknowledged is lost, each id is logged once, every process holds the same state and shows the facilitator the same.
    const docs = await Promise.all(facilitators.map(exportLog));
    expectLogKeeps(docs[0]!, acked, sent.map((s) => s.id));
    for (const [i, doc] of docs.entries()) expect(doc.stateHash, `${facilitators[i]!.label}'s state`).toBe(docs[0]!.stateHash);
    for (const facilitator of facilitators.slice(1)) expect(facilitator.view, facilitator.label).toEqual(facilitators[0]!.view);

    // The round clock that ran out while the owner was dead fired once, on a survivor.
    expect(deadline).toBeGreaterThan(killedAt);
    const ff2 = await connect(survivors[survivors.length - 1]!, 'fast facilitator on a survivor');
    await ff2.resume(fast.facilitatorCredential);
    await ff2.waitForView((v) => v.phase === 'results', 'the clock expiry, fired by a survivor', 30_000);
    const fastDoc = await exportLog(ff2);
    expect(fastDoc.commands.filter((c) => c.body.type === 'clockExpired' && c.body.round === round)).toHaveLength(1);
    await waitUntil(() => survivors.some((s) => s.lines.some((l) => l.includes('took over an exercise'))), 'a survivor to log the takeover');

    for (const s of survivors) {
      await s.stop('SIGTERM');
      expect(s.exited?.code, `${name(s)} stopped cleanly`).toBe(0);
    }
  });
});
