/**
 * Platforms and vendors, as the engine carries them out: a government's
 * request (takedown, disclosure, preservation) goes to the platform; at the
 * end of each round the platform answers the requests that are due, by its
 * duties in the requesting government's jurisdiction. A disclosure gives the
 * government evidence on the incident; a takedown or a disclosure narrows
 * the adversary's reach (publicOpinion.influence). Rules and grounding:
 * docs/rules.md ("Platforms and vendors").
 */
import { regionState, sendToChart, startChart } from '../machines/chart';
import { platformRequestMachine, type PlatformAnswer } from '../machines/platforms';
import { REQUEST_TERMS, dutyFor, mustComply, platformOf } from '../rules/platforms';
import { teamName } from '../rules/scenarioIndex';
import { say } from '../messages';
import type { Work } from '../rules/work';
import type { Action, Platform } from '../scenario/schema';
import type { PlannedDecision, PlatformRequest } from '../types';

function incidentName(work: Work, incident: string): string {
  return work.index.incidents.get(incident)?.name ?? incident;
}

/** A government sends its request. Returns the outcome sentence. */
export function sendPlatformRequest(work: Work, item: PlannedDecision, action: Action): string {
  const { company, request: kind } = action.platform!;
  const platform = platformOf(work.scenario, company)!;
  const request: PlatformRequest = {
    id: work.nextId('p'),
    platform: platform.id,
    request: kind,
    incident: item.incident!,
    team: item.team,
    round: work.state.round,
    chart: startChart(platformRequestMachine, { delay: platform.answerAfterRounds }),
  };
  work.state.platformRequests![request.id] = request;
  const duty = dutyFor(platform, item.team, kind);
  const params = { team: teamName(work.scenario, item.team), platform: platform.name, request: REQUEST_TERMS[kind], incident: incidentName(work, request.incident) };
  if (!duty) return say('platform.askedNoDuty', params);
  return say(duty.duty === 'statutory' ? 'platform.askedStatutory' : 'platform.askedVoluntary', { ...params, basis: duty.basis });
}

/** At the end of the round: the platforms answer what is due. */
export function advancePlatforms(work: Work): void {
  for (const request of Object.values(work.state.platformRequests ?? {})) answer(work, request);
}

/**
 * A statutory duty obliges the platform to comply; otherwise it cooperates
 * with its chance, and a platform that does not delays once, then refuses.
 */
function answer(work: Work, request: PlatformRequest): void {
  const stage = regionState(request.chart);
  if (stage !== 'requested' && stage !== 'delayed') return;
  const platform = platformOf(work.scenario, request.platform)!;
  if (stage === 'requested') {
    request.chart = sendToChart(platformRequestMachine, request.chart, { type: 'ROUND_ENDED' });
    if ((request.chart.context.rounds as number) <= platform.answerAfterRounds) return;
  }
  const complies = mustComply(platform, request.team, request.request) || work.rng.chance(platform.cooperateChance);
  const result: PlatformAnswer = complies ? (request.request === 'disclosure' ? 'disclosed' : 'cooperating') : stage === 'requested' ? 'delayed' : 'refused';
  request.chart = sendToChart(platformRequestMachine, request.chart, { type: 'ANSWER', answer: result });
  const text = complies ? comply(work, platform, request) : answerText(work, platform, request, result);
  work.log({ kind: 'intel', audience: { teams: [request.team] }, team: request.team, ref: request.incident, text });
}

function comply(work: Work, platform: Platform, request: PlatformRequest): string {
  const name = incidentName(work, request.incident);
  const holds = platform.incidents.includes(request.incident);
  if (request.request === 'preservation') return say('platform.preserves', { platform: platform.name, incident: name });
  if (holds) narrowReach(work, request.incident, platform.reachCut);
  if (request.request === 'takedown') {
    return holds
      ? say('platform.takesDown', { platform: platform.name, incident: name, cut: platform.reachCut })
      : say('platform.nothingToTakeDown', { platform: platform.name, incident: name });
  }
  if (!holds) return say('platform.holdsNothing', { platform: platform.name, incident: name });
  const points = platform.evidence + (wasPreserved(work, request) ? 1 : 0);
  work.addEvidence(request.incident, request.team, points);
  return say('platform.discloses', { platform: platform.name, incident: name, points, cut: platform.reachCut });
}

/** Data preserved earlier at the government's request is still there to disclose in full. */
function wasPreserved(work: Work, request: PlatformRequest): boolean {
  return Object.values(work.state.platformRequests!).some(
    (r) => r.team === request.team && r.platform === request.platform && r.incident === request.incident && r.request === 'preservation' && regionState(r.chart) === 'cooperating',
  );
}

function answerText(work: Work, platform: Platform, request: PlatformRequest, result: PlatformAnswer): string {
  const params = { platform: platform.name, request: REQUEST_TERMS[request.request], incident: incidentName(work, request.incident) };
  return say(result === 'delayed' ? 'platform.delayed' : 'platform.declines', params);
}

/** What platforms cut stays cut: the reach of the operation is recomputed from it each round (adjudicate/opinionTurn.ts). */
function narrowReach(work: Work, incident: string, cut: number): void {
  const opinion = work.state.opinion;
  if (!opinion || !work.scenario.publicOpinion?.influence?.incidents.includes(incident)) return;
  opinion.narrowed[incident] = (opinion.narrowed[incident] ?? 0) + cut;
  if (opinion.reach[incident] !== undefined) opinion.reach[incident] = Math.max(0, opinion.reach[incident] - cut);
}
