/**
 * The shell of every exercise screen: finds this browser's seat, resumes it
 * (and again after every reconnection), and renders the screen for the
 * seat's role (or the debrief once the exercise has ended) from each view
 * the server sends. New injects and resolved rounds are announced.
 */
import type { ExerciseView } from '../../engine/view/types';
import { connection, request } from '../net/connection';
import { facilitatorCredentials, seatFor } from '../net/credentials';
import { Session } from '../net/session';
import { navigate } from '../router';
import { Answers } from '../ui/answers';
import { onLastMinute, refreshClocks, startClockTicker } from '../ui/clock';
import { html, render, swatch, type TemplateResult } from '../ui/dom';
import { Drafts } from '../ui/drafts';
import { storyDate } from '../ui/format';
import { Notifications } from '../ui/notifications';
import { phrase, say } from '../ui/said';
import { serverNow } from '../net/serverTime';
import { newLocalState, type Ctx } from './context';
import { debriefScreen } from './debrief';
import { facilitatorScreen } from './facilitator';
import { observerScreen } from './observer';
import { BoardPanel } from './parts/board';
import { onHistoryArrival } from '../net/history';
import { onCourseArrival } from '../net/course';
import { ChartsPanel } from './parts/charts';
import { noticeCards, notificationsMenu } from './parts/notifications';
import { helpButton, helpDialog, howToPlaySeen, listenForHelp, syncHelpDialog } from './parts/help';
import { noticesBetween } from './notices';
import { roundWords } from './parts/situation';
import { clockBadge, topbar } from './parts/topbar';
import { redCellScreen } from './redcell';
import { teamScreen } from './team';
import { t } from '../ui/i18n';

export function mountExercise(root: HTMLElement, kind: 'facilitate' | 'play', exerciseId: string): () => void {
  const stored = seatFor(exerciseId, kind === 'facilitate' ? 'facilitator' : 'player');
  if (!stored) {
    if (kind === 'play' && seatFor(exerciseId, 'facilitator')) {
      navigate(`/facilitate/${exerciseId}`, true);
      return () => {};
    }
    render(noSeat(), root);
    return () => {};
  }
  const session = new Session(connection(), stored);
  const board = new BoardPanel();
  const charts = new ChartsPanel();
  const local = newLocalState();
  let scheduled = false;
  const rerender = () => {
    if (scheduled) return;
    scheduled = true;
    void Promise.resolve().then(() => {
      scheduled = false;
      draw();
    });
  };
  const answers = new Answers(rerender);
  const ctx: Ctx = {
    exerciseId,
    session,
    view: null as unknown as ExerciseView,
    answers,
    drafts: new Drafts(exerciseId),
    local,
    board,
    notifications: new Notifications(`${exerciseId}.${stored.seatId}`, rerender, (said) => say(said, session.view)),
    rerender,
    send: (key, body, okText) => answers.track(key, session.send(body), okText),
  };
  let previous: ExerciseView | null = null;

  function draw(): void {
    const view = session.view;
    if (session.failure) {
      render(failed(session.failure.message), root);
      return;
    }
    if (!view) {
      render(loading(session, rerender), root);
      return;
    }
    ctx.view = view;
    const resolved = notice(ctx, previous, view);
    const newScreen = !previous || previous.phase !== view.phase;
    if (newScreen) void refreshExercises(ctx);
    // What someone did in the previous phase or round is no longer true of this one.
    if (previous && (previous.phase !== view.phase || previous.round !== view.round)) answers.clear();
    previous = view;
    render(screen(ctx, charts), root);
    syncHelpDialog(local.help);
    if (newScreen) local.focusNext = null;
    // The first round a team seat opens in this browser starts with how to play.
    if (newScreen && view.viewer.role === 'team' && view.phase === 'deliberation' && !howToPlaySeen()) Object.assign(local.help, { open: true, term: null });
    if (newScreen) focusMainIfLost(root);
    focusRequested(root, local);
    document.title = `${view.phase === 'debrief' ? 'Debrief' : roundWords(view)}: ${view.scenario.title} · Firebreak`;
    refreshClocks();
    measureTopbar();
    measureToasts();
    if (board.host.isConnected) board.update(view);
    if (resolved && board.host.isConnected) board.playRound(resolved);
    if (view.phase === 'debrief') void charts.update(view);
  }

  session.onChange(rerender);
  const stopHistory = onHistoryArrival(rerender);
  const stopCourse = onCourseArrival(rerender);
  session.start();
  onLastMinute((deadline) =>
    ctx.notifications.add([{ id: `minute-${deadline}`, kind: 'clock', title: phrase('notice.lastMinute'), text: phrase('clockRule'), at: serverNow(), urgent: true }]),
  );
  const stopTicker = startClockTicker();
  const stopHelp = listenForHelp(local.help, rerender);
  // A new language: the screen's own words at once, the scenario's texts with the view the server sends back.
  const languageChanged = () => {
    rerender();
    void session.languageChanged();
  };
  window.addEventListener('firebreak:language', languageChanged);
  draw();
  return () => {
    stopHelp();
    window.removeEventListener('firebreak:language', languageChanged);
    onLastMinute(null);
    stopTicker();
    stopHistory();
    stopCourse();
    session.stop();
    board.destroy();
    charts.destroy();
  };
}

