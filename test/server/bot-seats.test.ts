/**
 * Bot seats over real sockets: an exercise created with bots in some teams'
 * seats plays those teams itself. The bots draft as the round opens, and
 * lock (answering the people's proposals first) once every team played by
 * people has locked; with bots in every seat a round resolves by itself.
 * Their commands are in the log like anyone's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportAck } from '../../src/protocol/events';
import { legalDrafts } from '../helpers/bot';
import { TestClient } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';

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
