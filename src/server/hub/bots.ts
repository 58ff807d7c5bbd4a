/**
 * Bot seats: teams the server plays with one of the engine's bot policies,
 * for an author trying a draft scenario with bots in the seats they do not
 * take. A bot drafts its plan as soon as its team deliberates, so the people
 * playing can join its proposals; it answers their proposals and locks once
 * every team played by people has locked (at once when there is none). Its
 * commands take the authority loop like a team vote's: checked by the
 * engine, stored and published, so the exercise replays from its log like
 * any other.
 *
 * Bots come two ways, and both end in the exercise's state (and its log),
 * so they play on after a restart: given at exercise:create (an author
 * trying a draft), the server seats them with the facilitator's seatBot
 * commands as the exercise is created; given by the facilitator before the
 * start (seatBot, for a team nobody joined), they are that command.
 */
import { randomUUID } from 'node:crypto';
import { BOTS, POLICIES, type BotPolicy } from '../../engine/bots/policies';
import { Rng, seedRng } from '../../engine/random';
import type { CommandBody, TeamId } from '../../engine/types';
import type { ExerciseRuntime } from '../exercise';
import { decide, serial } from './commands';
import type { HubContext } from './context';

interface BotSeats {
  rng: Rng;
  /** The round each bot last planned, so that it plans once a round. */
  planned: Map<TeamId, number>;
  scheduled: boolean;
}

const seats = new WeakMap<ExerciseRuntime, BotSeats>();

/** Why these bot seats cannot be given to this exercise, or null. */
export function botSeatsProblem(ex: Pick<ExerciseRuntime, 'scenario'>, bots: Record<string, string>): string | null {
  const teams = ex.scenario.teams.map((t) => t.id);
  for (const [team, policy] of Object.entries(bots)) {
    if (!teams.includes(team)) return `There is no team "${team}" in this scenario to give a bot (teams: ${teams.join(', ')}).`;
    if (!BOTS.some((b) => b.id === policy)) return `There is no bot policy "${policy}" (policies: ${BOTS.map((b) => b.id).join(', ')}).`;
  }
  return null;
}

/** Seats the bots given at exercise:create, each with the facilitator's seatBot command, stored like any other. */
export async function seatBotsAtCreation(ctx: HubContext, ex: ExerciseRuntime, bots: Record<string, string>, facilitatorName: string): Promise<void> {
  for (const [team, policy] of Object.entries(bots)) {
    const submission = { seat: null, actor: { role: 'facilitator' as const, name: facilitatorName }, id: `create:bot:${team}`, body: { type: 'seatBot' as const, team, policy } };
    const { answer } = await serial(ctx, ex, () => decide(ctx, ex, submission));
    if (!answer.ok) throw new Error(`seating the bot of ${team} failed: ${answer.code} ${answer.message}`);
  }
}

function seatsOf(ex: ExerciseRuntime): BotSeats {
  let bots = seats.get(ex);
  if (!bots) seats.set(ex, (bots = { rng: new Rng(seedRng(`${ex.meta.seed}/bot-seats`)), planned: new Map(), scheduled: false }));
  return bots;
}

/** Every bot seat of the exercise, as its state records them (seatBot). */
function policiesOf(ex: ExerciseRuntime): Map<TeamId, BotPolicy> {
  const policies = new Map<TeamId, BotPolicy>();
  for (const [team, state] of Object.entries(ex.state.teams)) {
    const policy = state.bot ? POLICIES[state.bot] : undefined;
    if (policy) policies.set(team, policy);
  }
  return policies;
}

export function botTeams(ex: ExerciseRuntime): TeamId[] {
  return [...policiesOf(ex).keys()];
}

/** After an accepted command: let the bots act, in a task of their own once the current one ends. */
export function scheduleBots(ctx: HubContext, ex: ExerciseRuntime): void {
  if (ctx.closing || policiesOf(ex).size === 0) return;
  const bots = seatsOf(ex);
  if (bots.scheduled) return;
  bots.scheduled = true;
  setImmediate(() => {
    bots.scheduled = false;
    serial(ctx, ex, () => act(ctx, ex, bots)).catch((err: unknown) => ctx.logger.error({ err, exerciseId: ex.id }, 'bot seats failed'));
  });
}

async function act(ctx: HubContext, ex: ExerciseRuntime, bots: BotSeats): Promise<void> {
  const deliberating = () => ex.state.phase === 'deliberation' && !ex.state.paused;
  if (!deliberating()) return;
  const policies = policiesOf(ex);
  const send = (team: TeamId, body: CommandBody) =>
    decide(ctx, ex, { seat: null, actor: { role: 'team', team, name: `${policies.get(team)!.id} bot` }, id: `bot:${team}:${randomUUID()}`, body });
  const context = (team: TeamId) => ({ scenario: ex.scenario, state: ex.state, team, rng: bots.rng });

  for (const [team, policy] of policies) {
    if (bots.planned.get(team) === ex.state.round) continue;
    bots.planned.set(team, ex.state.round);
    for (const body of policy.plan(context(team))) {
      if (!deliberating() || ex.state.teams[team]!.plan.length >= ex.scenario.maxActionsPerRound) break;
      await send(team, body);
    }
  }
  const people = ex.scenario.teams.map((t) => t.id).filter((t) => !policies.has(t) && !ex.state.teams[t]!.absent);
  if (!people.every((t) => ex.state.teams[t]!.locked)) return;
  for (const [team, policy] of policies) {
    for (const proposal of Object.values(ex.state.proposals)) {
      if (!deliberating() || proposal.round !== ex.state.round || proposal.by === team || proposal.responses[team]) continue;
      await send(team, { type: 'respondJoint', proposal: proposal.id, join: policy.join(context(team), proposal) });
    }
    if (deliberating() && !ex.state.teams[team]!.locked) await send(team, { type: 'lockDecisions' });
  }
}
