/**
 * Writing a course in Firebreak Studio, in Chromium against the real server
 * and the built client: the author switches to the course, starts from one
 * filled in from the scenario, sees a planted error with the validator's own
 * message, sees the course re-checked when the scenario's objectives change,
 * previews it as its page shows it, finds it again after a reload and
 * downloads it under the name the server looks for. No CSP violation or
 * console error is allowed.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { STUDIO_SIZES as SIZES, studioContext, studioControls } from '../helpers/studio';
import { starterCourse } from '../../src/engine/course';
import { loadScenarioText } from '../../src/engine/scenario/load';

function starterScenario() {
  const result = loadScenarioText(readFileSync('src/engine/scenario/starter.json', 'utf8'), 'starter.json');
  if (!result.ok) throw new Error('the starter scenario does not load');
  return result.scenario;
}

const SLOW = { timeout: 30_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('a course in Firebreak Studio', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let page: Page;
  let problems: string[] = [];
  const shots = process.env.FIREBREAK_STUDIO_SHOTS ?? mkdtempSync(join(tmpdir(), 'firebreak-studio-course-shots-'));

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-studio-course-');
    ({ context, page, violations: problems } = await studioContext(rig));
    mkdirSync(shots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  const summary = () => studioControls(page).summary();
  const editor = () => studioControls(page).editor();
  const replaceDraft = (text: string) => studioControls(page).replaceDraft(text);
  const show = (name: 'Scenario' | 'Course') => page.getByRole('group', { name: 'Document' }).getByRole('button', { name }).click();


  it('opens a course filled in from the scenario, valid and previewed as its page shows it', async () => {
    await page.goto(`${rig.base}/studio`);
    await editor().waitFor();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    await show('Course');
    await expect.poll(() => editor().getAttribute('aria-label')).toBe('Course JSON');
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    expect(await page.locator('.studio-file').innerText()).toBe('my-scenario.course.json');
    const preview = page.getByTestId('course-preview');
    await expect.poll(() => preview.innerText(), SLOW).toContain('50-minute class');
    expect(await preview.innerText()).toContain('2.5-hour exercise');
    expect(await preview.getByRole('heading', { name: 'Rubric' }).count()).toBe(1);
    // The scenario's own panels give way to the preview.
    expect(await page.getByRole('button', { name: 'Play-test' }).count()).toBe(0);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(shots, `studio-course@${size.width}.png`) });
    }
    await page.setViewportSize(SIZES[0]!);
  });

  it("names a planted error in the validator's words and jumps to it", async () => {
    const draft = starterCourse(starterScenario());
    draft.rubric[1]!.objective = 'togther';
    await replaceDraft(JSON.stringify(draft, null, 2));
    await expect.poll(summary, SLOW).toBe('1 problem');
    const problem = page.getByTestId('problems').getByRole('button', { name: /unknown learning objective/ });
    expect(await problem.innerText()).toContain('unknown learning objective "togther" (known: attribution, together)');
    // The objective left without its rubric entry is a warning beside it.
    expect(await page.getByTestId('problems').innerText()).toContain('warning: the rubric leaves out learning objective "together"');
    await problem.click();
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('"togther"');
    expect(await page.getByTestId('course-preview').count()).toBe(0);
  }, 60_000);

  it('checks the course again against the scenario as the scenario changes', async () => {
    await page.getByRole('button', { name: 'New from the scenario' }).click();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    await show('Scenario');
    await expect.poll(() => editor().getAttribute('aria-label')).toBe('Scenario JSON');
    const scenario = JSON.parse(readFileSync('src/engine/scenario/starter.json', 'utf8'));
    scenario.meta.learningObjectives[1].id = 'coalition';
    scenario.injects.forEach((inject: { objectives?: string[] }) => {
      inject.objectives = inject.objectives?.map((o) => (o === 'together' ? 'coalition' : o));
    });
    await replaceDraft(JSON.stringify(scenario, null, 2));
    await expect.poll(summary, SLOW).toMatch(/^Valid/);
    await show('Course');
    await expect.poll(() => page.getByTestId('problems').innerText(), SLOW).toContain('unknown learning objective "together" (known: attribution, coalition)');

    await show('Scenario');
    await replaceDraft('{ "formatVersion": 1,');
    await expect.poll(summary, SLOW).toMatch(/problem/);
    await show('Course');
    await expect.poll(() => page.getByTestId('problems').innerText(), SLOW).toContain('the scenario draft has problems: fix them first');
    await show('Scenario');
    await page.getByRole('button', { name: 'New from starter' }).click();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
  }, 90_000);

  it('keeps the course across a reload and downloads it under the name the server looks for', async () => {
    await show('Course');
    await page.getByRole('button', { name: 'New from the scenario' }).click();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('firebreak.studio.course.v1') ?? ''), SLOW).toContain('rubric');
    await page.reload();
    await editor().waitFor();
    await show('Course');
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('my-scenario.course.json');
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.scenario).toBe('my-scenario');
    expect(saved.formats.map((f: { minutes: number }) => f.minutes)).toEqual([50, 150]);
    expect(problems).toEqual([]);
  }, 60_000);
});
