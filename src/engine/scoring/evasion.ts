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
import { listNames } from '../rules/scenarioIndex';
import type { ExerciseState, Score, ScoreRule } from '../types';
import { fmtNum, fmtPct } from './explain';

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
      ? `none of ${listNames(channels.map((c) => c.name))} is open, so there is no evasion for it to address`
      : `${listNames(leaking.map((c) => `${c.name} leaks ${fmtPct(leakNow(state, c))}`))} of the bite of the sanctions it routes around, an evasion weighing ${fmtNum(harm)} on the 0-10 scale of harm`;
  const rules: ScoreRule[] = [
    {
      id: 'secondary-measured',
      effect: 'fit measured against the evasion',
      why: `${action.name} is a secondary measure: its fit is measured against the evasion it addresses, not the incident's harm; ${addressed}.`,
    },
  ];
  const broad = action.evasion.reach === 'broad';
  if (broad) {
    rules.push({
      id: 'secondary-reach',
      effect: `capped at ${BROAD_REACH_CAP}`,
      why: `${action.name} reaches third-country firms that merely trade with the adversary, with no nexus to the evasion: a secondary measure should reach only those who facilitate it, and broad ones are contested as extraterritorial (the EU's Blocking Statute, Council Regulation (EC) No 2271/96).`,
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
