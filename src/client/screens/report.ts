/**
 * The printable after-action report: one page for the whole exercise that
 * prints cleanly to PDF (see the print rules in styles.css). It resumes any
 * seat this browser holds for the exercise, the facilitator's first.
 */
import type { ExerciseView } from '../../engine/view/types';
import type { ExerciseSummary, Presence } from '../../protocol/events';
import { connection, request } from '../net/connection';
import { anySeatFor } from '../net/credentials';
import { Session } from '../net/session';
import { html, nothing, render, type TemplateResult } from '../ui/dom';
import { dateTime, longDate, RATINGS, teamName } from '../ui/format';
import { outcomeBox, notesTable, questionsSection, timelineSection, whatReallyHappened } from './debrief';
import { chartsSection, ChartsPanel } from './parts/charts';
import { reportCardsSection } from './parts/reportCard';

export function mountReport(root: HTMLElement, exerciseId: string): () => void {
  const stored = anySeatFor(exerciseId);
  if (!stored) {
    render(html`<main id="main" class="page narrow"><h1>No report here</h1>
      <p>This browser holds no seat in that exercise. Open the report from the debrief screen of a seat you hold.</p>
      <p><a href="/" data-link>Start page</a></p></main>`, root);
    return () => {};
  }
  const session = new Session(connection(), stored);
  const charts = new ChartsPanel(false);
  charts.listenForPrint();
  const state: ReportState = { full: false, summary: null };
  // The run's own title is in the facilitator's exercise list; other seats use the scenario's.
  if (stored.role === 'facilitator') {
    void request('exercise:list', { credentials: [stored.credential] }).then((answer) => {
      if (answer.ok) state.summary = answer.exercises.find((e) => e.exerciseId === exerciseId) ?? null;
      draw();
    });
  }
  const draw = () => {
    const view = session.view;
    if (!view) {
      render(html`<main id="main" class="page narrow"><p role="status">${session.failure?.message ?? 'Loading the report…'}</p></main>`, root);
      return;
    }
    document.title = `After-action report: ${view.scenario.title}`;
    render(report(view, exerciseId, charts, state, session.presence, draw), root);
    void charts.update(view).then(() => root.querySelector('.report')?.setAttribute('data-ready', 'true'));
  };
  session.onChange(draw);
  session.start();
  draw();
  return () => {
    session.stop();
    charts.destroy();
  };
}

interface ReportState {
  /** The full version opens every explanation; the short one folds them away. */
  full: boolean;
  summary: ExerciseSummary | null;
}

