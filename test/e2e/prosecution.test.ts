/**
 * In Chromium, against the real server and the built client: in us-2016 the
 * United Kingdom finds that its courts cannot indict for the intrusion into
 * the party committee networks (no jurisdictional nexus), while the United
 * States proposes a joint investigation team on it, the United Kingdom joins,
 * and both then see the case and its one case file beside their attribution.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, startBrowserRig, type BrowserRig, openSeatPage, advanceConsole } from '../helpers/browser';

/** Waits for what a page shows: generous, since the browser shares the machine with other test files. */
const SLOW = { timeout: 20_000, interval: 100 };
const JIT = 'Join a joint investigation team';
const INDICT = 'Criminal indictment of named officers';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

describe.skipIf(!HAVE_CHROMIUM)('a joint investigation team in the browser', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let fac: Page;

  const open = (label: string): Promise<Page> => openSeatPage(browser, contexts, errors, label);


  async function join(code: string, name: string): Promise<Page> {
    const page = await open(name);
    await page.goto(`${rig.base}/join/${code}`);
    await page.getByLabel('Your name').first().fill(`${name} lead`);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/play\//);
    return page;
  }

  /** Clicks the facilitator's main control and waits for the status line to move on. */
  const advance = (label: string | RegExp): Promise<void> => advanceConsole(fac, label);


  const action = (page: Page, name: string) => page.locator('li.action').filter({ has: page.locator('.action-name', { hasText: name }) }).first();

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-prosecution-');
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('refuses an indictment without a nexus, and pools one case file for the allies who investigate together', async () => {
    fac = await open('facilitator');
    await fac.goto(`${rig.base}/`);
    await fac.locator('#fac-name').fill('Fran Facilitator');
    await fac.locator('#sc-us-2016').check();
    await fac.getByRole('button', { name: 'Open the exercise' }).click();
    await fac.waitForURL(/\/facilitate\//);
    await fac.locator('.code-row .code').first().waitFor();
    const rows = await fac.locator('.code-row').evaluateAll((els) =>
      els.map((el) => ({ label: el.querySelector('.code-head strong')!.textContent!, code: el.querySelector('.code')!.textContent! })),
    );
    const codeOf = (label: string) => rows.find((r) => r.label === label)!.code;
    const usa = await join(codeOf('United States'), 'United States');
    const uk = await join(codeOf('United Kingdom'), 'United Kingdom');

    await facilitatorStep(fac, 'Start the exercise');
    await advance('Begin round 1');
    await uk.getByRole('heading', { name: 'Actions you can take' }).waitFor();

    // The United Kingdom's courts have no nexus to an intrusion into American party networks.
    await expect.poll(() => action(uk, INDICT).locator('.why-not').textContent(), SLOW).toContain('The courts of United Kingdom have no jurisdiction over');

    // The United States proposes a joint investigation team; the United Kingdom joins it.
    const item = action(usa, JIT);
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: `Draft: ${JIT}` });
    await form.getByLabel('Rationale: why this, why now').fill('One case file with our closest ally.');
    await form.getByRole('button', { name: /Propose/ }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Proposed to the coalition');
    const proposal = uk.locator('li.proposal').filter({ hasText: JIT }).first();
    await proposal.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => proposal.innerText(), SLOW).toContain('Joined: it is in your plan.');

    await advance('Resolve round 1 now');
    for (const page of [usa, uk]) {
      await expect.poll(() => page.locator('.case-line').first().innerText(), SLOW).toContain('joint investigation team: United States, United Kingdom');
      expect(await page.locator('.case-line').first().innerText()).toMatch(/case file: \d+ evidence points/);
    }
    expect(errors).toEqual([]);
  }, 150_000);
});
