/**
 * A property over the whole socket surface: batches of random events (known
 * names, names Node and socket.io treat specially, prototype names, random
 * strings, numbers) with random payloads, with and without an ack, from a
 * seated player and from a client that never joined. After every batch the
 * server answers /healthz and every event that carried an ack got an answer.
 *
 * FUZZ_RUNS sets the number of batches (default 20, for CI); run a longer
 * soak by hand with e.g. FUZZ_RUNS=2000 npx vitest run test/server/socket-fuzz.test.ts
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestClient, waitUntil } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
vi.setConfig({ testTimeout: Math.max(120_000, RUNS * 3_000), hookTimeout: 60_000 });

const KNOWN = ['exercise:create', 'exercise:list', 'scenario:list', 'seat:join', 'seat:resume', 'command', 'team:ready', 'export', 'decision:preview'];
// The names socket.io's parser itself refuses (connect, disconnect, ...) close the connection: hostile-input.test.ts covers them.
const SPECIAL = ['error', 'connection', 'ping', 'pong', 'message', 'close', 'open', 'data', 'drain', 'packet', 'server:error', 'view', 'presence'];
const PROTOTYPE = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype', '__defineGetter__'];

const eventName = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.constantFrom(...SPECIAL),
  fc.constantFrom(...PROTOTYPE),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

const chatBody = fc.record({ type: fc.constant('chat'), channel: fc.constantFrom('team', 'coalition', 'x'), text: fc.string({ maxLength: 50 }) });
const payload = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.anything({ maxDepth: 4, maxKeys: 6 }),
  fc.string({ maxLength: 3000 }),
  fc.record({ id: fc.string({ maxLength: 70 }), body: fc.oneof(chatBody, fc.anything({ maxDepth: 3 })) }, { requiredKeys: [] }),
  fc.record({ code: fc.string({ maxLength: 20 }), name: fc.string({ maxLength: 90 }) }, { requiredKeys: [] }),
  fc.record({ credential: fc.string({ maxLength: 140 }), lastSeq: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
  // Deep nesting: the size and schema checks must not overflow the stack.
  fc.integer({ min: 100, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
);

const event = fc.record({
  seated: fc.boolean(),
  name: eventName,
  payload,
  ack: fc.boolean(),
  extraArgument: fc.boolean(),
});

let server: TestServer;
let seated: TestClient;
let anonymous: TestClient;
let nextAck = 1;

/** The ack ids a client has been answered, with the answers. */
const answered = new Map<TestClient, Map<number, unknown>>();
function track(client: TestClient): TestClient {
  const got = new Map<number, unknown>();
  answered.set(client, got);
  client.socket.io.on('packet', (packet: { type: number; id?: number; data?: unknown[] }) => {
    if (packet.type === 3 && packet.id !== undefined) got.set(packet.id, packet.data?.[0]);
  });
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  const facilitator = await TestClient.connect(server.url, 'facilitator');
  const created = await facilitator.create({ scenarioId: 'test-fixture' });
  seated = track(await TestClient.connect(server.url, 'seated'));
  await seated.join(Object.values(created.codes.teams)[0]!, 'Fuzzy');
  anonymous = track(await TestClient.connect(server.url, 'anonymous'));
  facilitator.close();
});
afterAll(async () => {
  seated?.close();
  anonymous?.close();
  await server?.dispose();
});

describe('the socket surface under random input', () => {
  it(`keeps answering /healthz and every acked event (${RUNS} batches)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 25 }), async (batch) => {
        const expected = new Map<TestClient, number[]>();
        for (const e of batch) {
          const client = e.seated ? seated : anonymous;
          const args = [e.name, ...(e.payload === undefined ? [] : [e.payload]), ...(e.extraArgument ? [{ extra: true }] : [])];
          const id = e.ack ? nextAck++ : null;
          client.sendRaw(`2${id ?? ''}${JSON.stringify(args)}`);
          if (id !== null) expected.set(client, [...(expected.get(client) ?? []), id]);
        }
        for (const [client, ids] of expected) {
          const got = answered.get(client)!;
          await waitUntil(() => ids.every((id) => got.has(id)), `${client.label}: answers to ${ids.length} events`);
          for (const id of ids) expect(got.get(id)).toMatchObject({ ok: expect.any(Boolean) });
        }
        const health = await fetch(`${server.url}/healthz`);
        expect(health.status).toBe(200);
        expect(seated.socket.connected && anonymous.socket.connected).toBe(true);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The seated player still plays, once its rate limit has refilled.
    let answer = await seated.request<{ ok: boolean; retryAfterMs?: number }>('scenario:list', {});
    while (!answer.ok && answer.retryAfterMs) {
      await new Promise((r) => setTimeout(r, answer.retryAfterMs));
      answer = await seated.request('scenario:list', {});
    }
    expect(answer).toMatchObject({ ok: true });
  });
});
