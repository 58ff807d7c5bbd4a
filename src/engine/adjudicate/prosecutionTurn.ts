/**
 * Joint investigation and prosecution, as the engine carries them out: the
 * steps governments take on a criminal case (joining the joint investigation
 * team, requests for legal assistance, indictments, warrants, the demand to
 * prosecute or extradite), and at the end of each round the answers to
 * requests, the pooling of the joint case file and the travel of the
 * indicted. Rules and grounding: docs/rules.md ("Joint investigation and
 * prosecution").
 */
import { regionState, sendToChart, startChart } from '../machines/chart';
import { caseMachine, mlaMachine, type MlaAnswer } from '../machines/prosecution';
import { applyEffects } from '../effects';
import { caseStage, evidenceOf } from '../rules/readers';
import { teamName } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import type { Action, Prosecution, RequestedState } from '../scenario/schema';
import type { MlaRequest, PlannedDecision, ProsecutionCase } from '../types';
import { deliverReport } from './injects';
import { say } from '../messages';

function prosecutionOf(work: Work): Prosecution {
  return work.scenario.prosecution!;
}

function incidentName(work: Work, incident: string): string {
  return work.index.incidents.get(incident)?.name ?? incident;
}

/** The case on the incident, opened (investigating) by the first step anyone takes on it. */
function caseOf(work: Work, incident: string): ProsecutionCase {
  const cases = work.state.cases!;
  cases[incident] ??= {
    incident,
    round: work.state.round,
    jit: [],
    file: 0,
    charged: [],
    warrant: null,
    arrestedRound: null,
    refused: false,
    chart: startChart(caseMachine),
  };
  return cases[incident];
}

function sendCase(kase: ProsecutionCase, type: 'CHARGE' | 'WARRANT' | 'SHELTER' | 'ARREST'): void {
  kase.chart = sendToChart(caseMachine, kase.chart, { type });
}

/** A government takes a step of the criminal case on the decision's incident. Returns the outcome sentence. */
export function takeProsecutionStep(work: Work, item: PlannedDecision, action: Action): string {
  const incident = item.incident!;
  const kase = caseOf(work, incident);
  const name = incidentName(work, incident);
  const who = teamName(work.scenario, item.team);
  switch (action.prosecution!) {
    case 'joinJit':
      return joinJit(work, kase, item.team);
    case 'requestMla':
      return requestAssistance(work, item, action);
    case 'indict':
      kase.charged.push(item.team);
      sendCase(kase, 'CHARGE');
      return say('case.indicted', { team: who, incident: name });
    case 'arrestWarrant':
      kase.warrant = item.team;
      sendCase(kase, 'WARRANT');
      return say('case.warrant', { team: who, incident: name });
    case 'demandProsecution':
      return refuseSafeHarbour(work, kase, item.team);
  }
}

/** A member joins the joint investigation team: its evidence goes into the one case file, and the file to every member. */
function joinJit(work: Work, kase: ProsecutionCase, team: string): string {
  if (!kase.jit.includes(team)) kase.jit.push(team);
  poolCaseFile(work, kase);
  const name = incidentName(work, kase.incident);
  if (kase.jit.length < 2) return say('case.opened', { team: teamName(work.scenario, team), incident: name });
  const members = kase.jit.map((t) => teamName(work.scenario, t));
  // The outcome becomes public with the decision: what the file holds stays with its members (their case view shows it).
  return say('case.jointTeam', { incident: name, members });
}

/**
 * One case file: it holds the best evidence any member has, and corroborates
 * and substantiates every member's steps in the case (scoring/decision.ts).
 * It is a prosecutor's file: each member's own attribution stays where its
 * own evidence puts it.
 */
function poolCaseFile(work: Work, kase: ProsecutionCase): void {
  kase.file = Math.max(kase.file, ...kase.jit.map((t) => evidenceOf(work.state, kase.incident, t)));
}

function requestedState(work: Work, id: string): RequestedState {
  return prosecutionOf(work).mla.states.find((s) => s.id === id)!;
}

function delayOf(work: Work, to: RequestedState): number {
  return to.delayRounds ?? prosecutionOf(work).mla.delayRounds;
}

