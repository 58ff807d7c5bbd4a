/**
 * Ad-hoc injects the facilitator schedules, over real sockets: they are in
 * the exercise's log, so they survive a restart; the server's clock sends the
 * ones set for a minute of the round when the round clock reaches it (a
 * shortened round brings it nearer); each goes out exactly once; and nobody
 * but the facilitator sees them before they go out.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AdhocInject } from '../../src/engine/types';
import { TestClient } from '../helpers/client';
import { startTestServer, tempDir } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const clients: TestClient[] = [];
afterAll(() => {
  for (const c of clients) c.close();
});

const call: AdhocInject = { title: 'A call from the ambassador', body: 'She asks what you will say tomorrow.', audience: { teams: ['atlantia'] }, kind: 'call', source: 'Ambassador of Borealis' };
const post: AdhocInject = { title: 'Viral post blames Northland', body: 'Shared 40,000 times.', audience: 'all', kind: 'social', source: '@leakwatch' };

describe('scheduled ad-hoc injects', () => {
  it('survive a restart and go out once each: at a minute of the round, and at the start of a later round', async () => {
    const dataDir = tempDir();
    try {
      const first = await startTestServer({ dataDir });
      const facilitator = await TestClient.connect(first.url, 'facilitator');
      const player = await TestClient.connect(first.url, 'atlantia');
      clients.push(facilitator, player);
      const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 'scheduled' });
      await facilitator.resume(created.facilitatorCredential);
      await player.join(created.codes.teams['atlantia']!, 'Ada');
      const playerCredential = player.credential!;
      await facilitator.must({ type: 'startExercise' });
      await facilitator.must({ type: 'advance' });
      await facilitator.must({ type: 'scheduleAdhocInject', inject: call, round: 1, minute: 2 });
      await facilitator.must({ type: 'scheduleAdhocInject', inject: post, round: 2 });
      expect(facilitator.view!.facilitator!.scheduledInjects.map((s) => [s.title, s.round, s.minute])).toEqual([
        ['A call from the ambassador', 1, 2],
        ['Viral post blames Northland', 2, null],
      ]);
      // Nobody else knows of them: not in the view, not in the timeline.
      await player.waitForView((v) => v.seq >= facilitator.view!.seq);
      expect(JSON.stringify(player.view)).not.toMatch(/A call from the ambassador|Viral post|leakwatch/);
      facilitator.close();
      player.close();
      await first.dispose();

      const again = await startTestServer({ dataDir });
      try {
        const back = await TestClient.connect(again.url, 'facilitator again');
        const ada = await TestClient.connect(again.url, 'atlantia again');
        clients.push(back, ada);
        await back.resume(created.facilitatorCredential);
        await ada.resume(playerCredential);
        expect(back.view!.facilitator!.scheduledInjects).toHaveLength(2);
        // Twenty-minute rounds: minute 2 comes when 18 minutes are left. Shortening the round by 2 minutes brings it to now.
        await back.must({ type: 'adjustClock', deltaMs: -2 * 60_000 });
        const called = await ada.waitForView((v) => v.injects.some((i) => i.title === call.title), 'the scheduled call');
        expect(called.injects.filter((i) => i.title === call.title)).toMatchObject([{ kind: 'call', source: 'Ambassador of Borealis', round: 1 }]);
        await back.waitForView((v) => v.facilitator!.scheduledInjects.length === 1, 'the call off the schedule');

        await back.must({ type: 'advance' });
        await back.must({ type: 'advance' });
        const round2 = await ada.waitForView((v) => v.round === 2 && v.injects.some((i) => i.title === post.title), 'the post at the start of round 2');
        expect(round2.injects.filter((i) => i.title === post.title)).toMatchObject([{ kind: 'social', source: '@leakwatch', round: 2 }]);
        expect(round2.injects.filter((i) => i.title === call.title)).toHaveLength(1);
        expect(back.view!.facilitator!.scheduledInjects).toEqual([]);
        const log = await back.request<{ ok: true; data: string }>('export', { format: 'json' });
        const commands = (JSON.parse(log.data) as { commands: { body: { type: string } }[] }).commands;
        expect(commands.filter((c) => c.body.type === 'releaseScheduledInject')).toHaveLength(1);
      } finally {
        await again.dispose();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a minute that has passed or a round that is not later, with a sentence', async () => {
    const server = await startTestServer();
    try {
      const facilitator = await TestClient.connect(server.url, 'facilitator');
      clients.push(facilitator);
      const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 'scheduled-2' });
      await facilitator.resume(created.facilitatorCredential);
      expect(await facilitator.command({ type: 'scheduleAdhocInject', inject: post, round: 1, minute: 3 })).toMatchObject({
        ok: false,
        code: 'WRONG_PHASE',
        message: 'A minute can be chosen only for the round in deliberation.',
      });
      expect(await facilitator.command({ type: 'scheduleAdhocInject', inject: { ...post, kind: 'telegram' as never }, round: 2 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    } finally {
      await server.dispose();
    }
  });
});
