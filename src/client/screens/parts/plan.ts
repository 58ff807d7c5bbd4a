/**
 * The team's plan for the round (drafted decisions, withdraw), locking it
 * (the lead locks; others vote ready), coalition proposals (join or
 * decline), and sharing intelligence with the coalition.
 */
import type { JointProposal, PlannedDecision } from '../../../engine/types';
import type { ExerciseView } from '../../../engine/view/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { termLink } from './help';
import { draft } from '../../ui/drafts';
import { ESCALATION_THRESHOLDS } from '../../../engine/machines/escalation';
import { request } from '../../net/connection';
import { actionName, chosenProcedures, confidenceWord, costWords, humanize, incidentName, ladderLabel, stageWord, teamList, teamName, teamsTakingPart } from '../../ui/format';
import { lockIcon } from '../../ui/icons';
import type { Ctx } from '../context';
import { colon, locale, t } from '../../ui/i18n';
import { struckLine } from './norms';

/** A team's drafts as the facilitator and observers follow them: action, target, procedures, rationale. */
export function teamDrafts(view: ExerciseView, plan: PlannedDecision[] | undefined): TemplateResult {
  if (!plan?.length) return html`<p class="empty">${t('console.noDrafts')}</p>`;
  return html`<ol class="plan-list">${plan.map(
    (p) => html`<li><strong>${actionName(view, p.action)}</strong>${p.incident ? t('console.against', { incident: incidentName(view, p.incident) }) : ''}
      ${chosenProcedures(p.options).length ? html`<span class="help">(${chosenProcedures(p.options).join(', ')})</span>` : nothing}
      ${p.rationale ? html`<blockquote class="rationale">${p.rationale}</blockquote>` : nothing}</li>`,
  )}</ol>`;
}

/** Below this estimate a decision is likely to be judged disproportionate: locking it asks first. */
const LOW_SCORE = 50;

export function planSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const mine = view.teams.find((t) => t.id === view.me?.team);
  if (!mine) return html``;
  const plan = mine.plan ?? [];
  const editable = view.phase === 'deliberation' && !mine.locked;
  if (editable) requestEstimates(ctx, plan);
  return html`<section class="panel plan" aria-labelledby="plan-h">
    <h2 id="plan-h">${t('team.plan', { round: view.round || 1 })}</h2>
    <p class="resources">
      <span>${t('team.drafted', { count: plan.length, max: view.scenario.maxActionsPerRound })}</span>
      <span>${t('plan.capitalLeft')} <strong>${mine.capitalLeft ?? '?'}</strong></span>
      <span>${t('plan.intelLeft')} <strong>${mine.intelLeft ?? '?'}</strong></span>
    </p>
    ${plan.length
      ? html`<ol class="plan-list">${repeat(plan, (p) => p.id, (p) => planItem(ctx, p, mine.locked))}</ol>
          ${wholePlan(ctx, plan)}`
      : html`<p class="empty">${t('plan.nothing')}</p>`}
    ${lockControls(ctx, mine.locked)}
  </section>`;
}

/** Asks the server, once per decision and view, what each drafted decision would score as drafted. */
function requestEstimates(ctx: Ctx, plan: PlannedDecision[]): void {
  for (const p of plan) {
    const key = `${p.id}:${ctx.view.round}:${ctx.view.escalation.level}`;
    if (ctx.local.planEstimates[p.id]?.key === key) continue;
    ctx.local.planEstimates[p.id] = { key, value: null };
    const draft = { action: p.action, ...(p.incident ? { incident: p.incident } : {}), ...(Object.keys(p.options ?? {}).length ? { options: p.options } : {}) };
    void request('decision:preview', { draft }).then((answer) => {
      if (ctx.local.planEstimates[p.id]?.key !== key) return;
      ctx.local.planEstimates[p.id] = { key, value: answer.ok ? answer.score.value : null };
      ctx.rerender();
    });
  }
}

interface PlanRisk {
  highest: number;
  crossed: string[];
  low: { name: string; value: number }[];
}

