/**
 * Every scenario shipped in scenarios/ can be run through the server: create,
 * seat every team, start, and play a round with legal moves.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryComparison } from '../../src/engine/bots/historyComparison';
import type { ScenarioListAck } from '../../src/protocol/events';
import { legalDrafts } from '../helpers/bot';
import { TestClient } from '../helpers/client';
import { setUpTable } from '../helpers/exercise';
import { ROOT, startTestServer, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let server: TestServer;
let scenarios: { id: string; teams: { id: string }[] }[] = [];

beforeAll(async () => {
  server = await startTestServer({ scenariosDir: resolve(ROOT, 'scenarios') });
  const c = await TestClient.connect(server.url, 'lister');
  const ack = await c.request<ScenarioListAck>('scenario:list', {});
  c.close();
  scenarios = ack.ok ? ack.scenarios : [];
});
afterAll(async () => {
  await server?.dispose();
});

describe('shipped scenarios through the server', () => {
  it('lists the tutorial first, then the shorter exercises', () => {
    expect(scenarios.map((s) => s.id)).toEqual(['tutorial', 'election-2029', 'notpetya-2017', 'romania-2024', 'us-2016', 'eu-2015-2020']);
  });

  it('plays the first round of each shipped scenario, keeping team-private injects private', async () => {
    expect(scenarios.length).toBeGreaterThan(0);
    for (const scenario of scenarios) {
      const table = await setUpTable(server.url, { scenarioId: scenario.id, seed: 'shipped', observer: true });
      try {
        await table.facilitator.must({ type: 'startExercise' });
        await table.facilitator.must({ type: 'advance' });
        for (const [team, [player]] of Object.entries(table.teams)) {
          await player!.waitForView((v) => v.phase === 'deliberation', `${scenario.id}: deliberation`);
          const draft = legalDrafts(player!.view!)[0];
          if (draft) {
            const ack = await player!.command({ type: 'draftDecision', draft });
            expect(ack, `${scenario.id} ${team} ${draft.action}`).toMatchObject({ ok: true });
          }
          expect((await player!.command({ type: 'lockDecisions' })).ok).toBe(true);
        }
        const results = await table.facilitator.waitForView((v) => v.phase === 'results' && v.round === 1, `${scenario.id}: results`);
        expect(results.rounds).toHaveLength(1);
        // Private deliveries (the facilitator sees them all) never reach a team outside their audience.
        const publicTexts = new Set(results.injects.filter((d) => d.audience === 'all').flatMap((d) => [d.title, d.body]));
        for (const delivery of results.injects) {
          if (typeof delivery.audience !== 'object') continue;
          const audience = delivery.audience.teams;
          for (const [team, [player]] of Object.entries(table.teams)) {
            if (audience.includes(team)) continue;
            const text = player!.receivedText();
            for (const secret of [delivery.title, delivery.body]) {
              if (publicTexts.has(secret)) continue;
              expect(text.includes(JSON.stringify(secret).slice(1, -1)), `${scenario.id}: ${team} received "${secret.slice(0, 60)}"`).toBe(false);
            }
          }
        }
      } finally {
        table.close();
      }
    }
  });
});

describe('history beside play (GET /api/scenarios/<id>/history)', () => {
  it("gives each shipped scenario's real sequence round by round, with its outcomes over the engine's runs", async () => {
    // A fictional scenario (election-2029) has no record, so no track: 404, as the next test asks.
    const historical = scenarios.filter(({ id }) => existsSync(resolve(ROOT, 'scenarios', `${id}.history.json`)));
    expect(scenarios.filter((s) => !historical.includes(s)).map((s) => s.id)).toEqual(['election-2029']);
    for (const { id } of historical) {
      const res = await fetch(`${server.url}/api/scenarios/${id}/history`);
      expect(res.status, id).toBe(200);
      const { comparison } = (await res.json()) as { comparison: HistoryComparison };
      const { success, neutral, failure } = comparison.outcomes;
      expect(success + neutral + failure).toBe(comparison.runs);
      expect(comparison.runs).toBeGreaterThanOrEqual(20);
      expect(['success', 'neutral', 'failure']).toContain(comparison.record.kind);
      // Steps are told in the scenario's own names, not ids.
      for (const step of comparison.rounds.flatMap((r) => r.steps)) {
        expect(step.teamName).not.toBe(step.team);
        expect(step.did).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      }
    }
  });

  it('answers the same figures again, and 404 for a scenario without a track or an unknown one', async () => {
    const first = await (await fetch(`${server.url}/api/scenarios/us-2016/history`)).json();
    const again = await (await fetch(`${server.url}/api/scenarios/us-2016/history`)).json();
    expect(again).toEqual(first);
    expect((await fetch(`${server.url}/api/scenarios/election-2029/history`)).status).toBe(404);
    const unknown = await fetch(`${server.url}/api/scenarios/no-such-scenario/history`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await fetch(`${server.url}/api/scenarios/../history`)).status).toBe(404);
  });
});
