/**
 * The seat's notifications: every change that concerns it, kept until the
 * person marks it read (in this browser, per exercise and seat, so a reload
 * keeps them), each announced to screen readers when it arrives. Their words
 * are kept as keys and values (ui/said.ts): shown, they follow the language
 * of the moment, not the one they arrived in.
 */
import { announce } from './live';
import type { Said } from './said';
import { storage } from './storage';

export interface Notice {
  /** Stable for the event it reports, so the same event is never listed twice. */
  id: string;
  kind: 'inject' | 'proposal' | 'evidence' | 'announcement' | 'clock' | 'result' | 'phase';
  title: Said;
  text: Said;
  at: number;
  read: boolean;
  /** Time-critical: announced assertively. */
  urgent?: boolean;
  /** The id of the element on screen it is about (a heading), to go to it. */
  ref?: string;
}

const LIMIT = 60;

export class Notifications {
  private list: Notice[];
  private readonly key: string;

  /** `say` words a notice in the language of the moment, to announce it. */
  constructor(scope: string, private readonly changed: () => void, private readonly say: (said: Said) => string) {
    this.key = `firebreak.notices.v1.${scope}`;
    this.list = load(this.key);
  }

  /** Newest first. */
  get all(): readonly Notice[] {
    return this.list;
  }

  get unread(): Notice[] {
    return this.list.filter((n) => !n.read);
  }

  add(notices: Omit<Notice, 'read'>[]): void {
    const fresh = notices.filter((n) => !this.list.some((m) => m.id === n.id));
    if (!fresh.length) return;
    for (const n of fresh) announce(`${this.say(n.title)}. ${this.say(n.text)}`, n.urgent ? 'assertive' : 'polite');
    this.list = [...fresh.reverse().map((n) => ({ ...n, read: false })), ...this.list].slice(0, LIMIT);
    this.save();
  }

  markRead(id: string): void {
    this.list = this.list.map((n) => (n.id === id ? { ...n, read: true } : n));
    this.save();
  }

  markAllRead(): void {
    this.list = this.list.map((n) => ({ ...n, read: true }));
    this.save();
  }

  private save(): void {
    storage.setItem(this.key, JSON.stringify(this.list));
    this.changed();
  }
}

function load(key: string): Notice[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is Notice => !!n && typeof (n as Notice).id === 'string' && (n as Notice).title !== undefined) : [];
  } catch {
    return [];
  }
}
