/**
 * Whether a team may take an action now, and if not, the sentence that says
 * why. Used to accept or reject commands, to show availability in a team's
 * view, and by the bots to enumerate legal moves: one rule book for all three.
 */
import { confidenceAtLeast } from '../confidence';
import { evaluate } from '../conditions';
import type { Action, Incident, Scenario, Team } from '../scenario/schema';
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
import { indexOf, legalBasisName } from './scenarioIndex';
import { say } from '../messages';

export const reject = (code: RejectionCode, message: string): Rejection => ({ ok: false, code, message });

const CONFIDENCE_WORDS = { none: 'none', low: 'low', moderate: 'moderate', high: 'high' } as const;

/** Informing oversight bodies takes political capital: briefing a committee is not a free tick. */
export const OVERSIGHT_CAPITAL = 1;
const OVERSIGHT_REASON = 'informing oversight';

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
  if (action.procedures.includes('oversight') && options?.oversight === true) extras.unshift({ capital: OVERSIGHT_CAPITAL, reason: OVERSIGHT_REASON });
  return {
    capital: action.cost.capital + extras.reduce((sum, e) => sum + e.capital, 0),
    intel: action.cost.intel,
    extras: extras.map((e) => (e.reason === OVERSIGHT_REASON ? say('part.extraOversight', { capital: e.capital }) : say('part.extraCost', { capital: e.capital, reason: e.reason }))),
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

type InstrumentTeam = Pick<Team, 'id' | 'legalBases'>;
type InstrumentAction = Pick<Action, 'availableTo' | 'legalBasis'>;

/** The action is open to the team (availableTo). */
function openTo(teamDef: InstrumentTeam, action: InstrumentAction): boolean {
  return !action.availableTo || action.availableTo.includes(teamDef.id);
}

/** The team has the action's legal basis (a team that lists none is not limited by them). */
function hasLegalBasis(teamDef: InstrumentTeam, action: InstrumentAction): boolean {
  return !action.legalBasis || teamDef.legalBases.length === 0 || teamDef.legalBases.includes(action.legalBasis);
}

/**
 * Whether the team holds the instrument at all: the action is open to it and
 * rests on a legal basis it has. Unable is not unwilling: cohesion leaves out
 * what a government has no instrument for (alignment, agreement).
 */
export function holdsInstrument(teamDef: InstrumentTeam, action: InstrumentAction): boolean {
  return openTo(teamDef, action) && hasLegalBasis(teamDef, action);
}

/** Checks that do not depend on the round's budget: can this team ever take this action on this incident now? */
export function checkAction(scenario: Scenario, state: ExerciseState, team: string, action: Action, incidentId: string | null): Rejection | null {
  const index = indexOf(scenario);
  const teamDef = index.teams.get(team);
  if (!teamDef) return reject('UNKNOWN_TEAM', say('refusal.unknownTeam', { team }));
  if (!openTo(teamDef, action)) return reject('NOT_AVAILABLE', say('refusal.notOpenTo', { action: action.name, team: teamDef.name }));
  if (!hasLegalBasis(teamDef, action)) {
    return reject('NO_LEGAL_BASIS', say('refusal.noLegalBasis', { team: teamDef.name, action: action.name, basis: legalBasisName(scenario, action.legalBasis!) }));
  }
  if (action.oncePerExercise && state.decisions.some((d) => d.team === team && d.action === action.id)) {
    return reject('ALREADY_TAKEN', say('refusal.oncePerExercise', { action: action.name }));
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
    return reject('PREREQUISITE_FAILED', action.prerequisiteText ?? say('refusal.conditionsNotMet', { action: action.name }));
  }
  return null;
}

function checkIncident(scenario: Scenario, state: ExerciseState, team: string, action: Action, incidentId: string | null): Rejection | null {
  if (!incidentId) return reject('INVALID_ARGUMENT', say('refusal.chooseIncident', { action: action.name }));
  const incident = indexOf(scenario).incidents.get(incidentId);
  if (!incident) return reject('UNKNOWN_INCIDENT', say('refusal.unknownIncident', { incident: incidentId }));
  if (!state.incidents[incidentId]?.active) return reject('NOT_AVAILABLE', say('refusal.notYetKnown', { incident: incident.name }));
  if (isEuListing(action) && !regimeCovers(incident)) {
    return reject('NOT_AVAILABLE', say('refusal.outsideEuRegime', { incident: incident.name }));
  }
  const confidence = isEuListing(action) ? councilConfidence(scenario, state, incidentId, team) : confidenceOfTeam(scenario, state, incidentId, team);
  // The attribution chart accepts a public attribution only from moderate confidence, whatever the action says;
  // saying that one is not in a position to attribute needs no confidence at all.
  const needed = action.category === 'attribution' && !action.attributionStance && !confidenceAtLeast(action.minConfidence === 'none' ? null : action.minConfidence, 'moderate') ? 'moderate' : action.minConfidence;
  if (!confidenceAtLeast(confidence, needed)) {
    return reject(
      'INSUFFICIENT_CONFIDENCE',
      isEuListing(action)
        ? say('refusal.councilCase', { action: action.name, needed, incident: incident.name, best: CONFIDENCE_WORDS[confidence ?? 'none'] })
        : say('refusal.confidence', { action: action.name, needed, incident: incident.name, held: CONFIDENCE_WORDS[confidence ?? 'none'] }),
    );
  }
  if (action.requiresStateAttribution) {
    const assessed = assessedResponsibility(scenario, state, incidentId, team);
    if (!assessed || !isStateAttributed(assessed.responsibility) || !isWrongfulAct(assessed.legalCategory)) {
      return reject(
        'NEEDS_STATE_ATTRIBUTION',
        say('refusal.stateAttribution', { action: action.name, incident: incident.name, level: STATE_ATTRIBUTION_LEVEL }),
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
  if (!action) return reject('UNKNOWN_ACTION', say('refusal.unknownAction', { action: draft.action }));
  const incident = action.targetsIncident ? (draft.incident ?? null) : null;
  const base = checkAction(scenario, state, team, action, incident);
  if (base) return base;
  const optionProblem = checkOptions(scenario, state, action, draft.options);
  if (optionProblem) return optionProblem;
  const teamState = state.teams[team]!;
  if (teamState.plan.some((p) => p.action === action.id && p.incident === incident)) {
    return reject('ALREADY_TAKEN', say('refusal.alreadyPlanned', { action: action.name }));
  }
  if (teamState.plan.length >= scenario.maxActionsPerRound) {
    return reject('TOO_MANY_ACTIONS', say('refusal.tooMany', { max: scenario.maxActionsPerRound }));
  }
  const cost = draftCost(scenario, state, team, action, incident, draft.options);
  if (cost.capital > teamState.capitalLeft) {
    const facts = { action: action.name, cost: cost.capital, left: teamState.capitalLeft };
    return reject('NOT_ENOUGH_CAPITAL', cost.extras.length > 0 ? say('refusal.capitalWithExtras', { ...facts, extras: cost.extras }) : say('refusal.capital', facts));
  }
  if (cost.intel > teamState.intelLeft) {
    return reject('NOT_ENOUGH_INTEL', say('refusal.intel', { action: action.name, cost: cost.intel, left: teamState.intelLeft }));
  }
  return null;
}

/** Options must be offered, must not contradict each other, and urgency must be warranted. */
function checkOptions(scenario: Scenario, state: ExerciseState, action: Action, options: ProcedureOptions | undefined): Rejection | null {
  for (const [option, chosen] of Object.entries(options ?? {})) {
    if (chosen && !action.procedures.includes(option as never)) {
      return reject('INVALID_OPTION', say('refusal.noSuchOption', { action: action.name, option }));
    }
  }
  if (options?.notice && options.urgent) {
    return reject('INVALID_OPTION', say('refusal.noticeOrUrgency'));
  }
  if (options?.urgent && !urgencyWarranted(scenario, state)) {
    return reject('INVALID_OPTION', say('refusal.urgencyUnwarranted'));
  }
  return null;
}

export function checkDeliberation(state: ExerciseState, team: string): Rejection | null {
  if (state.phase === 'debrief') return reject('EXERCISE_OVER', say('refusal.exerciseOver'));
  if (state.paused) return reject('PAUSED', say('refusal.paused'));
  if (state.phase !== 'deliberation') {
    return reject('WRONG_PHASE', say('refusal.wrongPhase', { phase: state.phase }));
  }
  if (state.teams[team]?.locked) return reject('ALREADY_LOCKED', say('refusal.locked'));
  return null;
}
