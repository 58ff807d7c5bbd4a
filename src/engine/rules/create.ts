/** A new exercise in the lobby: every chart at its start, nothing delivered yet. */
import { adversaryMachineFor, otherAdversaryMachine } from '../machines/adversary';
import { coalitionAttributionMachine, nationalAttributionMachine } from '../machines/attribution';
import { startChart } from '../machines/chart';
import { deEscalationMachine } from '../machines/deEscalation';
import { disputeMachine } from '../machines/dispute';
import { escalationMachine } from '../machines/escalation';
import { exerciseMachine } from '../machines/exercise';
import { dormantChannels } from './evasion';
import { seedRng } from '../random';
import { startNormsTrack } from './norms';
import { startingOpinion } from './publicOpinion';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';

export function createExercise(scenario: Scenario, seed: string): ExerciseState {
  const thresholds = scenario.evidenceThresholds;
  const attribution: ExerciseState['attribution'] = {};
  for (const incident of scenario.incidents) {
    const national: Record<string, ExerciseState['flow']> = {};
    for (const team of scenario.teams) {
      national[team.id] = startChart(nationalAttributionMachine, { evidence: team.startingEvidence[incident.id] ?? 0, thresholds });
    }
    attribution[incident.id] = { national, coalition: startChart(coalitionAttributionMachine) };
  }
  let adversary = startChart(adversaryMachineFor(scenario), { tuning: scenario.adversary.tuning });
  if (scenario.adversary.initialPosture !== 'probing') {
    adversary = { ...adversary, value: { ...(adversary.value as object), posture: scenario.adversary.initialPosture } };
  }
  const settlement = scenario.institutions?.disputeSettlement;
  const others = scenario.otherAdversaries?.length
    ? Object.fromEntries(
        scenario.otherAdversaries.map((actor) => {
          const chart = startChart(otherAdversaryMachine(actor), { tuning: actor.tuning });
          return [actor.id, actor.initialPosture === 'probing' ? chart : { ...chart, value: { ...(chart.value as object), posture: actor.initialPosture } }];
        }),
      )
    : undefined;
  return {
    formatVersion: 1,
    scenario: scenario.id,
    seed,
    rng: seedRng(seed),
    seq: 0,
    phase: 'lobby',
    paused: false,
    round: 0,
    clock: { deadline: null, remainingMs: null },
    flow: startChart(exerciseMachine),
    escalation: startChart(escalationMachine, { level: scenario.escalation.start }),
    adversary,
    // Only scenarios with further actors carry their charts, so other exercises' states (and hashes) are unchanged.
    ...(others ? { otherAdversaries: others } : {}),
    deEscalation: startChart(deEscalationMachine, { verifyRounds: scenario.adversary.tuning.verificationRounds }),
    attribution,
    sanctions: {},
    teams: Object.fromEntries(
      scenario.teams.map((t) => [t.id, { capitalLeft: t.resources.capital, intelLeft: t.resources.intel, plan: [], locked: false, shared: [], sourcesBurned: 0 }]),
    ),
    incidents: Object.fromEntries(scenario.incidents.map((i) => [i.id, { active: false, harm: 0 }])),
    indicators: Object.fromEntries(scenario.indicators.map((i) => [i.id, i.initial])),
    facts: Object.fromEntries(scenario.facts.map((f) => [f.id, f.initial])),
    injects: { delivered: [], held: [], queued: [] },
    proposals: {},
    decisions: [],
    rounds: [],
    chat: [],
    notes: [],
    timeline: [],
    redCellMove: undefined,
    hidden: { undiscoveredAccess: false, quietRounds: 0 },
    outcome: null,
    counters: { id: 0 },
    // Only scenarios with dispute settlement carry its chart, so other exercises' states (and hashes) are unchanged.
    ...((scenario.institutions?.verificationBodies.length ?? 0) > 0 ? { verifications: {} } : {}),
    ...(settlement
      ? {
          dispute: startChart(disputeMachine, {
            mediationRounds: settlement.mediationRounds,
            awardAfterRounds: settlement.awardAfterRounds,
            offerLapsesAfterRounds: settlement.offerLapsesAfterRounds,
          }),
        }
      : {}),
    // Likewise the criminal cases and requests for assistance, only where the scenario has a prosecution section.
    ...(scenario.prosecution ? { cases: {}, mla: {} } : {}),
    // And the norms track, only where the scenario has a norms section.
    ...(scenario.norms ? { norms: startNormsTrack(scenario.norms) } : {}),
    // And the evasion channels, only where the scenario has sanctions.evasion.
    ...(scenario.sanctions.evasion ? { evasion: dormantChannels(scenario.sanctions.evasion) } : {}),
    // And the publics and platform requests, only where the scenario has those sections.
    ...(scenario.publicOpinion ? { opinion: startingOpinion(scenario.publicOpinion) } : {}),
    ...(scenario.platforms ? { platformRequests: {} } : {}),
  };
}
