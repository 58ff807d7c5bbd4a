/**
 * The legal tables the gate (rules/decisions.ts) and the scorer
 * (scoring/proportionality.ts) both read, so that they never disagree on what
 * counts as a wrongful act, as state attribution, or how an intrusion is
 * classified. Grounding: docs/scoring.md ("Hard legal rules").
 */
import type { ActionCategory, Incident, LegalCategory } from '../scenario/schema';

/**
 * Legal categories that are (at least) an internationally wrongful act, and so
 * open countermeasures (ILC Art. 49(1)): a use of force or an armed attack is
 * a wrongful act too.
 */
export const WRONGFUL_ACTS: readonly LegalCategory[] = ['internationallyWrongfulAct', 'useOfForce', 'armedAttack'];

/** Lowest Healey level that attributes conduct to the state (ILC Arts 4, 7, 8): state-ordered. */
export const STATE_ATTRIBUTION_LEVEL = 7;

export function isWrongfulAct(category: LegalCategory | null | undefined): boolean {
  return category != null && WRONGFUL_ACTS.includes(category);
}

export function isStateAttributed(responsibility: number | null | undefined): boolean {
  return responsibility != null && responsibility >= STATE_ATTRIBUTION_LEVEL;
}

/**
 * How each kind of intrusion is classified in every scenario: theft of data
 * is espionage (not per se unlawful between states); leaking and amplifying
 * it to sway a vote is a prohibited intervention, an internationally wrongful
 * act. Other kinds depend on the facts and are left to the author.
 */
export const INCIDENT_LEGAL_CATEGORY: Partial<Record<Incident['kind'], LegalCategory>> = {
  intrusion: 'espionage',
  hackAndLeak: 'internationallyWrongfulAct',
};

/**
 * Coercive responses: those that impose a cost on the responsible state, and
 * whose severity is measured against the harm they answer. Investigation,
 * intelligence work and resilience prepare rather than coerce; de-escalation
 * and rollback step back.
 */
export const COERCIVE_CATEGORIES: readonly ActionCategory[] = ['signalling', 'attribution', 'diplomatic', 'legal', 'economic', 'cyber', 'military'];
export const PREPAREDNESS_CATEGORIES: readonly ActionCategory[] = ['investigate', 'intelligence', 'resilience'];

/** Incident kinds the EU cyber sanctions regime covers: cyber-attacks, not influence operations alone (Decision (CFSP) 2019/797, Art. 1). */
export const EU_CYBER_REGIME_KINDS: readonly Incident['kind'][] = ['intrusion', 'hackAndLeak', 'disruption', 'tallyAlteration', 'infraProbing'];
