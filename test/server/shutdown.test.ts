/**
 * SIGTERM: the server stops taking new commands, answers every command it
 * has received, then closes. A burst is in flight when the signal arrives;
 * every command gets an answer (none is left to a disconnect), and every
 * acknowledged one is in the log afterwards.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandAck } from '../../src/protocol/events';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import { TestClient, waitUntil } from '../helpers/client';
import { writeScenarioDir } from '../helpers/scenario';
import { ChildServer, DEFAULT_FIXTURES, removeDir, tempDir } from '../helpers/server';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

let root: string;
const clients: TestClient[] = [];
beforeAll(() => {
  root = tempDir('firebreak-shutdown-');
});
afterAll(() => {
  for (const c of clients) c.close();
  removeDir(root);
});

describe('SIGTERM', () => {
  it('answers every command of a burst in flight, and stores every acknowledged one', async () => {
    const dataDir = join(root, 'data');
    const server = await ChildServer.start({
      DATA_DIR: dataDir,
      SCENARIOS_DIR: writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES),
      // The burst is about shutdown, not rate limits.
      FIREBREAK_EVENTS_PER_SECOND: '100000',
      FIREBREAK_EVENT_BURST: '100000',
      FIREBREAK_ADDRESS_EVENTS_PER_SECOND: '100000',
    });
    const f = await TestClient.connect(server.url, 'facilitator');
    clients.push(f);
    const created = await f.create({ scenarioId: 'test-fixture', seed: 'shutdown' });
    await f.resume(created.facilitatorCredential);
    await f.must({ type: 'startExercise' });
    await f.must({ type: 'advance' });
    const players = await Promise.all(
      Object.entries(created.codes.teams).map(async ([team, code]) => {
        const c = await TestClient.connect(server.url, team);
        clients.push(c);
        await c.join(code, `${team} player`);
        return c;
      }),
    );

    const sent: { id: string; answer: Promise<CommandAck | Error> }[] = [];
    let signalled = false;
    for (let i = 0; i < 300; i++) {
      const id = randomUUID();
      const client = players[i % players.length]!;
      const answer = client.command({ type: 'chat', channel: 'team', text: `burst ${i}` }, id).then(
        (ack) => {
          // The signal goes out as soon as the server has answered anything: the rest is in flight.
          if (!signalled) {
            signalled = true;
            server.child.kill('SIGTERM');
          }
          return ack;
        },
        (err: Error) => err,
      );
      sent.push({ id, answer });
    }
    const answers = await Promise.all(sent.map((s) => s.answer));
    const unanswered = answers.filter((a) => a instanceof Error).map((a) => (a as Error).message);
    expect(unanswered).toEqual([]);
    const acks = answers as CommandAck[];
    for (const ack of acks) if (!ack.ok) expect(ack.code).toBe('UNAVAILABLE');
    // The signal was sent once; the server stops by itself.
    await waitUntil(() => server.exited, 'the server to stop', 20_000);
    expect(server.exited, server.lines.slice(-8).join('\n')).toMatchObject({ code: 0 });

    const storage = new SqliteStorage(join(dataDir, 'firebreak.sqlite'), { writer: 'inline' });
    try {
      const logged = new Map((await storage.read(created.exerciseId, 1)).map((r) => [r.command.id, r.seq]));
      const acknowledged = sent.flatMap((s, i) => (acks[i]!.ok ? [{ id: s.id, seq: (acks[i] as { seq: number }).seq }] : []));
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const { id, seq } of acknowledged) expect(logged.get(id), id).toBe(seq);
    } finally {
      await storage.close();
    }
  });
});