function report(view: ExerciseView, exerciseId: string, charts: ChartsPanel, state: ReportState, presence: Presence | null, redraw: () => void): TemplateResult {
  const back = view.viewer.role === 'facilitator' ? `/facilitate/${exerciseId}` : `/play/${exerciseId}`;
  const toggle = () => {
    state.full = !state.full;
    redraw();
  };
  return html`<div class="report-toolbar no-print" role="toolbar" aria-label="Report">
      <button class="btn btn--primary" type="button" @click=${() => window.print()}>Print or save as PDF</button>
      <button class="btn" type="button" aria-pressed=${state.full ? 'true' : 'false'} @click=${toggle}>Full version, every explanation open</button>
      <a class="btn" href=${back} data-link>Back to the exercise</a>
    </div>
    <main id="main" class="report ${state.full ? 'report--full' : 'report--short'}" data-version=${state.full ? 'full' : 'short'}>
      ${titlePage(view, state.summary, presence)}
      ${outcomeBox(view)}
      ${state.full || view.notes.some((n) => n.rating) ? objectivesSection(view) : nothing}
      ${reportCardsSection(view, state.full)}
      ${chartsSection(charts, view)}
      ${decisionsTable(view)}
      ${state.full
        ? timelineSection(view, true)
        : html`<section class="panel" aria-labelledby="timeline-short-h"><h2 id="timeline-short-h">Timeline</h2>
            <p class="help">Everything logged, round by round, is in the full version ("Full version, every explanation open").</p></section>`}
      ${whatReallyHappened(view, !state.full)}
      ${questionsSection(view)}
      ${state.full || view.notes.length
        ? html`<section class="panel" aria-labelledby="eval-h"><h2 id="eval-h">Evaluators' notes</h2>${notesTable(view)}</section>`
        : nothing}
    </main>`;
}

/** The first page: the run's title, when it was played, who ran it, the teams and their players, the scenario. */
function titlePage(view: ExerciseView, summary: ExerciseSummary | null, presence: Presence | null): TemplateResult {
  const seats = presence?.seats ?? [];
  const started = view.timeline.find((e) => e.kind === 'phase')?.at ?? view.timeline[0]?.at ?? null;
  const facilitators = seats.filter((s) => s.role === 'facilitator').map((s) => s.name);
  const title = summary?.title || view.scenario.title;
  return html`<header class="report-head title-page">
    <p class="kicker">Firebreak · After-action report</p>
    <h1>${title}</h1>
    <dl class="title-facts">
      <dt>Scenario</dt><dd>${view.scenario.title}</dd>
      <dt>Date of play</dt><dd>${started === null ? 'Not started' : longDate(started)}</dd>
      <dt>Facilitator</dt><dd>${facilitators.length ? facilitators.join(', ') : 'Not recorded'}</dd>
      <dt>Rounds played</dt><dd>${view.rounds.length} of ${view.scenario.rounds.length}</dd>
      <dt>Adversary</dt><dd>${view.scenario.adversaryName}</dd>
    </dl>
    <h2 class="title-teams-h">Teams and players</h2>
    <ul class="title-teams">${view.teams.map((t) => {
      const players = seats.filter((s) => s.role === 'team' && s.team === t.id).map((s) => s.name);
      return html`<li><strong>${t.name}</strong>: ${players.length ? players.join(', ') : 'no players'}</li>`;
    })}</ul>
    <p class="lede">${view.scenario.summary}</p>
    ${view.phase === 'debrief' ? nothing : html`<p class="warning">The exercise is still running; this report shows what has happened so far.</p>`}
    <p class="meta">Report generated ${dateTime(Date.now())}</p>
  </header>`;
}

function objectivesSection(view: ExerciseView): TemplateResult {
  const objectives = view.scenario.learningObjectives;
  if (!objectives.length) return html``;
  return html`<section class="panel" aria-labelledby="obj-h">
    <h2 id="obj-h">Learning objectives and ratings</h2>
    <table class="table">
      <thead><tr><th scope="col">Objective</th>${RATINGS.map((r) => html`<th scope="col" title=${r.label}>${r.id}</th>`)}<th scope="col">Notes</th></tr></thead>
      <tbody>${objectives.map((o) => {
        const notes = view.notes.filter((n) => n.objective === o.id);
        return html`<tr><th scope="row">${o.text}</th>${RATINGS.map((r) => html`<td>${notes.filter((n) => n.rating === r.id).length}</td>`)}<td>${notes.length}</td></tr>`;
      })}</tbody>
    </table>
    <p class="help">${RATINGS.map((r) => r.label).join('; ')}.</p>
  </section>`;
}

function decisionsTable(view: ExerciseView): TemplateResult {
  if (!view.decisions.length) return html``;
  return html`<section class="panel" aria-labelledby="dec-h">
    <h2 id="dec-h">Decisions at a glance</h2>
    <table class="table compact">
      <thead><tr><th scope="col">Round</th><th scope="col">Government</th><th scope="col">Action</th><th scope="col">Proportionality</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${view.decisions.map(
        (d) => html`<tr><td>${d.round}</td><td>${teamName(view, d.team)}${d.joint.length ? ' (joint)' : ''}</td>
          <td>${view.actions.find((a) => a.id === d.action)?.name ?? d.action}</td>
          <td>${Math.round(d.overridden?.value ?? d.proportionality.value)}${d.overridden ? ' (override)' : ''}${d.legallyExposed ? ', legally exposed' : ''}</td>
          <td>${d.outcome}</td></tr>`,
      )}</tbody>
    </table>
  </section>`;
}
