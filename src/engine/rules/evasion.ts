/**
 * Sanctions evasion and enforcement against it (sanctions.evasion), as the
 * rules read them: which channels route around which sanctions, how much of
 * their bite leaks, who is exposed, who knows, and whether a government may
 * take a step of enforcement now. One rule book for accepting drafts,
 * showing availability, scoring and the bots (through rules/decisions.ts).
 * Grounding: docs/rules.md ("Sanctions evasion and enforcement").
 */
import { regionState, startChart } from '../machines/chart';
import { channelMachine, LEAK_AT_STAGE, type ChannelStage } from '../machines/evasion';
import { SANCTIONS_IN_FORCE } from '../machines/sanctions';
import type { Action, Evasion, EvasionChannel, Scenario } from '../scenario/schema';
import type { EvasionChannelState, ExerciseState, Rejection } from '../types';
import { indexOf, teamName } from './scenarioIndex';
import { say } from '../messages';

type Step = EvasionChannelState['steps'][number];

/** Every channel dormant, at the start of an exercise. */
export function dormantChannels(evasion: Evasion): Record<string, EvasionChannelState> {
  const input = { narrowAt: evasion.narrowAt, closeAt: evasion.closeAt };
  return Object.fromEntries(evasion.channels.map((c) => [c.id, { id: c.id, opened: null, known: [], steps: [], chart: startChart(channelMachine, input) }]));
}

export function channelDef(scenario: Scenario, id: string): EvasionChannel | undefined {
  return scenario.sanctions.evasion?.channels.find((c) => c.id === id);
}

export function channelStage(state: ExerciseState, id: string): ChannelStage {
  const chart = state.evasion?.[id]?.chart;
  return (chart ? regionState(chart) : 'dormant') as ChannelStage;
}

/** The share of the channel's flows that pass through firms in the government's jurisdiction (0 when not exposed). */
export function exposureOf(channel: EvasionChannel, team: string): number {
  return channel.exposed.find((e) => e.team === team)?.share ?? 0;
}

export function knowsChannel(state: ExerciseState, channel: string, team: string): boolean {
  return state.evasion?.[channel]?.known.includes(team) ?? false;
}

/** Whether the channel routes around the packages of this sanctions action. */
export function routesAround(scenario: Scenario, channel: EvasionChannel, action: string): boolean {
  if (channel.sanctions) return channel.sanctions.includes(action);
  return !!indexOf(scenario).actions.get(action)?.sanctions;
}

/** The packages in force, each with its bite (the severity of its measure). */
function packagesInForce(scenario: Scenario, state: ExerciseState): { action: string; bite: number }[] {
  return Object.values(state.sanctions)
    .filter((p) => SANCTIONS_IN_FORCE.includes(regionState(p.chart, 'status')))
    .map((p) => ({ action: p.action, bite: Math.max(0, indexOf(scenario).actions.get(p.action)?.severity ?? 0) }));
}

/** Whether a package in force gives the adversary a reason to open the channel. */
export function channelHasWork(scenario: Scenario, state: ExerciseState, channel: EvasionChannel): boolean {
  return packagesInForce(scenario, state).some((p) => routesAround(scenario, channel, p.action));
}

/** The share of its leak a channel lets through now: all while open, half once narrowed, none dormant or closed. */
export function leakNow(state: ExerciseState, channel: EvasionChannel): number {
  return channel.leak * LEAK_AT_STAGE[channelStage(state, channel.id)];
}

/** 0..1: the share of the bite of the sanctions in force that leaks through the open channels. */
export function leakedShare(scenario: Scenario, state: ExerciseState): number {
  const channels = scenario.sanctions.evasion?.channels ?? [];
  let total = 0;
  let leaked = 0;
  for (const pkg of packagesInForce(scenario, state)) {
    const leak = channels.filter((c) => routesAround(scenario, c, pkg.action)).reduce((sum, c) => sum + leakNow(state, c), 0);
    total += pkg.bite;
    leaked += pkg.bite * Math.min(1, leak);
  }
  return total > 0 ? leaked / total : 0;
}

/**
 * The evasion a step against these channels addresses, on the 0-10 scale of
 * harm: for each, its leak now times the bite of the strongest package in
 * force it routes around. A secondary measure is measured against it.
 */
