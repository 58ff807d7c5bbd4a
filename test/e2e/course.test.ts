/**
 * Course materials in Chromium against the real server with the shipped
 * scenarios: reached from the start page's scenario list and from the
 * facilitator's console; the guide with its timetables, the readings, the
 * prompts and the rubric with the report card's levels; the participants'
 * handout; readable at 1366×768, 1920×1080 and 390 px (photographed into
 * test-results/course/), with nothing serious for axe; and printed to A4
 * without the app around it.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { ROOT } from '../helpers/server';

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;
const SHOTS = join(ROOT, 'test-results', 'course');
const us2016 = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'us-2016.json'), 'utf8')) as { meta: { learningObjectives: { text: string }[] } };
const usCourse = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'us-2016.course.json'), 'utf8')) as { title: string };

describe.skipIf(!HAVE_CHROMIUM)('course materials', () => {
  let rig: BrowserRig;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rig = await startBrowserRig('firebreak-course-');
    const context = await rig.browser.newContext({ viewport: SIZES[0] });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
  }, 240_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('are linked from the scenario list on the start page', async () => {
    await page.goto(`${rig.base}/`);
    const links = page.getByRole('link', { name: /^Course materials/ });
    await links.first().waitFor();
    // One link per shipped scenario that has a course beside it.
    expect(await links.count()).toBe(readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.course.json')).length);
    await page.getByRole('link', { name: 'Course materials: Summer of Leaks' }).click();
    await page.waitForURL(/\/course\/us-2016$/);
    await page.getByRole('heading', { level: 1, name: usCourse.title }).waitFor();
    expect(await page.title()).toBe('Course materials: Summer of Leaks');
  });

  it('show the guide with both timetables, the readings, the prompts and the rubric', async () => {
    const main = page.locator('main.course');
    const timetables = main.locator('table.course-timetable');
    expect(await timetables.count()).toBe(2);
    expect(await main.getByRole('heading', { name: '50-minute class (0:50)' }).count()).toBe(1);
    expect(await main.getByRole('heading', { name: '2.5-hour exercise (2:30)' }).count()).toBe(1);
    const firstClass = await timetables.first().innerText();
    expect(firstClass).toContain('0:20–0:28');
    expect(firstClass).toContain('Round 4');
    expect(firstClass).toContain('7 min a round (scenario: 25; shorten by 18 on the console)');
    expect(await main.locator('.warning').first().innerText()).toContain('ends the exercise after round 6 of 7');

    const readings = await main.locator('#course-readings').innerText();
    expect(readings).toContain('Articles on Responsibility of States for Internationally Wrongful Acts');
    expect(readings).toContain('UN Doc. A/56/10');
    expect(readings).toContain('Tallinn Manual 2.0');
    expect(readings).toContain('Council Decision (CFSP) 2019/797');
    expect(readings).toContain('Council Regulation (EU) 2019/796');
    expect(readings).toContain('ICD 203');
    expect(readings).toContain('ICA 2017-01D');
    expect(readings).toContain('Round 4: The attribution decision');
    expect(await main.locator('.course-badge').count()).toBeGreaterThan(0);

    expect(await main.locator('#course-prompts ol').first().locator('> li').count()).toBe(3);
    // A prompt names the objectives it serves by their numbers in the list at the top.
    expect(await main.locator('#course-prompts ol').nth(1).locator('> li').first().innerText()).toContain('Learning objectives 5 and 1');
    const rubric = main.locator('.course-objective');
    expect(await rubric.count()).toBe(us2016.meta.learningObjectives.length);
    const proportionality = await rubric.nth(1).innerText();
    expect(proportionality).toContain('85 or more');
    expect(proportionality).toContain('Every response fitted the harm and the confidence held, and stayed lawful and reversible.');
    expect(proportionality).toContain('Look for');
    expect(errors).toEqual([]);
  });

  it('are readable at every size, without sideways scrolling, and axe finds nothing serious', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${size.width}`).toBe(true);
      await page.screenshot({ path: join(SHOTS, `course-us-2016@${size.width}.png`) });
      await page.screenshot({ path: join(SHOTS, `course-us-2016-full@${size.width}.png`), fullPage: true });
    }
    await page.setViewportSize(SIZES[0]);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("give participants a handout without the instructor's guide", async () => {
    await page.getByRole('button', { name: "Participants' handout only" }).click();
    await page.locator('main.course[data-version="handout"]').waitFor();
    expect(await page.locator('#course-guide').count()).toBe(0);
    expect(await page.locator('.course-objective h4').count()).toBe(0);
    expect(await page.locator('.kicker').innerText()).toMatch(/participants' handout/i);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: "Participants' handout only" }).click();
    await page.locator('main.course[data-version="guide"]').waitFor();
  });

  it('print to A4 without the app around them', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('#course-guide').evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    await page.screenshot({ path: join(SHOTS, 'course-us-2016-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(SHOTS, 'course-us-2016.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(3);
    await page.emulateMedia({ media: 'screen' });
  });

  it('say so when a scenario has none', async () => {
    await page.goto(`${rig.base}/course/no-such-scenario`);
    await page.getByText('This server ships no course materials for that scenario.', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
  });

  it("are linked from the facilitator's console", async () => {
    const creator = await TestClient.connect(rig.base, 'creator');
    try {
      const created = await creator.create({ scenarioId: 'tutorial', seed: 'course', facilitatorName: 'Fran' });
      await page.goto(`${rig.base}/`);
      await page.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
        exerciseId: created.exerciseId, credential: created.facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Course', savedAt: Date.now(),
      });
      await page.goto(`${rig.base}/facilitate/${created.exerciseId}`);
      const link = page.getByRole('link', { name: /^Course materials: class timings/ });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe('/course/tutorial');
      expect(await link.getAttribute('target')).toBe('_blank');
    } finally {
      creator.close();
    }
  });
});
