/** The briefing, and a one-line "what now" for the current phase. */
import type { ExerciseView } from '../../../engine/view/types';
import { html, nothing, paragraphs, type TemplateResult } from '../../ui/dom';
import { clockRule, phaseWord } from '../../ui/format';
import { colon, t } from '../../ui/i18n';

export function roundWords(view: ExerciseView): string {
  if (view.phase === 'lobby' || view.phase === 'briefing') return phaseWord(view.phase);
  const title = view.scenario.rounds[view.round - 1]?.title;
  const round = t('situation.roundOf', { round: view.round, rounds: view.scenario.rounds.length });
  return `${round}${title ? `${colon()} ${title}` : ''} · ${phaseWord(view.phase)}${view.paused ? t('situation.paused') : ''}`;
}

const WHAT_NOW: Record<string, (v: ExerciseView) => string> = {
  lobby: () => t('whatNow.lobby'),
  briefing: () => t('whatNow.briefing'),
  deliberation: (v) => (v.paused ? t('whatNow.paused') : `${t('whatNow.deliberation')} ${clockRule()}`),
  results: (v) => (v.outcome || v.round >= v.scenario.rounds.length ? t('whatNow.lastResults') : t('whatNow.results')),
  debrief: () => t('whatNow.debrief'),
};

export function whatNow(view: ExerciseView): TemplateResult {
  return html`<p class="what-now" role="status">${WHAT_NOW[view.phase]?.(view) ?? ''}</p>`;
}

export function briefingSection(view: ExerciseView): TemplateResult {
  const me = view.me;
  if (!me) return html``;
  const open = view.phase === 'lobby' || view.phase === 'briefing';
  return html`<section class="panel briefing" aria-labelledby="briefing-h">
    <details ?open=${open}>
      <summary><h2 id="briefing-h">${t('team.briefingFor', { name: me.name })}</h2></summary>
      ${paragraphs(me.briefing).map((p) => html`<p>${p}</p>`)}
      ${me.legalBases.length ? html`<h3>${t('team.legalBases')}</h3><ul>${me.legalBases.map((b) => html`<li><code class="ref">${b}</code></li>`)}</ul>` : nothing}
      ${me.legalConstraints.length ? html`<h3>${t('team.legalConstraints')}</h3><ul>${me.legalConstraints.map((b) => html`<li>${b}</li>`)}</ul>` : nothing}
      ${view.scenario.learningObjectives.length
        ? html`<h3>${t('team.practises')}</h3><ul>${view.scenario.learningObjectives.map((o) => html`<li>${o.text}</li>`)}</ul>`
        : nothing}
    </details>
  </section>`;
}
