/**
 * Plans for the balance search: for every team and round, the actions it
 * wants in order of preference, whether it shares its evidence, joins allies'
 * proposals and ticks the safeguards. A plan is fixed before play; at play
 * time each wish is taken only if the rules allow it then, aimed at the
 * worst incident it may answer, so one plan can be judged on many seeds.
 * A plan may rest on a bot: where a cell is empty (null) the team plays as
 * that bot would, so the search can start from the bots and improve on them.
 */
import { Rng, seedRng } from '../random';
import { checkDraft, holdsInstrument } from '../rules/decisions';
import { confidenceOfTeam } from '../rules/readers';
import type { Action, Scenario } from '../scenario/schema';
import { bestCaseOptions } from '../scoring/decision';
import type { CommandBody } from '../types';
import type { BotContext, BotPolicy } from './policies';

export interface PlanCell {
  /** Action ids, most wanted first. */
  picks: string[];
  share: boolean;
  join: boolean;
  safeguards: boolean;
}

export interface Plan {
  id: string;
  /** The bot (a policy id) a team follows in a round whose cell is null; without one, a null cell does nothing. */
  base?: string;
  /** Team id to one cell per round. */
  cells: Record<string, (PlanCell | null)[]>;
}

/**
 * The responses a team could ever take: open to it and with a legal basis it
 * has. A stance on attribution is left out: it changes neither the scores nor
 * the outcome, so drawing it would only thin the plans.
 */
export function actionsOpenTo(scenario: Scenario, team: string): Action[] {
  const def = scenario.teams.find((t) => t.id === team)!;
  return scenario.actions.filter((a) => !a.attributionStance && holdsInstrument(def, a));
}

function randomCell(scenario: Scenario, team: string, rng: Rng): PlanCell {
  const open = actionsOpenTo(scenario, team);
  const count = Math.floor(rng.next() * (scenario.maxActionsPerRound + 1));
  const picks: string[] = [];
  while (picks.length < Math.min(count, open.length)) {
    const id = rng.pick(open)!.id;
    if (!picks.includes(id)) picks.push(id);
  }
  return { picks, share: rng.chance(0.5), join: rng.chance(0.5), safeguards: rng.chance(0.5) };
}

export function randomPlan(scenario: Scenario, id: string, rng: Rng): Plan {
  const cells = Object.fromEntries(scenario.teams.map((t) => [t.id, scenario.rounds.map(() => randomCell(scenario, t.id, rng))]));
  return { id, cells };
}

/** A plan that plays a bot throughout: a starting point for the search. */
export function botPlan(scenario: Scenario, base: string): Plan {
  return { id: `bot-${base}`, base, cells: Object.fromEntries(scenario.teams.map((t) => [t.id, scenario.rounds.map(() => null)])) };
}

/** A neighbour: one team's wishes for one round drawn afresh, or (on a bot's plan) handed back to the bot. */
export function mutatePlan(scenario: Scenario, plan: Plan, id: string, rng: Rng): Plan {
  const team = rng.pick(scenario.teams)!.id;
  const round = Math.floor(rng.next() * scenario.rounds.length);
  const fresh = plan.base && plan.cells[team]![round] !== null && rng.chance(0.3) ? null : randomCell(scenario, team, rng);
  const cells = { ...plan.cells, [team]: plan.cells[team]!.map((cell, i) => (i === round ? fresh : cell)) };
  return { id, ...(plan.base ? { base: plan.base } : {}), cells };
}

export function randomPlans(scenario: Scenario, count: number, seed: string): Plan[] {
  const rng = new Rng(seedRng(`${seed}/plans`));
  return Array.from({ length: count }, (_, i) => randomPlan(scenario, `random-${i + 1}`, rng));
}

function cellOf(plan: Plan, ctx: BotContext): PlanCell | null | undefined {
  return plan.cells[ctx.team]?.[ctx.state.round - 1];
}

/** The wish as a command, if the rules allow it now: the incident with the most harm among those it may answer. */
function wishCommand(ctx: BotContext, action: Action, safeguards: boolean): CommandBody | null {
  const { scenario, state, team } = ctx;
  const options = safeguards ? bestCaseOptions(action) : {};
  const incidents = action.targetsIncident
    ? scenario.incidents
        .map((i) => i.id)
        .filter((id) => !checkDraft(scenario, state, team, { action: action.id, incident: id, options }))
        .sort((a, b) => state.incidents[b]!.harm - state.incidents[a]!.harm)
    : checkDraft(scenario, state, team, { action: action.id, options })
      ? []
      : [undefined];
  if (incidents.length === 0) return null;
  const incident = incidents[0];
  const draft = { action: action.id, ...(incident ? { incident } : {}), options, rationale: 'Planned.' };
  if (!action.joinable) return { type: 'draftDecision', draft };
  const open = Object.values(state.proposals).find(
    (p) => p.round === state.round && p.by !== team && p.action === action.id && (p.incident ?? undefined) === incident && !p.responses[team],
  );
  return open ? { type: 'respondJoint', proposal: open.id, join: true, rationale: 'Planned.' } : { type: 'proposeJoint', draft };
}

/** The policy that plays a plan; `bots` resolves the plan's base (the bots the balance report plays). */
export function planPolicy(plan: Plan, bots: Record<string, BotPolicy> = {}): BotPolicy {
  const base = plan.base ? bots[plan.base] : undefined;
  if (plan.base && !base) throw new Error(`Unknown base policy "${plan.base}" for plan ${plan.id}`);
  return {
    id: plan.id,
    description: 'A fixed plan of wishes per team and round, taken where the rules allow.',
    plan(ctx) {
      const cell = cellOf(plan, ctx);
      if (cell === null && base) return base.plan(ctx);
      if (!cell) return [];
      const { scenario, state, team } = ctx;
      const commands: CommandBody[] = [];
      if (cell.share) {
        for (const incident of scenario.incidents) {
          if (state.incidents[incident.id]?.active && confidenceOfTeam(scenario, state, incident.id, team) && !state.teams[team]!.shared.includes(incident.id)) {
            commands.push({ type: 'shareIntel', incident: incident.id, with: 'coalition' });
          }
        }
      }
      for (const id of cell.picks) {
        const action = scenario.actions.find((a) => a.id === id);
        const command = action && wishCommand(ctx, action, cell.safeguards);
        if (command) commands.push(command);
      }
      return commands;
    },
    join(ctx, proposal) {
      const cell = cellOf(plan, ctx);
      if (cell === null && base) return base.join(ctx, proposal);
      return cell?.join ?? false;
    },
  };
}
