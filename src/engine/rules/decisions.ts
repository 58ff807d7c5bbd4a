/**
 * Whether a team may take an action now, and if not, the sentence that says
 * why. Used to accept or reject commands, to show availability in a team's
 * view, and by the bots to enumerate legal moves: one rule book for all three.
 */
import { confidenceAtLeast } from '../confidence';
import { evaluate } from '../conditions';
import type { Action, Scenario } from '../scenario/schema';
import type { DecisionDraft, ExerciseState, Rejection, RejectionCode } from '../types';
import { assessedResponsibility, confidenceOfTeam } from './readers';
import { indexOf, legalBasisName } from './scenarioIndex';

export const reject = (code: RejectionCode, message: string): Rejection => ({ ok: false, code, message });

const CONFIDENCE_WORDS = { none: 'none', low: 'low', moderate: 'moderate', high: 'high' } as const;

/** Checks that do not depend on the round's budget: can this team ever take this action on this incident now? */
export function checkAction(scenario: Scenario, state: ExerciseState, team: string, action: Action, incidentId: string | null): Rejection | null {
  const index = indexOf(scenario);
  const teamDef = index.teams.get(team);
  if (!teamDef) return reject('UNKNOWN_TEAM', `There is no team "${team}" in this exercise.`);
  if (action.availableTo && !action.availableTo.includes(team)) {
    return reject('NOT_AVAILABLE', `${action.name} is not open to ${teamDef.name}.`);
  }
  if (action.legalBasis && teamDef.legalBases.length > 0 && !teamDef.legalBases.includes(action.legalBasis)) {
    return reject('NO_LEGAL_BASIS', `${teamDef.name} has no legal basis for ${action.name} (it needs ${legalBasisName(scenario, action.legalBasis)}).`);
  }
  if (action.oncePerExercise && state.decisions.some((d) => d.team === team && d.action === action.id)) {
    return reject('ALREADY_TAKEN', `${action.name} can be taken once per exercise, and your government already has.`);
  }
  if (action.targetsIncident) {
    const rejection = checkIncident(scenario, state, team, action, incidentId);
    if (rejection) return rejection;
  }
  if (action.prerequisites && !evaluate(action.prerequisites, scenario, state)) {
    return reject('PREREQUISITE_FAILED', action.prerequisiteText ?? `The conditions for ${action.name} are not met yet.`);
  }
  return null;
}

function checkIncident(scenario: Scenario, state: ExerciseState, team: string, action: Action, incidentId: string | null): Rejection | null {
  if (!incidentId) return reject('INVALID_ARGUMENT', `Choose the incident ${action.name} responds to.`);
  const incident = indexOf(scenario).incidents.get(incidentId);
  if (!incident) return reject('UNKNOWN_INCIDENT', `There is no incident "${incidentId}" in this exercise.`);
  if (!state.incidents[incidentId]?.active) return reject('NOT_AVAILABLE', `"${incident.name}" has not come to light yet.`);
  const confidence = confidenceOfTeam(scenario, state, incidentId, team);
  // The attribution chart accepts a public attribution only from moderate confidence, whatever the action says.
  const needed = action.category === 'attribution' && !confidenceAtLeast(action.minConfidence === 'none' ? null : action.minConfidence, 'moderate') ? 'moderate' : action.minConfidence;
  if (!confidenceAtLeast(confidence, needed)) {
    return reject(
      'INSUFFICIENT_CONFIDENCE',
      `${action.name} needs at least ${needed} attribution confidence; yours on "${incident.name}" is ${CONFIDENCE_WORDS[confidence ?? 'none']}.`,
    );
  }
  if (action.requiresStateAttribution) {
    const assessed = assessedResponsibility(scenario, state, incidentId, team);
    if (!assessed || assessed.responsibility < 7 || assessed.legalCategory !== 'internationallyWrongfulAct') {
      return reject(
        'NEEDS_STATE_ATTRIBUTION',
        `${action.name} needs "${incident.name}" assessed as an internationally wrongful act by state organs or agents (state-ordered or above); your assessment does not reach that.`,
      );
    }
  }
  return null;
}

/** Every check for drafting a decision in this round. */
export function checkDraft(scenario: Scenario, state: ExerciseState, team: string, draft: DecisionDraft): Rejection | null {
  const phaseProblem = checkDeliberation(state, team);
  if (phaseProblem) return phaseProblem;
  const action = indexOf(scenario).actions.get(draft.action);
  if (!action) return reject('UNKNOWN_ACTION', `There is no action "${draft.action}" in this scenario.`);
  const incident = action.targetsIncident ? (draft.incident ?? null) : null;
  const base = checkAction(scenario, state, team, action, incident);
  if (base) return base;
  for (const [option, chosen] of Object.entries(draft.options ?? {})) {
    if (chosen && !action.procedures.includes(option as never)) {
      return reject('INVALID_OPTION', `${action.name} does not offer the procedural option "${option}".`);
    }
  }
  const teamState = state.teams[team]!;
  if (teamState.plan.some((p) => p.action === action.id && p.incident === incident)) {
    return reject('ALREADY_TAKEN', `${action.name} is already in your plan for this round.`);
  }
  if (teamState.plan.length >= scenario.maxActionsPerRound) {
    return reject('TOO_MANY_ACTIONS', `A government can take at most ${scenario.maxActionsPerRound} decisions a round; withdraw one first.`);
  }
  if (action.cost.capital > teamState.capitalLeft) {
    return reject('NOT_ENOUGH_CAPITAL', `${action.name} costs ${action.cost.capital} political capital; you have ${teamState.capitalLeft} left this round.`);
  }
  if (action.cost.intel > teamState.intelLeft) {
    return reject('NOT_ENOUGH_INTEL', `${action.name} needs ${action.cost.intel} intelligence capacity; you have ${teamState.intelLeft} left this round.`);
  }
  return null;
}

export function checkDeliberation(state: ExerciseState, team: string): Rejection | null {
  if (state.phase === 'debrief') return reject('EXERCISE_OVER', 'The exercise has ended.');
  if (state.paused) return reject('PAUSED', 'The facilitator has paused the exercise.');
  if (state.phase !== 'deliberation') {
    return reject('WRONG_PHASE', `Decisions are made while a round is in deliberation; the exercise is in ${state.phase}.`);
  }
  if (state.teams[team]?.locked) return reject('ALREADY_LOCKED', 'Your team has locked its decisions for this round; unlock them first.');
  return null;
}
