/** The adversary's turn: its reaction to the coalition, then its moves, drawn by posture and phase with the seeded generator. */
import { evaluate } from '../conditions';
import { applyEffects } from '../effects';
import { explainPosture, type RoundFeatures } from '../machines/adversary';
import type { AdversaryMove, Scenario } from '../scenario/schema';
import { campaignPhase, confidenceOfTeam, posture } from '../rules/readers';
import type { Work } from '../rules/work';
import type { ExerciseState, Posture, RoundResult } from '../types';
import { deliverNews } from './injects';
import { drawMove } from './normsTurn';
import { say } from '../messages';

/** The adversary keeps undiscovered access while some intrusion is active and no government has even low confidence on it. */
export function refreshHiddenAccess(work: Work): void {
  const { scenario, state } = work;
  state.hidden.undiscoveredAccess = scenario.incidents.some(
    (incident) =>
      // A further actor's access (incident.actor) is its own: othersTurn reads it.
      (incident.actor === undefined || incident.actor === scenario.adversary.id) &&
      state.incidents[incident.id]?.active &&
      (incident.kind === 'intrusion' || incident.kind === 'hackAndLeak') &&
      scenario.teams.every((team) => confidenceOfTeam(scenario, state, incident.id, team.id) === null),
  );
}

export function reactToRound(
  work: Work,
  features: Omit<RoundFeatures, 'roll' | 'mirrorRoll' | 'bonus' | 'undiscoveredAccess'>,
): { after: Posture; why: string } {
  const { state, scenario } = work;
  const full: RoundFeatures = {
    ...features,
    undiscoveredAccess: state.hidden.undiscoveredAccess,
    bonus: state.adversary.context.bonus as number,
    roll: work.rng.next(),
    mirrorRoll: work.rng.next(),
  };
  work.sendAdversary({ type: 'RESPONSE_RESOLVED', features: full });
  const after = posture(state);
  return { after, why: explainPosture(scenario.adversary.tuning, full, after) };
}

export function eligibleMoves(scenario: Scenario, state: ExerciseState): AdversaryMove[] {
  const current = posture(state);
  const phase = campaignPhase(state);
  return scenario.adversary.moves.filter(
    (move) =>
      move.postures.includes(current) &&
      (!move.phases || move.phases.includes(phase)) &&
      (!move.when || evaluate(move.when, scenario, state)),
  );
}

/** Plays the red cell's chosen move, or draws the model's. Returns what happened and whether it did harm. */
export function playMoves(work: Work): { moves: RoundResult['adversaryMoves']; harmful: boolean } {
  const eligible = eligibleMoves(work.scenario, work.state);
  const chosen = work.state.redCellMove;
  const moves =
    chosen !== undefined
      ? eligible.filter((m) => m.id === chosen)
      : eligible.filter((m) => drawMove(work, m));
  if (chosen && moves.length === 0) {
    // The adversary's reaction this round changed its posture or phase: the red cell's move no longer fits.
    const name = work.index.moves.get(chosen)?.name ?? chosen;
    work.log({ kind: 'adversary', audience: 'facilitator', text: `The red cell's move (${name}) no longer fitted the adversary's posture after its reaction: no move this round.` });
  }
  let harmful = false;
  for (const move of moves) {
    applyEffects(work, move.effects, { team: null, incident: null });
    harmful ||= move.effects.some((e) => 'harm' in e && e.add > 0);
    if (move.news) deliverNews(work, move.name, move.news);
    work.log({ kind: 'adversary', audience: 'facilitator', ref: move.id, text: say('timeline.adversaryMove', { move: move.name }) });
  }
  return { moves: moves.map((m) => ({ move: m.id, name: m.name, news: m.news ?? null })), harmful };
}
