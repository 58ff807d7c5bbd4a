/**
 * Explanations, on request. A view carries each score's figure and each
 * report card's levels and, when its viewer may read why, a reference;
 * explanationsFor answers those references with the components, rules and
 * summary behind a score, or the whole report card, as that viewer may see
 * them. The view and the answer both come from the functions below, so a seat
 * can fetch exactly the explanations its view refers to, and nothing else
 * (rules/visibility.ts decides who reads what).
 */
import { reportCardsOf, type ReportCard } from '../grading/reportCard';
import { indexOf } from '../rules/scenarioIndex';
import { sees, seesDecision, seesNote } from '../rules/visibility';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState, ResolvedDecision, RoundResult, Score } from '../types';
import type { ReportCardView, ScoreView, Viewer } from './types';
import { say } from '../messages';
import { explainedScore, type ExplainedScore } from '../messages/said';

const isDebrief = (state: ExerciseState) => state.phase === 'debrief';

/** Whether a viewer sees a resolved decision at all; the red cell sees what the coalition did, not what it attempted and dropped. */
export function decisionVisibility(scenario: Scenario, state: ExerciseState, viewer: Viewer): (d: ResolvedDecision) => boolean {
  const index = indexOf(scenario);
  const debrief = isDebrief(state);
  return (d) => (viewer.role !== 'redCell' || d.effective) && seesDecision(index.actions.get(d.action), d.team, viewer, debrief);
}

/** A score this viewer may read the reasons of, under the reference its view gives it. */
interface VisibleScore {
  ref: string;
  score: Score;
}

/**
 * An ally's score keeps its reasons, except the one that states that
 * government's own attribution confidence: its intelligence stays its own
 * until the debrief. Its reference differs from the whole score's, so a
 * client's cache never serves one for the other.
 */
function withoutTheirIntelligence(score: Score): Score {
  return {
    ...score,
    components: score.components.map((c) =>
      c.id === 'evidence' ? { ...c, why: say('score.allyEvidence') } : c,
    ),
  };
}

/** A decision's proportionality as this viewer may read it, or null when it may read only the figure. */
function visibleProportionality(state: ExerciseState, viewer: Viewer, d: ResolvedDecision): VisibleScore | null {
  const debrief = isDebrief(state);
  if (!sees('scoreReasons', viewer, debrief, d.team)) return null;
  if (!sees('confidenceReason', viewer, debrief, d.team)) return { ref: `proportionality:${d.id}:ally`, score: withoutTheirIntelligence(d.proportionality) };
  return { ref: `proportionality:${d.id}`, score: d.proportionality };
}

/** A round's cohesion as this viewer may read it, or null. */
function visibleCohesion(state: ExerciseState, viewer: Viewer, r: RoundResult): VisibleScore | null {
  return sees('scoreReasons', viewer, isDebrief(state)) ? { ref: `cohesion:${r.round}`, score: r.cohesion } : null;
}

function scoreView(value: number, visible: VisibleScore | null): ScoreView {
  return { value, explanation: visible?.ref ?? null };
}

/** A visible decision's proportionality as its view carries it. */
export function proportionalityView(state: ExerciseState, viewer: Viewer, d: ResolvedDecision): ScoreView {
  return scoreView(d.proportionality.value, visibleProportionality(state, viewer, d));
}

/** A round's cohesion as its view carries it. */
export function cohesionView(state: ExerciseState, viewer: Viewer, r: RoundResult): ScoreView {
  return scoreView(r.cohesion.value, visibleCohesion(state, viewer, r));
}

/** The report cards this viewer may read, once a round has resolved; the evaluators' ratings come from the notes it may read. */
function visibleReportCards(scenario: Scenario, state: ExerciseState, viewer: Viewer): readonly ReportCard[] {
  const debrief = isDebrief(state);
  if (state.rounds.length === 0 || !scenario.teams.some((t) => sees('reportCard', viewer, debrief, t.id))) return [];
  return reportCardsOf(scenario, state, state.notes.filter((n) => seesNote(n, viewer, debrief))).filter((c) => sees('reportCard', viewer, debrief, c.team));
}

