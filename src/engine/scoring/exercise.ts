/**
 * The proportionality of a whole exercise, for one government or all: each
 * distinct response (government, action, incident) counts once, at the mean
 * of its repeats, weighted by its severity (at least 1). Repeating a cheap act
 * cannot pad the figure, and a consequential measure weighs more than a
 * routine one. See docs/scoring.md ("The exercise's proportionality").
 */
import type { Scenario } from '../scenario/schema';
import type { ResolvedDecision } from '../types';
import { indexOf } from '../rules/scenarioIndex';

/** The lightest weight a response carries: zero-severity work still counts. */
export const MIN_EXERCISE_WEIGHT = 1;

export interface ExerciseResponse {
  team: string;
  action: string;
  incident: string | null;
  severity: number;
  value: number;
}

/** The weighted mean over distinct responses; null when there are none. */
export function exerciseFigure(responses: readonly ExerciseResponse[]): number | null {
  const groups = new Map<string, ExerciseResponse[]>();
  for (const r of responses) {
    const key = `${r.team}\u0000${r.action}\u0000${r.incident ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let total = 0;
  let weights = 0;
  for (const group of groups.values()) {
    const weight = Math.max(MIN_EXERCISE_WEIGHT, group[0]!.severity);
    total += weight * (group.reduce((s, r) => s + r.value, 0) / group.length);
    weights += weight;
  }
  return weights === 0 ? null : Math.round((total / weights) * 10) / 10;
}

/** The exercise figure of the decisions that went ahead (a facilitator's override replaces the computed score). */
export function exerciseProportionality(scenario: Scenario, decisions: readonly ResolvedDecision[], team?: string): number | null {
  const actions = indexOf(scenario).actions;
  return exerciseFigure(
    decisions
      .filter((d) => d.effective && (team === undefined || d.team === team))
      .map((d) => ({
        team: d.team,
        action: d.action,
        incident: d.incident,
        severity: actions.get(d.action)?.severity ?? 0,
        value: d.overridden?.value ?? d.proportionality.value,
      })),
  );
}
