/** Resolving one planned decision: re-check, score, then its chart events and effects. */
import { applyEffects } from '../effects';
import { coalitionStage, misled } from '../rules/readers';
import { checkAction } from '../rules/decisions';
import { decisionAudience } from '../rules/visibility';
import { listNames, teamName } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import { evidenceComponent, proportionalityOf } from '../scoring/decision';
import type { Action } from '../scenario/schema';
import type { PlannedDecision, ResolvedDecision } from '../types';
import { openOrRenewPackage, liftPackagesOf } from './sanctionsTurn';
import { referToBody, takeSettlementStep } from './institutionsTurn';
import { reviewByOversight } from '../rules/oversight';
import { takeProsecutionStep } from './prosecutionTurn';
import { takeNormsStep } from './normsTurn';
import { takeEvasionStep } from './evasionTurn';
import { sendPlatformRequest } from './platformsTurn';

export function resolveDecision(work: Work, item: PlannedDecision, joint: string[]): ResolvedDecision {
  const { scenario, state } = work;
  const action = work.index.actions.get(item.action)!;
  const { score, legallyExposed } = proportionalityOf(scenario, state, item.team, action, item.incident, item.options);
  const decision: ResolvedDecision = {
    id: item.id,
    round: state.round,
    team: item.team,
    action: item.action,
    incident: item.incident,
    options: item.options,
    rationale: item.rationale,
    joint,
    effective: true,
    outcome: '',
    proportionality: score,
    legallyExposed,
    overridden: null,
    at: item.at,
  };
  // Conditions may have changed since the draft (evidence shared, a false flag): check again.
  const blocked = checkAction(scenario, state, item.team, action, item.incident);
  const minimum = action.jointMinimum ?? (item.proposal ? 2 : 1);
  if (blocked) {
    decision.effective = false;
    decision.outcome = `Did not go ahead: ${blocked.message}`;
  } else if (item.proposal && joint.length < minimum) {
    decision.effective = false;
    decision.outcome = `Fell through: it needed ${minimum} governments and only ${listNames(joint.map((t) => teamName(scenario, t)))} joined.`;
  } else {
    const substantiation = evidenceComponent(score);
    const review = reviewByOversight(scenario, item.team, action, item.options, substantiation);
    if (review?.held) {
      decision.effective = false;
      decision.heldBy = review.body;
      decision.outcome = review.outcome;
    } else if (evadedAfterNotice(work, item, action)) {
      decision.outcome = 'Notice was given, and the adversary moved its infrastructure before the measure landed: it hit little.';
    } else {
      decision.outcome = carryOut(work, item, action, joint, substantiation);
      applyEffects(work, action.effects, { team: item.team, incident: item.incident });
    }
    if (review && !review.held) decision.outcome = `${review.note} ${decision.outcome}`;
  }
  if (legallyExposed && decision.effective) decision.outcome += ' It is legally exposed and may be challenged.';
  state.decisions.push(decision);
  // What did not go ahead stays among the governments (a failed joint proposal is not a public act).
  const audience = decisionAudience(action, item.team);
  work.log({
    kind: 'decision',
    audience: decision.effective || audience !== 'all' ? audience : { teams: work.index.teamIds },
    team: item.team,
    ref: decision.id,
    text: `${teamName(scenario, item.team)}: ${action.name}. ${decision.outcome}`,
  });
  return decision;
}

/** Notice of a countermeasure (ILC Art. 52(1)) gives the adversary a chance to evade it: the price of lawful procedure. */
function evadedAfterNotice(work: Work, item: PlannedDecision, action: Action): boolean {
  if (action.responseType !== 'countermeasure' || !item.options.notice) return false;
  return work.rng.chance(work.scenario.adversary.tuning.evasionAfterNotice);
}