/** What the plan as a whole risks: its highest rung, the thresholds it would cross from the current level, its weak decisions. */
function planRisk(ctx: Ctx, plan: PlannedDecision[]): PlanRisk {
  const view = ctx.view;
  const rungs = plan.map((p) => view.actions.find((a) => a.id === p.action)?.rung ?? 0);
  const highest = Math.max(0, ...rungs);
  const crossed = ESCALATION_THRESHOLDS.filter((th) => view.escalation.level < th.level && highest >= th.level).map((th) => t(`words.threshold${th.level}`, { defaultValue: th.name }));
  const low = plan.flatMap((p) => {
    const value = ctx.local.planEstimates[p.id]?.value;
    return value !== null && value !== undefined && value < LOW_SCORE ? [{ name: actionName(view, p.action), value }] : [];
  });
  return { highest, crossed, low };
}

const list = (items: string[]) => new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(items);

function riskReasons(risk: PlanRisk): string[] {
  return [
    ...risk.crossed.map((threshold) => t('plan.crossesIt', { threshold })),
    ...risk.low.map((l) => t('plan.low', { name: l.name, value: l.value, below: LOW_SCORE })),
  ];
}

function wholePlan(ctx: Ctx, plan: PlannedDecision[]): TemplateResult {
  const view = ctx.view;
  const risk = planRisk(ctx, plan);
  const level = view.escalation.level;
  return html`<div class="whole-plan">
    <p><strong>${t('plan.whole')}</strong> ${t('plan.wholeFacts', { highest: risk.highest, highestLabel: ladderLabel(view, risk.highest), level, levelLabel: view.escalation.label })}
      ${risk.highest > level ? t('plan.pushes', { rung: risk.highest }) : t('plan.stays')}</p>
    <p>${risk.crossed.length ? html`<span class="badge badge--warn">${t('plan.crosses')}</span> ${list(risk.crossed)}.` : t('plan.crossesNone')}</p>
  </div>`;
}

function planItem(ctx: Ctx, p: PlannedDecision, locked: boolean): TemplateResult {
  const key = `withdraw-${p.id}`;
  const procedures = chosenProcedures(p.options);
  const action = ctx.view.actions.find((a) => a.id === p.action);
  const estimate = ctx.local.planEstimates[p.id]?.value;
  return html`<li class="plan-item">
    <p><strong>${actionName(ctx.view, p.action)}</strong>${p.incident ? html`${t('plan.against')}<em>${incidentName(ctx.view, p.incident)}</em>` : nothing}
      ${p.proposal ? html`<span class="badge">${t('plan.proposal')}</span>` : nothing}
      <span class="meta">${p.by ? t('plan.draftedBy', { name: p.by }) : ''}</span></p>
    <p class="plan-facts">
      ${action ? html`<span>${t('plan.rung', { rung: action.rung, colon: colon(), label: ladderLabel(ctx.view, action.rung) })}</span><span>${costWords(action.cost)}</span>` : nothing}
      ${estimate !== undefined && estimate !== null
        ? html`<span class=${estimate < LOW_SCORE ? 'low' : ''}>${t(estimate < LOW_SCORE ? 'plan.estimateLow' : 'plan.estimate', { value: estimate })}</span>`
        : nothing}
    </p>
    ${procedures.length ? html`<p class="help">${t('plan.procedures', { list: procedures.join(', ') })}</p>` : nothing}
    ${p.rationale ? html`<blockquote class="rationale">${p.rationale}</blockquote>` : html`<p class="help">${t('plan.noRationale')}</p>`}
    ${locked || ctx.view.phase !== 'deliberation'
      ? nothing
      : html`<button class="btn btn--small" type="button" @click=${() => void withdraw(ctx, p, key)}>
          ${t('plan.withdraw')}<span class="visually-hidden"> ${actionName(ctx.view, p.action)}</span></button>`}
    ${answerSlot(ctx.answers, key)}
  </li>`;
}

