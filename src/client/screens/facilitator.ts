/**
 * The facilitator's console: the clock and phase controls, join codes and
 * who has joined, every team's drafts live, injects (release, hold,
 * ad hoc), announcements, overrides with a logged reason, and the board.
 */
import type { CommandBody } from '../../engine/types';
import type { ExerciseView, TeamSummaryView } from '../../engine/view/types';
import { answerSlot } from '../ui/answers';
import { cssProps, html, nothing, paragraphs, repeat, safeColour, swatch, type TemplateResult } from '../ui/dom';
import { andList, humanize, phaseWord, teamName, teamsTakingPart, teamStateWord } from '../ui/format';
import { lockIcon } from '../ui/icons';
import type { Ctx } from './context';
import { colon, locale, t } from '../ui/i18n';
import { legalCategoryWord } from '../ui/engineText';

/** Lists of names: British English as before, else the chosen language. */
const listLocale = (): string => (locale() === 'en' ? 'en-GB' : locale());
import { wideBoard } from './parts/board';
import { evasionSection } from './parts/evasion';
import { chatReadOnly } from './parts/chat';
import { codesSection } from './parts/codes';
import { feedSection } from './parts/feed';
import { announceSection, adhocSection, overridesSection } from './parts/facilitatorForms';
import { notesSection } from './parts/notes';
import { teamDrafts } from './parts/plan';
import { resultsSection } from './parts/results';
import { exerciseTable } from './start';
import { classGradeSheet } from './parts/gradeSheet';
import { emptySeatChoices, emptyTeams, settleEmptySeats } from './parts/emptySeats';
import { courseOf } from '../net/course';

export function facilitatorScreen(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  return html`<main id="main" tabindex="-1" class="layout two-col console">
    <div class="col-main">
      <h1 class="visually-hidden">${t('console.heading', { title: view.scenario.title })}</h1>
      ${controlsSection(ctx)}
      ${guideSection(view)}
      ${teamsLiveSection(ctx)}
      ${evasionSection(view)}
      ${resultsSection(view)}
      ${feedSection(ctx, t('console.released'))}
    </div>
    <div class="side-track"><aside class="col-side" tabindex="0" aria-label=${t('console.asideLabel')}>
      ${codesSection(ctx)}
      ${upcomingSection(ctx)}
      ${adhocSection(ctx)}
      ${announceSection(ctx)}
      ${overridesSection(ctx)}
      ${adversarySection(view)}
      ${chatReadOnly(view)}
      ${notesSection(ctx)}
      ${ctx.local.exercises?.length
        ? html`<section class="panel" aria-labelledby="mine-h"><h2 id="mine-h">${t('console.yourExercises')}</h2>${exerciseTable(ctx.local.exercises, ctx.exerciseId)}
            ${classGradeSheet(ctx.answers, ctx.local.exercises.length)}</section>`
        : nothing}
    </aside></div>
    ${wideBoard(ctx.board, view)}
  </main>`;
}

function advanceLabel(view: ExerciseView): string | null {
  switch (view.phase) {
    case 'briefing':
      return t('console.begin');
    case 'deliberation':
      return t('console.resolve', { round: view.round });
    case 'results':
      return view.round < view.scenario.rounds.length && !view.outcome ? t('console.open', { round: view.round + 1 }) : t('console.end');
    default:
      return null;
  }
}

/** A step that changes everyone's screen, and the command that takes it. */
interface PhaseStep {
  label: string;
  body: CommandBody;
  done: string;
}

function phaseSteps(view: ExerciseView): PhaseStep[] {
  const steps: PhaseStep[] = [];
  if (view.phase === 'lobby') steps.push({ label: t('console.start'), body: { type: 'startExercise' }, done: 'Started: the teams see their briefings.' });
  const label = advanceLabel(view);
  if (label) steps.push({ label, body: { type: 'advance' }, done: `${label}: done.` });
  return steps;
}

/** Why a step needs a second look before it is taken (none: take it at once). */
function stepWarnings(ctx: Ctx, step: PhaseStep): string[] {
  const view = ctx.view;
  if (step.body.type === 'startExercise') {
    const empty = emptyTeams(ctx);
    return empty.length ? [t('console.notJoined', { names: andList(empty.map((team) => team.name), listLocale()), count: empty.length })] : [];
  }
  if (step.body.type === 'advance' && view.phase === 'deliberation') {
    const open = teamsTakingPart(view.teams).filter((t) => !t.locked);
    return open.length
      ? [t('console.notLocked', { names: andList(open.map((team) => team.name), listLocale()), count: open.length })]
      : [];
  }
  return [];
}

