/**
 * Course materials through the server (GET /api/scenarios/<id>/course): a
 * valid course beside a shipped scenario is served as the page shows it and
 * flagged in the scenario list; a broken one is left out, never read as a
 * scenario; in watch mode an edited course is served at once.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadScenarioText } from '../../src/engine';
import { courseView, loadCourseText } from '../../src/engine/course';
import type { ScenarioListAck } from '../../src/protocol/events';
import { TestClient } from '../helpers/client';
import { ROOT, startTestServer, tempDir, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000 });

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** A scenarios folder with the tutorial and its course, and us-2016 with a course that names an objective it does not have. */
function scenariosFolder(): string {
  const dir = join(tempDir(), 'scenarios');
  mkdirSync(dir);
  for (const name of ['tutorial.json', 'tutorial.course.json', 'us-2016.json']) copyFileSync(resolve(ROOT, 'scenarios', name), join(dir, name));
  const broken = JSON.parse(readFileSync(resolve(ROOT, 'scenarios/us-2016.course.json'), 'utf8'));
  broken.rubric[0].objective = 'no-such-objective';
  writeFileSync(join(dir, 'us-2016.course.json'), JSON.stringify(broken, null, 2));
  return dir;
}

function expectedTutorialCourse(text = readFileSync(resolve(ROOT, 'scenarios/tutorial.course.json'), 'utf8')) {
  const scenario = loadScenarioText(readFileSync(resolve(ROOT, 'scenarios/tutorial.json'), 'utf8'), 'tutorial.json');
  if (!scenario.ok) throw new Error('the tutorial does not load');
  const course = loadCourseText(text, 'tutorial.course.json', scenario.scenario);
  if (!course.ok) throw new Error('the tutorial course does not load');
  return courseView(scenario.scenario, course.value);
}

/** Polls an HTTP probe until it holds (the watcher reacts to the file system in its own time). */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function getCourse(server: TestServer, id: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/scenarios/${id}/course`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/scenarios/<id>/course', () => {
  it('serves a valid course joined with its scenario, and leaves out a broken one', async () => {
    const server = await startTestServer({ scenariosDir: scenariosFolder() });
    servers.push(server);

    const tutorial = await getCourse(server, 'tutorial');
    expect(tutorial.status).toBe(200);
    expect(tutorial.body).toEqual({ ok: true, course: expectedTutorialCourse() });

    const none = { ok: true, course: null };
    expect(await getCourse(server, 'us-2016')).toEqual({ status: 200, body: none });
    expect(await getCourse(server, 'no-such-scenario')).toEqual({ status: 200, body: none });
    expect((await fetch(`${server.url}/api/scenarios/tutorial/course`, { method: 'POST' })).status).toBe(405);

    const client = await TestClient.connect(server.url, 'lister');
    const list = await client.request<ScenarioListAck>('scenario:list', {});
    client.close();
    expect(list.ok && list.scenarios.map((s) => [s.id, s.course])).toEqual([
      ['tutorial', true],
      ['us-2016', false],
    ]);
  });

  it('serves an edited course in watch mode, and stops serving it when an edit breaks it', async () => {
    const scenariosDir = scenariosFolder();
    const server = await startTestServer({ scenariosDir, watchScenarios: true });
    servers.push(server);
    const file = join(scenariosDir, 'tutorial.course.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.title = 'An edited course';
    writeFileSync(file, JSON.stringify(json, null, 2));

    await until(async () => ((await getCourse(server, 'tutorial')).body.course as { title?: string } | undefined)?.title === 'An edited course', 'the edited course');

    json.formats[0].minutes = 49;
    writeFileSync(file, JSON.stringify(json, null, 2));
    await until(async () => (await getCourse(server, 'tutorial')).body.course === null, 'the broken course left out');
  });
});
