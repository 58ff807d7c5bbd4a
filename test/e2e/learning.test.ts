/**
 * Learning the game in Chromium: how to play comes up the first time a team
 * seat opens a round (skippable, remembered, reopened from the top bar's
 * Help), and term links open the glossary at their entry. (A refusal read
 * as a sentence, its code out of sight, is checked in play-through.test.ts.)
 * Axe finds nothing serious with the overlay open.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('learning the game', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-learning-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 2, rounds: 2 })), seed: 'learning', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
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
    await rig?.close();
  }, 60_000);

  it('shows how to play the first time a round opens, as a modal dialog with the focus on it', async () => {
    expect(await page.locator('#help-dialog[open]').count()).toBe(0);
    await facilitator.must({ type: 'startExercise' });
    expect(await page.locator('#help-dialog[open]').count()).toBe(0);
    await facilitator.must({ type: 'advance' });
    const dialog = page.getByRole('dialog', { name: 'How to play' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('help-h');
    expect(await dialog.innerText()).toContain('Lock before the clock runs out');
    expect(await axeSerious(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Skip and start playing' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }, 60_000);

  it('remembers that it was seen, and reopens it from the top bar', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    expect(await page.locator('#help-dialog[open]').count()).toBe(0);
    await page.locator('.topbar').getByRole('button', { name: 'Help' }).click();
    await page.getByRole('dialog', { name: 'How to play' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'How to play' }).waitFor({ state: 'hidden' });
    // The focus goes back to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Help');
  }, 60_000);

  it('opens the glossary at a term from where the term appears', async () => {
    const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: 'Private warning' }) });
    await item.locator('summary').click();
    await item.getByRole('button', { name: 'rung (glossary)' }).click();
    const dialog = page.getByRole('dialog', { name: 'How to play' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('glossary-rung');
    expect(await dialog.locator('.glossary-entry--on').innerText()).toMatch(/^Rung \(escalation ladder\)/);
    const terms = await dialog.locator('.glossary dt').allInnerTexts();
    expect(terms).toEqual(['Rung (escalation ladder)', 'Retorsion', 'Countermeasure', 'Spillover', 'Coalition cohesion', "Healey's spectrum of state responsibility", 'Confidence levels']);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 60_000);
});
