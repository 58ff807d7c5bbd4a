/**
 * Resolving a round, in a fixed order so that the same state and generator
 * always give the same result:
 *   1. each team's decisions, teams in scenario order, plans in drafting order
 *   2. coalition cohesion for the round
 *   3. the adversary's reaction, then its moves
 *   4. sanctions packages, verification bodies, dispute settlement, criminal cases, the norms track,
 *      evasion channels, platform requests, the publics and de-escalation move on
 *   5. the escalation ladder
 *   6. end conditions
 */
import { evaluate } from '../conditions';
import { exerciseMachine } from '../machines/exercise';
import { sendToChart } from '../machines/chart';
import { postureAlignment, scoreCohesion, type CohesionDefection, type CohesionInput } from '../scoring/cohesion';
import { attributionStage, confidenceOfTeam, deEscalationStage, incidentActor, posture } from '../rules/readers';
import { teamName } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import type { JointProposal, ResolvedDecision, RoundResult } from '../types';
import { playMoves, reactToRound, refreshHiddenAccess } from './adversaryTurn';
import { playOthers } from './othersTurn';
import { holdsInstrument } from '../rules/decisions';
import { isSecretCategory } from '../rules/visibility';
import { resolveDecision } from './resolveDecision';
import { advanceSanctions, packagesInForce } from './sanctionsTurn';
import { advanceInstitutions } from './institutionsTurn';
import { advanceProsecution } from './prosecutionTurn';
import { advanceNorms, normVotes } from './normsTurn';
import { advanceEvasion, evasionCohesion, evasionDrag } from './evasionTurn';
import { advancePlatforms } from './platformsTurn';
import { advanceOpinion } from './opinionTurn';
import { SPILLOVER_VALUES, effectiveSeverity, wrongsItsTarget } from '../scoring/proportionality';
import { secondaryMeasure } from '../scoring/evasion';
import { say } from '../messages';

export function resolveRound(work: Work): void {
  const { state } = work;
  const escalationBefore = work.escalation();
  const postureBefore = posture(state);
  const roundProposals = Object.values(state.proposals).filter((p) => p.round === state.round);
  const defections: CohesionDefection[] = [];

  const resolved = resolvePlans(work, roundProposals, defections);
  const effective = resolved.filter((d) => d.effective);

  const enforcement = evasionCohesion(work);
  defections.push(...enforcement.defections);
  const input = cohesionInput(work, effective, roundProposals, defections, enforcement.costs);
  const cohesion = scoreCohesion(input);
  // The adversary reads the responses to its own incidents: those to a further actor's (incident.actor) weigh with that actor instead.
  const primary = work.scenario.otherAdversaries ? effective.filter((d) => incidentActor(work.scenario, d.incident) === null) : effective;
  const publicResponse = primary.some((d) => (work.index.actions.get(d.action)?.rung ?? 0) >= 2);
  state.hidden.quietRounds = publicResponse ? 0 : state.hidden.quietRounds + 1;

  const reaction = reactToRound(work, roundFeatures(work, primary, cohesion.value, publicResponse));
  const { moves, harmful } = playMoves(work, postureBefore, reaction.inKindOnly);
  const sanctionHeadlines = advanceSanctions(work, roundProposals);
  const institutionHeadlines = advanceInstitutions(work, harmful);
  const prosecutionHeadlines = advanceProsecution(work);
  const normsHeadlines = advanceNorms(work);
  const evasionHeadlines = advanceEvasion(work);
  advancePlatforms(work);
  advanceOpinion(work, resolved);
  advanceDeEscalation(work, harmful);
  refreshHiddenAccess(work);
  // Further actors draw only after everything above, and only where the scenario has them.
  const others = playOthers(work, effective, (d) => describeResponse(work, d), cohesion.value);

  const escalationAfter = settleEscalation(work, effective, escalationBefore, reaction.after);

  const result: RoundResult = {
    round: state.round,
    cohesion,
    escalationBefore,
    escalationAfter,
    postureBefore,
    postureAfter: reaction.after,
    postureWhy: reaction.why,
    adversaryMoves: moves,
    decisions: resolved.map((d) => d.id),
    harm: Object.values(state.incidents).reduce((sum, i) => sum + i.harm, 0),
    headlines: [
      ...moves.filter((m) => m.news).map((m) => m.news!),
      ...sanctionHeadlines,
      ...institutionHeadlines,
      ...prosecutionHeadlines,
      ...normsHeadlines,
      ...evasionHeadlines,
      ...(others?.rounds.flatMap((r) => r.moves.filter((m) => m.news).map((m) => m.news!)) ?? []),
    ],
    links: coalitionLinks(work, input, effective),
    ...(others ? { others: others.rounds } : {}),
  };
  state.rounds.push(result);
  state.phase = 'results';
  state.clock = { deadline: null, remainingMs: null };
  state.flow = sendToChart(exerciseMachine, state.flow, { type: 'RESOLVE' });
  work.log({
    kind: 'resolution',
    audience: 'all',
    text: say('timeline.roundResolved', { round: state.round, cohesion: cohesion.value, before: escalationBefore, after: escalationAfter, posture: reaction.after }),
  });
  checkEndConditions(work);
}

