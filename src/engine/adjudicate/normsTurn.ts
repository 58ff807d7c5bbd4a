/**
 * Norms of responsible state behaviour, as the engine carries them out: the
 * steps of the norms-building track (raising a violation in a forum,
 * endorsing the norm, a transparent report naming it), the adversary's
 * reputational cost of striking protected targets when its moves are drawn,
 * and at the end of each round the track's slow progress and the weight it
 * lends to later attributions. Rules and grounding: docs/rules.md ("Norms:
 * protected targets and the norms track").
 */
import { sendToChart } from '../machines/chart';
import { normsMachine, type NormsStage } from '../machines/norms';
import { TARGET_TERMS, moveStrikesProtected, normsReached, normsStage, protectedStruck, reputationalCost } from '../rules/norms';
import { teamName } from '../rules/scenarioIndex';
import { say, type MessageKey, type TermKey } from '../messages';
import type { Work } from '../rules/work';
import type { Action, AdversaryMove, Norms } from '../scenario/schema';
import type { NormsTrack, PlannedDecision, ResolvedDecision } from '../types';
import type { CohesionVote } from '../scoring/cohesion';
import { deliverReport } from './injects';

function normsOf(work: Work): Norms {
  return work.scenario.norms!;
}

function incidentName(work: Work, incident: string): string {
  return work.index.incidents.get(incident)?.name ?? incident;
}

function struckTerms(work: Work, incident: string): TermKey[] {
  return protectedStruck(work.scenario, incident).map((c) => TARGET_TERMS[c]);
}

/** A government takes a step of the norms track. Returns the outcome sentence. */
export function takeNormsStep(work: Work, item: PlannedDecision, action: Action): string {
  const track = work.state.norms!;
  const norm = normsOf(work).norm.name;
  const who = teamName(work.scenario, item.team);
  const round = work.state.round;
  switch (action.norms!) {
    case 'raise': {
      const incident = item.incident!;
      const forum = normsOf(work).fora.find((f) => f.id === action.forum)!;
      track.raised.push({ forum: forum.id, team: item.team, incident, round });
      if (normsStage(work.state) === 'unraised') track.chart = sendToChart(normsMachine, track.chart, { type: 'RAISE' });
      const text = say('norms.raised', { team: who, incident: incidentName(work, incident), forum: forum.name, norm, struck: struckTerms(work, incident) });
      deliverReport(work, say('title.normsRaised', { forum: forum.name, norm }), text);
      return text;
    }
    case 'endorse':
      track.endorsers.push(item.team);
      return say('norms.endorsed', { team: who, norm, endorsers: track.endorsers.map((t) => teamName(work.scenario, t)) });
    case 'report': {
      const incident = item.incident!;
      track.reports.push({ team: item.team, incident, round });
      const text = say('norms.reported', { team: who, incident: incidentName(work, incident), struck: struckTerms(work, incident), norm });
      deliverReport(work, say('title.normsReported', { norm }), text);
      return text;
    }
  }
}

/**
 * Whether the adversary makes an eligible move this round, drawn with the
 * seeded generator. A move that strikes a protected target is made with its
 * chance times (1 - the reputational cost the track lends); when the draw
 * falls in between, the adversary passed the strike up for its cost, and
 * that is recorded. The draw is the one the move always had, so a scenario
 * without norms draws exactly as before.
 */
export function drawMove(work: Work, move: AdversaryMove): boolean {
  const cost = moveStrikesProtected(work.scenario, move).length > 0 ? reputationalCost(work.scenario, work.state) : 0;
  if (cost === 0) return work.rng.chance(move.chance);
  const roll = work.rng.next();
  if (roll < move.chance * (1 - cost)) return true;
  if (roll < move.chance) holdBack(work, move);
  return false;
}

