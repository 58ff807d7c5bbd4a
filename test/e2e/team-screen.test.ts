/**
 * The team screen in Chromium against the real server: the round's task
 * comes first (actions grouped by instrument, filtered and searched, the
 * unavailable ones folded behind a count with their reasons), the plan says
 * what it risks as a whole, a risky plan asks before it locks, prior notice
 * and urgent cannot both be chosen, and the focus lands on the control that
 * comes next. Axe finds nothing serious on the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe';
import { CHROMIUM, HAVE_CHROMIUM, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

/** The test fixture with a cyber countermeasure anyone may take at once: rung 7, beyond "don't rock the boat", with notice or urgency. */
function scenarioText(): string {
  const scenario = fixtureScenario({ teams: 2, rounds: 2 }) as { actions: Record<string, unknown>[] };
  scenario.actions.push({
    id: 'hack-back',
    name: 'Cyber countermeasure',
    description: 'Disrupt the infrastructure behind the leak.',
    category: 'cyber',
    severity: 7,
    rung: 7,
    reversibility: 0.5,
    minConfidence: 'none',
    targetsIncident: false,
    spillover: 'low',
    responseType: 'countermeasure',
    procedures: ['notice', 'urgent', 'oversight'],
    cost: { capital: 1 },
  });
  scenario.actions.push({
    id: 'expel',
    name: 'Expel intelligence officers',
    description: 'Declare officers persona non grata.',
    category: 'diplomatic',
    severity: 4,
    rung: 4,
    reversibility: 0.5,
    minConfidence: 'high',
    requiresStateAttribution: true,
    targetsIncident: true,
    spillover: 'low',
    responseType: 'retorsion',
    cost: { capital: 2 },
  });
  return JSON.stringify(scenario);
}

