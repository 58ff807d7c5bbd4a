/**
 * End to end, in Chromium, against the real server and the built client: a
 * facilitator, three teams and an observer, each in their own browser
 * context, play the shipped "Summer of Leaks" scenario to the debrief. One
 * player reloads mid-round and keeps their seat and a half-typed rationale;
 * no team ever sees another team's private inject. Screenshots of every
 * main screen land in test-results/screenshots/.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, advanceConsole, facilitatorStep, howToPlaySeen, settled, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SHOTS = join(ROOT, 'test-results', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCENARIO_FILE = join(ROOT, 'scenarios', 'us-2016.json');
/** Waits for what a page shows: generous, since six browser contexts share the machine with other test files. */
const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}
if (!HAVE_CHROMIUM) console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (they fail under CI).`);

interface ScenarioFile {
  id: string;
  meta: { title: string };
  teams: { id: string; name: string; briefing: string }[];
  injects: { id: string; title: string; round?: number; when?: unknown; audience: unknown }[];
  rounds: unknown[];
}

const scenario = JSON.parse(readFileSync(SCENARIO_FILE, 'utf8')) as ScenarioFile;
const played = scenario.teams.slice(0, 3);

/** A round-1 inject private to exactly one of the played teams, per team (when the scenario has one). */
function privateRound1(team: string): string | null {
  const inject = scenario.injects.find((i) => {
    const a = i.audience as { teams?: string[] };
    return i.round === 1 && !i.when && Array.isArray(a?.teams) && a.teams.length === 1 && a.teams[0] === team;
  });
  return inject?.title ?? null;
}

describe.skipIf(!HAVE_CHROMIUM)('a whole exercise in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let base = '';
  let exerciseId = '';
  let fac: Page;
  let obs: Page;
  let red: Page | null = null;
  const teams: Record<string, Page> = {};
  const errors: string[] = [];

  async function open(label: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await howToPlaySeen(context);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => errors.push(`${label}: ${err.message}`));
    return page;
  }

  /** Every main screen is photographed, and checked with axe-core: no serious or critical accessibility violation. */
  async function shot(page: Page, name: string, fullPage = false): Promise<void> {
    await settled(page);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
    // Evaluated through the DevTools protocol: the Content-Security-Policy refuses inline script tags.
    await page.evaluate(AXE_SOURCE);
    const serious = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
    });
    expect(serious, `accessibility of ${name}`).toEqual([]);
  }

  async function joinSeat(code: string, name: string, label: string): Promise<Page> {
    const page = await open(label);
    await page.goto(`${base}/join/${code}`);
    await page.getByLabel('Your name').first().fill(name);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
    return page;
  }

  const text = (page: Page) => page.locator('body').innerText();
  const us = () => teams[played[0]!.id]!;
  const uk = () => teams[played[1]!.id]!;
  const third = () => teams[played[2]!.id]!;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rig = await startBrowserRig();
    base = rig.base;
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('opens an exercise from the start page and hands out join codes', async () => {
    fac = await open('facilitator');
    await fac.goto(`${base}/`);
    await expect.poll(() => text(fac), SLOW).toContain(scenario.meta.title);
    await shot(fac, '01-start');
    await fac.locator('#fac-name').fill('Fran Facilitator');
    await fac.locator(`#sc-${scenario.id}`).check();
    await fac.getByRole('button', { name: 'Open the exercise' }).click();
    await fac.waitForURL(/\/facilitate\//);
    exerciseId = new URL(fac.url()).pathname.split('/').pop()!;
    await fac.locator('.code-row .code').first().waitFor();
    expect(await fac.locator('.code-row').count()).toBeGreaterThanOrEqual(scenario.teams.length + 1);
  }, 60_000);

  it('lets three teams and an observer join, and shows who joined', async () => {
    const rows = await fac.locator('.code-row').evaluateAll((els) =>
      els.map((el) => ({ label: el.querySelector('.code-head strong')!.textContent!, code: el.querySelector('.code')!.textContent! })),
    );
    for (const team of played) {
      const code = rows.find((r) => r.label === team.name)!.code;
      teams[team.id] = await joinSeat(code, `${team.name} lead`, team.id);
    }
    const observerCode = rows.find((r) => r.label.startsWith('Observers'))!.code;
    obs = await joinSeat(observerCode, 'Olga Observer', 'observer');
    const redCode = rows.find((r) => r.label === 'Red cell')?.code;
    if (redCode) red = await joinSeat(redCode, 'Red Rick', 'red cell');
    for (const team of played) await expect.poll(() => text(fac), SLOW).toContain(`${team.name} lead`);
    await shot(fac, '02-facilitator-lobby');
    await shot(us(), '03-team-lobby');
    expect(await text(us())).toContain(`Briefing for ${played[0]!.name}`);
  }, 90_000);

  it('starts round 1: each team sees its own private intelligence and nobody else’s', async () => {
    await facilitatorStep(fac, 'Start the exercise');
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    for (const team of played) await teams[team.id]!.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    const shared = scenario.injects.find((i) => i.round === 1 && i.audience === 'all' && !i.when)!;
    for (const team of played) await expect.poll(() => text(teams[team.id]!), SLOW).toContain(shared.title);

    let checked = 0;
    for (const team of played) {
      const title = privateRound1(team.id);
      if (!title) continue;
      checked++;
      expect(await text(teams[team.id]!)).toContain(title);
      expect(await text(teams[team.id]!)).toContain(`Private — ${team.name} only`);
      for (const other of played.filter((t) => t.id !== team.id)) expect(await text(teams[other.id]!)).not.toContain(title);
      expect(await text(obs)).toContain(title);
    }
    expect(checked).toBeGreaterThan(0);
    // Another government's briefing never reaches a team; the red cell sees no team's private intelligence.
    expect(await text(uk())).not.toContain(played[0]!.briefing.slice(0, 60));
    // Each team reads its own briefing in role, folded below the task; the design of the exercise (its summary,
    // timing, flow, what to watch for) is the facilitator's guide, on the console and on no team's screen.
    const design = [(scenario as unknown as { meta: { summary: string } }).meta.summary, (scenario as unknown as { debrief: { facilitatorGuide: string } }).debrief.facilitatorGuide];
    for (const team of played) {
      const briefing = teams[team.id]!.locator('section.briefing');
      expect(await briefing.locator('p').first().textContent()).toMatch(/^You /);
      expect(await briefing.textContent()).toContain(team.briefing.slice(0, 60));
      for (const words of design) expect(await teams[team.id]!.locator('main').textContent()).not.toContain(words.slice(0, 60));
    }
    const guide = fac.locator('section[aria-labelledby="guide-h"]');
    await guide.locator('summary', { hasText: 'Design, timing and flow of the whole exercise' }).click();
    for (const words of design) expect(await guide.innerText()).toContain(words.slice(0, 60));
    if (red) {
      await expect.poll(() => text(red!), SLOW).toContain(shared.title);
      for (const team of played) {
        const title = privateRound1(team.id);
        if (title) expect(await text(red)).not.toContain(title);
      }
      await red.getByLabel(/Hold back/).check();
      await red.getByRole('button', { name: 'Choose' }).click();
      await expect.poll(() => red!.locator('#moves-h + p').innerText(), SLOW).toContain('You hold back this round.');
      await shot(red, '05b-red-cell');
    }
    await shot(us(), '04-team-round-1');
    await shot(fac, '05-facilitator-round-1');
  }, 60_000);

  it('drafts with a rationale, and shows a rejection as a sentence next to the action, its code kept out of sight', async () => {
    const page = us();
    await openAction(page, 'Forensic investigation');
    const form = page.getByRole('form', { name: 'Draft: Forensic investigation' });
    // Ticking a procedural option asks the server for the estimate of exactly this draft, explained.
    await form.getByLabel(/oversight/i).check();
    await expect.poll(() => form.locator('.preview').innerText(), SLOW).toMatch(/With these options: \d+\/100/);
    await form.getByLabel(/oversight/i).uncheck();
    await form.getByLabel('Rationale: why this, why now').fill('We need our own evidence before we say anything.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
    await expect.poll(() => page.locator('.plan-list').innerText(), SLOW).toContain('We need our own evidence');

    await openAction(page, 'National public attribution');
    const refused = page.getByRole('form', { name: 'Draft: National public attribution' });
    await refused.getByRole('button', { name: 'Add to our plan' }).click();
    const answer = refused.locator('.answer--rejected');
    await answer.waitFor();
    expect(await answer.getAttribute('role')).toBe('status');
    expect(await answer.innerText()).toMatch(/^✕ Not accepted: [A-Z][a-z]/);
    expect(await answer.innerText()).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
    expect(await answer.getAttribute('data-code')).toMatch(/^[A-Z_]+$/);
    await answer.scrollIntoViewIfNeeded();
    await shot(page, '06-team-rejection');
  }, 60_000);

  it('keeps chat as text, and a focused half-typed rationale across new views and a reload', async () => {
    const page = third();
    await openAction(page, 'Forensic investigation');
    const area = page.getByRole('form', { name: 'Draft: Forensic investigation' }).getByLabel('Rationale: why this, why now');
    await area.click();
    await area.pressSequentially('Half-typed: the toolset matches the Bundestag case');

    // A message arrives while the rationale is being typed.
    const evil = '<img src=x onerror="document.title=\'pwned\'"> see the tradecraft';
    await uk().getByRole('button', { name: /Coalition: all allies/ }).click();
    await uk().locator('#chat-input-coalition').fill(evil);
    await uk().locator('#chat-input-coalition').press('Enter');
    await expect.poll(() => us().getByRole('button', { name: /Coalition: all allies/ }).innerText(), SLOW).toContain('new');
    await expect.poll(() => page.getByRole('button', { name: /Coalition: all allies/ }).innerText(), SLOW).toContain('new');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value ?? ''), SLOW).toContain('Half-typed');
    await us().getByRole('button', { name: /Coalition: all allies/ }).click();
    await expect.poll(() => us().locator('.messages').innerText(), SLOW).toContain(evil);
    expect(await us().locator('.messages img').count()).toBe(0);
    expect(await us().title()).not.toBe('pwned');

    await page.reload();
    await page.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    expect(await page.locator('.topbar').innerText()).toContain(played[2]!.name);
    await openAction(page, 'Forensic investigation');
    await expect
      .poll(() => page.getByRole('form', { name: 'Draft: Forensic investigation' }).getByLabel('Rationale: why this, why now').inputValue())
      .toBe('Half-typed: the toolset matches the Bundestag case');
    await shot(page, '07-team-after-reload');
  }, 60_000);

  it('releases a private ad-hoc inject to one team only', async () => {
    await fac.getByText('Write an ad-hoc inject').click();
    await fac.getByLabel('Title', { exact: true }).fill('Ad hoc: a call from a journalist');
    await fac.getByLabel('Text of the inject').fill('A reporter asks about the leaks.');
    await fac.getByLabel('Chosen teams only (private)').check();
    await fac.getByLabel(played[1]!.name, { exact: true }).check();
    await fac.getByRole('button', { name: 'Release now', exact: true }).click();
    await expect.poll(() => text(uk()), SLOW).toContain('Ad hoc: a call from a journalist');
    expect(await text(us())).not.toContain('Ad hoc: a call from a journalist');
  }, 30_000);

  it('lets the observer write a rated note tied to an objective and a round', async () => {
    await obs.getByLabel('Learning objective').selectOption({ index: 1 });
    await obs.getByLabel('Team', { exact: true }).selectOption(played[1]!.id);
    await obs.getByLabel('S: performed with some challenges').check();
    await obs.getByLabel('Note', { exact: true }).fill('The allies did not share evidence in round 1.');
    await obs.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => obs.locator('.note-list').innerText(), SLOW).toContain('did not share evidence');
    await shot(obs, '08-observer');
  }, 30_000);

  it('locks, resolves the round, and shows what happened with explained scores', async () => {
    await us().getByRole('button', { name: 'Lock our decisions' }).click();
    await expect.poll(() => text(us()), SLOW).toContain('Our decisions are locked.');
    await expect.poll(() => fac.locator('.teams-live').innerText(), SLOW).toContain('Locked');
    await facilitatorStep(fac, 'Resolve round 1 now');
    await us().getByRole('heading', { name: 'Round results' }).waitFor();
    const results = await us().locator('.results').innerText();
    expect(results).toMatch(/Proportionality: \d+\/100/);
    expect(results).toContain('Coalition cohesion');
    await shot(us(), '09-team-results');
    await shot(fac, '10-facilitator-results');
  }, 60_000);

  it('plays the remaining rounds to the debrief', async () => {
    for (let step = 0; step < 3 * scenario.rounds.length; step++) {
      if ((await text(fac)).includes('Debrief:')) break;
      await advanceConsole(fac, null);
    }
    for (const page of [fac, obs, ...Object.values(teams)]) {
      await page.getByRole('heading', { name: /^Debrief:/ }).waitFor();
    }
  }, 120_000);

  it('shows everyone the debrief: timeline with rationales, charts with tables, notes, what really happened', async () => {
    const page = uk();
    await page.locator('.chart-box canvas').first().waitFor();
    const body = await text(page);
    expect(body).toContain('We need our own evidence before we say anything.'); // another team's rationale, now shared
    expect(body).toContain('The allies did not share evidence in round 1.'); // the evaluator's note
    expect(body).toMatch(/Escalation level \(0 to \d\) at the start and after each round/);
    expect(body).toContain('What really happened');
    expect(await page.locator('table.data-table').count()).toBe(3);
    // Beside the record: the real 2016 sequence round by round, and its path on the charts' tables.
    await page.locator('.beside-table').waitFor();
    const beside = await page.locator('.beside').innerText();
    expect(beside).toMatch(/Played by the engine over \d+ runs, the real sequence ends in success in \d+\s?%/);
    expect(beside).toContain('What governments really did');
    expect(await page.locator('.beside-table tbody tr').count()).toBeGreaterThanOrEqual(scenario.rounds.length - 1);
    await expect.poll(async () => (await text(page)).includes('History (mean of'), SLOW).toBe(true);
    await page.locator('.beside').screenshot({ path: join(SHOTS, '11d-beside-the-record.png') });
    await page.locator('.charts').screenshot({ path: join(SHOTS, '11e-charts-with-history.png') });
    await shot(page, '11-debrief-team');
    await shot(page, '11b-debrief-team-full', true);
    await shot(fac, '12-debrief-facilitator');
  }, 60_000);

  it('shows report cards: a team its own, the facilitator and evaluators every team’s', async () => {
    const firstObjective = (scenario as unknown as { meta: { learningObjectives: { id: string; text: string }[] } }).meta.learningObjectives[0]!;
    const page = uk();
    await page.getByRole('heading', { name: 'Your report card' }).waitFor();
    expect(await page.locator('.report-card').count()).toBe(1);
    expect(await page.locator('.report-card h3').innerText()).toBe(played[1]!.name);
    // The observer's S for this team is on its card, beside the computed level.
    const grade = page.locator(`.report-card li.grade[data-objective="${firstObjective.id}"]`);
    expect(await grade.innerText()).toMatch(/Evaluators: 1×S/);
    expect(await grade.locator('.badge.level').innerText()).toMatch(/^(exemplary|proficient|developing|insufficient)$/i);
    // A team's only card opens its details.
    expect(await grade.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => grade.locator('.grade-details').innerText(), SLOW).toMatch(/Measure\s+Value\s+From/);
    await page.locator('#cards-h').scrollIntoViewIfNeeded();
    await shot(page, '11c-report-card-team');
    // Another team's card does not show that rating.
    expect(await us().locator(`.report-card li.grade[data-objective="${firstObjective.id}"]`).innerText()).not.toContain('1×S');

    await fac.getByRole('heading', { name: 'Report cards' }).waitFor();
    expect(await fac.locator('.report-card').count()).toBe(scenario.teams.length);
    // The overview: a column per government, a row per objective.
    expect(await fac.locator('table.grade-matrix thead th').count()).toBe(scenario.teams.length + 1);
    expect(await fac.locator('table.grade-matrix tbody th', { hasText: firstObjective.text }).count()).toBe(1);
    await fac.locator('#cards-h').scrollIntoViewIfNeeded();
    await shot(fac, '12b-report-cards-facilitator');
    expect(await obs.locator('.report-card').count()).toBe(scenario.teams.length);

    const waiting = fac.waitForEvent('download');
    await fac.getByRole('button', { name: 'Download the grade sheet (CSV)' }).click();
    const sheet = readFileSync((await (await waiting).path())!, 'utf8').split('\r\n');
    expect(sheet[0]).toContain(`${firstObjective.id}_level`);
    // One row per player of the played teams, one per team nobody joined.
    expect(sheet.filter((line) => line.trim()).length - 1).toBe(scenario.teams.length);
    expect(await us().getByRole('button', { name: 'Download the grade sheet (CSV)' }).count()).toBe(0);
  }, 60_000);

  it('exports the log as JSON and CSV', async () => {
    for (const [format, check] of [
      ['JSON', (s: string) => expect(() => JSON.parse(s)).not.toThrow()],
      ['CSV', (s: string) => expect(s.split('\n').length).toBeGreaterThan(3)],
    ] as const) {
      const waiting = fac.waitForEvent('download');
      await fac.getByRole('button', { name: `Download the log (${format})` }).click();
      const download = await waiting;
      check(readFileSync((await download.path())!, 'utf8'));
    }
    // A team downloads its own copy at the debrief, exported for a team.
    const waiting = us().waitForEvent('download');
    await us().getByRole('button', { name: 'Download the log (JSON)' }).click();
    const teamLog = JSON.parse(readFileSync((await (await waiting).path())!, 'utf8'));
    expect(teamLog.exportedFor).toBe('team');
  }, 60_000);

  it('prints a clean after-action report', async () => {
    const page = await fac.context().newPage();
    await page.goto(`${base}/report/${exerciseId}`);
    await page.locator('.report[data-ready="true"]').waitFor();
    expect(await text(page)).toMatch(/after-action report/i);
    expect(await page.locator('.report-cards .report-card').count()).toBe(scenario.teams.length);
    // A title page: the run, the date of play, the facilitator, the teams and their players, the scenario.
    const title = await page.locator('.title-page').innerText();
    expect(title).toContain('Fran Facilitator');
    expect(title).toContain(scenario.meta.title);
    expect(title).toMatch(/Date of play\s+\d{1,2} \w+ \d{4}|Date of play\s+\w+ \d{1,2}, \d{4}/);
    expect(await page.locator('.title-teams li').count()).toBe(scenario.teams.length);
    // The short version folds the explanations away; the full one opens them.
    expect(await page.locator('.report-cards details.grade-details[open]').count()).toBe(0);
    await page.getByRole('button', { name: 'Full version, every explanation open' }).click();
    await expect.poll(() => page.locator('.report-cards details.grade-details[open]').count(), SLOW).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Full version, every explanation open' }).click();
    await expect.poll(() => page.locator('.report[data-version="short"]').count(), SLOW).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, '13-report');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await shot(page, '14-report-print', true);
    await page.pdf({ path: join(ROOT, 'test-results', 'report.pdf'), format: 'A4', printBackground: true });
    expect(errors).toEqual([]);
  }, 60_000);
});

async function openAction(page: Page, name: string): Promise<void> {
  const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: name }) }).first();
  // Unavailable actions are folded together behind their count.
  const folded = page.locator('details.unavailable').filter({ has: item });
  if ((await folded.count()) && !(await folded.evaluate((d) => (d as HTMLDetailsElement).open))) await folded.locator(':scope > summary').click();
  const details = item.locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await item.locator('summary').click();
}
