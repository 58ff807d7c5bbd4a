/**
 * Norms of responsible state behaviour, as the rules read them: which
 * incidents and adversary moves strike a protected target, where the
 * norms-building track stands, the reputational cost it lends, and whether a
 * government may take a step of the track now (one rule book for accepting
 * drafts, showing availability and the bots, through rules/decisions.ts).
 * Grounding: docs/rules.md ("Norms: protected targets and the norms track").
 */
import { regionState, startChart } from '../machines/chart';
import { NORMS_STATES, normsMachine, type NormsStage, type NormsTimings } from '../machines/norms';
import type { Action, AdversaryMove, Norms, Scenario, TargetCategory } from '../scenario/schema';
import type { ExerciseState, NormsTrack, Rejection } from '../types';
import { reject } from './decisions';
import { say, TERMS, type TermKey } from '../messages';
import { indexOf } from './scenarioIndex';

/** What players read for each target category: a phrase of the engine's catalogue (messages/templates.ts TERMS). */
export const TARGET_TERMS: Record<TargetCategory, TermKey> = {
  health: 'targetHealth',
  energy: 'targetEnergy',
  water: 'targetWater',
  finance: 'targetFinance',
  transport: 'targetTransport',
  telecom: 'targetTelecom',
  elections: 'targetElections',
  government: 'targetGovernment',
  media: 'targetMedia',
  business: 'targetBusiness',
};

/** The same in English words. */
export const TARGET_WORDS = Object.fromEntries(Object.entries(TARGET_TERMS).map(([c, key]) => [c, TERMS[key]])) as Record<TargetCategory, string>;

/** The track's timings, from the scenario's stages. */
export function normsTimings(norms: Norms): NormsTimings {
  return {
    discussAfter: norms.stages.discussed.afterRounds,
    endorseAfter: norms.stages.endorsed.afterRounds,
    endorsers: norms.stages.endorsed.endorsers,
    reportAfter: norms.stages.reported.afterRounds,
  };
}

/** The track as a new exercise starts it: nothing raised yet. */
export function startNormsTrack(norms: Norms): NormsTrack {
  return { raised: [], endorsers: [], reports: [], heldBack: [], chart: startChart(normsMachine, normsTimings(norms)) };
}

function protectedOnly(scenario: Scenario, targets: readonly TargetCategory[]): TargetCategory[] {
  const declared = new Set(scenario.norms?.protected.map((p) => p.category) ?? []);
  return targets.filter((t) => declared.has(t));
}

/** The protected categories an incident strikes; none in a scenario without a norms section. */
export function protectedStruck(scenario: Scenario, incident: string | null): TargetCategory[] {
  if (!incident || !scenario.norms) return [];
  return protectedOnly(scenario, indexOf(scenario).incidents.get(incident)?.targets ?? []);
}

/** What a move strikes: its own targets, or those of the incidents it adds harm to. */
export function moveTargets(scenario: Scenario, move: AdversaryMove): TargetCategory[] {
  if (move.targets) return move.targets;
  const harmed = move.effects.flatMap((e) => ('harm' in e && e.add > 0 ? [e.harm] : []));
  return [...new Set(harmed.flatMap((id) => indexOf(scenario).incidents.get(id)?.targets ?? []))];
}

/** The protected categories a move strikes; none in a scenario without a norms section. */
export function moveStrikesProtected(scenario: Scenario, move: AdversaryMove): TargetCategory[] {
  return scenario.norms ? protectedOnly(scenario, moveTargets(scenario, move)) : [];
}

/** Where the norms track stands; "unraised" before any step and in scenarios without one. */
export function normsStage(state: ExerciseState): NormsStage {
  return state.norms ? (regionState(state.norms.chart) as NormsStage) : 'unraised';
}

/** Whether the track has reached the stage (the track never goes back). */
export function normsReached(state: ExerciseState, stage: NormsStage): boolean {
  return NORMS_STATES.indexOf(normsStage(state)) >= NORMS_STATES.indexOf(stage);
}

/** The adversary's reputational cost of striking a protected target as the track stands (0..1). */
export function reputationalCost(scenario: Scenario, state: ExerciseState): number {
  const stage = normsStage(state);
  if (!scenario.norms || stage === 'unraised') return 0;
  return scenario.norms.stages[stage].cost;
}

/** The violation a response answers, for proportionality: the norm, what was struck, and how much more harm it weighs. */
export function normViolation(scenario: Scenario, incident: string | null): { norm: string; struck: TermKey[]; weight: number } | null {
  const struck = protectedStruck(scenario, incident);
  if (struck.length === 0 || !scenario.norms) return null;
  return { norm: scenario.norms.norm.name, struck: struck.map((c) => TARGET_TERMS[c]), weight: scenario.norms.harmWeight };
}

export function checkNormsStep(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): Rejection | null {
  const step = action.norms;
  if (!step) return null;
  const track = state.norms;
  if (!scenario.norms || !track) return reject('NOT_AVAILABLE', say('refusal.noNormsTrack', { action: action.name }));
  const norm = scenario.norms.norm.name;
  const teamName = indexOf(scenario).teams.get(team)?.name ?? team;
  if (step === 'endorse') {
    if (normsStage(state) === 'unraised') return reject('NOT_AVAILABLE', say('refusal.nothingToEndorse', { norm }));
    return track.endorsers.includes(team) ? reject('ALREADY_TAKEN', say('refusal.alreadyEndorsed', { team: teamName, norm })) : null;
  }
  // An unknown or missing incident is refused by the incident checks.
  const def = incident ? indexOf(scenario).incidents.get(incident) : undefined;
  if (!incident || !def) return null;
  if (protectedStruck(scenario, incident).length === 0) {
    return reject('NOT_AVAILABLE', say(step === 'raise' ? 'refusal.noViolationToRaise' : 'refusal.noViolationToReport', { incident: def.name, norm }));
  }
  if (step === 'raise') {
    const forum = scenario.norms.fora.find((f) => f.id === action.forum);
    if (!forum) return reject('NOT_AVAILABLE', say('refusal.noForum', { action: action.name }));
    return track.raised.some((r) => r.forum === forum.id && r.incident === incident)
      ? reject('ALREADY_TAKEN', say('refusal.alreadyRaised', { incident: def.name, forum: forum.name }))
      : null;
  }
  return track.reports.some((r) => r.team === team && r.incident === incident)
    ? reject('ALREADY_TAKEN', say('refusal.alreadyReported', { team: teamName, incident: def.name }))
    : null;
}
