/**
 * Sanctions evasion and enforcement against it (sanctions.evasion), as the
 * engine carries them out: the steps governments take on a channel
 * (screening, designating its facilitators, sharing what they know), and at
 * the end of each round the steps that bite, the channels they narrow or
 * close, and the channels the adversary opens to route around the sanctions
 * in force. Rules and grounding: docs/rules.md ("Sanctions evasion and
 * enforcement").
 */
import { applyEffects } from '../effects';
import { sendToChart } from '../machines/chart';
import { channelMachine, type ChannelStage } from '../machines/evasion';
import {
  channelDef,
  channelHasWork,
  channelStage,
  consulted,
  exposureOf,
  leakedShare,
  stepPressure,
  workableChannels,
} from '../rules/evasion';
import { teamName } from '../rules/scenarioIndex';
import type { Work } from '../rules/work';
import { say } from '../messages';
import type { Action, Evasion, EvasionChannel } from '../scenario/schema';
import type { CohesionDefection } from '../scoring/cohesion';
import { capitalise, fmtNum } from '../scoring/explain';
import type { EnforcementStep, EvasionChannelState, PlannedDecision } from '../types';
import { deliverIntelligence } from './injects';

function evasionOf(work: Work): Evasion {
  return work.scenario.sanctions.evasion!;
}

function channelState(work: Work, id: string): EvasionChannelState {
  return work.state.evasion![id]!;
}

function makeKnown(work: Work, channel: EvasionChannelState, teams: readonly string[]): void {
  channel.known = work.index.teamIds.filter((t) => channel.known.includes(t) || teams.includes(t));
}

/** A government takes a step of enforcement on the action's channels it can work on. Returns the outcome sentence. */
export function takeEvasionStep(work: Work, item: PlannedDecision, action: Action, joint: string[]): string {
  const channels = workableChannels(work.scenario, work.state, item.team, action);
  const sentences = channels.map((channel) => takeStepOn(work, item, action, channel, joint));
  const lag = evasionOf(work).lagRounds;
  const when = lag === 0 ? say('evasion.bitesNow') : say('evasion.bitesLater', { round: work.state.round + lag });
  return `${sentences.join(' ')} ${when}`;
}

function takeStepOn(work: Work, item: PlannedDecision, action: Action, channel: EvasionChannel, joint: string[]): string {
  const state = channelState(work, channel.id);
  const step = action.evasion!.step;
  const who = teamName(work.scenario, item.team);
  const entry: EnforcementStep = { team: item.team, step, round: work.state.round, pressure: stepPressure(evasionOf(work), channel, item.team, action), counted: false };
  switch (step) {
    case 'screen':
      state.steps = [...state.steps, entry];
      return say('evasion.screens', { team: who, channel: channel.name, share: exposureOf(channel, item.team) * 100 });
    case 'shareInformation':
      state.steps = [...state.steps, entry];
      makeKnown(work, state, work.index.teamIds);
      return say('evasion.shares', { team: who, channel: channel.name });
    case 'designate': {
      const participants = joint.length > 0 ? joint : [item.team];
      // The designating government bears the cost to its own economy too, knowingly.
      const costs = channel.exposed
        .filter((e) => e.share > 0)
        .map((e) => ({
          team: e.team,
          cost: Math.round(evasionOf(work).exposureCost * e.share * 100) / 100,
          consulted: e.team === item.team || consulted(work.state, channel.id, item.team, e.team, participants),
        }));
      state.steps = [...state.steps, { ...entry, costs }];
      // A designation is published: everyone learns of the channel.
      makeKnown(work, state, work.index.teamIds);
      return `${say(action.evasion!.reach === 'broad' ? 'evasion.designatesBroadly' : 'evasion.designates', { team: who, channel: channel.name })} ${costWords(work, costs)}`;
    }
  }
}

function costWords(work: Work, costs: NonNullable<EnforcementStep['costs']>): string {
  if (costs.length === 0) return say('evasion.noAllyExposed');
  // The sentence starts with the first name: capitalised ("The Netherlands").
  const words = costs.map((c, i) => {
    const team = teamName(work.scenario, c.team);
    return say(c.consulted ? 'part.costConsulted' : 'part.costUnconsulted', { team: i === 0 ? capitalise(team) : team, cost: c.cost });
  });
  return say('evasion.costs', { costs: words });
}

/** At the end of the round: the steps that are due bite, then the adversary opens channels around the sanctions in force. Returns headlines. */
export function advanceEvasion(work: Work): string[] {
  if (!work.state.evasion || !work.scenario.sanctions.evasion) return [];
  const headlines: string[] = [];
  for (const channel of evasionOf(work).channels) enforce(work, channel, headlines);
  for (const channel of evasionOf(work).channels) open(work, channel, headlines);
  return headlines;
}

