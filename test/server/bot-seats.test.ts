/**
 * Bot seats over real sockets: an exercise created with bots in some teams'
 * seats plays those teams itself. The bots draft as the round opens, and
 * lock (answering the people's proposals first) once every team played by
 * people has locked; with bots in every seat a round resolves by itself.
 * Their commands are in the log like anyone's.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportAck } from '../../src/protocol/events';
import { legalDrafts } from '../helpers/bot';
import { TestClient } from '../helpers/client';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.dispose();
});

async function facilitatorOf(payload: Record<string, unknown>) {
  const facilitator = await TestClient.connect(server.url, 'facilitator');
  clients.push(facilitator);
  const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 'bots-1', ...payload });
  await facilitator.resume(created.facilitatorCredential);
  facilitator.credential = created.facilitatorCredential;
  return { facilitator, created };
}

describe('bot seats', () => {
  it('plays the teams it is given, and waits for the people before locking', async () => {
    const { facilitator, created } = await facilitatorOf({ bots: { 'borealis': 'restrained', 'caledon': 'hawkish' } });
    const player = await TestClient.connect(server.url, 'atlantia');
    clients.push(player);
    await player.join(created.codes.teams['atlantia']!, 'Ana Author');

    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    // The bots draft at once; they do not lock while a team of people deliberates.
    const planned = await facilitator.waitForView(
      (v) => v.phase === 'deliberation' && v.teams.filter((t) => t.id !== 'atlantia').every((t) => t.draftCount > 0),
      'the bots drafting',
    );
    expect(planned.teams.map((t) => t.locked)).toEqual([false, false, false]);

    const draft = legalDrafts(player.view!)[0]!;
    await player.must({ type: 'draftDecision', draft });
    expect((await player.command({ type: 'lockDecisions' })).ok).toBe(true);
    const results = await facilitator.waitForView((v) => v.phase === 'results' && v.round === 1, 'round 1 resolved');
    expect(results.rounds).toHaveLength(1);

    const exported = await facilitator.request<ExportAck>('export', { format: 'json' });
    expect(exported.ok).toBe(true);
    const log = JSON.parse((exported as Extract<ExportAck, { ok: true }>).data) as { commands: { actor: { name?: string; team?: string }; body: { type: string } }[] };
    const botCommands = log.commands.filter((c) => c.actor.name?.endsWith(' bot'));
    expect(new Set(botCommands.map((c) => `${c.actor.team} ${c.actor.name}`))).toEqual(new Set(['borealis restrained bot', 'caledon hawkish bot']));
    expect(botCommands.filter((c) => c.body.type === 'lockDecisions')).toHaveLength(2);
  });

  it('resolves each round by itself when every seat is a bot', async () => {
    const { facilitator } = await facilitatorOf({ bots: { 'atlantia': 'random-legal', 'borealis': 'coalition-follower', 'caledon': 'restrained' } });
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    await facilitator.waitForView((v) => v.phase === 'results' && v.round === 1, 'round 1 resolved by the bots');
    await facilitator.must({ type: 'advance' });
    await facilitator.waitForView((v) => v.phase === 'results' && v.round === 2, 'round 2 resolved by the bots');
  });

  it('refuses bots for a team the scenario lacks, or a policy that does not exist', async () => {
    const client = await TestClient.connect(server.url, 'author');
    clients.push(client);
    expect(await client.request('exercise:create', { scenarioId: 'test-fixture', bots: { 'zembla': 'restrained' } })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: 'There is no team "zembla" in this scenario to give a bot (teams: atlantia, borealis, caledon).',
    });
    expect(await client.request('exercise:create', { scenarioId: 'test-fixture', bots: { 'atlantia': 'reckless' } })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: 'There is no bot policy "reckless" (policies: hawkish, restrained, coalition-follower, random-legal).',
    });
  });
});

describe('the facilitator settles empty seats before the start', () => {
  it('gives one team to a bot and leaves another out: the round is not held up, and the absent team neither acts nor counts in the coalition', async () => {
    const { facilitator, created } = await facilitatorOf({});
    const player = await TestClient.connect(server.url, 'atlantia');
    const absentee = await TestClient.connect(server.url, 'borealis');
    clients.push(player, absentee);
    await player.join(created.codes.teams['atlantia']!, 'Ana Analyst');
    await absentee.join(created.codes.teams['borealis']!, 'Late Larry');

    await facilitator.must({ type: 'seatBot', team: 'caledon', policy: 'restrained' });
    await facilitator.must({ type: 'dropTeam', team: 'borealis' });
    const lobby = await facilitator.waitForView((v) => v.teams.some((t) => t.seat === 'absent'), 'the seats settled');
    expect(lobby.teams.map((t) => [t.id, t.seat ?? 'people'])).toEqual([['atlantia', 'people'], ['borealis', 'absent'], ['caledon', 'bot']]);

    await facilitator.must({ type: 'startExercise' });
    expect(await facilitator.command({ type: 'seatBot', team: 'atlantia', policy: 'hawkish' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    await facilitator.must({ type: 'advance' });
    await facilitator.waitForView((v) => v.teams.find((t) => t.id === 'caledon')!.draftCount > 0, 'the bot drafting');
    expect(await absentee.command({ type: 'lockDecisions' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });

    await player.must({ type: 'draftDecision', draft: legalDrafts(player.view!)[0]! });
    await player.must({ type: 'lockDecisions' });
    const results = await facilitator.waitForView((v) => v.phase === 'results' && v.round === 1, 'round 1 resolved without the absent team');
    const pairs = results.rounds[0]!.links.map((l) => `${l.a}-${l.b}`);
    expect(pairs).toEqual(['atlantia-caledon']);
  });

  it("refuses a join with a dropped team's code, and seats people again once the facilitator reopens the seat", async () => {
    const { facilitator, created } = await facilitatorOf({});
    await facilitator.must({ type: 'dropTeam', team: 'borealis' });
    await facilitator.must({ type: 'seatBot', team: 'caledon', policy: 'restrained' });
    const late = await TestClient.connect(server.url, 'late borealis');
    clients.push(late);
    const refused = await late.request<{ ok: boolean; code?: string; message?: string }>('seat:join', { code: created.codes.teams['borealis']!, name: 'Late Larry' });
    expect(refused).toMatchObject({ ok: false, code: 'TEAM_DROPPED' });
    expect(refused.message).toBe('The facilitator has dropped this team from the exercise, so its code seats no one. Ask the facilitator for another code.');

    await facilitator.must({ type: 'reopenSeat', team: 'borealis' });
    await facilitator.must({ type: 'reopenSeat', team: 'caledon' });
    const lobby = await facilitator.waitForView((v) => v.teams.every((t) => !t.seat), 'the seats open again');
    expect(lobby.teams.map((t) => t.seat ?? 'people')).toEqual(['people', 'people', 'people']);
    const joined = await late.join(created.codes.teams['borealis']!, 'Late Larry');
    expect(joined.seat.team).toBe('borealis');
    await facilitator.must({ type: 'startExercise' });
    expect(await facilitator.command({ type: 'reopenSeat', team: 'borealis' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it.each([
    ['the facilitator gave (seatBot)', false],
    ['given at exercise:create', true],
  ])('keeps bots %s after a restart', async (_how, atCreation) => {
    const dataDir = tempDir();
    const teams = ['atlantia', 'borealis', 'caledon'];
    try {
      const first = await startTestServer({ dataDir });
      const facilitator = await TestClient.connect(first.url, 'facilitator');
      clients.push(facilitator);
      const bots = Object.fromEntries(teams.map((team) => [team, 'restrained']));
      const created = await facilitator.create({ scenarioId: 'test-fixture', seed: 'bots-restart', ...(atCreation ? { bots } : {}) });
      await facilitator.resume(created.facilitatorCredential);
      if (!atCreation) for (const team of teams) await facilitator.must({ type: 'seatBot', team, policy: 'restrained' });
      // Either way the bots are in the exercise's state, and so in its log.
      expect(facilitator.view!.teams.map((t) => t.seat)).toEqual(['bot', 'bot', 'bot']);
      await facilitator.must({ type: 'startExercise' });
      await facilitator.must({ type: 'advance' });
      await facilitator.waitForView((v) => v.phase === 'results' && v.round === 1, 'round 1 resolved by the bots');
      facilitator.close();
      await first.dispose();

      const again = await startTestServer({ dataDir });
      try {
        const back = await TestClient.connect(again.url, 'facilitator again');
        clients.push(back);
        await back.resume(created.facilitatorCredential);
        await back.must({ type: 'advance' });
        await back.waitForView((v) => v.phase === 'results' && v.round === 2, 'round 2 resolved by the same bots after the restart');
        // The bots played round 2 themselves: their decisions are there.
        expect(back.view!.decisions.filter((d) => d.round === 2).map((d) => d.team).sort()).toEqual(expect.arrayContaining(teams));
      } finally {
        await again.dispose();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
