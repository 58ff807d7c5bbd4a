/**
 * Whether a team may take an action now, and if not, the sentence that says
 * why. Used to accept or reject commands, to show availability in a team's
 * view, and by the bots to enumerate legal moves: one rule book for all three.
 */
import { confidenceAtLeast } from '../confidence';
import { evaluate } from '../conditions';
import type { Action, Incident, Scenario } from '../scenario/schema';
import type { ConfidenceLevel, DecisionDraft, ExerciseState, ProcedureOptions, Rejection, RejectionCode } from '../types';
import { EU_CYBER_REGIME_KINDS, STATE_ATTRIBUTION_LEVEL, isStateAttributed, isWrongfulAct } from './law';
import { assessedResponsibility, confidenceOfTeam, urgencyWarranted } from './readers';
import { domesticCosts } from './domestic';
import { checkInstitutionalStep } from './institutions';
import { checkRelisting } from './listing';
import { checkEvasionStep } from './evasion';
import { checkProsecutionStep } from './prosecution';
import { checkNormsStep } from './norms';
import { checkPlatformRequest } from './platforms';
import { indexOf, legalBasisName, listNames } from './scenarioIndex';

export const reject = (code: RejectionCode, message: string): Rejection => ({ ok: false, code, message });

const CONFIDENCE_WORDS = { none: 'none', low: 'low', moderate: 'moderate', high: 'high' } as const;

/** Informing oversight bodies takes political capital: briefing a committee is not a free tick. */
export const OVERSIGHT_CAPITAL = 1;

export interface DraftCost {
  capital: number;
  intel: number;
  /** What the capital beyond the action's price pays for, e.g. "1 for informing oversight". */
  extras: string[];
}

/**
 * What a draft costs: the action's price, plus oversight when chosen, plus
 * what the step costs at home (rules/domestic.ts). Paid on drafting and
 * refunded on withdrawal, within the same round and so the same amount.
 */
export function draftCost(
  scenario: Scenario,
  state: ExerciseState,
  team: string,
  action: Action,
  incident: string | null,
  options: ProcedureOptions | undefined,
): DraftCost {
  const extras: { capital: number; reason: string }[] = [...domesticCosts(scenario, state, team, action, incident)];
  if (action.procedures.includes('oversight') && options?.oversight === true) extras.unshift({ capital: OVERSIGHT_CAPITAL, reason: 'informing oversight' });
  return {
    capital: action.cost.capital + extras.reduce((sum, e) => sum + e.capital, 0),
    intel: action.cost.intel,
    extras: extras.map((e) => `${e.capital} for ${e.reason}`),
  };
}

/** An EU listing follows the regime's criteria: a cyber-attack, judged on the evidence any EU government or institution brought to the shared record. */
function isEuListing(action: Action): boolean {
  return action.sanctions?.jurisdictions.includes('EU') ?? false;
}

function councilConfidence(scenario: Scenario, state: ExerciseState, incident: string, team: string): ConfidenceLevel | null {
  const index = indexOf(scenario);
  const contributors = index.teamIds.filter(
    (t) => t === team || ((index.teams.get(t)?.euMember || index.teams.get(t)?.kind === 'institution') && state.teams[t]?.shared.includes(incident)),
  );
  const levels = contributors.map((t) => confidenceOfTeam(scenario, state, incident, t));
  return levels.reduce<ConfidenceLevel | null>((best, c) => (confidenceAtLeast(c, best ?? 'none') && c ? c : best), null);
}

