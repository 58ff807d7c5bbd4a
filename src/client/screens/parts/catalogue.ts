/**
 * The action catalogue: every action this government may take, with its
 * cost, prerequisites, legal basis, precedent, why it is unavailable now,
 * and the server's estimate of its proportionality; and for each, a form
 * to draft it (incident, procedural options, rationale) or to propose it
 * to the coalition.
 */
import type { ActionView, ExerciseView } from '../../../engine/view/types';
import { answerSlot, refusalSentence } from '../../ui/answers';
import { domId, html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { confidenceWord, costWords, EXCLUSIVE_PROCEDURES, instrumentOrder, instrumentWord, ladderLabel, procedureHelp, procedureWord, responseTypeWord, spilloverWord } from '../../ui/format';
import type { Ctx } from '../context';
import { colon, t } from '../../ui/i18n';
import { termLink } from './help';
import { request } from '../../net/connection';
import { scoreDetails } from './results';
import { engineText } from '../../ui/engineText';
import type { EngineMessage } from '../../../engine/messages';

const MAX_RATIONALE = 4000;

export function catalogueSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const { instrument, search } = ctx.local;
  const words = search.trim().toLowerCase();
  const matches = (a: ActionView) =>
    (!instrument || a.category === instrument) && (!words || `${a.name} ${a.description}`.toLowerCase().includes(words));
  const shown = view.actions.filter(matches);
  const inPlan = new Set((view.teams.find((t) => t.id === view.me?.team)?.plan ?? []).map((p) => p.action));
  // An action already in the plan stays where it was, marked as such: not among the unavailable ones.
  const open = (a: ActionView) => a.availability?.available || inPlan.has(a.id);
  const available = shown.filter(open);
  const unavailable = shown.filter((a) => !open(a));
  const instruments = [...new Set(view.actions.map((a) => a.category))].sort((a, b) => instrumentOrder(a) - instrumentOrder(b) || a.localeCompare(b));
  const setFilter = (event: Event) => {
    ctx.local.instrument = (event.currentTarget as HTMLSelectElement).value;
    ctx.rerender();
  };
  const setSearch = (event: Event) => {
    ctx.local.search = (event.currentTarget as HTMLInputElement).value;
    ctx.rerender();
  };
  return html`<section class="panel catalogue" aria-labelledby="catalogue-h">
    <h2 id="catalogue-h">${t('team.actions')}</h2>
    <p class="help">${t('team.actionsHelp', { count: view.scenario.maxActionsPerRound })}</p>
    <div class="filters" role="search" aria-label=${t('team.filter')}>
      <label>${t('team.instrument')}
        <select @change=${setFilter} .value=${instrument}>
          <option value="" ?selected=${!instrument}>${t('team.allInstruments')}</option>
          ${instruments.map((c) => html`<option value=${c} ?selected=${c === instrument}>${instrumentWord(c)}</option>`)}
        </select></label>
      <label>${t('team.search')} <input type="search" .value=${search} @input=${setSearch} placeholder=${t('team.searchPlaceholder')} /></label>
    </div>
    <p class="help" role="status">${t(instrument || words ? 'team.countsFiltered' : 'team.counts', { available: available.length, unavailable: unavailable.length })}</p>
    ${repeat(
      groupByInstrument(available),
      ([category]) => category,
      ([category, actions]) => html`<h3 class="instrument">${instrumentWord(category)}</h3>
        <ul class="action-list">${repeat(actions, (a) => a.id, (a) => actionItem(ctx, a, inPlan.has(a.id)))}</ul>`,
    )}
    ${unavailable.length
      ? html`<details class="unavailable">
          <summary>${t('team.unavailable', { count: unavailable.length })}</summary>
          <ul class="action-list">${repeat(unavailable, (a) => a.id, (a) => actionItem(ctx, a, inPlan.has(a.id)))}</ul>
        </details>`
      : nothing}
  </section>`;
}

/** Actions by instrument, instruments in the catalogue's order. */
function groupByInstrument(actions: ActionView[]): [string, ActionView[]][] {
  const groups = new Map<string, ActionView[]>();
  for (const a of actions) groups.set(a.category, [...(groups.get(a.category) ?? []), a]);
  return [...groups.entries()].sort(([a], [b]) => instrumentOrder(a) - instrumentOrder(b) || a.localeCompare(b));
}

function selectedIncident(ctx: Ctx, a: ActionView): string | null {
  if (!a.targetsIncident) return null;
  const by = a.availability?.byIncident ?? {};
  const chosen = ctx.local.incidentFor[a.id];
  if (chosen && by[chosen]) return chosen;
  return Object.entries(by).find(([, e]) => e.available)?.[0] ?? Object.keys(by)[0] ?? null;
}

