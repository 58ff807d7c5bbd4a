/**
 * Ad-hoc injects in Chromium against the real server: the facilitator writes
 * one of a kind (news, intelligence, cable, social-media post, phone call)
 * with a source, and sends it now, at a minute of the round or at the start
 * of a later round. A scheduled inject is listed only on the console until it
 * goes out; then the team sees it styled by its kind, its words plain text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, scrollsSideways, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('ad-hoc injects of a kind, now or later', () => {
  let rig: BrowserRig;
  let fac: Page;
  let team: Page;
  let borealis: TestClient;

  const feed = () => team.locator('.feed').innerText();

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-adhoc-');
    const creator = await TestClient.connect(rig.base, 'creator');
    const created = await creator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 2, rounds: 3, minutes: 10 })), seed: 'adhoc', facilitatorName: 'Fran' });
    creator.close();
    const facContext = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    fac = await facContext.newPage();
    fac.setDefaultTimeout(15_000);
    await fac.goto(`${rig.base}/`);
    await fac.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId: created.exerciseId, credential: created.facilitatorCredential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Fixture', savedAt: Date.now(),
    });
    const teamContext = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await howToPlaySeen(teamContext);
    team = await teamContext.newPage();
    team.setDefaultTimeout(15_000);
    await team.goto(`${rig.base}/join/${created.codes.teams['atlantia']}`);
    await team.getByLabel('Your name').first().fill('Ada Atlantia');
    await team.getByRole('button', { name: 'Join', exact: true }).click();
    await team.waitForURL(/\/play\//);
    borealis = await TestClient.connect(rig.base, 'borealis');
    await borealis.join(created.codes.teams['borealis']!, 'Bo');
    await fac.goto(`${rig.base}/facilitate/${created.exerciseId}`);
    await fac.getByRole('button', { name: 'Start the exercise' }).click();
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await fac.getByRole('button', { name: 'Resolve round 1 now' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    borealis?.close();
    await rig?.close();
  }, 60_000);

  async function write(kind: string, source: string, title: string, body: string): Promise<void> {
    const form = fac.locator('form', { has: fac.locator('#adhoc-kind') });
    if (!(await form.isVisible())) await fac.getByText('Write an ad-hoc inject').click();
    await fac.getByLabel('Kind').selectOption({ label: kind });
    await fac.getByLabel(/^Source/).fill(source);
    await fac.getByLabel('Title', { exact: true }).fill(title);
    await fac.getByLabel('Text of the inject').fill(body);
  }

  it('schedules a social-media post for a minute of the round: only the console lists it until the round clock gets there', async () => {
    await write('Social-media post', '@leakwatch', 'Viral post blames Northland', 'Shared 40,000 times in an hour.');
    await fac.getByLabel(/At a minute of this round/).check();
    await fac.getByLabel('Minute (1 to 9)').fill('2');
    await fac.getByRole('button', { name: 'Schedule' }).click();
    const scheduled = fac.locator('.scheduled-list');
    await expect.poll(() => scheduled.innerText(), SLOW).toContain('Viral post blames Northland');
    expect(await scheduled.innerText()).toContain('Social-media post, from @leakwatch · minute 2 of round 1');
    expect(await axeSerious(fac)).toEqual([]);
    for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]] as const) {
      await fac.setViewportSize({ width, height });
      await scheduled.scrollIntoViewIfNeeded();
      expect(await scrollsSideways(fac)).toBe(false);
      await fac.screenshot({ path: `test-results/screens/adhoc-form@${width}.png` });
    }
    await fac.setViewportSize({ width: 1366, height: 768 });
    expect(await feed()).not.toContain('Viral post');

    // Shortening the ten-minute round by two minutes brings minute 2 to now.
    await fac.getByLabel('Minutes', { exact: true }).fill('2');
    await fac.getByRole('button', { name: 'Shorten the round' }).click();
    const post = team.locator('.inject--social', { hasText: 'Viral post blames Northland' });
    await post.waitFor({ timeout: 20_000 });
    expect(await post.locator('.byline').innerText()).toBe('Source: @leakwatch');
    expect(await post.locator('.badge--kind').innerText()).toBe('Social media');
    expect(await post.locator('.masthead').getAttribute('aria-hidden')).toBe('true');
    await expect.poll(() => fac.locator('.scheduled-list').count(), SLOW).toBe(0);
  }, 90_000);

  it('cancels scheduled injects before they go out, the focus moving to the next Cancel button', async () => {
    for (const title of ['Cancelled story one', 'Cancelled story two']) {
      await write('News article', 'The Herald', title, 'This never goes out.');
      await fac.getByLabel('At the start of a later round').check();
      await fac.getByLabel('Round', { exact: true }).selectOption('2');
      await fac.getByRole('button', { name: 'Schedule' }).click();
      await expect.poll(() => fac.locator('.scheduled-list').innerText(), SLOW).toContain(title);
    }
    await fac.getByRole('button', { name: /^Cancel\s*:\s*Cancelled story one$/ }).click();
    await expect.poll(() => fac.locator('.scheduled-list').innerText(), SLOW).not.toContain('Cancelled story one');
    await expect.poll(() => fac.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim()), SLOW).toBe('Cancel: Cancelled story two');
    expect(await fac.locator('#answer-scheduled').innerText()).toContain('Cancelled: it will not go out.');
    expect(await axeSerious(fac)).toEqual([]);
    await fac.keyboard.press('Enter');
    await expect.poll(() => fac.locator('.scheduled-list').count(), SLOW).toBe(0);
    // The list is gone: the focus is on the form's own heading, not lost to the page.
    await expect.poll(() => fac.evaluate(() => document.activeElement?.tagName), SLOW).toBe('SUMMARY');
  }, 90_000);

  it('schedules a phone call for the start of round 2 and releases a news article now', async () => {
    await write('Phone call', 'The ambassador of Borealis', 'The ambassador calls', 'She asks what you will say tomorrow.');
    await fac.getByLabel('At the start of a later round').check();
    await fac.getByLabel('Round', { exact: true }).selectOption('2');
    await fac.getByRole('button', { name: 'Schedule' }).click();
    await expect.poll(() => fac.locator('.scheduled-list').innerText(), SLOW).toContain('Phone call, from The ambassador of Borealis · start of round 2');

    await write('News article', 'The Herald', 'Parliament debates the leaks', 'Members demand answers.');
    await fac.getByLabel('Now', { exact: true }).check();
    await fac.getByRole('button', { name: 'Release now', exact: true }).click();
    const article = team.locator('.inject--news', { hasText: 'Parliament debates the leaks' });
    await article.waitFor();
    expect(await article.locator('.masthead').innerText()).toContain('The Herald');
    expect(await feed()).not.toContain('The ambassador calls');

    await fac.getByRole('button', { name: 'Resolve round 1 now' }).click();
    await fac.getByRole('button', { name: 'Resolve round 1 now anyway' }).click();
    await fac.getByRole('button', { name: 'Open round 2' }).click();
    const call = team.locator('.inject--call', { hasText: 'The ambassador calls' });
    await call.waitFor({ timeout: 20_000 });
    expect(await call.locator('.badge--kind').innerText()).toBe('Phone call');
    expect(await feed()).not.toContain('Cancelled story');
    expect(await call.locator('.byline').innerText()).toBe('Source: The ambassador of Borealis');
    expect(await axeSerious(team)).toEqual([]);
    for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]] as const) {
      await team.setViewportSize({ width, height });
      await team.locator('.feed').scrollIntoViewIfNeeded();
      expect(await scrollsSideways(team)).toBe(false);
      await team.screenshot({ path: `test-results/screens/adhoc-feed@${width}.png` });
    }
  }, 90_000);
});