function regimeCovers(incident: Incident): boolean {
  return EU_CYBER_REGIME_KINDS.includes(incident.kind);
}

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
  // No amount of evidence gives a court jurisdiction: the nexus is checked before confidence.
  const prosecution = checkProsecutionStep(scenario, state, team, action, incidentId);
  if (prosecution?.code === 'NO_JURISDICTION') return prosecution;
  if (action.targetsIncident) {
    const rejection = checkIncident(scenario, state, team, action, incidentId);
    if (rejection) return rejection;
  }
  const relisting = checkRelisting(scenario, state, team, action, action.targetsIncident ? incidentId : null);
  if (relisting) return relisting;
  const institutional = checkInstitutionalStep(scenario, state, action, incidentId);
  if (institutional) return institutional;
  if (prosecution) return prosecution;
  const norms = checkNormsStep(scenario, state, team, action, incidentId);
  if (norms) return norms;
  const enforcement = checkEvasionStep(scenario, state, team, action);
  if (enforcement) return enforcement;
  const platformRequest = checkPlatformRequest(scenario, state, team, action, action.targetsIncident ? incidentId : null);
  if (platformRequest) return platformRequest;
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
  if (isEuListing(action) && !regimeCovers(incident)) {
    return reject('NOT_AVAILABLE', `The EU cyber sanctions regime covers cyber-attacks, not influence operations alone: "${incident.name}" is outside it (Decision (CFSP) 2019/797, Art. 1).`);
  }
  const confidence = isEuListing(action) ? councilConfidence(scenario, state, incidentId, team) : confidenceOfTeam(scenario, state, incidentId, team);
  // The attribution chart accepts a public attribution only from moderate confidence, whatever the action says;
  // saying that one is not in a position to attribute needs no confidence at all.
  const needed = action.category === 'attribution' && !action.attributionStance && !confidenceAtLeast(action.minConfidence === 'none' ? null : action.minConfidence, 'moderate') ? 'moderate' : action.minConfidence;
  if (!confidenceAtLeast(confidence, needed)) {
    return reject(
      'INSUFFICIENT_CONFIDENCE',
      isEuListing(action)
        ? `${action.name} needs a case the Council can adopt: evidence at ${needed} confidence on "${incident.name}" in the shared record; the best brought so far is ${CONFIDENCE_WORDS[confidence ?? 'none']}.`
        : `${action.name} needs at least ${needed} attribution confidence; yours on "${incident.name}" is ${CONFIDENCE_WORDS[confidence ?? 'none']}.`,
    );
  }
  if (action.requiresStateAttribution) {
    const assessed = assessedResponsibility(scenario, state, incidentId, team);
    if (!assessed || !isStateAttributed(assessed.responsibility) || !isWrongfulAct(assessed.legalCategory)) {
      return reject(
        'NEEDS_STATE_ATTRIBUTION',
        `${action.name} needs "${incident.name}" assessed as an internationally wrongful act by state organs or agents (Healey level ${STATE_ATTRIBUTION_LEVEL}, state-ordered, or above); your assessment does not reach that.`,
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
  const optionProblem = checkOptions(scenario, state, action, draft.options);
  if (optionProblem) return optionProblem;
  const teamState = state.teams[team]!;
  if (teamState.plan.some((p) => p.action === action.id && p.incident === incident)) {
    return reject('ALREADY_TAKEN', `${action.name} is already in your plan for this round.`);
  }
  if (teamState.plan.length >= scenario.maxActionsPerRound) {
    return reject('TOO_MANY_ACTIONS', `A government can take at most ${scenario.maxActionsPerRound} decisions a round; withdraw one first.`);
  }
  const cost = draftCost(scenario, state, team, action, incident, draft.options);
  if (cost.capital > teamState.capitalLeft) {
    const extras = cost.extras.length > 0 ? ` (with ${listNames(cost.extras)})` : '';
    return reject('NOT_ENOUGH_CAPITAL', `${action.name} costs ${cost.capital} political capital${extras}; you have ${teamState.capitalLeft} left this round.`);
  }
  if (cost.intel > teamState.intelLeft) {
    return reject('NOT_ENOUGH_INTEL', `${action.name} needs ${cost.intel} intelligence capacity; you have ${teamState.intelLeft} left this round.`);
  }
  return null;
}

/** Options must be offered, must not contradict each other, and urgency must be warranted. */
function checkOptions(scenario: Scenario, state: ExerciseState, action: Action, options: ProcedureOptions | undefined): Rejection | null {
  for (const [option, chosen] of Object.entries(options ?? {})) {
    if (chosen && !action.procedures.includes(option as never)) {
      return reject('INVALID_OPTION', `${action.name} does not offer the procedural option "${option}".`);
    }
  }
  if (options?.notice && options.urgent) {
    return reject('INVALID_OPTION', 'Choose prior notice or urgency, not both: urgency is the exception to notice (ILC Art. 52(2)).');
  }
  if (options?.urgent && !urgencyWarranted(scenario, state)) {
    return reject('INVALID_OPTION', 'Urgency needs a harmful move by the adversary this round or the last, and there was none: give notice instead (ILC Art. 52).');
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