function screen(ctx: Ctx, charts: ChartsPanel): TemplateResult {
  const view = ctx.view;
  const body =
    view.phase === 'debrief'
      ? debriefScreen(ctx, charts)
      : view.viewer.role === 'facilitator'
        ? facilitatorScreen(ctx)
        : view.viewer.role === 'team'
          ? teamScreen(ctx)
          : view.viewer.role === 'observer'
            ? observerScreen(ctx)
            : redCellScreen(ctx);
  const date = view.round > 0 && view.phase !== 'debrief' ? view.scenario.rounds[view.round - 1]?.date : null;
  return html`${topbar({
    title: view.scenario.title,
    seat: seatWords(ctx),
    round: roundWords(view),
    clock: view.phase === 'deliberation' || view.paused ? clockBadge(view.clock, view.paused) : undefined,
    ...(date ? { storyDate: storyDate(date) } : {}),
    notices: notificationsMenu(ctx.notifications, (said) => say(said, view), ctx.rerender),
    help: helpButton(),
    status: ctx.session.status,
    rerender: ctx.rerender,
  })}${body}${noticeCards(ctx.notifications, (said) => say(said, view), ctx.rerender)}${helpDialog(ctx.local.help, ctx.rerender)}`;
}

function seatWords(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const seat = ctx.session.seat;
  const name = seat?.name ?? ctx.session.stored.name;
  if (view.viewer.role === 'team') {
    const team = view.teams.find((t) => t.id === view.me?.team);
    const lead = ctx.session.mySeat?.lead ?? seat?.lead;
    return html`<span class="swatch" aria-hidden="true" style=${swatch(team?.colour)}></span>
      <strong>${team?.name ?? t('console.team')}</strong> <span class="help">${name}</span>${lead ? html`<span class="visually-hidden">, team lead</span>` : ''}`;
  }
  const role = t(`console.role_${view.viewer.role}`);
  return html`<strong>${role}</strong> <span class="help">${name}</span>`;
}

/** Turns what changed since the previous view into notifications; returns the newly resolved round, if any. */
function notice(ctx: Ctx, previous: ExerciseView | null, view: ExerciseView) {
  const local = ctx.local;
  const fresh = view.injects.filter((i) => !local.seenInjects.has(i.id));
  for (const i of fresh) local.seenInjects.add(i.id);
  if (!previous) return null;
  if (previous.round !== view.round) local.newInjects.clear();
  for (const i of fresh) local.newInjects.add(i.id);
  ctx.notifications.add(noticesBetween(previous, view, serverNow()));
  return view.rounds.length > previous.rounds.length ? view.rounds[view.rounds.length - 1]! : null;
}

async function refreshExercises(ctx: Ctx): Promise<void> {
  if (ctx.session.stored.role !== 'facilitator') return;
  const mine = ctx.session.stored.credential;
  const credentials = [mine, ...facilitatorCredentials().filter((c) => c !== mine)];
  const answer = await request('exercise:list', { credentials });
  if (answer.ok) {
    ctx.local.exercises = answer.exercises;
    ctx.rerender();
  }
}

function loading(session: Session, rerender: () => void): TemplateResult {
  return html`${topbar({ title: session.stored.title, status: session.status, rerender })}
    <main id="main" class="page narrow"><p role="status" class="loading">Opening your seat in “${session.stored.title}”…</p></main>`;
}

function failed(message: string): TemplateResult {
  return html`<main id="main" class="page narrow">
    <h1>This seat cannot be resumed</h1>
    <p>${message}</p>
    <p><a href="/" data-link>Go to the start page</a> and join again with your code.</p>
  </main>`;
}

function noSeat(): TemplateResult {
  return html`<main id="main" class="page narrow">
    <h1>You have no seat in this exercise yet</h1>
    <p>This browser does not hold a seat for this exercise. Join it with the code your facilitator gave you.</p>
    <p><a class="btn btn--primary" href="/" data-link>Go to the start page</a></p>
  </main>`;
}

/** Keeps --topbar-h equal to the (sticky) top bar's height, which grows when it wraps. */
function measureTopbar(): void {
  const bar = document.querySelector('.topbar');
  if (bar) document.documentElement.style.setProperty('--topbar-h', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
}

/** Keeps --toasts-h equal to the notification cards' height, so that pages leave room to scroll clear of them. */
function measureToasts(): void {
  const cards = document.querySelector('.toasts:not([hidden])');
  const height = cards ? Math.ceil(cards.getBoundingClientRect().height) + 16 : 0;
  document.documentElement.style.setProperty('--toasts-h', `${height}px`);
}

/** Moves focus to the control an action asked for, once it is on screen (the answer and the new view may come in either order). */
function focusRequested(root: HTMLElement, local: Ctx['local']): void {
  if (!local.focusNext) return;
  const target = root.querySelector<HTMLElement>(local.focusNext);
  if (!target) return;
  local.focusNext = null;
  target.focus();
}

/** After a new screen appears, moves focus to its main region when the focused element went away with the old one. */
function focusMainIfLost(root: HTMLElement): void {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  root.querySelector<HTMLElement>('#main')?.focus({ preventScroll: true });
}
