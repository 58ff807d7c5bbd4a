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
import { colon, t } from '../ui/i18n';
import { formatNumber, formatPercent } from '../ui/numbers';
import { historyOf } from '../net/history';
import type { Ctx } from './context';
import { chartsSection, type ChartsPanel } from './parts/charts';
import { chatSection } from './parts/chat';
import { injectItem } from './parts/feed';
import { notesSection } from './parts/notes';
import { reportCardsSection } from './parts/reportCard';
import { decisionItem, explainedScore, headlines } from './parts/results';
import { engineText, recognisedText } from '../ui/engineText';

export function debriefScreen(ctx: Ctx, charts: ChartsPanel): TemplateResult {
  const view = ctx.view;
  const role = view.viewer.role;
  const staff = role === 'facilitator' || role === 'observer';
  return html`<main id="main" tabindex="-1" class="layout debrief">
    <div class="col-main">
      <h1>${t('debrief.title', { title: view.scenario.title })}</h1>
      ${outcomeBox(view)}
      <nav class="toc" aria-label=${t('debrief.sections')}>
        ${view.reportCards.length ? html`<a href="#cards-h">${t('cards.many')}</a> ` : nothing}<a href="#charts-h">${t('charts.toc')}</a> <a href="#timeline-h">${t('debrief.timeline')}</a> ${historyOf(view.scenario.id) === null ? nothing : html`<a href="#beside-h">${t('debrief.beside')}</a> `}<a href="#real-h">${t('debrief.real')}</a>
        <a href="#questions-h">${t('debrief.discussion')}</a> <a href="#eval-h">${t('debrief.evalNotes')}</a> <a href="#export-h">${t('debrief.export')}</a>
      </nav>
      ${reportCardsSection(view)}
      ${chartsSection(charts, view)}
      ${timelineSection(view)}
      ${besideTheRecord(view)}
      ${whatReallyHappened(view)}
      ${questionsSection(view)}
      <section class="panel" aria-labelledby="eval-h"><h2 id="eval-h">${t('debrief.evalNotes')}</h2>${notesTable(view)}</section>
      ${exportSection(ctx, role !== 'redCell', staff)}
    </div>
    <aside class="col-side" tabindex="0" aria-label=${t('debrief.side')}>
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
    <h2 id="outcome-h">${o ? t('debrief.outcomeIs', { outcome: outcomeWord(o.outcome) }) : t('debrief.outcome')}</h2>
    ${o ? html`<p class="lede">${recognisedText(o.summary)}</p>` : nothing}
    <p>${t('debrief.played', { played: view.rounds.length, rounds: view.scenario.rounds.length })}
      ${last
        ? t('debrief.finals', {
            level: last.escalationAfter,
            rung: ladderLabel(view, last.escalationAfter),
            adversary: view.scenario.adversaryName,
            posture: postureWord(last.postureAfter),
            cohesion: Math.round(last.cohesion.value),
          })
        : nothing}</p>
  </section>`;
}

export function timelineSection(view: ExerciseView, open = false): TemplateResult {
  const rounds = Array.from({ length: Math.max(view.round, view.rounds.length) + 1 }, (_, r) => r);
  return html`<section class="panel timeline" aria-labelledby="timeline-h">
    <h2 id="timeline-h">${t('debrief.timeline')}</h2>
    ${rounds.map((r) => timelineRound(view, r, open))}
  </section>`;
}

function timelineRound(view: ExerciseView, round: number, open: boolean): TemplateResult {
  const injects = view.injects.filter((i) => i.round === round);
  const decisions = view.decisions.filter((d) => d.round === round);
  const result = view.rounds.find((r) => r.round === round);
  const log = view.timeline.filter((e) => e.round === round);
  if (!injects.length && !decisions.length && !result && !log.length) return html``;
  return html`<article class="timeline-round" aria-labelledby=${`tl-${round}`}>
    <h3 id=${`tl-${round}`}>${roundTitle(view, round)}</h3>
    ${injects.length ? html`<h4>${t('debrief.injects')}</h4><ol class="feed-list">${injects.map((i) => injectItem(view, i))}</ol>` : nothing}
    ${decisions.length ? html`<h4>${t('debrief.decisions')}</h4><ul class="decisions">${decisions.map((d) => decisionItem(view, d, undefined, open))}</ul>` : nothing}
    ${result
      ? html`<h4>${t('debrief.outcome')}</h4>
          ${headlines(result)}
          <p>${t('debrief.moved', { before: result.escalationBefore, after: result.escalationAfter, from: postureWord(result.postureBefore), to: postureWord(result.postureAfter) })} ${engineText(result.postureWhy, result.postureWhyMessages)}</p>
          <p>${t('debrief.cohesion', { value: Math.round(result.cohesion.value) })}</p>${explainedScore(result.cohesion, t('results.whyCohesion'), open)}`
      : nothing}
    ${log.length
      ? html`<details class="log-details" ?open=${open}><summary>${t('debrief.logged', { count: log.length })}</summary>
          <ol class="log">${log.map((e) => html`<li><span class="meta">${timeOfDay(e.at)} · ${t(`debrief.kind.${e.kind}`, { defaultValue: e.kind })}</span> ${engineText(e.text, e.textMessages)}</li>`)}</ol></details>`
      : nothing}
  </article>`;
}