export function evasionAddressed(scenario: Scenario, state: ExerciseState, channels: readonly string[]): number {
  const inForce = packagesInForce(scenario, state);
  let sum = 0;
  for (const id of channels) {
    const channel = channelDef(scenario, id);
    if (!channel) continue;
    const bite = Math.max(0, ...inForce.filter((p) => routesAround(scenario, channel, p.action)).map((p) => p.bite));
    sum += leakNow(state, channel) * bite;
  }
  return Math.min(10, sum);
}

/** The pressure a step adds to a channel when it bites. */
export function stepPressure(evasion: Evasion, channel: EvasionChannel, team: string, action: Action): number {
  switch (action.evasion!.step) {
    case 'screen':
      return evasion.screening * exposureOf(channel, team);
    case 'designate':
      return evasion.designation * (action.evasion!.reach === 'broad' ? 2 : 1);
    case 'shareInformation':
      return evasion.sharing;
  }
}

/** Whether the government took this step on the channel already (each step once per government and channel). */
function tookStep(state: ExerciseState, channel: string, team: string, step: Step['step']): boolean {
  return state.evasion?.[channel]?.steps.some((s) => s.team === team && s.step === step) ?? false;
}

/**
 * Whether an exposed ally was consulted before a designation: it joined the
 * designation, or the designating government shared what it knows of the
 * channel with the coalition first (a joint enforcement step).
 */
export function consulted(state: ExerciseState, channel: string, designator: string, ally: string, joint: readonly string[]): boolean {
  return joint.includes(ally) || tookStep(state, channel, designator, 'shareInformation');
}

/** The channels of an action a government can work on now, by step: the rest were refused for the reason given. */
export function workableChannels(scenario: Scenario, state: ExerciseState, team: string, action: Action): EvasionChannel[] {
  const step = action.evasion!.step;
  return action.evasion!.channels
    .map((id) => channelDef(scenario, id))
    .filter((c): c is EvasionChannel => !!c)
    .filter((c) => channelStage(state, c.id) !== 'closed' && !tookStep(state, c.id, team, step))
    .filter((c) => {
      if (step === 'screen') return exposureOf(c, team) > 0;
      const stage = channelStage(state, c.id);
      return knowsChannel(state, c.id, team) && (stage === 'open' || stage === 'narrowed');
    });
}

const reject = (code: Rejection['code'], message: string): Rejection => ({ ok: false, code, message });

/** Whether the government may take this step of enforcement now, and if not why, in a sentence. */
export function checkEvasionStep(scenario: Scenario, state: ExerciseState, team: string, action: Action): Rejection | null {
  const spec = action.evasion;
  if (!spec) return null;
  if (!scenario.sanctions.evasion || !state.evasion) return reject('NOT_AVAILABLE', say('refusal.noEvasion', { action: action.name }));
  if (workableChannels(scenario, state, team, action).length > 0) return null;
  const channels = spec.channels.map((id) => channelDef(scenario, id)).filter((c): c is EvasionChannel => !!c);
  const names = channels.map((c) => c.name);
  const who = teamName(scenario, team);
  const open = channels.filter((c) => channelStage(state, c.id) !== 'closed');
  if (open.length === 0) return reject('NOT_AVAILABLE', say(channels.length === 1 ? 'refusal.channelClosed' : 'refusal.channelsClosed', { channels: names, action: action.name }));
  const done = open.every((c) => tookStep(state, c.id, team, spec.step));
  if (done) return reject('ALREADY_TAKEN', say('refusal.stepTaken', { team: who, action: action.name, channels: names }));
  if (spec.step === 'screen') {
    const exposed = [...new Set(open.flatMap((c) => c.exposed.filter((e) => e.share > 0).map((e) => teamName(scenario, e.team))))];
    return reject(
      'NO_JURISDICTION',
      say('refusal.notExposed', { team: who, channels: names, exposed: exposed.length ? say('part.passThrough', { teams: exposed }) : '' }),
    );
  }
  return reject(
    'NOT_AVAILABLE',
    say(spec.step === 'designate' ? 'refusal.noChannelToDesignate' : 'refusal.noChannelToShare', { team: who, channels: names }),
  );
}
