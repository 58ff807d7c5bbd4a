/**
 * The institutions of a legitimate response, as the engine carries them out:
 * referrals to verification bodies and their reports; offers of mediation or
 * arbitration, the adversary's answers, the tribunal's award. Rules and
 * grounding: docs/rules.md ("Verification and dispute settlement").
 */
import { regionState, sendToChart, startChart } from '../machines/chart';
import { verificationMachine, type Finding } from '../machines/verification';
import type { Award, DisputeContext, Process } from '../machines/dispute';
import { applyEffects } from '../effects';
import { isStateAttributed, isWrongfulAct } from '../rules/law';
import { attributedInPublic, disputeStage, misled, posture } from '../rules/readers';
import { teamName } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import { RESPONSIBILITY_LEVELS, type Action, type Incident, type VerificationBody } from '../scenario/schema';
import type { PlannedDecision, VerificationRequest } from '../types';
import { deliverReport } from './injects';
import { say, type MessageKey } from '../messages';

const FINDING_SENTENCES: Record<Finding, MessageKey> = {
  confirmed: 'verification.confirmed',
  qualified: 'verification.qualified',
  contradicted: 'verification.contradicted',
};

function incidentName(work: Work, incident: string | null): string {
  return incident ? (work.index.incidents.get(incident)?.name ?? incident) : 'the campaign';
}

function bodyOf(work: Work, id: string): VerificationBody {
  return work.scenario.institutions!.verificationBodies.find((b) => b.id === id)!;
}

/** A government asks a verification body to examine its attribution of an incident. Returns the outcome sentence. */
export function referToBody(work: Work, item: PlannedDecision, action: Action): string {
  const body = bodyOf(work, action.verification!);
  const incident = item.incident!;
  const decoy = misled(work.state, incident, item.team) ? work.index.incidents.get(incident)?.falseFlag?.pointsTo : undefined;
  const request: VerificationRequest = {
    id: work.nextId('v'),
    body: body.id,
    incident,
    team: item.team,
    round: work.state.round,
    claim: decoy ?? work.scenario.adversary.name,
    chart: startChart(verificationMachine, { reportAfter: body.reportAfterRounds }),
  };
  work.state.verifications![request.id] = request;
  work.log({
    kind: 'attribution',
    audience: 'all',
    team: item.team,
    ref: request.id,
    text: say(body.reportAfterRounds === 1 ? 'verification.asksOne' : 'verification.asks', {
      team: teamName(work.scenario, item.team),
      body: body.name,
      incident: incidentName(work, incident),
      claim: request.claim,
      rounds: body.reportAfterRounds,
    }),
  });
  return say(body.reportAfterRounds === 1 ? 'verification.referredOne' : 'verification.referred', { body: body.name, incident: incidentName(work, incident), claim: request.claim, rounds: body.reportAfterRounds });
}

/** A government offers mediation or arbitration to the adversary, or accepts the adversary's offer. Returns the outcome sentence. */
export function takeSettlementStep(work: Work, item: PlannedDecision, action: Action): string {
  const settlement = work.scenario.institutions!.disputeSettlement!;
  const adversary = work.scenario.adversary.name;
  if (action.dispute === 'acceptOffer') {
    const process = work.state.dispute!.context.process as Process;
    work.sendDispute({ type: 'ACCEPT', party: item.team });
    return process === 'mediation' ? openMediation(work) : seizeTribunal(work);
  }
  const process: Process = action.dispute === 'offerMediation' ? 'mediation' : 'arbitration';
  if (disputeStage(work.state) === 'offered') return say('dispute.alreadyOffered', { adversary, process: String(work.state.dispute!.context.process) });
  work.sendDispute({ type: 'OFFER', process, by: 'coalition', party: item.team, incident: item.incident });
  const forum = process === 'mediation' ? settlement.mediator : settlement.tribunal;
  work.log({ kind: 'sanctions', audience: 'all', team: item.team, text: say('dispute.offers', { team: teamName(work.scenario, item.team), adversary, process, forum }) });
  return say(process === 'mediation' ? 'dispute.mediationOffered' : 'dispute.arbitrationOffered', { forum, adversary });
}

