/**
 * Scripted policies for simulation, playtests and empty seats. A policy ranks
 * the legal moves of its team; the driver applies them in that order until
 * the plan is full. Policies see only what the team's projection shows.
 */
import type { Rng } from '../random';
import type { Scenario } from '../scenario/schema';
import type { CommandBody, ExerciseState, JointProposal } from '../types';
import { actionsView, incidentsView, meView, proposalsView } from '../view/project';
import type { ActionView, ExerciseView, Viewer } from '../view/types';

export interface BotContext {
  scenario: Scenario;
  state: ExerciseState;
  team: string;
  rng: Rng;
}

export interface BotPolicy {
  id: string;
  description: string;
  /** Drafts, proposals and intelligence sharing for this round, best first. */
  plan(ctx: BotContext): CommandBody[];
  /** Whether to join an ally's proposal. */
  join(ctx: BotContext, proposal: JointProposal): boolean;
}

interface Option {
  action: ActionView;
  incident: string | null;
  preview: number;
}

/**
 * Every response the team could draft now, with the incident it would target
 * and its proportionality preview. With the scenario, stances on attribution
 * are left out: the bots play responses, and a stance is none.
 */
export function legalOptions(view: Pick<ExerciseView, 'actions'>, scenario?: Scenario): Option[] {
  const options: Option[] = [];
  const stances = new Set(scenario?.actions.filter((a) => a.attributionStance).map((a) => a.id) ?? []);
  for (const action of view.actions) {
    if (stances.has(action.id)) continue;
    const availability = action.availability;
    if (!availability?.available) continue;
    if (!action.targetsIncident) {
      options.push({ action, incident: null, preview: availability.proportionalityPreview ?? 0 });
      continue;
    }
    for (const [incident, entry] of Object.entries(availability.byIncident)) {
      if (entry.available) options.push({ action, incident, preview: entry.proportionalityPreview ?? 0 });
    }
  }
  return options;
}

const allProcedures = (action: ActionView) =>
  Object.fromEntries(action.procedures.filter((p) => p !== 'urgent').map((p) => [p, true]));

/** Joining an ally's open proposal for the same action beats proposing a second one. */
function openProposal(view: BotView, option: Option) {
  return view.proposals.find(
    (p) => p.round === view.round && p.action === option.action.id && p.incident === option.incident && p.by !== view.me?.team && !p.responses[view.me?.team ?? ''],
  );
}

function draft(view: BotView, option: Option, rationale: string, withProcedures = true): CommandBody {
  const proposal = option.action.joinable ? openProposal(view, option) : undefined;
  if (proposal) return { type: 'respondJoint', proposal: proposal.id, join: true, rationale };
  const body = {
    action: option.action.id,
    ...(option.incident ? { incident: option.incident } : {}),
    options: withProcedures ? allProcedures(option.action) : {},
    rationale,
  };
  return option.action.joinable ? { type: 'proposeJoint', draft: body } : { type: 'draftDecision', draft: body };
}

/** Share what this team knows with everyone, on incidents where it has an assessment. */
function shareAll(view: BotView): CommandBody[] {
  return view.incidents
    .filter((i) => i.byTeam[view.me!.team]?.confidence && !i.coalition.sharedBy.includes(view.me!.team))
    .map((i) => ({ type: 'shareIntel', incident: i.id, with: 'coalition' }) as CommandBody);
}

/**
 * What a bot decides on: the parts of its team's view that the policies read,
 * built by the same projection as the players' view. Building the whole view
 * (timeline, chat, decisions...) for every plan was most of a bot's cost.
 */
export type BotView = Pick<ExerciseView, 'round' | 'me' | 'actions' | 'incidents' | 'proposals'>;

