/**
 * Drafts of text fields (rationales, chat, notes...), kept in localStorage
 * per exercise and field until sent, so that neither a re-render, a lost
 * connection nor a reload loses what someone was typing.
 *
 *   <textarea ${draft(drafts, 'chat.team')}></textarea>
 *
 * The directive fills the field from the store when the element first
 * appears (or is reused for another field) and saves on every keystroke;
 * it never touches a field afterwards, so re-renders keep the caret.
 */
import { nothing } from 'lit-html';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit-html/directive.js';
import { storage } from './storage';

const PREFIX = 'firebreak.draft.';

export class Drafts {
  constructor(readonly scope: string) {}

  private key(field: string): string {
    return `${PREFIX}${this.scope}.${field}`;
  }

  get(field: string): string {
    return storage.getItem(this.key(field)) ?? '';
  }

  set(field: string, value: string): void {
    if (value) storage.setItem(this.key(field), value);
    else storage.removeItem(this.key(field));
  }

  /** Puts text back into a draft (a withdrawn decision's rationale), and into the empty fields showing it. */
  restore(field: string, value: string, root: ParentNode = document): void {
    if (this.get(field)) return;
    this.set(field, value);
    for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-draft]')) {
      if (el.dataset.draft === field && !el.value) el.value = value;
    }
  }

  /** Forgets a draft once it was sent, and empties the fields showing it. */
  clear(field: string, root: ParentNode = document): void {
    this.set(field, '');
    for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-draft]')) {
      if (el.dataset.draft === field) el.value = '';
    }
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement;

class DraftDirective extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('draft() belongs on an <input> or <textarea>');
  }

  render(_drafts: Drafts, _field: string) {
    return nothing;
  }

  override update(part: ElementPart, [drafts, field]: [Drafts, string]) {
    const el = part.element as Field & { __draftStore?: Drafts };
    if (el.dataset.draft !== field || el.__draftStore !== drafts) {
      el.dataset.draft = field;
      el.__draftStore = drafts;
      el.value = drafts.get(field);
    }
    if (!el.dataset.draftListening) {
      el.dataset.draftListening = '1';
      el.addEventListener('input', () => {
        const store = el.__draftStore;
        if (store && el.dataset.draft) store.set(el.dataset.draft, el.value);
      });
    }
    return nothing;
  }
}

export const draft = directive(DraftDirective);
