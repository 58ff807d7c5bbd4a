/**
 * In Chromium, against the real server and the built client: a scenario with
 * two adversaries, a state and a ransomware crew (test/fixtures/two-adversaries.json).
 * The United States strikes the crew's servers far beyond the harm done; after
 * the round its board shows both postures, the crew's provoked to
 * tit-for-tat, the state's its own; the projector shows both postures. The
 * facilitator then overrides the crew's posture with the console's adversary
 * choice, and every board shows the crew's new posture beside Northland's;
 * a red cell holds the crew back in round 2 while Northland is left to the model.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMALLEST_TEXT, W } from '../../src/client/board/size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, startBrowserRig, type BrowserRig, joinWithCode, openExerciseAsFacilitator, openSeatPage, advanceConsole } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };
const DISRUPT = "Disrupt the crew's servers";

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

describe.skipIf(!HAVE_CHROMIUM)('two adversaries in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let scenarios: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;
  let usa: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  beforeAll(async () => {
    scenarios = mkdtempSync(join(tmpdir(), 'firebreak-adversaries-scenarios-'));
    copyFileSync(join(ROOT, 'test/fixtures/two-adversaries.json'), join(scenarios, 'two-adversaries.json'));
    rig = await startBrowserRig('firebreak-adversaries-', scenarios);
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
    rmSync(scenarios, { recursive: true, force: true });
  }, 60_000);

  it("the board shows each adversary's posture; striking the crew provokes the crew", async () => {
    fac = await open('facilitator');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'two-adversaries');

    usa = await open('United States');
    await joinWithCode(usa, rig.base, codes['United States']!, 'US lead');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await usa.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    const facts = usa.locator('.board-summary .headline-facts');
    await expect.poll(() => facts.innerText(), SLOW).toContain('Ransom crew:');
    expect(await facts.innerText()).toContain('Northland:');
    expect(await facts.locator('[data-actor="crew"]').innerText()).toMatch(/Probing/);

    const item = usa.locator('li.action').filter({ has: usa.locator('.action-name', { hasText: DISRUPT }) }).first();
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: `Draft: ${DISRUPT}` });
    await form.getByLabel('Incident').selectOption('ransomware');
    await form.getByLabel('Rationale: why this, why now').fill('Take their servers down.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Added to your plan.');
    await advance('Resolve round 1 now');

    await expect.poll(() => facts.locator('[data-actor="crew"]').innerText(), SLOW).toMatch(/Tit-for-tat/);
    // The round's results give the crew's reaction beside Northland's.
    await expect.poll(() => usa.locator('.round-result dd[data-actor="crew"]').first().innerText(), SLOW).toMatch(/Probing.*Tit-for-tat/s);
    const northland = (await facts.innerText()).split('\n').join(' ');
    expect(northland).toMatch(/Northland:\s*(Probing|Emboldened|Deterred)/);

    // The projector shows both postures too.
    const exerciseId = new URL(fac.url()).pathname.split('/').at(-1)!;
    const projector = await fac.context().newPage();
    await projector.goto(`${rig.base}/project/${exerciseId}`);
    await projector.locator('.pj-ladder').waitFor();
    await expect.poll(() => projector.locator('.pj-posture[data-actor="crew"]').innerText(), SLOW).toBe('Ransom crew: Tit-for-tat');
    expect(await projector.locator('.pj-posture').first().innerText()).toMatch(/^Northland: /);
    await projector.close();
    expect(errors).toEqual([]);
  }, 150_000);

  it("the console's posture override names the crew: its posture changes on the board and in the summary, Northland's does not", async () => {
    const facts = usa.locator('.board-summary .headline-facts');
    const northland = (await fac.locator('.board-summary .headline-facts').innerText()).match(/Northland:\s*(\S+)/)![1]!;
    await fac.locator('#override-h').click();
    await fac.locator('#ov-kind-posture').check();
    const adversary = fac.getByLabel('Adversary', { exact: true });
    expect(await adversary.locator('option').allInnerTexts()).toEqual(['Northland', 'Ransom crew']);
    await adversary.selectOption({ label: 'Ransom crew' });
    // The posture list marks the crew's current posture, not Northland's.
    await expect.poll(() => fac.locator('#ov-posture option:checked').innerText(), SLOW).toBe('Tit-for-tat (now)');
    await fac.locator('#ov-posture').selectOption('deterred');
    await fac.locator('#override-reason').fill('The crew was arrested abroad.');
    await fac.getByRole('button', { name: 'Override' }).click();
    await expect.poll(() => fac.locator('section[aria-labelledby="override-h"] .answer').innerText(), SLOW).toMatch(/Overridden|✓/);

    // Every board shows it: the team's summary, and the facilitator's list of who is behind each incident.
    await expect.poll(() => facts.locator('[data-actor="crew"]').innerText(), SLOW).toMatch(/Deterred/);
    expect((await facts.innerText()).split('\n').join(' ')).toMatch(new RegExp(`Northland:\\s*${northland}`));
    const behind = fac.locator('.behind-list > li[data-actor="crew"]');
    await expect.poll(() => behind.innerText(), SLOW).toMatch(/Ransom crew \(Deterred, Extort\)/);
    expect(await behind.innerText()).toContain('Ransomware at hospitals, striking United States and United Kingdom');
    // A team does not learn who is behind which incident before the debrief.
    expect(await usa.locator('.behind-list').count()).toBe(0);
    // The drawn board is there at a size where its smallest words (SMALLEST_TEXT on the 1280 px canvas) read at 14 px or more.
    for (const page of [fac, usa]) {
      const canvas = page.locator('section.board canvas');
      await canvas.waitFor();
      const box = (await canvas.boundingBox())!;
      expect((box.width / W) * SMALLEST_TEXT, page === fac ? 'facilitator' : 'team').toBeGreaterThanOrEqual(14);
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it('the red cell chooses for each adversary on its own: it holds the crew back and leaves Northland to the model', async () => {
    const codes = Object.fromEntries(
      await fac.locator('.code-row').evaluateAll((els) => els.map((el) => [el.querySelector('.code-head strong')?.textContent ?? '', el.querySelector('.code')?.textContent ?? ''])),
    ) as Record<string, string>;
    const red = await open('red cell');
    await joinWithCode(red, rig.base, codes['Red cell']!, 'Red');
    await advance('Open round 2');
    const crew = red.locator('.redcell-moves[data-adversary="crew"]');
    await crew.getByRole('heading', { name: 'Your move this round: Ransom crew' }).waitFor();
    // Deterred by the override, the crew may not encrypt now.
    await expect.poll(() => crew.locator('.choice').first().innerText(), SLOW).toContain('Not eligible now');
    await crew.getByLabel(/Hold back/).check();
    await crew.getByRole('button', { name: 'Choose for Ransom crew' }).click();
    await expect.poll(() => crew.locator('p[role="status"]').innerText(), SLOW).toBe('You hold back this round.');
    // Northland's choice is untouched.
    expect(await red.locator('#moves-h + p').innerText()).toContain('Nothing chosen yet');
    expect(errors).toEqual([]);
  }, 90_000);
});