function resolvePlans(work: Work, proposals: JointProposal[], defections: CohesionDefection[]): ResolvedDecision[] {
  const { state, scenario } = work;
  const participants = new Map<string, string[]>();
  for (const team of scenario.teams) {
    for (const item of state.teams[team.id]!.plan) {
      if (item.proposal) participants.set(item.proposal, [...(participants.get(item.proposal) ?? []), team.id]);
    }
  }
  for (const proposal of proposals) recordVetoes(work, proposal, defections);
  const resolved: ResolvedDecision[] = [];
  for (const team of scenario.teams) {
    for (const item of state.teams[team.id]!.plan) {
      const joint = item.proposal ? (participants.get(item.proposal) ?? [item.team]) : [];
      resolved.push(resolveDecision(work, item, joint));
    }
  }
  recordUnilateralMoves(work, resolved, defections);
  return resolved;
}

/** An EU member that declines a proposed EU listing vetoes it in Council: a defection. */
function recordVetoes(work: Work, proposal: JointProposal, defections: CohesionDefection[]): void {
  const action = work.index.actions.get(proposal.action);
  if (!action?.sanctions?.jurisdictions.includes('EU')) return;
  for (const [team, response] of Object.entries(proposal.responses)) {
    if (!response.join && work.index.teams.get(team)?.euMember) {
      defections.push({ team, kind: 'veto', why: say('defection.veto', { team: teamName(work.scenario, team), action: action.name }) });
    }
  }
}

/** Climbing to targeted coercion or beyond alone, while no ally even attributes, or rolling back alone, breaks ranks. */
function recordUnilateralMoves(work: Work, resolved: ResolvedDecision[], defections: CohesionDefection[]): void {
  const effective = resolved.filter((d) => d.effective);
  const rung = (d: ResolvedDecision) => work.index.actions.get(d.action)?.rung ?? 0;
  for (const decision of effective) {
    const action = work.index.actions.get(decision.action)!;
    const others = effective.filter((d) => d.team !== decision.team);
    if (rung(decision) >= 5 && decision.joint.length < 2 && !others.some((d) => rung(d) >= 3)) {
      defections.push({ team: decision.team, kind: 'unilateralEscalation', why: say('defection.escalatedAlone', { team: teamName(work.scenario, decision.team), action: action.name }) });
    }
    if (action.category === 'rollback') {
      const alliesStillSanctioning = packagesInForce(work).some((p) => !p.teams.includes(decision.team));
      const alliesRolledBack = others.some((d) => work.index.actions.get(d.action)?.category === 'rollback');
      if (alliesStillSanctioning && !alliesRolledBack) {
        defections.push({ team: decision.team, kind: 'unilateralRollback', why: say('defection.rolledBackAlone', { team: teamName(work.scenario, decision.team) }) });
      }
    }
  }
}

