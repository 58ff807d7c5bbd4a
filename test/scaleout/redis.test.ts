/**
 * Two server processes' worth of servers (in this test process) on one real
 * PostgreSQL and one real Redis: the Redis adapter carries what one sends to
 * the other's sockets, a command sent through the process that does not own
 * the exercise is forwarded to its owner and answered once, /healthz reports
 * Redis beside the database, and while Redis is gone the server refuses
 * writes with UNAVAILABLE and the reason, then takes them again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../src/server/storage/postgres';
import { TestClient, waitUntil } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';
import { startPostgres, startRedis } from '../support/services';

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
afterAll(() => Promise.all([postgres?.stop(), redis?.stop()]));

interface Health {
  status: number;
  body: { ok: boolean; storage: { state: string }; redis?: { ok: boolean; state: string; reason?: string; location: string } };
}
async function health(url: string): Promise<Health> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

/** The Redis state /healthz reports, polled in the background (waitUntil probes synchronously). */
const states = new Map<string, string>();
function redisState(url: string): string | undefined {
  void health(url).then(
    (h) => states.set(url, h.body.redis?.state ?? 'none'),
    () => undefined,
  );
  return states.get(url);
}

async function pair(): Promise<[TestServer, TestServer, string]> {
  const database = await postgres!.createDatabase();
  const limits = { leaseSeconds: 2 };
  const a = await startTestServer({ database, redis: redis!.url, limits });
  const b = await startTestServer({ database, redis: redis!.url, limits, scenariosDir: a.scenariosDir });
  return [a, b, database];
}

async function loggedIds(database: string, exerciseId: string): Promise<string[]> {
  const store = await PostgresStorage.open(database);
  try {
    return (await store.read(exerciseId)).map((r) => r.command.id);
  } finally {
    await store.close();
  }
}

describe.skipIf(!postgres || !redis)('servers linked through Redis', () => {
  it('refuses --redis without a PostgreSQL database, saying why', async () => {
    await expect(startTestServer({ redis: redis!.url })).rejects.toThrow(/need a database they all reach: add --database postgres/);
  });

  it('forwards a command from the process without the exercise to its owner, answers it once, and shows it on both', async () => {
    const [a, b, database] = await pair();
    const facilitator = await TestClient.connect(a.url, 'facilitator on A');
    const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 's', facilitatorName: 'F' });
    await facilitator.resume(created.facilitatorCredential);
    const [team, code] = Object.entries(created.codes.teams)[0]!;
    const player = await TestClient.connect(b.url, 'player on B');
    const joined = await player.join(code, 'Pat on B');
    expect(joined.seat.team).toBe(team);
    await facilitator.must({ type: 'startExercise' });
    await player.waitForView((v) => v.seq >= 1, 'the start, seen on B');

    const id = 'chat-through-b';
    const first = await player.command({ type: 'chat', channel: 'team', text: 'sent to B, stored by A' }, id);
    expect(first).toMatchObject({ ok: true });
    const again = await player.command({ type: 'chat', channel: 'team', text: 'sent to B, stored by A' }, id);
    expect(again).toMatchObject({ ok: true, duplicate: true, seq: (first as { seq: number }).seq });
    await player.waitForView((v) => v.seq >= (first as { seq: number }).seq, 'its own chat on B');
    await facilitator.waitForView((v) => v.seq >= (first as { seq: number }).seq, 'the chat on A');
    // Presence is the owner's (A's) and reaches B's socket through Redis.
    await waitUntil(() => player.presences.some((p) => p.seats.some((s) => s.name === 'Pat on B' && s.connected)), 'presence from A on B');
    // Exactly one record in the log for the id.
    expect((await loggedIds(database, created.exerciseId)).filter((logged) => logged === id)).toHaveLength(1);
    facilitator.close();
    player.close();
    await Promise.all([b.dispose(), a.dispose()]);
  });

  it('reports Redis on /healthz, refuses writes while it is gone, and takes them again once it is back', async () => {
    const [a, b] = await pair();
    const facilitator = await TestClient.connect(a.url, 'facilitator');
    const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 's', facilitatorName: 'F' });
    await facilitator.resume(created.facilitatorCredential);
    expect((await health(a.url)).body).toMatchObject({ ok: true, redis: { ok: true, state: 'ok' } });
    await redis!.halt();
    try {
      await waitUntil(() => redisState(a.url) === 'unreachable', 'the server to notice Redis is gone', 20_000, 100);
      const h = await health(a.url);
      expect(h.status).toBe(503);
      expect(h.body.storage.state).toBe('ok');
      expect(h.body.redis?.reason).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/? cannot be reached/);
      const refused = await facilitator.command({ type: 'startExercise' });
      expect(refused).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect(!refused.ok && refused.message).toMatch(/lost Redis/);
    } finally {
      await redis!.start();
    }
    await waitUntil(() => redisState(a.url) === 'ok', 'the server to recover', 20_000, 100);
    expect((await health(a.url)).status).toBe(200);
    expect(await facilitator.must({ type: 'startExercise' })).toBe(1);
    facilitator.close();
    await Promise.all([b.dispose(), a.dispose()]);
  });
});
