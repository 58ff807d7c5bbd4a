/**
 * The condition language: data, never code. A scenario's condition is a JSON
 * tree of the shapes in scenario/schema.ts; this module is its only evaluator.
 */
import { regionState } from './machines/chart';
import { confidenceAtLeast } from './confidence';
import type { Condition, Scenario } from './scenario/schema';
import type { ExerciseState } from './types';
import { normsStage } from './rules/norms';
import {
  confidenceOfTeam,
  cumulativeHarm,
  caseStage,
  disputeStage,
  verificationStage,
  escalationLevel,
  latestCohesion,
  publicResponses,
} from './rules/readers';

export function indicatorValue(scenario: Scenario, state: ExerciseState, id: string): number {
  switch (id) {
    case 'round':
      return state.round;
    case 'escalation':
      return escalationLevel(state);
    case 'cohesion':
      return latestCohesion(state);
    case 'cumulativeHarm':
      return cumulativeHarm(state);
    case 'publicResponses':
      return publicResponses(scenario, state);
    default:
      return state.indicators[id] ?? 0;
  }
}

export function compare(left: number, op: string, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    default:
      return left !== right;
  }
}

/** The state a condition region is in, or null for an unknown region. */
export function regionValue(state: ExerciseState, region: string): string | null {
  if (region === 'exercise') return state.phase;
  if (region === 'adversary.phase') return regionState(state.adversary, 'phase');
  if (region === 'adversary.posture') return regionState(state.adversary, 'posture');
  if (region === 'deEscalation') return regionState(state.deEscalation);
  if (region === 'dispute') return disputeStage(state);
  if (region === 'norms') return normsStage(state);
  if (region.startsWith('case.')) {
    const incident = region.slice('case.'.length);
    return incident in state.incidents ? caseStage(state, incident) : null;
  }
  if (region.startsWith('verification.')) {
    const incident = region.slice('verification.'.length);
    return incident in state.incidents ? verificationStage(state, incident) : null;
  }
  const [chart, incident, who] = region.split('.');
  if (chart === 'adversary') {
    const other = state.otherAdversaries?.[incident!];
    return other && (who === 'phase' || who === 'posture') ? regionState(other, who) : null;
  }
  const attribution = chart === 'attribution' && incident ? state.attribution[incident] : undefined;
  if (!attribution || !who) return null;
  const snapshot = who === 'coalition' ? attribution.coalition : attribution.national[who];
  return snapshot ? regionState(snapshot) : null;
}

export function evaluate(condition: Condition, scenario: Scenario, state: ExerciseState): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, scenario, state));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, scenario, state));
  if ('not' in condition) return !evaluate(condition.not, scenario, state);
  if ('indicator' in condition) return compare(indicatorValue(scenario, state, condition.indicator), condition.op, condition.value);
  if ('fact' in condition) return (state.facts[condition.fact] ?? false) === (condition.is ?? true);
  if ('state' in condition) {
    const value = regionValue(state, condition.state);
    return value !== null && condition.in.includes(value);
  }
  if ('confidence' in condition) {
    const { team, incident, atLeast } = condition.confidence;
    return confidenceAtLeast(confidenceOfTeam(scenario, state, incident, team), atLeast);
  }
  if ('actionTaken' in condition) {
    return state.decisions.some(
      (d) =>
        d.action === condition.actionTaken &&
        (!condition.by || d.team === condition.by) &&
        (!condition.thisRound || d.round === state.round),
    );
  }
  return state.injects.delivered.some((d) => d.inject === condition.injectFired);
}
