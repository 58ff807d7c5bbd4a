/**
 * A government team's screen. While the round runs the task comes first:
 * proposals to answer, the actions to choose from, then the plan and its
 * lock (so Lock follows the actions in tab order); the briefing (folded)
 * and the board come after.
 */
import { html, nothing, type TemplateResult } from '../ui/dom';
import type { Ctx } from './context';
import { t } from '../ui/i18n';
import { actorsSection } from './parts/actors';
import { wideBoard } from './parts/board';
import { evasionSection } from './parts/evasion';
import { catalogueSection } from './parts/catalogue';
import { chatSection } from './parts/chat';
import { feedSection } from './parts/feed';
import { intelSection, planSection, proposalsSection } from './parts/plan';
import { normsSection } from './parts/norms';
import { presenceList } from './parts/presence';
import { resultsSection } from './parts/results';
import { briefingSection, whatNow } from './parts/situation';

export function teamScreen(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const deciding = view.phase === 'deliberation';
  const resultsFirst = view.phase === 'results';
  const team = view.me?.team;
  return html`<main id="main" tabindex="-1" class="layout two-col team-screen">
    <div class="col-main">
      <h1 class="visually-hidden">${view.me?.name ?? 'Team'}: ${view.scenario.title}</h1>
      ${whatNow(view)}
      ${resultsFirst ? resultsSection(view) : nothing}
      ${deciding ? html`${proposalsSection(ctx)} ${catalogueSection(ctx)} ${planSection(ctx)} ${intelSection(ctx)} ${normsSection(view)} ${evasionSection(view)} ${actorsSection(view)}` : nothing}
      ${briefingSection(view)}
      ${!deciding && view.phase !== 'lobby' && view.phase !== 'briefing' ? html`${planSection(ctx)} ${intelSection(ctx)} ${normsSection(view)} ${evasionSection(view)} ${actorsSection(view)}` : nothing}
      ${resultsFirst ? nothing : resultsSection(view)}
    </div>
    <div class="side-track"><aside class="col-side" tabindex="0" aria-label=${t('team.injectsAndChat')}>
      ${feedSection(ctx, t('team.injects'))}
      ${chatSection(ctx)}
      <section class="panel" aria-labelledby="team-presence-h">
        <h2 id="team-presence-h">${t('team.yourTeam')}</h2>
        ${presenceList(view, ctx.session.presence, (s) => s.role === 'team' && s.team === team)}
      </section>
    </aside></div>
    ${wideBoard(ctx.board, view)}
  </main>`;
}
