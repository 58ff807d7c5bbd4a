/** Idempotent retries, who may send what, facilitator controls, and the round clock. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { CommandBody } from '../../src/engine/types';
import type { CommandAck, ExportAck } from '../../src/protocol/events';
import type { TestClient } from '../helpers/client';
import type { Table } from '../helpers/exercise';
import { serverForThisFile } from '../helpers/perFile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();
const table = (scenarioId = 'test-fixture', redCell = true): Promise<Table> => here.table({ scenarioId, redCell, observer: true });

async function deliberation(t: Table): Promise<void> {
  await t.facilitator.must({ type: 'startExercise' });
  await t.facilitator.must({ type: 'advance' });
  await Promise.all(t.all.map((c) => c.waitForView((v) => v.phase === 'deliberation', 'deliberation')));
}

describe('idempotent retries', () => {
  it('applies a command once however often it is sent, and answers the same each time', async () => {
    const t = await table();
    await deliberation(t);
    const player = t.teams.atlantia![0]!;
    const id = randomUUID();
    const body: CommandBody = { type: 'draftDecision', draft: { action: 'resilience', rationale: 'once' } };
    const first = await player.command(body, id);
    expect(first.ok).toBe(true);
    // Concurrent and later retries.
    const again = await Promise.all([player.command(body, id), player.command(body, id)]);
    const later = await player.command(body, id);
    for (const a of [...again, later]) expect(a).toEqual({ ...(first as object), duplicate: true });
    await player.waitForView((v) => v.seq >= (first as { seq: number }).seq, 'the draft');
    expect(player.view!.teams.find((t) => t.id === 'atlantia')!.plan).toHaveLength(1);
    expect(t.facilitator.view!.seq).toBe((first as { seq: number }).seq);

    // A rejected command's retry gets the same rejection.
    const badId = randomUUID();
    const bad = await player.command({ type: 'draftDecision', draft: { action: 'no-such-action' } }, badId);
    expect(bad).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await player.command({ type: 'draftDecision', draft: { action: 'no-such-action' } }, badId)).toEqual(bad);

    // Another seat reusing the id is told so and nothing happens.
    const other = t.teams.borealis![0]!;
    expect(await other.command(body, id)).toMatchObject({ ok: false, code: 'DUPLICATE_ID' });

    // The log holds the command once.
    const exported = await t.facilitator.request<ExportAck>('export', { format: 'json' });
    const doc = JSON.parse(exported.ok ? exported.data : '{}') as { commands: { id: string }[] };
    expect(doc.commands.filter((c) => c.id === id)).toHaveLength(1);
  });
});

describe('who may send what', () => {
  const FACILITATOR_ONLY: CommandBody[] = [
    { type: 'startExercise' },
    { type: 'advance' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'adjustClock', deltaMs: 60_000 },
    { type: 'releaseInject', inject: 'spare' },
    { type: 'holdInject', inject: 'spare' },
    { type: 'releaseAdhocInject', inject: { title: 'x', body: 'y', audience: 'all' } },
    { type: 'overrideEscalation', level: 3, reason: 'because' },
    { type: 'overridePosture', posture: 'deterred', reason: 'because' },
    { type: 'announce', text: 'hello' },
    { type: 'endExercise', reason: 'done' },
  ];

  it('refuses facilitator controls from every other seat, and team commands from non-team seats', async () => {
    const t = await table();
    await deliberation(t);
    const seq = t.facilitator.view!.seq;
    const others: TestClient[] = [t.teams.atlantia![0]!, t.observer!, t.redCell!];
    for (const client of others) {
      for (const body of FACILITATOR_ONLY) {
        const ack = await client.command(body);
        expect(ack, `${client.label} ${body.type}`).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
        expect(ack.ok === false && ack.message).toMatch(/facilitator/i);
      }
    }
    const teamBody: CommandBody = { type: 'draftDecision', draft: { action: 'resilience' } };
    for (const client of [t.facilitator, t.observer!, t.redCell!]) {
      expect(await client.command(teamBody)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
      expect(await client.command({ type: 'chat', channel: 'coalition', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    }
    expect(await t.teams.atlantia![0]!.command({ type: 'note', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await t.teams.atlantia![0]!.command({ type: 'chooseAdversaryMove', move: null })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await t.observer!.command({ type: 'chooseAdversaryMove', move: null })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    // Nobody may impersonate the clock.
    for (const client of t.all) {
      expect(await client.command({ type: 'clockExpired', round: 1 })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    }
    // Nothing of that changed the exercise.
    expect(t.facilitator.view!.seq).toBe(seq);
    // Observers and the facilitator may write notes; the red cell may choose a move.
    expect((await t.observer!.command({ type: 'note', text: 'good teamwork', rating: 'P' })).ok).toBe(true);
    const noted = await t.facilitator.must({ type: 'note', text: 'facilitator note' });
    // Before the debrief the facilitator's notes reach no other seat, observers included; the observer's reach the facilitator.
    const observed = await t.observer!.waitForView((v) => v.seq >= noted, 'the note');
    expect(observed.notes.map((n) => n.text)).toEqual(['good teamwork']);
    expect(t.observer!.receivedText()).not.toContain('facilitator note');
    expect(t.facilitator.view!.notes.map((n) => [n.role, n.text])).toEqual([['observer', 'good teamwork'], ['facilitator', 'facilitator note']]);
    expect((await t.redCell!.command({ type: 'chooseAdversaryMove', move: null })).ok).toBe(true);
  });

  it('runs every facilitator control', async () => {
    const t = await table();
    const f = t.facilitator;
    const player = t.teams.borealis![0]!;
    await deliberation(t);
    const deadline = f.view!.clock.deadline!;
    expect(deadline).toBeGreaterThan(Date.now());

    await f.must({ type: 'pause' });
    const paused = await player.waitForView((v) => v.paused, 'paused');
    expect(paused.clock.deadline).toBeNull();
    expect(paused.clock.remainingMs).toBeGreaterThan(0);
    expect(await player.command({ type: 'draftDecision', draft: { action: 'resilience' } })).toMatchObject({ ok: false, code: 'PAUSED' });
    expect(await f.command({ type: 'pause' })).toMatchObject({ ok: false, code: 'PAUSED' });

    await f.must({ type: 'resume' });
    const resumed = await player.waitForView((v) => !v.paused, 'resumed');
    expect(resumed.clock.deadline).not.toBeNull();

    const before = f.view!.clock.deadline!;
    await f.must({ type: 'adjustClock', deltaMs: 5 * 60_000 });
    expect(f.view!.clock.deadline).toBe(before + 5 * 60_000);

    await f.must({ type: 'holdInject', inject: 'spare' });
    expect(f.view!.facilitator!.upcomingInjects.find((i) => i.id === 'spare')!.held).toBe(true);
    await f.must({ type: 'releaseInject', inject: 'spare' });
    await player.waitForView((v) => v.injects.some((i) => i.inject === 'spare'), 'released inject');
    expect(await f.command({ type: 'releaseInject', inject: 'spare' })).toMatchObject({ ok: false, code: 'ALREADY_TAKEN' });
    expect(await f.command({ type: 'releaseInject', inject: 'nope' })).toMatchObject({ ok: false, code: 'UNKNOWN_INJECT' });

    await f.must({ type: 'releaseAdhocInject', inject: { title: 'ADHOC-FOR-BOREALIS', body: 'Only you.', audience: { teams: ['borealis'] } } });
    await player.waitForView((v) => v.injects.some((i) => i.title === 'ADHOC-FOR-BOREALIS'), 'ad-hoc inject');
    expect(t.teams.atlantia![0]!.receivedText()).not.toContain('ADHOC-FOR-BOREALIS');

    await f.must({ type: 'announce', text: 'Ten minutes left' });
    await f.must({ type: 'advance' });
    await player.waitForView((v) => v.phase === 'results', 'results');
    await f.must({ type: 'overrideEscalation', level: 2, reason: 'Calibrating' });
    await f.must({ type: 'endExercise', reason: 'Out of time' });
    const end = await player.waitForView((v) => v.phase === 'debrief', 'debrief');
    expect(end.outcome?.summary).toContain('Out of time');
  });
});

describe('the round clock', () => {
  it('ends a round when its deadline passes, with a logged clockExpired', async () => {
    const t = await table('test-fast', false);
    await deliberation(t);
    const deadline = t.facilitator.view!.clock.deadline!;
    // test-fast rounds last 0.04 minutes (2.4 s); nobody locks.
    const results = await t.facilitator.waitForView((v) => v.phase === 'results', 'the clock to end the round', 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    expect(results.timeline.map((e) => e.text).join('\n')).toContain('Time is up');
    const exported = await t.facilitator.request<ExportAck>('export', { format: 'json' });
    const doc = JSON.parse(exported.ok ? exported.data : '{}') as { commands: { actor: { role: string }; body: { type: string; round?: number } }[] };
    const expired = doc.commands.filter((c) => c.body.type === 'clockExpired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actor: { role: 'system' }, body: { round: 1 } });
  });

  it('stops while paused and runs out after resuming; shortening the clock ends the round', async () => {
    const t = await table('test-fast', false);
    const f = t.facilitator;
    await deliberation(t);
    await f.must({ type: 'pause' });
    const remaining = f.view!.clock.remainingMs!;
    // Wait well past the original deadline: still deliberating.
    await new Promise((r) => setTimeout(r, remaining + 1000));
    expect(f.view!.phase).toBe('deliberation');
    await f.must({ type: 'resume' });
    await f.waitForView((v) => v.phase === 'results', 'expiry after resume', 20_000);

    // Next round: shorten the clock to now, and the server ends the round at once.
    await f.must({ type: 'advance' });
    await f.waitForView((v) => v.phase === 'deliberation' && v.round === 2, 'round 2');
    await f.must({ type: 'adjustClock', deltaMs: -60 * 60_000 });
    await f.waitForView((v) => v.phase === 'results' && v.round === 2, 'expiry after shortening', 10_000);
  });

  it('answers every command exactly once even when they race the clock', async () => {
    const t = await table('test-fast', false);
    await deliberation(t);
    const player = t.teams.atlantia![0]!;
    const answers: CommandAck[] = [];
    // Keep chatting across the deadline.
    while (t.facilitator.view!.phase === 'deliberation') {
      answers.push(await player.command({ type: 'chat', channel: 'team', text: `tick ${answers.length}` }));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answers.every((a) => a.ok)).toBe(true);
    const seqs = answers.map((a) => (a.ok ? a.seq : -1));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
