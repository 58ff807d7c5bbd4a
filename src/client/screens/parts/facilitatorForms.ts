/** The facilitator's forms: ad-hoc injects, announcements, and overrides with a reason. */
import type { AdhocInject, AdhocInjectKind, Posture } from '../../../engine/types';
import type { ExerciseView } from '../../../engine/view/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { actionName, postureWord, teamName } from '../../ui/format';
import { POSTURES } from '../../../engine/postures';
import type { Ctx } from '../context';
import { t } from '../../ui/i18n';

/** The kinds of ad-hoc inject, each with the look it takes in the feed. */
const ADHOC_KINDS: readonly { id: AdhocInjectKind; label: () => string }[] = (['news', 'intelligence', 'diplomatic', 'social', 'call'] as const).map((id) => ({
  id,
  label: () => t(`console.kind_${id}`),
}));

/** When an inject can go out besides now: the later rounds, and (while a round is in deliberation) its minutes. */
function scheduleChoices(view: ExerciseView): { rounds: number[]; minutes: number | null } {
  const rounds = view.scenario.rounds.map((_, i) => i + 1).filter((r) => r > view.round);
  const length = view.phase === 'deliberation' ? (view.scenario.rounds[view.round - 1]?.minutes ?? 0) : 0;
  return { rounds, minutes: length > 1 ? Math.ceil(length) - 1 : null };
}

export function adhocSection(ctx: Ctx): TemplateResult {
  const local = ctx.local;
  const choices = scheduleChoices(ctx.view);
  if ((local.adhocWhen === 'round' && !choices.rounds.length) || (local.adhocWhen === 'minute' && choices.minutes === null)) local.adhocWhen = 'now';
  const choose = (change: () => void) => () => {
    change();
    ctx.rerender();
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const teams = data.getAll('team').map(String);
    const audience = local.adhocAudience === 'teams' ? { teams } : local.adhocAudience;
    const source = String(data.get('source') ?? '').trim();
    const inject: AdhocInject = {
      title: String(data.get('title') ?? '').trim(),
      body: String(data.get('body') ?? '').trim(),
      audience,
      kind: String(data.get('kind') ?? 'news') as AdhocInjectKind,
      ...(source ? { source } : {}),
    };
    const when = local.adhocWhen;
    const answer =
      when === 'now'
        ? await ctx.send('adhoc', { type: 'releaseAdhocInject', inject }, t('console.adhocReleased'))
        : when === 'round'
          ? await ctx.send('adhoc', { type: 'scheduleAdhocInject', inject, round: Number(data.get('round')) }, t('console.scheduledRound', { round: String(data.get('round')) }))
          : await ctx.send('adhoc', { type: 'scheduleAdhocInject', inject, round: ctx.view.round, minute: Number(data.get('minute')) }, t('console.scheduledMinute', { minute: String(data.get('minute')) }));
    if (answer.ok) {
      for (const field of ['title', 'body', 'source']) ctx.drafts.clear(`adhoc.${field}`, form);
    }
  };
  return html`<section class="panel" aria-labelledby="adhoc-h">
    <details ?open=${(ctx.view.facilitator?.scheduledInjects.length ?? 0) > 0}>
      <summary><h2 id="adhoc-h">${t('console.adhoc')}</h2></summary>
      <form class="stack" @submit=${submit}>
        <label for="adhoc-kind">${t('console.kind')}</label>
        <select id="adhoc-kind" name="kind">${ADHOC_KINDS.map((k) => html`<option value=${k.id}>${k.label()}</option>`)}</select>
        <label for="adhoc-source">${t('console.source')} <span class="optional">${t('console.sourceHelp')}</span></label>
        <input id="adhoc-source" name="source" maxlength="120" placeholder=${t('console.sourceExample')} ${draft(ctx.drafts, 'adhoc.source')} />
        <label for="adhoc-title">${t('console.title')}</label>
        <input id="adhoc-title" name="title" required maxlength="200" ${draft(ctx.drafts, 'adhoc.title')} />
        <label for="adhoc-body">${t('console.text')}</label>
        <textarea id="adhoc-body" name="body" required rows="4" maxlength="4000" ${draft(ctx.drafts, 'adhoc.body')}></textarea>
        <fieldset><legend>${t('console.audience')}</legend>
          ${(['all', 'teams', 'facilitator'] as const).map(
            (a) => html`<div class="choice"><input type="radio" name="audience" id=${`aud-${a}`} .checked=${local.adhocAudience === a} @change=${choose(() => { local.adhocAudience = a; })} />
              <label for=${`aud-${a}`}>${t(a === 'all' ? 'console.everyone' : a === 'teams' ? 'console.chosenTeams' : 'console.onlyMe')}</label></div>
              ${a === 'teams' && local.adhocAudience === 'teams'
                ? html`<div class="indent" role="group" aria-label="Teams that receive it">${ctx.view.teams.map(
                    (t) => html`<div class="choice"><input type="checkbox" name="team" value=${t.id} id=${`aud-team-${t.id}`} />
                      <label for=${`aud-team-${t.id}`}>${t.name}</label></div>`,
                  )}</div>`
                : nothing}`,
          )}
        </fieldset>
        <fieldset><legend>${t('console.when')}</legend>
          <div class="choice"><input type="radio" name="when" id="when-now" .checked=${local.adhocWhen === 'now'} @change=${choose(() => { local.adhocWhen = 'now'; })} />
            <label for="when-now">${t('console.now')}</label></div>
          ${choices.rounds.length
            ? html`<div class="choice"><input type="radio" name="when" id="when-round" .checked=${local.adhocWhen === 'round'} @change=${choose(() => { local.adhocWhen = 'round'; })} />
                <label for="when-round">${t('console.laterRound')}</label></div>
                ${local.adhocWhen === 'round'
                  ? html`<div class="indent"><label for="adhoc-round">${t('console.roundLabel')}</label>
                      <select id="adhoc-round" name="round">${choices.rounds.map((r) => html`<option value=${r}>Round ${r}</option>`)}</select></div>`
                  : nothing}`
            : nothing}
          ${choices.minutes !== null
            ? html`<div class="choice"><input type="radio" name="when" id="when-minute" .checked=${local.adhocWhen === 'minute'} @change=${choose(() => { local.adhocWhen = 'minute'; })} />
                <label for="when-minute">${t('console.minuteOfRound')}<span class="help">${t('console.minuteHelp')}</span></label></div>
                ${local.adhocWhen === 'minute'
                  ? html`<div class="indent"><label for="adhoc-minute">${t('console.minuteField', { minutes: choices.minutes })}</label>
                      <input id="adhoc-minute" name="minute" type="number" required min="1" max=${choices.minutes} step="1" class="narrow-input" /></div>`
                  : nothing}`
            : nothing}
        </fieldset>
        <button class="btn btn--primary" type="submit">${local.adhocWhen === 'now' ? t('console.releaseNow') : t('console.schedule')}</button>
        ${answerSlot(ctx.answers, 'adhoc')}
      </form>
      ${scheduledList(ctx)}
      ${answerSlot(ctx.answers, 'scheduled')}
    </details>
  </section>`;
}