function viewOf(ctx: BotContext): BotView {
  const viewer: Viewer = { role: 'team', team: ctx.team };
  return {
    round: ctx.state.round,
    me: meView(ctx.scenario, ctx.state, viewer),
    actions: actionsView(ctx.scenario, ctx.state, viewer),
    incidents: incidentsView(ctx.scenario, ctx.state, viewer),
    proposals: proposalsView(ctx.state, viewer),
  };
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export const hawkish: BotPolicy = {
  id: 'hawkish',
  description: 'Hits hard and early, alone if need be; keeps its intelligence to itself.',
  plan(ctx) {
    const view = viewOf(ctx);
    const options = legalOptions(view, ctx.scenario).filter((o) => o.action.category !== 'rollback' && o.action.category !== 'deEscalation');
    options.sort((a, b) => b.action.severity - a.action.severity || b.preview - a.preview);
    return options.map((o) => draft(view, o, 'Costs must be imposed now.', ctx.rng.chance(0.5)));
  },
  join(ctx, proposal) {
    return (ctx.scenario.actions.find((a) => a.id === proposal.action)?.severity ?? 0) >= 3;
  },
};

export const restrained: BotPolicy = {
  id: 'restrained',
  description: 'Investigates, builds resilience and signals privately; escalates only with strong evidence and a good fit.',
  plan(ctx) {
    const view = viewOf(ctx);
    const preferred = ['investigate', 'resilience', 'signalling', 'attribution', 'diplomatic', 'legal', 'deEscalation'];
    const options = legalOptions(view, ctx.scenario).filter((o) => o.action.severity <= 4 && o.preview >= 60 && o.action.category !== 'rollback');
    options.sort(
      (a, b) =>
        preferred.indexOf(a.action.category) - preferred.indexOf(b.action.category) ||
        b.preview - a.preview,
    );
    return [...shareAll(view), ...options.map((o) => draft(view, o, 'Measured and evidence-led.'))];
  },
  join(ctx, proposal) {
    const action = ctx.scenario.actions.find((a) => a.id === proposal.action);
    return !!action && action.severity <= 4;
  },
};

export const coalitionFollower: BotPolicy = {
  id: 'coalition-follower',
  description: 'Shares intelligence, joins allies\' proposals and proposes joint action once confident; never goes alone above a gesture.',
  plan(ctx) {
    const view = viewOf(ctx);
    const options = legalOptions(view, ctx.scenario).filter((o) => o.action.category !== 'rollback' && (o.action.joinable || o.action.rung <= 2));
    options.sort((a, b) => Number(b.action.joinable) - Number(a.action.joinable) || b.preview - a.preview);
    return [...shareAll(view), ...options.map((o) => draft(view, o, 'Together with our allies.'))];
  },
  join() {
    return true;
  },
};

export const randomLegal: BotPolicy = {
  id: 'random-legal',
  description: 'Any legal move at random: for fuzzing the engine.',
  plan(ctx) {
    const view = viewOf(ctx);
    const moves = [...legalOptions(view, ctx.scenario).map((o) => draft(view, o, 'At random.', ctx.rng.chance(0.5))), ...shareAll(view)];
    if (ctx.rng.chance(0.2)) moves.push({ type: 'chat', channel: ctx.rng.chance(0.5) ? 'team' : 'coalition', text: 'Thoughts?' });
    return shuffle(moves, ctx.rng);
  },
  join(ctx) {
    return ctx.rng.chance(0.5);
  },
};

/** The baseline every scenario must punish: no government does anything. */
export const doNothing: BotPolicy = {
  id: 'do-nothing',
  description: 'Does nothing at all: the baseline that must never succeed.',
  plan() {
    return [];
  },
  join() {
    return false;
  },
};

/** Chases the score: the moves the scorer rates highest, every safeguard ticked, all evidence shared, every proposal joined. */
export const greedyOnScore: BotPolicy = {
  id: 'greedy',
  description: 'Takes the legal moves with the best proportionality preview, shares everything and joins every proposal.',
  plan(ctx) {
    const view = viewOf(ctx);
    const options = legalOptions(view, ctx.scenario).filter((o) => o.action.category !== 'rollback');
    options.sort((a, b) => b.preview - a.preview || a.action.id.localeCompare(b.action.id));
    return [...shareAll(view), ...options.map((o) => draft(view, o, 'The best-scoring move.'))];
  },
  join() {
    return true;
  },
};

/** The bots that play a scenario as players might; the balance report plays each of them. */
export const BOTS: BotPolicy[] = [hawkish, restrained, coalitionFollower, randomLegal];

export const POLICIES: Record<string, BotPolicy> = Object.fromEntries([...BOTS, doNothing, greedyOnScore].map((p) => [p.id, p]));
