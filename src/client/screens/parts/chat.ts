/**
 * Team and coalition chat. The message being typed is a draft kept per
 * exercise and channel until it is sent. Messages are text nodes only.
 */
import type { ChatMessage } from '../../../engine/types';
import type { ExerciseView } from '../../../engine/view/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { teamName, timeOfDay } from '../../ui/format';
import type { Ctx } from '../context';
import { t } from '../../ui/i18n';

const MAX_CHAT = 2000;

export function chatSection(ctx: Ctx): TemplateResult {
  const channel = ctx.local.chatChannel;
  const me = ctx.view.me;
  const messages = (c: 'team' | 'coalition') => ctx.view.chat.filter((m) => m.channel === c);
  const unseen = (c: 'team' | 'coalition') => Math.max(0, messages(c).length - (ctx.local.chatSeen[c] ?? 0));
  ctx.local.chatSeen[channel] = messages(channel).length;
  const pick = (c: 'team' | 'coalition') => () => {
    ctx.local.chatChannel = c;
    ctx.rerender();
  };
  const tab = (c: 'team' | 'coalition', label: string) => html`<button type="button" class="seg" aria-pressed=${channel === c ? 'true' : 'false'}
      @click=${pick(c)}>${label}${c !== channel && unseen(c) ? html` <span class="badge badge--new">${t('team.unseen', { count: unseen(c) })}</span>` : nothing}</button>`;
  return html`<section class="panel chat" aria-labelledby="chat-h">
    <h2 id="chat-h">${t('team.chat')}</h2>
    <div class="segmented" role="group" aria-label=${t('team.channel')}>
      ${tab('team', t('team.teamChannel', { name: me?.name ?? '' }))} ${tab('coalition', t('team.coalitionChannel'))}
    </div>
    ${messageLog(ctx.view, messages(channel), channel === 'team' ? t('console.teamChannelLog', { name: me?.name ?? t('console.team') }) : t('console.coalitionChannelLog'))}
    ${ctx.view.phase === 'debrief' && !ctx.view.reopened
      ? html`<p class="help">${t('console.chatClosed')}</p>`
      : chatForm(ctx, channel)}
  </section>`;
}

function chatForm(ctx: Ctx, channel: 'team' | 'coalition'): TemplateResult {
  const field = `chat.${channel}`;
  const key = `chat-${channel}`;
  const send = async (form: HTMLFormElement) => {
    const area = form.querySelector('textarea')!;
    const text = area.value.trim();
    if (!text) return;
    const answer = await ctx.send(key, { type: 'chat', channel, text }, 'Sent.');
    if (answer.ok) ctx.drafts.clear(field, form);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send((event.currentTarget as HTMLElement).closest('form')!);
    }
  };
  return html`<form class="chat-form" @submit=${(e: SubmitEvent) => { e.preventDefault(); void send(e.currentTarget as HTMLFormElement); }}>
    <label for=${`chat-input-${channel}`}>${t(channel === 'team' ? 'team.messageTeam' : 'team.messageCoalition')}</label>
    <textarea id=${`chat-input-${channel}`} rows="2" maxlength=${MAX_CHAT} ${draft(ctx.drafts, field)} @keydown=${onKey}
      aria-describedby=${`chat-help-${channel}`}></textarea>
    <p class="help" id=${`chat-help-${channel}`}>${t('team.chatHelp')}</p>
    <button class="btn" type="submit">${t('team.send')}</button>
    ${answerSlot(ctx.answers, key)}
  </form>`;
}

/** A live log region around an ordinary list: the list keeps its semantics, the region announces new messages. */
export function messageLog(view: ExerciseView, messages: ChatMessage[], label: string): TemplateResult {
  return html`<div class="messages" role="log" aria-label=${label}>
    <ol class="message-list">
      ${messages.length ? nothing : html`<li class="empty">${t('team.noMessages')}</li>`}
      ${repeat(messages, (m) => m.id, (m) => html`<li class="message">
        <p class="meta"><strong>${m.from}</strong>${m.team && m.channel === 'coalition' ? ` (${teamName(view, m.team)})` : ''} · ${timeOfDay(m.at)}</p>
        <p class="text">${m.text}</p>
      </li>`)}
    </ol>
  </div>`;
}

/** For the facilitator and observers: every channel, read-only. */
export function chatReadOnly(view: ExerciseView): TemplateResult {
  const channels = [
    { id: 'coalition', label: t('console.coalition'), log: t('console.coalitionChannelLog'), list: view.chat.filter((m) => m.channel === 'coalition') },
    ...view.teams.map((team) => {
      const label = t('console.teamOf', { name: team.name });
      return { id: team.id, label, log: t('console.teamChannelLog', { name: label }), list: view.chat.filter((m) => m.channel === 'team' && m.team === team.id) };
    }),
  ];
  return html`<section class="panel chat" aria-labelledby="chat-ro-h">
    <h2 id="chat-ro-h">${t('console.chatReadOnly')}</h2>
    ${channels.map(
      (c) => html`<details class="chat-channel" ?open=${c.id === 'coalition'}>
        <summary>${c.label} <span class="count">(${c.list.length})</span></summary>
        ${messageLog(view, c.list, c.log)}
      </details>`,
    )}
  </section>`;
}
