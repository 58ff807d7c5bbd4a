/**
 * Playing whole exercises with bots: the facilitator advances, every team
 * plans with its policy, answers its allies' proposals and locks. Pure and
 * seeded: the same scenario, seed and policies give the same exercise.
 */
import { applyCommand } from '../rules/apply';
import { createExercise } from '../rules/create';
import { Rng, seedRng } from '../random';
import type { Scenario } from '../scenario/schema';
import type { Actor, Command, CommandBody, ExerciseState } from '../types';
import { POLICIES, type BotPolicy } from './policies';
import { emptyTally, tallyRun, type RunRecord, type SummaryTally } from './summary';

export interface SimulationRun {
  state: ExerciseState;
  commands: Command[];
  rejected: number;
  /** The teams' commands the rules refused (the facilitator's are not counted here). */
  refusals: Refusal[];
}

export interface Refusal {
  round: number;
  team: string;
  command: CommandBody;
  code: string;
  message: string;
}

const FACILITATOR: Actor = { role: 'facilitator', name: 'Facilitator (bot)' };
const STEP_MS = 1000;

/** Policies by team, from names; `extra` adds policies built for this scenario (its history track, searched plans). */
export function resolvePolicies(scenario: Scenario, names: string[] | Record<string, string>, extra: Record<string, BotPolicy> = {}): Record<string, BotPolicy> {
  const byTeam: Record<string, BotPolicy> = {};
  const known = { ...POLICIES, ...extra };
  scenario.teams.forEach((team, i) => {
    const name = Array.isArray(names) ? names[i % names.length]! : (names[team.id] ?? 'restrained');
    const policy = known[name];
    if (!policy) throw new Error(`Unknown policy "${name}" (known: ${Object.keys(known).join(', ')})`);
    byTeam[team.id] = policy;
  });
  return byTeam;
}

/** Called with the state at the start of each round's deliberation (play-test observations). */
export type DeliberationObserver = (state: ExerciseState) => void;

export function simulateExercise(
  scenario: Scenario,
  seed: string,
  policies: Record<string, BotPolicy>,
  startAt = 0,
  observe?: DeliberationObserver,
): SimulationRun {
  let state = createExercise(scenario, seed);
  const commands: Command[] = [];
  const botRng = new Rng(seedRng(`${seed}/bots`));
  let at = startAt;
  let rejected = 0;
  const refusals: Refusal[] = [];
  const send = (actor: Actor, body: CommandBody): boolean => {
    at += STEP_MS;
    const command = { ...body, id: `c${commands.length + rejected + 1}`, actor, at } as Command;
    const result = applyCommand(scenario, state, command);
    if (!result.ok) {
      rejected += 1;
      if (actor.role === 'team') refusals.push({ round: state.round, team: actor.team, command: body, code: result.code, message: result.message });
      return false;
    }
    state = result.state;
    commands.push(command);
    return true;
  };

  send(FACILITATOR, { type: 'startExercise' });
  send(FACILITATOR, { type: 'advance' });
  while (state.phase !== 'debrief') {
    if (state.phase === 'deliberation') observe?.(state);
    if (state.phase === 'deliberation') playRound(scenario, () => state, policies, botRng, send);
    // Everyone locked resolves the round by itself; otherwise, or in results, the facilitator moves on.
    send(FACILITATOR, { type: 'advance' });
  }
  return { state, commands, rejected, refusals };
}

function playRound(
  scenario: Scenario,
  current: () => ExerciseState,
  policies: Record<string, BotPolicy>,
  rng: Rng,
  send: (actor: Actor, body: CommandBody) => boolean,
): void {
  const actorOf = (team: string): Actor => ({ role: 'team', team, name: `${policies[team]!.id} bot` });
  for (const team of scenario.teams) {
    const policy = policies[team.id]!;
    for (const body of policy.plan({ scenario, state: current(), team: team.id, rng })) {
      if (current().teams[team.id]!.plan.length >= scenario.maxActionsPerRound) break;
      send(actorOf(team.id), body);
    }
  }
  for (const team of scenario.teams) {
    const policy = policies[team.id]!;
    for (const proposal of Object.values(current().proposals)) {
      if (proposal.round !== current().round || proposal.by === team.id || proposal.responses[team.id]) continue;
      const join = policy.join({ scenario, state: current(), team: team.id, rng }, proposal);
      // A bot that wants to join but cannot (budget, confidence) abstains rather than declining: for an EU member, declining is a veto.
      send(actorOf(team.id), { type: 'respondJoint', proposal: proposal.id, join });
    }
  }
  for (const team of scenario.teams) {
    if (current().phase === 'deliberation') send(actorOf(team.id), { type: 'lockDecisions' });
  }
}

export interface BatchOptions {
  runs: number;
  seed: string;
  policies: string[];
  /** Mixed: each run gives the teams different policies in turn; otherwise every team plays the run's policy. */
  mix?: boolean;
  /** Policies built for this scenario, playable by name (e.g. its history track). */
  extra?: Record<string, BotPolicy>;
}

/**
 * Run i of a batch: seed "<seed>-<i>" and, unmixed, policy i mod k for every
 * team, so each policy gets an equal share of runs. A run depends on nothing
 * but its index, so any slice of a batch can be played anywhere.
 */
export function batchRun(scenario: Scenario, options: BatchOptions, i: number, observe?: DeliberationObserver): RunRecord {
  const k = options.policies.length;
  const names = options.mix ? options.policies.map((_, j) => options.policies[(i + j) % k]!) : [options.policies[i % k]!];
  const run = simulateExercise(scenario, `${options.seed}-${i}`, resolvePolicies(scenario, names, options.extra), 0, observe);
  return { policy: options.mix ? 'mixed' : names[0]!, state: run.state, rejected: run.rejected };
}

/**
 * Plays runs [from, to) of a batch and tallies them as they finish: no run
 * is kept, so memory stays flat however many are played.
 */
export function tallyBatch(scenario: Scenario, options: BatchOptions, from = 0, to = options.runs, onRun?: (done: number) => void): SummaryTally {
  const tally = emptyTally(scenario);
  for (let i = from; i < to; i++) {
    tallyRun(scenario, tally, batchRun(scenario, options, i));
    onRun?.(i + 1 - from);
  }
  return tally;
}

/** Plays a batch and keeps every run, for callers that need the final states. */
export function runBatch(scenario: Scenario, options: BatchOptions, onRun?: (done: number) => void): RunRecord[] {
  const records: RunRecord[] = [];
  for (let i = 0; i < options.runs; i++) {
    records.push(batchRun(scenario, options, i));
    onRun?.(i + 1);
  }
  return records;
}
