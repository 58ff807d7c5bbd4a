/**
 * The further actors' turn (scenario.otherAdversaries), after everything else
 * in the round has drawn from the generator: each reacts to the responses to
 * its own incidents with the adversary's rules and its own tuning, then each
 * plays its eligible moves. Scenarios without further actors draw nothing here.
 */
import { evaluate } from '../conditions';
import { explainPosture, type RoundFeatures } from '../machines/adversary';
import type { OtherAdversary, Scenario } from '../scenario/schema';
import { confidenceOfTeam, incidentActor, otherPhase, otherPosture } from '../rules/readers';
import type { Work } from '../rules/work';
import type { ExerciseState, OtherActorRound, Posture, ResolvedDecision } from '../types';
import { answersInKindOnly, chooseOrDraw, movesOfTheRound, playChosen } from './adversaryTurn';

/** What a further actor reads from the round: only the responses to its own incidents count. */
export interface OtherFeatureInput {
  /** Severity and harm of each effective response to the actor's incidents, and whether it was joint, public, inviting mirroring or unlawful. */
  responses: { severity: number; harm: number; joint: boolean; public: boolean; signalling: boolean; mirroring: boolean; unlawful: boolean; fit: number | null }[];
  cohesion: number;
}

export function otherFeatures(work: Work, actor: OtherAdversary, input: OtherFeatureInput): RoundFeatures {
  const { state, scenario } = work;
  const own = scenario.incidents.filter((i) => i.actor === actor.id);
  const publicResponse = input.responses.some((r) => r.public);
  // The state is copy-on-write (rules/work.ts): the record is replaced, never changed in place.
  const quiet = { ...state.hidden.otherQuietRounds, [actor.id]: publicResponse ? 0 : (state.hidden.otherQuietRounds?.[actor.id] ?? 0) + 1 };
  state.hidden.otherQuietRounds = quiet;
  const total = input.responses.reduce((sum, r) => sum + r.severity, 0);
  const joint = input.responses.reduce((sum, r) => sum + (r.joint ? r.severity : 0), 0);
  const fits = input.responses.flatMap((r) => (r.fit === null ? [] : [r.fit]));
  return {
    talks: false,
    overreaction: Math.max(0, ...input.responses.map((r) => r.severity - r.harm)),
    mirroring: input.responses.some((r) => r.mirroring),
    unlawful: input.responses.some((r) => r.unlawful),
    jointness: total > 0 ? joint / total : 0,
    cohesion: input.cohesion,
    jointAttribution: own.some((i) => state.attribution[i.id]?.coalition.value === 'jointlyAttributed'),
    fit: fits.length > 0 ? fits.reduce((a, b) => a + b, 0) / fits.length : 0,
    quietRounds: quiet[actor.id]!,
    onlyPrivate: input.responses.length > 0 && !publicResponse && input.responses.some((r) => r.signalling),
    undiscoveredAccess: own.some(
      (i) =>
        state.incidents[i.id]?.active &&
        (i.kind === 'intrusion' || i.kind === 'hackAndLeak') &&
        scenario.teams.every((team) => confidenceOfTeam(scenario, state, i.id, team.id) === null),
    ),
    bonus: (state.otherAdversaries![actor.id]!.context.bonus as number | undefined) ?? 0,
    roll: work.rng.next(),
    mirrorRoll: work.rng.next(),
  };
}

export function eligibleOtherMoves(scenario: Scenario, state: ExerciseState, actor: OtherAdversary, current: Posture | null = otherPosture(state, actor.id)): OtherAdversary['moves'] {
  const phase = otherPhase(state, actor.id);
  return actor.moves.filter(
    (move) =>
      current !== null &&
      move.postures.includes(current) &&
      (!move.phases || (phase !== null && move.phases.includes(phase))) &&
      (!move.when || evaluate(move.when, scenario, state)),
  );
}

/**
 * Every further actor reacts (two draws each, in the scenario's order), then
 * every one plays its moves (one draw per eligible move, none when the red
 * cell chose for it), so that a move's
 * condition reads the other actors' postures after this round's reactions.
 * Returns the actors' rounds and the headlines of their moves; nothing in a
 * scenario without further actors.
 */
export function playOthers(
  work: Work,
  effective: ResolvedDecision[],
  describe: (decision: ResolvedDecision) => OtherFeatureInput['responses'][number],
  cohesion: number,
): { rounds: OtherActorRound[]; harmful: boolean } | null {
  const actors = work.scenario.otherAdversaries;
  if (!actors?.length || !work.state.otherAdversaries) return null;
  const rounds: OtherActorRound[] = [];
  const inKindOnly: boolean[] = [];
  for (const actor of actors) {
    const before = otherPosture(work.state, actor.id)!;
    const responses = effective.filter((d) => incidentActor(work.scenario, d.incident) === actor.id).map(describe);
    const features = otherFeatures(work, actor, { responses, cohesion });
    work.sendOtherAdversary(actor.id, { type: 'RESPONSE_RESOLVED', features });
    const after = otherPosture(work.state, actor.id) as Posture;
    rounds.push({ actor: actor.id, postureBefore: before, postureAfter: after, postureWhy: explainPosture(actor.tuning, features, after, before), moves: [] });
    inKindOnly.push(answersInKindOnly(actor.moves, actor.tuning, features, after));
  }
  let harmful = false;
  actors.forEach((actor, i) => {
    // The red cell's choice for this actor, when it made one, replaces the draws (as for the primary adversary).
    const { postureBefore, postureAfter } = rounds[i]!;
    const eligible = movesOfTheRound(actor.moves, (p) => eligibleOtherMoves(work.scenario, work.state, actor, p), postureAfter, postureBefore, inKindOnly[i]!);
    const chosen = chooseOrDraw(work, actor.moves, eligible, work.state.redCellOthers?.[actor.id], actor.name);
    const played = playChosen(work, chosen, actor.name);
    harmful ||= played.harmful;
    rounds[i]!.moves = played.moves;
  });
  return { rounds, harmful };
}
