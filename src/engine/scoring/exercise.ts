/**
 * The proportionality of a whole exercise, for one government or all: each
 * distinct response (government, action, incident) counts once, at the mean
 * of its repeats, weighted by its severity (at least 1). Repeating a cheap act
 * cannot pad the figure, and a consequential measure weighs more than a
 * routine one. An incident that did harm and that no coercive response
 * answered counts as a response of severity 0: falling short of it is what
 * the fit component charges, and leaving it out would score quiet
 * housekeeping as perfectly proportionate. See docs/scoring.md
 * ("The exercise's proportionality").
 */
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import { COERCIVE_CATEGORIES } from '../rules/law';
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

/** The harm at which an unanswered incident costs the whole fit: falling short by 8 costs everything (see fit). */
const SHORTFALL_FOR_ZERO = 8;

/**
 * Incidents that did harm and that no government answered with a coercive
 * response that went ahead aimed at the incident. A response aimed at the
 * whole campaign answers each incident up to its severity: the part of an
 * incident's harm that the strongest of them does not measure up to counts
 * as a response of that severity with the fit of falling short by it (a
 * one-line statement of support cannot answer a grave intrusion for the
 * whole coalition). With no campaign-wide response that is the whole harm.
 */
export function unansweredIncidents(scenario: Scenario, state: Pick<ExerciseState, 'incidents' | 'decisions'>): ExerciseResponse[] {
  const actions = indexOf(scenario).actions;
  // Saying that one is not in a position to attribute answers nothing.
  const coercive = state.decisions.filter((d) => {
    const action = actions.get(d.action);
    return d.effective && !action?.attributionStance && COERCIVE_CATEGORIES.includes(action?.category ?? 'rollback');
  });
  const answered = new Set(coercive.map((d) => d.incident).filter((id) => id !== null));
  const campaignWide = Math.max(0, ...coercive.filter((d) => d.incident === null).map((d) => actions.get(d.action)?.severity ?? 0));
  return Object.entries(state.incidents)
    .filter(([id, incident]) => incident.active && incident.harm > 0 && !answered.has(id) && Math.min(10, incident.harm) > campaignWide)
    .map(([id, incident]) => unansweredResponse(id, incident.harm, campaignWide));
}

/**
 * An incident left (partly) unanswered, as a response weighted by the harm no
 * response measured up to (at most 10), valued at the fit of falling short by
 * that much. `answeredUpTo` is the severity of the strongest campaign-wide
 * response (0 when none).
 */
export function unansweredResponse(incident: string, harm: number, answeredUpTo = 0): ExerciseResponse {
  const gap = Math.min(10, harm) - Math.max(0, answeredUpTo);
  return { team: '', action: 'no response', incident, severity: gap, value: Math.round(100 * (1 - Math.min(1, gap / SHORTFALL_FOR_ZERO))) };
}

/**
 * The exercise figure of the decisions that went ahead or that oversight
 * held back (a facilitator's override replaces the computed score), with the incidents the coalition
 * left unanswered; null when nothing was done and nothing went unanswered.
 */
export function exerciseProportionality(scenario: Scenario, state: Pick<ExerciseState, 'incidents' | 'decisions'>, team?: string): number | null {
  const actions = indexOf(scenario).actions;
  // A stance on attribution is no measure: it is left out, so that it cannot pad the figure either;
  // nor is a request to a platform, which asks a company, not the adversary, for something.
  // A measure the government's own oversight held back was still its choice: it counts.
  const isMeasure = (id: string) => !actions.get(id)?.attributionStance && !actions.get(id)?.platform;
  const taken = state.decisions
    .filter((d) => (d.effective || d.heldBy !== undefined) && (team === undefined || d.team === team) && isMeasure(d.action))
    .map((d) => ({
      team: d.team,
      action: d.action,
      incident: d.incident,
      severity: actions.get(d.action)?.severity ?? 0,
      value: d.overridden?.value ?? d.proportionality.value,
    }));
  return exerciseFigure([...taken, ...unansweredIncidents(scenario, state)]);
}
