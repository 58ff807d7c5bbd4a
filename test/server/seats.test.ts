/** Creating exercises, join codes, seats, team leads and ready votes, resuming, dashboards. */
import { describe, expect, it, vi } from 'vitest';
import type {
  ExerciseCreateAck,
  ExerciseListAck,
  ScenarioListAck,
  SeatJoinAck,
  SeatResumeAck,
  TeamReadyAck,
} from '../../src/protocol/events';
import { CODE_ALPHABET, CODE_LENGTH } from '../../src/server/secrets';
import { waitUntil, type TestClient } from '../helpers/client';
import { fixtureScenario, fixtureText } from '../helpers/scenario';
import { serverForThisFile } from '../helpers/perFile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();
const connect = (label: string): Promise<TestClient> => here.connect(label);

describe('scenarios and exercise creation', () => {
  it('lists the shipped scenarios', async () => {
    const c = await connect('lister');
    const ack = await c.request<ScenarioListAck>('scenario:list', {});
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const ids = ack.scenarios.map((s) => s.id).sort();
    expect(ids).toEqual(['test-fast', 'test-fixture', 'test-four', 'test-no-red']);
    const four = ack.scenarios.find((s) => s.id === 'test-four')!;
    expect(four.teams).toHaveLength(4);
    expect(four.rounds).toBe(3);
    expect(four.title).toBeTruthy();
    // No payload at all is fine too.
    expect((await c.request<ScenarioListAck>('scenario:list')).ok).toBe(true);
  });

  it('creates from a shipped id with readable, unique join codes', async () => {
    const c = await connect('creator');
    const ack = await c.create({ scenarioId: 'test-four', title: 'Monday session' });
    const codes = [...Object.values(ack.codes.teams), ack.codes.observer, ack.codes.redCell!];
    expect(Object.keys(ack.codes.teams)).toHaveLength(4);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toHaveLength(CODE_LENGTH);
      for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(ack.facilitatorCredential.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(ack.links.teams[Object.keys(ack.codes.teams)[0]!]).toBe(`/join/${Object.values(ack.codes.teams)[0]}`);
    expect(ack.links.exportCsv).toBe(`/api/exercises/${ack.exerciseId}/export.csv`);
  });

  it('has no red cell code when the scenario does not allow one', async () => {
    const c = await connect('creator2');
    const ack = await c.create({ scenarioId: 'test-no-red' });
    expect(ack.codes.redCell).toBeUndefined();
    expect(ack.links.redCell).toBeUndefined();
  });

  it('creates from uploaded scenario JSON, and reports every problem of a broken one', async () => {
    const c = await connect('uploader');
    const ok = await c.create({ scenarioText: fixtureText({ id: 'uploaded-one', teams: 2 }) });
    expect(ok.codes.teams).toHaveProperty('atlantia');

    const broken = fixtureScenario({ id: 'broken' }) as Record<string, unknown> & { teams: { id: string }[] };
    broken.teams[1]!.id = broken.teams[0]!.id; // duplicate id
    delete (broken as Record<string, unknown>).rounds;
    const bad = await c.request<ExerciseCreateAck>('exercise:create', { scenarioText: JSON.stringify(broken, null, 2) });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_SCENARIO' });
    if (bad.ok) return;
    expect(bad.problems!.length).toBeGreaterThanOrEqual(1);
    for (const p of bad.problems!) expect(p).toMatch(/^upload\.json:\d+:\d+: /);

    const syntax = await c.request<ExerciseCreateAck>('exercise:create', { scenarioText: '{ "formatVersion": 1, ' });
    expect(syntax).toMatchObject({ ok: false, code: 'INVALID_SCENARIO' });

    expect(await c.request('exercise:create', { scenarioId: 'nope' })).toMatchObject({ ok: false, code: 'UNKNOWN_SCENARIO' });
    expect(await c.request('exercise:create', {})).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(
      await c.request('exercise:create', { scenarioId: 'test-fixture', scenarioText: fixtureText() }),
    ).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });
});

describe('joining, leads and ready votes', () => {
  it('joins with a code typed loosely, and refuses unknown codes', async () => {
    const f = await connect('f');
    const created = await f.create({ scenarioId: 'test-fixture' });
    const code = created.codes.teams.atlantia!;
    const p = await connect('p');
    const loose = `${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`;
    const ack = await p.join(loose, '  Ada  ');
    expect(ack.seat).toMatchObject({ role: 'team', team: 'atlantia', name: 'Ada', lead: true, exerciseId: created.exerciseId });
    expect(ack.view.viewer).toEqual({ role: 'team', team: 'atlantia' });
    expect(ack.view.me?.team).toBe('atlantia');

    const q = await connect('q');
    expect(await q.request<SeatJoinAck>('seat:join', { code: 'ZZZZZZ', name: 'Eve' })).toMatchObject({ ok: false, code: 'UNKNOWN_CODE' });
    expect(await q.request<SeatJoinAck>('seat:join', { code, name: '' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await q.request<SeatJoinAck>('seat:join', { code, name: 'x'.repeat(81) })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    // A command before joining.
    expect(await q.command({ type: 'chat', channel: 'team', text: 'hi' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
  });

  it('lets the lead lock alone; others lock when every connected member is ready', async () => {
    const table = await here.table({ scenarioId: 'test-fixture', players: 3, observer: true });
    const [lead, second, third] = table.teams.atlantia!;
    await table.facilitator.must({ type: 'startExercise' });
    await table.facilitator.must({ type: 'advance' });
    await lead!.waitForView((v) => v.phase === 'deliberation');

    // Only the first player to join leads.
    const presence = await waitUntil(() => second!.presences.at(-1), 'presence');
    const members = presence.seats.filter((s) => s.team === 'atlantia');
    expect(members.map((m) => m.lead)).toEqual([true, false, false]);

    // Any member may draft.
    await third!.must({ type: 'draftDecision', draft: { action: 'resilience', rationale: 'from the third member' } });

    // A non-lead cannot lock alone.
    const refused = await second!.command({ type: 'lockDecisions' });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_LEAD' });
    expect(refused.ok === false && refused.message).toContain('team:ready');

    // Ready votes: two of three is not enough...
    const v1 = await second!.request<TeamReadyAck>('team:ready', { ready: true });
    expect(v1).toMatchObject({ ok: true, locked: false });
    expect(v1.ok && v1.waitingFor.sort()).toEqual(['atlantia player 0', 'atlantia player 2']);
    // ...and the vote is visible to the team, not to other teams.
    await waitUntil(
      () => lead!.presences.at(-1)?.seats.find((s) => s.name === 'atlantia player 1')?.ready === true,
      'the lead to see the vote',
    );
    const otherTeam = table.teams.borealis![0]!;
    await waitUntil(() => otherTeam.presences.length > 0, 'presence for another team');
    for (const p of otherTeam.presences) {
      for (const s of p.seats.filter((x) => x.team === 'atlantia')) expect(s.ready).toBeUndefined();
    }
    // Nor to observers (the visibility table's readyVotes row).
    await waitUntil(() => table.observer!.presences.length > 0, 'presence for an observer');
    for (const p of table.observer!.presences) for (const s of p.seats) expect(s.ready).toBeUndefined();
    await third!.request<TeamReadyAck>('team:ready', { ready: true });
    expect(table.facilitator.view!.teams.find((t) => t.id === 'atlantia')!.locked).toBe(false);

    // The lead leaves: every connected member is now ready, so the team locks.
    lead!.disconnect();
    await table.facilitator.waitForView((v) => v.teams.find((t) => t.id === 'atlantia')!.locked, 'vote lock after the lead left');
    const timeline = table.facilitator.view!.timeline.map((t) => t.text).join('\n');
    expect(timeline).toContain('locked its decisions');

    // Unvoting after the lock changes nothing; the lead comes back and unlocks.
    lead!.reconnect();
    await lead!.connected();
    await lead!.resume(lead!.credential!);
    await lead!.must({ type: 'unlockDecisions' });
    // Votes were cleared by the lock: one vote is not enough now.
    const again = await second!.request<TeamReadyAck>('team:ready', { ready: true });
    expect(again).toMatchObject({ ok: true, locked: false });
    await lead!.must({ type: 'lockDecisions' });
    expect(lead!.view!.teams.find((t) => t.id === 'atlantia')!.locked).toBe(true);
    expect(await lead!.request('team:ready', { ready: true })).toMatchObject({ ok: false, code: 'ALREADY_LOCKED' });

    // Non-team seats cannot vote.
    expect(await table.facilitator.request('team:ready', { ready: true })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });

  it('a ready vote the engine refuses is answered with its reason', async () => {
    const table = await here.table({ scenarioId: 'test-fixture', players: 2, observer: false });
    const [, second] = table.teams.caledon!;
    const [lead] = table.teams.caledon!;
    await second!.request('team:ready', { ready: true });
    const ack = await lead!.request<TeamReadyAck>('team:ready', { ready: true });
    expect(ack).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });
});

describe('after the end', () => {
  it('join codes seat no one and chat is closed until the facilitator reopens the exercise; seats resume', async () => {
    const table = await here.table({ scenarioId: 'test-fixture', observer: true });
    const f = table.facilitator;
    await f.must({ type: 'startExercise' });
    await f.must({ type: 'endExercise', reason: 'done' });
    const player = table.teams.atlantia![0]!;
    const late = await connect('late');
    const code = table.created.codes.teams.atlantia!;
    expect(await late.request<SeatJoinAck>('seat:join', { code, name: 'Late Lou' })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
    expect(await late.request<SeatJoinAck>('seat:join', { code: table.created.codes.observer, name: 'Late Lou' })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
    expect(await player.command({ type: 'chat', channel: 'team', text: 'anyone?' })).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
    // A seat already taken still resumes, to read the debrief.
    const again = await connect('again');
    expect((await again.resume(player.credential!)).view.phase).toBe('debrief');
    // Reopened by the facilitator: the code seats people and chat runs.
    const seq = await f.must({ type: 'reopenExercise', reason: 'a late team member' });
    await player.waitForView((v) => v.seq >= seq && v.reopened, 'the reopened view');
    expect((await late.join(code, 'Late Lou')).view.reopened).toBe(true);
    expect((await player.command({ type: 'chat', channel: 'team', text: 'welcome' })).ok).toBe(true);
    table.close();
  });
});

describe('resuming a seat', () => {
  it('resumes after a disconnect with the current view, and on a second device', async () => {
    const table = await here.table({ scenarioId: 'test-fixture', observer: true });
    const player = table.teams.borealis![0]!;
    const credential = player.credential!;
    await table.facilitator.must({ type: 'startExercise' });
    await player.waitForView((v) => v.phase === 'briefing');
    const seenSeq = player.view!.seq;

    player.disconnect();
    await waitUntil(
      () => table.facilitator.presences.at(-1)?.seats.find((s) => s.team === 'borealis' && !s.connected),
      'presence to show the player gone',
    );
    await table.facilitator.must({ type: 'advance' });
    await table.facilitator.must({ type: 'announce', text: 'While you were away' });
    const current = table.facilitator.view!.seq;
    expect(current).toBeGreaterThan(seenSeq);

    // Reload: a fresh socket resumes with the credential and gets the current view at once.
    const reloaded = await connect('reloaded');
    const ack = await reloaded.resume(credential, seenSeq);
    expect(ack.seat).toMatchObject({ role: 'team', team: 'borealis', lead: true });
    expect(ack.view.seq).toBe(current);
    expect(ack.view.phase).toBe('deliberation');
    expect(ack.view.chat.map((m) => m.text)).toContain('While you were away');

    // A second device on the same seat: both receive every later view.
    const phone = await connect('phone');
    await phone.resume(credential);
    const seq = await table.facilitator.must({ type: 'announce', text: 'Both devices' });
    await reloaded.waitForView((v) => v.seq === seq, 'view on device 1');
    await phone.waitForView((v) => v.seq === seq, 'view on device 2');
    // Either device may act for the seat.
    await phone.must({ type: 'draftDecision', draft: { action: 'resilience' } });
    await reloaded.waitForView((v) => (v.teams.find((t) => t.id === 'borealis')!.plan ?? []).length === 1, 'draft from the other device');

    // The old socket, reconnected by socket.io, is not bound until it resumes.
    player.reconnect();
    await player.connected();
    expect(await player.command({ type: 'chat', channel: 'team', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    await player.resume(credential);
    expect((await player.command({ type: 'chat', channel: 'team', text: 'back' })).ok).toBe(true);

    expect(await reloaded.request<SeatResumeAck>('seat:resume', { credential: 'x'.repeat(43) })).toMatchObject({
      ok: false,
      code: 'INVALID_CREDENTIAL',
    });
  });
});

describe('the facilitator dashboard', () => {
  it('lists every exercise whose facilitator credential the browser holds', async () => {
    const browser = await connect('dashboard');
    const a = await browser.create({ scenarioId: 'test-fixture', title: 'Exercise A' });
    const b = await browser.create({ scenarioId: 'test-four', title: 'Exercise B' });
    const player = await connect('player');
    const joined = await player.join(a.codes.teams.atlantia!, 'Pat');

    const list = await browser.request<ExerciseListAck>('exercise:list', {
      credentials: [a.facilitatorCredential, b.facilitatorCredential, joined.credential, 'y'.repeat(43)],
    });
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.exercises.map((e) => e.title).sort()).toEqual(['Exercise A', 'Exercise B']);
    expect(list.unknown).toBe(2); // a player's credential does not list anything
    const entry = list.exercises.find((e) => e.exerciseId === a.exerciseId)!;
    expect(entry).toMatchObject({ phase: 'lobby', round: 0, rounds: 3, scenarioId: 'test-fixture', seq: 0 });
    expect(entry.seats).toEqual({ total: 2, connected: 1 });
    expect(entry.codes.teams.atlantia).toBe(a.codes.teams.atlantia);
    expect(JSON.stringify(list)).not.toContain(a.facilitatorCredential);

    expect(await browser.request('exercise:list', { credentials: 'nope' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });
});
