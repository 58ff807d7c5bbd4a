/**
 * Join codes, as text, as links to copy and as QR codes, with who has
 * joined each seat; folded away once every team has someone in. The codes
 * come from the facilitator's exercise list (the view never carries them).
 */
import { copyText } from '../../ui/clipboard';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { announce } from '../../ui/live';
import { teamsTakingPart } from '../../ui/format';
import { qrCode } from '../../ui/qr';
import type { Ctx } from '../context';
import { t } from '../../ui/i18n';
import { emptyTeams } from './emptySeats';
import { presenceList } from './presence';

function codeRow(ctx: Ctx, label: string, code: string, filter: Parameters<typeof presenceList>[2]): TemplateResult {
  const link = `${location.origin}/join/${code}`;
  const copy = async () => {
    const ok = await copyText(link);
    ctx.local.copied = ok ? code : null;
    announce(ok ? t('console.copiedAnnounce', { label }) : t('console.copyFailed'));
    ctx.rerender();
  };
  return html`<li class="code-row">
    ${qrCode(link, t('console.qrLabel', { label }))}
    <p class="code-head"><strong>${label}</strong> <span class="code" aria-label=${t('console.codeAria', { spelled: code.split('').join(' ') })}>${code}</span></p>
    <p class="code-link"><a href=${link} target="_blank" rel="noopener">${link}</a>
      <button class="btn btn--small" type="button" @click=${copy}>${ctx.local.copied === code ? t('console.copied') : t('console.copyLink')}<span class="visually-hidden">${t('console.copyFor', { label })}</span></button></p>
    ${presenceList(ctx.view, ctx.session.presence, filter)}
  </li>`;
}

export function codesSection(ctx: Ctx): TemplateResult {
  const summary = ctx.local.exercises?.find((e) => e.exerciseId === ctx.exerciseId);
  const codes = summary?.codes;
  const view = ctx.view;
  const waitingFor = emptyTeams(ctx);
  return html`<section class="panel codes" aria-labelledby="codes-h">
    <details ?open=${waitingFor.length > 0}>
    <summary><h2 id="codes-h">${t('console.codes')}</h2>
      <span class="help">${waitingFor.length ? t('console.waitingFor', { count: waitingFor.length, total: view.teams.length }) : t('console.everyoneIn')}</span></summary>
    ${codes
      ? html`<p class="help">${t('console.codesHelp')}</p>
          <ul class="code-list">
            ${teamsTakingPart(view.teams).map((team) => (codes.teams[team.id] ? codeRow(ctx, team.name, codes.teams[team.id]!, (s) => s.role === 'team' && s.team === team.id) : nothing))}
            ${codeRow(ctx, t('console.observersCode'), codes.observer, (s) => s.role === 'observer')}
            ${codes.redCell ? codeRow(ctx, t('console.role_redCell'), codes.redCell, (s) => s.role === 'redCell') : nothing}
          </ul>`
      : html`<p class="help">${t('console.loadingCodes')}</p>`}
    </details>
  </section>`;
}