/** The adversary offers settlement (an effect of its move or of an inject). */
export function adversaryOffers(work: Work, process: Process, incident: string | null): void {
  const stage = disputeStage(work.state);
  if (!work.state.dispute || ['offered', 'mediation', 'seized'].includes(stage)) return;
  work.sendDispute({ type: 'OFFER', process, by: 'adversary', incident });
  const adversary = work.scenario.adversary.name;
  const settlement = work.scenario.institutions!.disputeSettlement!;
  deliverReport(
    work,
    say('title.adversaryOffers', { adversary, process }),
    process === 'mediation'
      ? say('dispute.adversaryProposesMediation', { adversary, forum: settlement.mediator })
      : say('dispute.adversaryProposesArbitration', { adversary, forum: settlement.tribunal }),
  );
}

function openMediation(work: Work): string {
  const mediator = work.scenario.institutions!.disputeSettlement!.mediator;
  // The mediator carries messages both ways: a back channel opens and talks begin.
  work.sendDeEscalation({ type: 'OPEN_CHANNEL' });
  work.sendDeEscalation({ type: 'ACK' });
  const text = say('dispute.mediationBegins', { mediator, adversary: work.scenario.adversary.name });
  work.log({ kind: 'sanctions', audience: 'all', text });
  return text;
}

function seizeTribunal(work: Work): string {
  const tribunal = work.scenario.institutions!.disputeSettlement!.tribunal;
  const text = say('dispute.tribunalSeized', { tribunal, adversary: work.scenario.adversary.name });
  work.log({ kind: 'sanctions', audience: 'all', text });
  return text;
}

/** At the end of the round: the adversary answers offers, the tribunal and the verification bodies work. Returns headlines. */
export function advanceInstitutions(work: Work, harmful: boolean): string[] {
  const headlines: string[] = [];
  if (work.state.dispute) advanceDispute(work, harmful, headlines);
  for (const request of Object.values(work.state.verifications ?? {})) advanceRequest(work, request, headlines);
  return headlines;
}

function advanceDispute(work: Work, harmful: boolean, headlines: string[]): void {
  const settlement = work.scenario.institutions!.disputeSettlement!;
  const adversary = work.scenario.adversary.name;
  const context = () => work.state.dispute!.context as unknown as DisputeContext;
  const announce = (text: string) => {
    headlines.push(text);
    work.log({ kind: 'sanctions', audience: 'all', text });
  };
  let stage = disputeStage(work.state);
  if (stage === 'offered' && context().offeredBy === 'coalition' && context().rounds === 0) {
    const process = context().process!;
    const willing = ['deterred', 'deEscalating'].includes(posture(work.state)) ? 2 : 1;
    if (work.rng.chance(Math.min(1, settlement.acceptChance[process] * willing))) {
      work.sendDispute({ type: 'ACCEPT' });
      announce(`${say('dispute.accepts', { adversary, process })} ${process === 'mediation' ? openMediation(work) : seizeTribunal(work)}`);
    } else {
      work.sendDispute({ type: 'REFUSE' });
      announce(say('dispute.refuses', { adversary, process }));
    }
  } else if (stage === 'seized' && harmful && context().goodFaith) {
    work.sendDispute({ type: 'BAD_FAITH' });
    announce(say('dispute.badFaith', { adversary }));
  }
  stage = disputeStage(work.state);
  work.sendDispute({ type: 'ROUND_ENDED' });
  const after = disputeStage(work.state);
  if (stage === 'offered' && after === 'refused') announce(say('dispute.lapsed', { process: String(context().process) }));
  if (stage === 'mediation' && after === 'mediated') announce(say('dispute.mediationCloses', { mediator: settlement.mediator }));
  if (after === 'seized' && context().rounds >= settlement.awardAfterRounds) {
    const award = awardOf(work, context().incident);
    work.sendDispute({ type: 'AWARD', award });
    announce(applyAward(work, award, context().incident));
  }
}

