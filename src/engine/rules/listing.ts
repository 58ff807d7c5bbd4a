/**
 * Relisting a person the review delisted: the Council may list them again
 * only on better reasons than those the observations defeated (the EU
 * courts' line since Kadi: a relisting on the same file is the same
 * unlawful listing). Better means an evidence component above the delisted
 * listing's, or a case file or independent finding it did not have.
 */
import { regionState } from '../machines/chart';
import type { Action, ListedPersons, Scenario } from '../scenario/schema';
import { caseFileBacks, evidenceValue } from '../scoring/basis';
import { fmtNum } from '../scoring/explain';
import type { ExerciseState, Rejection } from '../types';
import { indexOf } from './scenarioIndex';

/** The scenario's listed persons' rules when they cover this action, else null. */
export function listedPersonsRules(scenario: Scenario, action: string): ListedPersons | null {
  const rules = scenario.sanctions.listedPersons;
  return rules && rules.actions.includes(action) ? rules : null;
}

/** What a relisting must improve on: the strongest reasons among the delisted listings of this action on this incident, or null if none was delisted. */
export function relistingBar(state: ExerciseState, action: string, incident: string | null): { evidence: number; caseFile: boolean } | null {
  const delisted = Object.values(state.sanctions).filter(
    (p) => p.action === action && p.incident === incident && p.listed && regionState(p.chart, 'status') === 'delisted',
  );
  if (delisted.length === 0) return null;
  return {
    evidence: Math.max(...delisted.map((p) => p.substantiation ?? 0)),
    caseFile: delisted.some((p) => p.listed!.caseFile),
  };
}

/** NEEDS_BETTER_REASONS when the team would relist a delisted person on reasons no better than those that failed. */
export function checkRelisting(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): Rejection | null {
  if (!listedPersonsRules(scenario, action.id)) return null;
  const bar = relistingBar(state, action.id, incident);
  if (!bar) return null;
  const evidence = evidenceValue(scenario, state, team, action, incident);
  const caseFile = caseFileBacks(scenario, state, incident);
  if (evidence > bar.evidence || (caseFile && !bar.caseFile)) return null;
  const on = incident ? ` on "${indexOf(scenario).incidents.get(incident)?.name ?? incident}"` : '';
  return {
    ok: false,
    code: 'NEEDS_BETTER_REASONS',
    message:
      `The persons listed under ${action.name}${on} were delisted at review because the reasons did not answer their observations; ` +
      `relisting them needs better reasons: evidence above ${fmtNum(bar.evidence)} (yours is ${fmtNum(evidence)}: share it, have it corroborated or make it public)` +
      (bar.caseFile ? '.' : ', or a case file or a confirming verification behind it.'),
  };
}
