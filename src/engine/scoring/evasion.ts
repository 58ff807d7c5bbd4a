/**
 * Proportionality of a secondary measure (a designation of the facilitators
 * of an evasion channel, sanctions.evasion): it is measured against the
 * evasion it addresses, not against the incident's harm, and it must reach
 * only those with a nexus to the evasion. A broad reach, to third-country
 * firms that merely trade with the adversary, is capped. Formulas and
 * grounding: docs/scoring.md ("Secondary measures").
 */
import type { Action, Scenario } from '../scenario/schema';
import { channelDef, evasionAddressed, leakNow } from '../rules/evasion';
import type { ExerciseState, Score, ScoreRule } from '../types';
import { say } from '../messages';

/** Highest score a secondary measure with a broad reach can get. */
export const BROAD_REACH_CAP = 50;

export interface SecondaryMeasure {
  /** The evasion the measure addresses on the 0-10 scale of harm: fit is measured against it. */
  harm: number;
  rules: ScoreRule[];
  cap: number;
}

/** What a designation is measured against, and the rules that bear on it; null for any other action. */
export function secondaryMeasure(scenario: Scenario, state: ExerciseState, action: Action): SecondaryMeasure | null {
  if (action.evasion?.step !== 'designate') return null;
  const channels = action.evasion.channels.map((id) => channelDef(scenario, id)).filter((c) => !!c);
  const harm = evasionAddressed(scenario, state, action.evasion.channels);
  const leaking = channels.filter((c) => leakNow(state, c) > 0);
  const addressed =
    leaking.length === 0
      ? say('part.noEvasionOpen', { channels: channels.map((c) => c.name) })
      : say('part.evasionLeaks', { leaks: leaking.map((c) => say('part.channelLeaks', { channel: c.name, share: leakNow(state, c) })), harm });
  const rules: ScoreRule[] = [
    {
      id: 'secondary-measured',
      effect: say('effect.secondary'),
      why: say('secondary.measured', { action: action.name, addressed }),
    },
  ];
  const broad = action.evasion.reach === 'broad';
  if (broad) {
    rules.push({
      id: 'secondary-reach',
      effect: say('effect.cappedAt', { cap: BROAD_REACH_CAP }),
      why: say('secondary.broad', { action: action.name }),
    });
  }
  return { harm, rules, cap: broad ? BROAD_REACH_CAP : 100 };
}

/** The score with the secondary measure's rules listed and its cap applied, the summary saying so. */
export function withSecondaryMeasure(score: Score, measure: SecondaryMeasure): Score {
  const value = Math.min(score.value, measure.cap);
  const rest = score.summary.slice(score.summary.indexOf(':') + 1).replace(/\.$/, '');
  const before = value < score.value ? ` (${score.value} before the rule on secondary measures)` : '';
  const reach = measure.cap < 100 ? '; a secondary measure reaching beyond the nexus' : '';
  return { ...score, value, rules: [...score.rules, ...measure.rules], summary: `Proportionality ${value}/100${before}:${rest}${reach}.` };
}
