/**
 * Score explanations, on request. A view carries each score's figure and,
 * when its viewer may read why, a reference; explainScores answers those
 * references with the components, rules and summary behind each score, as
 * that viewer may see them. Both the view and the answer take the score
 * through visibleScore below, so a seat can fetch exactly the explanations its
 * view refers to, and nothing else (rules/visibility.ts decides who reads what).
 */
import { indexOf } from '../rules/scenarioIndex';
import { sees, seesDecision } from '../rules/visibility';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState, ResolvedDecision, RoundResult, Score } from '../types';
import type { ScoreView, Viewer } from './types';

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
      c.id === 'evidence' ? { ...c, why: 'Weighed against that government\'s own attribution confidence, which stays its own until the debrief.' } : c,
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

/** The score a reference names, as this viewer may read it; null unless the viewer's view carries exactly this reference now. */
function explain(scenario: Scenario, state: ExerciseState, viewer: Viewer, ref: string): Score | null {
  const [kind, id, ...rest] = ref.split(':');
  let visible: VisibleScore | null = null;
  if (kind === 'proportionality' && id !== undefined && rest.length <= 1) {
    const decision = state.decisions.find((d) => d.id === id);
    if (decision && decisionVisibility(scenario, state, viewer)(decision)) visible = visibleProportionality(state, viewer, decision);
  } else if (kind === 'cohesion' && id !== undefined && rest.length === 0) {
    const round = state.rounds.find((r) => String(r.round) === id);
    if (round) visible = visibleCohesion(state, viewer, round);
  }
  return visible?.ref === ref ? visible.score : null;
}

export interface Explanations {
  /** Per reference asked for and carried by the viewer's view: the score with its components, rules and summary. */
  explanations: Record<string, Score>;
  /** The references asked for that the viewer's view does not carry now (unknown, not visible to it, or replaced since). */
  unknown: string[];
}

/** Answers references from a view with the explanations behind them; what the view would not refer to goes to `unknown`, without saying why. */
export function explainScores(scenario: Scenario, state: ExerciseState, viewer: Viewer, refs: readonly string[]): Explanations {
  const explanations: Record<string, Score> = {};
  const unknown: string[] = [];
  for (const ref of new Set(refs)) {
    const score = explain(scenario, state, viewer, ref);
    if (score) explanations[ref] = score;
    else unknown.push(ref);
  }
  return { explanations, unknown };
}
