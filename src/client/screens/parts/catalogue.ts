/**
 * The action catalogue: every action this government may take, with its
 * cost, prerequisites, legal basis, precedent, why it is unavailable now,
 * and the server's estimate of its proportionality; and for each, a form
 * to draft it (incident, procedural options, rationale) or to propose it
 * to the coalition.
 */
import type { ActionView, ExerciseView } from '../../../engine/view/types';
import { answerSlot } from '../../ui/answers';
import { domId, html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { CONFIDENCE_WORDS, costWords, humanize, ladderLabel, PROCEDURE_WORDS, procedureWord, SPILLOVER_WORDS } from '../../ui/format';
import type { Ctx } from '../context';
import { request } from '../../net/connection';
import { scoreDetails } from './results';

const MAX_RATIONALE = 4000;

export function catalogueSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const actions = ctx.local.showUnavailable ? view.actions : view.actions.filter((a) => a.availability?.available);
  const toggle = () => {
    ctx.local.showUnavailable = !ctx.local.showUnavailable;
    ctx.rerender();
  };
  return html`<section class="panel catalogue" aria-labelledby="catalogue-h">
    <h2 id="catalogue-h">Actions you can take</h2>
    <p class="help">Open an action to see its details, choose an incident and procedures, write your rationale and add it to your plan.
      You may take up to ${view.scenario.maxActionsPerRound} actions a round.</p>
    <label class="inline"><input type="checkbox" .checked=${ctx.local.showUnavailable} @change=${toggle} /> Show actions that are unavailable now</label>
    <ul class="action-list">${repeat(actions, (a) => a.id, (a) => actionItem(ctx, a))}</ul>
  </section>`;
}

function selectedIncident(ctx: Ctx, a: ActionView): string | null {
  if (!a.targetsIncident) return null;
  const by = a.availability?.byIncident ?? {};
  const chosen = ctx.local.incidentFor[a.id];
  if (chosen && by[chosen]) return chosen;
  return Object.entries(by).find(([, e]) => e.available)?.[0] ?? Object.keys(by)[0] ?? null;
}

function status(a: ActionView, incident: string | null) {
  const av = a.availability;
  const entry = incident ? av?.byIncident[incident] : undefined;
  const available = entry ? entry.available : (av?.available ?? false);
  const reason = entry ? entry.reason : (av?.reason ?? null);
  const preview = entry ? entry.proportionalityPreview : (av?.proportionalityPreview ?? null);
  return { available, reason, preview };
}

function actionItem(ctx: Ctx, a: ActionView): TemplateResult {
  const incident = selectedIncident(ctx, a);
  const s = status(a, incident);
  return html`<li class="action ${s.available ? '' : 'action--unavailable'}">
    <details>
      <summary>
        <span class="action-name">${a.name}</span>
        <span class="badge ${s.available ? 'badge--ok' : 'badge--no'}">${s.available ? '✓ Available' : '✕ Unavailable now'}</span>
        <span class="meta">${costWords(a.cost)} · rung ${a.rung}${s.preview !== null ? ` · est. proportionality ${Math.round(s.preview)}` : ''}</span>
      </summary>
      ${actionDetails(ctx.view, a, s)}
      ${draftForm(ctx, a, incident, s.available)}
    </details>
  </li>`;
}

function actionDetails(view: ExerciseView, a: ActionView, s: ReturnType<typeof status>): TemplateResult {
  return html`<div class="action-body">
    ${a.description ? html`<p>${a.description}</p>` : nothing}
    ${s.available ? nothing : html`<p class="reason"><strong>Why not now:</strong> ${s.reason ?? 'Not available.'}</p>`}
    <dl class="facts two-col">
      <dt>Cost</dt><dd>${costWords(a.cost)}</dd>
      <dt>Legal basis</dt><dd>${a.legalBasis ? html`<code class="ref">${a.legalBasis}</code>` : 'Not stated'}</dd>
      <dt>Precedent</dt><dd>${a.precedent ?? 'None recorded'}</dd>
      <dt>Prerequisites</dt><dd>${a.prerequisiteText ?? 'None'}</dd>
      <dt>Needs confidence</dt><dd>${CONFIDENCE_WORDS[a.minConfidence] ?? a.minConfidence}${a.requiresStateAttribution ? ', and attribution to the state' : ''}</dd>
      <dt>Escalation rung</dt><dd>${a.rung}: ${ladderLabel(view, a.rung)} (severity ${a.severity})</dd>
      <dt>Reversibility</dt><dd>${Math.round(a.reversibility * 100)}%</dd>
      <dt>Spillover</dt><dd>${SPILLOVER_WORDS[a.spillover] ?? humanize(a.spillover)}</dd>
      <dt>Type</dt><dd>${humanize(a.responseType)}${a.joinable ? ', can be taken jointly' : ''}</dd>
      <dt>Proportionality estimate</dt>
      <dd>${s.preview !== null ? html`${Math.round(s.preview)}/100 <span class="help">(the server's estimate with the best procedural options; the round's result decides)</span>` : 'No estimate'}</dd>
    </dl>
  </div>`;
}