/** evasionCosts: what designations against evasion channels cost each exposed government this round (adjudicate/evasionTurn.ts). */
function cohesionInput(
  work: Work,
  effective: ResolvedDecision[],
  proposals: JointProposal[],
  defections: CohesionDefection[],
  evasionCosts: Record<string, number>,
): CohesionInput {
  const { scenario, state } = work;
  // A team left out before the start (dropTeam) is no member of the coalition: it neither votes nor weighs on alignment.
  const present = scenario.teams.filter((team) => !state.teams[team.id]!.absent);
  const teams = present.map((team) => {
    const mine = effective.filter((d) => d.team === team.id);
    const posture: Record<string, number> = {};
    let costBorne = evasionCosts[team.id] ?? 0;
    for (const decision of mine) {
      const action = work.index.actions.get(decision.action)!;
      // Saying that one cannot attribute is no step in the attribution the others took.
      if (!action.attributionStance) posture[action.category] = Math.max(posture[action.category] ?? 0, Math.max(0.2, action.severity / 10));
      // Economic measures cost a trade-exposed government more than their price in political capital.
      const exposureCost = action.category === 'economic' ? team.economicExposure * SPILLOVER_VALUES[action.spillover] * 4 : 0;
      costBorne += action.cost.capital + exposureCost;
    }
    const held = scenario.incidents.filter((i) => confidenceOfTeam(scenario, state, i.id, team.id) !== null).map((i) => i.id);
    return {
      id: team.id,
      name: team.name,
      capacity: team.capacity,
      posture,
      costBorne,
      evidenceHeld: held.length,
      evidenceShared: held.filter((i) => state.teams[team.id]!.shared.includes(i)).length,
      institution: team.kind === 'institution',
      able: ableCategories(work, team.id, mine),
    };
  });
  // Governments vote; an institution's joining is its own act, not one more vote.
  const isGovernment = (team: string) => work.index.teams.get(team)?.kind !== 'institution';
  const votes = proposals.map((proposal) => {
    const action = work.index.actions.get(proposal.action);
    // Unable is not unwilling: a government with no instrument for the measure has no vote on it.
    const voters = present.filter((t) => t.kind !== 'institution' && (!action || holdsInstrument(t, action))).length;
    const answers = Object.entries(proposal.responses).filter(([team]) => isGovernment(team)).map(([, a]) => a);
    const yes = (isGovernment(proposal.by) ? 1 : 0) + answers.filter((a) => a.join).length;
    const no = answers.filter((a) => !a.join).length;
    return { label: action?.name ?? proposal.action, yes, no, abstain: Math.max(0, voters - yes - no) };
  });
  const responses = effective.map((d) => {
    const action = work.index.actions.get(d.action);
    return {
      team: d.team,
      severity: Math.max(0, action?.severity ?? 0),
      joint: isJoint(d),
      // A stance on attribution is said at home about one's own assessment: no response to the adversary.
      domestic: action?.responseType === 'domestic' || !!action?.attributionStance,
      // A prosecution is one jurisdiction's own, unless governments investigate it together (a joint investigation team).
      national: action?.responseType === 'criminal' && !isJoint(d),
    };
  });
  return { teams, votes: [...votes, ...normVotes(work, effective)], responses, defections, weights: scenario.scoring.cohesion, carried: state.rounds.at(-1)?.cohesion.value };
}

