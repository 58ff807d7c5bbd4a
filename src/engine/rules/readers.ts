/** Reading derived facts from the exercise state: one place for each. */
import { CONFIDENCE_RANK, confidenceOf, type Likelihood } from '../confidence';
import { regionState } from '../machines/chart';
import type { ConfidenceLevel, Scenario } from '../scenario/schema';
import { RESPONSIBILITY_LEVELS } from '../scenario/schema';
import type { ExerciseState, Posture } from '../types';
import { indexOf } from './scenarioIndex';

export function evidenceOf(state: ExerciseState, incident: string, team: string): number {
  return (state.attribution[incident]?.national[team]?.context.evidence as number | undefined) ?? 0;
}

export function confidenceOfTeam(scenario: Scenario, state: ExerciseState, incident: string, team: string): ConfidenceLevel | null {
  return confidenceOf(evidenceOf(state, incident, team), scenario.evidenceThresholds);
}

export function attributionStage(state: ExerciseState, incident: string, team: string): string {
  const chart = state.attribution[incident]?.national[team];
  return chart ? regionState(chart) : 'unknown';
}

export function coalitionStage(state: ExerciseState, incident: string): string {
  const chart = state.attribution[incident]?.coalition;
  return chart ? regionState(chart) : 'idle';
}

/** Whether the government follows a false flag on the incident, suspecting the wrong state. */
export function misled(state: ExerciseState, incident: string, team: string): boolean {
  return state.attribution[incident]?.national[team]?.context.misled === true;
}

/**
 * The government's likelihood judgement (ICD 203), kept apart from its
 * confidence: whom it suspects, and how likely it judges that state
 * responsible. The incident's band once confidence is moderate, "roughly
 * even" at low confidence; a false flag makes the decoy "likely". Null
 * before any assessment.
 */
export function likelihoodOf(scenario: Scenario, state: ExerciseState, incident: string, team: string): { suspect: string; likelihood: Likelihood } | null {
  const def = indexOf(scenario).incidents.get(incident);
  const confidence = confidenceOfTeam(scenario, state, incident, team);
  if (!def || confidence === null) return null;
  if (def.falseFlag && misled(state, incident, team)) return { suspect: def.falseFlag.pointsTo, likelihood: 'likely' };
  const actor = def.actor ? scenario.otherAdversaries?.find((a) => a.id === def.actor) : undefined;
  return { suspect: actor?.name ?? scenario.adversary.name, likelihood: confidence === 'low' ? 'roughlyEven' : def.likelihood };
}

/** What a government believes about state responsibility: the truth once its confidence is moderate and no false flag misleads it, else nothing. */
export function assessedResponsibility(scenario: Scenario, state: ExerciseState, incident: string, team: string) {
  const truth = indexOf(scenario).incidents.get(incident);
  const confidence = confidenceOfTeam(scenario, state, incident, team);
  if (!truth || (confidence !== 'moderate' && confidence !== 'high') || misled(state, incident, team)) return null;
  return {
    responsibility: RESPONSIBILITY_LEVELS.indexOf(truth.responsibility) + 1,
    responsibilityLabel: truth.responsibility,
    legalCategory: truth.legalCategory,
  };
}

export function escalationLevel(state: ExerciseState): number {
  return state.escalation.context.level as number;
}

export function posture(state: ExerciseState): Posture {
  return regionState(state.adversary, 'posture') as Posture;
}

export function campaignPhase(state: ExerciseState): string {
  return regionState(state.adversary, 'phase');
}

export function deEscalationStage(state: ExerciseState): string {
  return regionState(state.deEscalation);
}

export function latestCohesion(state: ExerciseState): number {
  return state.rounds.at(-1)?.cohesion.value ?? 100;
}

export function cumulativeHarm(state: ExerciseState): number {
  return Object.values(state.incidents).reduce((sum, incident) => sum + incident.harm, 0);
}

/**
 * The actor a response is aimed at: the further actor behind its incident, or
 * null for the primary adversary (a response aimed at the whole campaign, with
 * no incident, is aimed at the primary adversary). The one rule for it: each
 * actor reacts to the responses aimed at it, and a response answers only the
 * harm of the incidents of the actor it is aimed at.
 */
export function incidentActor(scenario: Scenario, incident: string | null | undefined): string | null {
  if (!incident || !scenario.otherAdversaries) return null;
  const actor = indexOf(scenario).incidents.get(incident)?.actor;
  return actor && scenario.otherAdversaries.some((a) => a.id === actor) ? actor : null;
}

/**
 * Harm on the 0-10 scale that a response is measured against: its incident's,
 * or, when it answers none, the whole campaign's: the primary adversary's
 * incidents, at which such a response is aimed (incidentActor).
 */
export function harmFor(scenario: Scenario, state: ExerciseState, incident: string | null): number {
  if (incident) return Math.min(10, state.incidents[incident]?.harm ?? 0);
  const primary = Object.entries(state.incidents).filter(([id]) => incidentActor(scenario, id) === null);
  return Math.min(10, primary.reduce((sum, [, incident]) => sum + incident.harm, 0));
}

