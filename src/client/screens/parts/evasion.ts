/**
 * The evasion channels a government knows of (view.evasion,
 * scenario.sanctions.evasion): how far each leaks the sanctions' bite, who
 * is exposed to it, and the enforcement taken on it with what designations
 * cost the exposed. The steps themselves are actions in the catalogue.
 */
import type { ExerciseView } from '../../../engine/view/types';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { teamList, teamName } from '../../ui/format';
import { t } from '../../ui/i18n';
import { formatPercent } from '../../ui/numbers';

type Channel = ExerciseView['evasion'][number];

const STAGES = ['dormant', 'open', 'narrowed', 'closed'];
const STEPS = ['screen', 'designate', 'shareInformation'];

const pct = (x: number): string => formatPercent(x, 1);

export function evasionSection(view: ExerciseView): TemplateResult {
  if (!view.evasion.length) return html``;
  return html`<section class="panel evasion" aria-labelledby="evasion-h">
    <h2 id="evasion-h">${t('evasion.title')}</h2>
    <p class="help">${t(view.me ? 'evasion.helpTeam' : 'evasion.helpAll')}</p>
    <ul class="evasion-list">${view.evasion.map((c) => channelItem(view, c))}</ul>
  </section>`;
}

function stageWords(c: Channel): string {
  const stage = STAGES.includes(c.stage) ? t(`evasion.stage_${c.stage}`) : c.stage;
  if (c.opened === null) return stage;
  if (c.stage === 'open') return t('evasion.openSince', { stage, round: c.opened });
  if (c.stage === 'narrowed') return t('evasion.narrowedSince', { stage, round: c.opened });
  return stage;
}

function channelItem(view: ExerciseView, c: Channel): TemplateResult {
  return html`<li class="evasion-channel" data-channel=${c.id}>
    <h3>${c.name}</h3>
    ${c.description ? html`<p>${c.description}</p>` : nothing}
    <p><strong>${t('evasion.stage')}</strong> <span class="evasion-stage">${stageWords(c)}</span>
      · <strong>${t('evasion.leaking')}</strong> ${t('evasion.leak', { share: pct(c.leak) })}
      · <strong>${t('evasion.pressure')}</strong> ${t('evasion.pressureWords', { pressure: c.pressure, narrow: c.narrowAt, close: c.closeAt })}</p>
    ${c.exposed.length
      ? html`<p class="help">${t('evasion.exposed', {
          list: c.exposed
            .map((e) => t(e.basis ? 'evasion.exposedBasis' : 'evasion.exposedShare', { team: teamName(view, e.team), share: pct(e.share), basis: e.basis }))
            .join('; '),
        })}</p>`
      : nothing}
    ${c.steps.length ? html`<ul class="evasion-steps">${c.steps.map((s) => html`<li>${stepWords(view, s)}</li>`)}</ul>` : nothing}
  </li>`;
}

function stepWords(view: ExerciseView, s: Channel['steps'][number]): string {
  const step = STEPS.includes(s.step) ? t(`evasion.step_${s.step}`) : s.step;
  const base = t(s.counted ? 'evasion.stepLine' : 'evasion.stepLineNotYet', { round: s.round, team: teamName(view, s.team), step });
  if (!s.costs?.length) return t('evasion.stepEnd', { base });
  const costs = s.costs.map((c) => t(c.consulted ? 'evasion.costConsulted' : 'evasion.costNotConsulted', { team: teamName(view, c.team), cost: c.cost }));
  const unconsulted = s.costs.filter((c) => !c.consulted).map((c) => c.team);
  return t(unconsulted.length ? 'evasion.stepCostsImposed' : 'evasion.stepCosts', { base, costs: costs.join('; '), teams: unconsulted.length ? teamList(view, unconsulted) : '' });
}