/** "success", "no decisive outcome" or "failure", in the chosen language. */
const outcomeWord = (outcome: 'success' | 'neutral' | 'failure'): string => t(`debrief.outcomes.${outcome}`);

/**
 * Round by round, what the teams did beside what governments really did
 * (the scenario's history track), with how the real sequence fares when the
 * engine plays it over many seeds. Nothing when the scenario has no track.
 */
export function besideTheRecord(view: ExerciseView): TemplateResult {
  const history = historyOf(view.scenario.id);
  if (history === null) return html``;
  if (history === undefined) {
    return html`<section class="panel" aria-labelledby="beside-h" aria-busy="true"><h2 id="beside-h">${t('debrief.beside')}</h2><p class="empty">${t('debrief.besideLoading')}</p></section>`;
  }
  const o = history.outcomes;
  const played = view.rounds.map((r) => r.round);
  return html`<section class="panel beside" aria-labelledby="beside-h">
    <h2 id="beside-h">${t('debrief.beside')}</h2>
    <p>${history.title}. ${t('debrief.recordOutcome')} <strong>${outcomeWord(history.record.kind)}</strong>. ${history.record.summary}</p>
    <p>${t('debrief.replayed', {
        runs: formatNumber(history.runs),
        success: formatPercent(o.success, history.runs),
        neutral: formatPercent(o.neutral, history.runs),
        failure: formatPercent(o.failure, history.runs),
        proportionality: history.meanProportionality === null ? '–' : formatNumber(history.meanProportionality),
        cohesion: formatNumber(history.meanCohesion),
      })}${view.outcome ? html`${t('debrief.yours')}<strong>${outcomeWord(view.outcome.outcome)}</strong>` : nothing}.
      ${t('debrief.grey')}</p>
    <table class="table beside-table stack-narrow">
      <caption class="visually-hidden">${t('debrief.besideCaption')}</caption>
      <thead><tr><th scope="col">${t('debrief.round')}</th><th scope="col">${t('debrief.teamsDid')}</th><th scope="col">${t('debrief.realDid')}</th></tr></thead>
      <tbody>${history.rounds.filter((r) => played.includes(r.round) || r.steps.length).map((r) => html`<tr>
        <th scope="row">${roundTitle(view, r.round)}</th>
        <td data-label=${t('debrief.teamsDid')}>${teamsDid(view, r.round)}</td>
        <td data-label=${t('debrief.realDid')}>${r.steps.length
          ? html`<ul>${r.steps.map((s) => html`<li><strong>${s.teamName}</strong> (${s.date}): ${s.did}. <span class="help">${s.what}</span></li>`)}</ul>`
          : html`<p>${r.summary || t('debrief.nothingRecorded')}</p>`}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function teamsDid(view: ExerciseView, round: number): TemplateResult {
  const decisions = view.decisions.filter((d) => d.round === round);
  if (!view.rounds.some((r) => r.round === round)) return html`<p class="empty">${t('debrief.notPlayed')}</p>`;
  if (!decisions.length) return html`<p>${t('debrief.noDecision')}</p>`;
  return html`<ul>${decisions.map((d) => html`<li><strong>${teamName(view, d.team)}</strong>${colon()} ${actionName(view, d.action)}${d.joint.length ? t('debrief.jointly') : ''}${d.effective ? '' : t('debrief.fellThrough')}</li>`)}</ul>`;
}

/** What really happened (behind the fiction, for a fictional scenario), with sources (and, for the facilitator, the guide); `folded` puts the notes tied to no round, the sources and the guide behind a disclosure (the report's short version). */
export function whatReallyHappened(view: ExerciseView, folded = false): TemplateResult {
  const d = view.debrief;
  if (!d) return html``;
  const fold = (summary: string, body: TemplateResult) => (folded ? html`<details class="report-fold"><summary>${summary}</summary>${body}</details>` : body);
  // Notes tied to no round (the history track, where the model departs from the record) fold away in the short version.
  const modelNotes = d.whatHappened.filter((w) => w.round === null);
  return html`<section class="panel" aria-labelledby="real-h">
    <h2 id="real-h">${t(d.fictional ? 'debrief.realFiction' : 'debrief.real')}</h2>
    ${folded
      ? html`${realList(view, d.whatHappened.filter((w) => w.round !== null))}${modelNotes.length ? fold(t('debrief.modelNotes', { count: modelNotes.length }), realList(view, modelNotes)) : nothing}`
      : realList(view, d.whatHappened)}
    ${d.sources.length
      ? fold(t('debrief.sourcesCount', { count: d.sources.length }), html`<h3>${t('debrief.sources')}</h3><ol class="source-list">${d.sources.map((s) => {
          const url = safeUrl(s.url);
          return html`<li id=${`src-${s.id}`}><span class="meta">[${s.id}]</span> ${s.citation}${url ? html` <a href=${url} rel="noopener noreferrer" target="_blank">${url}</a>` : s.url ? ` ${s.url}` : ''}</li>`;
        })}</ol>`)
      : nothing}
    ${d.facilitatorGuide ? fold(t('debrief.guide'), html`<h3>${t('debrief.guide')}</h3>${paragraphs(d.facilitatorGuide).map((p) => html`<p>${p}</p>`)}`) : nothing}
  </section>`;
}

function realList(view: ExerciseView, entries: NonNullable<ExerciseView['debrief']>['whatHappened']): TemplateResult {
  return html`<ul class="real">${entries.map(
    (w) => html`<li>${w.round !== null ? html`<strong>${roundTitle(view, w.round)}${colon()}</strong> ` : nothing}${w.text}
      ${w.sources.length ? html`<span class="sources">${t('debrief.sourcesLabel')} ${w.sources.map((id, i) => html`${i ? ', ' : ''}<a href=${`#src-${id}`}>[${id}]</a>`)}</span>` : nothing}</li>`,
  )}</ul>`;
}

export function questionsSection(view: ExerciseView): TemplateResult {
  const q = view.debrief?.discussionQuestions ?? [];
  if (!q.length) return html``;
  return html`<section class="panel" aria-labelledby="questions-h">
    <h2 id="questions-h">${t('debrief.questions')}</h2>
    <ol>${q.map((x) => html`<li>${x}</li>`)}</ol>
  </section>`;
}

export function notesTable(view: ExerciseView): TemplateResult {
  if (!view.notes.length) return html`<p class="empty">${t('debrief.noNotes')}</p>`;
  const objective = (id: string | null) => view.scenario.learningObjectives.find((o) => o.id === id)?.text ?? '–';
  const [moment, team, goal, rating, note, by] = ['moment', 'team', 'objective', 'rating', 'note', 'by'].map((c) => t(`debrief.notesCol.${c}`));
  return html`<table class="table stack-narrow">
    <caption class="visually-hidden">${t('debrief.evalNotes')}</caption>
    <thead><tr><th scope="col">${moment}</th><th scope="col">${team}</th><th scope="col">${goal}</th><th scope="col">${rating}</th><th scope="col">${note}</th><th scope="col">${by}</th></tr></thead>
    <tbody>${view.notes.map(
      (n) => html`<tr><td data-label=${moment}>${roundTitle(view, n.round)}</td><td data-label=${team}>${n.team ? teamName(view, n.team) : t('debrief.allTeams')}</td><td data-label=${goal}>${objective(n.objective)}</td><td data-label=${rating}>${n.rating ?? '–'}</td><td data-label=${note}>${n.text}</td><td data-label=${by}>${n.by}${n.role === 'facilitator' ? t('debrief.byFacilitator') : ''}</td></tr>`,
    )}</tbody>
  </table>`;
}

/** After the end, join codes seat no one and chat is closed, until the facilitator reopens the exercise. */
function reopenSection(ctx: Ctx): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    await ctx.send('reopen', { type: 'reopenExercise', reason }, t('debrief.reopened'));
  };
  return html`<section class="panel" aria-labelledby="reopen-h">
    <h2 id="reopen-h">${t('debrief.reopenH')}</h2>
    ${ctx.view.reopened
      ? html`<p>${t('debrief.openAgain')}</p>`
      : html`<p class="help">${t('debrief.closed')}</p>
          <form class="stack" @submit=${submit}>
            <label for="reopen-reason">${t('debrief.reason')}</label>
            <input id="reopen-reason" name="reason" maxlength="2000" />
            <button class="btn" type="submit">${t('debrief.reopen')}</button>
          </form>`}
    ${answerSlot(ctx.answers, 'reopen')}
  </section>`;
}

