/**
 * `npm run screenshots [folder] [scenario]`: builds the client, starts the
 * real server with the shipped scenarios, plays an exercise in Chromium as a
 * facilitator, three teams, an observer and the red cell, and photographs
 * every screen at 1366×768, 1920×1080 and 390×844 (a phone) into the folder
 * (default test-results/screens/), one PNG per screen and size, named
 * `NN-screen@WIDTH.png` (the team's round, the observer's screen,
 * the projector view, the debriefs, the report, the course page and the
 * studio also in French and German, `NN-screen-fr@WIDTH.png`). The pictures are what a person sees;
 * look at them after every visible change.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { facilitatorStep, howToPlaySeen, startBrowserRig } from '../test/helpers/browser';
import { ROOT } from '../test/helpers/server';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

const out = resolve(process.argv[2] ?? join(ROOT, 'test-results', 'screens'));
const scenarioId = process.argv[3] ?? 'us-2016';
const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${scenarioId}.json`), 'utf8')) as { meta: { title: string }; teams: { id: string; name: string }[] };

let count = 0;
/** Photographs the page at the three sizes, then restores the laptop size. */
async function shoot(page: Page, name: string): Promise<void> {
  count++;
  const label = `${String(count).padStart(2, '0')}-${name}`;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Lets the layout, the board and the charts settle at the new size.
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${label}@${size.width}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
  console.log(`  ${label}`);
}

/**
 * Photographs the page in French and German too, chosen with its language
 * picker (or, with `reloadUntil`, chosen in this browser's storage and
 * reloaded until that selector shows: for the projector view, which has no
 * picker, and how to play, which covers it), then goes back to English.
 */
async function shootInLanguages(page: Page, name: string, reloadUntil: string | null = null): Promise<void> {
  for (const language of ['fr', 'de', 'en'] as const) {
    if (reloadUntil) {
      await page.evaluate((l) => localStorage.setItem('firebreak.language', l), language);
      await page.reload();
      await page.locator(reloadUntil).first().waitFor();
    } else {
      await page.locator('select.lang').first().selectOption(language);
    }
    await page.locator(`html[lang="${language}"]`).waitFor();
    await page.waitForTimeout(300);
    if (language !== 'en') await shoot(page, `${name}-${language}`);
  }
}

async function open(browser: Browser, firstTime = false): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[0] });
  if (!firstTime) await howToPlaySeen(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  return page;
}

