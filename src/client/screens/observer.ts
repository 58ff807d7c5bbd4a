/** The observer's (evaluator's) screen: the full view, read-only, and evaluation notes. */
import { html, repeat, swatch, type TemplateResult } from '../ui/dom';
import { t } from '../ui/i18n';
import { lockIcon } from '../ui/icons';
import type { Ctx } from './context';
import { wideBoard } from './parts/board';
import { chatReadOnly } from './parts/chat';
import { feedSection } from './parts/feed';
import { normsSection } from './parts/norms';
import { notesSection } from './parts/notes';
import { teamDrafts } from './parts/plan';
import { resultsSection } from './parts/results';
import { whatNow } from './parts/situation';

export function observerScreen(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  return html`<main id="main" tabindex="-1" class="layout two-col observer-screen">
    <div class="col-main">
      <h1 class="visually-hidden">${t('observer.title', { title: view.scenario.title })}</h1>
      ${whatNow(view)}
      ${teamsReadOnly(ctx)}
      ${resultsSection(view)}
      ${normsSection(view)}
      ${feedSection(ctx, t('observer.injects'))}
    </div>
    <div class="side-track"><aside class="col-side" tabindex="0" aria-label=${t('debrief.side')}>
      ${notesSection(ctx)}
      ${chatReadOnly(view)}
    </aside></div>
    ${wideBoard(ctx.board, view)}
  </main>`;
}

function teamsReadOnly(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  return html`<section class="panel" aria-labelledby="obs-teams-h">
    <h2 id="obs-teams-h">${t('observer.teams')}</h2>
    <ul class="team-cards">${repeat(view.teams, (team) => team.id, (team) => html`<li class="team-card">
      <h3><span class="swatch" aria-hidden="true" style=${swatch(team.colour)}></span>${team.name}
        <span class="badge">${team.locked ? html`${lockIcon()} ${t('observer.locked')}` : t('observer.deciding')}</span></h3>
      ${teamDrafts(view, team.plan)}
    </li>`)}</ul>
  </section>`;
}
