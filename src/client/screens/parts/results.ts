/**
 * What happened in a round (its result) and why each score is what it
 * is: every proportionality and cohesion score with its components, the
 * rules that moved it, and a sentence each (fetched from the server when
 * first opened).
 */
import type { Score } from '../../../engine/types';
import type { DecisionView, ExerciseView, RoundView, ScoreView } from '../../../engine/view/types';
import { explanationOf, wantExplanation } from '../../net/explanations';
import { html, nothing, swatch, type TemplateResult } from '../../ui/dom';
import { termLink } from './help';
import { actionName, chosenProcedures, incidentName, ladderLabel, postureWord, roundTitle, teamList, teamName } from '../../ui/format';

export interface ResultsOptions {
  /** Extra controls per decision (the facilitator's override). */
  decisionExtra?: (d: DecisionView) => TemplateResult;
  /** Heading level for each round (2 on its own, 3 inside a section). */
  level?: 2 | 3;
}

export function resultsSection(view: ExerciseView, options: ResultsOptions = {}): TemplateResult {
  const rounds = [...view.rounds].reverse();
  if (!rounds.length) return html``;
  const [latest, ...earlier] = rounds;
  return html`<section class="panel results" aria-labelledby="results-h">
    <h2 id="results-h">Round results</h2>
    ${roundResult(view, latest!, options)}
    ${earlier.length
      ? html`<details class="earlier"><summary>Earlier rounds (${earlier.length})</summary>${earlier.map((r) => roundResult(view, r, options))}</details>`
      : nothing}
  </section>`;
}

export function roundResult(view: ExerciseView, r: RoundView, options: ResultsOptions = {}): TemplateResult {
  const decisions = view.decisions.filter((d) => d.round === r.round);
  const news = r.adversaryMoves.filter((m) => m.news && !r.headlines.includes(m.news));
  const previous = view.rounds.find((x) => x.round === r.round - 1);
  return html`<article class="round-result" aria-labelledby=${`round-${r.round}-h`}>
    <h3 id=${`round-${r.round}-h`}>${roundTitle(view, r.round)}: what happened</h3>
    ${r.headlines.length ? html`<ul class="headlines">${r.headlines.map((h) => html`<li>${h}</li>`)}</ul>` : nothing}
    ${news.length ? html`<ul class="news">${news.map((m) => html`<li><strong>${m.name}:</strong> ${m.news}</li>`)}</ul>` : nothing}
    <dl class="facts">
      <dt>Escalation</dt>
      <dd>${change(r.escalationBefore, r.escalationAfter, (n) => `${n}, ${ladderLabel(view, n)}`)}</dd>
      <dt>${view.scenario.adversaryName}'s posture</dt>
      <dd>${change(r.postureBefore, r.postureAfter, postureWord)}<br /><span class="why">${r.postureWhy}</span></dd>
      <dt>Cumulative harm</dt>
      <dd>${r.harm}</dd>
      <dt>Coalition ${termLink('cohesion', 'cohesion')}</dt>
      <dd>${Math.round(r.cohesion.value)}/100${previous ? ` (was ${Math.round(previous.cohesion.value)})` : ''}
        ${explainedScore(r.cohesion, 'Why this cohesion score')}</dd>
    </dl>
    ${boardChanges(view, r.round)}
    <h4>Decisions</h4>
    ${decisions.length
      ? html`<ul class="decisions">${decisions.map((d) => decisionItem(view, d, options.decisionExtra))}</ul>`
      : html`<p class="empty">No decisions visible to you in this round.</p>`}
  </article>`;
}

function change<T extends string | number>(before: T, after: T, words: (t: T) => string): TemplateResult {
  if (before === after) return html`${words(after)} <span class="help">(unchanged)</span>`;
  return html`${words(before)} <span aria-hidden="true">→</span><span class="visually-hidden"> changed to </span> <strong>${words(after)}</strong>`;
}