/** Why an action is unavailable, in the chosen language. */
function engineReason(r: { reason: string | null; reasonMessages: EngineMessage[] | null }): string | null {
  return r.reason === null ? null : engineText(r.reason, r.reasonMessages);
}

function status(a: ActionView, incident: string | null) {
  const av = a.availability;
  const entry = incident ? av?.byIncident[incident] : undefined;
  const available = entry ? entry.available : (av?.available ?? false);
  const reason = entry ? engineReason(entry) : av ? engineReason(av) : null;
  const preview = entry ? entry.proportionalityPreview : (av?.proportionalityPreview ?? null);
  return { available, reason, preview };
}

function actionItem(ctx: Ctx, a: ActionView, inPlan: boolean): TemplateResult {
  const incident = selectedIncident(ctx, a);
  const s = status(a, incident);
  const blocked = !s.available && !inPlan;
  return html`<li class="action ${blocked ? 'action--unavailable' : ''}">
    <details>
      <summary>
        <span class="action-name">${a.name}</span>
        ${inPlan ? html`<span class="badge badge--plan">${t('catalogue.inPlan')}</span>` : nothing}
        ${blocked ? html`<span class="badge badge--no">${t('catalogue.unavailable')}</span>` : nothing}
        <span class="meta">${costWords(a.cost)} · ${t('catalogue.rung', { rung: a.rung })}${s.preview !== null ? ` · ${t('catalogue.estimate', { value: Math.round(s.preview) })}` : ''}</span>
        ${blocked ? html`<span class="why-not">${s.reason ?? t('catalogue.notAvailable')}</span>` : nothing}
      </summary>
      ${actionDetails(ctx.view, a, s)}
      ${draftForm(ctx, a, incident, s.available)}
    </details>
  </li>`;
}

