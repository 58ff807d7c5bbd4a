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

export const GLOSSARY: Record<Term, { term: string; text: string }> = {
  rung: {
    term: 'Rung (escalation ladder)',
    text: 'Each response sits on a rung of the escalation ladder, from 0 (normal competition) to the top (beyond the cyber firebreak). The higher the rung, the more the response escalates the crisis. Two thresholds matter: above “don\'t rock the boat” the allies are openly hardening; above the cyber firebreak they answer with destructive cyber means.',
  },
  retorsion: {
    term: 'Retorsion',
    text: 'An unfriendly but lawful act: expelling diplomats, recalling an ambassador, cutting aid or contacts. It needs no prior wrong by the other state, so it is the safest legal ground for a response.',
  },
  countermeasure: {
    term: 'Countermeasure',
    text: 'An act that would be unlawful on its own, made lawful as a response to the other state\'s internationally wrongful act (ILC Articles 22 and 49–54). It must aim to make that state comply, be proportionate, be reversible where possible and, unless urgent, follow a demand and prior notice.',
  },
  spillover: {
    term: 'Spillover',
    text: 'How far a response can hurt people and systems beyond its target: third countries, civilians, the allies\' own firms. High spillover costs proportionality and coalition cohesion.',
  },
  cohesion: {
    term: 'Coalition cohesion',
    text: 'How united the allies acted in a round, from 0 to 100: joint actions, similar postures and shared evidence raise it; breaking ranks, vetoes and acting alone lower it. The adversary is bolder against a divided coalition.',
  },
  healey: {
    term: 'Healey\'s spectrum of state responsibility',
    text: 'Jason Healey\'s ten levels of how involved a state is in an attack: state-prohibited, prohibited but inadequate, ignored, encouraged, shaped, coordinated, ordered, rogue-conducted, executed and integrated. From “state-ordered” up, the conduct is attributable to the state in law, which some responses require.',
  },
  confidence: {
    term: 'Confidence levels',
    text: 'How sure your government is of its attribution, as intelligence analysts say it: low, moderate or high. Confidence rests on evidence (investigations, intelligence, what allies share); it is separate from the judgement of how likely a state is responsible. Some responses need a minimum confidence.',
  },
};

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
export function termLink(term: Term, text: string = GLOSSARY[term].term): TemplateResult {
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
      <h2 id="help-h" tabindex="-1">How to play</h2>
      <button class="btn" type="button" @click=${close}>Skip and start playing</button>
    </div>
    <ol class="how-steps">
      <li><strong>Read what happened.</strong> News and intelligence arrive as injects on the right; a notification says when something new comes in. Private intelligence is marked with a lock: only your government sees it.</li>
      <li><strong>Talk it through.</strong> Agree with your team what you know, how sure you are, and what you want to achieve. The team chat is private; the coalition chat reaches your allies.</li>
      <li><strong>Choose up to the round's number of actions.</strong> Each action shows its cost, its ${termLink('rung', 'rung')} on the escalation ladder and an estimate of how proportionate it is. Write why you take it: your rationale is what the debrief discusses.</li>
      <li><strong>Act with allies.</strong> Propose a joint action to the coalition, or join one an ally proposes: acting together raises ${termLink('cohesion', 'cohesion')}.</li>
      <li><strong>Lock before the clock runs out.</strong> The team lead locks the plan. When every team has locked, or time is up, the round resolves: plans go ahead as they stand, locked or not.</li>
      <li><strong>See what it did.</strong> The results explain each score, the adversary's reaction and the new escalation level. Then the next round opens.</li>
    </ol>
    <h2 id="glossary-h">Glossary</h2>
    <dl class="glossary">${(Object.keys(GLOSSARY) as Term[]).map((t) => html`<div class=${state.term === t ? 'glossary-entry glossary-entry--on' : 'glossary-entry'}>
      <dt id=${`glossary-${t}`} tabindex="-1">${GLOSSARY[t].term}</dt><dd>${GLOSSARY[t].text}</dd></div>`)}</dl>
    <div class="row"><button class="btn btn--primary" type="button" @click=${close}>Close</button></div>
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
