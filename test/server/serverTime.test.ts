/** Every view and every seat answer carries the server's time, so clients can run the round clock on it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { setUpTable, type Table } from '../helpers/exercise';
import { startTestServer, type TestServer } from '../helpers/server';
import type { SeatResumeAck } from '../../src/protocol/events';

let server: TestServer;
let table: Table;
beforeAll(async () => {
  server = await startTestServer();
  table = await setUpTable(server.url, { seed: 'clock' });
});
afterAll(async () => {
  table?.close();
  await server?.dispose();
});

describe("the server's time", () => {
  it('comes with seat answers and with every view patch', async () => {
    const socket = io(server.url, { transports: ['websocket'], forceNew: true });
    try {
      const before = Date.now();
      const answer = (await socket.emitWithAck('seat:resume', { credential: table.facilitator.credential })) as SeatResumeAck;
      expect(answer.ok).toBe(true);
      if (!answer.ok) return;
      expect(answer.serverNow).toBeGreaterThanOrEqual(before);
      expect(answer.serverNow).toBeLessThanOrEqual(Date.now());
      const pushed = new Promise<number>((resolve) => socket.once('view:patch', (_patch: unknown, serverNow: number) => resolve(serverNow)));
      await table.facilitator.must({ type: 'startExercise' });
      const serverNow = await pushed;
      expect(serverNow).toBeGreaterThanOrEqual(answer.serverNow);
      expect(serverNow).toBeLessThanOrEqual(Date.now());
    } finally {
      socket.close();
    }
  });
});