function actionDetails(view: ExerciseView, a: ActionView, s: ReturnType<typeof status>): TemplateResult {
  return html`<div class="action-body">
    ${a.description ? html`<p>${a.description}</p>` : nothing}
    ${s.available ? nothing : html`<p class="reason"><strong>${t('catalogue.whyNot')}</strong> ${s.reason ?? t('catalogue.notAvailable')}</p>`}
    <dl class="facts two-col">
      <dt>${t('catalogue.cost')}</dt><dd>${costWords(a.cost)}</dd>
      <dt>${t('catalogue.legalBasis')}</dt><dd>${a.legalBasis ? html`<code class="ref">${a.legalBasis}</code>` : t('catalogue.notStated')}</dd>
      <dt>${t('catalogue.precedent')}</dt><dd>${a.precedent ?? t('catalogue.noPrecedent')}</dd>
      <dt>${t('catalogue.prerequisites')}</dt><dd>${a.prerequisiteText ?? t('catalogue.noPrerequisites')}</dd>
      <dt>${t('catalogue.needs')}${termLink('confidence', t('catalogue.confidence'))}</dt><dd>${confidenceWord(a.minConfidence)}${a.requiresStateAttribution ? t('catalogue.andState') : ''}</dd>
      <dt>${t('catalogue.rungBefore')}${termLink('rung', t('catalogue.rungTerm'))}${t('catalogue.rungAfter')}</dt><dd>${a.rung}${colon()} ${ladderLabel(view, a.rung)} (${t('catalogue.severity', { value: a.severity })})</dd>
      <dt>${t('catalogue.reversibility')}</dt><dd>${Math.round(a.reversibility * 100)}%</dd>
      <dt>${termLink('spillover', t('catalogue.spillover'))}</dt><dd>${spilloverWord(a.spillover)}</dd>
      <dt>${t('catalogue.type')}</dt><dd>${a.responseType === 'retorsion' || a.responseType === 'countermeasure' ? termLink(a.responseType, responseTypeWord(a.responseType)) : responseTypeWord(a.responseType)}${a.joinable ? t('catalogue.jointly') : ''}</dd>
      <dt>${t('catalogue.estimateH')}</dt>
      <dd>${s.preview !== null ? html`${Math.round(s.preview)}/100 <span class="help">${t('catalogue.estimateHelp')}</span>` : t('catalogue.noEstimate')}</dd>
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
  const onChange = (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    excludeContradictions(form, event.target);
    void previewDraft(ctx, a, form);
  };
  return html`<form class="draft-form stack" @submit=${submit} @change=${onChange} aria-label=${t('catalogue.draft', { name: a.name })}>
    ${a.targetsIncident ? incidentPicker(ctx, a, incident, id) : nothing}
    ${a.procedures.length
      ? html`<fieldset><legend>${t('catalogue.procedures')}</legend>
          ${a.procedures.map(
            (p) => html`<div class="choice"><input type="checkbox" name="procedure" value=${p} id=${`${id}-${p}`} />
              <label for=${`${id}-${p}`}>${procedureWord(p)} <span class="help">${procedureHelp(p)}</span>
                <span class="help excluded" id=${`${id}-${p}-excluded`}></span></label></div>`,
          )}</fieldset>`
      : nothing}
    ${previewPanel(ctx, a)}
    <label for=${`${id}-why`}>${t('team.rationale')} <span class="help">${t('team.rationaleHelp')}</span></label>
    <textarea id=${`${id}-why`} name="rationale" rows="3" maxlength=${MAX_RATIONALE} ${draft(ctx.drafts, field)}></textarea>
    <p class="help" id=${`${id}-how`}>${t('catalogue.howPlan')}${a.joinable ? t('catalogue.howJoint') : ''}</p>
    <div class="row">
      <button class="btn btn--primary" type="submit" value="plan" aria-describedby=${`${id}-how answer-${key}`}>${t('team.addToPlan')}</button>
      ${a.joinable ? html`<button class="btn" type="submit" value="joint" aria-describedby=${`${id}-how answer-${key}`}>${t('team.propose')}</button>` : nothing}
      ${available ? nothing : html`<span class="help">${t('catalogue.willRefuse')}</span>`}
    </div>
    ${answerSlot(ctx.answers, key)}
  </form>`;
}

/**
 * Procedures that contradict each other (prior notice and urgent) cannot
 * both be chosen: ticking one clears and disables the other, and says why.
 */
function excludeContradictions(form: HTMLFormElement, changed: EventTarget | null): void {
  const box = (p: string) => form.querySelector<HTMLInputElement>(`input[name=procedure][value="${p}"]`);
  for (const [one, other] of EXCLUSIVE_PROCEDURES) {
    const a = box(one);
    const b = box(other);
    if (!a || !b) continue;
    if (changed === a && a.checked) b.checked = false;
    if (changed === b && b.checked) a.checked = false;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      x.disabled = y.checked;
      const note = form.querySelector<HTMLElement>(`#${x.id}-excluded`);
      if (note) note.textContent = y.checked ? t('catalogue.notWith', { name: procedureWord(y.value) }) : '';
    }
  }
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
      ? html`<p><strong>${t('catalogue.withOptions', { value: answer.score.value })}</strong>${answer.legallyExposed ? t('catalogue.exposed') : ''}
            <span class="help">${t('catalogue.ifNow')}</span></p>
          ${answer.problem ? html`<p class="reason">${engineText(answer.problem, answer.problemMessages)}</p>` : nothing}
          ${scoreDetails(answer.score, t('catalogue.whyEstimate'))}`
      : answer
        ? html`<p class="reason">${refusalSentence(answer)}</p>`
        : html`<p class="help">${t('catalogue.chooseOptions')}</p>`}
  </div>`;
}

function incidentPicker(ctx: Ctx, a: ActionView, incident: string | null, id: string): TemplateResult {
  const by = a.availability?.byIncident ?? {};
  const entries = Object.entries(by);
  if (!entries.length) return html`<p class="reason">${t('catalogue.noIncident')}</p>`;
  const onChange = (event: Event) => {
    ctx.local.incidentFor[a.id] = (event.currentTarget as HTMLSelectElement).value;
    ctx.rerender();
  };
  return html`<label for=${`${id}-inc`}>${t('catalogue.incident')}</label>
    <select id=${`${id}-inc`} name="incident" @change=${onChange} .value=${incident ?? ''}>
      ${entries.map(([inc, e]) => {
        const name = ctx.view.incidents.find((i) => i.id === inc)?.name ?? inc;
        return html`<option value=${inc} ?selected=${inc === incident}>${name}${e.available ? '' : t('catalogue.incidentUnavailable')}</option>`;
      })}
    </select>`;
}

async function sendDraft(ctx: Ctx, a: ActionView, form: HTMLFormElement, joint: boolean): Promise<void> {
  const rationale = String(new FormData(form).get('rationale') ?? '');
  const draftBody = { ...draftOf(a, form), ...(rationale.trim() ? { rationale } : {}) };
  const key = `draft-${a.id}`;
  const answer = joint
    ? await ctx.send(key, { type: 'proposeJoint', draft: draftBody }, t('catalogue.proposed'))
    : await ctx.send(key, { type: 'draftDecision', draft: draftBody }, t('catalogue.added'));
  if (answer.ok) {
    ctx.drafts.clear(`rationale.${a.id}`, form);
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=procedure]')) box.checked = false;
    excludeContradictions(form, null);
    delete ctx.local.previews[a.id];
  }
}
