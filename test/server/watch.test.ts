/**
 * Watch mode, for authors: editing a shipped scenario file rebuilds the
 * exercises created from it, and every connected player sees the edit; a
 * broken edit changes nothing; a restart keeps the edited scenario without
 * reporting the earlier log as a mismatch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TestClient, waitUntil } from '../helpers/client';
import { setUpTable } from '../helpers/exercise';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';
import { writeScenarioDir } from '../helpers/scenario';

vi.setConfig({ testTimeout: 60_000 });

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('watch mode', () => {
  it('reloads an edited scenario into its running exercise, ignores a broken edit, and survives a restart', async () => {
    const root = tempDir();
    const scenariosDir = writeScenarioDir(join(root, 'scenarios'), [{ id: 'test-fixture' }]);
    const dataDir = join(root, 'data');
    const file = join(scenariosDir, 'test-fixture.json');
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push((JSON.parse(line) as { msg: string }).msg) });
    const first = await startTestServer({ scenariosDir, dataDir, watchScenarios: true, logger });
    servers.push(first);

    const table = await setUpTable(first.url, { scenarioId: 'test-fixture' });
    await table.facilitator.must({ type: 'startExercise' });
    await table.facilitator.must({ type: 'advance' });
    const [team, [player]] = Object.entries(table.teams)[0]!;
    await player!.waitForView((v) => v.phase === 'deliberation', 'round 1');
    await player!.must({ type: 'chat', channel: 'team', text: 'before the edit' });

    const original = readFileSync(file, 'utf8');
    const json = JSON.parse(original);
    json.teams[0].briefing = 'EDITED BRIEFING: the author changed this.';
    json.rounds[0].title = 'An edited first round';
    writeFileSync(file, JSON.stringify(json, null, 2));

    const edited = await player!.waitForView((v) => v.me?.briefing.startsWith('EDITED BRIEFING') ?? false, 'the edited briefing');
    expect(edited.scenario.rounds[0]!.title).toBe('An edited first round');
    // The exercise was rebuilt from its log: the round and the chat are still there.
    expect(edited.round).toBe(1);
    expect(edited.chat.map((m) => m.text)).toContain('before the edit');
    expect(team).toBe(json.teams[0].id);

    // A broken edit is reported in the log and changes nothing.
    writeFileSync(file, '{ "formatVersion": 1, "id": ');
    await waitUntil(() => logged.includes('edited scenario is invalid: nothing reloaded'), 'the broken edit to be reported');
    await player!.must({ type: 'chat', channel: 'team', text: 'after the broken edit' });
    const still = await player!.waitForView((v) => v.chat.some((m) => m.text === 'after the broken edit'), 'a later view');
    expect(still.me?.briefing).toBe('EDITED BRIEFING: the author changed this.');
    table.close();
    await first.close();

    // A restart rebuilds the exercise under the edited text, without a replay mismatch.
    writeFileSync(file, JSON.stringify(json, null, 2));
    const second = await startTestServer({ scenariosDir, dataDir });
    servers.push(second);
    const health = await (await fetch(`${second.url}/healthz`)).json();
    expect(health.degraded).toBeUndefined();
    const returning = await TestClient.connect(second.url, 'returning player');
    const resumed = await returning.resume(player!.credential!);
    expect(resumed.view.me?.briefing).toBe('EDITED BRIEFING: the author changed this.');
    expect(resumed.view.chat.map((m) => m.text)).toEqual(['before the edit', 'after the broken edit']);
    returning.close();
  });
});