/** The injects set to go out later: only the facilitator sees them until they do. */
function scheduledList(ctx: Ctx): TemplateResult {
  const scheduled = ctx.view.facilitator?.scheduledInjects ?? [];
  if (!scheduled.length) return html``;
  const kind = (id: string) => ADHOC_KINDS.find((k) => k.id === id)?.label() ?? id;
  return html`<h3 id="scheduled-h" tabindex="-1">${t('console.scheduled')} <span class="count">(${scheduled.length})</span></h3>
    <p class="help">${t('console.onlyYouSee')}</p>
    <ul class="scheduled-list">${repeat(scheduled, (s) => s.id, (s, i) => html`<li>
      <strong>${s.title}</strong>
      <span class="help">${s.source ? t('console.fromSource', { kind: kind(s.kind), source: s.source }) : kind(s.kind)} · ${s.minute === null ? t('console.atRoundStart', { round: s.round }) : t('console.atMinute', { minute: s.minute, round: s.round })}</span>
      <button class="btn btn--small" type="button" data-cancel=${s.id} @click=${() => void cancelScheduled(ctx, s.id, scheduled[i + 1]?.id ?? scheduled[i - 1]?.id ?? null)}>
        ${t('console.cancelScheduled')}<span class="visually-hidden">: ${s.title}</span></button>
    </li>`)}</ul>`;
}

/**
 * Cancels a scheduled inject; once the list no longer shows it, the focus
 * goes to the Cancel button that took its place (the next one, else the one
 * before), or to the schedule's heading, or (the list empty) to the form's.
 */
async function cancelScheduled(ctx: Ctx, id: string, neighbour: string | null): Promise<void> {
  const answer = await ctx.send('scheduled', { type: 'cancelScheduledInject', inject: id }, t('console.cancelledScheduled'));
  if (!answer.ok) return;
  for (let frame = 0; frame < 120 && document.querySelector(`[data-cancel="${id}"]`); frame++) await new Promise((done) => requestAnimationFrame(done));
  const target =
    (neighbour ? document.querySelector<HTMLElement>(`[data-cancel="${neighbour}"]`) : null) ??
    document.getElementById('scheduled-h') ??
    document.getElementById('adhoc-h')?.closest<HTMLElement>('summary') ??
    null;
  target?.focus();
}