async function takeStep(ctx: Ctx, step: PhaseStep, confirmed: boolean): Promise<void> {
  const warnings = confirmed ? [] : stepWarnings(ctx, step);
  if (warnings.length) {
    ctx.local.confirmStep = { label: step.label, warnings };
    ctx.local.focusNext = '#confirm-step-h';
    ctx.rerender();
    return;
  }
  if (step.body.type === 'startExercise' && !(await settleEmptySeats(ctx, 'phase'))) return;
  ctx.local.confirmStep = null;
  await ctx.send('phase', step.body, step.done);
}

/** The second look a step asks for: its warnings, and before the start the choice for each empty seat. */
function confirmBox(ctx: Ctx, step: PhaseStep, warnings: string[]): TemplateResult {
  const starting = step.body.type === 'startExercise';
  const empty = starting ? emptyTeams(ctx) : [];
  const wait = () => {
    ctx.local.confirmStep = null;
    ctx.local.focusNext = '#step-0';
    ctx.rerender();
  };
  return html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-step-h" aria-describedby="confirm-step-why">
    <h3 id="confirm-step-h" tabindex="-1">${starting ? t('console.emptySeats') : t('console.anywayQ', { label: step.label })}</h3>
    <ul id="confirm-step-why">${(starting ? stepWarnings(ctx, step) : warnings).map((w) => html`<li>${w}</li>`)}</ul>
    ${starting ? emptySeatChoices(ctx, empty) : nothing}
    <div class="row wrap">
      <button class="btn ${starting ? 'btn--primary' : 'btn--danger'}" type="button" @click=${() => void takeStep(ctx, step, true)}>${starting ? step.label : t('console.anyway', { label: step.label })}</button>
      <button class="btn" type="button" @click=${wait}>${t('console.wait')}</button>
    </div>
  </div>`;
}

function controlsSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const steps = phaseSteps(view);
  const running = view.phase === 'deliberation' || view.phase === 'results';
  const minutes = () => Math.max(1, Math.min(240, Number((document.getElementById('clock-min') as HTMLInputElement | null)?.value) || 5));
  const adjust = (sign: 1 | -1) => () =>
    void ctx.send('clock', { type: 'adjustClock', deltaMs: sign * minutes() * 60_000 }, sign > 0 ? `Extended by ${minutes()} min.` : `Shortened by ${minutes()} min.`);
  const confirm = ctx.local.confirmStep;
  const pending = confirm ? steps.find((s) => s.label === confirm.label) : undefined;
  return html`<section class="panel controls" aria-labelledby="controls-h">
    <h2 id="controls-h">${t('console.run')}</h2>
    <p class="status-line"><strong>${phaseWord(view.phase)}</strong>${view.round ? t('console.statusRound', { round: view.round, count: view.scenario.rounds.length }) : ''}${view.paused ? t('console.statusPaused') : ''}.
      ${t('console.locked', { locked: teamsTakingPart(view.teams).filter((team) => team.locked).length, count: teamsTakingPart(view.teams).length })}</p>
    ${confirm && pending
      ? confirmBox(ctx, pending, confirm.warnings)
      : html`<div class="row wrap">
          ${steps.map((step, i) => html`<button class="btn btn--primary" id=${`step-${i}`} type="button" @click=${() => void takeStep(ctx, step, false)}>${step.label}</button>`)}
          ${running
            ? view.paused
              ? html`<button class="btn" type="button" @click=${() => void ctx.send('phase', { type: 'resume' }, 'Resumed.')}>${t('console.resume')}</button>`
              : html`<button class="btn" type="button" @click=${() => void ctx.send('phase', { type: 'pause' }, 'Paused.')}>${t('console.pause')}</button>`
            : nothing}
          <a class="btn" href=${`/project/${ctx.exerciseId}`} target="_blank" rel="noopener">${t('console.projector')}<span class="visually-hidden">${t('console.opensNewTab')}</span></a>
        </div>`}
    ${answerSlot(ctx.answers, 'phase')}
    <div class="row wrap clock-controls" ?hidden=${view.clock.deadline === null && view.clock.remainingMs === null}>
      <label for="clock-min">${t('console.minutes')}</label>
      <input id="clock-min" type="number" min="1" max="240" step="1" .value=${String(ctx.local.clockMinutes)}
        @change=${(e: Event) => { ctx.local.clockMinutes = Number((e.currentTarget as HTMLInputElement).value) || 5; }} class="narrow-input" />
      <button class="btn" type="button" @click=${adjust(1)}>${t('console.extend')}</button>
      <button class="btn" type="button" @click=${adjust(-1)}>${t('console.shorten')}</button>
    </div>
    ${answerSlot(ctx.answers, 'clock')}
    ${endControl(ctx)}
  </section>`;
}

function endControl(ctx: Ctx): TemplateResult {
  const confirming = ctx.local.confirmEnd;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!confirming) {
      ctx.local.confirmEnd = true;
      ctx.local.focusNext = '#confirm-end';
      ctx.rerender();
      return;
    }
    const form = event.currentTarget as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    ctx.local.confirmEnd = false;
    await ctx.send('end', { type: 'endExercise', reason }, t('endEarly.done'));
  };
  return html`<details class="danger-zone">
    <summary>${t('console.endEarly')}</summary>
    <form class="stack" @submit=${submit}>
      <label for="end-reason">${t('endEarly.reason')}</label>
      <input id="end-reason" name="reason" maxlength="2000" />
      ${confirming
        ? html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-end" aria-describedby="confirm-end-why">
            <p id="confirm-end" tabindex="-1"><strong>${t('endEarly.confirm')}</strong></p>
            <p id="confirm-end-why">${t('endEarly.why')}</p>
            <div class="row wrap">
              <button class="btn btn--danger" type="submit">${t('endEarly.yes')}</button>
              <button class="btn" type="button" @click=${() => { ctx.local.confirmEnd = false; ctx.rerender(); }}>${t('endEarly.keep')}</button>
            </div>
          </div>`
        : html`<button class="btn btn--danger" type="submit">${t('endEarly.now')}</button>`}
      ${answerSlot(ctx.answers, 'end')}
    </form>
  </details>`;
}

function teamsLiveSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const seats = ctx.session.presence?.seats ?? [];
  return html`<section class="panel teams-live" aria-labelledby="teams-live-h">
    <h2 id="teams-live-h">${t('console.teamsLive')}</h2>
    <ul class="team-cards">${repeat(view.teams, (team) => team.id, (team) => {
      const members = seats.filter((s) => s.role === 'team' && s.team === team.id);
      return html`<li class="team-card" style=${cssProps({ '--team': safeColour(team.colour) })}>
        <h3><span class="swatch" aria-hidden="true" style=${swatch(team.colour)}></span>${team.name}
          <span class="badge ${team.locked ? 'badge--ok' : ''}">${team.locked ? lockIcon() : nothing} ${teamStateWord(team)}</span></h3>
        <p class="help">${t('console.teamFacts', { drafts: team.draftCount, capital: team.capitalLeft ?? '?', intel: team.intelLeft ?? '?' })}</p>
        <p class="help">${t('console.players', { list: members.length ? members.map((m) => memberWords(m)).join(', ') : seatWords(team) })}</p>
        ${reopenSeatControl(ctx, team)}
        ${teamDrafts(view, team.plan)}
      </li>`;
    })}</ul>
  </section>`;
}

