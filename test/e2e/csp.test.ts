/**
 * The browser boundary in Chromium, against the real server and the built
 * client: every page and file carries the security headers, and the app
 * works under its strict Content-Security-Policy (no inline script, no eval,
 * no inline style) with no violation reported: the start page, creating an
 * exercise, a team screen with the Phaser board, and the debrief's charts.
 * What Chromium received was compressed and cacheable: hashed files in
 * brotli for a year, pages revalidated, the board's chunk under 400 KB.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (skipped without it on a
 * developer's machine, failing under CI, like the other browser tests).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/boundary';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, howToPlaySeen, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SLOW = { timeout: 20_000, interval: 100 };

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

describe.skipIf(!HAVE_CHROMIUM)('the app under its Content-Security-Policy', () => {
  let rig: BrowserRig;
  let base = '';
  const contexts: BrowserContext[] = [];
  /** Every CSP violation and console error any page reported. */
  const violations: string[] = [];
  const responses: { url: string; headers: Record<string, string>; response: Response }[] = [];

  async function open(label: string): Promise<Page> {
    const context = await rig.browser.newContext({ viewport: { width: 1366, height: 900 } });
    await howToPlaySeen(context);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content.Security.Policy/i.test(msg.text())) violations.push(`${label} console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => violations.push(`${label} page error: ${err.message}`));
    page.on('response', (response) => {
      if (response.url().startsWith(base)) responses.push({ url: response.url(), headers: response.headers(), response });
    });
    // securitypolicyviolation events carry what the console may summarise.
    await page.exposeFunction('reportViolation', (text: string) => violations.push(`${label} violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    return page;
  }

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-csp-');
    base = rig.base;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it('creates an exercise, shows a team the board and everyone the charts, with no violation', async () => {
    const fac = await open('facilitator');
    await fac.goto(`${base}/`);
    await fac.locator('input[name="scenario"]:not(#sc-upload)').first().waitFor();
    await fac.locator('#fac-name').fill('Fran Facilitator');
    await fac.locator('input[name="scenario"]:not(#sc-upload)').first().check();
    await fac.getByRole('button', { name: 'Open the exercise' }).click();
    await fac.waitForURL(/\/facilitate\//);
    const code = await fac.locator('.code-row .code').first().innerText();

    const team = await open('team');
    await team.goto(`${base}/join/${code}`);
    await team.getByLabel('Your name').first().fill('Tess Team');
    await team.getByRole('button', { name: 'Join', exact: true }).click();
    await team.waitForURL(/\/play\//);

    await facilitatorStep(fac, 'Start the exercise');
    await fac.getByRole('button', { name: 'Begin round 1' }).click();
    await team.getByRole('heading', { name: 'Actions you can take' }).waitFor();
    // Phaser draws the board into a canvas: it ran under the policy.
    await team.locator('.board-wrap canvas').waitFor();
    await expect
      .poll(() => team.locator('.swatch').evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor)), SLOW)
      .not.toContain('rgba(0, 0, 0, 0)');

    // A resolved round gives the debrief something to chart.
    await facilitatorStep(fac, 'Resolve round 1 now');
    await expect.poll(() => team.locator('body').innerText(), SLOW).toMatch(/Results of round 1|Round 1 resolved|results/i);
    await fac.locator('summary', { hasText: 'End the exercise early' }).click();
    await fac.locator('#end-reason').fill('Checking the charts');
    await fac.getByRole('button', { name: 'End the exercise now' }).click();
    await fac.getByRole('button', { name: 'Yes, end it now' }).click();
    // Chart.js draws the debrief's charts into canvases.
    await team.locator('.chart-box canvas').first().waitFor();
    await fac.locator('.chart-box canvas').first().waitFor();

    expect(violations).toEqual([]);
  }, 120_000);

  it('served every page, script, style and socket.io response with the security headers', () => {
    const kinds = new Set(responses.map((r) => (r.url.includes('/socket.io/') ? 'socket.io' : r.url.replace(/[?#].*$/, '').split('.').pop())));
    expect(kinds.has('js')).toBe(true);
    expect(kinds.has('css')).toBe(true);
    for (const { url, headers } of responses) {
      expect(headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['x-frame-options'], url).toBe('DENY');
      expect(headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  it("gave Chromium the hashed scripts and styles brotli-compressed to keep for a year, the page to revalidate, and the board's chunk under 400 KB", async () => {
    const assets = responses.filter((r) => /\/assets\/[^/]+-[\w-]{8}\.(js|css)$/.test(new URL(r.url).pathname));
    expect(assets.length).toBeGreaterThan(3);
    for (const { url, headers } of assets) {
      // Files under 1 KB are sent as they are: compressing them saves nothing.
      const raw = statSync(join(ROOT, 'dist', new URL(url).pathname)).size;
      expect(headers['content-encoding'], url).toBe(raw < 1024 ? undefined : 'br');
      expect(headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    const pages = responses.filter((r) => /^\/(play|facilitate|join)\/|^\/$/.test(new URL(r.url).pathname) && (r.headers['content-type'] ?? '').startsWith('text/html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const { url, headers } of pages) expect(headers['cache-control'], url).toBe('no-cache');
    const board = assets.find((r) => /\/assets\/board-[\w-]+\.js$/.test(r.url));
    expect(board, 'the board chunk was loaded').toBeDefined();
    // What crossed the wire, compressed: well under the 400 KB a gzip copy may take.
    const sizes = await board!.response.request().sizes();
    expect(sizes.responseBodySize).toBeGreaterThan(0);
    expect(sizes.responseBodySize).toBeLessThan(400 * 1024);
  });
});