function holdBack(work: Work, move: AdversaryMove): void {
  const track = work.state.norms!;
  if (!track.heldBack.includes(work.state.round)) track.heldBack.push(work.state.round);
  work.log({ kind: 'adversary', audience: 'facilitator', ref: move.id, text: say('norms.passedUp', { norm: normsOf(work).norm.name, move: move.name }) });
}

const STAGE_NEWS: Record<Exclude<NormsStage, 'unraised' | 'raised'>, MessageKey> = {
  discussed: 'norms.nowDiscussed',
  endorsed: 'norms.nowEndorsed',
  reported: 'norms.nowReported',
};

/** At the end of the round: later attributions gain weight, the track may move on a stage, and what the adversary passed up is told. Returns headlines. */
export function advanceNorms(work: Work): string[] {
  const track = work.state.norms;
  if (!track) return [];
  const headlines: string[] = [];
  weighAttributions(work, track);
  const before = normsStage(work.state);
  if (before !== 'unraised' && before !== 'reported') {
    track.chart = sendToChart(normsMachine, track.chart, { type: 'ROUND_ENDED', endorsers: track.endorsers.length, reports: track.reports.length });
  }
  const after = normsStage(work.state);
  const norm = normsOf(work).norm.name;
  if (after !== before && after !== 'unraised' && after !== 'raised') {
    const cost = Math.round(reputationalCost(work.scenario, work.state) * 100);
    const text = say(STAGE_NEWS[after], { norm, adversary: work.scenario.adversary.name, cost });
    headlines.push(text);
    work.log({ kind: 'adversary', audience: 'all', text });
  }
  if (track.heldBack.includes(work.state.round)) {
    headlines.push(say('norms.heldBack', { adversary: work.scenario.adversary.name, norm }));
  }
  return headlines;
}

/**
 * Once the norm is endorsed, a public attribution of an incident that struck
 * a protected target carries weight with the governments that endorsed it:
 * each gains evidence on the incident.
 */
function weighAttributions(work: Work, track: NormsTrack): void {
  if (!normsReached(work.state, 'endorsed')) return;
  const weight = normsOf(work).attributionWeight;
  if (weight === 0) return;
  // Per incident, once a round: a joint attribution is one statement, however many governments make it.
  const attributed = new Map<string, Set<string>>();
  for (const d of work.state.decisions) {
    const action = work.index.actions.get(d.action);
    if (d.round !== work.state.round || !d.effective || !d.incident || action?.category !== 'attribution' || action.attributionStance) continue;
    if (protectedStruck(work.scenario, d.incident).length === 0) continue;
    if (!attributed.has(d.incident)) attributed.set(d.incident, new Set());
    attributed.get(d.incident)!.add(d.team);
  }
  for (const [incident, by] of attributed) {
    for (const endorser of track.endorsers) if (!by.has(endorser)) work.addEvidence(incident, endorser, weight);
  }
}

/**
 * A joint public attribution of an incident that struck a protected target
 * names the norm violated: the governments that name it together speak as
 * one, which counts in cohesion as a unanimous coalition decision.
 */
export function normVotes(work: Work, effective: ResolvedDecision[]): CohesionVote[] {
  if (!work.scenario.norms) return [];
  const norm = normsOf(work).norm.name;
  const named = new Set<string>();
  const votes: CohesionVote[] = [];
  for (const d of effective) {
    const action = work.index.actions.get(d.action);
    if (!d.incident || d.joint.length < 2 || action?.category !== 'attribution' || action.attributionStance) continue;
    if (protectedStruck(work.scenario, d.incident).length === 0 || named.has(`${d.action} ${d.incident}`)) continue;
    named.add(`${d.action} ${d.incident}`);
    // Only governments vote: an institution's joining is its own act (as for joint proposals).
    const governments = d.joint.filter((t) => work.index.teams.get(t)?.kind !== 'institution').length;
    if (governments > 0) votes.push({ label: `naming ${norm} in ${action.name}`, yes: governments, no: 0, abstain: 0 });
  }
  return votes;
}