/** The pressure of the steps that are due bites: the channel narrows or closes when it reaches the scenario's thresholds. */
function enforce(work: Work, channel: EvasionChannel, headlines: string[]): void {
  const state = channelState(work, channel.id);
  const due = state.steps.filter((s) => !s.counted && s.round + evasionOf(work).lagRounds <= work.state.round);
  if (due.length === 0) return;
  const before = channelStage(work.state, channel.id);
  state.steps = state.steps.map((s) => (due.includes(s) ? { ...s, counted: true } : s));
  const pressure = due.reduce((sum, s) => sum + s.pressure, 0);
  state.chart = sendToChart(channelMachine, state.chart, { type: 'ENFORCED', pressure });
  announceStage(work, channel, before, headlines);
}

function announceStage(work: Work, channel: EvasionChannel, before: ChannelStage, headlines: string[]): void {
  const after = channelStage(work.state, channel.id);
  if (after === before || after === 'open' || after === 'dormant') return;
  const text =
    after === 'narrowed'
      ? say('evasion.narrows', { channel: channel.name })
      : say('evasion.closes', { channel: channel.name });
  headlines.push(text);
  work.log({ kind: 'sanctions', audience: { teams: channelState(work, channel.id).known }, ref: channel.id, text });
  applyEffects(work, after === 'narrowed' ? channel.onNarrow : channel.onClose, { team: null, incident: null });
}

/**
 * The adversary routes around the sanctions in force: a dormant channel that
 * would carry their flows opens with its chance. The governments whose
 * firms the flows pass through learn of it from their own banks' and
 * exchanges' reports; the rest do not, until it is shared or designated.
 */
function open(work: Work, channel: EvasionChannel, headlines: string[]): void {
  if (channelStage(work.state, channel.id) !== 'dormant' || !channelHasWork(work.scenario, work.state, channel)) return;
  if (!work.rng.chance(channel.openChance)) return;
  const state = channelState(work, channel.id);
  state.opened = work.state.round;
  state.chart = sendToChart(channelMachine, state.chart, { type: 'OPEN' });
  const exposed = channel.exposed.filter((e) => e.share > 0).map((e) => e.team);
  makeKnown(work, state, exposed);
  applyEffects(work, channel.onOpen, { team: null, incident: null });
  // Screening in place before it opened bites at once (ENFORCED with nothing new re-reads the thresholds).
  state.chart = sendToChart(channelMachine, state.chart, { type: 'ENFORCED', pressure: 0 });
  announceStage(work, channel, 'open', headlines);
  work.log({ kind: 'adversary', audience: 'facilitator', ref: channel.id, text: say('evasion.routesAround', { channel: channel.name }) });
  if (exposed.length === 0) return;
  const basis = channel.exposed.filter((e) => e.share > 0 && e.basis).map((e) => `${teamName(work.scenario, e.team)}: ${e.basis}`);
  deliverIntelligence(
    work,
    say('title.evasion', { channel: channel.name }),
    `Reports from the firms in your jurisdiction show ${work.scenario.adversary.name} routing around the sanctions through ${channel.name}, which lets ${fmtNum(channel.leak * 100)}% of their bite leak. ${channel.description}${basis.length ? ` Exposed: ${basis.join('; ')}.` : ''}`.trim(),
    exposed,
  );
}

/** How much the chance of deterring the adversary falls this round: the share of the sanctions' bite that leaks, times the scenario's weight. */
export function evasionDrag(work: Work): number {
  const evasion = work.scenario.sanctions.evasion;
  if (!evasion || !work.state.evasion) return 0;
  return evasion.deterrenceLost * leakedShare(work.scenario, work.state);
}

/**
 * What this round's designations cost the coalition: each exposed
 * government's cost joins its burden, and a designation imposed over an
 * ally's exposure without consulting it is a defection by the designating
 * government.
 */
export function evasionCohesion(work: Work): { costs: Record<string, number>; defections: CohesionDefection[] } {
  const costs: Record<string, number> = {};
  const defections: CohesionDefection[] = [];
  for (const channel of Object.values(work.state.evasion ?? {})) {
    const name = channelDef(work.scenario, channel.id)?.name ?? channel.id;
    for (const step of channel.steps) {
      if (step.round !== work.state.round || !step.costs) continue;
      for (const c of step.costs) costs[c.team] = (costs[c.team] ?? 0) + c.cost;
      const unconsulted = step.costs.filter((c) => !c.consulted).map((c) => teamName(work.scenario, c.team));
      if (unconsulted.length > 0) {
        defections.push({
          team: step.team,
          kind: 'unconsultedSecondary',
          why: say('defection.unconsulted', { team: teamName(work.scenario, step.team), channel: name, teams: unconsulted }),
        });
      }
    }
  }
  return { costs, defections };
}