/** Before the start, a seat given to a bot or dropped can be opened again for people to join. */
function reopenSeatControl(ctx: Ctx, team: TeamSummaryView): TemplateResult {
  const key = `reopen-${team.id}`;
  // Once the seat is open the button goes, but the answer that says so stays.
  if (ctx.view.phase !== 'lobby' || !team.seat) return answerSlot(ctx.answers, key);
  return html`<div class="row">
    <button class="btn btn--small" type="button" @click=${() => void ctx.send(key, { type: 'reopenSeat', team: team.id }, t('console.reopenedSeat', { name: team.name }))}>
      ${t('console.reopenSeat')}<span class="visually-hidden">: ${team.name}</span></button>
  </div>${answerSlot(ctx.answers, key)}`;
}

/** A player on a team's card, with whether they are offline or ready. */
function memberWords(m: { name: string; connected: boolean; ready?: boolean }): string {
  let words = m.name;
  if (!m.connected) words = t('console.offline', { name: words });
  if (m.ready) words = t('console.ready', { name: words });
  return words;
}

/** When a scripted inject is due. */
function injectWhen(round: number | null, conditional: boolean | undefined): string {
  const when = round !== null ? t('console.injectRound', { round }) : t('console.injectAnyRound');
  return conditional ? t('console.injectConditional', { when }) : when;
}

/** Who plays a team no person has joined. */
function seatWords(team: TeamSummaryView): string {
  if (team.seat === 'bot') return t('console.seatBot');
  if (team.seat === 'absent') return t('console.seatAbsent');
  return t('console.seatNone');
}

