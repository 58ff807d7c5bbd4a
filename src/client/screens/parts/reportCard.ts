/**
 * Report cards: per team, each learning objective with its rubric level, the
 * sentence that explains it, the evaluators' ratings, and the decisions and
 * measures behind it. The projection decides whose cards a viewer receives
 * (a team its own at the debrief; the facilitator and evaluators every team's);
 * the view carries their levels and figures, and the rest of each card is
 * fetched when the card is shown.
 */
import type { ObjectiveGrade } from '../../../engine/grading/reportCard';
import type { RubricLevel } from '../../../engine/scenario/schema';
import type { ExerciseView, ObjectiveGradeView, ReportCardView } from '../../../engine/view/types';
import { reportCardOf, wantExplanation } from '../../net/explanations';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { incidentName, roundTitle } from '../../ui/format';
import { colon, t } from '../../ui/i18n';
import { formatNumber } from '../../ui/numbers';
import { measureLabel, recognisedText } from '../../ui/engineText';

const LEVEL_BADGE: Record<RubricLevel, string> = {
  exemplary: 'badge--ok',
  proficient: 'badge--public',
  developing: 'badge--warn',
  insufficient: 'badge--no',
};

export function levelBadge(level: RubricLevel | null): TemplateResult {
  return level ? html`<span class=${`badge level ${LEVEL_BADGE[level]}`}>${t(`cards.level.${level}`)}</span>` : html`<span class="badge level">${t('cards.notGraded')}</span>`;
}

const fmt = (x: number | null): string => (x === null ? '–' : formatNumber(Math.round(x)));
/** Level points (halves), the chosen language's way ("1,5"). */
const levelPoints = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : formatNumber(x, 0, 1));
const outOf100 = (x: number | null): string => (x === null ? t('cards.none') : `${formatNumber(Math.round(x))}/100`);

/** The report-card section of the debrief and of the printed report; nothing when the viewer has no card to see. */
export function reportCardsSection(view: ExerciseView, open = false): TemplateResult {
  const cards = view.reportCards;
  if (!cards.length) return html``;
  const own = view.viewer.role === 'team';
  return html`<section class="panel report-cards" aria-labelledby="cards-h">
    <h2 id="cards-h">${own ? t('cards.own') : t('cards.many')}</h2>
    <p class="help">${t('cards.help')}</p>
    ${cards.length > 1 ? gradeMatrix(view, cards) : nothing}
    ${cards.map((card) => cardArticle(view, card, open || cards.length === 1))}
  </section>`;
}

/** Objectives by teams, one level each: the facilitator's overview (teams across, so that it fits a printed page). */
function gradeMatrix(view: ExerciseView, cards: ReportCardView[]): TemplateResult {
  const objectives = view.scenario.learningObjectives;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('cards.matrix')}>
    <table class="table compact grade-matrix">
      <caption>${t('cards.matrix')}</caption>
      <thead><tr><th scope="col">${t('cards.objective')}</th>${cards.map((c) => html`<th scope="col"><a href=${`#card-${c.team}`}>${c.teamName}</a></th>`)}</tr></thead>
      <tbody>
        ${objectives.map(
          (o, i) => html`<tr><th scope="row" class="objective-name">${i + 1}. ${o.text}</th>${cards.map((c) => html`<td>${levelBadge(c.objectives[i]?.level ?? null)}</td>`)}</tr>`,
        )}
        <tr><th scope="row">${t('cards.meanProportionality')}</th>${cards.map((c) => html`<td>${fmt(c.meanProportionality)}</td>`)}</tr>
        <tr><th scope="row">${t('cards.levelPoints')}</th>${cards.map((c) => html`<td>${levelPoints(c.levelPoints)}</td>`)}</tr>
      </tbody>
    </table>
  </div>`;
}

function cardArticle(view: ExerciseView, card: ReportCardView, open: boolean): TemplateResult {
  const whole = reportCardOf(card.explanation);
  if (!whole) wantExplanation(card.explanation);
  return html`<article class="report-card" id=${`card-${card.team}`} aria-labelledby=${`card-${card.team}-h`}>
    <h3 id=${`card-${card.team}-h`}>${card.teamName}</h3>
    ${whole ? html`<p class="lede">${recognisedText(whole.summary)}</p>` : html`<p class="help" role="status">${t('cards.loading')}</p>`}
    <p class="meta">${t('cards.facts', {
      count: card.decisions,
      proportionality: outOf100(card.meanProportionality),
      cohesion: outOf100(card.meanCohesion),
      points: levelPoints(card.levelPoints),
    })}</p>
    <ol class="grades">${card.objectives.map((o) => gradeItem(view, card.teamName, o, whole?.objectives.find((w) => w.objective === o.objective), open))}</ol>
  </article>`;
}

function ratingsText(o: ObjectiveGradeView): string {
  const parts = (['P', 'S', 'M', 'U'] as const).filter((r) => o.ratings[r] > 0).map((r) => `${o.ratings[r]}×${r}`);
  return parts.length ? parts.join(', ') : t('cards.none');
}

/** One objective: its level and figures from the view; its text, descriptor, reason, decisions and measures from the whole card once it arrived. */
function gradeItem(view: ExerciseView, teamName: string, o: ObjectiveGradeView, whole: ObjectiveGrade | undefined, open: boolean): TemplateResult {
  const text = whole?.text ?? view.scenario.learningObjectives.find((l) => l.id === o.objective)?.text ?? o.objective;
  return html`<li class="grade" data-objective=${o.objective} data-level=${o.level ?? ''}>
    <p class="grade-head"><span class="grade-text">${text}</span> ${levelBadge(o.level)}
      ${o.score !== null ? html`<span class="meta">${fmt(o.score)}/100</span>` : nothing}</p>
    ${whole?.descriptor ? html`<p class="descriptor"><em>${recognisedText(whole.descriptor)}</em></p>` : nothing}
    ${whole ? html`<p class="why">${recognisedText(whole.why)}</p>` : nothing}
    <p class="meta">${t('cards.computed')} ${o.computed ? t(`cards.level.${o.computed}`) : '–'} · ${t('cards.evaluators')} ${ratingsText(o)}${o.evaluated ? ` (${t(`cards.level.${o.evaluated}`)})` : ''}</p>
    ${o.graded && whole
      ? html`<details class="grade-details" ?open=${open}>
          <summary>${t('cards.behind', { count: whole.decisions.length })}</summary>
          ${whole.decisions.length
            ? html`<ul class="grade-decisions">${whole.decisions.map(
                (d) => html`<li><span class="meta">${roundTitle(view, d.round)}</span> ${d.actionName}${d.incident ? html` (${incidentName(view, d.incident)})` : nothing}${colon()} ${recognisedText(d.bearing)}</li>`,
              )}</ul>`
            : html`<p class="empty">${t('cards.noDecision', { team: teamName })}</p>`}
          <table class="table compact">
            <caption class="visually-hidden">${t('cards.measures')}</caption>
            <thead><tr><th scope="col">${t('cards.measure')}</th><th scope="col">${t('cards.value')}</th><th scope="col">${t('cards.from')}</th></tr></thead>
            <tbody>${whole.measures.map((m) => html`<tr><th scope="row">${measureLabel(m.id, m.label)}</th><td>${fmt(m.value)}</td><td>${recognisedText(m.basis)}</td></tr>`)}</tbody>
          </table>
        </details>`
      : nothing}
  </li>`;
}
