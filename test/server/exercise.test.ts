/**
 * A whole exercise over real sockets: a facilitator, three teams, an
 * observer and a red cell play from the lobby to the debrief; then we check
 * what each client actually received for secrets it must never see, and the
 * exports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExerciseView } from '../../src/engine/view/types';
import type { ExportAck } from '../../src/protocol/events';
import { legalDrafts } from '../helpers/bot';
import type { TestClient } from '../helpers/client';
import { setUpTable, type Table } from '../helpers/exercise';
import { FACILITATOR_SECRETS, secretsOf } from '../helpers/scenario';
import { startTestServer, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const SEED = 'SEED-SECRET-7f3a91';

let server: TestServer;
let table: Table;
/** Per client: how many packets it had received before the exercise entered its debrief. */
const beforeDebrief = new Map<TestClient, number>();

beforeAll(async () => {
  server = await startTestServer();
  table = await setUpTable(server.url, { scenarioId: 'test-fixture', seed: SEED, players: 1, observer: true, redCell: true });
});

afterAll(async () => {
  table?.close();
  await server?.dispose();
});

async function everyoneSees(predicate: (v: ExerciseView) => boolean, what: string): Promise<void> {
  await Promise.all(table.all.map((c) => c.waitForView(predicate, what)));
}

describe('a whole exercise from lobby to debrief', () => {
  it('plays three rounds with three teams, an observer and a red cell', async () => {
    const { facilitator, teams, observer, redCell } = table;
    expect(Object.keys(teams)).toHaveLength(3);
    for (const c of table.all) expect(c.view?.phase).toBe('lobby');

    await facilitator.must({ type: 'startExercise' });
    await everyoneSees((v) => v.phase === 'briefing', 'briefing');

    const rounds = facilitator.view!.scenario.rounds.length;
    for (let round = 1; round <= rounds; round++) {
      await facilitator.must({ type: 'advance' });
      await everyoneSees((v) => v.phase === 'deliberation' && v.round === round, `round ${round} deliberation`);

      if (redCell) {
        const move = redCell.view!.redCell!.moves.find((m) => m.eligible);
        const ack = await redCell.command({ type: 'chooseAdversaryMove', move: move ? move.id : null });
        expect(ack.ok).toBe(true);
      }
      await observer!.must({ type: 'note', text: `Round ${round}: teams are deliberating.`, rating: 'S', objective: 'coordinate' });

      const teamIds = Object.keys(teams);
      for (const [i, team] of teamIds.entries()) {
        const player = teams[team]![0]!;
        await player.must({ type: 'chat', channel: 'team', text: `TEAMCHAT-${team}-r${round}` });
        await player.must({ type: 'chat', channel: 'coalition', text: `Coalition hello from ${team}` });
        const drafts = legalDrafts(player.view!);
        expect(drafts.length).toBeGreaterThan(0);
        const draft = drafts[(i + round) % drafts.length]!;
        await player.must({ type: 'draftDecision', draft });
        const last = i === teamIds.length - 1;
        const ack = await player.command({ type: 'lockDecisions' });
        expect(ack.ok).toBe(true);
        if (!last) await player.waitForView((v) => v.teams.find((t) => t.id === team)!.locked, 'own lock');
      }
      // The last lock resolves the round.
      await everyoneSees((v) => v.phase === 'results' && v.round === round, `round ${round} results`);
      expect(facilitator.view!.rounds).toHaveLength(round);
    }

    for (const c of table.all) beforeDebrief.set(c, c.packets.length);
    await facilitator.must({ type: 'advance' });
    await everyoneSees((v) => v.phase === 'debrief', 'debrief');

    const seq = facilitator.view!.seq;
    for (const c of table.all) {
      expect(c.view!.seq).toBe(seq);
      expect(c.view!.debrief).not.toBeNull();
      expect(c.view!.outcome).not.toBeNull();
    }
    // Every decision resolved for every team, three rounds.
    expect(facilitator.view!.decisions.length).toBeGreaterThanOrEqual(3 * rounds);
    // After the debrief, play commands are refused with a reason.
    const late = await teams[Object.keys(teams)[0]!]![0]!.command({ type: 'lockDecisions' });
    expect(late).toMatchObject({ ok: false, code: 'EXERCISE_OVER' });
  });

  it('never sends a team another team\'s private injects, plans, evidence or team chat', async () => {
    const teamIds = Object.keys(table.teams);
    for (const team of teamIds) {
      const client = table.teams[team]![0]!;
      const cut = beforeDebrief.get(client)!;
      const before = client.packets.slice(0, cut).join('\n');
      const everything = client.receivedText();
      // Its own secrets did arrive (so the search below is meaningful).
      for (const secret of secretsOf(team)) expect(everything).toContain(secret);
      expect(before).toContain(`TEAMCHAT-${team}-r1`);
      for (const other of teamIds.filter((t) => t !== team)) {
        // Private inject titles and bodies stay private until the debrief reveals them.
        for (const secret of secretsOf(other).slice(1)) expect(before, `${team} saw ${secret}`).not.toContain(secret);
        // Another government's briefing is never sent, not even in the debrief.
        expect(everything).not.toContain(`BRIEFING-SECRET-${other}`);
        // Team chat stays inside the team.
        expect(everything).not.toContain(`TEAMCHAT-${other}-`);
      }
      // Every view: other teams' plans and evidence are withheld.
      for (const view of client.views) {
        for (const summary of view.teams) {
          if (summary.id === team) continue;
          expect(summary.plan, `${team} got ${summary.id}'s plan`).toBeUndefined();
          expect(summary.capitalLeft).toBeUndefined();
        }
        if (view.phase === 'debrief') continue;
        for (const incident of view.incidents) {
          for (const [owner, att] of Object.entries(incident.byTeam)) {
            if (owner === team) continue;
            expect(att.evidence, `${team} got ${owner}'s evidence`).toBeNull();
            expect(att.confidence).toBeNull();
          }
          expect(incident.truth).toBeUndefined();
        }
        expect(view.facilitator).toBeNull();
        expect(view.redCell).toBeNull();
      }
    }
  });

  it('never sends anyone another seat\'s credential, the seed, the generator state or the hidden internals', async () => {
    const credentials = table.all.map((c) => c.credential!);
    expect(new Set(credentials).size).toBe(table.all.length);
    for (const client of table.all) {
      const text = client.receivedText();
      for (const credential of credentials) {
        if (credential === client.credential) continue;
        expect(text, `${client.label} received another credential`).not.toContain(credential);
      }
      expect(text).not.toMatch(/"rng"\s*:/);
      expect(text).not.toMatch(/"hidden"\s*:/);
      expect(text).not.toMatch(/"s0"\s*:/);
      expect(text).not.toMatch(/credentialHash|credential_hash/);
      if (client !== table.facilitator) {
        expect(text, `${client.label} received the seed`).not.toContain(SEED);
        for (const secret of FACILITATOR_SECRETS) {
          if (client === table.redCell && secret === 'ADVERSARY-BRIEFING-SECRET') continue;
          expect(text, `${client.label} received ${secret}`).not.toContain(secret);
        }
      }
    }
    // The red cell never sees a team's private material.
    const red = table.redCell!.receivedText();
    for (const team of Object.keys(table.teams)) expect(red).not.toContain(`BRIEFING-SECRET-${team}`);
  });

  it('exports the log as JSON and CSV, to each seat what it may see', async () => {
    const json = await table.facilitator.request<ExportAck>('export', { format: 'json' });
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const doc = JSON.parse(json.data) as { seed: string; commands: { seq: number; at: string; stateHash: string; actor: { role: string } }[]; stateHash: string };
    expect(doc.seed).toBe(SEED);
    expect(doc.commands).toHaveLength(table.facilitator.view!.seq);
    expect(doc.commands.map((c) => c.seq)).toEqual(doc.commands.map((_, i) => i + 1));
    expect(doc.commands[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The last command changed the phase, so the log carries its hash.
    expect(doc.stateHash).toBe(doc.commands[doc.commands.length - 1]!.stateHash);
    expect(doc.commands.filter((c) => c.stateHash !== null).length).toBeGreaterThanOrEqual(8);
    // The facilitator's export replays with the command-line tool to the same state.
    const file = join(mkdtempSync(join(tmpdir(), 'firebreak-export-')), 'log.json');
    writeFileSync(file, json.data);
    const replayed = JSON.parse(execFileSync('node', ['bin/firebreak.js', 'replay', file, '--json'], { encoding: 'utf8' }));
    expect(replayed).toMatchObject({ stateHash: doc.stateHash, matchesRecordedHash: true, rejected: 0, commands: doc.commands.length });

    const csv = await table.observer!.request<ExportAck>('export', { format: 'csv' });
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    const lines = csv.data.trim().split('\r\n');
    expect(lines[0]).toBe('exercise,kind,seq,round,timestamp,actor_role,actor_name,team,command_type,action,incident,rationale,proportionality,cohesion');
    expect(lines.filter((l) => l.includes(',command,'))).toHaveLength(table.facilitator.view!.seq);
    const decisionRows = lines.filter((l) => l.includes(',decision,'));
    expect(decisionRows.length).toBe(table.facilitator.view!.decisions.length);
    // The observer's export masks the red cell's choices.
    const observerJson = await table.observer!.request<ExportAck>('export', { format: 'json' });
    expect(observerJson.ok && observerJson.data).toContain('[redacted]');

    // At the debrief a team exports too: its own team chat, never another team's.
    const [mine, other] = Object.keys(table.teams);
    const team = table.teams[mine!]![0]!;
    const teamJson = await team.request<ExportAck>('export', { format: 'json' });
    expect(teamJson.ok).toBe(true);
    if (!teamJson.ok) return;
    expect(JSON.parse(teamJson.data).exportedFor).toBe('team');
    expect(teamJson.data).toContain(`TEAMCHAT-${mine}-r1`);
    expect(teamJson.data).not.toContain(`TEAMCHAT-${other}-r1`);
    expect(teamJson.data).not.toContain('scenarioText');
    expect(await table.redCell!.request('export', { format: 'json' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });

    // HTTP downloads with a credential.
    const id = table.created.exerciseId;
    const ok = await fetch(`${server.url}/api/exercises/${id}/export.csv?credential=${table.observer!.credential}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
    expect(ok.headers.get('content-disposition')).toContain('attachment');
    expect((await ok.text()).split('\r\n')[0]).toContain('exercise,kind,seq');
    const viaHeader = await fetch(`${server.url}/api/exercises/${id}/export.json`, {
      headers: { authorization: `Bearer ${table.facilitator.credential}` },
    });
    expect(viaHeader.status).toBe(200);
    expect(((await viaHeader.json()) as { exerciseId: string }).exerciseId).toBe(id);
    const refused = await fetch(`${server.url}/api/exercises/${id}/export.json?credential=${table.redCell!.credential}`);
    expect(refused.status).toBe(403);
    const missing = await fetch(`${server.url}/api/exercises/${id}/export.json`);
    expect(missing.status).toBe(401);
  });
});
