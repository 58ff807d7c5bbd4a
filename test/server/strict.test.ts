/**
 * Strict protocol semantics (docs/protocol.md): a command id names one
 * command; a refused resume leaves no seat bound; a vote after locking is
 * refused; after the end only the commands the docs list are taken; the
 * answer to a command reaches the sender before any view it caused.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AFTER_THE_END } from '../../src/engine';
import type { CommandBody } from '../../src/engine/types';
import type { CommandAck, DecisionPreviewAck, ExportAck, SeatResumeAck, TeamReadyAck } from '../../src/protocol/events';
import type { ViewPatch } from '../../src/protocol/patch';
import { TestClient, waitUntil } from '../helpers/client';
import type { Table } from '../helpers/exercise';
import { serverForThisFile } from '../helpers/perFile';
import { removeDir, startTestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();

async function deliberation(t: Table): Promise<void> {
  await t.facilitator.must({ type: 'startExercise' });
  await t.facilitator.must({ type: 'advance' });
  await Promise.all(t.all.map((c) => c.waitForView((v) => v.phase === 'deliberation', 'deliberation')));
}

/** The commands docs/protocol.md says are taken after the end, from its marked list. */
function documentedAfterTheEnd(): string[] {
  const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const block = /<!-- after-the-end -->([\s\S]*?)<!-- \/after-the-end -->/.exec(doc);
  if (!block) throw new Error('docs/protocol.md has no after-the-end list');
  return [...block[1]!.matchAll(/^- `(\w+)`/gm)].map((m) => m[1]!).sort();
}

describe('command ids', () => {
  it('refuses an id reused with a different body with ID_REUSED, and changes nothing', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', observer: false });
    await deliberation(t);
    const player = t.teams.atlantia![0]!;
    const id = randomUUID();
    const first = await player.command({ type: 'chat', channel: 'team', text: 'first' }, id);
    expect(first.ok).toBe(true);
    const reused = await player.command({ type: 'chat', channel: 'team', text: 'second' }, id);
    expect(reused).toMatchObject({ ok: false, code: 'ID_REUSED' });
    // The same body again is still a retry.
    expect(await player.command({ type: 'chat', channel: 'team', text: 'first' }, id)).toEqual({ ...first, duplicate: true });

    // A rejected id is bound to its body too.
    const badId = randomUUID();
    expect(await player.command({ type: 'withdrawDecision', decision: 'nothing' }, badId)).toMatchObject({ ok: false, code: 'UNKNOWN_DECISION' });
    expect(await player.command({ type: 'chat', channel: 'team', text: 'other' }, badId)).toMatchObject({ ok: false, code: 'ID_REUSED' });

    const exported = await t.facilitator.request<ExportAck>('export', { format: 'json' });
    const doc = JSON.parse(exported.ok ? exported.data : '{}') as { commands: { id: string; body: { text?: string } }[] };
    expect(doc.commands.filter((c) => c.id === id).map((c) => c.body.text)).toEqual(['first']);
    expect(doc.commands.some((c) => c.id === badId)).toBe(false);
  });

  it('tells a reused id apart from a retry after a restart', async () => {
    const first = await startTestServer();
    const facilitator = await TestClient.connect(first.url, 'facilitator');
    const created = await facilitator.create({ scenarioId: 'test-fixture' });
    await facilitator.resume(created.facilitatorCredential);
    const id = randomUUID();
    const ack = await facilitator.command({ type: 'announce', text: 'before the restart' }, id);
    expect(ack.ok).toBe(true);
    facilitator.close();
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir, scenariosDir: first.scenariosDir });
    try {
      const f = await TestClient.connect(second.url, 'facilitator again');
      await f.resume(created.facilitatorCredential);
      expect(await f.command({ type: 'announce', text: 'before the restart' }, id)).toEqual({ ...ack, duplicate: true });
      expect(await f.command({ type: 'announce', text: 'something else' }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
      f.close();
    } finally {
      await second.dispose();
      removeDir(join(first.dataDir, '..'));
    }
  });
});

