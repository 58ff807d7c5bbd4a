/**
 * Notifications on screen: a menu in the top bar with the unread count and
 * every notice, and the unread ones as cards in a corner that lie over the
 * page (they never push it) and stay until marked read.
 */
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { timeOfDay } from '../../ui/format';
import { bellIcon } from '../../ui/icons';
import { t } from '../../ui/i18n';
import type { Notice, Notifications } from '../../ui/notifications';
import type { Said } from '../../ui/said';

/** Words a kept notice in the language of the moment. */
type Say = (said: Said) => string;

const SHOWN = 2;

export function notificationsMenu(notes: Notifications, say: Say, rerender: () => void): TemplateResult {
  const unread = notes.unread.length;
  const all = notes.all;
  return html`<details class="notif-menu">
    <summary class="btn btn--ghost" aria-label=${t('notices.menuLabel', { count: unread })}>
      ${bellIcon()}<span class="notif-word"> ${t('notices.menu')}</span>
      <span class="notif-count ${unread ? 'notif-count--on' : ''}" aria-hidden="true">${unread}</span>
    </summary>
    <div class="notif-panel">
      <div class="row between">
        <h2 class="notif-h">${t('notices.menu')}</h2>
        <button class="btn btn--small" type="button" ?disabled=${!unread} @click=${() => { notes.markAllRead(); rerender(); }}>${t('notices.markAll')}</button>
      </div>
      ${all.length
        ? html`<ol class="notif-list">${repeat(all, (n) => n.id, (n) => html`<li class=${n.read ? 'notif notif--read' : 'notif'}>${noticeBody(n, say)}</li>`)}</ol>`
        : html`<p class="empty">${t('notices.none')}</p>`}
    </div>
  </details>`;
}

/** The unread notices as cards over the page, newest first, each with "Mark as read". */
export function noticeCards(notes: Notifications, say: Say, rerender: () => void): TemplateResult {
  const unread = notes.unread;
  if (!unread.length) return html`<section class="toasts" aria-label=${t('notices.cards')} hidden></section>`;
  const read = (n: Notice) => (event: Event) => {
    const card = (event.currentTarget as HTMLElement).closest('.toast');
    const next = card?.nextElementSibling?.querySelector<HTMLElement>('button') ?? card?.previousElementSibling?.querySelector<HTMLElement>('button');
    notes.markRead(n.id);
    rerender();
    // The button goes away with its card: keep the focus on the cards, or give it back to the page.
    queueMicrotask(() => (next?.isConnected ? next : document.getElementById('main'))?.focus({ preventScroll: true }));
  };
  return html`<section class="toasts" aria-label=${t('notices.cards')}>
    ${repeat(unread.slice(0, SHOWN), (n) => n.id, (n) => html`<article class="toast toast--${n.kind} ${n.urgent ? 'toast--urgent' : ''}" aria-label=${say(n.title)}>
      ${noticeBody(n, say)}
      <div class="row">
        ${n.ref ? html`<a class="btn btn--small" href=${`#${n.ref}`} @click=${read(n)}>${t('notices.show')}</a>` : nothing}
        <button class="btn btn--small" type="button" @click=${read(n)}>${t('notices.markRead')}<span class="visually-hidden">: ${say(n.title)}</span></button>
      </div>
    </article>`)}
    ${unread.length > SHOWN ? html`<p class="toast-more">${t('notices.more', { count: unread.length - SHOWN })}</p>` : nothing}
  </section>`;
}

function noticeBody(n: Notice, say: Say): TemplateResult {
  const text = say(n.text);
  return html`<p class="notif-title"><strong>${say(n.title)}</strong> <span class="meta">${timeOfDay(n.at)}</span></p>
    ${text ? html`<p class="notif-text">${text}</p>` : nothing}`;
}
