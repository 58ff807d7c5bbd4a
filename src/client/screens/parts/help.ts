/**
 * Learning the game: a how-to-play overlay, shown the first time a team
 * seat opens a round (skippable, reopened from the top bar's Help button,
 * remembered in this browser), and a glossary of the game's terms that
 * term links open at the right entry.
 */
import { html, type TemplateResult } from '../../ui/dom';
import { t } from '../../ui/i18n';
import { storage } from '../../ui/storage';

const SEEN_KEY = 'firebreak.howToPlay.seen.v1';

export type Term = 'rung' | 'retorsion' | 'countermeasure' | 'spillover' | 'cohesion' | 'healey' | 'confidence';

const TERMS: readonly Term[] = ['rung', 'retorsion', 'countermeasure', 'spillover', 'cohesion', 'healey', 'confidence'];

/** A glossary entry in the chosen language (ui/i18n-views.ts). */
export const glossaryTerm = (term: Term): string => t(`glossary.${term}.term`);
const glossaryText = (term: Term): string => t(`glossary.${term}.text`);

export interface HelpState {
  /** The overlay is wanted on screen; `term` opens it at a glossary entry. */
  open: boolean;
  term: Term | null;
}

export function howToPlaySeen(): boolean {
  return storage.getItem(SEEN_KEY) === '1';
}

const HELP_EVENT = 'firebreak:help';

/** Asks the screen to open the overlay at the how-to (or at a glossary term): any part can, without a context. */
export function requestHelp(term: Term | null = null): void {
  window.dispatchEvent(new CustomEvent<Term | null>(HELP_EVENT, { detail: term }));
}

/** Opens the overlay whenever a term link or the Help button asks; returns the function that stops listening. */
export function listenForHelp(state: HelpState, rerender: () => void): () => void {
  const open = (event: Event) => {
    state.open = true;
    state.term = (event as CustomEvent<Term | null>).detail;
    rerender();
  };
  window.addEventListener(HELP_EVENT, open);
  return () => window.removeEventListener(HELP_EVENT, open);
}

/** A term as it appears in a sentence, opening its glossary entry. */
export function termLink(term: Term, text: string = glossaryTerm(term)): TemplateResult {
  return html`<button type="button" class="term" aria-haspopup="dialog" @click=${() => requestHelp(term)}>${text}<span class="visually-hidden">${t('glossaryHint')}</span></button>`;
}

export function helpButton(): TemplateResult {
  return html`<button type="button" class="btn btn--ghost" aria-haspopup="dialog" @click=${() => requestHelp()}>${t('topbar.help')}</button>`;
}

/** The overlay: a modal dialog (opened by syncHelpDialog after each render). */
export function helpDialog(state: HelpState, rerender: () => void): TemplateResult {
  const close = () => {
    storage.setItem(SEEN_KEY, '1');
    state.open = false;
    state.term = null;
    rerender();
  };
  return html`<dialog id="help-dialog" class="help-dialog" aria-labelledby="help-h" @close=${close}>
    <div class="help-head">
      <h2 id="help-h" tabindex="-1">${t('help.title')}</h2>
      <button class="btn" type="button" @click=${close}>${t('help.skip')}</button>
    </div>
    <ol class="how-steps">
      <li><strong>${t('help.readH')}</strong> ${t('help.read')}</li>
      <li><strong>${t('help.talkH')}</strong> ${t('help.talk')}</li>
      <li><strong>${t('help.chooseH')}</strong> ${t('help.chooseBefore')}${termLink('rung', t('help.chooseTerm'))}${t('help.chooseAfter')}</li>
      <li><strong>${t('help.alliesH')}</strong> ${t('help.alliesBefore')}${termLink('cohesion', t('help.alliesTerm'))}${t('help.alliesAfter')}</li>
      <li><strong>${t('help.lockH')}</strong> ${t('help.lock')}</li>
      <li><strong>${t('help.seeH')}</strong> ${t('help.see')}</li>
    </ol>
    <h2 id="glossary-h">${t('help.glossary')}</h2>
    <dl class="glossary">${TERMS.map((term) => html`<div class=${state.term === term ? 'glossary-entry glossary-entry--on' : 'glossary-entry'}>
      <dt id=${`glossary-${term}`} tabindex="-1">${glossaryTerm(term)}</dt><dd>${glossaryText(term)}</dd></div>`)}</dl>
    <div class="row"><button class="btn btn--primary" type="button" @click=${close}>${t('help.close')}</button></div>
  </dialog>`;
}

/** Shows or closes the dialog to match the state, and puts the focus on its heading or the chosen term. */
export function syncHelpDialog(state: HelpState): void {
  const dialog = document.getElementById('help-dialog') as HTMLDialogElement | null;
  if (!dialog) return;
  if (state.open && !dialog.open) {
    dialog.showModal();
    const target = document.getElementById(state.term ? `glossary-${state.term}` : 'help-h');
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  } else if (!state.open && dialog.open) {
    dialog.close();
  }
}
