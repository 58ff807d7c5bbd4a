/**
 * French in Chromium, against the real server and the shipped tutorial,
 * where English used to be: the course page's chrome (headings, buttons,
 * the timetable's columns and timings, the rubric's labels), and on
 * Estonia's team screen the norms panel (its labels with the French colon,
 * the protected target's words), the outcome of raising the attacks at the
 * UN, and the round's headlines. The author's words stay as written.
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Without it the suite is
 * skipped on a developer's machine, and fails when CI is set.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, facilitatorStep, howToPlaySeen, joinWithCode, openExerciseAsFacilitator, startBrowserRig, type BrowserRig } from '../helpers/browser';

const SLOW = { timeout: 20_000, interval: 100 };
const RAISE = 'Raise the attacks at the United Nations';
/** The narrow no-break space French puts before a colon. */
const NNBSP = '\u202f';

if (!HAVE_CHROMIUM && process.env.CI) {
  throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`);
}

describe.skipIf(!HAVE_CHROMIUM)('French where English was: the course page and the norms track', () => {
  let rig: BrowserRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function open(label: string, locale: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
    await howToPlaySeen(context);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => errors.push(`${label}: ${err.message}`));
    return page;
  }

  beforeAll(async () => {
    rig = await startBrowserRig('firebreak-french-');
    browser = rig.browser;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await rig?.close();
  }, 60_000);

  it("shows the tutorial's course page in French, the author's words as written", async () => {
    const page = await open('course', 'fr-FR');
    await page.goto(`${rig.base}/course/tutorial`);
    await page.locator('#course-guide-h').waitFor();
    const text = await page.locator('body').innerText();
    for (const french of ["Guide de l'animateur", 'Imprimer ou enregistrer en PDF', 'Document des participants seulement', 'Lectures', 'Questions', "Grille d'évaluation", "Objectifs d'apprentissage", 'Horaire', 'Déroulement', 'Niveau', ' min']) {
      expect(text, french).toContain(french);
    }
    for (const english of ["Instructor's guide", 'Print or save as PDF', "Participants' handout", 'Reading list', 'Rubric', 'Learning objective', 'What happens', 'Rounds and clock', 'Before the session', 'What it looks like', 'Look for', 'Why:', 'Start page', 'Exemplary', 'Proficient', ' min a round']) {
      expect(text, english).not.toContain(english);
    }
    expect(await page.title()).toMatch(/^Supports de cours/);
    // The handout, in French too.
    await page.getByRole('button', { name: 'Document des participants seulement' }).click();
    await expect.poll(() => page.locator('.kicker').textContent(), SLOW).toContain('Document des participants');
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows Estonia's norms panel, the raise's outcome and the round's headlines in French", async () => {
    const fac = await open('facilitator', 'en-GB');
    const codes = await openExerciseAsFacilitator(fac, rig.base, 'tutorial');
    const est = await open('Estonia', 'en-GB');
    await joinWithCode(est, rig.base, codes['Estonia']!, 'Estonia lead');
    // The player chooses French in the top bar.
    await est.locator('.topbar select').first().selectOption('fr');
    await est.locator('html[lang="fr"]').waitFor();

    await facilitatorStep(fac, 'Start the exercise');
    await facilitatorStep(fac, 'Begin round 1');
    await est.getByRole('heading', { name: 'Actions possibles' }).waitFor();

    const panel = () => est.locator('section.norms').innerText();
    await expect.poll(panel, SLOW).toContain(`Processus normatif${NNBSP}:`);
    expect(await panel()).toContain('les banques et les services financiers');
    expect(await panel()).not.toContain('banks and financial services');
    await expect.poll(() => est.locator('.norms-struck').first().innerText(), SLOW).toContain('les banques et les services financiers');

    const item = est.locator('li.action').filter({ has: est.locator('.action-name', { hasText: RAISE }) }).first();
    await item.locator('summary').click();
    const form = est.getByRole('form', { name: `Projet : ${RAISE}` });
    await form.getByLabel('Incident').selectOption('ddos').catch(() => {});
    await form.getByLabel('Justification : pourquoi cela, pourquoi maintenant').fill('Les banques ont été frappées : portons-le devant l’ONU.');
    await form.getByRole('button', { name: 'Ajouter à notre plan' }).click();
    await expect.poll(() => form.locator('.answer').innerText(), SLOW).toContain('Ajoutée à votre plan.');

    await facilitatorStep(fac, 'Resolve round 1 now');
    const results = () => est.locator('.results').innerText();
    await expect.poll(results, SLOW).toContain('comme une violation de UN GGE 2015 norm 13(f)');
    const shown = await results();
    expect(shown).toContain('les banques et les services financiers');
    expect(shown).not.toContain('as a violation of');
    expect(shown).not.toContain('Discussion there takes time');
    // The report the raise delivers to the feed: its title and text in French.
    await expect.poll(() => est.locator('.feed').innerText(), SLOW).toContain('une violation de UN GGE 2015 norm 13(f) est soulevée');

    // Round 2 ends with the track under discussion: the engine's headline, in French.
    await facilitatorStep(fac, 'Open round 2');
    await facilitatorStep(fac, 'Resolve round 2 now');
    await expect.poll(results, SLOW).toContain('est désormais en discussion');
    expect(await results()).not.toContain('is now under discussion');
    expect(errors).toEqual([]);
  }, 150_000);
});
