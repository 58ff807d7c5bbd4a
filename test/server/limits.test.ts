/**
 * Limits that cannot be bypassed: failed joins per address (every failure
 * counts, concurrent guesses included, and a limited address gets the same
 * answer for every code), seats per exercise per minute, events per address
 * across its sockets, connections per address, and X-Forwarded-For believed
 * only from a trusted proxy. Clients are told apart by the X-Forwarded-For a
 * trusted proxy (the test's own loopback address) would send.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Limits } from '../../src/server/config';
import { connectError, TestClient } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let servers: TestServer[] = [];
let clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  for (const s of servers) await s.dispose();
  servers = [];
});

async function serve(limits: Partial<Limits> & { trustedProxies?: string[] }): Promise<TestServer> {
  const server = await startTestServer({ limits });
  servers.push(server);
  return server;
}

/** A client that a proxy at 127.0.0.1 says comes from `address`. */
async function from(server: TestServer, address: string, label = address): Promise<TestClient> {
  const client = await TestClient.connect(server.url, label, { headers: { 'x-forwarded-for': address } });
  clients.push(client);
  return client;
}

async function codesOf(server: TestServer): Promise<{ team: string; observer: string }> {
  const creator = await from(server, '198.51.100.1', 'creator');
  const created = await creator.create({ scenarioId: 'test-fixture' });
  return { team: Object.values(created.codes.teams)[0]!, observer: created.codes.observer };
}

const BEHIND_PROXY = { trustedProxies: ['127.0.0.1', '::1'] };

describe('failed joins', () => {
  it('refuses a limited address for every code, valid or not, with the same answer', async () => {
    const server = await serve({ ...BEHIND_PROXY, failedJoinsPerAddress: 3 });
    const codes = await codesOf(server);
    const guesser = await from(server, '203.0.113.7');
    for (const code of ['AAAAAAAAAA', 'BBBBBBBBBB', 'CCCCCCCCCC']) {
      expect(await guesser.request('seat:join', { code, name: 'g' })).toMatchObject({ ok: false, code: 'UNKNOWN_CODE' });
    }
    const forValid = (await guesser.request('seat:join', { code: codes.team, name: 'g' })) as { code: string; message: string };
    const forInvalid = (await guesser.request('seat:join', { code: 'DDDDDDDDDD', name: 'g' })) as { code: string; message: string };
    expect(forValid.code).toBe('RATE_LIMITED');
    expect({ code: forInvalid.code, message: forInvalid.message }).toEqual({ code: forValid.code, message: forValid.message });
    // Another address is not affected.
    const other = await from(server, '203.0.113.8');
    expect(await other.request('seat:join', { code: codes.team, name: 'o' })).toMatchObject({ ok: true });
  });

  it('counts malformed joins and joins that do not seat, and successful joins do not use up the budget', async () => {
    const server = await serve({ ...BEHIND_PROXY, failedJoinsPerAddress: 3 });
    const codes = await codesOf(server);
    const c = await from(server, '203.0.113.9');
    for (let i = 0; i < 5; i++) expect(await c.request('seat:join', { code: codes.observer, name: `ok ${i}` })).toMatchObject({ ok: true });
    expect(await c.request('seat:join', { code: 'x', name: 'g' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await c.request('seat:join', null)).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await c.request('seat:join', { code: 'EEEEEEEEEE', name: 'g' })).toMatchObject({ code: 'UNKNOWN_CODE' });
    expect(await c.request('seat:join', { code: codes.observer, name: 'late' })).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('lets no more concurrent guesses through than the limit allows', async () => {
    const server = await serve({ ...BEHIND_PROXY, failedJoinsPerAddress: 5, eventsPerSecond: 100, eventBurst: 100 });
    const sockets = await Promise.all([1, 2, 3, 4].map((i) => from(server, '203.0.113.10', `parallel ${i}`)));
    const answers = (await Promise.all(
      Array.from({ length: 40 }, (_, i) => sockets[i % 4]!.request('seat:join', { code: `GUESS${String(i).padStart(5, 'A')}`, name: 'g' })),
    )) as { code: string }[];
    expect(answers.filter((a) => a.code === 'UNKNOWN_CODE')).toHaveLength(5);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED')).toHaveLength(35);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const server = await serve({ failedJoinsPerAddress: 2 });
    const a = await from(server, '203.0.113.20');
    const b = await from(server, '203.0.113.21');
    expect(await a.request('seat:join', { code: 'FFFFFFFFFF', name: 'g' })).toMatchObject({ code: 'UNKNOWN_CODE' });
    expect(await b.request('seat:join', { code: 'GGGGGGGGGG', name: 'g' })).toMatchObject({ code: 'UNKNOWN_CODE' });
    // Both came from 127.0.0.1 whatever their header said: the third guess is over the shared limit.
    expect(await b.request('seat:join', { code: 'HHHHHHHHHH', name: 'g' })).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('seats per exercise', () => {
  it('seats at most joinsPerExercisePerMinute people a minute in one exercise, from any addresses', async () => {
    const server = await serve({ ...BEHIND_PROXY, joinsPerExercisePerMinute: 2 });
    const codes = await codesOf(server);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await from(server, `203.0.113.${30 + i}`)).request('seat:join', { code: codes.team, name: `p${i}` }));
    expect(answers.map((a) => (a as { ok: boolean }).ok)).toEqual([true, true, false]);
    expect(answers[2]).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('events and connections per address', () => {
  it('limits the events of one address across all its sockets', async () => {
    const server = await serve({ ...BEHIND_PROXY, addressEventsPerSecond: 10, eventsPerSecond: 1000, eventBurst: 1000 });
    const sockets = await Promise.all([1, 2, 3].map((i) => from(server, '203.0.113.40', `same address ${i}`)));
    const answers = (await Promise.all(Array.from({ length: 60 }, (_, i) => sockets[i % 3]!.request('scenario:list', {})))) as { ok: boolean; code?: string }[];
    // At most one window per socket round-trip could refill; far fewer than 60 get through.
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(30);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30);
    // Another address still gets answers.
    expect(await (await from(server, '203.0.113.41')).request('scenario:list', {})).toMatchObject({ ok: true });
  });

  it('refuses connections beyond connectionsPerAddress, and admits again once one closes', async () => {
    const server = await serve({ ...BEHIND_PROXY, connectionsPerAddress: 2 });
    const first = await from(server, '203.0.113.50');
    await from(server, '203.0.113.50');
    expect(await connectError(server.url, { 'x-forwarded-for': '203.0.113.50' })).toMatch(/TOO_MANY_CONNECTIONS/);
    // Another address is admitted.
    await from(server, '203.0.113.51');
    first.close();
    const again = await from(server, '203.0.113.50', 'after one closed');
    expect(again.socket.connected).toBe(true);
  });
});