function requestAssistance(work: Work, item: PlannedDecision, action: Action): string {
  const to = requestedState(work, action.requestedState!);
  const request: MlaRequest = {
    id: work.nextId('m'),
    incident: item.incident!,
    team: item.team,
    to: to.id,
    round: work.state.round,
    chart: startChart(mlaMachine, { delay: delayOf(work, to) }),
  };
  work.state.mla![request.id] = request;
  const delay = delayOf(work, to);
  const facts = { incident: incidentName(work, item.incident!), state: to.name };
  return delay === 0 ? say('mla.requestedNow', facts) : say('mla.requested', { ...facts, rounds: delay + 1 });
}

/**
 * The adversary refuses to prosecute or extradite (aut dedere aut judicare):
 * it shelters the indicted. Shielding them tells against its claim to have
 * had no part: every government gains evidence.
 */
function refuseSafeHarbour(work: Work, kase: ProsecutionCase, team: string): string {
  const harbour = prosecutionOf(work).safeHarbour;
  const adversary = work.scenario.adversary.name;
  const name = incidentName(work, kase.incident);
  kase.refused = true;
  sendCase(kase, 'SHELTER');
  for (const t of work.index.teamIds) work.addEvidence(kase.incident, t, harbour.evidence);
  applyEffects(work, harbour.onRefusal, { team, incident: kase.incident });
  const text = say('case.safeHarbour', { adversary, incident: name });
  deliverReport(work, say('title.safeHarbour', { adversary }), `${say('case.demanded', { team: teamName(work.scenario, team), adversary, incident: name })} ${text}`);
  return text;
}

/** At the end of the round: requests are answered, case files pooled, and the indicted under a warrant may travel. Returns headlines. */
export function advanceProsecution(work: Work): string[] {
  if (!work.state.cases) return [];
  const headlines: string[] = [];
  for (const request of Object.values(work.state.mla ?? {})) answerRequest(work, request);
  for (const kase of Object.values(work.state.cases)) {
    poolCaseFile(work, kase);
    travel(work, kase, headlines);
  }
  return headlines;
}

/** A request waits its delay; then the adversary refuses, and any other state grants it with its chance. */
function answerRequest(work: Work, request: MlaRequest): void {
  if (regionState(request.chart) !== 'requested') return;
  request.chart = sendToChart(mlaMachine, request.chart, { type: 'ROUND_ENDED' });
  const to = requestedState(work, request.to);
  if ((request.chart.context.rounds as number) <= delayOf(work, to)) return;
  const mla = prosecutionOf(work).mla;
  const answer: MlaAnswer = !to.adversary && work.rng.chance(to.grantChance ?? mla.grantChance) ? 'granted' : 'refused';
  request.chart = sendToChart(mlaMachine, request.chart, { type: 'ANSWER', answer });
  const name = incidentName(work, request.incident);
  if (answer === 'granted') work.addEvidence(request.incident, request.team, mla.evidence);
  const text =
    answer === 'granted'
      ? say('mla.granted', { state: to.name, incident: name, evidence: mla.evidence })
      : say(to.adversary ? 'mla.refusedOwnOfficers' : 'mla.refused', { state: to.name, incident: name });
  // Requests pass between justice ministries: the requesting government and its investigation partners hear the answer.
  const partners = [...new Set([request.team, ...(work.state.cases![request.incident]?.jit ?? [])])];
  work.log({ kind: 'intel', audience: { teams: partners }, team: request.team, ref: request.incident, text });
}

/** An indicted officer under a warrant who travels to a state that extradites is arrested there. */
function travel(work: Work, kase: ProsecutionCase, headlines: string[]): void {
  const stage = caseStage(work.state, kase.incident);
  if (!kase.warrant || (stage !== 'wanted' && stage !== 'fugitive')) return;
  const extradition = prosecutionOf(work).extradition;
  if (!work.rng.chance(extradition.travelChance)) return;
  sendCase(kase, 'ARREST');
  kase.arrestedRound = work.state.round;
  // Devices and testimony go into the case: the file, and the evidence of the governments that charged.
  for (const team of kase.charged) work.addEvidence(kase.incident, team, extradition.evidence);
  poolCaseFile(work, kase);
  if (kase.jit.length > 0) kase.file += extradition.evidence;
  applyEffects(work, extradition.onArrest, { team: kase.warrant, incident: kase.incident });
  const name = incidentName(work, kase.incident);
  const text = say('case.arrested', { incident: name, team: teamName(work.scenario, kase.warrant) });
  headlines.push(text);
  deliverReport(work, say('title.arrest', { incident: name }), text);
}
