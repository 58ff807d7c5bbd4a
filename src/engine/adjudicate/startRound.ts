/** The start of a round: resources, campaign phase, incidents coming to light, injects. */
import { exerciseMachine } from '../machines/exercise';
import { sendToChart } from '../machines/chart';
import { campaignPhase, otherPhase } from '../rules/readers';
import { roundMinutes } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import { deliverDueInjects } from './injects';
import { refreshHiddenAccess } from './adversaryTurn';
import { say } from '../messages';

export function startRound(work: Work, round: number): void {
  const { state, scenario } = work;
  state.round = round;
  state.phase = 'deliberation';
  state.flow = sendToChart(exerciseMachine, state.flow, { type: 'BEGIN_ROUND' });
  const minutes = roundMinutes(scenario, round);
  state.clock = { deadline: work.at + minutes * 60_000, remainingMs: null };
  state.redCellMove = undefined;
  if (state.redCellOthers) delete state.redCellOthers;
  for (const team of scenario.teams) {
    const teamState = state.teams[team.id]!;
    teamState.capitalLeft = team.resources.capital;
    teamState.intelLeft = team.resources.intel;
    teamState.plan = [];
    teamState.locked = false;
  }
  const title = scenario.rounds[round - 1]?.title ?? '';
  work.log({ kind: 'phase', audience: 'all', text: title ? say('timeline.roundBegins', { round, title }) : say('timeline.roundBeginsUntitled', { round }) });
  advanceCampaign(work);
  bringIncidentsToLight(work);
  deliverDueInjects(work);
  refreshHiddenAccess(work);
}

function advanceCampaign(work: Work): void {
  const phases = work.scenario.adversary.phases;
  let current = phases.findIndex((p) => p.id === campaignPhase(work.state));
  while (current + 1 < phases.length && phases[current + 1]!.fromRound <= work.state.round) {
    work.sendAdversary({ type: 'ADVANCE_PHASE' });
    current += 1;
    work.log({ kind: 'adversary', audience: 'facilitator', text: say('timeline.campaignPhase', { phase: phases[current]!.name }) });
  }
  for (const actor of work.scenario.otherAdversaries ?? []) {
    let at = actor.phases.findIndex((p) => p.id === otherPhase(work.state, actor.id));
    while (at + 1 < actor.phases.length && actor.phases[at + 1]!.fromRound <= work.state.round) {
      work.sendOtherAdversary(actor.id, { type: 'ADVANCE_PHASE' });
      at += 1;
      work.log({ kind: 'adversary', audience: 'facilitator', text: `${actor.name} enters its ${actor.phases[at]!.name} phase.` });
    }
  }
}

function bringIncidentsToLight(work: Work): void {
  for (const incident of work.scenario.incidents) {
    if (incident.startsInRound !== work.state.round) continue;
    const state = work.state.incidents[incident.id]!;
    state.active = true;
    state.harm = Math.min(10, state.harm + incident.baseHarm);
    for (const team of incident.detectedBy) {
      work.log({ kind: 'intel', audience: { teams: [team] }, team, ref: incident.id, text: say('timeline.detected', { incident: incident.name }) });
      work.sendNational(incident.id, team, { type: 'DETECT' });
      work.addEvidence(incident.id, team, 1);
    }
  }
}