function upcomingSection(ctx: Ctx): TemplateResult {
  const f = ctx.view.facilitator;
  if (!f) return html``;
  const audience = (a: unknown) =>
    a === 'all' ? t('console.toAll') : a === 'facilitator' ? t('console.toFacilitator') : a && typeof a === 'object' && 'teams' in a
      ? t('console.toPrivate', { teams: (a as { teams: string[] }).teams.map((id) => teamName(ctx.view, id)).join(', ') }) : t('console.toScenario');
  return html`<section class="panel upcoming" aria-labelledby="upcoming-h">
    <h2 id="upcoming-h">${t('console.upcoming')} <span class="count">(${f.upcomingInjects.length})</span></h2>
    ${f.upcomingInjects.length ? nothing : html`<p class="empty">${t('console.allReleased')}</p>`}
    <ul class="upcoming-list">${repeat(f.upcomingInjects, (i) => i.id, (i) => html`<li>
      <p><strong>${i.title}</strong> ${i.held ? html`<span class="badge badge--warn">${t('console.heldBadge')}</span>` : nothing}</p>
      <p class="help">${injectWhen(i.round, i.conditional)} · ${audience(i.audience)}</p>
      ${i.notes ? html`<p class="inject-notes"><strong>${t('console.facilitatorNotes')}</strong> ${i.notes}</p>` : nothing}
      <div class="row">
        <button class="btn btn--small" type="button" @click=${() => void ctx.send(`inj-${i.id}`, { type: 'releaseInject', inject: i.id }, t('console.releasedAnswer'))}>
          ${t('console.releaseNow')}<span class="visually-hidden">: ${i.title}</span></button>
        ${i.held ? nothing : html`<button class="btn btn--small" type="button" @click=${() => void ctx.send(`inj-${i.id}`, { type: 'holdInject', inject: i.id }, t('console.heldAnswer'))}>
          ${t('console.holdBack')}<span class="visually-hidden">: ${i.title}</span></button>`}
      </div>
      ${answerSlot(ctx.answers, `inj-${i.id}`)}
    </li>`)}</ul>
  </section>`;
}

/** The facilitator's guide for the round at hand: what to ask, what to watch for; the scenario's design summary and the overall guide folded away. */
function guideSection(view: ExerciseView): TemplateResult {
  const guide = view.facilitator?.guide;
  if (!guide) return html``;
  const index = Math.max(0, Math.min(guide.rounds.length - 1, view.round - 1));
  const round = guide.rounds[index];
  const upcoming = view.phase === 'lobby' || view.phase === 'briefing';
  return html`<section class="panel" aria-labelledby="guide-h">
    <h2 id="guide-h">${t(round ? 'console.guideTitled' : 'console.guide', { round: upcoming ? 1 : index + 1, title: round?.title })}</h2>
    ${round?.discussionQuestions.length
      ? html`<h3>${t('console.questions')}</h3><ul>${round.discussionQuestions.map((q) => html`<li>${q}</li>`)}</ul>`
      : nothing}
    ${round?.watchFor.length ? html`<h3>${t('console.watchFor')}</h3><ul>${round.watchFor.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
    <details><summary>${t('console.timing')}</summary>
      <p class="lede">${view.scenario.summary}</p>
      ${paragraphs(guide.text).map((p) => html`<p>${p}</p>`)}</details>
    ${courseOf(view.scenario.id).state === 'done'
      ? html`<p><a href=${`/course/${view.scenario.id}`} target="_blank" rel="noopener">${t('console.courseLink')}<span class="visually-hidden">${t('console.opensNewTab')}</span></a></p>`
      : nothing}
  </section>`;
}

function adversarySection(view: ExerciseView): TemplateResult {
  const f = view.facilitator;
  if (!f) return html``;
  const move = f.redCellMove === undefined ? t('console.redCellNone') : f.redCellMove === null ? t('console.redCellHold') : (f.adversaryMoves.find((m) => m.id === f.redCellMove)?.name ?? humanize(f.redCellMove));
  return html`<section class="panel" aria-labelledby="adv-h">
    <details>
      <summary><h2 id="adv-h">${t('console.adversary', { adversary: view.scenario.adversaryName })}</h2></summary>
      ${paragraphs(f.adversaryBriefing).map((p) => html`<p>${p}</p>`)}
      ${view.scenario.redCellAllowed ? html`<p><strong>${t('console.redCellMove')}</strong> ${move}</p>` : nothing}
      ${(f.otherAdversaries ?? []).map((o) => {
        const chosen = o.redCellMove === undefined ? t('console.redCellNone') : o.redCellMove === null ? t('console.redCellHold') : (o.moves.find((m) => m.id === o.redCellMove)?.name ?? humanize(o.redCellMove));
        return html`<div class="other-adversary-brief" data-actor=${o.id}>
          <h3>${o.name}</h3>
          ${paragraphs(o.briefing).map((p) => html`<p>${p}</p>`)}
          ${view.scenario.redCellAllowed ? html`<p><strong>${t('console.redCellMove')}</strong> ${chosen}</p>` : nothing}
        </div>`;
      })}
      <h3>${t('console.groundTruth')}</h3>
      <ul>${view.incidents.map((i) => html`<li><strong>${i.name}</strong>${colon()} ${i.truth ? `${t(`plan.responsibility.${i.truth.responsibility}`, { defaultValue: humanize(i.truth.responsibility) })}; ${legalCategoryWord(i.truth.legalCategory, humanize(i.truth.legalCategory))}` : t('console.truthUnknown')}${i.active ? '' : t('console.notYetActive')}</li>`)}</ul>
    </details>
  </section>`;
}
