/**
 * `node --import tsx scripts/screenshots-adversaries.ts [folder]`: plays the
 * two-adversaries fixture (test/fixtures/two-adversaries.json) in Chromium
 * against the real server, with a facilitator, the United States and a red
 * cell, and photographs the red cell's screen, its board, the console's
 * posture override and a team's board at 1366×768, 1920×1080 and 390×844
 * (default folder test-results/screens-adversaries/). Look at them after
 * every visible change to how adversaries are shown.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { facilitatorStep, howToPlaySeen, joinWithCode, openExerciseAsFacilitator, startBrowserRig } from '../test/helpers/browser';
import { ROOT } from '../test/helpers/server';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

const out = resolve(process.argv[2] ?? join(ROOT, 'test-results', 'screens-adversaries'));

async function shoot(page: Page, name: string, element: string | null = null): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(700);
    const path = join(out, `${name}@${size.width}.png`);
    if (element) await page.locator(element).first().screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize(SIZES[0]);
  console.log(`  ${name}`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const scenarios = mkdtempSync(join(tmpdir(), 'firebreak-shots-adversaries-'));
  copyFileSync(join(ROOT, 'test/fixtures/two-adversaries.json'), join(scenarios, 'two-adversaries.json'));
  const rig = await startBrowserRig('firebreak-shots-adversaries-', scenarios);
  try {
    const open = async () => {
      const context = await rig.browser.newContext({ viewport: SIZES[0] });
      await howToPlaySeen(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
      return page;
    };
    const fac = await open();
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'two-adversaries');
    const usa = await open();
    await joinWithCode(usa, rig.base, codes['United States']!, 'US lead');
    const red = await open();
    await joinWithCode(red, rig.base, codes['Red cell']!, 'Red');
    await facilitatorStep(fac, 'Start the exercise');
    await facilitatorStep(fac, 'Begin round 1');
    await red.locator('.redcell-moves[data-adversary="crew"]').waitFor();

    // Round 1: the red cell holds the crew back, the United States strikes the crew's servers.
    const crew = red.locator('.redcell-moves[data-adversary="crew"]');
    await crew.getByLabel(/Hold back/).check();
    await crew.getByRole('button', { name: /Choose for Ransom crew/ }).click();
    await crew.getByText('You hold back this round.').waitFor();
    await shoot(red, 'redcell-round1');

    const item = usa.locator('li.action').filter({ has: usa.locator('.action-name', { hasText: "Disrupt the crew's servers" }) }).first();
    await item.locator('summary').click();
    const form = usa.getByRole('form', { name: "Draft: Disrupt the crew's servers" });
    await form.getByLabel('Incident').selectOption('ransomware');
    await form.getByLabel('Rationale: why this, why now').fill('Take their servers down.');
    await form.getByRole('button', { name: 'Add to our plan' }).click();
    await form.locator('.answer').getByText('Added to your plan.').waitFor();
    await facilitatorStep(fac, 'Resolve round 1 now');
    await fac.getByRole('button', { name: 'Open round 2' }).waitFor();
    await facilitatorStep(fac, 'Open round 2');
    await red.locator('.redcell-moves[data-adversary="crew"] .choice').first().waitFor();
    await red.waitForTimeout(1500);
    await shoot(red, 'redcell-round2');
    await shoot(red, 'redcell-crew-moves', '.redcell-moves[data-adversary="crew"]');
    await shoot(red, 'redcell-board', 'section.board');
    await shoot(usa, 'team-board', 'section.board');

    // The console's override form, with its adversary choice.
    await fac.locator('#override-h').click();
    await fac.locator('#ov-kind-posture').check();
    await fac.locator('#ov-adversary').selectOption('crew');
    await shoot(fac, 'console-override', 'section[aria-labelledby="override-h"]');
    await shoot(fac, 'console-board', 'section.board');

    for (const language of ['fr', 'de'] as const) {
      await red.locator('select.lang').first().selectOption(language);
      await red.locator(`html[lang="${language}"]`).waitFor();
      await red.waitForTimeout(800);
      await shoot(red, `redcell-board-${language}`, 'section.board');
    }
  } finally {
    await rig.close();
    rmSync(scenarios, { recursive: true, force: true });
  }
}

await main();
