/**
 * Firebreak Studio in Chromium, against the real server and the built
 * client, under the app's Content-Security-Policy: an author writes a small
 * scenario from the starter, fixes a planted error from its message, runs a
 * play-test, finds the draft again after a reload, downloads and opens it,
 * and tries it as a real exercise with bots in the other seats. No CSP
 * violation or console error is allowed anywhere.
 *
 * Screenshots at 1366×768, 1920×1080 and 390 px go to a temporary folder, or
 * to FIREBREAK_STUDIO_SHOTS (docs/studio for the authoring guide).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { STUDIO_SIZES as SIZES, studioContext, studioControls, type StudioContext } from '../helpers/studio';

const SLOW = { timeout: 30_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

/** The starter, edited into a small scenario of the author's own. */
function authorsScenario(audience = 'alpha'): string {
  const scenario = JSON.parse(readFileSync('src/engine/scenario/starter.json', 'utf8'));
  scenario.id = 'harbour-leak';
  scenario.meta.title = 'The harbour leak';
  scenario.injects.push({
    id: 'minister-asks',
    title: 'The minister asks for options',
    round: 2,
    audience: { teams: [audience] },
    body: 'The minister wants options by the end of the day.',
  });
  return JSON.stringify(scenario, null, 2);
}

describe.skipIf(!HAVE_CHROMIUM)('Firebreak Studio', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let page: Page;
  let violations: string[] = [];
  let watch: StudioContext['watch'];
  const shots = process.env.FIREBREAK_STUDIO_SHOTS ?? mkdtempSync(join(tmpdir(), 'firebreak-studio-shots-'));

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-studio-');
    ({ context, page, violations, watch } = await studioContext(rig));
    mkdirSync(shots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  const controls = () => studioControls(page);
  const summary = () => controls().summary();
  const editor = () => controls().editor();
  const replaceDraft = (text: string) => controls().replaceDraft(text);

  it('starts from the starter, which validates', async () => {
    await page.goto(`${rig.base}/studio`);
    await editor().waitFor();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    await expect.poll(() => page.getByTestId('outline').innerText()).toContain('Unusual logins');
  });

  it('completes field names and explains them on hover, from the published schema', async () => {
    // A new field in the top-level object: the completion offers the scenario's own fields.
    await page.locator('.cm-line', { hasText: '"formatVersion": 1,' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"maxAc');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').innerText(), SLOW).toContain('maxActionsPerRound');
    await page.keyboard.press('Escape');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    // Hovering a field shows its description from the field reference.
    await page.locator('.cm-line', { hasText: '"id": "my-scenario"' }).hover({ position: { x: 30, y: 8 } });
    await expect.poll(() => page.locator('.cm-tooltip-hover').innerText(), SLOW).toContain('Identifier: letters, digits and hyphens');
  });

  it('writes a small scenario from the starter; the outline follows it and the cursor', async () => {
    await replaceDraft(authorsScenario());
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    const outline = page.getByTestId('outline');
    await expect.poll(() => outline.innerText()).toContain('The minister asks for options');
    // Jumping to an entry puts the cursor there, and the outline marks it.
    await outline.getByRole('button', { name: 'The minister asks for options' }).click();
    await expect.poll(() => outline.locator('[aria-current="location"]').innerText()).toBe('The minister asks for options');
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('{');
  });

  it('shows a planted error with its message as you type, links it to its line, and clears it once fixed', async () => {
    await replaceDraft(authorsScenario('alpah'));
    await expect.poll(summary, SLOW).toBe('1 problem');
    const problem = page.getByTestId('problems').getByRole('button');
    await expect.poll(() => problem.innerText()).toMatch(/^\d+:\d+ unknown team "alpah" \(known: alpha, beta\)$/);
    await problem.click();
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('"alpah"');
    // The editor underlines it there too.
    await expect.poll(() => page.locator('.cm-lintRange-error').first().innerText()).toBe('"alpah"');
    // Fix it where the cursor now is: the line holds the misspelt id.
    await page.locator('.cm-lintRange-error').first().dblclick();
    await page.keyboard.insertText('alpha');
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
  });

  it('runs a play-test in a worker and shows outcomes, escalation paths and warnings', async () => {
    await page.locator('#studio-runs').selectOption('20');
    await page.getByRole('button', { name: 'Play-test' }).click();
    const result = page.getByTestId('playtest-result');
    await result.waitFor({ timeout: 90_000 });
    const text = await result.innerText();
    expect(text).toContain('20 exercises');
    for (const policy of ['hawkish', 'restrained', 'coalition-follower', 'random-legal']) expect(text).toContain(policy);
    expect(text).toMatch(/Escalation paths/);
    expect(text).toMatch(/\d+ → \d+/);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(shots, `studio@${size.width}.png`) });
    }
    await page.setViewportSize(SIZES[0]!);
  }, 120_000);

  it('names why an action was never taken, and links the warning to its line', async () => {
    const scenario = JSON.parse(authorsScenario());
    scenario.actions.push({
      id: 'emergency-powers',
      name: 'Invoke emergency powers',
      category: 'legal',
      severity: 4,
      rung: 3,
      reversibility: 0.5,
      minConfidence: 'none',
      targetsIncident: false,
      spillover: 'none',
      responseType: 'domestic',
      prerequisites: { indicator: 'escalation', op: '>=', value: 8 },
      prerequisiteText: 'Only in a grave crisis.',
    });
    const text = JSON.stringify(scenario, null, 2);
    await replaceDraft(text);
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
    await page.getByRole('button', { name: 'Play-test' }).click();
    const warning = page.getByTestId('playtest-warnings').getByRole('button', { name: /"emergency-powers" was never taken/ });
    await warning.waitFor({ timeout: 90_000 });
    // The warning points at the action: the line that opens it, just above its id.
    const opening = text.split('\n').findIndex((line) => line.includes('"id": "emergency-powers"'));
    expect(await warning.innerText()).toMatch(new RegExp(`^${opening}:5 warning: action "emergency-powers" was never taken in 20 simulated runs .*; the rules refused it to the bots: prerequisite failed \\d+$`));
    await warning.click();
    await expect.poll(() => page.locator('.cm-activeLine + .cm-line').innerText()).toContain('"id": "emergency-powers"');
    await replaceDraft(authorsScenario());
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
  }, 120_000);

  it('keeps the draft across a reload, downloads it and opens a file from disk', async () => {
    // The draft is kept a moment after the last change.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('firebreak.studio.draft.v1') ?? ''), SLOW).toContain('The harbour leak');
    await page.reload();
    await editor().waitFor();
    await expect.poll(() => editor().innerText()).toContain('The harbour leak');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('my-scenario.json');
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(saved).meta.title).toBe('The harbour leak');

    const file = join(mkdtempSync(join(tmpdir(), 'firebreak-studio-open-')), 'broken.json');
    writeFileSync(file, '{ "formatVersion": 1, "id": "x",');
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.locator('.studio-file').innerText()).toBe('broken.json');
    await expect.poll(() => page.getByTestId('problems').innerText(), SLOW).toMatch(/ends|end of|unexpected/i);
    await page.getByRole('button', { name: 'New from starter' }).click();
    await expect.poll(summary, SLOW).toBe('Valid: no problems');
  });

  it('tries the draft as a real exercise, with bots in the other seats', async () => {
    await page.locator('#studio-seat').selectOption('alpha');
    await page.getByRole('button', { name: 'Try it' }).click();
    const join = page.getByRole('link', { name: /Join as/ });
    await join.waitFor();
    const facilitatorLink = await page.getByRole('link', { name: 'open the facilitator console' }).getAttribute('href');
    const console = await context.newPage();
    watch(console, 'facilitator');
    await console.goto(`${rig.base}${facilitatorLink}`);
    // The author has not taken the Alpha seat yet: the console warns about Alpha, and not about Beta, which the bot plays.
    await console.getByRole('button', { name: 'Start the exercise', exact: true }).click();
    const warning = console.locator('.controls [role="alertdialog"]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('No one has joined Republic of Alpha.');
    expect(await warning.innerText()).not.toContain('Beta');
    // The author will take Alpha's seat: it stays open rather than going to a bot or being dropped.
    for (const open of await warning.getByRole('radio', { name: /Leave the seat open/ }).all()) await open.check();
    await warning.locator('.row .btn').first().click();
    await facilitatorStep(console, 'Begin round 1');
    // The bot (Beta) drafts as the round opens; the author's team (Alpha) has not.
    await expect.poll(() => console.locator('body').innerText(), SLOW).toMatch(/Kingdom of Beta[\s\S]*?[1-9] drafted/);
    expect(await console.locator('body').innerText()).toMatch(/Republic of Alpha[\s\S]*?0 drafted/);
    await console.close();
    expect(violations).toEqual([]);
  }, 120_000);
});
