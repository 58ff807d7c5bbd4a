/**
 * Whether a team may take an institutional step now: refer an attribution to
 * a verification body, or offer or accept mediation or arbitration. One rule
 * book for accepting drafts, showing availability and the bots (through
 * rules/decisions.ts).
 */
import { regionState } from '../machines/chart';
import type { Action, Scenario } from '../scenario/schema';
import type { ExerciseState, Rejection } from '../types';
import { reject } from './decisions';
import { disputeStage } from './readers';
import { indexOf } from './scenarioIndex';
import { say } from '../messages';

/** Stages of the dispute in which a settlement process is open or under way: no new offer until it ends. */
export const SETTLEMENT_UNDER_WAY = ['offered', 'mediation', 'seized'];

export function checkInstitutionalStep(scenario: Scenario, state: ExerciseState, action: Action, incident: string | null): Rejection | null {
  if (action.verification) return checkReferral(scenario, state, action, incident);
  if (action.dispute) return checkSettlementStep(scenario, state, action);
  return null;
}

function checkReferral(scenario: Scenario, state: ExerciseState, action: Action, incident: string | null): Rejection | null {
  const body = scenario.institutions?.verificationBodies.find((b) => b.id === action.verification);
  if (!body || !state.verifications) return reject('NOT_AVAILABLE', say('refusal.noVerificationBody', { action: action.name }));
  const open = Object.values(state.verifications).find((r) => r.body === body.id && r.incident === incident && regionState(r.chart) === 'examining');
  if (open) {
    const name = incident ? (indexOf(scenario).incidents.get(incident)?.name ?? incident) : '';
    return reject('ALREADY_TAKEN', say(body.reportAfterRounds === 1 ? 'refusal.alreadyExaminingOne' : 'refusal.alreadyExamining', { body: body.name, incident: name, rounds: body.reportAfterRounds, round: open.round }));
  }
  return null;
}

function checkSettlementStep(scenario: Scenario, state: ExerciseState, action: Action): Rejection | null {
  if (!state.dispute || !scenario.institutions?.disputeSettlement) {
    return reject('NOT_AVAILABLE', say('refusal.noDisputeSettlement', { action: action.name }));
  }
  const stage = disputeStage(state);
  if (action.dispute === 'acceptOffer') {
    if (stage !== 'offered' || state.dispute.context.offeredBy !== 'adversary') {
      return reject('NOT_AVAILABLE', say('refusal.noOfferToAccept', { adversary: scenario.adversary.name }));
    }
    return null;
  }
  if (SETTLEMENT_UNDER_WAY.includes(stage)) {
    return reject('NOT_AVAILABLE', say(stage === 'offered' ? 'refusal.settlementOnOffer' : 'refusal.settlementUnderWay', { adversary: scenario.adversary.name }));
  }
  return null;
}
