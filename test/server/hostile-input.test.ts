/**
 * No input stops the server: events named like the ones socket.io, engine.io
 * and Node's EventEmitter treat specially, with any payload, from clients that
 * never joined; unknown events are answered and counted, and a flood of them
 * is one summary line in the log, not a line each.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { TestClient, waitUntil } from '../helpers/client';
import { writeScenarioDir } from '../helpers/scenario';
import { ChildServer, DEFAULT_FIXTURES, removeDir, startTestServer, tempDir, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const RESERVED = ['error', 'connect', 'connect_error', 'connection', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'ping', 'message'];
const PROTOTYPE = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'];
const PAYLOADS = ['', ',null', ',0', ',-1', ',[]', ',{}', ',"x"', ',{"message":null}', ',{"__proto__":{"polluted":1}}', `,"${'y'.repeat(100_000)}"`];

const lines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer({ logger: pino({ level: 'debug' }, sink) });
});
afterAll(async () => {
  await server?.dispose();
});

async function healthy(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  // A fresh client is still served.
  const fresh = await TestClient.connect(server.url, 'fresh');
  expect(await fresh.request('scenario:list', {})).toMatchObject({ ok: true });
  fresh.close();
}

/** Collects the acknowledgements a raw client receives, by ack id. */
function acks(client: TestClient): Map<number, unknown> {
  const got = new Map<number, unknown>();
  client.socket.io.on('packet', (packet: { type: number; id?: number; data?: unknown[] }) => {
    if (packet.type === 3 && packet.id !== undefined) got.set(packet.id, packet.data?.[0]);
  });
  return got;
}

describe('reserved and prototype event names', () => {
  it('survives `error` with no payload and with null from a client that never joined (a real process, no handler to catch it)', async () => {
    const root = tempDir();
    const child = await ChildServer.start({ DATA_DIR: join(root, 'data'), SCENARIOS_DIR: writeScenarioDir(join(root, 'scenarios'), DEFAULT_FIXTURES) });
    try {
      const c = await TestClient.connect(child.url, 'anonymous');
      (c.socket as unknown as { emit(...a: unknown[]): void }).emit('error');
      (c.socket as unknown as { emit(...a: unknown[]): void }).emit('error', null);
      c.sendRaw('2["error"]');
      c.sendRaw('21["error",null]');
      // The ack proves the server read all four before answering the fifth.
      expect(await c.request('scenario:list', {})).toMatchObject({ ok: true });
      expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
      expect(child.exited).toBeNull();
      c.close();
    } finally {
      await child.stop();
      removeDir(root);
    }
  });

  it('survives every reserved or prototype name with every payload, with and without an ack, and answers those it accepts', async () => {
    let id = 1;
    for (const name of [...RESERVED, ...PROTOTYPE]) {
      const c = await TestClient.connect(server.url, `raw-${name}`);
      const answers = acks(c);
      const expected: number[] = [];
      for (const payload of PAYLOADS) {
        c.sendRaw(`2[${JSON.stringify(name)}${payload}]`);
        c.sendRaw(`2${id}[${JSON.stringify(name)}${payload}]`);
        expected.push(id++);
      }
      // The parser itself closes connections that use a name socket.io reserves; the others are answered.
      await waitUntil(() => !c.socket.connected || expected.every((n) => answers.has(n)), `answers to ${name}`);
      if (c.socket.connected) {
        for (const n of expected) expect(answers.get(n), name).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
      }
      c.close();
      await healthy();
    }
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('answers numeric event names and known events with garbage after joining nothing', async () => {
    const c = await TestClient.connect(server.url, 'numbers');
    const answers = acks(c);
    c.sendRaw('27[42,null]');
    c.sendRaw('28["command"]');
    c.sendRaw('29["seat:join",null]');
    c.sendRaw('210["export",[1,2]]');
    await waitUntil(() => answers.size === 4, 'four answers');
    for (const n of [7, 8, 9, 10]) expect(answers.get(n)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    await healthy();
    c.close();
  });
});

describe('refused input is counted, and logged as a summary', () => {
  it('logs a flood of unknown events as one summary line with their count', async () => {
    const c = await TestClient.connect(server.url, 'flooder');
    const answers = acks(c);
    const before = lines.length;
    // 30 events fit in one socket's per-second budget plus its burst: all of them are answered.
    for (let n = 1; n <= 30; n++) c.sendRaw(`2${1000 + n}["no:such:event",{"n":${n}}]`);
    await waitUntil(() => answers.size === 30, 'thirty answers');
    await server.close();
    const logged = lines.slice(before).map((l) => JSON.parse(l) as { msg: string; refused?: Record<string, number> });
    const perEvent = logged.filter((l) => /unknown event/i.test(l.msg));
    expect(perEvent).toHaveLength(0);
    const summaries = logged.filter((l) => l.msg === 'client input refused at the edge');
    // One line at close (a second only if the minute's timer fell inside this test).
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThanOrEqual(2);
    expect(summaries.reduce((sum, l) => sum + (l.refused?.unknownEvent ?? 0), 0)).toBeGreaterThanOrEqual(30);
    c.close();
  });
});