/** The tribunal upholds the claim when the conduct was a wrongful act attributable to the adversary. */
function awardOf(work: Work, incident: string | null): Award {
  const attributable = (i: Incident) => isStateAttributed(RESPONSIBILITY_LEVELS.indexOf(i.responsibility) + 1) && isWrongfulAct(i.legalCategory);
  const claims = incident ? [work.index.incidents.get(incident)!] : work.scenario.incidents.filter((i) => work.state.incidents[i.id]?.active);
  return claims.some(attributable) ? 'upheld' : 'dismissed';
}

function applyAward(work: Work, award: Award, incident: string | null): string {
  const tribunal = work.scenario.institutions!.disputeSettlement!.tribunal;
  const subject = incidentName(work, incident);
  if (incident) settleEvidence(work, incident, award === 'upheld' ? 'confirmed' : 'contradicted', 2);
  const params = { tribunal, incident: subject, adversary: work.scenario.adversary.name };
  if (award === 'upheld') return say(incident ? 'dispute.upheld' : 'dispute.upheldCampaign', params);
  return say(incident ? 'dispute.dismissed' : 'dispute.dismissedCampaign', params);
}

function advanceRequest(work: Work, request: VerificationRequest, headlines: string[]): void {
  if (regionState(request.chart) !== 'examining') return;
  const body = bodyOf(work, request.body);
  request.chart = sendToChart(verificationMachine, request.chart, { type: 'ROUND_ENDED' });
  if ((request.chart.context.rounds as number) < body.reportAfterRounds) return;
  const finding = findingOf(work, request, body);
  request.chart = sendToChart(verificationMachine, request.chart, { type: 'REPORT', finding });
  const againstDecoy = request.claim !== work.scenario.adversary.name;
  const decoyExposed = againstDecoy && finding === 'contradicted';
  if (decoyExposed) exposeFalseFlag(work, request.incident);
  else if (!againstDecoy) settleEvidence(work, request.incident, finding, body.evidence);
  applyEffects(work, finding === 'confirmed' ? body.onConfirm : finding === 'qualified' ? body.onQualify : body.onContradict, { team: null, incident: request.incident });
  const title = say('title.verificationReport', { body: body.name, incident: incidentName(work, request.incident) });
  const text = say(decoyExposed ? 'verification.planted' : FINDING_SENTENCES[finding], { body: body.name, claim: request.claim });
  headlines.push(text);
  deliverReport(work, title, text);
}

/**
 * What the body can find: a firm finding (confirm or contradict) where the
 * facts allow one, with its reliability; otherwise, or when it cannot reach
 * one, it qualifies. A claim against the decoy of a false flag is contradicted.
 */
function findingOf(work: Work, request: VerificationRequest, body: VerificationBody): Finding {
  const def = work.index.incidents.get(request.incident)!;
  const level = RESPONSIBILITY_LEVELS.indexOf(def.responsibility) + 1;
  let firm: Finding;
  if (request.claim !== work.scenario.adversary.name) firm = 'contradicted';
  else if (isStateAttributed(level)) firm = 'confirmed';
  // Encouraged, shaped or coordinated by the state: involvement, short of the direction or control that attributes conduct (ILC Art. 8).
  else if (level >= 4) return 'qualified';
  else firm = 'contradicted';
  return work.rng.chance(body.reliability) ? firm : 'qualified';
}

/** A public finding moves everyone's evidence: a confirmation adds to every government's; a contradiction takes from those who attributed in public. */
function settleEvidence(work: Work, incident: string, finding: Finding, points: number): void {
  if (finding === 'confirmed') for (const team of work.index.teamIds) work.addEvidence(incident, team, points);
  if (finding === 'contradicted') {
    for (const team of work.index.teamIds) if (attributedInPublic(work.state, incident, team)) work.addEvidence(incident, team, -points);
  }
}

function exposeFalseFlag(work: Work, incident: string): void {
  for (const team of work.index.teamIds) if (misled(work.state, incident, team)) work.sendNational(incident, team, { type: 'CORROBORATE' });
}


