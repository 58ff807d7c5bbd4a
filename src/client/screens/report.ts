/**
 * The printable after-action report: one page for the whole exercise that
 * prints cleanly to PDF (see the print rules in styles.css). It resumes any
 * seat this browser holds for the exercise, the facilitator's first.
 */
import type { ExerciseView } from '../../engine/view/types';
import { connection } from '../net/connection';
import { anySeatFor } from '../net/credentials';
import { Session } from '../net/session';
import { html, nothing, render, type TemplateResult } from '../ui/dom';
import { RATINGS, teamName } from '../ui/format';
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
  const draw = () => {
    const view = session.view;
    if (!view) {
      render(html`<main id="main" class="page narrow"><p role="status">${session.failure?.message ?? 'Loading the report…'}</p></main>`, root);
      return;
    }
    document.title = `After-action report: ${view.scenario.title}`;
    render(report(view, exerciseId, charts), root);
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

function report(view: ExerciseView, exerciseId: string, charts: ChartsPanel): TemplateResult {
  const back = view.viewer.role === 'facilitator' ? `/facilitate/${exerciseId}` : `/play/${exerciseId}`;
  return html`<div class="report-toolbar no-print" role="toolbar" aria-label="Report">
      <button class="btn btn--primary" type="button" @click=${() => window.print()}>Print or save as PDF</button>
      <a class="btn" href=${back} data-link>Back to the exercise</a>
    </div>
    <main id="main" class="report">
      <header class="report-head">
        <p class="kicker">Firebreak · After-action report</p>
        <h1>${view.scenario.title}</h1>
        <p class="lede">${view.scenario.summary}</p>
        <p class="meta">Governments: ${view.teams.map((t) => t.name).join(', ')} · Adversary: ${view.scenario.adversaryName} ·
          ${view.rounds.length} of ${view.scenario.rounds.length} rounds · Report generated ${new Date().toLocaleString()}</p>
        ${view.phase === 'debrief' ? nothing : html`<p class="warning">The exercise is still running; this report shows what has happened so far.</p>`}
      </header>
      ${outcomeBox(view)}
      ${objectivesSection(view)}
      ${reportCardsSection(view, true)}
      ${chartsSection(charts, view)}
      ${decisionsTable(view)}
      ${timelineSection(view, true)}
      ${whatReallyHappened(view)}
      ${questionsSection(view)}
      <section class="panel" aria-labelledby="eval-h"><h2 id="eval-h">Evaluators' notes</h2>${notesTable(view)}</section>
    </main>`;
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
