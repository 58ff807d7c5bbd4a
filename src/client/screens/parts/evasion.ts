/**
 * The evasion channels a government knows of (view.evasion,
 * scenario.sanctions.evasion): how far each leaks the sanctions' bite, who
 * is exposed to it, and the enforcement taken on it with what designations
 * cost the exposed. The steps themselves are actions in the catalogue.
 */
import type { ExerciseView } from '../../../engine/view/types';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { teamList, teamName } from '../../ui/format';

type Channel = ExerciseView['evasion'][number];

const STAGES: Record<string, string> = {
  dormant: 'not in use',
  open: 'open',
  narrowed: 'narrowed by enforcement',
  closed: 'closed by enforcement',
};

const STEPS: Record<string, string> = {
  screen: 'screens for it',
  designate: 'designates its facilitators',
  shareInformation: 'shares what it knows of it',
};

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function evasionSection(view: ExerciseView): TemplateResult {
  if (!view.evasion.length) return html``;
  const help = view.me
    ? 'The channels your government knows of through which the adversary routes around the sanctions in force. Screening binds the firms in your own jurisdiction; a designation of the facilitators costs the allies whose firms serve them, so consult them first (share what you know, or designate jointly).'
    : 'Every channel through which the adversary may route around the sanctions, dormant ones included; each government sees those it knows of (the exposed when a channel opens, everyone once it is shared or designated).';
  return html`<section class="panel evasion" aria-labelledby="evasion-h">
    <h2 id="evasion-h">Sanctions evasion</h2>
    <p class="help">${help}</p>
    <ul class="evasion-list">${view.evasion.map((c) => channelItem(view, c))}</ul>
  </section>`;
}

function channelItem(view: ExerciseView, c: Channel): TemplateResult {
  const since = c.opened === null ? '' : c.stage === 'open' ? ` since round ${c.opened}` : c.stage === 'narrowed' ? ` (open since round ${c.opened})` : '';
  return html`<li class="evasion-channel" data-channel=${c.id}>
    <h3>${c.name}</h3>
    ${c.description ? html`<p>${c.description}</p>` : nothing}
    <p><strong>Stage:</strong> <span class="evasion-stage">${STAGES[c.stage] ?? c.stage}${since}</span>
      · <strong>Leaking:</strong> ${pct(c.leak)} of the sanctions' bite
      · <strong>Enforcement pressure:</strong> ${c.pressure} (narrows at ${c.narrowAt}, closes at ${c.closeAt})</p>
    ${c.exposed.length
      ? html`<p class="help">Exposed: ${c.exposed.map((e) => `${teamName(view, e.team)} (${pct(e.share)} of the flows${e.basis ? `: ${e.basis}` : ''})`).join('; ')}.</p>`
      : nothing}
    ${c.steps.length ? html`<ul class="evasion-steps">${c.steps.map((s) => html`<li>${stepWords(view, s)}</li>`)}</ul>` : nothing}
  </li>`;
}

function stepWords(view: ExerciseView, s: Channel['steps'][number]): string {
  const base = `Round ${s.round}: ${teamName(view, s.team)} ${STEPS[s.step] ?? s.step}${s.counted ? '' : ' (not biting yet)'}`;
  if (!s.costs?.length) return `${base}.`;
  const costs = s.costs.map((c) => `${teamName(view, c.team)} ${c.cost}${c.consulted ? ', consulted' : ', not consulted'}`);
  const unconsulted = s.costs.filter((c) => !c.consulted).map((c) => c.team);
  return `${base}; cost to the exposed: ${costs.join('; ')}${unconsulted.length ? ` (imposed over the exposure of ${teamList(view, unconsulted)} without consulting them)` : ''}.`;
}
