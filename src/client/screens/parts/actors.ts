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

const REQUEST_WORDS: Record<string, string> = { takedown: 'Takedown', disclosure: 'Disclosure', preservation: 'Preservation' };
const STAGE_WORDS: Record<string, string> = {
  requested: 'requested, awaiting an answer',
  delayed: 'delayed: an answer next round',
  cooperating: 'cooperating',
  disclosed: 'disclosed',
  refused: 'refused',
};

export function actorsSection(view: ExerciseView): TemplateResult {
  const actors = view.actors;
  const team = view.me?.team;
  if (!actors || !team) return html``;
  const mine = actors.publics.find((p) => p.team === team);
  return html`<section class="panel actors" aria-labelledby="actors-h">
    <h2 id="actors-h">Public and platforms</h2>
    ${mine ? publicPart(mine) : nothing} ${reachPart(actors)} ${platformsPart(view, actors, team)}
  </section>`;
}

function publicPart(p: ActorsView['publics'][number]): TemplateResult {
  return html`<div class="public-opinion">
    <h3>Your public</h3>
    <p class="headline-facts">
      <span><strong>Trust in your account:</strong> <span class="public-trust">${p.trust}</span>/100</span>
      <span><strong>Attention last round:</strong> <span class="public-attention">${p.attention}</span>/100</span>
      <span><strong>Domestic pressure:</strong> ${p.pressure.toFixed(2)} (contentious steps cost ${Math.max(1, Math.round(2 * p.pressure))} political capital)</span>
    </p>
    ${p.why.length ? html`<ul class="public-why">${p.why.map((w) => html`<li>${w}</li>`)}</ul>` : html`<p class="help">Nothing has moved your public yet.</p>`}
  </div>`;
}

function reachPart(actors: ActorsView): TemplateResult {
  if (!actors.reach.length) return html``;
  return html`<p class="reach"><strong>Reach of the adversary's information operations:</strong> ${actors.reach.map((r) => `${r.name} ${r.value}/100`).join('; ')}
    <span class="help">(wider as the publics distrust their governments; platforms' takedowns and disclosures narrow it)</span></p>`;
}

function platformsPart(view: ExerciseView, actors: ActorsView, team: string): TemplateResult {
  if (!actors.platforms.length) return html``;
  const requests = actors.platforms.flatMap((p) => p.requests.map((r) => ({ ...r, platform: p.name })));
  const incidentName = (id: string) => view.incidents.find((i) => i.id === id)?.name ?? id;
  return html`<h3>Platforms and vendors</h3>
    <ul class="platform-duties">${actors.platforms.map((p) => {
      const duties = p.duties.filter((d) => d.teams.includes(team));
      return html`<li><strong>${p.name}</strong>: ${
        duties.length ? duties.map((d) => `${d.duty === 'statutory' ? 'must comply' : 'cooperates voluntarily'} with ${d.requests.join(', ')} (${d.basis})`).join('; ') : 'no duty towards your government: it answers at its discretion'
      }</li>`;
    })}</ul>
    ${requests.length
      ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="Your requests to platforms"><table class="table compact platform-requests">
          <caption>Your requests to platforms</caption>
          <thead><tr><th scope="col">Platform</th><th scope="col">Request</th><th scope="col">Incident</th><th scope="col">Round</th><th scope="col">Stage</th></tr></thead>
          <tbody>${requests.map(
            (r) => html`<tr><th scope="row">${r.platform}</th><td>${REQUEST_WORDS[r.request] ?? r.request}</td><td>${incidentName(r.incident)}</td><td>${r.round}</td><td class="request-stage">${
              STAGE_WORDS[r.stage] ?? r.stage
            }${r.team !== team ? ` (${teamList(view, [r.team])})` : ''}</td></tr>`,
          )}</tbody>
        </table></div>`
      : html`<p class="help">No requests yet: choose a request to a platform in the actions.</p>`}`;
}