/**
 * A 53-bit digest of a text (cyrb53, public domain): enough to tell one
 * version of a card from the next in a client's cache, and about fifty times
 * cheaper than the SHA-256 of the state hash, which cost more than the card
 * itself on every round's resolution. Not for anything that must resist
 * a forger: a reference only names what the seat may read anyway.
 */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A card's view, made once per card (equal inputs give the same card object:
 * reportCardsOf), so an unchanged card is the same object in every view and
 * costs nothing to diff. Its reference carries a digest of the whole card, so
 * it changes whenever the card does and a client may cache by reference.
 */
const cardViews = new WeakMap<ReportCard, ReportCardView>();
function cardView(card: ReportCard): ReportCardView {
  let view = cardViews.get(card);
  if (!view) {
    view = {
      team: card.team,
      teamName: card.teamName,
      decisions: card.decisions,
      meanProportionality: card.meanProportionality,
      meanCohesion: card.meanCohesion,
      levelPoints: card.levelPoints,
      objectives: card.objectives.map((o) => ({ objective: o.objective, graded: o.graded, score: o.score, computed: o.computed, ratings: o.ratings, evaluated: o.evaluated, level: o.level })),
      explanation: `card:${card.team}:${digest(JSON.stringify(card))}`,
    };
    cardViews.set(card, view);
  }
  return view;
}

/** The report cards as this viewer's view carries them. */
export function reportCardViews(scenario: Scenario, state: ExerciseState, viewer: Viewer): ReportCardView[] {
  return visibleReportCards(scenario, state, viewer).map(cardView);
}

type Explained = { kind: 'score'; score: Score } | { kind: 'card'; card: ReportCard };

/** What a reference names, as this viewer may read it; null unless the viewer's view carries exactly this reference now. */
function explain(scenario: Scenario, state: ExerciseState, viewer: Viewer, ref: string): Explained | null {
  const [kind, id, ...rest] = ref.split(':');
  if (id === undefined) return null;
  let visible: VisibleScore | null = null;
  if (kind === 'proportionality' && rest.length <= 1) {
    const decision = state.decisions.find((d) => d.id === id);
    if (decision && decisionVisibility(scenario, state, viewer)(decision)) visible = visibleProportionality(state, viewer, decision);
  } else if (kind === 'cohesion' && rest.length === 0) {
    const round = state.rounds.find((r) => String(r.round) === id);
    if (round) visible = visibleCohesion(state, viewer, round);
  } else if (kind === 'card' && rest.length === 1) {
    const card = visibleReportCards(scenario, state, viewer).find((c) => c.team === id && cardView(c).explanation === ref);
    return card ? { kind: 'card', card } : null;
  }
  return visible?.ref === ref ? { kind: 'score', score: visible.score } : null;
}

export interface Explanations {
  /** Per score reference asked for and carried by the viewer's view: the score with its components, rules and summary. */
  explanations: Record<string, ExplainedScore>;
  /** Per report card reference asked for and carried by the viewer's view: the whole card. */
  reportCards: Record<string, ReportCard>;
  /** The references asked for that the viewer's view does not carry now (unknown, not visible to it, or replaced since). */
  unknown: string[];
}

/** Answers references from a view with the explanations behind them; what the view would not refer to goes to `unknown`, without saying why. */
export function explanationsFor(scenario: Scenario, state: ExerciseState, viewer: Viewer, refs: readonly string[]): Explanations {
  const answer: Explanations = { explanations: {}, reportCards: {}, unknown: [] };
  for (const ref of new Set(refs)) {
    const explained = explain(scenario, state, viewer, ref);
    if (explained?.kind === 'score') answer.explanations[ref] = explainedScore(explained.score);
    else if (explained?.kind === 'card') answer.reportCards[ref] = explained.card;
    else answer.unknown.push(ref);
  }
  return answer;
}