describe('a refused seat:resume', () => {
  it('leaves the socket bound to no seat, whatever refused it', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', observer: false });
    const player = t.teams.atlantia![0]!;
    const unknown = await player.request<SeatResumeAck>('seat:resume', { credential: 'x'.repeat(43) });
    expect(unknown).toMatchObject({ ok: false, code: 'INVALID_CREDENTIAL' });
    expect(unknown.ok ? '' : unknown.message).toContain('no seat');
    expect(await player.command({ type: 'chat', channel: 'team', text: 'still here?' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });

    // Resumed, then refused at the edge (a malformed payload): unbound as well.
    await player.resume(player.credential!);
    expect(await player.request('seat:resume', { credential: 'short' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await player.request('team:ready', { ready: true })).toMatchObject({ ok: false, code: 'NOT_JOINED' });

    // The seat itself is intact: resuming it again works.
    expect((await player.resume(player.credential!)).seat.team).toBe('atlantia');
  });
});

describe('team:ready', () => {
  it('says so when the team has already locked, and when no round is open', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', players: 2, observer: false });
    const [lead, second] = t.teams.atlantia!;
    expect(await second!.request<TeamReadyAck>('team:ready', { ready: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    await deliberation(t);
    await lead!.must({ type: 'lockDecisions' });
    for (const ready of [true, false]) {
      const ack = await second!.request<TeamReadyAck>('team:ready', { ready });
      expect(ack).toMatchObject({ ok: false, code: 'ALREADY_LOCKED' });
      expect(ack.ok ? '' : ack.message).toMatch(/locked/);
    }
    await second!.must({ type: 'unlockDecisions' });
    expect(await second!.request<TeamReadyAck>('team:ready', { ready: true })).toMatchObject({ ok: true, locked: false });
  });
});

describe('after the end', () => {
  it('takes only the commands and events the docs list', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', observer: true, redCell: true });
    await deliberation(t);
    const player = t.teams.atlantia![0]!;
    const drafted = await player.must({ type: 'draftDecision', draft: { action: 'resilience' } });
    expect(drafted).toBeGreaterThan(0);
    await t.facilitator.must({ type: 'endExercise', reason: 'time' });
    await Promise.all(t.all.map((c) => c.waitForView((v) => v.phase === 'debrief', 'debrief')));

    const documented = documentedAfterTheEnd();
    expect(documented).toEqual([...AFTER_THE_END].sort());

    const byRole: [TestClient, CommandBody][] = [
      ...(
        [
          { type: 'startExercise' },
          { type: 'advance' },
          { type: 'pause' },
          { type: 'resume' },
          { type: 'adjustClock', deltaMs: 60_000 },
          { type: 'releaseInject', inject: 'spare' },
          { type: 'holdInject', inject: 'spare' },
          { type: 'releaseAdhocInject', inject: { title: 'x', body: 'y', audience: 'all' } },
          { type: 'overrideScore', decision: 'none', proportionality: 50, reason: 'because' },
          { type: 'overrideEscalation', level: 3, reason: 'because' },
          { type: 'overridePosture', posture: 'deterred', reason: 'because' },
          { type: 'announce', text: 'hot wash in five minutes' },
          { type: 'endExercise', reason: 'again' },
          { type: 'note', text: 'facilitator note' },
        ] as CommandBody[]
      ).map((b): [TestClient, CommandBody] => [t.facilitator, b]),
      ...(
        [
          { type: 'draftDecision', draft: { action: 'resilience' } },
          { type: 'withdrawDecision', decision: 'd1' },
          { type: 'lockDecisions' },
          { type: 'unlockDecisions' },
          { type: 'proposeJoint', draft: { action: 'resilience' } },
          { type: 'respondJoint', proposal: 'p1', join: true },
          { type: 'shareIntel', incident: 'any', with: 'coalition' },
        ] as CommandBody[]
      ).map((b): [TestClient, CommandBody] => [player, b]),
      [t.observer!, { type: 'note', text: 'observer note' }],
      [t.redCell!, { type: 'chooseAdversaryMove', move: null }],
    ];
    for (const [client, body] of byRole) {
      const ack = await client.command(body);
      const over = !ack.ok && ack.code === 'EXERCISE_OVER';
      expect(over, `${body.type}: ${JSON.stringify(ack)}`).toBe(!documented.includes(body.type));
    }
    // Chat is listed, but closed until the facilitator reopens the exercise.
    expect(await player.command({ type: 'chat', channel: 'team', text: 'closed' })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });

    // The seat events that would change the exercise say it is over; reading it still works.
    expect(await player.request<TeamReadyAck>('team:ready', { ready: true })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
    expect(await player.request<DecisionPreviewAck>('decision:preview', { draft: { action: 'resilience' } })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
    expect(await player.request<ExportAck>('export', { format: 'json' })).toMatchObject({ ok: true });
    expect((await player.resume(player.credential!)).view.phase).toBe('debrief');

    const reopened = await t.facilitator.must({ type: 'reopenExercise', reason: 'more talk' });
    await player.waitForView((v) => v.seq >= reopened, 'reopened');
    expect((await player.command({ type: 'chat', channel: 'team', text: 'open again' })).ok).toBe(true);
  });
});

describe('delivery order', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`answers a command before sending the view it caused (${transport})`, async () => {
      const t = await here.table({ scenarioId: 'test-fixture', observer: false });
      const f = await TestClient.connect(here.url, `facilitator over ${transport}`, { transport });
      await f.resume(t.facilitator.credential!);
      // With a callback, the answer runs before the patch handler, whatever the transport batches.
      const order: string[] = [];
      f.socket.on('view:patch', (patch: ViewPatch) => order.push(`patch ${patch.to}`));
      const bodies: CommandBody[] = [{ type: 'startExercise' }, { type: 'announce', text: 'one' }, { type: 'advance' }];
      for (const body of bodies) {
        const seq = await new Promise<number>((resolve, reject) => {
          f.socket.timeout(15_000).emit('command', { id: randomUUID(), body }, (err: Error | null, ack: CommandAck) => {
            if (err || !ack.ok) return reject(err ?? new Error(ack.ok ? '' : ack.code));
            order.push(`answer ${ack.seq}`);
            resolve(ack.seq);
          });
        });
        await waitUntil(() => order.includes(`patch ${seq}`), `the patch to ${seq}`);
      }
      for (let seq = 1; seq <= bodies.length; seq++) {
        expect(order.indexOf(`answer ${seq}`), order.join(', ')).toBeLessThan(order.indexOf(`patch ${seq}`));
      }
      // On the wire too: the answer's packet precedes the patch's.
      const packets = f.packets;
      const answerAt = packets.findIndex((p) => p.includes('{"ok":true,"seq":3}'));
      const patchAt = packets.findIndex((p) => p.startsWith('["view:patch"') && p.includes('"to":3'));
      expect(answerAt).toBeGreaterThanOrEqual(0);
      expect(answerAt).toBeLessThan(patchAt);
      f.close();
    });
  }
});
