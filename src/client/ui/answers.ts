/**
 * The server's answer to what someone just did, shown next to the control
 * they used, in a polite live region (so a screen reader hears it too).
 */
import { html, type TemplateResult } from 'lit-html';
import type { ErrorAnswer } from '../../protocol/events';

export type AnswerState =
  | { state: 'sending'; text: string }
  | { state: 'ok'; text: string }
  | { state: 'rejected'; code: string; message: string; problems?: string[] };

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
  async track<A extends AnyAnswer>(key: string, pending: Promise<A>, okText: string, sendingText = 'Sending…'): Promise<A> {
    this.set(key, { state: 'sending', text: sendingText });
    const answer = await pending;
    if (answer.ok) this.set(key, { state: 'ok', text: okText });
    else this.set(key, { state: 'rejected', code: answer.code, message: answer.message, ...(answer.problems ? { problems: answer.problems } : {}) });
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
      ? html`<p><span aria-hidden="true">✕ </span><strong>Not accepted:</strong> ${a.message}</p>
          ${a.problems?.length ? html`<ul class="problems">${a.problems.map((p) => html`<li><code>${p}</code></li>`)}</ul>` : ''}`
      : a?.state === 'ok'
        ? html`<p><span aria-hidden="true">✓ </span>${a.text}</p>`
        : a
          ? html`<p>${a.text}</p>`
          : ''}
  </div>`;
}
