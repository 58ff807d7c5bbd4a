/**
 * The facilitator in Chromium against the real server: the projector view
 * on its own URL (join QR codes before the start; then the clock, round and
 * phase, the ladder with the current rung, who has locked, public injects
 * and announcements, and no secret), QR codes on the console, a warning
 * before starting with empty seats, confirmation before resolving a round
 * early or ending the exercise, and join codes that fold away once every
 * team has someone in. Axe finds nothing serious on the console or the
 * projector view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { FACILITATOR_SECRETS, fixtureScenario, secretsOf, TEAM_IDS } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('the facilitator', () => {
  let rig: BrowserRig;
  let fac: Page;
  let projector: Page;
  let exerciseId: string;
  const players: TestClient[] = [];
  let codes: Record<string, string>;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-facilitator-');
    const creator = await TestClient.connect(rig.base, 'creator');
    players.push(creator);
    const created = await creator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 3, rounds: 2 })), seed: 'facilitator', facilitatorName: 'Fran' });
    exerciseId = created.exerciseId;
    const context = await rig.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    fac = await context.newPage();
    fac.setDefaultTimeout(15_000);
    // This browser holds the facilitator's seat, as after opening the exercise from the start page.
    await fac.goto(`${rig.base}/`);
    await fac.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential: created.facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Fixture', savedAt: Date.now(),
    });
    await fac.goto(`${rig.base}/facilitate/${exerciseId}`);
    await fac.locator('.code-row .code').first().waitFor();
    codes = Object.fromEntries(
      await fac.locator('.code-row').evaluateAll((els) => els.map((el) => [el.querySelector('.code-head strong')!.textContent!, el.querySelector('.code')!.textContent!] as [string, string])),
    );
  }, 240_000);

  afterAll(async () => {
    for (const p of players) p.close();
    await rig?.close();
  }, 60_000);

  it('shows the join links as QR codes on the console and on the projector view before the start', async () => {
    expect(await fac.locator('.code-row svg.qr').count()).toBe(Object.keys(codes).length);
    expect(await fac.locator('.code-row svg.qr').first().getAttribute('aria-label')).toBe('QR code: the join link for Atlantia');
    const link = fac.getByRole('link', { name: /Projector view/ });
    expect(await link.getAttribute('href')).toBe(`/project/${exerciseId}`);
    projector = await fac.context().newPage();
    await projector.goto(`${rig.base}/project/${exerciseId}`);
    await projector.locator('.pj-code svg.qr').first().waitFor();
    expect(await projector.locator('.pj-code h3').allInnerTexts()).toEqual(['Atlantia', 'Borealis', 'Caledon']);
    expect(await projector.locator('.pj-code-text').first().innerText()).toBe(codes['Atlantia']);
    expect(await axeSerious(projector)).toEqual([]);
    expect(await scrollsSideways(projector)).toBe(false);
    expect(await scrollsSideways(fac)).toBe(false);
    // The console is where the facilitator works: its tab back in front, the projector's behind it. (Chromium
    // throttles the frames of a tab behind another, and each click waits for two frames to see its target stand still.)
    await fac.bringToFront();
  }, 60_000);

  it('warns before starting with empty seats, and folds the codes away once every team has someone in', async () => {
    const atlantia = await TestClient.connect(rig.base, 'atlantia');
    players.push(atlantia);
    await atlantia.join(codes['Atlantia']!, 'Ada');
    await expect.poll(() => projector.locator('.pj-players').first().innerText(), SLOW).toBe('1 joined: Ada');
    await fac.getByRole('button', { name: 'Start the exercise' }).click();
    const dialog = fac.getByRole('alertdialog', { name: 'Who plays the empty seats?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('No one has joined Borealis and Caledon. Choose who plays each:');
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('confirm-step-h');
    expect(await axeSerious(fac)).toEqual([]);
    await dialog.getByRole('button', { name: 'Wait' }).click();
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('step-0');
    expect(await fac.locator('.codes details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    for (const team of ['Borealis', 'Caledon']) {
      const client = await TestClient.connect(rig.base, team);
      players.push(client);
      await client.join(codes[team]!, `${team} lead`);
    }
    await expect.poll(() => fac.locator('.codes summary').innerText(), SLOW).toContain('Every team has someone in');
    expect(await fac.locator('.codes details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // Everyone is in: no question asked.
    await fac.getByRole('button', { name: 'Start the exercise' }).click();
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await fac.getByRole('button', { name: 'Resolve round 1 now' }).waitFor();
  }, 60_000);

  it('puts the round on the wall: clock, round, ladder with the current rung, who has locked, public news and announcements, and no secret', async () => {
    await projector.locator('.pj-ladder').waitFor();
    expect(await projector.locator('.pj-round').innerText()).toMatch(/^Round 1 of 2/);
    expect(await projector.locator('.pj-phase').innerText()).toContain('Deliberation');
    await expect.poll(() => projector.locator('.pj-clock .clock').innerText(), SLOW).toMatch(/^\d+:\d\d left$/);
    expect(await projector.locator('.pj-rung--now').count()).toBe(1);
    expect(await projector.locator('.pj-rung--now').getAttribute('aria-current')).toBe('step');
    await players[1]!.must({ type: 'lockDecisions' });
    await expect.poll(() => projector.locator('#pj-teams-h').innerText(), SLOW).toBe('Locked: 1 of 3');
    expect(await projector.locator('.pj-team--locked').innerText()).toContain('Atlantia');
    await fac.locator('#announce-text').fill('Ten minutes to agree a common line.');
    await fac.getByRole('button', { name: 'Announce', exact: true }).click();
    await expect.poll(() => projector.locator('.pj-announcement').innerText(), SLOW).toContain('Ten minutes to agree a common line.');
    const wall = await projector.locator('body').innerText();
    expect(wall).toContain('Public news: leak site appears');
    // Private intelligence, briefings, drafts and the ground truth never reach the wall.
    for (const marker of [...FACILITATOR_SECRETS, ...TEAM_IDS.slice(0, 3).flatMap(secretsOf)]) expect(wall).not.toContain(marker);
    // Readable from the back of the room: the round's words are large at 1920×1080.
    await projector.setViewportSize({ width: 1920, height: 1080 });
    const size = await projector.locator('.pj-round').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    expect(await projector.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    expect(await axeSerious(projector)).toEqual([]);
    expect(await scrollsSideways(projector)).toBe(false);
    expect(await scrollsSideways(fac)).toBe(false);
  }, 60_000);

  it('asks before resolving a round that teams have not locked, and before ending the exercise', async () => {
    await fac.getByRole('button', { name: 'Resolve round 1 now' }).click();
    const dialog = fac.getByRole('alertdialog', { name: 'Resolve round 1 now anyway?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Borealis and Caledon have not locked. Their plans go ahead as drafted now');
    await dialog.getByRole('button', { name: 'Resolve round 1 now anyway' }).click();
    await fac.getByRole('button', { name: 'Open round 2' }).waitFor();

    await fac.locator('summary', { hasText: 'End the exercise early' }).click();
    await fac.locator('#end-reason').fill('Out of time');
    await fac.getByRole('button', { name: 'End the exercise now' }).click();
    const end = fac.getByRole('alertdialog', { name: 'End the exercise for everyone now?' });
    await end.waitFor();
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('confirm-end');
    expect(await axeSerious(fac)).toEqual([]);
    await end.getByRole('button', { name: 'Keep playing' }).click();
    expect(await fac.getByRole('button', { name: 'Open round 2' }).count()).toBe(1);
    await fac.getByRole('button', { name: 'End the exercise now' }).click();
    await fac.getByRole('button', { name: 'Yes, end it now' }).click();
    await expect.poll(() => projector.locator('#pj-end-h').count(), SLOW).toBe(1);
  }, 60_000);
});
