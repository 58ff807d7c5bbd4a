/**
 * The proportionality of a whole exercise, for one government or all: each
 * distinct response (government, action, incident) counts once, at the mean
 * of its repeats, weighted by its severity (at least 1). Repeating a cheap act
 * cannot pad the figure, and a consequential measure weighs more than a
 * routine one. An incident that did harm and that no coercive response
 * answered counts as a response of severity 0: falling short of it is what
 * the fit component charges, and leaving it out would score quiet
 * housekeeping as perfectly proportionate. A legally exposed measure caps
 * the figure at what the measure itself is capped at: a breach of the law is
 * not averaged away by lawful acts around it. See docs/scoring.md
 * ("The exercise's proportionality").
 */
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import { COERCIVE_CATEGORIES } from '../rules/law';
import { indexOf } from '../rules/scenarioIndex';
import { incidentActor } from '../rules/readers';
import { COUNTERMEASURE_CAP } from './proportionality';

/** The lightest weight a response carries: zero-severity work still counts. */
export const MIN_EXERCISE_WEIGHT = 1;

export interface ExerciseResponse {
  team: string;
  action: string;
  incident: string | null;
  severity: number;
  value: number;
  /** A hard legal rule fired on it (a countermeasure without its conditions, a measure against the wrong state, force below an armed attack). */
  legallyExposed?: boolean;
}

/**
 * The most a figure with a legally exposed response reaches: the cap of an
 * unlawful countermeasure. An exercise whose response includes a measure the
 * law does not support is not a proportionate response, however lawful the
 * rest (ILC Art. 49: a countermeasure without its conditions is itself a
 * wrongful act).
 */
export const EXPOSED_EXERCISE_CAP = COUNTERMEASURE_CAP;

/**
 * The weighted mean over distinct responses, capped at EXPOSED_EXERCISE_CAP
 * when one of them is legally exposed; null when there are none.
 */
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
  if (weights === 0) return null;
  const mean = Math.round((total / weights) * 10) / 10;
  return responses.some((r) => r.legallyExposed) ? Math.min(mean, EXPOSED_EXERCISE_CAP) : mean;
}

/** The harm at which an unanswered incident costs the whole fit: falling short by 8 costs everything (see fit). */
const SHORTFALL_FOR_ZERO = 8;

/**
 * The part of each incident's harm that no coercive response that went ahead
 * measured up to. A response answers an incident up to its severity, whether
 * it was aimed at the incident or at the whole campaign: the part of the harm
 * beyond the strongest of them counts as a response of that severity with the
 * fit of falling short by it (a private note cannot answer a grave intrusion,
 * nor a one-line statement of support answer it for the whole coalition).
 * With no response at all that is the whole harm. A response aimed at the
 * whole campaign is aimed at the primary adversary, as in its reaction
 * (incidentActor): it answers none of a further actor's incidents.
 */
export function unansweredIncidents(scenario: Scenario, state: Pick<ExerciseState, 'incidents' | 'decisions'>): ExerciseResponse[] {
  const actions = indexOf(scenario).actions;
  // Saying that one is not in a position to attribute answers nothing.
  const coercive = state.decisions.filter((d) => {
    const action = actions.get(d.action);
    return d.effective && !action?.attributionStance && COERCIVE_CATEGORIES.includes(action?.category ?? 'rollback');
  });
  // The strongest coercive response aimed at each incident, and at the whole campaign (null), in one pass.
  const strongest = new Map<string | null, number>();
  for (const d of coercive) strongest.set(d.incident, Math.max(strongest.get(d.incident) ?? 0, actions.get(d.action)?.severity ?? 0));
  const campaignWide = strongest.get(null) ?? 0;
  const answeredUpTo = (id: string) => Math.max(incidentActor(scenario, id) === null ? campaignWide : 0, strongest.get(id) ?? 0);
  return Object.entries(state.incidents)
    .filter(([, incident]) => incident.active && incident.harm > 0)
    .map(([id, incident]) => ({ id, harm: incident.harm, upTo: answeredUpTo(id) }))
    .filter(({ harm, upTo }) => Math.min(10, harm) > upTo)
    .map(({ id, harm, upTo }) => unansweredResponse(id, harm, upTo));
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
      // Only a breach that took place caps the figure; a facilitator's override is the final judgement of the decision, its legality included.
      legallyExposed: d.effective && d.overridden === null && d.legallyExposed,
    }));
  return exerciseFigure([...taken, ...unansweredIncidents(scenario, state)]);
}
