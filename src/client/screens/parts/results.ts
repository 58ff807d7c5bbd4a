/**
 * What happened in a round (its result) and why each score is what it
 * is: every proportionality and cohesion score with its components, the
 * rules that moved it, and a sentence each (fetched from the server when
 * first opened).
 */
import type { ExplainedScore } from '../../../engine/messages/said';
import type { DecisionView, ExerciseView, RoundView, ScoreView } from '../../../engine/view/types';
import { explanationOf, wantExplanation } from '../../net/explanations';
import { html, nothing, swatch, type TemplateResult } from '../../ui/dom';
import { termLink } from './help';
import { colon, t } from '../../ui/i18n';
import { componentLabel, engineText, percent, points } from '../../ui/engineText';
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
    <h2 id="results-h">${t('results.heading')}</h2>
    ${roundResult(view, latest!, options)}
    ${earlier.length
      ? html`<details class="earlier"><summary>${t('results.earlier', { count: earlier.length })}</summary>${earlier.map((r) => roundResult(view, r, options))}</details>`
      : nothing}
  </section>`;
}

/** A round's headlines, the engine's in the chosen language and the adversary's news as written. */
export function headlines(r: RoundView): TemplateResult | typeof nothing {
  if (!r.headlines.length) return nothing;
  return html`<ul class="headlines">${r.headlines.map((h, i) => html`<li>${engineText(h, r.headlineMessages?.[i])}</li>`)}</ul>`;
}

export function roundResult(view: ExerciseView, r: RoundView, options: ResultsOptions = {}): TemplateResult {
  const decisions = view.decisions.filter((d) => d.round === r.round);
  const news = r.adversaryMoves.filter((m) => m.news && !r.headlines.includes(m.news));
  const previous = view.rounds.find((x) => x.round === r.round - 1);
  return html`<article class="round-result" aria-labelledby=${`round-${r.round}-h`}>
    <h3 id=${`round-${r.round}-h`}>${t('results.what', { round: roundTitle(view, r.round) })}</h3>
    ${headlines(r)}
    ${news.length ? html`<ul class="news">${news.map((m) => html`<li><strong>${m.name}${colon()}</strong> ${m.news}</li>`)}</ul>` : nothing}
    <dl class="facts">
      <dt>${t('results.escalation')}</dt>
      <dd>${change(r.escalationBefore, r.escalationAfter, (n) => `${n}, ${ladderLabel(view, n)}`)}</dd>
      <dt>${t('results.posture', { name: view.scenario.adversaryName })}</dt>
      <dd>${change(r.postureBefore, r.postureAfter, postureWord)}<br /><span class="why">${engineText(r.postureWhy, r.postureWhyMessages)}</span></dd>
      ${(r.others ?? []).map((o) => {
        // A further adversary's reaction, as the adversary's (scenarios with otherAdversaries).
        const name = view.otherAdversaries.find((a) => a.id === o.actor)?.name ?? o.actor;
        return html`<dt data-actor=${o.actor}>${t('results.posture', { name })}</dt>
          <dd data-actor=${o.actor}>${change(o.postureBefore, o.postureAfter, postureWord)}<br /><span class="why">${engineText(o.postureWhy, o.postureWhyMessages)}</span></dd>`;
      })}
      <dt>${t('results.harm')}</dt>
      <dd>${r.harm}</dd>
      <dt>${t('results.cohesionBefore')}${termLink('cohesion', t('results.cohesionTerm'))}${t('results.cohesionAfter')}</dt>
      <dd>${Math.round(r.cohesion.value)}/100${previous ? t('results.was', { value: Math.round(previous.cohesion.value) }) : ''}
        ${explainedScore(r.cohesion, t('results.whyCohesion'))}</dd>
    </dl>
    ${boardChanges(view, r.round)}
    <h4>${t('results.decisions')}</h4>
    ${decisions.length
      ? html`<ul class="decisions">${decisions.map((d) => decisionItem(view, d, options.decisionExtra))}</ul>`
      : html`<p class="empty">${t('results.noDecisions')}</p>`}
  </article>`;
}

function change<T extends string | number>(before: T, after: T, words: (value: T) => string): TemplateResult {
  if (before === after) return html`${words(after)} <span class="help">${t('results.unchanged')}</span>`;
  return html`${words(before)} <span aria-hidden="true">→</span><span class="visually-hidden">${t('results.changedTo')}</span> <strong>${words(after)}</strong>`;
}

/** What changed on the board in this round, from the timeline the server keeps. */
function boardChanges(view: ExerciseView, round: number): TemplateResult {
  const kinds = new Set(['attribution', 'sanctions', 'intel', 'override']);
  const entries = view.timeline.filter((e) => e.round === round && kinds.has(e.kind));
  if (!entries.length) return html``;
  return html`<h4>${t('results.board')}</h4><ul class="changes">${entries.map((e) => html`<li>${engineText(e.text, e.textMessages)}</li>`)}</ul>`;
}

export function decisionItem(view: ExerciseView, d: DecisionView, extra?: (d: DecisionView) => TemplateResult, open = false): TemplateResult {
  const procedures = chosenProcedures(d.options);
  const value = d.overridden ? d.overridden.value : d.proportionality.value;
  return html`<li class="decision">
    <p class="decision-head">
      <span class="swatch" style=${swatch(view.teams.find((team) => team.id === d.team)?.colour)} aria-hidden="true"></span>
      <strong>${teamName(view, d.team)}</strong>${colon()} ${actionName(view, d.action)}${d.incident ? html`${t('results.against')}<em>${incidentName(view, d.incident)}</em>` : nothing}
      ${d.joint.length ? html`<span class="badge">${t('results.jointWith', { names: teamList(view, d.joint.filter((team) => team !== d.team)) })}</span>` : nothing}
      ${d.effective ? nothing : html`<span class="badge badge--warn">${t('results.fellThrough')}</span>`}
      ${d.legallyExposed ? html`<span class="badge badge--warn">${t('results.exposed')}</span>` : nothing}
    </p>
    <p class="outcome">${engineText(d.outcome, d.outcomeMessages)}</p>
    ${procedures.length ? html`<p class="help">${t('results.procedures', { list: procedures.join(', ') })}</p>` : nothing}
    ${d.rationale ? html`<blockquote class="rationale"><span class="visually-hidden">${t('results.rationale')}</span>${d.rationale}</blockquote>` : nothing}
    <p class="score-line"><strong>${t('results.proportionality', { value: Math.round(value) })}</strong>
      ${d.overridden ? html` <span class="badge">${t('results.setBy', { value: Math.round(d.proportionality.value), reason: d.overridden.reason })}</span>` : nothing}</p>
    ${explainedScore(d.proportionality, t('results.whyProportionality'), open)}
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
    ${explained ? scoreBody(explained, label) : html`<p class="help" role="status">${t('results.loading')}</p>`}
  </details>`;
}

/** A whole score with its reasons (a draft's estimate, an explanation that has arrived). */
export function scoreDetails(score: ExplainedScore, label: string, open = false): TemplateResult {
  return html`<details class="score" ?open=${open}>
    <summary>${label}</summary>
    ${scoreBody(score, label)}
  </details>`;
}

function scoreBody(score: ExplainedScore, label: string): TemplateResult {
  const [valueLabel, pointsLabel, lostLabel, whyLabel] = ['value', 'points', 'lost', 'why'].map((c) => t(`results.${c}`));
  return html`${score.summary ? html`<p>${engineText(score.summary, score.summaryMessages)}</p>` : nothing}
    <div class="table-scroll" tabindex="0" role="region" aria-label=${t('results.components', { label })}><table class="table compact stack-narrow">
      <caption class="visually-hidden">${t('results.components', { label })}</caption>
      <thead><tr><th scope="col">${t('results.component')}</th><th scope="col">${valueLabel}</th><th scope="col">${pointsLabel}</th><th scope="col">${lostLabel}</th><th scope="col">${whyLabel}</th></tr></thead>
      <tbody>${score.components.map(
        (c) => html`<tr><th scope="row">${componentLabel(c.id, c.label)}</th><td data-label=${valueLabel}>${percent(c.value)}</td><td data-label=${pointsLabel}>${points(c.points)}</td>
          <td data-label=${lostLabel}>${points(c.lost)}</td><td data-label=${whyLabel}>${engineText(c.why, c.whyMessages)}</td></tr>`,
      )}</tbody>
    </table></div>
    ${score.rules.length
      ? html`<p><strong>${t('results.rules')}</strong></p><ul>${score.rules.map((r) => html`<li><strong>${engineText(r.effect, r.effectMessages)}</strong>${colon()} ${engineText(r.why, r.whyMessages)}</li>`)}</ul>`
      : nothing}`;
}