/** Each pair of governments this round: posture alignment (as in the cohesion score) and whether they acted together. */
function coalitionLinks(work: Work, input: CohesionInput, effective: ResolvedDecision[]): RoundResult['links'] {
  const category = (d: ResolvedDecision) => work.index.actions.get(d.action)?.category;
  // Together: through a joint proposal, as isJoint counts it.
  const together = (a: string, b: string) => effective.some((d) => d.team === a && !isSecretCategory(category(d)) && isJoint(d) && d.joint.includes(b));
  // Everyone sees the links: they compare what governments did in the open, over the kinds of step anyone took.
  const atIssue = [...new Set(input.teams.flatMap((t) => Object.keys(t.posture)))].filter((c) => !isSecretCategory(c)).sort();
  const links: RoundResult['links'] = [];
  input.teams.forEach((a, i) => {
    for (const b of input.teams.slice(i + 1)) {
      const alignment = postureAlignment(a.posture, b.posture, atIssue);
      links.push({ a: a.id, b: b.id, alignment: Math.round(alignment * 1000) / 1000, joint: together(a.id, b.id) });
    }
  });
  return links;
}

/** Joint: taken with others through a joint proposal; a coincidence of categories is not coordination. */
function isJoint(decision: ResolvedDecision): boolean {
  return decision.joint.length >= 2;
}

/** The action categories a team has an instrument for (open to it, with a legal basis it holds). */
/**
 * The categories a government can act in this round: those it has an
 * instrument for. A government that has said in public that it is not in a
 * position to attribute, and did not attribute this round, is unable to
 * attribute, not unwilling (ICD 203: a judgement it cannot yet make).
 */
function ableCategories(work: Work, team: string, mine: ResolvedDecision[]): string[] {
  const teamDef = work.index.teams.get(team)!;
  const open = work.scenario.actions.filter((a) => holdsInstrument(teamDef, a));
  const able = new Set(open.map((a) => a.category));
  const attributedNow = mine.some((d) => {
    const action = work.index.actions.get(d.action);
    return action?.category === 'attribution' && !action.attributionStance;
  });
  const declined = work.scenario.incidents.some((i) => attributionStage(work.state, i.id, team) === 'notInAPosition');
  if (declined && !attributedNow) able.delete('attribution');
  return [...able];
}

function roundFeatures(work: Work, effective: ResolvedDecision[], cohesion: number, publicResponse: boolean) {
  const { state } = work;
  const severities = effective.map((d) => Math.max(0, biteOf(work, d)));
  const totalSeverity = severities.reduce((a, b) => a + b, 0);
  const jointSeverity = effective.reduce((sum, d, i) => sum + (isJoint(d) ? severities[i]! : 0), 0);
  // The adversary reads how well coercion fitted the harm; preparedness is not coercion.
  const fits = effective.flatMap((d) => d.proportionality.components.filter((c) => c.id === 'fit' && c.weight > 0).map((c) => c.value));
  const overreaction = Math.max(0, ...effective.map((d, i) => severities[i]! - harmOf(work, d)));
  const stage = deEscalationStage(state);
  return {
    talks: ['talks', 'conditional', 'rollback'].includes(stage) && packagesInForce(work).length > 0,
    overreaction,
    unlawful: effective.some(wrongsItsTarget),
    mirroring: effective.some((d) => work.index.actions.get(d.action)?.invitesMirroring),
    jointness: totalSeverity > 0 ? jointSeverity / totalSeverity : 0,
    cohesion,
    jointAttribution: Object.values(state.attribution).some((a) => a.coalition.value === 'jointlyAttributed'),
    fit: fits.length > 0 ? fits.reduce((a, b) => a + b, 0) / fits.length : 0,
    quietRounds: state.hidden.quietRounds,
    onlyPrivate: effective.length > 0 && !publicResponse && effective.some((d) => work.index.actions.get(d.action)?.category === 'signalling'),
    // Sanctions that leak through evasion channels weigh less with the adversary (absent where the scenario has none).
    ...(work.state.evasion ? { leak: evasionDrag(work) } : {}),
  };
}