/** What the action's category does by itself, before the scenario's own effects. Returns the outcome sentence. */
function carryOut(work: Work, item: PlannedDecision, action: Action, joint: string[], substantiation: number): string {
  const incident = item.incident;
  const incidentName = incident ? (work.index.incidents.get(incident)?.name ?? incident) : '';
  // Institutional steps do what the institution does, whatever their category.
  if (action.verification && incident) return referToBody(work, item, action);
  if (action.dispute) return takeSettlementStep(work, item, action);
  if (action.prosecution && incident) return takeProsecutionStep(work, item, action);
  if (action.norms) return takeNormsStep(work, item, action);
  if (action.evasion) return takeEvasionStep(work, item, action, joint);
  if (action.platform && incident) return sendPlatformRequest(work, item, action);
  switch (action.category) {
    case 'investigate':
      return incident ? investigate(work, item.team, incident) : 'Done.';
    case 'signalling':
      if (incident) work.sendNational(incident, item.team, { type: 'PRIVATE_SIGNAL' });
      return `A private message on "${incidentName}" was delivered.`;
    case 'attribution':
      if (incident && action.attributionStance === 'notInAPosition') {
        work.sendNational(incident, item.team, { type: 'NOT_IN_A_POSITION' });
        return `${teamName(work.scenario, item.team)} said in public that it is not in a position to attribute "${incidentName}" at this time.`;
      }
      return incident ? attribute(work, item, joint, incidentName) : 'Done.';
    case 'rollback': {
      const lifted = liftPackagesOf(work, item.team);
      if (work.state.deEscalation.value === 'rollback') work.sendDeEscalation({ type: 'ROLLBACK_DONE' });
      return lifted > 0 ? `${lifted} sanctions package${lifted > 1 ? 's' : ''} lifted.` : 'Measures rolled back.';
    }
    default:
      if (action.sanctions) return openOrRenewPackage(work, item, action, joint, substantiation);
      return joint.length >= 2 ? `Taken jointly by ${listNames(joint.map((t) => teamName(work.scenario, t)))}.` : 'Done.';
  }
}

/**
 * An investigation finds evidence unless the trail is cold; burned sources
 * make it harder. Planted evidence sets the assessment back, and where the
 * incident carries a false flag it points the government at the wrong state
 * until new evidence corrects it.
 */
function investigate(work: Work, team: string, incident: string): string {
  const def = work.index.incidents.get(incident)!;
  const burned = work.state.teams[team]!.sourcesBurned;
  if (work.rng.chance(def.deceptionRisk)) {
    work.addEvidence(incident, team, -1);
    if (!def.falseFlag) return 'The trail led to planted evidence: a false flag that set the assessment back.';
    work.sendNational(incident, team, { type: 'FALSE_FLAG' });
    return `The trail led to evidence pointing to ${def.falseFlag.pointsTo}: your analysts now judge it likely that ${def.falseFlag.pointsTo} is responsible.`;
  }
  const success = Math.max(0.05, 1 - def.investigationDifficulty - 0.1 * burned);
  if (work.rng.chance(success)) {
    work.addEvidence(incident, team, 2);
    if (!misled(work.state, incident, team)) return 'The investigation found new evidence.';
    work.sendNational(incident, team, { type: 'CORROBORATE' });
    return 'The investigation found new evidence, and it contradicts the planted trail: the false flag is exposed.';
  }
  return 'The investigation found nothing conclusive this round.';
}

function attribute(work: Work, item: PlannedDecision, joint: string[], incidentName: string): string {
  const incident = item.incident!;
  if (joint.length >= 2) {
    // The first participant resolved sends the joint statement; the others find it already made.
    if (coalitionStage(work.state, incident) !== 'jointlyAttributed') work.sendCoalition(incident, { type: 'JOINT_ATTRIBUTION' });
    work.sendNational(incident, item.team, { type: 'PUBLIC_ATTRIBUTION' });
    const names = listNames(joint.map((t) => teamName(work.scenario, t)));
    return coalitionStage(work.state, incident) === 'jointlyAttributed'
      ? `${names} jointly attributed "${incidentName}".`
      : `${names} spoke together, but without a shared evidentiary record and two governments at moderate confidence it is not a joint attribution.`;
  }
  work.sendNational(incident, item.team, { type: 'PUBLIC_ATTRIBUTION' });
  const decoy = misled(work.state, incident, item.team) ? work.index.incidents.get(incident)!.falseFlag?.pointsTo : undefined;
  return decoy ? `"${incidentName}" attributed publicly to ${decoy}: the wrong state, as the planted evidence intended.` : `"${incidentName}" attributed publicly.`;
}
