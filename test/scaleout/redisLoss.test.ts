/**
 * Broadcasting while the link to Redis is cut: the socket.io Redis adapter
 * publishes and subscribes without waiting for the answer, so a command that
 * fails when the connection is reset under it must not become an unhandled
 * rejection, which would end the server process. A real Redis behind a relay
 * the test cuts, right after the adapter starts (its subscriptions still in
 * flight) and while messages are being published.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { RedisLink } from '../../src/server/cluster/redis';
import { waitUntil } from '../helpers/client';
import { startRelay } from '../support/proxy';
import { startRedis } from '../support/services';

const redis = await startRedis();
afterAll(() => redis?.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redis)('broadcasting while Redis is lost', () => {
  it('notes the failed commands instead of leaving them unhandled, and recovers', async () => {
    const relay = await startRelay(redis!.port);
    const link = await RedisLink.open(`redis://127.0.0.1:${relay.port}`, pino({ level: 'silent' }));
    const unhandled: string[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(String(reason));
    process.on('unhandledRejection', onUnhandled);
    try {
      const io = new Server({ adapter: link.adapter() });
      for (let i = 0; i < 50; i++) io.emit('ping', i);
      relay.cut();
      for (let i = 0; i < 50; i++) io.emit('ping', i);
      await waitUntil(() => !link.report().ok, 'the link to report Redis lost', 5000);
      for (let i = 0; i < 50; i++) io.emit('ping', i);
      await pause(500);
      expect(link.report().reason).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:\d+\/? cannot be reached/);
      relay.restore();
      await waitUntil(() => link.report().ok, 'the link to report Redis back', 10_000);
      io.emit('ping', 'after');
      await pause(200);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await link.close();
      await relay.close();
    }
  });
});
