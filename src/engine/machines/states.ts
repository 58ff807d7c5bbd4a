/**
 * The state names of every chart region a scenario's conditions may refer to
 * with { "state": "<region>", "in": [...] }. The charts in this folder use
 * exactly these names; the validator checks references against them.
 */
import { POSTURES } from '../postures';
import { DISPUTE_STATES } from './dispute';
import { VERIFICATION_STATES } from './verification';

export const EXERCISE_STATES = ['lobby', 'briefing', 'deliberation', 'results', 'debrief'] as const;
export const NATIONAL_ATTRIBUTION_STATES = [
  'unknown',
  'detected',
  'suspected',
  'assessed',
  'signalledPrivately',
  'attributedPublicly',
  'retracted',
] as const;
export const COALITION_ATTRIBUTION_STATES = ['idle', 'pooling', 'jointlyAttributed', 'retracted'] as const;
export const DE_ESCALATION_STATES = ['idle', 'backchannel', 'talks', 'conditional', 'rollback', 'normalised', 'relapse'] as const;
export const POSTURE_STATES = POSTURES;

/**
 * Which states a condition region may name, for a scenario with these
 * phases, incidents and teams. Returns null for an unknown region.
 */
export function statesOfRegion(
  region: string,
  known: { phases: readonly string[]; incidents: readonly string[]; teams: readonly string[] },
): readonly string[] | null {
  if (region === 'exercise') return EXERCISE_STATES;
  if (region === 'adversary.phase') return known.phases;
  if (region === 'adversary.posture') return POSTURE_STATES;
  if (region === 'deEscalation') return DE_ESCALATION_STATES;
  if (region === 'dispute') return DISPUTE_STATES;
  const parts = region.split('.');
  if (parts.length === 2 && parts[0] === 'verification' && known.incidents.includes(parts[1]!)) return ['none', ...VERIFICATION_STATES];
  if (parts.length === 3 && parts[0] === 'attribution' && known.incidents.includes(parts[1]!)) {
    if (parts[2] === 'coalition') return COALITION_ATTRIBUTION_STATES;
    if (known.teams.includes(parts[2]!)) return NATIONAL_ATTRIBUTION_STATES;
  }
  return null;
}
