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
import { actionName, dateTime, longDate, RATINGS, ratingLabel, teamName } from '../ui/format';
import { colon, t } from '../ui/i18n';
import { formatNumber } from '../ui/numbers';
import { outcomeBox, notesTable, questionsSection, timelineSection, whatReallyHappened } from './debrief';
import { chartsSection, ChartsPanel } from './parts/charts';
import { reportCardsSection } from './parts/reportCard';
import { languagePicker } from './parts/topbar';

export function mountReport(root: HTMLElement, exerciseId: string): () => void {
  const stored = anySeatFor(exerciseId);
  if (!stored) {
    render(html`<main id="main" class="page narrow"><h1>${t('report.none')}</h1>
      <p>${t('report.noSeat')}</p>
      <p><a href="/" data-link>${t('report.startPage')}</a></p></main>`, root);
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
      render(html`<main id="main" class="page narrow"><p role="status">${session.failure?.message ?? t('report.loading')}</p></main>`, root);
      return;
    }
    document.title = t('report.docTitle', { title: view.scenario.title });
    render(report(view, exerciseId, charts, state, session.presence, draw), root);
    void charts.update(view).then(() => root.querySelector('.report')?.setAttribute('data-ready', 'true'));
  };
  session.onChange(draw);
  // A new language: the report's own words at once, the scenario's texts with the view the server sends back.
  const languageChanged = () => {
    draw();
    void session.languageChanged();
  };
  window.addEventListener('firebreak:language', languageChanged);
  session.start();
  draw();
  return () => {
    window.removeEventListener('firebreak:language', languageChanged);
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
  return html`<div class="report-toolbar no-print" role="toolbar" aria-label=${t('report.toolbar')}>
      <button class="btn btn--primary" type="button" @click=${() => window.print()}>${t('report.print')}</button>
      <button class="btn" type="button" aria-pressed=${state.full ? 'true' : 'false'} @click=${toggle}>${t('report.full')}</button>
      <a class="btn" href=${back} data-link>${t('report.back')}</a>
      ${languagePicker()}
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
        : html`<section class="panel" aria-labelledby="timeline-short-h"><h2 id="timeline-short-h">${t('debrief.timeline')}</h2>
            <p class="help">${t('report.timelineShort', { full: t('report.full') })}</p></section>`}
      ${whatReallyHappened(view, !state.full)}
      ${questionsSection(view)}
      ${state.full || view.notes.length
        ? html`<section class="panel" aria-labelledby="eval-h"><h2 id="eval-h">${t('debrief.evalNotes')}</h2>${notesTable(view)}</section>`
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
    <p class="kicker">${t('report.kicker')}</p>
    <h1>${title}</h1>
    <dl class="title-facts">
      <dt>${t('report.scenario')}</dt><dd>${view.scenario.title}</dd>
      <dt>${t('report.datePlayed')}</dt><dd>${started === null ? t('report.notStarted') : longDate(started)}</dd>
      <dt>${t('report.facilitator')}</dt><dd>${facilitators.length ? facilitators.join(', ') : t('report.notRecorded')}</dd>
      <dt>${t('report.roundsPlayed')}</dt><dd>${t('report.of', { played: view.rounds.length, rounds: view.scenario.rounds.length })}</dd>
      <dt>${t('report.adversary')}</dt><dd>${view.scenario.adversaryName}</dd>
    </dl>
    <h2 class="title-teams-h">${t('report.teams')}</h2>
    <ul class="title-teams">${view.teams.map((team) => {
      const players = seats.filter((s) => s.role === 'team' && s.team === team.id).map((s) => s.name);
      return html`<li><strong>${team.name}</strong>${colon()} ${players.length ? players.join(', ') : t('report.noPlayers')}</li>`;
    })}</ul>
    <p class="lede">${view.scenario.summary}</p>
    ${view.phase === 'debrief' ? nothing : html`<p class="warning">${t('report.running')}</p>`}
    <p class="meta">${t('report.generated', { when: dateTime(Date.now()) })}</p>
  </header>`;
}

function objectivesSection(view: ExerciseView): TemplateResult {
  const objectives = view.scenario.learningObjectives;
  if (!objectives.length) return html``;
  return html`<section class="panel" aria-labelledby="obj-h">
    <h2 id="obj-h">${t('report.objectives')}</h2>
    <table class="table">
      <thead><tr><th scope="col">${t('report.objective')}</th>${RATINGS.map((r) => html`<th scope="col" title=${ratingLabel(r.id)}>${r.id}</th>`)}<th scope="col">${t('report.notes')}</th></tr></thead>
      <tbody>${objectives.map((o) => {
        const notes = view.notes.filter((n) => n.objective === o.id);
        return html`<tr><th scope="row">${o.text}</th>${RATINGS.map((r) => html`<td>${notes.filter((n) => n.rating === r.id).length}</td>`)}<td>${notes.length}</td></tr>`;
      })}</tbody>
    </table>
    <p class="help">${RATINGS.map((r) => ratingLabel(r.id)).join('; ')}.</p>
  </section>`;
}

function decisionsTable(view: ExerciseView): TemplateResult {
  if (!view.decisions.length) return html``;
  const col = Object.fromEntries(['round', 'government', 'action', 'proportionality', 'outcome'].map((c) => [c, t(`report.col.${c}`)]));
  return html`<section class="panel" aria-labelledby="dec-h">
    <h2 id="dec-h">${t('report.decisions')}</h2>
    <table class="table compact stack-narrow">
      <thead><tr><th scope="col">${col.round}</th><th scope="col">${col.government}</th><th scope="col">${col.action}</th><th scope="col">${col.proportionality}</th><th scope="col">${col.outcome}</th></tr></thead>
      <tbody>${view.decisions.map(
        (d) => html`<tr><td data-label=${col.round}>${d.round}</td><td data-label=${col.government}>${teamName(view, d.team)}${d.joint.length ? t('report.joint') : ''}</td>
          <td data-label=${col.action}>${actionName(view, d.action)}</td>
          <td data-label=${col.proportionality}>${formatNumber(Math.round(d.overridden?.value ?? d.proportionality.value))}${d.overridden ? t('report.override') : ''}${d.legallyExposed ? t('report.exposed') : ''}</td>
          <td data-label=${col.outcome}>${d.outcome}</td></tr>`,
      )}</tbody>
    </table>
  </section>`;
}
