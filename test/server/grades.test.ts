/**
 * Grade sheets over real sockets: the tutorial is uploaded and played by two
 * players per team with an observer rating one team; the grade sheet of the
 * exercise and the class sheet across two exercises are downloaded and read
 * back with a standard CSV parser, and compared with the report cards the
 * facilitator's view carries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClassGradesAck, ExportAck } from '../../src/protocol/events';
import { legalDrafts } from '../helpers/bot';
import { setUpTable, type Table } from '../helpers/exercise';
import { ROOT, startTestServer, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const tutorialText = readFileSync(join(ROOT, 'scenarios/tutorial.json'), 'utf8');
const usText = readFileSync(join(ROOT, 'scenarios/us-2016.json'), 'utf8');

let server: TestServer;
let played: Table;
let other: Table;

type Row = Record<string, string>;
const rowsOf = (csv: string): Row[] => parse(csv, { columns: true, skip_empty_lines: true }) as Row[];

beforeAll(async () => {
  server = await startTestServer();
  played = await setUpTable(server.url, { scenarioText: tutorialText, seed: 'grades-1', players: 2, observer: true });
  other = await setUpTable(server.url, { scenarioText: usText, seed: 'grades-2', players: 0, observer: false });
});

afterAll(async () => {
  played?.close();
  other?.close();
  await server?.dispose();
});

describe('grade sheets', () => {
  it('plays a round of the tutorial, rated by an observer', async () => {
    const { facilitator, teams, observer } = played;
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    for (const [team, players] of Object.entries(teams)) {
      const lead = players[0]!;
      await lead.waitForView((v) => v.phase === 'deliberation', 'deliberation');
      for (const draft of legalDrafts(lead.view!).slice(0, 2)) await lead.must({ type: 'draftDecision', draft });
      expect(lead.view!.teams.find((t) => t.id === team)!.plan!.length).toBeGreaterThan(0);
    }
    for (const [team, players] of Object.entries(teams)) {
      const ack = await players[0]!.command({ type: 'lockDecisions' });
      expect(ack.ok, `${team} lock`).toBe(true);
    }
    await facilitator.waitForView((v) => v.phase === 'results', 'results');
    await observer!.must({ type: 'note', text: 'Estonia acted alone.', objective: 'together', rating: 'U', team: 'est' });
    await observer!.must({ type: 'note', text: 'Everyone found the preview.', objective: 'interface', rating: 'P' });
    await facilitator.must({ type: 'endExercise', reason: 'Time for the debrief.' });
    await facilitator.waitForView((v) => v.phase === 'debrief', 'debrief');
  });

  it('gives the facilitator one row per player with each objective’s level, as on the report cards', async () => {
    const { facilitator, teams } = played;
    const answer = await facilitator.request<ExportAck>('export', { format: 'grades' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.contentType).toContain('text/csv');
    expect(answer.filename).toBe(`firebreak-${played.created.exerciseId}-grades.csv`);
    const rows = rowsOf(answer.data);
    const view = facilitator.view!;
    // Two players per team, each named.
    expect(rows.map((r) => `${r.team}/${r.player}`).sort()).toEqual(
      Object.keys(teams).flatMap((t) => [0, 1].map((i) => `${t}/${t} player ${i}`)).sort(),
    );
    for (const row of rows) {
      const card = view.reportCards.find((c) => c.team === row.team)!;
      expect(Number(row.decisions)).toBe(view.decisions.filter((d) => d.team === row.team).length);
      expect(row.phase).toBe('debrief');
      for (const o of card.objectives) {
        expect(row[`${o.objective}_level`]).toBe(o.level ?? '');
        expect(row[`${o.objective}_score`]).toBe(o.score === null ? '' : String(o.score));
      }
    }
    // The observer's rating of Estonia counts for Estonia only; the unaddressed one for everyone.
    for (const row of rows) {
      expect(row.together_evaluators).toBe(row.team === 'est' ? 'U' : '');
      expect(row.interface_evaluators).toBe('P');
    }
  });

  it('lets evaluators download it too, and nobody else', async () => {
    const observerSheet = await played.observer!.request<ExportAck>('export', { format: 'grades' });
    expect(observerSheet.ok).toBe(true);
    const player = played.teams.est![0]!;
    expect(await player.request('export', { format: 'grades' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    // A team sees its own report card at the debrief, and no other.
    expect(player.view!.reportCards.map((c) => c.team)).toEqual(['est']);
    // The same over HTTP, for links.
    const path = `${server.url}/api/exercises/${played.created.exerciseId}/grades.csv`;
    const ok = await fetch(path, { headers: { authorization: `Bearer ${played.observer!.credential}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain(`firebreak-${played.created.exerciseId}-grades.csv`);
    expect(rowsOf(await ok.text())).toHaveLength(4);
    expect((await fetch(`${path}?credential=${player.credential}`)).status).toBe(403);
  });

  it('puts every exercise a facilitator runs in one class sheet', async () => {
    const credentials = [played.facilitator.credential!, other.facilitator.credential!, 'x'.repeat(32)];
    const answer = await played.facilitator.request<ClassGradesAck>('grades:class', { credentials });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer).toMatchObject({ exercises: 2, unknown: 1 });
    const rows = rowsOf(answer.data);
    const header = Object.keys(rows[0]!);
    // Two scenarios: objectives are told apart by scenario.
    expect(header).toContain('tutorial/together_level');
    expect(header).toContain('us-2016/proportionality_level');
    expect(header).toContain('tutorial/proportionality_level');
    const fromOther = rows.filter((r) => r.exercise === other.created.exerciseId);
    // Nobody joined the second exercise: one row per team, without a player, with no decisions yet.
    expect(fromOther.map((r) => r.team)).toEqual(JSON.parse(usText).teams.map((t: { id: string }) => t.id));
    for (const r of fromOther) expect(r).toMatchObject({ player: '', decisions: '0', phase: 'lobby', 'tutorial/together_level': '' });
    expect(rows.filter((r) => r.exercise === played.created.exerciseId)).toHaveLength(4);
  });

  it('refuses a class sheet to credentials that run no exercise', async () => {
    const answer = await played.teams.est![0]!.request<ClassGradesAck>('grades:class', { credentials: [played.teams.est![0]!.credential!] });
    expect(answer).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await played.facilitator.request('grades:class', { credentials: 'nope' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });
});