/** What changed on the board in this round, from the timeline the server keeps. */
function boardChanges(view: ExerciseView, round: number): TemplateResult {
  const kinds = new Set(['attribution', 'sanctions', 'intel', 'override']);
  const entries = view.timeline.filter((t) => t.round === round && kinds.has(t.kind));
  if (!entries.length) return html``;
  return html`<h4>What changed on the board</h4><ul class="changes">${entries.map((t) => html`<li>${t.text}</li>`)}</ul>`;
}

export function decisionItem(view: ExerciseView, d: DecisionView, extra?: (d: DecisionView) => TemplateResult, open = false): TemplateResult {
  const procedures = chosenProcedures(d.options);
  const value = d.overridden ? d.overridden.value : d.proportionality.value;
  return html`<li class="decision">
    <p class="decision-head">
      <span class="swatch" style=${swatch(view.teams.find((t) => t.id === d.team)?.colour)} aria-hidden="true"></span>
      <strong>${teamName(view, d.team)}</strong>: ${actionName(view, d.action)}${d.incident ? html` against <em>${incidentName(view, d.incident)}</em>` : nothing}
      ${d.joint.length ? html`<span class="badge">Joint with ${teamList(view, d.joint.filter((t) => t !== d.team))}</span>` : nothing}
      ${d.effective ? nothing : html`<span class="badge badge--warn">Fell through</span>`}
      ${d.legallyExposed ? html`<span class="badge badge--warn">Legally exposed</span>` : nothing}
    </p>
    <p>${d.outcome}</p>
    ${procedures.length ? html`<p class="help">Procedures: ${procedures.join(', ')}</p>` : nothing}
    ${d.rationale ? html`<blockquote class="rationale"><span class="visually-hidden">Rationale: </span>${d.rationale}</blockquote>` : nothing}
    <p class="score-line"><strong>Proportionality: ${Math.round(value)}/100</strong>
      ${d.overridden ? html` <span class="badge">Set by the facilitator (engine: ${Math.round(d.proportionality.value)}): ${d.overridden.reason}</span>` : nothing}</p>
    ${explainedScore(d.proportionality, 'Why this proportionality score', open)}
    ${extra ? extra(d) : nothing}
  </li>`;
}

/** A score's explanation, as the view refers to it: fetched when the details are first opened, or at once when shown open. */
export function explainedScore(score: ScoreView, label: string, open = false): TemplateResult {
  const ref = score.explanation;
  if (ref === null) return html``;
  const explained = explanationOf(ref);
  if (open && !explained) wantExplanation(ref);
  const onToggle = (event: Event) => {
    if ((event.currentTarget as HTMLDetailsElement).open) wantExplanation(ref);
  };
  return html`<details class="score" ?open=${open} @toggle=${onToggle}>
    <summary>${label}</summary>
    ${explained ? scoreBody(explained, label) : html`<p class="help" role="status">Loading the reasons…</p>`}
  </details>`;
}

/** A whole score with its reasons (a draft's estimate, an explanation that has arrived). */
export function scoreDetails(score: Score, label: string, open = false): TemplateResult {
  return html`<details class="score" ?open=${open}>
    <summary>${label}</summary>
    ${scoreBody(score, label)}
  </details>`;
}

function scoreBody(score: Score, label: string): TemplateResult {
  return html`${score.summary ? html`<p>${score.summary}</p>` : nothing}
    <table class="table compact">
      <caption class="visually-hidden">${label}: components</caption>
      <thead><tr><th scope="col">Component</th><th scope="col">Value</th><th scope="col">Points</th><th scope="col">Lost</th><th scope="col">Why</th></tr></thead>
      <tbody>${score.components.map(
        (c) => html`<tr><th scope="row">${c.label}</th><td>${Math.round(c.value * 100)}%</td><td>${c.points.toFixed(1)}</td><td>${c.lost.toFixed(1)}</td><td>${c.why}</td></tr>`,
      )}</tbody>
    </table>
    ${score.rules.length
      ? html`<p><strong>Rules applied</strong></p><ul>${score.rules.map((r) => html`<li><strong>${r.effect}</strong>: ${r.why}</li>`)}</ul>`
      : nothing}`;
}
