/**
 * The debrief, for everyone once the exercise ends: the timeline of
 * injects, decisions (with rationales) and outcomes; charts with data
 * tables; what really happened, with sources; discussion questions; the
 * evaluators' notes; exports and the printable report.
 */
import type { ExerciseView } from '../../engine/view/types';
import { downloadText } from '../ui/download';
import { html, nothing, paragraphs, safeUrl, type TemplateResult } from '../ui/dom';
import { answerSlot } from '../ui/answers';
import { actionName, ladderLabel, postureWord, roundTitle, teamName, timeOfDay } from '../ui/format';
import { historyOf } from '../net/history';
import type { Ctx } from './context';
import { chartsSection, type ChartsPanel } from './parts/charts';
import { chatSection } from './parts/chat';
import { injectItem } from './parts/feed';
import { notesSection } from './parts/notes';
import { reportCardsSection } from './parts/reportCard';
import { decisionItem, explainedScore } from './parts/results';

export function debriefScreen(ctx: Ctx, charts: ChartsPanel): TemplateResult {
  const view = ctx.view;
  const role = view.viewer.role;
  const staff = role === 'facilitator' || role === 'observer';
  return html`<main id="main" tabindex="-1" class="layout debrief">
    <div class="col-main">
      <h1>Debrief: ${view.scenario.title}</h1>
      ${outcomeBox(view)}
      <nav class="toc" aria-label="Debrief sections">
        ${view.reportCards.length ? html`<a href="#cards-h">Report cards</a> ` : nothing}<a href="#charts-h">Charts</a> <a href="#timeline-h">Timeline</a> <a href="#beside-h">Beside the record</a> <a href="#real-h">What really happened</a>
        <a href="#questions-h">Discussion</a> <a href="#eval-h">Evaluators' notes</a> <a href="#export-h">Export and report</a>
      </nav>
      ${reportCardsSection(view)}
      ${chartsSection(charts, view)}
      ${timelineSection(view)}
      ${besideTheRecord(view)}
      ${whatReallyHappened(view)}
      ${questionsSection(view)}
      <section class="panel" aria-labelledby="eval-h"><h2 id="eval-h">Evaluators' notes</h2>${notesTable(view)}</section>
      ${exportSection(ctx, role !== 'redCell', staff)}
    </div>
    <aside class="col-side" tabindex="0" aria-label="Notes and chat">
      ${role === 'facilitator' ? reopenSection(ctx) : nothing}
      ${staff ? notesSection(ctx) : nothing}
      ${role === 'team' ? chatSection(ctx) : nothing}
    </aside>
  </main>`;
}

