/**
 * Which adversary a facilitator's or red cell's command addresses: the
 * primary one when the command names no `adversary`, else a further actor of
 * scenario.otherAdversaries. The one check of that field (not `actor`: that is who sent the command), shared by
 * overridePosture and chooseAdversaryMove (rules/apply.ts).
 */
import { say } from '../messages';
import type { OtherAdversary, Scenario } from '../scenario/schema';
import type { Rejection } from '../types';
import { reject } from './decisions';

/** The further actor with this id, or null (no id, or none such). */
export function furtherActor(scenario: Scenario, id: string | undefined): OtherAdversary | null {
  if (id === undefined) return null;
  return scenario.otherAdversaries?.find((a) => a.id === id) ?? null;
}

/** Refuses an `adversary` that names no further actor of the scenario (the primary adversary is addressed by naming none). */
export function checkAdversary(scenario: Scenario, actor: string | undefined): Rejection | null {
  if (actor === undefined || furtherActor(scenario, actor)) return null;
  return reject('INVALID_ARGUMENT', say('refusal.unknownAdversary', { actor, primary: scenario.adversary.name }));
}
