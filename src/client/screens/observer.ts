/** The observer's (evaluator's) screen: the full view, read-only, and evaluation notes. */
import { html, repeat, swatch, type TemplateResult } from '../ui/dom';
import { lockIcon } from '../ui/icons';
import type { Ctx } from './context';
import { boardSection } from './parts/board';
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
      <h1 class="visually-hidden">Observer: ${view.scenario.title}</h1>
      ${whatNow(view)}
      ${boardSection(ctx.board, view)}
      ${teamsReadOnly(ctx)}
      ${resultsSection(view)}
      ${normsSection(view)}
      ${feedSection(ctx, 'Injects (every team)')}
    </div>
    <aside class="col-side" tabindex="0" aria-label="Notes and chat">
      ${notesSection(ctx)}
      ${chatReadOnly(view)}
    </aside>
  </main>`;
}

function teamsReadOnly(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  return html`<section class="panel" aria-labelledby="obs-teams-h">
    <h2 id="obs-teams-h">Teams and their drafts</h2>
    <ul class="team-cards">${repeat(view.teams, (t) => t.id, (t) => html`<li class="team-card">
      <h3><span class="swatch" aria-hidden="true" style=${swatch(t.colour)}></span>${t.name}
        <span class="badge">${t.locked ? html`${lockIcon()} Locked` : 'Deciding'}</span></h3>
      ${teamDrafts(view, t.plan)}
    </li>`)}</ul>
  </section>`;
}