describe.skipIf(!HAVE_CHROMIUM)('the team screen', () => {
  let rig: BrowserRig;
  let facilitator: TestClient;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-team-');
    facilitator = await TestClient.connect(rig.base, 'facilitator');
    const created = await facilitator.create({ scenarioText: scenarioText(), seed: 'team-screen', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await howToPlaySeen(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${rig.base}/join/${created.codes.teams['atlantia']}`);
    await page.getByLabel('Your name').first().fill('Ada Atlantia');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    await page.getByRole('heading', { name: 'Actions you can take' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    facilitator?.close();
    await rig?.close();
  }, 60_000);

  it('puts the actions first, grouped by instrument, with unavailable ones folded behind a count and their reasons', async () => {
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.indexOf('Actions you can take')).toBeLessThan(headings.findIndex((h) => h.startsWith('Our plan')));
    expect(headings.indexOf('Actions you can take')).toBeLessThan(headings.indexOf('The board'));
    // The catalogue's heading is on the first screen at 1366×768.
    const top = await page.locator('#catalogue-h').evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeLessThan(768 / 2);
    const instruments = await page.locator('.catalogue h3.instrument').allInnerTexts();
    expect(instruments.map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['cyber', 'resilience']));
    // Targeted actions need an incident, and none has come to light: folded, with the reason in view once unfolded.
    const folded = page.locator('.catalogue details.unavailable');
    expect(await folded.locator(':scope > summary').innerText()).toMatch(/^\d+ actions? (is|are) unavailable now/);
    expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await folded.locator(':scope > summary').click();
    expect(await folded.locator('.why-not').first().innerText()).not.toBe('');
    await folded.locator(':scope > summary').click();
  }, 60_000);

  it('filters by instrument and searches by words', async () => {
    await page.getByLabel('Instrument').selectOption('cyber');
    await expect.poll(() => page.locator('.catalogue .action-name').allInnerTexts(), SLOW).toEqual(['Cyber countermeasure']);
    await page.getByLabel('Instrument').selectOption('');
    await page.getByLabel('Search').fill('election');
    await expect.poll(() => page.locator('.catalogue .action-name').allInnerTexts(), SLOW).toEqual(['Resilience assistance']);
    await page.getByLabel('Search').fill('');
    await expect.poll(() => page.locator('.catalogue .action-name').count(), SLOW).toBeGreaterThan(1);
  }, 60_000);

  it('never lets prior notice and urgent be chosen together', async () => {
    const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: 'Cyber countermeasure' }) });
    await item.locator('summary').click();
    const form = page.getByRole('form', { name: 'Draft: Cyber countermeasure' });
    const notice = form.getByRole('checkbox', { name: /^Prior notice/ });
    const urgent = form.getByRole('checkbox', { name: /^Urgent/ });
    await notice.check();
    expect(await urgent.isDisabled()).toBe(true);
    expect(await form.locator('.excluded').allInnerTexts()).toContain('Not with “Prior notice”.');
    await notice.uncheck();
    expect(await urgent.isDisabled()).toBe(false);
    await urgent.check();
    expect(await notice.isDisabled()).toBe(true);
    expect(await notice.isChecked()).toBe(false);
  }, 60_000);

  it('shows the plan with each decision’s rung, cost and estimate, and what it crosses as a whole', async () => {
    const form = page.getByRole('form', { name: 'Draft: Cyber countermeasure' });
    await form.getByLabel('Rationale: why this, why now').fill('Stop the leaks at the source.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await expect.poll(() => page.locator('.plan-list').innerText(), SLOW).toContain('Stop the leaks at the source.');
    const item = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: 'Cyber countermeasure' }) });
    // Not a warning: the action stays among those available, marked as in the plan.
    expect(await item.locator('.badge--no').count()).toBe(0);
    expect(await item.locator('.badge--plan').innerText()).toContain('In your plan');
    const plan = page.locator('.plan');
    await expect.poll(() => plan.locator('.plan-facts').innerText(), SLOW).toMatch(/Rung 7: .*1 political capital.*Estimate \d+\/100/s);
    const whole = await plan.locator('.whole-plan').innerText();
    expect(whole).toMatch(/highest rung 7/);
    expect(whole).toContain("Crosses the “don't rock the boat” threshold");
    expect(await axeSerious(page)).toEqual([]);
  }, 60_000);

  it('asks before locking a plan that crosses a threshold, naming why; then focuses Unlock', async () => {
    await page.getByRole('button', { name: 'Lock our decisions' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Lock this plan anyway?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("It crosses the “don't rock the boat” threshold.");
    // The countermeasure's estimate is below 50: the dialog names that too.
    expect(await dialog.innerText()).toMatch(/Cyber countermeasure is estimated at \d+\/100, below 50: likely to be judged disproportionate\./);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-lock-h');
    expect(await axeSerious(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep changing the plan' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lock-button');
    expect((await facilitator.waitForView((v) => v.teams.length > 0)).teams.find((t) => t.id === 'atlantia')!.locked).toBe(false);

    await page.getByRole('button', { name: 'Lock our decisions' }).click();
    await page.getByRole('button', { name: 'Lock anyway' }).click();
    await expect.poll(() => page.locator('.lock-box').innerText(), SLOW).toContain('Our decisions are locked.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), SLOW).toBe('unlock-button');
    await page.getByRole('button', { name: 'Unlock to change' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), SLOW).toBe('lock-button');
  }, 60_000);

  it('keeps the rationale of a withdrawn decision for a re-add', async () => {
    await page.getByRole('button', { name: /Withdraw/ }).click();
    await expect.poll(() => page.locator('.plan .empty').count(), SLOW).toBe(1);
    const form = page.getByRole('form', { name: 'Draft: Cyber countermeasure' });
    expect(await form.getByLabel('Rationale: why this, why now').inputValue()).toBe('Stop the leaks at the source.');
  }, 60_000);

  it('says what each way of taking an action does, on the buttons themselves', async () => {
    /** The text a screen reader reads after a button's name: its aria-describedby targets. */
    const description = (button: ReturnType<Page['getByRole']>) =>
      button.evaluate((b) => (b.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    const own = page.getByRole('form', { name: 'Draft: Cyber countermeasure' });
    expect(await own.getByRole('button', { name: 'Add to our plan' }).isVisible()).toBe(true);
    expect(await description(own.getByRole('button', { name: 'Add to our plan' }))).toContain('your government alone takes it when the plan locks');
    // Not joinable: no proposal to offer, and no word of one.
    expect(await own.getByRole('button', { name: 'Propose to the coalition' }).count()).toBe(0);
    expect(await description(own.getByRole('button', { name: 'Add to our plan' }))).not.toContain('Propose');
    // A joinable action (folded among the unavailable until an incident comes to light) offers both, each explained.
    const folded = page.locator('.catalogue details.unavailable');
    await folded.locator(':scope > summary').click();
    const warning = page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: 'Private warning' }) });
    await warning.locator(':scope > details > summary').click();
    const joint = page.getByRole('form', { name: 'Draft: Private warning' });
    const propose = joint.getByRole('button', { name: 'Propose to the coalition' });
    expect(await description(propose)).toContain('every ally is asked to join it; acting together weighs more');
    expect(await description(joint.getByRole('button', { name: 'Add to our plan' }))).toContain('your government alone takes it');
    await warning.locator(':scope > details > summary').click();
    await folded.locator(':scope > summary').click();
  }, 60_000);

  it('puts Lock after the actions in the tab order', async () => {
    const order = await page.evaluate(() => {
      const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
        (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0,
      );
      return {
        positive: focusable.filter((el) => el.tabIndex > 0).length,
        lock: focusable.findIndex((el) => el.id === 'lock-button'),
        lastAction: Math.max(...focusable.map((el, i) => (el.closest('.catalogue') ? i : -1))),
      };
    });
    // No positive tabindex: the tab order is the document's order.
    expect(order.positive).toBe(0);
    expect(order.lastAction).toBeGreaterThan(0);
    expect(order.lock).toBeGreaterThan(order.lastAction);
    // From the last control of the catalogue, Tab reaches Lock before anything of the board or the briefing.
    await page.evaluate(() => {
      const inCatalogue = [...document.querySelectorAll<HTMLElement>('.catalogue a[href], .catalogue button, .catalogue input, .catalogue select, .catalogue textarea, .catalogue summary')].filter(
        (el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled,
      );
      inCatalogue.at(-1)!.focus();
    });
    let reached = '';
    for (let step = 0; step < 40 && reached !== 'lock-button'; step++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        if (el.id === 'lock-button') return 'lock-button';
        return el.closest('.board, .situation, .briefing, #board-h, aside') ? 'board' : '';
      });
      expect(reached).not.toBe('board');
    }
    expect(reached).toBe('lock-button');
  }, 60_000);
});
