/**
 * Actors beyond governments, on a team's screen (scenarios with
 * publicOpinion or platforms): its public's trust and attention and why
 * they moved, the reach of the adversary's information operations, and the
 * platforms with their duties towards this government and its requests.
 * Requests are sent through the action catalogue like any decision.
 */
import type { ActorsView, ExerciseView } from '../../../engine/view/types';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { teamList } from '../../ui/format';
import { colon, t } from '../../ui/i18n';
import { formatNumber } from '../../ui/numbers';

const REQUESTS = ['takedown', 'disclosure', 'preservation'];
const STAGES = ['requested', 'delayed', 'cooperating', 'disclosed', 'refused'];

const requestWord = (r: string): string => (REQUESTS.includes(r) ? t(`actors.request_${r}`) : r);
const requestWords = (list: string[]): string => list.map((r) => (REQUESTS.includes(r) ? t(`actors.requestLower_${r}`) : r)).join(', ');

export function actorsSection(view: ExerciseView): TemplateResult {
  const actors = view.actors;
  const team = view.me?.team;
  if (!actors || !team) return html``;
  const mine = actors.publics.find((p) => p.team === team);
  return html`<section class="panel actors" aria-labelledby="actors-h">
    <h2 id="actors-h">${t('actors.title')}</h2>
    ${mine ? publicPart(mine) : nothing} ${reachPart(actors)} ${platformsPart(view, actors, team)}
  </section>`;
}

function publicPart(p: ActorsView['publics'][number]): TemplateResult {
  return html`<div class="public-opinion">
    <h3>${t('actors.yourPublic')}</h3>
    <p class="headline-facts">
      <span><strong>${t('actors.trust')}</strong> <span class="public-trust">${p.trust}</span>/100</span>
      <span><strong>${t('actors.attention')}</strong> <span class="public-attention">${p.attention}</span>/100</span>
      <span><strong>${t('actors.pressure')}</strong> ${t('actors.pressureWords', { pressure: formatNumber(p.pressure, 2), capital: Math.max(1, Math.round(2 * p.pressure)) })}</span>
    </p>
    ${p.why.length ? html`<ul class="public-why">${p.why.map((w) => html`<li>${w}</li>`)}</ul>` : html`<p class="help">${t('actors.unmoved')}</p>`}
  </div>`;
}

function reachPart(actors: ActorsView): TemplateResult {
  if (!actors.reach.length) return html``;
  return html`<p class="reach"><strong>${t('actors.reach')}</strong> ${actors.reach.map((r) => `${r.name} ${r.value}/100`).join('; ')}
    <span class="help">${t('actors.reachHelp')}</span></p>`;
}

function platformsPart(view: ExerciseView, actors: ActorsView, team: string): TemplateResult {
  if (!actors.platforms.length) return html``;
  const requests = actors.platforms.flatMap((p) => p.requests.map((r) => ({ ...r, platform: p.name })));
  const incidentName = (id: string) => view.incidents.find((i) => i.id === id)?.name ?? id;
  return html`<h3>${t('actors.platforms')}</h3>
    <ul class="platform-duties">${actors.platforms.map((p) => {
      const duties = p.duties.filter((d) => d.teams.includes(team));
      return html`<li><strong>${p.name}</strong>${colon()} ${
        duties.length
          ? duties
              .map((d) => t(d.duty === 'statutory' ? 'actors.dutyStatutory' : 'actors.dutyVoluntary', { requests: requestWords(d.requests), basis: d.basis }))
              .join('; ')
          : t('actors.noDuty')
      }</li>`;
    })}</ul>
    ${requests.length
      ? html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('actors.requests')}><table class="table compact platform-requests">
          <caption>${t('actors.requests')}</caption>
          <thead><tr><th scope="col">${t('actors.platform')}</th><th scope="col">${t('actors.request')}</th><th scope="col">${t('actors.incident')}</th><th scope="col">${t('actors.round')}</th><th scope="col">${t('actors.stage')}</th></tr></thead>
          <tbody>${requests.map(
            (r) => html`<tr><th scope="row">${r.platform}</th><td>${requestWord(r.request)}</td><td>${incidentName(r.incident)}</td><td>${r.round}</td><td class="request-stage">${
              STAGES.includes(r.stage) ? t(`actors.stage_${r.stage}`) : r.stage
            }${r.team !== team ? ` (${teamList(view, [r.team])})` : ''}</td></tr>`,
          )}</tbody>
        </table></div>`
      : html`<p class="help">${t('actors.noRequests')}</p>`}`;
}
