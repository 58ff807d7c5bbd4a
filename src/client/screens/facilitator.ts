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
import { t } from '../ui/i18n';
import { boardSection } from './parts/board';
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
      <h1 class="visually-hidden">Facilitator console: ${view.scenario.title}</h1>
      ${controlsSection(ctx)}
      ${guideSection(view)}
      ${teamsLiveSection(ctx)}
      ${boardSection(ctx.board, view)}
      ${evasionSection(view)}
      ${resultsSection(view)}
      ${feedSection(ctx, t('console.released'))}
    </div>
    <aside class="col-side" tabindex="0" aria-label="Codes, injects and overrides">
      ${codesSection(ctx)}
      ${upcomingSection(ctx)}
      ${adhocSection(ctx)}
      ${announceSection(ctx)}
      ${overridesSection(ctx)}
      ${adversarySection(view)}
      ${chatReadOnly(view)}
      ${notesSection(ctx)}
      ${ctx.local.exercises?.length
        ? html`<section class="panel" aria-labelledby="mine-h"><h2 id="mine-h">Your exercises</h2>${exerciseTable(ctx.local.exercises, ctx.exerciseId)}
            ${classGradeSheet(ctx.answers, ctx.local.exercises.length)}</section>`
        : nothing}
    </aside>
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
    return empty.length ? [`No one has joined ${andList(empty.map((t) => t.name))}. Choose who plays ${empty.length === 1 ? 'it' : 'each'}:`] : [];
  }
  if (step.body.type === 'advance' && view.phase === 'deliberation') {
    const open = teamsTakingPart(view.teams).filter((t) => !t.locked);
    return open.length
      ? [`${andList(open.map((t) => t.name))} ${open.length === 1 ? 'has' : 'have'} not locked. Their plans go ahead as drafted now, without the rest of their time.`]
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
    <p class="status-line"><strong>${phaseWord(view.phase)}</strong>${view.round ? `, round ${view.round} of ${view.scenario.rounds.length}` : ''}${view.paused ? ', paused' : ''}.
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
          <a class="btn" href=${`/project/${ctx.exerciseId}`} target="_blank" rel="noopener">${t('console.projector')}<span class="visually-hidden"> (opens in a new tab)</span></a>
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
    <ul class="team-cards">${repeat(view.teams, (t) => t.id, (t) => {
      const members = seats.filter((s) => s.role === 'team' && s.team === t.id);
      return html`<li class="team-card" style=${cssProps({ '--team': safeColour(t.colour) })}>
        <h3><span class="swatch" aria-hidden="true" style=${swatch(t.colour)}></span>${t.name}
          <span class="badge ${t.locked ? 'badge--ok' : ''}">${t.locked ? lockIcon() : nothing} ${teamStateWord(t)}</span></h3>
        <p class="help">${t.draftCount} drafted · political capital ${t.capitalLeft ?? '?'} · intelligence ${t.intelLeft ?? '?'}</p>
        <p class="help">Players: ${members.length ? members.map((m) => `${m.name}${m.connected ? '' : ' (offline)'}${m.ready ? ' (ready)' : ''}`).join(', ') : seatWords(t)}</p>
        ${reopenSeatControl(ctx, t)}
        ${teamDrafts(view, t.plan)}
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

/** Who plays a team no person has joined. */
function seatWords(team: TeamSummaryView): string {
  if (team.seat === 'bot') return "none: the server's bot plays it";
  if (team.seat === 'absent') return 'none: the team takes no part';
  return 'none yet';
}

function upcomingSection(ctx: Ctx): TemplateResult {
  const f = ctx.view.facilitator;
  if (!f) return html``;
  const audience = (a: unknown) =>
    a === 'all' ? 'All teams' : a === 'facilitator' ? 'Facilitator only' : a && typeof a === 'object' && 'teams' in a
      ? `Private: ${(a as { teams: string[] }).teams.map((t) => teamName(ctx.view, t)).join(', ')}` : 'Per the scenario';
  return html`<section class="panel upcoming" aria-labelledby="upcoming-h">
    <h2 id="upcoming-h">${t('console.upcoming')} <span class="count">(${f.upcomingInjects.length})</span></h2>
    ${f.upcomingInjects.length ? nothing : html`<p class="empty">Every scripted inject has been released.</p>`}
    <ul class="upcoming-list">${repeat(f.upcomingInjects, (i) => i.id, (i) => html`<li>
      <p><strong>${i.title}</strong> ${i.held ? html`<span class="badge badge--warn">Held back</span>` : nothing}</p>
      <p class="help">${i.round !== null ? `Round ${i.round}` : 'Any round'}${i.conditional ? ', when its condition holds' : ''} · ${audience(i.audience)}</p>
      ${i.notes ? html`<p class="inject-notes"><strong>Facilitator notes:</strong> ${i.notes}</p>` : nothing}
      <div class="row">
        <button class="btn btn--small" type="button" @click=${() => void ctx.send(`inj-${i.id}`, { type: 'releaseInject', inject: i.id }, 'Released.')}>
          ${t('console.releaseNow')}<span class="visually-hidden">: ${i.title}</span></button>
        ${i.held ? nothing : html`<button class="btn btn--small" type="button" @click=${() => void ctx.send(`inj-${i.id}`, { type: 'holdInject', inject: i.id }, 'Held back.')}>
          ${t('console.holdBack')}<span class="visually-hidden">: ${i.title}</span></button>`}
      </div>
      ${answerSlot(ctx.answers, `inj-${i.id}`)}
    </li>`)}</ul>
  </section>`;
}

/** The facilitator's guide for the round at hand: what to ask, what to watch for; the overall guide folded away. */
function guideSection(view: ExerciseView): TemplateResult {
  const guide = view.facilitator?.guide;
  if (!guide) return html``;
  const index = Math.max(0, Math.min(guide.rounds.length - 1, view.round - 1));
  const round = guide.rounds[index];
  const upcoming = view.phase === 'lobby' || view.phase === 'briefing';
  return html`<section class="panel" aria-labelledby="guide-h">
    <h2 id="guide-h">Facilitator's guide: ${upcoming ? 'round 1' : `round ${index + 1}`}${round ? `, ${round.title}` : ''}</h2>
    ${round?.discussionQuestions.length
      ? html`<h3>Questions to put to the teams</h3><ul>${round.discussionQuestions.map((q) => html`<li>${q}</li>`)}</ul>`
      : nothing}
    ${round?.watchFor.length ? html`<h3>Watch for</h3><ul>${round.watchFor.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
    ${guide.text
      ? html`<details><summary>Timing and flow of the whole exercise</summary>${paragraphs(guide.text).map((p) => html`<p>${p}</p>`)}</details>`
      : nothing}
    ${courseOf(view.scenario.id).state === 'done'
      ? html`<p><a href=${`/course/${view.scenario.id}`} target="_blank" rel="noopener">Course materials: class timings, readings, prompts and rubric<span class="visually-hidden"> (opens in a new tab)</span></a></p>`
      : nothing}
  </section>`;
}

function adversarySection(view: ExerciseView): TemplateResult {
  const f = view.facilitator;
  if (!f) return html``;
  const move = f.redCellMove === undefined ? 'No choice yet: the scenario\'s adversary model decides.' : f.redCellMove === null ? 'Holding back this round.' : (f.adversaryMoves.find((m) => m.id === f.redCellMove)?.name ?? humanize(f.redCellMove));
  return html`<section class="panel" aria-labelledby="adv-h">
    <details>
      <summary><h2 id="adv-h">${view.scenario.adversaryName}: briefing and ground truth</h2></summary>
      ${paragraphs(f.adversaryBriefing).map((p) => html`<p>${p}</p>`)}
      ${view.scenario.redCellAllowed ? html`<p><strong>Red cell's move:</strong> ${move}</p>` : nothing}
      <h3>Ground truth (facilitator only)</h3>
      <ul>${view.incidents.map((i) => html`<li><strong>${i.name}</strong>: ${i.truth ? `${humanize(i.truth.responsibility)}; ${humanize(i.truth.legalCategory)}` : 'unknown'}${i.active ? '' : ' (not yet active)'}</li>`)}</ul>
    </details>
  </section>`;
}