function draftForm(ctx: Ctx, a: ActionView, incident: string | null, available: boolean): TemplateResult {
  const id = domId('act', a.id);
  const key = `draft-${a.id}`;
  const field = `rationale.${a.id}`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const joint = (event.submitter as HTMLButtonElement | null)?.value === 'joint';
    void sendDraft(ctx, a, event.currentTarget as HTMLFormElement, joint);
  };
  const onChange = (event: Event) => void previewDraft(ctx, a, event.currentTarget as HTMLFormElement);
  return html`<form class="draft-form stack" @submit=${submit} @change=${onChange} aria-label=${`Draft: ${a.name}`}>
    ${a.targetsIncident ? incidentPicker(ctx, a, incident, id) : nothing}
    ${a.procedures.length
      ? html`<fieldset><legend>Procedural options</legend>
          ${a.procedures.map(
            (p) => html`<div class="choice"><input type="checkbox" name="procedure" value=${p} id=${`${id}-${p}`} />
              <label for=${`${id}-${p}`}>${procedureWord(p)} <span class="help">${PROCEDURE_WORDS[p]?.help ?? ''}</span></label></div>`,
          )}</fieldset>`
      : nothing}
    ${previewPanel(ctx, a)}
    <label for=${`${id}-why`}>Rationale: why this, why now <span class="help">(your government's own until the debrief, a proposal's too)</span></label>
    <textarea id=${`${id}-why`} name="rationale" rows="3" maxlength=${MAX_RATIONALE} ${draft(ctx.drafts, field)}></textarea>
    <div class="row">
      <button class="btn btn--primary" type="submit" value="plan" aria-describedby=${`answer-${key}`}>Add to our plan</button>
      ${a.joinable ? html`<button class="btn" type="submit" value="joint" aria-describedby=${`answer-${key}`}>Propose to the coalition</button>` : nothing}
      ${available ? nothing : html`<span class="help">The server will refuse it for now, and say why.</span>`}
    </div>
    ${answerSlot(ctx.answers, key)}
  </form>`;
}

function draftOf(a: ActionView, form: HTMLFormElement) {
  const data = new FormData(form);
  const options = Object.fromEntries(data.getAll('procedure').map((p) => [String(p), true]));
  const incident = data.get('incident');
  return { action: a.id, ...(incident ? { incident: String(incident) } : {}), ...(Object.keys(options).length ? { options } : {}) };
}

/** Asks the server what the draft, as composed now, would score; the newest answer wins. */
async function previewDraft(ctx: Ctx, a: ActionView, form: HTMLFormElement): Promise<void> {
  const draftNow = draftOf(a, form);
  const key = JSON.stringify(draftNow);
  if (ctx.local.previews[a.id]?.key === key) return;
  ctx.local.previews[a.id] = { key, answer: null };
  const answer = await request('decision:preview', { draft: draftNow });
  if (ctx.local.previews[a.id]?.key !== key) return;
  ctx.local.previews[a.id] = { key, answer };
  ctx.rerender();
}

function previewPanel(ctx: Ctx, a: ActionView): TemplateResult {
  const answer = ctx.local.previews[a.id]?.answer;
  return html`<div class="preview" role="status" aria-live="polite">
    ${answer?.ok
      ? html`<p><strong>With these options: ${answer.score.value}/100</strong>${answer.legallyExposed ? ' (legally exposed)' : ''}
            <span class="help">the server's estimate if it resolved now</span></p>
          ${answer.problem ? html`<p class="reason">${answer.problem}</p>` : nothing}
          ${scoreDetails(answer.score, 'Why this estimate')}`
      : answer
        ? html`<p class="reason">${answer.message}</p>`
        : html`<p class="help">Choose options to see the estimate for exactly this draft.</p>`}
  </div>`;
}

function incidentPicker(ctx: Ctx, a: ActionView, incident: string | null, id: string): TemplateResult {
  const by = a.availability?.byIncident ?? {};
  const entries = Object.entries(by);
  if (!entries.length) return html`<p class="reason">No incident has come to light yet.</p>`;
  const onChange = (event: Event) => {
    ctx.local.incidentFor[a.id] = (event.currentTarget as HTMLSelectElement).value;
    ctx.rerender();
  };
  return html`<label for=${`${id}-inc`}>Incident</label>
    <select id=${`${id}-inc`} name="incident" @change=${onChange} .value=${incident ?? ''}>
      ${entries.map(([inc, e]) => {
        const name = ctx.view.incidents.find((i) => i.id === inc)?.name ?? inc;
        return html`<option value=${inc} ?selected=${inc === incident}>${name}${e.available ? '' : ' (unavailable)'}</option>`;
      })}
    </select>`;
}

async function sendDraft(ctx: Ctx, a: ActionView, form: HTMLFormElement, joint: boolean): Promise<void> {
  const rationale = String(new FormData(form).get('rationale') ?? '');
  const draftBody = { ...draftOf(a, form), ...(rationale.trim() ? { rationale } : {}) };
  const key = `draft-${a.id}`;
  const answer = joint
    ? await ctx.send(key, { type: 'proposeJoint', draft: draftBody }, `Proposed to the coalition, and added to your plan.`)
    : await ctx.send(key, { type: 'draftDecision', draft: draftBody }, `Added to your plan.`);
  if (answer.ok) {
    ctx.drafts.clear(`rationale.${a.id}`, form);
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=procedure]')) box.checked = false;
    delete ctx.local.previews[a.id];
  }
}