/** Everyone but the red cell downloads the log at the debrief (a team's copy leaves out the other teams' team chat and drafts); the facilitator and evaluators also the grade sheet. */
function exportSection(ctx: Ctx, mayDownload: boolean, staff: boolean): TemplateResult {
  const download = (format: 'json' | 'csv' | 'grades') => async () => {
    const done = format === 'grades' ? t('debrief.gotGrades') : t('debrief.gotLog', { format: format.toUpperCase() });
    const answer = await ctx.answers.track('export', ctx.session.exportLog(format), done, t('debrief.preparing'));
    if (answer.ok) downloadText(answer.filename, answer.contentType, answer.data);
  };
  return html`<section class="panel" aria-labelledby="export-h">
    <h2 id="export-h">${t('debrief.export')}</h2>
    <p><a class="btn" href=${`/report/${ctx.exerciseId}`} target="_blank" rel="noopener">${t('debrief.openReport')}</a>
      <span class="help">${t('debrief.newTab')}</span></p>
    ${mayDownload
      ? html`<div class="row wrap">
          <button class="btn" type="button" @click=${download('json')}>${t('debrief.logJson')}</button>
          <button class="btn" type="button" @click=${download('csv')}>${t('debrief.logCsv')}</button>
          ${staff ? html`<button class="btn" type="button" @click=${download('grades')}>${t('debrief.gradesCsv')}</button>` : nothing}
        </div>
        ${answerSlot(ctx.answers, 'export')}`
      : nothing}
  </section>`;
}
