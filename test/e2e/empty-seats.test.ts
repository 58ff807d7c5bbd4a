/**
 * Empty seats at the start, in Chromium against the real server: the
 * facilitator gives one team nobody joined to a bot and drops another. The
 * exercise starts, the bot drafts and locks, nobody waits for the dropped
 * team, and the console and the projector say who plays what.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { legalDrafts } from '../helpers/bot';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('empty seats before the start', () => {
  let rig: BrowserRig;
  let fac: Page;
  let atlantia: TestClient;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-empty-seats-');
    const creator = await TestClient.connect(rig.base, 'creator');
    const created = await creator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 3, rounds: 2 })), seed: 'empty-seats', facilitatorName: 'Fran' });
    creator.close();
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    fac = await context.newPage();
    fac.setDefaultTimeout(15_000);
    await fac.goto(`${rig.base}/`);
    await fac.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId: created.exerciseId, credential: created.facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Fixture', savedAt: Date.now(),
    });
    await fac.goto(`${rig.base}/facilitate/${created.exerciseId}`);
    await fac.locator('.code-row .code').first().waitFor();
    atlantia = await TestClient.connect(rig.base, 'atlantia');
    await atlantia.join(created.codes.teams['atlantia']!, 'Ada');
  }, 240_000);

  afterAll(async () => {
    atlantia?.close();
    await rig?.close();
  }, 60_000);

  it('lets the facilitator give one empty seat to a bot and drop another; the round runs without waiting for either', async () => {
    await expect.poll(() => fac.locator('.codes summary').innerText(), SLOW).toContain('Waiting for 2 of 3 teams');
    await fac.getByRole('button', { name: 'Start the exercise' }).click();
    const dialog = fac.getByRole('alertdialog', { name: 'Who plays the empty seats?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('No one has joined Borealis and Caledon.');
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('confirm-step-h');
    const borealis = dialog.getByRole('group', { name: 'Borealis' });
    const caledon = dialog.getByRole('group', { name: 'Caledon' });
    // A bot by default, with a choice of style.
    expect(await borealis.getByRole('radio', { name: /Play it with a bot/ }).isChecked()).toBe(true);
    await borealis.getByLabel("The bot's style").selectOption('restrained');
    await caledon.getByRole('radio', { name: /Drop the team/ }).check();
    expect(await caledon.getByLabel("The bot's style").isVisible()).toBe(false);
    expect(await axeSerious(fac)).toEqual([]);
    expect(await scrollsSideways(fac)).toBe(false);
    for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]] as const) {
      await fac.setViewportSize({ width, height });
      await dialog.scrollIntoViewIfNeeded();
      expect(await scrollsSideways(fac)).toBe(false);
      await fac.screenshot({ path: `test-results/screens/empty-seats-choice@${width}.png` });
    }
    await fac.setViewportSize({ width: 1366, height: 768 });

    await dialog.getByRole('button', { name: 'Start the exercise' }).click();
    await fac.getByRole('button', { name: 'Begin round 1' }).waitFor();
    const card = (name: string) => fac.locator('.team-card', { has: fac.getByRole('heading', { name: new RegExp(name) }) });
    expect(await card('Borealis').innerText()).toContain("Players: none: the server's bot plays it");
    expect(await card('Caledon').innerText()).toContain('Takes no part');
    expect(await fac.locator('.codes summary').innerText()).toContain('Every team has someone in');

    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await expect.poll(() => card('Borealis').locator('.help').first().innerText(), SLOW).toMatch(/^[1-9]\d* drafted/);
    expect(await fac.locator('.controls .status-line').innerText()).toContain('0 of 2 teams locked.');
    await atlantia.waitForView((v) => v.phase === 'deliberation');
    await atlantia.must({ type: 'draftDecision', draft: legalDrafts(atlantia.view!)[0]! });
    await atlantia.must({ type: 'lockDecisions' });
    // The bot locks after the people; nobody waits for the dropped team: the round resolves by itself.
    await fac.getByRole('button', { name: 'Open round 2' }).waitFor();
    const resolved = await atlantia.waitForView((v) => v.phase === 'results');
    expect(resolved.rounds[0]!.links.map((l) => `${l.a}-${l.b}`)).toEqual(['atlantia-borealis']);
    await fac.screenshot({ path: 'test-results/screens/empty-seats-results@1366.png', fullPage: false });
  }, 120_000);
});
