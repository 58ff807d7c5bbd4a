/** Reading derived facts from the exercise state: one place for each. */
import { confidenceOf } from '../confidence';
import { regionState } from '../machines/chart';
import type { ConfidenceLevel, Scenario } from '../scenario/schema';
import { RESPONSIBILITY_LEVELS } from '../scenario/schema';
import type { ExerciseState, Posture } from '../types';
import { indexOf } from './scenarioIndex';

export function evidenceOf(state: ExerciseState, incident: string, team: string): number {
  return (state.attribution[incident]?.national[team]?.context.evidence as number | undefined) ?? 0;
}

export function confidenceOfTeam(scenario: Scenario, state: ExerciseState, incident: string, team: string): ConfidenceLevel | null {
  return confidenceOf(evidenceOf(state, incident, team), scenario.evidenceThresholds);
}

export function attributionStage(state: ExerciseState, incident: string, team: string): string {
  const chart = state.attribution[incident]?.national[team];
  return chart ? regionState(chart) : 'unknown';
}

export function coalitionStage(state: ExerciseState, incident: string): string {
  const chart = state.attribution[incident]?.coalition;
  return chart ? regionState(chart) : 'idle';
}

/** What a government believes about state responsibility: the truth once its confidence is moderate, else nothing. */
export function assessedResponsibility(scenario: Scenario, state: ExerciseState, incident: string, team: string) {
  const truth = indexOf(scenario).incidents.get(incident);
  const confidence = confidenceOfTeam(scenario, state, incident, team);
  if (!truth || (confidence !== 'moderate' && confidence !== 'high')) return null;
  return {
    responsibility: RESPONSIBILITY_LEVELS.indexOf(truth.responsibility) + 1,
    responsibilityLabel: truth.responsibility,
    legalCategory: truth.legalCategory,
  };
}

export function escalationLevel(state: ExerciseState): number {
  return state.escalation.context.level as number;
}

export function posture(state: ExerciseState): Posture {
  return regionState(state.adversary, 'posture') as Posture;
}

export function campaignPhase(state: ExerciseState): string {
  return regionState(state.adversary, 'phase');
}

export function deEscalationStage(state: ExerciseState): string {
  return regionState(state.deEscalation);
}

export function latestCohesion(state: ExerciseState): number {
  return state.rounds.at(-1)?.cohesion.value ?? 100;
}

export function cumulativeHarm(state: ExerciseState): number {
  return Object.values(state.incidents).reduce((sum, incident) => sum + incident.harm, 0);
}

/** Harm on the 0-10 scale that a response is measured against. */
export function harmFor(state: ExerciseState, incident: string | null): number {
  if (incident) return Math.min(10, state.incidents[incident]?.harm ?? 0);
  return Math.min(10, Math.max(0, ...Object.values(state.incidents).map((i) => i.harm)));
}

export function publicResponses(scenario: Scenario, state: ExerciseState): number {
  const actions = indexOf(scenario).actions;
  return state.decisions.filter((d) => (actions.get(d.action)?.rung ?? 0) >= 2).length;
}
