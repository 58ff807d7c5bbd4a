/**
 * "Open the seat again", in Chromium against the real server: before the
 * start one team is played by a bot (given when the exercise was opened, as
 * the studio's "Try it" does) and another is dropped, so that its code
 * seats no one. The facilitator opens the dropped team's seat again from
 * the console; a player then joins it in the browser, and plays round 1:
 * drafts an action, locks, and sees the round's results.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { legalDrafts } from '../helpers/bot';
import { CHROMIUM, facilitatorStep, HAVE_CHROMIUM, howToPlaySeen, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('opening a seat again', () => {
  let rig: BrowserRig;
  let fac: Page;
  let player: Page;
  let atlantia: TestClient;
  let caledonCode: string;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-reopen-seat-');
    const facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({
      scenarioText: JSON.stringify(fixtureScenario({ teams: 3, rounds: 2 })),
      seed: 'reopen-seat',
      facilitatorName: 'Fran',
      bots: { borealis: 'restrained' },
    });
    await facilitator.resume(created.facilitatorCredential);
    await facilitator.must({ type: 'dropTeam', team: 'caledon' });
    facilitator.close();
    caledonCode = created.codes.teams['caledon']!;
    atlantia = await TestClient.connect(rig.base, 'atlantia');
    await atlantia.join(created.codes.teams['atlantia']!, 'Ada');

    const console = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    fac = await console.newPage();
    fac.setDefaultTimeout(15_000);
    await fac.goto(`${rig.base}/`);
    await fac.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId: created.exerciseId, credential: created.facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Fixture', savedAt: Date.now(),
    });
    await fac.goto(`${rig.base}/facilitate/${created.exerciseId}`);
    await fac.locator('.team-card').first().waitFor();

    const seat = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await howToPlaySeen(seat);
    player = await seat.newPage();
    player.setDefaultTimeout(15_000);
  }, 240_000);

  afterAll(async () => {
    atlantia?.close();
    await rig?.close();
  }, 60_000);

  const card = (name: string) => fac.locator('.team-card', { has: fac.getByRole('heading', { name: new RegExp(name) }) });

  async function join(name: string): Promise<void> {
    await player.goto(`${rig.base}/join/${caledonCode}`);
    await player.getByLabel('Your name').first().fill(name);
    await player.getByRole('button', { name: 'Join', exact: true }).click();
  }

  it("refuses the dropped team's code until the facilitator opens its seat again", async () => {
    await join('Cal');
    await expect.poll(() => player.locator('main').innerText(), SLOW).toContain('The facilitator has dropped this team from the exercise');
    expect(player.url()).toMatch(/\/join\//);

    // Both seats no person holds offer to be opened again; the bot's and the dropped team's.
    expect(await card('Borealis').getByRole('button', { name: /^Open the seat again\s*: Borealis$/ }).count()).toBe(1);
    expect(await card('Atlantia').getByRole('button', { name: /Open the seat again/ }).count()).toBe(0);
    expect(await card('Caledon').innerText()).toContain('the team takes no part');
    expect(await axeSerious(fac)).toEqual([]);
    expect(await scrollsSideways(fac)).toBe(false);

    await card('Caledon').getByRole('button', { name: /^Open the seat again\s*: Caledon$/ }).click();
    await expect.poll(() => card('Caledon').innerText(), SLOW).toContain('Caledon: the seat is open again for people to join.');
    expect(await card('Caledon').getByRole('button', { name: /Open the seat again/ }).count()).toBe(0);
    expect(await card('Caledon').innerText()).toContain('Players: none yet');
    await fac.screenshot({ path: 'test-results/screens/reopen-seat@1366.png' });
  }, 60_000);

  it('seats a player in the reopened seat, who then plays the round', async () => {
    await join('Cal');
    await player.waitForURL(/\/play\//);
    await expect.poll(() => card('Caledon').innerText(), SLOW).toContain('Players: Cal');

    await facilitatorStep(fac, 'Start the exercise');
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await player.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    const item = player.locator('li.action').filter({ has: player.locator('.action-name', { hasText: 'Resilience assistance' }) }).first();
    await item.locator('summary').first().click();
    const form = player.getByRole('form', { name: 'Draft: Resilience assistance' });
    await form.getByLabel('Rationale: why this, why now').fill('Our election officials need help now.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => player.locator('.plan-list').innerText(), SLOW).toContain('Our election officials need help now.');
    await player.getByRole('button', { name: 'Lock our decisions' }).click();
    await player.getByRole('button', { name: 'Unlock to change' }).waitFor();

    await atlantia.waitForView((v) => v.phase === 'deliberation');
    await atlantia.must({ type: 'draftDecision', draft: legalDrafts(atlantia.view!)[0]! });
    await atlantia.must({ type: 'lockDecisions' });
    // The bot locks once the people have: the round resolves by itself, with Caledon's decision in it.
    const resolved = await atlantia.waitForView((v) => v.phase === 'results', 'round 1 resolved');
    expect(resolved.decisions.filter((d) => d.team === 'caledon').map((d) => d.action)).toEqual(['resilience']);
    await player.getByRole('heading', { name: 'Round results' }).waitFor();
    expect(await player.locator('.results').innerText()).toContain('Resilience assistance');
    expect(await axeSerious(player)).toEqual([]);
  }, 90_000);
});
