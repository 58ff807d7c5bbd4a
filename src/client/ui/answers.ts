/**
 * The server's answer to what someone just did, shown next to the control
 * they used, in a polite live region (so a screen reader hears it too).
 */
import { html, type TemplateResult } from 'lit-html';
import type { ErrorAnswer } from '../../protocol/events';
import { locale, t } from './i18n';
import { engineText, translatesEngineText } from './engineText';
import type { EngineMessage } from '../../engine/messages';

/**
 * A refusal as a sentence in the chosen language. The server writes its
 * sentences in English, fitted to the case. When the sentence is one of the
 * engine's, the answer carries it as keys and parameters too, and French and
 * German render those (ui/engineText.ts); otherwise the refusal's code maps
 * to a sentence of its own (ui/i18n-chrome.ts, "refusal"), and the server's
 * sentence is the fallback for a code without one.
 */
export function refusalSentence(answer: { code: string; message: string; messages?: EngineMessage[]; translated?: true }): string {
  if (locale() === 'en' || answer.translated) return answer.message;
  if (answer.messages) return engineText(answer.message, answer.messages);
  return t(`refusal.${answer.code}`, { defaultValue: answer.message });
}

export type AnswerState =
  | { state: 'sending'; text: string }
  | { state: 'ok'; text: string }
  /** `translated`: the message was written here, in the chosen language, rather than by the server. */
  | { state: 'rejected'; code: string; message: string; messages?: EngineMessage[]; problems?: string[]; translated?: true };

type AnyAnswer = { ok: true } | ErrorAnswer;

export class Answers {
  private readonly map = new Map<string, AnswerState>();

  constructor(private readonly changed: () => void) {}

  get(key: string): AnswerState | undefined {
    return this.map.get(key);
  }

  set(key: string, state: AnswerState | undefined): void {
    if (state) this.map.set(key, state);
    else this.map.delete(key);
    this.changed();
  }

  /** Forgets every answer shown (when the phase or round they belonged to is over). */
  clear(): void {
    if (!this.map.size) return;
    this.map.clear();
    this.changed();
  }

  /** Shows "sending", then the answer; resolves with it. */
  async track<A extends AnyAnswer>(key: string, pending: Promise<A>, okText: string, sendingText?: string): Promise<A> {
    this.set(key, { state: 'sending', text: sendingText ?? t('answer.sending') });
    const answer = await pending;
    if (answer.ok) this.set(key, { state: 'ok', text: okText });
    else this.set(key, { state: 'rejected', code: answer.code, message: answer.message, ...(answer.messages ? { messages: answer.messages } : {}), ...(answer.problems ? { problems: answer.problems } : {}) });
    return answer;
  }
}

/** The answer region for one control; always rendered (empty when idle) so that changes are announced. */
export function answerSlot(answers: Answers, key: string, id?: string): TemplateResult {
  const a = answers.get(key);
  const cls = a ? `answer answer--${a.state}` : 'answer';
  // A person reads the server's sentence; its code stays in data-code for whoever supports them.
  return html`<div class=${cls} role="status" aria-live="polite" id=${id ?? `answer-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`}
    data-code=${a?.state === 'rejected' ? a.code : ''}>
    ${a?.state === 'rejected'
      ? html`<p><span aria-hidden="true">✕ </span><strong>${t('answer.notAccepted')}</strong> ${refusalSentence(a)}</p>
          ${refusalSentence(a) !== a.message && !translatesEngineText(a.messages) ? html`<details class="server-words"><summary>${t('answer.details')}</summary><p lang="en">${a.message}</p></details>` : ''}
          ${a.problems?.length ? html`<ul class="problems">${a.problems.map((p) => html`<li><code>${p}</code></li>`)}</ul>` : ''}`
      : a?.state === 'ok'
        ? html`<p><span aria-hidden="true">✓ </span>${a.text}</p>`
        : a
          ? html`<p>${a.text}</p>`
          : ''}
  </div>`;
}
