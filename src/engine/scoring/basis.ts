/**
 * The evidence a government acts on, as the scorer reads it: the quality of
 * its basis (shared, corroborated, public), whether a case file backs its
 * reasons, and the evidence component that follows. The scorer and the
 * rule on relisting a delisted person (rules/decisions.ts) both read here.
 */
import { evaluate } from '../conditions';
import type { Action, Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import { attributedInPublic, confidenceOfTeam, corroborated, independentlyEstablished } from '../rules/readers';
import { indexOf } from '../rules/scenarioIndex';
import { shownValue } from './explain';
import { evidenceMeasures, type EvidenceBasis } from './proportionality';

/** How good the basis is that a government acts on: shared with allies, corroborated by another, made public. */
export function basisOf(scenario: Scenario, state: ExerciseState, team: string, incident: string | null): EvidenceBasis {
  if (!incident) return { shared: false, corroborated: false, public: false };
  return {
    shared: state.teams[team]?.shared.includes(incident) ?? false,
    corroborated: corroborated(scenario, state, incident, team),
    public: attributedInPublic(state, incident, team),
  };
}

/** A case file, a confirming verification or an upheld claim substantiates statements of reasons on the incident. */
export function caseFileBacks(scenario: Scenario, state: ExerciseState, incident: string | null): boolean {
  if (incident === null) return false;
  const def = indexOf(scenario).incidents.get(incident);
  return independentlyEstablished(state, incident) || (def?.caseFile ? evaluate(def.caseFile, scenario, state) : false);
}

/** The evidence component (0..1, as shown) a decision on this action and incident would get now. */
export function evidenceValue(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): number {
  const { value } = evidenceMeasures({
    minConfidence: action.minConfidence,
    confidence: incident ? confidenceOfTeam(scenario, state, incident, team) : null,
    basis: basisOf(scenario, state, team, incident),
  });
  return shownValue(value);
}
