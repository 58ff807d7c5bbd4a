/**
 * The inject feed: news shared with everyone and intelligence private to a
 * government (clearly marked), newest first, plus the facilitator's
 * announcements. New deliveries are announced to screen readers by the
 * exercise shell.
 */
import type { InjectDelivery } from '../../../engine/types';
import type { ExerciseView, InjectView } from '../../../engine/view/types';
import { engineText } from '../../ui/engineText';
import { html, nothing, paragraphs, repeat, type TemplateResult } from '../../ui/dom';
import { audienceWords, injectKindWord, roundTitle, roundWord, storyDate, timeOfDay } from '../../ui/format';
import { lockIcon } from '../../ui/icons';
import type { Ctx } from '../context';
import { t } from '../../ui/i18n';

export function feedSection(ctx: Ctx, heading = 'Injects'): TemplateResult {
  const injects = [...ctx.view.injects].sort((a, b) => b.at - a.at || b.id.localeCompare(a.id));
  return html`<section class="panel feed" aria-labelledby="feed-h">
    <h2 id="feed-h">${heading} <span class="count">(${injects.length})</span></h2>
    ${announcements(ctx.view)}
    ${injects.length
      ? html`<ol class="feed-list">${repeat(injects, (i) => i.id, (i) => injectItem(ctx.view, i, ctx.local.newInjects.has(i.id)))}</ol>`
      : html`<p class="empty">${t('team.noInjects')}</p>`}
  </section>`;
}

export function injectItem(view: ExerciseView, i: InjectView, isNew = false): TemplateResult {
  const audience = audienceWords(view, i.audience);
  return html`<li class="inject inject--${i.kind} ${audience.private ? 'inject--private' : ''}">
    <article aria-labelledby=${`inj-${i.id}`}>
      <p class="badges">
        ${isNew ? html`<span class="badge badge--new">${t('feed.new')}</span>` : nothing}
        <span class="badge badge--kind">${injectKindWord(i.kind)}</span>
        <span class="badge ${audience.private ? 'badge--private' : 'badge--public'}">
          ${audience.private ? lockIcon() : nothing} ${audience.text}</span>
        <span class="meta">${i.round === 0 ? roundTitle(view, 0) : roundWord(i.round)} · ${timeOfDay(i.at)}</span>
      </p>
      <div class="inject-body">
        ${masthead(view, i)}
        <h3 id=${`inj-${i.id}`}>${engineText(i.title, i.titleMessages)}</h3>
        ${i.source ? html`<p class="byline">${t('feed.source', { source: i.source })}</p>` : nothing}
        ${paragraphs(engineText(i.body, i.bodyMessages)).map((p) => html`<p>${p}</p>`)}
      </div>
    </article>
  </li>`;
}

/**
 * The look of the document an inject stands for: a newspaper's masthead, a
 * cable's header, an intelligence summary's banner, a state broadcaster's
 * strap. Decoration only (hidden from screen readers and print keeps the
 * text): the kind is already said in words in the badges.
 */
function masthead(view: ExerciseView, i: InjectDelivery): TemplateResult {
  const round = view.scenario.rounds[i.round - 1]?.date;
  const when = round ? storyDate(round) : roundWord(i.round);
  switch (i.kind) {
    case 'news':
      return html`<p class="masthead" aria-hidden="true"><span>${i.source ?? t('feed.newsReport')}</span><span>${when}</span></p>`;
    case 'social':
      return html`<p class="masthead" aria-hidden="true"><span class="avatar">${(i.source ?? '?').replace(/^@/, '').slice(0, 1).toUpperCase()}</span><span>${i.source ?? t('feed.social')}</span><span>${t('feed.post')}</span></p>`;
    case 'call':
      return html`<p class="masthead" aria-hidden="true"><span>${t('feed.call')}${i.source ? `: ${i.source}` : ''}</span><span>${t('feed.transcript')}</span></p>`;
    case 'diplomatic':
      return html`<p class="masthead" aria-hidden="true"><span>${t('feed.cable')}</span><span>${t('feed.priority')} · ${when}</span></p>`;
    case 'intelligence':
      return html`<p class="masthead" aria-hidden="true"><span>${t('feed.intel')}</span><span>${typeof i.audience === 'object' ? t('feed.restricted') : t('feed.releasable')}</span></p>`;
    case 'adversary':
      return html`<p class="masthead" aria-hidden="true"><span>${t('feed.stateMedia', { name: view.scenario.adversaryName })}</span><span>${t('feed.broadcast')}</span></p>`;
    default:
      return html``;
  }
}

function announcements(view: ExerciseView): TemplateResult {
  const list = view.chat.filter((m) => m.channel === 'announcement').slice(-3).reverse();
  if (!list.length) return html``;
  return html`<div class="announcements" aria-label=${t('feed.announcements')}>
    ${list.map((m) => html`<p class="announcement"><strong>${t('feed.announcement')}</strong> <span class="meta">${m.from}, ${timeOfDay(m.at)}</span><br />${m.text}</p>`)}
  </div>`;
}