export function outcomeBox(view: ExerciseView): TemplateResult {
  const o = view.outcome;
  const last = view.rounds[view.rounds.length - 1];
  return html`<section class="panel outcome" aria-labelledby="outcome-h">
    <h2 id="outcome-h">Outcome${o ? `: ${o.outcome === 'success' ? 'success' : o.outcome === 'failure' ? 'failure' : 'no decisive outcome'}` : ''}</h2>
    ${o ? html`<p class="lede">${o.summary}</p>` : nothing}
    <p>${view.rounds.length} of ${view.scenario.rounds.length} rounds played.
      ${last ? html`Final escalation: ${last.escalationAfter}, ${ladderLabel(view, last.escalationAfter)}. ${view.scenario.adversaryName}'s final posture: ${postureWord(last.postureAfter)}. Final cohesion: ${Math.round(last.cohesion.value)}/100.` : nothing}</p>
  </section>`;
}

export function timelineSection(view: ExerciseView, open = false): TemplateResult {
  const rounds = Array.from({ length: Math.max(view.round, view.rounds.length) + 1 }, (_, r) => r);
  return html`<section class="panel timeline" aria-labelledby="timeline-h">
    <h2 id="timeline-h">Timeline</h2>
    ${rounds.map((r) => timelineRound(view, r, open))}
  </section>`;
}

function timelineRound(view: ExerciseView, round: number, open: boolean): TemplateResult {
  const injects = view.injects.filter((i) => i.round === round);
  const decisions = view.decisions.filter((d) => d.round === round);
  const result = view.rounds.find((r) => r.round === round);
  const log = view.timeline.filter((t) => t.round === round);
  if (!injects.length && !decisions.length && !result && !log.length) return html``;
  return html`<article class="timeline-round" aria-labelledby=${`tl-${round}`}>
    <h3 id=${`tl-${round}`}>${roundTitle(view, round)}</h3>
    ${injects.length ? html`<h4>Injects</h4><ol class="feed-list">${injects.map((i) => injectItem(view, i))}</ol>` : nothing}
    ${decisions.length ? html`<h4>Decisions</h4><ul class="decisions">${decisions.map((d) => decisionItem(view, d, undefined, open))}</ul>` : nothing}
    ${result
      ? html`<h4>Outcome</h4>
          <ul class="headlines">${result.headlines.map((h) => html`<li>${h}</li>`)}</ul>
          <p>Escalation ${result.escalationBefore} → ${result.escalationAfter}; posture ${postureWord(result.postureBefore)} → ${postureWord(result.postureAfter)}: ${result.postureWhy}</p>
          <p>Cohesion ${Math.round(result.cohesion.value)}/100.</p>${explainedScore(result.cohesion, 'Why this cohesion score', open)}`
      : nothing}
    ${log.length
      ? html`<details class="log-details" ?open=${open}><summary>Everything logged in this round (${log.length})</summary>
          <ol class="log">${log.map((t) => html`<li><span class="meta">${timeOfDay(t.at)} · ${t.kind}</span> ${t.text}</li>`)}</ol></details>`
      : nothing}
  </article>`;
}

const OUTCOME_WORDS = { success: 'success', neutral: 'no decisive outcome', failure: 'failure' } as const;
const percent = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))} %`;

/**
 * Round by round, what the teams did beside what governments really did
 * (the scenario's history track), with how the real sequence fares when the
 * engine plays it over many seeds. Nothing when the scenario has no track.
 */
export function besideTheRecord(view: ExerciseView): TemplateResult {
  const history = historyOf(view.scenario.id);
  if (history === null) return html``;
  if (history === undefined) {
    return html`<section class="panel" aria-labelledby="beside-h" aria-busy="true"><h2 id="beside-h">Beside the record</h2><p class="empty">Loading what governments really did…</p></section>`;
  }
  const o = history.outcomes;
  const played = view.rounds.map((r) => r.round);
  return html`<section class="panel beside" aria-labelledby="beside-h">
    <h2 id="beside-h">Beside the record</h2>
    <p>${history.title}. The record's outcome in this scenario's terms: <strong>${OUTCOME_WORDS[history.record.kind]}</strong>. ${history.record.summary}</p>
    <p>Played by the engine over ${history.runs} runs, the real sequence ends in success in ${percent(o.success, history.runs)},
      no decisive outcome in ${percent(o.neutral, history.runs)} and failure in ${percent(o.failure, history.runs)} of runs, with a mean
      proportionality of ${history.meanProportionality ?? '–'} and a mean cohesion of ${history.meanCohesion}${view.outcome ? html`; your exercise ended in <strong>${OUTCOME_WORDS[view.outcome.outcome]}</strong>` : nothing}.
      Its path is drawn in grey on the escalation and cohesion charts.</p>
    <table class="table beside-table">
      <caption class="visually-hidden">What the teams did and what governments really did, round by round</caption>
      <thead><tr><th scope="col">Round</th><th scope="col">What your teams did</th><th scope="col">What governments really did</th></tr></thead>
      <tbody>${history.rounds.filter((r) => played.includes(r.round) || r.steps.length).map((r) => html`<tr>
        <th scope="row">${roundTitle(view, r.round)}</th>
        <td>${teamsDid(view, r.round)}</td>
        <td>${r.steps.length
          ? html`<ul>${r.steps.map((s) => html`<li><strong>${s.teamName}</strong> (${s.date}): ${s.did}. <span class="help">${s.what}</span></li>`)}</ul>`
          : html`<p>${r.summary || 'Nothing on the record.'}</p>`}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function teamsDid(view: ExerciseView, round: number): TemplateResult {
  const decisions = view.decisions.filter((d) => d.round === round);
  if (!view.rounds.some((r) => r.round === round)) return html`<p class="empty">Not played.</p>`;
  if (!decisions.length) return html`<p>No decision.</p>`;
  return html`<ul>${decisions.map((d) => html`<li><strong>${teamName(view, d.team)}</strong>: ${actionName(view, d.action)}${d.joint.length ? ' (jointly)' : ''}${d.effective ? '' : ' (fell through)'}</li>`)}</ul>`;
}

/** What really happened, with sources (and, for the facilitator, the guide); `folded` puts the notes tied to no round, the sources and the guide behind a disclosure (the report's short version). */
export function whatReallyHappened(view: ExerciseView, folded = false): TemplateResult {
  const d = view.debrief;
  if (!d) return html``;
  const fold = (summary: string, body: TemplateResult) => (folded ? html`<details class="report-fold"><summary>${summary}</summary>${body}</details>` : body);
  // Notes tied to no round (the history track, where the model departs from the record) fold away in the short version.
  const modelNotes = d.whatHappened.filter((w) => w.round === null);
  return html`<section class="panel" aria-labelledby="real-h">
    <h2 id="real-h">What really happened</h2>
    ${folded
      ? html`${realList(view, d.whatHappened.filter((w) => w.round !== null))}${modelNotes.length ? fold(`Notes on the history track and the model (${modelNotes.length})`, realList(view, modelNotes)) : nothing}`
      : realList(view, d.whatHappened)}
    ${d.sources.length
      ? fold(`Sources (${d.sources.length})`, html`<h3>Sources</h3><ol class="source-list">${d.sources.map((s) => {
          const url = safeUrl(s.url);
          return html`<li id=${`src-${s.id}`}><span class="meta">[${s.id}]</span> ${s.citation}${url ? html` <a href=${url} rel="noopener noreferrer" target="_blank">${url}</a>` : s.url ? ` ${s.url}` : ''}</li>`;
        })}</ol>`)
      : nothing}
    ${d.facilitatorGuide ? fold("Facilitator's guide", html`<h3>Facilitator's guide</h3>${paragraphs(d.facilitatorGuide).map((p) => html`<p>${p}</p>`)}`) : nothing}
  </section>`;
}

function realList(view: ExerciseView, entries: NonNullable<ExerciseView['debrief']>['whatHappened']): TemplateResult {
  return html`<ul class="real">${entries.map(
    (w) => html`<li>${w.round !== null ? html`<strong>${roundTitle(view, w.round)}:</strong> ` : nothing}${w.text}
      ${w.sources.length ? html`<span class="sources">Sources: ${w.sources.map((id, i) => html`${i ? ', ' : ''}<a href=${`#src-${id}`}>[${id}]</a>`)}</span>` : nothing}</li>`,
  )}</ul>`;
}

export function questionsSection(view: ExerciseView): TemplateResult {
  const q = view.debrief?.discussionQuestions ?? [];
  if (!q.length) return html``;
  return html`<section class="panel" aria-labelledby="questions-h">
    <h2 id="questions-h">Discussion questions</h2>
    <ol>${q.map((x) => html`<li>${x}</li>`)}</ol>
  </section>`;
}

export function notesTable(view: ExerciseView): TemplateResult {
  if (!view.notes.length) return html`<p class="empty">No evaluation notes were taken.</p>`;
  const objective = (id: string | null) => view.scenario.learningObjectives.find((o) => o.id === id)?.text ?? '–';
  return html`<table class="table">
    <caption class="visually-hidden">Evaluators' notes</caption>
    <thead><tr><th scope="col">Moment</th><th scope="col">Team</th><th scope="col">Objective</th><th scope="col">Rating</th><th scope="col">Note</th><th scope="col">By</th></tr></thead>
    <tbody>${view.notes.map(
      (n) => html`<tr><td>${roundTitle(view, n.round)}</td><td>${n.team ? teamName(view, n.team) : 'All'}</td><td>${objective(n.objective)}</td><td>${n.rating ?? '–'}</td><td>${n.text}</td><td>${n.by}${n.role === 'facilitator' ? ' (facilitator)' : ''}</td></tr>`,
    )}</tbody>
  </table>`;
}

/** After the end, join codes seat no one and chat is closed, until the facilitator reopens the exercise. */
function reopenSection(ctx: Ctx): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    await ctx.send('reopen', { type: 'reopenExercise', reason }, 'Reopened: join codes seat people and chat is open again.');
  };
  return html`<section class="panel" aria-labelledby="reopen-h">
    <h2 id="reopen-h">Join codes and chat</h2>
    ${ctx.view.reopened
      ? html`<p>The exercise is open again: join codes seat people and the teams can chat.</p>`
      : html`<p class="help">Since the exercise ended, join codes seat no one and the chat is closed.</p>
          <form class="stack" @submit=${submit}>
            <label for="reopen-reason">Reason (for the record)</label>
            <input id="reopen-reason" name="reason" maxlength="2000" />
            <button class="btn" type="submit">Reopen the exercise</button>
          </form>`}
    ${answerSlot(ctx.answers, 'reopen')}
  </section>`;
}

/** Everyone but the red cell downloads the log at the debrief (a team's copy leaves out the other teams' team chat and drafts); the facilitator and evaluators also the grade sheet. */
function exportSection(ctx: Ctx, mayDownload: boolean, staff: boolean): TemplateResult {
  const download = (format: 'json' | 'csv' | 'grades') => async () => {
    const done = format === 'grades' ? 'Downloaded the grade sheet.' : `Downloaded the ${format.toUpperCase()} log.`;
    const answer = await ctx.answers.track('export', ctx.session.exportLog(format), done, 'Preparing the file…');
    if (answer.ok) downloadText(answer.filename, answer.contentType, answer.data);
  };
  return html`<section class="panel" aria-labelledby="export-h">
    <h2 id="export-h">Export and report</h2>
    <p><a class="btn" href=${`/report/${ctx.exerciseId}`} target="_blank" rel="noopener">Open the printable report</a>
      <span class="help">Opens in a new tab; print it or save it as PDF.</span></p>
    ${mayDownload
      ? html`<div class="row">
          <button class="btn" type="button" @click=${download('json')}>Download the log (JSON)</button>
          <button class="btn" type="button" @click=${download('csv')}>Download the log (CSV)</button>
          ${staff ? html`<button class="btn" type="button" @click=${download('grades')}>Download the grade sheet (CSV)</button>` : nothing}
        </div>
        ${answerSlot(ctx.answers, 'export')}`
      : nothing}
  </section>`;
}
