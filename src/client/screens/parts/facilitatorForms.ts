/** The facilitator's forms: ad-hoc injects, announcements, and overrides with a reason. */
import type { Posture } from '../../../engine/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { actionName, postureWord, teamName } from '../../ui/format';
import { POSTURES } from '../../../engine/postures';
import type { Ctx } from '../context';

export function adhocSection(ctx: Ctx): TemplateResult {
  const local = ctx.local;
  const setAudience = (a: typeof local.adhocAudience) => () => {
    local.adhocAudience = a;
    ctx.rerender();
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const teams = data.getAll('team').map(String);
    const audience = local.adhocAudience === 'teams' ? { teams } : local.adhocAudience;
    const inject = { title: String(data.get('title') ?? '').trim(), body: String(data.get('body') ?? '').trim(), audience };
    const answer = await ctx.send('adhoc', { type: 'releaseAdhocInject', inject }, 'Released.');
    if (answer.ok) {
      ctx.drafts.clear('adhoc.title', form);
      ctx.drafts.clear('adhoc.body', form);
    }
  };
  return html`<section class="panel" aria-labelledby="adhoc-h">
    <details>
      <summary><h2 id="adhoc-h">Release an ad-hoc inject</h2></summary>
      <form class="stack" @submit=${submit}>
        <label for="adhoc-title">Title</label>
        <input id="adhoc-title" name="title" required maxlength="200" ${draft(ctx.drafts, 'adhoc.title')} />
        <label for="adhoc-body">Text of the inject</label>
        <textarea id="adhoc-body" name="body" required rows="4" maxlength="4000" ${draft(ctx.drafts, 'adhoc.body')}></textarea>
        <fieldset><legend>Who receives it</legend>
          ${(['all', 'teams', 'facilitator'] as const).map(
            (a) => html`<div class="choice"><input type="radio" name="audience" id=${`aud-${a}`} .checked=${local.adhocAudience === a} @change=${setAudience(a)} />
              <label for=${`aud-${a}`}>${a === 'all' ? 'Everyone' : a === 'teams' ? 'Chosen teams only (private)' : 'Only me (a note in the feed)'}</label></div>
              ${a === 'teams' && local.adhocAudience === 'teams'
                ? html`<div class="indent" role="group" aria-label="Teams that receive it">${ctx.view.teams.map(
                    (t) => html`<div class="choice"><input type="checkbox" name="team" value=${t.id} id=${`aud-team-${t.id}`} />
                      <label for=${`aud-team-${t.id}`}>${t.name}</label></div>`,
                  )}</div>`
                : nothing}`,
          )}
        </fieldset>
        <button class="btn btn--primary" type="submit">Release</button>
        ${answerSlot(ctx.answers, 'adhoc')}
      </form>
    </details>
  </section>`;
}

export function announceSection(ctx: Ctx): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    const answer = await ctx.send('announce', { type: 'announce', text }, 'Announced to everyone.');
    if (answer.ok) ctx.drafts.clear('announce', form);
  };
  return html`<section class="panel" aria-labelledby="announce-h">
    <h2 id="announce-h">Announcement to everyone</h2>
    <form class="stack" @submit=${submit}>
      <label for="announce-text">Announcement text</label>
      <textarea id="announce-text" name="text" required rows="2" maxlength="2000" ${draft(ctx.drafts, 'announce')}></textarea>
      <button class="btn" type="submit">Announce</button>
      ${answerSlot(ctx.answers, 'announce')}
    </form>
  </section>`;
}

export function overridesSection(ctx: Ctx): TemplateResult {
  const kind = ctx.local.overrideKind;
  const pick = (k: typeof kind) => () => {
    ctx.local.overrideKind = k;
    ctx.rerender();
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const reason = String(data.get('reason') ?? '').trim();
    const body =
      kind === 'score'
        ? { type: 'overrideScore' as const, decision: String(data.get('decision') ?? ''), proportionality: Number(data.get('value')), reason }
        : kind === 'posture'
          ? { type: 'overridePosture' as const, posture: String(data.get('posture')) as Posture, reason }
          : { type: 'overrideEscalation' as const, level: Number(data.get('level')), reason };
    const answer = await ctx.send('override', body, 'Overridden, with your reason in the log.');
    if (answer.ok) ctx.drafts.clear('override.reason', form);
  };
  return html`<section class="panel" aria-labelledby="override-h">
    <details>
      <summary><h2 id="override-h">Override an outcome</h2></summary>
      <form class="stack" @submit=${submit}>
        <fieldset><legend>What to override</legend>
          ${(['score', 'posture', 'escalation'] as const).map(
            (k) => html`<div class="choice"><input type="radio" name="kind" id=${`ov-kind-${k}`} .checked=${kind === k} @change=${pick(k)} />
              <label for=${`ov-kind-${k}`}>${k === 'score' ? 'A decision\'s proportionality score' : k === 'posture' ? "The adversary's posture" : 'The escalation level'}</label></div>`,
          )}
        </fieldset>
        ${kind === 'score' ? scoreFields(ctx) : kind === 'posture' ? postureFields(ctx) : escalationFields(ctx)}
        <label for="override-reason">Reason (logged, and shown to everyone)</label>
        <textarea id="override-reason" name="reason" required rows="2" maxlength="2000" ${draft(ctx.drafts, 'override.reason')}></textarea>
        <button class="btn btn--primary" type="submit">Override</button>
        ${answerSlot(ctx.answers, 'override')}
      </form>
    </details>
  </section>`;
}

function scoreFields(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  if (!view.decisions.length) return html`<p class="empty">No decision has been resolved yet.</p>`;
  return html`<label for="ov-decision">Decision</label>
    <select id="ov-decision" name="decision">${[...view.decisions].reverse().map(
      (d) => html`<option value=${d.id}>Round ${d.round}: ${teamName(view, d.team)}, ${actionName(view, d.action)} (${Math.round(d.overridden?.value ?? d.proportionality.value)})</option>`,
    )}</select>
    <label for="ov-value">New proportionality (0 to 100)</label>
    <input id="ov-value" name="value" type="number" min="0" max="100" step="1" required class="narrow-input" />`;
}

function postureFields(ctx: Ctx): TemplateResult {
  return html`<label for="ov-posture">Posture</label>
    <select id="ov-posture" name="posture">${POSTURES.map(
      (p) => html`<option value=${p} ?selected=${p === ctx.view.adversary.posture}>${postureWord(p)}${p === ctx.view.adversary.posture ? ' (now)' : ''}</option>`,
    )}</select>`;
}

function escalationFields(ctx: Ctx): TemplateResult {
  return html`<label for="ov-level">Escalation level</label>
    <select id="ov-level" name="level">${ctx.view.scenario.ladder.map(
      (r) => html`<option value=${r.level} ?selected=${r.level === ctx.view.escalation.level}>${r.level}: ${r.label}${r.level === ctx.view.escalation.level ? ' (now)' : ''}</option>`,
    )}</select>`;
}