/**
 * Whether urgency can be invoked (ILC Art. 52(2)): the adversary did harm this
 * round (an incident came to light) or in the last (a harmful move).
 */
export function urgencyWarranted(scenario: Scenario, state: ExerciseState): boolean {
  const index = indexOf(scenario);
  const recent = (round: number) => round >= state.round - 1;
  const newIncident = scenario.incidents.some((i) => i.baseHarm > 0 && recent(i.startsInRound) && state.incidents[i.id]?.active);
  const harmfulMove = state.rounds.some(
    (r) => recent(r.round) && r.adversaryMoves.some((m) => index.moves.get(m.move)?.effects.some((e) => 'harm' in e && e.add > 0)),
  );
  return newIncident || harmfulMove;
}

/** The wrong goes on until the adversary's cessation has been verified in talks (ILC Art. 53). */
export function wrongOngoing(state: ExerciseState): boolean {
  return !['rollback', 'normalised'].includes(deEscalationStage(state));
}

/** Whether another government holds moderate confidence or more on the incident: a corroborated basis. */
export function corroborated(scenario: Scenario, state: ExerciseState, incident: string, team: string): boolean {
  return indexOf(scenario).teamIds.some((other) => other !== team && CONFIDENCE_RANK[confidenceOfTeam(scenario, state, incident, other) ?? 'none'] >= CONFIDENCE_RANK.moderate);
}

/** Whether the attribution of the incident is public: this government's own, or a joint one. */
export function attributedInPublic(state: ExerciseState, incident: string, team: string): boolean {
  return attributionStage(state, incident, team) === 'attributedPublicly' || coalitionStage(state, incident) === 'jointlyAttributed';
}

export function publicResponses(scenario: Scenario, state: ExerciseState): number {
  const actions = indexOf(scenario).actions;
  return state.decisions.filter((d) => (actions.get(d.action)?.rung ?? 0) >= 2).length;
}

/** The stage of the dispute-settlement chart; "none" in scenarios without one. */
export function disputeStage(state: ExerciseState): string {
  return state.dispute ? regionState(state.dispute) : 'none';
}

/**
 * Whether the dispute's tribunal suspends countermeasures: it is seized and
 * the adversary takes part in good faith (ILC Art. 52(3)(b), (4)).
 */
export function tribunalSitting(state: ExerciseState): boolean {
  return disputeStage(state) === 'seized' && state.dispute?.context.goodFaith === true;
}

/** The stage of the latest request to verify the attribution of this incident, or "none". */
export function verificationStage(state: ExerciseState, incident: string): string {
  const requests = Object.values(state.verifications ?? {}).filter((r) => r.incident === incident);
  const latest = requests.at(-1);
  return latest ? regionState(latest.chart) : 'none';
}

/**
 * Whether an independent finding establishes the attribution of the incident:
 * a verification body confirmed it, or the tribunal upheld the claim. Like a
 * case file, it substantiates a statement of reasons.
 */
export function independentlyEstablished(state: ExerciseState, incident: string): boolean {
  const confirmed = Object.values(state.verifications ?? {}).some((r) => r.incident === incident && regionState(r.chart) === 'confirmed');
  const upheld = disputeStage(state) === 'awarded' && state.dispute?.context.award === 'upheld' && state.dispute.context.incident === incident;
  return confirmed || upheld;
}

/** Whether the facilitator dropped the team before the start: it takes no part, and its code seats no one. */
export function isDropped(state: ExerciseState, team: string | null): boolean {
  return team !== null && state.teams[team]?.absent === true;
}

/** The stage of the criminal case on this incident (machines/prosecution.ts), or "none" before any step. */
export function caseStage(state: ExerciseState, incident: string): string {
  const kase = state.cases?.[incident];
  return kase ? regionState(kase.chart) : 'none';
}

/**
 * Whether the team works from a joint case file on the incident: it is a
 * member of a joint investigation team with at least one ally. The pooled
 * file corroborates its evidence and, like a prosecutor's file, substantiates
 * its statements of reasons.
 */
export function inJointCaseFile(state: ExerciseState, incident: string, team: string): boolean {
  const jit = state.cases?.[incident]?.jit ?? [];
  return jit.length >= 2 && jit.includes(team);
}

/** A further actor's posture (scenario.otherAdversaries), or null for an unknown actor. */
export function otherPosture(state: ExerciseState, actor: string): Posture | null {
  const chart = state.otherAdversaries?.[actor];
  return chart ? (regionState(chart, 'posture') as Posture) : null;
}

/** A further actor's campaign phase, or null for an unknown actor. */
export function otherPhase(state: ExerciseState, actor: string): string | null {
  const chart = state.otherAdversaries?.[actor];
  return chart ? regionState(chart, 'phase') : null;
}
