/**
 * Two layout promises, in Chromium against the real server: at 1920×1080 the
 * console shows what matters during a round on one screen (the controls and
 * clock, every team's state, the injects to release and the ad-hoc inject
 * form) with the join codes folded away; the drawn board is large enough
 * at 1366×768 for its smallest words to read at 14 px, and still fits a
 * 1080 px screen's height at 1920, with no word drawn over another; and the
 * tutorial's after-action report, short version, prints to fewer than 6 A4
 * pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startBrowserRig, type BrowserRig } from '../helpers/browser';
import { TestClient } from '../helpers/client';
import { fixtureScenario } from '../helpers/scenario';
import { H, SMALLEST_TEXT, W } from '../../src/client/board/size';

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

const SLOW = { timeout: 20_000, interval: 100 };

describe.skipIf(!HAVE_CHROMIUM)('layout', () => {
  let rig: BrowserRig;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-layout-');
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await rig?.close();
  }, 60_000);

  async function facilitatorPage(exerciseId: string, credential: string, path: string, viewport = { width: 1920, height: 1080 }, initScript?: () => void): Promise<Page> {
    const context = await rig.browser.newContext({ viewport });
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${rig.base}/`);
    await page.evaluate((seat) => localStorage.setItem('firebreak.seats.v1', JSON.stringify([seat])), {
      exerciseId, credential, role: 'facilitator', team: null, name: 'Fran', seatId: 'fac', title: 'Layout', savedAt: Date.now(),
    });
    await page.goto(`${rig.base}${path}`);
    return page;
  }

  it('fits the console of a running round on one 1920×1080 screen', async () => {
    const facilitator = await TestClient.connect(rig.base, 'facilitator');
    clients.push(facilitator);
    const created = await facilitator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 3, rounds: 2 })), seed: 'layout', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    for (const [team, code] of Object.entries(created.codes.teams)) {
      const player = await TestClient.connect(rig.base, team);
      clients.push(player);
      await player.join(code, `${team} lead`);
    }
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    const page = await facilitatorPage(created.exerciseId, created.facilitatorCredential, `/facilitate/${created.exerciseId}`);
    await page.getByRole('button', { name: 'Resolve round 1 now' }).waitFor();
    await expect.poll(() => page.locator('.codes summary').innerText(), SLOW).toContain('Every team has someone in');
    expect(await page.locator('.codes details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const inView = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 1080 && box.x >= 0 && box.x + box.width <= 1920;
    };
    // Without scrolling: the controls and the clock, every team's card, the upcoming injects and the ad-hoc inject form's heading.
    for (const selector of ['.controls', '.teams-live', '.topbar .clock', '#upcoming-h', '#adhoc-h', '.codes']) {
      expect(await inView(selector), `${selector} in view`).toBe(true);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: 'test-results/screens/console-round@1920.png' });
  }, 120_000);

  it('draws the board so that its smallest words read at 14 px or more at 1366 wide, and fit a 1080 px screen at 1920', async () => {
    const facilitator = await TestClient.connect(rig.base, 'facilitator');
    clients.push(facilitator);
    const created = await facilitator.create({ scenarioText: JSON.stringify(fixtureScenario({ teams: 2, rounds: 2 })), seed: 'board-size', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const page = await facilitatorPage(created.exerciseId, created.facilitatorCredential, `/facilitate/${created.exerciseId}`, viewport);
      const canvas = page.locator('.board-wrap canvas');
      await canvas.waitFor();
      await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0, SLOW).toBeGreaterThan(100);
      const box = (await canvas.boundingBox())!;
      expect((box.width / W) * SMALLEST_TEXT, `smallest text at ${viewport.width}`).toBeGreaterThanOrEqual(14);
      expect(box.height, `board height at ${viewport.width}`).toBeLessThanOrEqual(viewport.height);
      expect(box.width / box.height).toBeCloseTo(W / H, 1);
      // Nothing sideways: the board's row stays inside the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await canvas.scrollIntoViewIfNeeded();
      // The sticky side column stays in its own row: it never slides over the board.
      const side = (await page.locator('.col-side').boundingBox())!;
      const drawn = (await canvas.boundingBox())!;
      expect(side.y + side.height <= drawn.y || side.x >= drawn.x + drawn.width, 'side column clear of the board').toBe(true);
      await page.screenshot({ path: `test-results/screens/console-board@${viewport.width}.png` });
      await page.context().close();
    }
  }, 120_000);

  it("prints the tutorial's short report on fewer than 6 A4 pages", async () => {
    const facilitator = await TestClient.connect(rig.base, 'tutorial facilitator');
    clients.push(facilitator);
    const created = await facilitator.create({ scenarioId: 'tutorial', seed: 'short-report', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    for (const team of facilitator.view!.teams) await facilitator.must({ type: 'seatBot', team: team.id, policy: 'coalition-follower' });
    await facilitator.must({ type: 'startExercise' });
    const rounds = facilitator.view!.scenario.rounds.length;
    for (let round = 1; round <= rounds; round++) {
      await facilitator.must({ type: 'advance' });
      await facilitator.waitForView((v) => (v.phase === 'results' && v.round === round) || v.phase === 'debrief', `round ${round} resolved by the bots`);
      if (facilitator.view!.phase === 'debrief') break;
    }
    if (facilitator.view!.phase !== 'debrief') await facilitator.must({ type: 'advance' });
    await facilitator.waitForView((v) => v.phase === 'debrief', 'the debrief');

    const page = await facilitatorPage(created.exerciseId, created.facilitatorCredential, `/report/${created.exerciseId}`, { width: 1366, height: 768 });
    await page.locator('.report[data-ready="true"][data-version="short"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: 'test-results/tutorial-short-report.pdf' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(6);
  }, 180_000);

  it("draws no word of the board over another: us-2016's five capitals, its ladder and its titles stand clear", async () => {
    const facilitator = await TestClient.connect(rig.base, 'facilitator-labels');
    clients.push(facilitator);
    const created = await facilitator.create({ scenarioId: 'us-2016', seed: 'labels', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    const page = await facilitatorPage(created.exerciseId, created.facilitatorCredential, `/facilitate/${created.exerciseId}`, { width: 1366, height: 768 }, recordTextDraws);
    await page.locator('.board-wrap canvas').waitFor();
    // The board sleeps once drawn: wait until nothing has been drawn for a second.
    let last = -1;
    await expect
      .poll(async () => {
        const count = await page.evaluate(() => (window as unknown as { __textDraws: unknown[] }).__textDraws.length);
        const settled = count > 0 && count === last;
        last = count;
        return settled;
      }, { timeout: 30_000, interval: 1000 })
      .toBe(true);
    const boxes = await page.evaluate(() => {
      const draws = (window as unknown as { __textDraws: { frame: number; x: number; y: number; w: number; h: number }[] }).__textDraws;
      const frame = Math.max(...draws.map((d) => d.frame));
      return draws.filter((d) => d.frame === frame);
    });
    // Each capital's name and city, the ladder's rungs, the titles: many words, drawn by the canvas renderer.
    expect(boxes.length).toBeGreaterThan(15);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        // A pixel of anti-aliasing either way is not an overlap.
        if (w > 1 && h > 1) overlaps.push(`${JSON.stringify(a)} and ${JSON.stringify(b)}`);
      }
    }
    expect(overlaps).toEqual([]);
    await page.context().close();
  }, 120_000);
});

/**
 * Runs in the page before its scripts: records where each word of the board
 * lands. The board's canvas renderer draws every text as an image of its own
 * canvas (its shapes are paths), so each drawImage from a canvas onto the
 * board's canvas is one text; its box is taken in the board canvas's pixels,
 * through the transform in force, with the animation frame it belongs to.
 */
function recordTextDraws(): void {
  const w = window as unknown as { __textDraws: { frame: number; x: number; y: number; w: number; h: number }[]; __frame: number };
  w.__textDraws = [];
  w.__frame = 0;
  const tick = () => {
    w.__frame++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const original = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    const source = args[0];
    if (source instanceof HTMLCanvasElement && this.canvas.isConnected && this.canvas.closest('.board-wrap')) {
      const [dx, dy, dw, dh] = (args.length >= 9 ? args.slice(5, 9) : [args[1], args[2], source.width, source.height]) as [number, number, number, number];
      const m = this.getTransform();
      const corners = [
        [dx, dy],
        [dx + dw, dy],
        [dx, dy + dh],
        [dx + dw, dy + dh],
      ].map(([x, y]) => [m.a * x! + m.c * y! + m.e, m.b * x! + m.d * y! + m.f]);
      const xs = corners.map((c) => c[0]!);
      const ys = corners.map((c) => c[1]!);
      if (this.globalAlpha > 0) w.__textDraws.push({ frame: w.__frame, x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
    }
    return (original as (...a: unknown[]) => void).apply(this, args);
  } as typeof original;
}
