/**
 * For browser tests: Debian's Chromium, the built client (built when missing
 * or older than its sources), and the real server serving it with the
 * shipped scenarios from a temporary data folder.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server';
import { ROOT } from './server';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function builtIsFresh(): boolean {
  const built = newest(join(ROOT, 'dist', 'index.html'));
  const sources = Math.max(...['src/client', 'src/engine', 'src/protocol', 'public', 'vite.config.ts', 'package.json'].map((p) => newest(join(ROOT, p))));
  return built > sources;
}

/**
 * Builds the client when dist/ is missing or older than its sources. Test
 * files run in parallel processes, and a build empties dist/ first: one
 * process builds, holding a lock file; the others wait for it, then find
 * dist/ fresh. A lock left by a process that died is taken over.
 */
export async function ensureBuilt(): Promise<void> {
  if (builtIsFresh()) return;
  const lock = join(tmpdir(), `firebreak-client-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 16)}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (lockAbandoned(lock)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another test process has held the client build's lock (${lock}) for 10 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    if (builtIsFresh()) return; // built by the process that held the lock before
    await new Promise<void>((resolve, reject) => {
      const build = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      build.once('error', reject);
      build.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit ${code}`})`))));
    });
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Whether the build lock's holder is gone: its process has died, or it never wrote its id (10 s on). Gone already: true. */
function lockAbandoned(lock: string): boolean {
  try {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (!holder) return Date.now() - statSync(lock).mtimeMs > 10_000;
    process.kill(holder, 0);
    return false;
  } catch (err) {
    // ENOENT: released meanwhile; ESRCH: no such process; EPERM: alive, someone else's.
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

export interface BrowserRig {
  server: RunningServer;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

/** Builds the client if needed, starts the server on it and launches Chromium. */
/** `scenariosDir`: the folder of scenarios the server offers (the shipped ones by default). */
export async function startBrowserRig(prefix = 'firebreak-e2e-', scenariosDir = join(ROOT, 'scenarios')): Promise<BrowserRig> {
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir,
    distDir: join(ROOT, 'dist'),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    server,
    browser,
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A rig that offers the scenarios `write` puts into a fresh temporary folder
 * (a shipped scenario edited for a test); closing it removes the folder too.
 */
export async function startRigWithScenarios(prefix: string, write: (dir: string) => void): Promise<BrowserRig> {
  const scenariosDir = mkdtempSync(join(tmpdir(), `${prefix}scenarios-`));
  write(scenariosDir);
  const rig = await startBrowserRig(prefix, scenariosDir);
  return {
    ...rig,
    async close() {
      await rig.close();
      rmSync(scenariosDir, { recursive: true, force: true });
    },
  };
}

/**
 * Clicks one of the console's phase steps ("Start the exercise", "Resolve
 * round 1 now"…), confirming it when the console asks first (empty seats,
 * teams that have not locked). `name` null: the first step on offer.
 */
export async function facilitatorStep(page: Page, name: string | RegExp | null): Promise<void> {
  const button = name ? page.getByRole('button', { name, exact: typeof name === 'string' }) : page.locator('.controls .btn--primary').first();
  await button.click();
  const confirm = page.locator('.controls [role="alertdialog"]');
  if (!(await confirm.count())) return;
  // Before the start, seats nobody took stay open (as they were before the choice existed); then go ahead.
  for (const open of await confirm.getByRole('radio', { name: /Leave the seat open/ }).all()) await open.check();
  await confirm.locator('.row .btn').first().click();
}

/**
 * A seat's page in a context of its own at 1366×768, with how to play already
 * seen; the context joins `contexts` (to close after the suite) and the page's
 * uncaught errors join `errors`, prefixed with `label`.
 */
export async function openSeatPage(browser: Browser, contexts: BrowserContext[], errors: string[], label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await howToPlaySeen(context);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => errors.push(`${label}: ${err.message}`));
  return page;
}

/**
 * The facilitator's step (facilitatorStep; `label` null: the first on offer),
 * then a wait until the console's status line has changed, or is gone (the
 * debrief has none). While waiting, the line is read as it is at that moment:
 * innerText() would wait out its whole timeout for a line that has gone.
 */
export async function advanceConsole(fac: Page, label: string | RegExp | null): Promise<void> {
  const line = fac.locator('.status-line');
  const before = await line.innerText().catch(() => '');
  await facilitatorStep(fac, label);
  const now = async () => {
    const texts = await line.allInnerTexts();
    return texts.length === 1 ? texts[0]! : 'gone';
  };
  await expect.poll(async () => (await now()) !== before, { timeout: 20_000, interval: 100 }).toBe(true);
}

/**
 * Waits until a page has settled after its latest change: web fonts loaded,
 * every CSS transition and animation that ends has ended, and two frames
 * painted since.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const ending = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime));
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
}

/** Marks how to play as already seen in this context, for tests about other things (test/e2e/learning.test.ts covers the overlay). */
export async function howToPlaySeen(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => localStorage.setItem('firebreak.howToPlay.seen.v1', '1'));
}

/** Whether the page scrolls sideways at a phone's width (390 px); restores the viewport after. */
export async function scrollsSideways(page: Page, width = 390): Promise<boolean> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (before) await page.setViewportSize(before);
  return wide;
}

/** Opens a new exercise of a shipped (or rig) scenario from the start page as the facilitator; the join codes by seat label. */
export async function openExerciseAsFacilitator(page: Page, base: string, scenarioId: string): Promise<Record<string, string>> {
  await page.goto(`${base}/`);
  await page.locator('#fac-name').fill('Fran Facilitator');
  await page.locator(`#sc-${scenarioId}`).check();
  await page.getByRole('button', { name: 'Open the exercise' }).click();
  await page.waitForURL(/\/facilitate\//);
  await page.locator('.code-row .code').first().waitFor();
  const rows = await page.locator('.code-row').evaluateAll((els) =>
    els.map((el) => [el.querySelector('.code-head strong')!.textContent!, el.querySelector('.code')!.textContent!] as const),
  );
  return Object.fromEntries(rows);
}

/** Takes a seat with its join code under a name, and waits for the seat's screen. */
export async function joinWithCode(page: Page, base: string, code: string, name: string): Promise<void> {
  await page.goto(`${base}/join/${code}`);
  await page.getByLabel('Your name').first().fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/play\//);
}

/** Takes a seat as a person does: the join link, a name, Enter; resolves once the team screen is up. */
export async function joinThroughPage(page: Page, base: string, code: string, name: string): Promise<void> {
  await page.goto(`${base}/join/${code}`);
  await page.locator('#join-name').fill(name);
  await page.locator('#join-name').press('Enter');
  await page.waitForURL(/\/play\//);
  await page.locator('.topbar').waitFor();
}
