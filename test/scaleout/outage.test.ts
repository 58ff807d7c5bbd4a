/**
 * One of two server processes (in this test process, on one real PostgreSQL
 * and one real Redis) loses PostgreSQL, or Redis, for a few seconds while
 * the players of the exercise it owns keep sending commands through both.
 * Its link to the service runs through a relay the test cuts, so the other
 * process keeps the service. While cut, the process answers /healthz 503
 * with a reason naming the service and refuses every command UNAVAILABLE,
 * saying which service it lost; it stops renewing its lease, so the other
 * process takes the exercise over and plays on. Once the link is back it
 * recovers by itself, its clients catch up, every command refused or left
 * unanswered is accepted when sent again, nothing acknowledged is lost and
 * both processes hold the same state.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CommandBody } from '../../src/engine/types';
import type { CommandAck } from '../../src/protocol/events';
import { TestClient, waitUntil } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';
import { startRelay, type Relay } from '../support/proxy';
import { startPostgres, startRedis } from '../support/services';
import { exportLog, expectLogKeeps, send, until } from './cluster';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const servers: TestServer[] = [];
const clients: TestClient[] = [];
const relays: Relay[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.dispose()));
  await Promise.all(relays.map((r) => r.close()));
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

interface ServiceHealth {
  ok: boolean;
  state: string;
  reason?: string;
}
interface Health {
  status: number;
  storage: ServiceHealth;
  redis: ServiceHealth;
}
async function health(url: string): Promise<Health> {
  const res = await fetch(`${url}/healthz`);
  const body = (await res.json()) as { storage: ServiceHealth; redis: ServiceHealth };
  return { status: res.status, storage: body.storage, redis: body.redis };
}

/** Asks until `accept` holds for the answer (waitUntil's probe is synchronous); the last answer. */
async function pollUntil<T>(ask: () => Promise<T>, accept: (answer: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  let asking = false;
  const probe = () => {
    if (!asking) {
      asking = true;
      void ask()
        .then((answer) => (last = answer))
        .catch(() => undefined)
        .finally(() => (asking = false));
    }
    return last !== undefined && accept(last);
  };
  await waitUntil(probe, what, 20_000, 100);
  return last!;
}

async function connect(server: TestServer, label: string): Promise<TestClient> {
  const c = await TestClient.connect(server.url, label);
  clients.push(c);
  return c;
}

/** How long the link to the service stays cut at least. */
const OUTAGE_MS = 3000;

const SERVICES = [
  {
    service: 'PostgreSQL',
    of: (h: Health) => h.storage,
    reason: /^PostgreSQL at postgres:\/\/firebreak@127\.0\.0\.1:\d+\/\w+ cannot be reached/,
    refusal: /has lost its database \(PostgreSQL at postgres:\/\/.* cannot be reached/,
  },
  {
    service: 'Redis',
    of: (h: Health) => h.redis,
    reason: /^Redis at redis:\/\/127\.0\.0\.1:\d+\/? cannot be reached/,
    refusal: /has lost Redis, which links it to the other server processes \(Redis at redis:\/\/.* cannot be reached/,
  },
] as const;

describe.skipIf(!postgres || !redis)('a process that loses a service for a few seconds', () => {
  it.each(SERVICES)('$service: refuses saying why, passes its exercise on, recovers, loses nothing', async ({ service, of, reason, refusal }) => {
    const database = await postgres!.createDatabase();
    const relay = await startRelay(service === 'PostgreSQL' ? postgres!.port : redis!.port);
    relays.push(relay);
    const limits = { leaseSeconds: 2 };
    const steady = await startTestServer({ database, redis: redis!.url, limits });
    servers.push(steady);
    const cutOff = await startTestServer({
      database: service === 'PostgreSQL' ? database.replace(`:${postgres!.port}/`, `:${relay.port}/`) : database,
      redis: service === 'Redis' ? `redis://127.0.0.1:${relay.port}` : redis!.url,
      limits,
      scenariosDir: steady.scenariosDir,
    });
    servers.push(cutOff);

    // The exercise is created through the process that will be cut off, which owns it; seats on both.
    const facilitator = await connect(cutOff, 'facilitator on the cut-off process');
    const created = await facilitator.create({ scenarioId: 'test-fixture', seed: `outage-${service}` });
    await facilitator.resume(created.facilitatorCredential);
    const players = await Promise.all(
      Object.entries(created.codes.teams).map(async ([team, code], i) => {
        const on = i % 2 ? cutOff : steady;
        const client = await connect(on, `${team} on the ${on === cutOff ? 'cut-off' : 'steady'} process`);
        await client.join(code, `${team} player`);
        return { team, on, client };
      }),
    );
    await facilitator.must({ type: 'startExercise' });

    // Players on both processes send a command every 100 ms throughout.
    const acked = new Map<string, number>();
    const sent: { player: (typeof players)[number]; id: string; body: CommandBody; at: number; ack: Promise<CommandAck | null> }[] = [];
    let n = 0;
    const load = setInterval(() => {
      n += 1;
      for (const player of players) {
        const id = `${player.team}-${n}`;
        const body: CommandBody = { type: 'chat', channel: 'team', text: `${service} outage load ${n}` };
        const ack = send(player.client, id, body).then((answer) => {
          if (answer?.ok) acked.set(id, answer.seq);
          return answer;
        });
        sent.push({ player, id, body, at: Date.now(), ack });
      }
    }, 100);
    try {
      await waitUntil(() => n >= 10, 'some load before the cut');
      relay.cut();
      const cutAt = Date.now();

      // The cut-off process says it lost the service, on /healthz and to every command.
      const down = await pollUntil(() => health(cutOff.url), (h) => !of(h).ok, `the process to notice it lost ${service}`);
      expect(down.status).toBe(503);
      expect(of(down).state).toBe('unreachable');
      expect(of(down).reason).toMatch(reason);
      const cutPlayer = players.find((p) => p.on === cutOff)!;
      const refused = await cutPlayer.client.command({ type: 'chat', channel: 'team', text: 'while cut off' });
      expect(refused).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect(!refused.ok && refused.message).toMatch(refusal);
      expect((await health(steady.url)).status).toBe(200);

      // The steady process takes the exercise over and its players play on.
      const steadyPlayer = players.find((p) => p.on === steady)!;
      await waitUntil(() => sent.some((s) => s.player === steadyPlayer && s.at > cutAt && acked.has(s.id)), 'a command accepted through the steady process during the cut', 20_000);
      // The load stops while the service is still cut off: what the process missed is not followed by any later change.
      clearInterval(load);
      await Promise.all(sent.map((s) => s.ack));
      await new Promise((r) => setTimeout(r, Math.max(0, cutAt + OUTAGE_MS - Date.now())));
    } finally {
      clearInterval(load);
      relay.restore();
    }
    await pollUntil(() => health(cutOff.url), (h) => h.status === 200, `the process to recover once ${service} is back`);

    // Every client catches up with what the steady process accepted meanwhile, before anything more is sent.
    const onSteady = await connect(steady, 'facilitator on the steady process');
    await onSteady.resume(created.facilitatorCredential);
    const before = await exportLog(onSteady);
    expect(before.commands.length).toBeGreaterThan(Math.max(...acked.values()) - 1);
    for (const c of [facilitator, ...players.map((p) => p.client)]) await c.waitForView((v) => v.seq === before.commands.length, `${c.label} caught up`);

    // Every command refused or unanswered is accepted when sent again; the others are answered as duplicates.
    for (const s of sent) {
      const answers = await until(s.player.client, s.id, s.body);
      const last = answers[answers.length - 1]!;
      if (last.ok) {
        if (acked.has(s.id)) expect(last).toMatchObject({ duplicate: true, seq: acked.get(s.id) });
        acked.set(s.id, last.seq);
      }
    }
    const [doc, steadyDoc] = await Promise.all([exportLog(facilitator), exportLog(onSteady)]);
    expectLogKeeps(doc, acked, sent.map((s) => s.id));
    expect(steadyDoc.stateHash).toBe(doc.stateHash);
    for (const c of [facilitator, onSteady, ...players.map((p) => p.client)]) await c.waitForView((v) => v.seq === doc.commands.length, `${c.label} at the end`);
  });
});