/** One response as a further actor reads it (adjudicate/othersTurn.ts), with the same measures as roundFeatures. */
function describeResponse(work: Work, d: ResolvedDecision) {
  const action = work.index.actions.get(d.action);
  const fits = d.proportionality.components.filter((c) => c.id === 'fit' && c.weight > 0).map((c) => c.value);
  return {
    severity: Math.max(0, biteOf(work, d)),
    harm: harmOf(work, d),
    joint: isJoint(d),
    public: (action?.rung ?? 0) >= 2,
    signalling: action?.category === 'signalling',
    mirroring: !!action?.invitesMirroring,
    unlawful: wrongsItsTarget(d),
    fit: fits.length > 0 ? fits.reduce((a, b) => a + b, 0) / fits.length : null,
  };
}

/** The severity the adversary feels: a humanitarian exemption trims it. */
function biteOf(work: Work, decision: ResolvedDecision): number {
  const action = work.index.actions.get(decision.action);
  return action ? effectiveSeverity(action.severity, action.procedures, decision.options) : 0;
}

/** The harm a response answers: its incident's, or for a secondary measure the evasion it addresses (scoring/evasion.ts). */
function harmOf(work: Work, decision: ResolvedDecision): number {
  const secondary = secondaryMeasure(work.scenario, work.state, work.index.actions.get(decision.action)!);
  if (secondary) return secondary.harm;
  return decision.incident ? Math.min(10, work.state.incidents[decision.incident]?.harm ?? 0) : 0;
}

function advanceDeEscalation(work: Work, harmful: boolean): void {
  const { state } = work;
  const stage = deEscalationStage(state);
  const relapse = stage === 'normalised' && work.rng.chance(work.scenario.adversary.tuning.relapseChance);
  if ((harmful && ['talks', 'conditional', 'rollback', 'normalised'].includes(stage)) || relapse) {
    // A violation ends the talks and the adversary escalates again.
    work.sendDeEscalation({ type: 'VIOLATION' });
    work.sendAdversary({ type: 'ESCALATE' });
    work.log({ kind: 'adversary', audience: 'all', text: say(harmful ? 'timeline.relapseAttack' : 'timeline.relapseHardliners') });
  }
  work.sendDeEscalation({ type: 'ROUND_ENDED', adversaryActive: harmful });
  if (stage === 'backchannel' && (['deterred', 'deEscalating'].includes(posture(state)) || work.rng.chance(0.3))) {
    work.sendDeEscalation({ type: 'ACK' });
    work.log({ kind: 'adversary', audience: 'all', text: say('timeline.talksCanBegin') });
  }
  if (deEscalationStage(state) === 'conditional') {
    work.sendDeEscalation({ type: 'VERIFIED' });
    if (deEscalationStage(state) === 'rollback') work.log({ kind: 'adversary', audience: 'all', text: say('timeline.rollback') });
  }
}

/**
 * The ladder climbs to the highest rung taken; it cools by the scenario's
 * decay when every response stays two rungs or more below it; tit-for-tat
 * adds a rung and de-escalation removes one.
 */
function settleEscalation(work: Work, effective: ResolvedDecision[], before: number, after: RoundResult['postureAfter']): number {
  const highest = Math.max(-1, ...effective.map((d) => work.index.actions.get(d.action)?.rung ?? 0));
  let level = work.escalation();
  if (highest > level) level = highest;
  else if (highest < level - 1 && level === before) level -= work.scenario.escalation.decayPerQuietRound;
  if (after === 'titForTat') level += 1;
  if (after === 'deEscalating') level -= 1;
  work.setEscalation(level);
  return work.escalation();
}

function checkEndConditions(work: Work): void {
  const { state, scenario } = work;
  const met = scenario.endConditions.find((end) => evaluate(end.when, scenario, state));
  if (!met) return;
  state.outcome = { id: met.id, outcome: met.outcome, summary: met.summary, round: state.round };
  work.log({ kind: 'outcome', audience: 'all', text: met.summary });
}