/** Withdrawing keeps the rationale: it goes back into the action's draft field, ready for a re-add. */
async function withdraw(ctx: Ctx, p: PlannedDecision, key: string): Promise<void> {
  const answer = await ctx.send(key, { type: 'withdrawDecision', decision: p.id }, t('plan.withdrawn'));
  if (answer.ok && p.rationale) ctx.drafts.restore(`rationale.${p.action}`, p.rationale);
  if (answer.ok) ctx.local.focusNext = '#plan-h';
}

async function lock(ctx: Ctx, confirmed: boolean): Promise<void> {
  const plan = ctx.view.teams.find((t) => t.id === ctx.view.me?.team)?.plan ?? [];
  const reasons = riskReasons(planRisk(ctx, plan));
  if (reasons.length && !confirmed) {
    ctx.local.confirmLock = reasons;
    ctx.local.focusNext = '#confirm-lock-h';
    ctx.rerender();
    return;
  }
  ctx.local.confirmLock = null;
  const answer = await ctx.send('lock', { type: 'lockDecisions' }, t('plan.locked'));
  ctx.local.focusNext = answer.ok ? '#unlock-button' : '#lock-button';
  ctx.rerender();
}

function lockControls(ctx: Ctx, locked: boolean): TemplateResult {
  const view = ctx.view;
  const lead = ctx.session.mySeat?.lead ?? ctx.session.seat?.lead ?? false;
  const team = view.me?.team;
  const others = teamsTakingPart(view.teams).filter((t) => t.id !== team);
  const waiting = others.filter((t) => !t.locked).map((t) => t.name);
  if (view.phase !== 'deliberation') return html`${answerSlot(ctx.answers, 'lock')}`;
  if (locked) {
    const unlock = async () => {
      const answer = await ctx.send('lock', { type: 'unlockDecisions' }, t('plan.unlocked'));
      ctx.local.focusNext = answer.ok ? '#lock-button' : '#unlock-button';
      ctx.rerender();
    };
    return html`<div class="lock-box locked">
      <p>${lockIcon()} <strong>${t('plan.lockedBox')}</strong>
        ${waiting.length ? t('plan.waiting', { names: waiting.join(', ') }) : t('plan.allLocked')}</p>
      <button class="btn" id="unlock-button" type="button" @click=${unlock}>${t('team.unlock')}</button>
      ${answerSlot(ctx.answers, 'lock')}
    </div>`;
  }
  const confirm = ctx.local.confirmLock;
  return html`<div class="lock-box">
    ${lead
      ? confirm
        ? html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-lock-h" aria-describedby="confirm-lock-why">
            <h3 id="confirm-lock-h" tabindex="-1">${t('team.lockAnywayQ')}</h3>
            <ul id="confirm-lock-why">${confirm.map((r) => html`<li>${r}</li>`)}</ul>
            <div class="row">
              <button class="btn btn--danger" type="button" @click=${() => void lock(ctx, true)}>${t('team.lockAnyway')}</button>
              <button class="btn" type="button" @click=${() => {
                ctx.local.confirmLock = null;
                ctx.local.focusNext = '#lock-button';
                ctx.rerender();
              }}>${t('plan.keepChanging')}</button>
            </div>
          </div>`
        : html`<p>${t('plan.leadHelp')}</p>
          <button class="btn btn--primary" id="lock-button" type="button" @click=${() => void lock(ctx, false)}>${t('team.lock')}</button>`
      : readyVote(ctx)}
    ${answerSlot(ctx.answers, 'lock')}
  </div>`;
}

function readyVote(ctx: Ctx): TemplateResult {
  const me = ctx.session.mySeat;
  const ready = me?.ready ?? false;
  const team = ctx.view.me?.team;
  const members = (ctx.session.presence?.seats ?? []).filter((s) => s.role === 'team' && s.team === team && s.connected);
  const vote = async () => {
    await ctx.answers.track('lock', ctx.session.ready(!ready), ready ? t('plan.voteWithdrawn') : t('plan.youAreReady'));
  };
  return html`<p>${t('plan.voteHelp')}</p>
    <p class="help">${members.map((m) => t(m.ready ? 'plan.memberReady' : 'plan.memberNotYet', { name: m.name, colon: colon() })).join(' · ')}</p>
    <button class="btn btn--primary" type="button" aria-pressed=${ready ? 'true' : 'false'} @click=${vote}>${ready ? t('team.readyOn') : t('team.ready')}</button>`;
}

export function proposalsSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const open = view.proposals.filter((p) => p.round === view.round);
  if (!open.length) return html``;
  return html`<section class="panel proposals" aria-labelledby="proposals-h">
    <h2 id="proposals-h">${t('team.proposals')}</h2>
    <ul class="proposal-list">${repeat(open, (p) => p.id, (p) => proposalItem(ctx, p))}</ul>
  </section>`;
}

function proposalItem(ctx: Ctx, p: JointProposal): TemplateResult {
  const view = ctx.view;
  const team = view.me?.team ?? null;
  const answered = team ? p.responses[team] : undefined;
  const joined = Object.entries(p.responses).filter(([, r]) => r.join).map(([t]) => t);
  const declined = Object.entries(p.responses).filter(([, r]) => !r.join).map(([t]) => t);
  const pending = view.teams.map((t) => t.id).filter((t) => t !== p.by && !p.responses[t]);
  return html`<li class="proposal">
    <p><strong>${teamName(view, p.by)}</strong>${t('plan.proposesJoint')}<strong>${actionName(view, p.action)}</strong>${p.incident ? html`${t('plan.against')}<em>${incidentName(view, p.incident)}</em>` : nothing}.</p>
    ${chosenProcedures(p.options).length ? html`<p class="help">${t('plan.procedures', { list: chosenProcedures(p.options).join(', ') })}</p>` : nothing}
    ${p.rationale ? html`<blockquote class="rationale">${p.rationale}</blockquote>` : nothing}
    ${team && team !== p.by ? html`<p class="help">${t('plan.rationaleOwn', { team: teamName(view, p.by) })}</p>` : nothing}
    <p class="help">${t('plan.joined', { names: joined.length ? teamList(view, joined) : t('plan.noOneYet') })} · ${t('plan.declined', { names: declined.length ? teamList(view, declined) : t('plan.noOne') })} · ${t('plan.notAnswered', { names: pending.length ? teamList(view, pending) : t('plan.noOne') })}</p>
    ${team && p.by !== team && !answered ? respondForm(ctx, p) : nothing}
    ${team === p.by ? html`<p class="help">${t('plan.youProposed')}</p>` : nothing}
    ${answered ? html`<p>${t(answered.join ? 'plan.youJoined' : 'plan.youDeclined')}</p>` : nothing}
    ${answerSlot(ctx.answers, `respond-${p.id}`)}
  </li>`;
}

function respondForm(ctx: Ctx, p: JointProposal): TemplateResult {
  const field = `respond.${p.id}`;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const join = (event.submitter as HTMLButtonElement | null)?.value === 'join';
    const rationale = String(new FormData(form).get('rationale') ?? '');
    const answer = await ctx.send(`respond-${p.id}`, { type: 'respondJoint', proposal: p.id, join, ...(rationale.trim() ? { rationale } : {}) }, join ? t('plan.joinedAnswer') : t('plan.declinedAnswer'));
    if (answer.ok) ctx.drafts.clear(field, form);
  };
  return html`<form class="stack" @submit=${submit}>
    <label for=${`resp-${p.id}`}>${t('team.yourRationale')} <span class="help">${t('team.rationaleHelp')}</span></label>
    <textarea id=${`resp-${p.id}`} name="rationale" rows="2" maxlength="4000" ${draft(ctx.drafts, field)}></textarea>
    <div class="row">
      <button class="btn btn--primary" type="submit" value="join">${t('team.join')}</button>
      <button class="btn" type="submit" value="decline">${t('team.decline')}</button>
    </div>
  </form>`;
}

export function intelSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const team = view.me?.team;
  if (!team || !view.incidents.length) return html``;
  return html`<section class="panel intel" aria-labelledby="intel-h">
    <h2 id="intel-h">${t('team.attribution')}</h2>
    <p class="help">${t('intel.help')}</p>
    <ul class="intel-list">${view.incidents.map((i) => intelItem(ctx, view, i.id, team))}</ul>
  </section>`;
}

/** The criminal case on an incident: its stage, the joint investigation team and its file, the charges, the warrant. */
function caseLine(view: ExerciseView, kase: NonNullable<ExerciseView['incidents'][number]['case']>): TemplateResult {
  const parts = [t('plan.caseLabel', { stage: t(`plan.caseStage.${kase.stage}`, { defaultValue: kase.stage }) })];
  if (kase.jit.length) parts.push(kase.file !== null ? t('plan.jitFile', { names: teamList(view, kase.jit), points: kase.file }) : t('plan.jit', { names: teamList(view, kase.jit) }));
  if (kase.charged.length) parts.push(t('plan.indictedBy', { names: teamList(view, kase.charged) }));
  if (kase.warrant) parts.push(t('plan.warrantOf', { names: teamList(view, [kase.warrant]) }));
  if (kase.arrestedRound !== null) parts.push(t('plan.arrestIn', { round: kase.arrestedRound }));
  return html`<p class="help case-line">${parts.join(' · ')}</p>`;
}

function intelItem(ctx: Ctx, view: ExerciseView, incidentId: string, team: string): TemplateResult {
  const inc = view.incidents.find((i) => i.id === incidentId)!;
  const mine = inc.byTeam[team];
  const shared = inc.coalition.sharedBy.includes(team);
  const key = `share-${inc.id}`;
  const publicBy = Object.entries(inc.byTeam).filter(([, a]) => a.public).map(([t]) => t);
  return html`<li class="intel-item">
    <h3>${inc.name}</h3>
    <p>${inc.description}</p>
    <p><strong>${t('intel.our')} ${termLink('confidence', t('intel.confidence'))}${colon()}</strong> ${confidenceWord(mine?.confidence ?? null)} · <strong>${t('intel.stage')}</strong> ${stageWord(mine?.stage ?? 'unknown')}
      ${mine?.assessedResponsibility ? html` · <strong>${t('intel.responsibility')}</strong> (${termLink('healey', t('intel.healey'))})${colon()} ${t(`plan.responsibility.${mine.assessedResponsibility}`, { defaultValue: humanize(mine.assessedResponsibility) })}` : nothing}</p>
    ${mine?.likelihood
      ? html`<p><strong>${t('intel.judgement')}</strong> ${t('intel.responsible', {
          suspect: mine.likelihood.suspect,
          words: t(`plan.likelihood.${mine.likelihood.band}`, { defaultValue: mine.likelihood.words }),
          range: locale() === 'en' ? mine.likelihood.range : mine.likelihood.range.replace(/%$/, '\u00a0%'),
        })}</p>`
      : nothing}
    <p class="help">${t('intel.coalition', { stage: stageWord(inc.coalition.stage) })}${inc.coalition.sharedBy.length ? t('intel.sharedBy', { names: teamList(view, inc.coalition.sharedBy) }) : ''} ·
      ${t('intel.publicBy', { names: publicBy.length ? teamList(view, publicBy) : t('intel.noOne') })}</p>
    ${inc.case ? caseLine(view, inc.case) : nothing}
    ${struckLine(view, inc.protectedTargets)}
    <button class="btn btn--small" type="button" @click=${() => void ctx.send(key, { type: 'shareIntel', incident: inc.id, with: 'coalition' }, t('intel.shared'))}>
      ${shared ? t('intel.shareAgain') : t('intel.share')}<span class="visually-hidden">${t('intel.on', { name: inc.name })}</span></button>
    ${answerSlot(ctx.answers, key)}
  </li>`;
}
