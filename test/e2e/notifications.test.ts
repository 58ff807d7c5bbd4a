/**
 * Notifications in Chromium against the real server: every change that
 * concerns a team (a round that starts, an inject, a proposal to answer, an
 * announcement, the clock cut, the last minute, time's up, a result) lies
 * over the page without moving it, stays until read, is counted in the top
 * bar and reaches screen readers through a live region; the story's date
 * stands beside the clock, and status texts belong to the moment.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

function scenarioText(): string {
  const scenario = fixtureScenario({ teams: 2, rounds: 2, minutes: 10 }) as { rounds: Record<string, unknown>[]; teams: Record<string, unknown>[] };
  scenario.rounds[0]!.date = '2016-07-22';
  // Borealis has evidence of its own on the leak, to share.
  scenario.teams.find((t) => t.id === 'borealis')!.startingEvidence = { 'mail-leak': 3 };
  return JSON.stringify(scenario);
}

const unreadCount = (page: Page) => page.locator('.notif-count').innerText().then(Number);
const toastTitles = (page: Page) => page.locator('.toast .notif-title strong').allInnerTexts();
const listedTitles = (page: Page) => page.locator('.notif-list .notif-title strong').allTextContents();
async function markAllRead(page: Page): Promise<void> {
  await page.locator('.notif-menu > summary').click();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.locator('.notif-menu > summary').click();
}

describe.skipIf(!HAVE_CHROMIUM)('notifications', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let borealis: TestClient;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-notices-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({ scenarioText: scenarioText(), seed: 'notices', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    borealis = await TestClient.connect(rig.base, 'borealis');
    await borealis.join(created.codes.teams['borealis']!, 'Bo');
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['atlantia']}`);
    await page.getByLabel('Your name').first().fill('Ada Atlantia');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await page.locator('.topbar').waitFor();
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    borealis?.close();
    await rig?.close();
  }, 60_000);

  it('shows a round that starts and its injects over the page, counted and announced', async () => {
    expect(await unreadCount(page)).toBe(0);
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    await expect.poll(() => listedTitles(page), SLOW).toContainEqual(expect.stringMatching(/^Round 1: Round 1 \(.*Jul.*2016\) has started$/));
    expect(await toastTitles(page)).toContainEqual(expect.stringMatching(/^New inject: /));
    expect(await page.locator('.toasts').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await unreadCount(page)).toBeGreaterThanOrEqual(2);
    const announced = await page.locator('#announcer').innerText();
    expect(announced).toContain('has started');
    expect(announced).toContain('decisions drafted but not locked go ahead as drafted');
    // Scenario time beside the wall clock.
    expect(await page.locator('.topbar-date').innerText()).toMatch(/22.*Jul.*2016|Jul.*22.*2016/);
    // The top bar keeps one line at 1366 px: every item shares one row.
    const rows = await page.locator('.topbar > *').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0));
    expect(Math.max(...rows.map((r) => r.top))).toBeLessThan(Math.min(...rows.map((r) => r.bottom)));
    // Nothing scrolls sideways on a phone, notification cards included.
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeSerious(page)).toEqual([]);
  }, 60_000);

  it('keeps notices until read, across a reload, and lists them all in the top bar', async () => {
    const before = await unreadCount(page);
    const first = page.locator('.toast').first();
    const title = await first.locator('.notif-title strong').innerText();
    await first.getByRole('button', { name: /^Mark as read/ }).click();
    await expect.poll(() => unreadCount(page), SLOW).toBe(before - 1);
    expect(await toastTitles(page)).not.toContain(title);
    await page.reload();
    await page.locator('.topbar').waitFor();
    await expect.poll(() => unreadCount(page), SLOW).toBe(before - 1);
    await page.locator('.notif-menu > summary').click();
    const listed = await page.locator('.notif-list .notif').allInnerTexts();
    expect(listed.some((t) => t.includes(title))).toBe(true);
    expect(await page.locator('.notif-list .notif--read').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => unreadCount(page), SLOW).toBe(0);
    expect(await page.locator('.toast').count()).toBe(0);
    await page.locator('.notif-menu > summary').click();
  }, 60_000);

  it('tells the team about a proposal to answer, an announcement, an ally\'s shared evidence and a clock cut, without moving the page', async () => {
    await borealis.must({ type: 'proposeJoint', draft: { action: 'warning', incident: 'mail-leak' } });
    await expect.poll(() => toastTitles(page), SLOW).toContain('Borealis proposes: Private warning');
    await page.evaluate(() => window.scrollTo(0, 400));
    const scrolled = await page.evaluate(() => window.scrollY);
    const planTop = () => page.locator('#plan-h').evaluate((h) => h.getBoundingClientRect().top);
    const before = await planTop();
    expect(scrolled).toBeGreaterThan(0);
    await facilitator.must({ type: 'announce', text: 'Five minutes to agree a line.' });
    await expect.poll(() => toastTitles(page), SLOW).toContain('Announcement from Fran');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await planTop()).toBe(before);
    await borealis.must({ type: 'shareIntel', incident: 'mail-leak', with: 'coalition' });
    await expect.poll(() => toastTitles(page), SLOW).toContain('Borealis shared evidence with you');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await expect.poll(() => page.locator('#announcer').innerText(), SLOW).toContain('Borealis shared evidence with you');
    await facilitator.must({ type: 'adjustClock', deltaMs: -2 * 60_000 });
    await expect.poll(() => toastTitles(page), SLOW).toContain('The facilitator shortened the round by 2 minutes');
    expect(await page.locator('.toast--urgent').first().innerText()).toContain('decisions drafted but not locked go ahead as drafted');
    expect(await page.locator('#alerts').innerText()).toContain('shortened the round');
  }, 60_000);

  it('gives a visible notice at one minute left and at time\'s up, then clears the previous round\'s status', async () => {
    await markAllRead(page);
    await page.getByRole('button', { name: 'Lock our decisions' }).click();
    await expect.poll(() => page.locator('.lock-box').innerText(), SLOW).toContain('locked');
    await page.getByRole('button', { name: 'Unlock to change' }).click();
    const view = await facilitator.waitForView((v) => v.clock.deadline !== null);
    // Leave just over a minute on the clock.
    await facilitator.must({ type: 'adjustClock', deltaMs: -(view.clock.deadline! - Date.now() - 62_000) });
    await expect.poll(() => toastTitles(page), { timeout: 30_000, interval: 200 }).toContain('One minute left in this round');
    expect(await page.locator('.clock').getAttribute('class')).toContain('clock--low');
    await facilitator.must({ type: 'adjustClock', deltaMs: -120_000 });
    await expect.poll(() => toastTitles(page), SLOW).toContainEqual(expect.stringMatching(/^Time is up: Round 1/));
    expect(await page.locator('.toast--urgent').first().innerText()).toContain('drafts that were not locked included');
    await expect.poll(() => page.locator('.what-now').innerText(), SLOW).toContain('open the next round');
    // The answer to this round's lock does not carry over into the next round.
    await facilitator.must({ type: 'advance' });
    await expect.poll(() => page.locator('.what-now').innerText(), SLOW).toContain('Discuss');
    expect(await page.locator('.lock-box').innerText()).not.toContain('Unlocked');
  }, 90_000);

  it('says the debrief comes next after the last round, not a next round', async () => {
    await facilitator.must({ type: 'advance' });
    await expect.poll(() => page.locator('.what-now').innerText(), SLOW).toContain('end the exercise and open the debrief');
    expect(await page.locator('.what-now').innerText()).not.toContain('next round');
  }, 60_000);
});
