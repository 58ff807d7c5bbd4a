/**
 * The norms panel of a team's screen: the norm and what it protects, where
 * the track stands and what it now costs the adversary to strike a
 * protected target, who raised, endorsed and reported, and the rounds in
 * which the adversary held back. The steps themselves are actions in the
 * catalogue; this panel shows where they have got to.
 */
import type { ExerciseView, NormsView } from '../../../engine/view/types';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { teamList } from '../../ui/format';
import { colon, t } from '../../ui/i18n';
import { localTerm, percent } from '../../ui/engineText';

export function normsSection(view: ExerciseView): TemplateResult {
  const norms = view.norms;
  if (!norms) return html``;
  const adversary = view.scenario.adversaryName;
  const stages = norms.stages.map((s) => s.id);
  const reached = stages.indexOf(norms.stage);
  return html`<section class="panel norms" aria-labelledby="norms-h">
    <h2 id="norms-h">${t('norms.title')}</h2>
    <p class="help">${t('norms.help', { norm: norms.norm, adversary })}</p>
    <p><strong>${norms.norm}</strong>${colon()} ${norms.text}</p>
    <p class="norms-stage"><strong>${t('norms.track')}${colon()}</strong> ${stageWords(norms.stage)} ·
      ${t('norms.cost', { adversary, cost: Math.round(norms.cost * 100) })}</p>
    <ol class="norms-track" aria-label=${t('norms.track')}>
      ${norms.stages.map(
        (s, i) => html`<li class=${i <= reached ? 'reached' : ''} aria-current=${s.id === norms.stage ? 'step' : nothing}>${stageWords(s.id)} (${percent(s.cost)})</li>`,
      )}
    </ol>
    <p><strong>${t('norms.protectedList')}${colon()}</strong></p>
    <ul class="norms-protected">${norms.protected.map((p) => html`<li><strong>${localTerm(p.words)}</strong>${colon()} ${p.why}</li>`)}</ul>
    ${history(view, norms)}
  </section>`;
}

function stageWords(stage: string): string {
  return t(`norms.stage_${stage}`);
}

/** Who raised, endorsed and reported, and when the adversary held back. */
function history(view: ExerciseView, norms: NormsView): TemplateResult {
  const adversary = view.scenario.adversaryName;
  return html`<ul class="norms-history">
    ${norms.raised.map((r) => html`<li>${t('norms.raisedIn', { forum: r.forumName, team: teamList(view, [r.team]), round: r.round })}</li>`)}
    <li>${t('norms.endorsedBy', { names: norms.endorsers.length ? teamList(view, norms.endorsers) : t('norms.none') })}</li>
    <li>${t('norms.reports', { count: norms.reports.length })}</li>
    ${norms.heldBack.length ? html`<li class="norms-held">${t('norms.heldBack', { adversary, rounds: norms.heldBack.join(', ') })}</li>` : nothing}
  </ul>`;
}

/** The line under an incident that struck a protected target. */
export function struckLine(view: ExerciseView, targets: string[] | undefined): TemplateResult | typeof nothing {
  if (!targets?.length || !view.norms) return nothing;
  return html`<p class="help norms-struck">${t('norms.struck', { targets: targets.map(localTerm).join(', '), norm: view.norms.norm })}</p>`;
}