/** Takes a seat with its join code; `photograph` names the join screen's photographs, taken before the name is typed. */
async function joinSeat(browser: Browser, base: string, code: string, name: string, firstTime = false, photograph: string | null = null): Promise<Page> {
  const page = await open(browser, firstTime);
  await page.goto(`${base}/join/${code}`);
  await page.getByLabel('Your name').first().waitFor();
  if (photograph) await shoot(page, photograph);
  await page.getByLabel('Your name').first().fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/play\//);
  await page.locator('.topbar').waitFor();
  return page;
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  console.log(`Building the client and starting the server…`);
  const rig = await startBrowserRig('firebreak-screens-');
  const { browser, base } = rig;
  try {
    const fac = await open(browser);
    await fac.goto(`${base}/`);
    await fac.getByText(scenario.meta.title).first().waitFor();
    await shoot(fac, 'start');
    await fac.locator('#fac-name').fill('Fran Facilitator');
    await fac.locator(`#sc-${scenarioId}`).check();
    await fac.getByRole('button', { name: 'Open the exercise' }).click();
    await fac.waitForURL(/\/facilitate\//);
    const exerciseId = new URL(fac.url()).pathname.split('/').pop()!;
    await fac.locator('.code-row .code').first().waitFor();
    const rows = await fac.locator('.code-row').evaluateAll((els) =>
      els.map((el) => ({ label: el.querySelector('.code-head strong')!.textContent!, code: el.querySelector('.code')!.textContent! })),
    );
    const played = scenario.teams.slice(0, 3);
    const teams: Page[] = [];
    // The first team's player opens a round for the first time: how to play comes up.
    for (const [i, team] of played.entries()) teams.push(await joinSeat(browser, base, rows.find((r) => r.label === team.name)!.code, `${team.name} lead`, i === 0, i === 0 ? 'join' : null));
    const obs = await joinSeat(browser, base, rows.find((r) => r.label.startsWith('Observers'))!.code, 'Olga Observer');
    const redCode = rows.find((r) => r.label === 'Red cell')?.code;
    const red = redCode ? await joinSeat(browser, base, redCode, 'Red Rick') : null;
    const team = teams[0]!;
    await shoot(fac, 'facilitator-lobby');
    await shoot(team, 'team-lobby');
    const projector = await fac.context().newPage();
    await projector.goto(`${base}/project/${exerciseId}`);
    await projector.locator('.pj-code .qr').first().waitFor();
    await shoot(projector, 'projector-lobby');

    await facilitatorStep(fac, 'Start the exercise');
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await team.getByRole('heading', { name: 'How to play' }).waitFor();
    await shoot(team, 'how-to-play');
    await team.getByRole('button', { name: 'Skip and start playing' }).click();
    await team.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await shoot(team, 'team-round');
    // The team screen in French and German, whose longer words must fit too; then back to English.
    for (const [language, check] of [['fr', 'Actions possibles'], ['de', 'Mögliche Maßnahmen']] as const) {
      await team.locator('.topbar select').first().selectOption(language);
      await team.getByRole('heading', { name: check }).waitFor();
      await team.locator('.catalogue details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await shoot(team, `team-round-${language}`);
    }
    await team.locator('.topbar select').first().selectOption('en');
    await team.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    await shoot(fac, 'facilitator-round');
    await fac.locator('#announce-text').fill('Ten minutes to agree a common line.').catch(() => {});
    await fac.getByRole('button', { name: 'Announce', exact: true }).click().catch(() => {});
    await projector.locator('.pj-ladder').waitFor();
    await projector.locator('.pj-announcement').waitFor({ timeout: 5000 }).catch(() => {});
    await shoot(projector, 'projector-round');
    await shootInLanguages(projector, 'projector-round', '.pj-ladder');
    await shoot(obs, 'observer');
    await shootInLanguages(obs, 'observer');
    if (red) await shoot(red, 'red-cell');

    for (const page of teams) {
      const lock = page.getByRole('button', { name: 'Lock our decisions' });
      if (await lock.count()) await lock.click();
    }
    await facilitatorStep(fac, 'Resolve round 1 now');
    await team.getByRole('heading', { name: 'Round results' }).waitFor();
    await shoot(team, 'team-results');
    await shoot(fac, 'facilitator-results');

    for (let step = 0; step < 20; step++) {
      if (await fac.getByRole('heading', { name: /^Debrief:/ }).count()) break;
      const before = await fac.locator('.status-line').innerText().catch(() => '');
      await facilitatorStep(fac, null);
      for (let wait = 0; wait < 100; wait++) {
        if ((await fac.locator('.status-line').innerText().catch(() => 'gone')) !== before) break;
        await fac.waitForTimeout(100);
      }
    }
    await team.getByRole('heading', { name: /^Debrief:/ }).waitFor();
    await team.locator('.chart-box canvas').first().waitFor();
    await shoot(team, 'debrief-team');
    await shootInLanguages(team, 'debrief-team');
    await shoot(fac, 'debrief-facilitator');
    await shootInLanguages(fac, 'debrief-facilitator');

    const report = await fac.context().newPage();
    await report.goto(`${base}/report/${exerciseId}`);
    await report.locator('.report[data-ready="true"]').waitFor();
    await shoot(report, 'report');
    await shootInLanguages(report, 'report');

    const course = await fac.context().newPage();
    await course.goto(`${base}/course/${scenarioId}`);
    await course.locator('#course-guide-h').waitFor();
    await shoot(course, 'course');
    await shootInLanguages(course, 'course');

    const studio = await fac.context().newPage();
    await studio.goto(`${base}/studio`);
    await studio.getByTestId('outline').waitFor();
    await shoot(studio, 'studio');
    await shootInLanguages(studio, 'studio');
    console.log(`${count * SIZES.length} screenshots in ${out}`);
  } finally {
    await rig.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
