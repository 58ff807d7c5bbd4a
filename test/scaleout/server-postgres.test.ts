/**
 * A server on PostgreSQL (a real, throw-away one): exercises survive a
 * restart, /healthz names the database, and while PostgreSQL is gone the
 * server refuses writes with UNAVAILABLE and a sentence, then takes them
 * again once it is back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient, waitUntil } from '../helpers/client';
import { setUpTable } from '../helpers/exercise';
import { startTestServer } from '../helpers/server';
import { startPostgres } from '../support/services';

const postgres = await startPostgres();
afterAll(() => postgres?.stop());

async function health(url: string): Promise<{ status: number; body: { ok: boolean; database?: { engine: string }; storage: { state: string; reason?: string } } }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

describe.skipIf(!postgres)('a server on PostgreSQL', () => {
  it('keeps exercises across a restart and reports its database on /healthz', async () => {
    const database = await postgres!.createDatabase();
    const first = await startTestServer({ database });
    const table = await setUpTable(first.url);
    await table.facilitator.must({ type: 'startExercise' });
    const seq = await Object.values(table.teams)[0]![0]!.must({ type: 'chat', channel: 'team', text: 'stored in PostgreSQL' });
    expect((await health(first.url)).body).toMatchObject({ ok: true, database: { engine: 'postgresql' }, storage: { state: 'ok' } });
    table.close();
    await first.dispose();

    const second = await startTestServer({ database });
    const facilitator = await TestClient.connect(second.url, 'facilitator again');
    const resumed = await facilitator.resume(table.facilitator.credential!);
    expect(resumed.view.seq).toBe(seq);
    facilitator.close();
    await second.dispose();
  });

  it('refuses writes with UNAVAILABLE while PostgreSQL is gone, and takes them again once it is back', async () => {
    const database = await postgres!.createDatabase();
    const server = await startTestServer({ database });
    const table = await setUpTable(server.url);
    await table.facilitator.must({ type: 'startExercise' });
    const player = Object.values(table.teams)[0]![0]!;
    await postgres!.halt();
    try {
      await waitUntil(() => healthState(server.url) === 'unreachable', 'the server to notice', 20_000, 100);
      const refused = await player.command({ type: 'chat', channel: 'team', text: 'while PostgreSQL is gone' });
      expect(refused).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect(!refused.ok && refused.message).toMatch(/lost its database \(PostgreSQL at postgres:\/\/firebreak@127\.0\.0\.1:\d+\/\w+ cannot be reached/);
      expect((await health(server.url)).status).toBe(503);
    } finally {
      await postgres!.start();
    }
    await waitUntil(() => healthState(server.url) === 'ok', 'the server to recover', 20_000, 100);
    const seq = await player.must({ type: 'chat', channel: 'team', text: 'after PostgreSQL came back' });
    expect(seq).toBeGreaterThan(1);
    table.close();
    await server.dispose();
  });
});

/** The storage state /healthz reports, polled in the background (waitUntil probes synchronously). */
const states = new Map<string, string>();
function healthState(url: string): string | undefined {
  void health(url).then(
    (h) => states.set(url, h.body.storage.state),
    () => undefined,
  );
  return states.get(url);
}
