/** The observer's (evaluator's) screen: the full view, read-only, and evaluation notes. */
import { html, nothing, repeat, type TemplateResult } from '../ui/dom';
import { actionName, chosenProcedures, incidentName } from '../ui/format';
import { lockIcon } from '../ui/icons';
import type { Ctx } from './context';
import { boardSection } from './parts/board';
import { chatReadOnly } from './parts/chat';
import { feedSection } from './parts/feed';
import { notesSection } from './parts/notes';
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
      ${feedSection(ctx, 'Injects (every team)')}
    </div>
    <aside class="col-side" aria-label="Notes and chat">
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
      <h3><span class="swatch" aria-hidden="true" style=${`background:${t.colour}`}></span>${t.name}
        <span class="badge">${t.locked ? html`${lockIcon()} Locked` : 'Deciding'}</span></h3>
      ${t.plan?.length
        ? html`<ol class="plan-list">${t.plan.map(
            (p) => html`<li><strong>${actionName(view, p.action)}</strong>${p.incident ? ` against ${incidentName(view, p.incident)}` : ''}
              ${chosenProcedures(p.options).length ? html`<span class="help">(${chosenProcedures(p.options).join(', ')})</span>` : nothing}
              ${p.rationale ? html`<blockquote class="rationale">${p.rationale}</blockquote>` : nothing}</li>`,
          )}</ol>`
        : html`<p class="empty">No drafts.</p>`}
    </li>`)}</ul>
  </section>`;
}
