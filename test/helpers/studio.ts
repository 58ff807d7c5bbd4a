/**
 * Firebreak Studio under test: a Chromium context that records every
 * Content-Security-Policy violation, console error and page error, with
 * clipboard access for pasting drafts, and the controls the tests read.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserRig } from './browser';

export const STUDIO_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];

export interface StudioContext {
  context: BrowserContext;
  page: Page;
  /** What went wrong in any page of the context: CSP violations, console errors, page errors. */
  violations: string[];
  /** Records a page's console errors and page errors under `label` (the first page is watched already). */
  watch(page: Page, label: string): void;
}

export async function studioContext(rig: BrowserRig): Promise<StudioContext> {
  const violations: string[] = [];
  const context = await rig.browser.newContext({ viewport: STUDIO_SIZES[0], acceptDownloads: true });
  await context.exposeFunction('reportViolation', (text: string) => violations.push(`violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const watch = (p: Page, label: string) => {
    p.on('console', (msg) => {
      if (msg.type() === 'error' || /Content.Security.Policy/i.test(msg.text())) violations.push(`${label} console ${msg.type()}: ${msg.text()}`);
    });
    p.on('pageerror', (err) => violations.push(`${label} page error: ${err.message}`));
  };
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  watch(page, 'studio');
  return { context, page, violations, watch };
}

/** The problem summary, the editor, and pasting a whole draft over the current one, as an author would. */
export function studioControls(page: Page) {
  const editor = () => page.locator('.cm-content');
  return {
    summary: () => page.getByTestId('problem-summary').innerText(),
    editor,
    async replaceDraft(text: string): Promise<void> {
      await editor().click();
      await page.keyboard.press('Control+A');
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+V');
    },
  };
}