export function announceSection(ctx: Ctx): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    const answer = await ctx.send('announce', { type: 'announce', text }, t('console.announced'));
    if (answer.ok) ctx.drafts.clear('announce', form);
  };
  return html`<section class="panel" aria-labelledby="announce-h">
    <h2 id="announce-h">${t('console.announce')}</h2>
    <form class="stack" @submit=${submit}>
      <label for="announce-text">${t('console.announceText')}</label>
      <textarea id="announce-text" name="text" required rows="2" maxlength="2000" ${draft(ctx.drafts, 'announce')}></textarea>
      <button class="btn" type="submit">${t('console.announceButton')}</button>
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
          ? { type: 'overridePosture' as const, posture: String(data.get('posture')) as Posture, reason, ...adversaryOf(data) }
          : { type: 'overrideEscalation' as const, level: Number(data.get('level')), reason };
    const answer = await ctx.send('override', body, t('console.overridden'));
    if (answer.ok) ctx.drafts.clear('override.reason', form);
  };
  return html`<section class="panel" aria-labelledby="override-h">
    <details>
      <summary><h2 id="override-h">${t('console.override')}</h2></summary>
      <form class="stack" @submit=${submit}>
        <fieldset><legend>${t('console.overrideWhat')}</legend>
          ${(['score', 'posture', 'escalation'] as const).map(
            (k) => html`<div class="choice"><input type="radio" name="kind" id=${`ov-kind-${k}`} .checked=${kind === k} @change=${pick(k)} />
              <label for=${`ov-kind-${k}`}>${k === 'posture' && ctx.view.otherAdversaries.length ? t('adversaries.overridePosture') : t(`console.override_${k}`)}</label></div>`,
          )}
        </fieldset>
        ${kind === 'score' ? scoreFields(ctx) : kind === 'posture' ? postureFields(ctx) : escalationFields(ctx)}
        <label for="override-reason">${t('console.overrideReason')}</label>
        <textarea id="override-reason" name="reason" required rows="2" maxlength="2000" ${draft(ctx.drafts, 'override.reason')}></textarea>
        <button class="btn btn--primary" type="submit">${t('console.overrideButton')}</button>
        ${answerSlot(ctx.answers, 'override')}
      </form>
    </details>
  </section>`;
}

function scoreFields(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  if (!view.decisions.length) return html`<p class="empty">${t('console.noDecisionYet')}</p>`;
  return html`<label for="ov-decision">${t('console.decision')}</label>
    <select id="ov-decision" name="decision">${[...view.decisions].reverse().map(
      (d) => html`<option value=${d.id}>${t('console.decisionOption', { round: d.round, team: teamName(view, d.team), action: actionName(view, d.action), value: Math.round(d.overridden?.value ?? d.proportionality.value) })}</option>`,
    )}</select>
    <label for="ov-value">${t('console.newProportionality')}</label>
    <input id="ov-value" name="value" type="number" min="0" max="100" step="1" required class="narrow-input" />`;
}

/** The further adversary the posture form names, if any (the adversary's own has no field). */
function adversaryOf(data: FormData): { adversary?: string } {
  const id = String(data.get('adversary') ?? '');
  return id ? { adversary: id } : {};
}

/** The posture form: in scenarios with further adversaries, first whose posture, then the posture (the current one marked). */
function postureFields(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const others = view.otherAdversaries;
  if (!others.some((o) => o.id === ctx.local.overrideAdversary)) ctx.local.overrideAdversary = '';
  const current = others.find((o) => o.id === ctx.local.overrideAdversary)?.posture ?? view.adversary.posture;
  const pick = (event: Event) => {
    ctx.local.overrideAdversary = (event.currentTarget as HTMLSelectElement).value;
    ctx.rerender();
  };
  return html`${others.length
      ? html`<label for="ov-adversary">${t('adversaries.adversary')}</label>
          <select id="ov-adversary" name="adversary" @change=${pick}>
            <option value="" ?selected=${ctx.local.overrideAdversary === ''}>${view.scenario.adversaryName}</option>
            ${others.map((o) => html`<option value=${o.id} ?selected=${ctx.local.overrideAdversary === o.id}>${o.name}</option>`)}
          </select>`
      : nothing}
    <label for="ov-posture">${t('console.posture')}</label>
    <select id="ov-posture" name="posture">${repeat(
      POSTURES,
      (p) => `${ctx.local.overrideAdversary}:${p}`,
      (p) => html`<option value=${p} ?selected=${p === current}>${postureWord(p)}${p === current ? t('console.nowSuffix') : ''}</option>`,
    )}</select>`;
}

function escalationFields(ctx: Ctx): TemplateResult {
  return html`<label for="ov-level">${t('console.escalationLevel')}</label>
    <select id="ov-level" name="level">${ctx.view.scenario.ladder.map(
      (r) => html`<option value=${r.level} ?selected=${r.level === ctx.view.escalation.level}>${r.level}: ${r.label}${r.level === ctx.view.escalation.level ? t('console.nowSuffix') : ''}</option>`,
    )}</select>`;
}
