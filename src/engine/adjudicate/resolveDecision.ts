/** Resolving one planned decision: re-check, score, then its chart events and effects. */
import { applyEffects } from '../effects';
import { coalitionStage, misled } from '../rules/readers';
import { checkAction } from '../rules/decisions';
import { decisionAudience } from '../rules/visibility';
import { teamName } from '../rules/scenarioIndex';
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
import { say } from '../messages';

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
    decision.outcome = say('outcome.didNotGoAhead', { reason: blocked.message });
  } else if (item.proposal && joint.length < minimum) {
    decision.effective = false;
    decision.outcome = say('outcome.fellThrough', { minimum, joined: joint.map((t) => teamName(scenario, t)) });
  } else {
    const substantiation = evidenceComponent(score);
    const review = reviewByOversight(scenario, item.team, action, item.options, substantiation);
    if (review?.held) {
      decision.effective = false;
      decision.heldBy = review.body;
      decision.outcome = review.outcome;
    } else if (evadedAfterNotice(work, item, action)) {
      decision.outcome = say('outcome.evaded');
    } else {
      decision.outcome = carryOut(work, item, action, joint, substantiation);
      applyEffects(work, action.effects, { team: item.team, incident: item.incident, scale: repeatScale(work, action) });
    }
    if (review && !review.held) decision.outcome = `${review.note} ${decision.outcome}`;
  }
  if (legallyExposed && decision.effective) decision.outcome += ` ${say('outcome.legallyExposed')}`;
  state.decisions.push(decision);
  // What did not go ahead stays among the governments (a failed joint proposal is not a public act).
  const audience = decisionAudience(action, item.team);
  work.log({
    kind: 'decision',
    audience: decision.effective || audience !== 'all' ? audience : { teams: work.index.teamIds },
    team: item.team,
    ref: decision.id,
    text: say('timeline.decision', { team: teamName(scenario, item.team), action: action.name, outcome: decision.outcome }),
  });
  return decision;
}

/**
 * An action's diminishing returns (action.repeatFactor): its indicator
 * changes shrink by the factor for each earlier round in which it took effect,
 * whoever took it. Rounds, not decisions: the governments that join one joint
 * statement make it once.
 */
function repeatScale(work: Work, action: Action): number {
  if (action.repeatFactor === undefined) return 1;
  const rounds = new Set(work.state.decisions.filter((d) => d.action === action.id && d.effective && d.round < work.state.round).map((d) => d.round));
  return action.repeatFactor ** rounds.size;
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
      return incident ? investigate(work, item.team, incident) : say('outcome.done');
    case 'signalling':
      if (incident) work.sendNational(incident, item.team, { type: 'PRIVATE_SIGNAL' });
      return say('outcome.signalDelivered', { incident: incidentName });
    case 'attribution':
      if (incident && action.attributionStance === 'notInAPosition') {
        work.sendNational(incident, item.team, { type: 'NOT_IN_A_POSITION' });
        return say('outcome.notInAPosition', { team: teamName(work.scenario, item.team), incident: incidentName });
      }
      return incident ? attribute(work, item, joint, incidentName) : say('outcome.done');
    case 'rollback': {
      const lifted = liftPackagesOf(work, item.team);
      if (work.state.deEscalation.value === 'rollback') work.sendDeEscalation({ type: 'ROLLBACK_DONE' });
      if (lifted === 0) return say('outcome.rolledBack');
      return say(lifted > 1 ? 'outcome.packagesLiftedMany' : 'outcome.packagesLifted', { count: lifted });
    }
    default:
      if (action.sanctions) return openOrRenewPackage(work, item, action, joint, substantiation);
      return joint.length >= 2 ? say('outcome.takenJointly', { teams: joint.map((t) => teamName(work.scenario, t)) }) : say('outcome.done');
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
    if (!def.falseFlag) return say('outcome.plantedEvidence');
    work.sendNational(incident, team, { type: 'FALSE_FLAG' });
    return say('outcome.falseFlag', { state: def.falseFlag.pointsTo, suspect: def.falseFlag.pointsTo });
  }
  const success = Math.max(0.05, 1 - def.investigationDifficulty - 0.1 * burned);
  if (work.rng.chance(success)) {
    work.addEvidence(incident, team, 2);
    if (!misled(work.state, incident, team)) return say('outcome.newEvidence');
    work.sendNational(incident, team, { type: 'CORROBORATE' });
    return say('outcome.falseFlagExposed');
  }
  return say('outcome.nothingConclusive');
}

function attribute(work: Work, item: PlannedDecision, joint: string[], incidentName: string): string {
  const incident = item.incident!;
  if (joint.length >= 2) {
    // The first participant resolved sends the joint statement; the others find it already made.
    if (coalitionStage(work.state, incident) !== 'jointlyAttributed') work.sendCoalition(incident, { type: 'JOINT_ATTRIBUTION' });
    work.sendNational(incident, item.team, { type: 'PUBLIC_ATTRIBUTION' });
    const teams = joint.map((t) => teamName(work.scenario, t));
    return coalitionStage(work.state, incident) === 'jointlyAttributed'
      ? say('outcome.jointlyAttributed', { teams, incident: incidentName })
      : say('outcome.notJointAttribution', { teams });
  }
  work.sendNational(incident, item.team, { type: 'PUBLIC_ATTRIBUTION' });
  const decoy = misled(work.state, incident, item.team) ? work.index.incidents.get(incident)!.falseFlag?.pointsTo : undefined;
  return decoy ? say('outcome.attributedToWrongState', { incident: incidentName, state: decoy }) : say('outcome.attributedPublicly', { incident: incidentName });
}
