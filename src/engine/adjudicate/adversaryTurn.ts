/** The adversary's turn: its reaction to the coalition, then its moves, drawn by posture and phase with the seeded generator. */
import { evaluate } from '../conditions';
import { applyEffects } from '../effects';
import { campaignPosture, explainPosture, reactionRule, type RoundFeatures } from '../machines/adversary';
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
): { after: Posture; why: string; inKindOnly: boolean } {
  const { state, scenario } = work;
  const before = posture(state);
  const full: RoundFeatures = {
    ...features,
    undiscoveredAccess: state.hidden.undiscoveredAccess,
    bonus: state.adversary.context.bonus as number,
    roll: work.rng.next(),
    mirrorRoll: work.rng.next(),
  };
  work.sendAdversary({ type: 'RESPONSE_RESOLVED', features: full });
  const after = posture(state);
  const tuning = scenario.adversary.tuning;
  return { after, why: explainPosture(tuning, full, after, before), inKindOnly: answersInKindOnly(scenario.adversary.moves, tuning, full, after) };
}

/**
 * Expulsions draw expulsions, not cyber attacks: when the adversary retaliates
 * only because a measure invited mirroring (no overreaction by the coalition,
 * no unlawful measure), its retaliation is its in-kind moves alone, if the
 * scenario marks any (movesOfTheRound).
 */
export function answersInKindOnly(moves: readonly AdversaryMove[], tuning: Scenario['adversary']['tuning'], f: RoundFeatures, after: Posture): boolean {
  return (
    after === 'titForTat' &&
    reactionRule(tuning, f) === 'provoked' &&
    f.overreaction < tuning.titForTatGap &&
    f.unlawful !== true &&
    moves.some((m) => m.inKind === true)
  );
}

/**
 * The moves an adversary may play this round. An answer in kind is given
 * beside the campaign, not instead of it: a mirrored expulsion does not stop
 * the leaks. In such a round the in-kind moves of the retaliation are
 * eligible together with the other moves of the posture held before it
 * (probing, when that was a retaliation too). `eligibleUnder` lists the moves
 * eligible under a posture.
 */
export function movesOfTheRound<M extends AdversaryMove>(moves: readonly M[], eligibleUnder: (posture: Posture) => M[], after: Posture, before: Posture, inKindOnly: boolean): M[] {
  if (!inKindOnly) return eligibleUnder(after);
  const inKind = eligibleUnder(after).filter((m) => m.inKind === true);
  const campaign = eligibleUnder(campaignPosture(before)).filter((m) => m.inKind !== true);
  return moves.filter((m) => inKind.includes(m) || campaign.includes(m));
}

export function eligibleMoves(scenario: Scenario, state: ExerciseState, current: Posture = posture(state)): AdversaryMove[] {
  const phase = campaignPhase(state);
  return scenario.adversary.moves.filter(
    (move) =>
      move.postures.includes(current) &&
      (!move.phases || move.phases.includes(phase)) &&
      (!move.when || evaluate(move.when, scenario, state)),
  );
}

/** Plays the model's draw of this round's moves (movesOfTheRound), or the red cell's chosen one. Returns what happened and whether it did harm. */
export function playMoves(work: Work, before: Posture, inKindOnly = false): { moves: RoundResult['adversaryMoves']; harmful: boolean } {
  const eligible = movesOfTheRound(work.scenario.adversary.moves, (p) => eligibleMoves(work.scenario, work.state, p), posture(work.state), before, inKindOnly);
  const moves = chooseOrDraw(work, work.scenario.adversary.moves, eligible, work.state.redCellMove, null);
  return playChosen(work, moves, null);
}

/**
 * The moves an adversary plays this round: the red cell's choice when it made
 * one (a move id, or null to hold back; no draw then), else each eligible move
 * drawn with its chance. A chosen move that no longer fits (the adversary's
 * reaction this round changed its posture or phase) is logged and not played.
 * `all` are the adversary's moves (for the name); `actor` names a further adversary in that log line (null for the primary).
 */
export function chooseOrDraw(work: Work, all: AdversaryMove[], eligible: AdversaryMove[], chosen: string | null | undefined, actor: string | null): AdversaryMove[] {
  const moves = chosen !== undefined ? eligible.filter((m) => m.id === chosen) : eligible.filter((m) => drawMove(work, m));
  if (chosen && moves.length === 0) {
    const name = all.find((m) => m.id === chosen)?.name ?? chosen;
    const text = actor === null ? say('timeline.redCellMoveUnfit', { move: name }) : say('others.redCellMoveUnfit', { actor, move: name });
    work.log({ kind: 'adversary', audience: 'facilitator', text });
  }
  return moves;
}

/** Plays the moves: their effects and news, and a facilitator's log line each ("Adversary move: …" for the primary, "<actor> move: …" for a further actor, null for the primary). */
export function playChosen(work: Work, moves: AdversaryMove[], actor: string | null): { moves: RoundResult['adversaryMoves']; harmful: boolean } {
  let harmful = false;
  for (const move of moves) {
    applyEffects(work, move.effects, { team: null, incident: null });
    harmful ||= move.effects.some((e) => 'harm' in e && e.add > 0);
    if (move.news) deliverNews(work, move.name, move.news);
    work.log({ kind: 'adversary', audience: 'facilitator', ref: move.id, text: actor === null ? say('timeline.adversaryMove', { move: move.name }) : say('others.move', { actor, move: move.name }) });
  }
  return { moves: moves.map((m) => ({ move: m.id, name: m.name, news: m.news ?? null })), harmful };
}
