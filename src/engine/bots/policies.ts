/**
 * Scripted policies for simulation, playtests and empty seats. A policy ranks
 * the legal moves of its team; the driver applies them in that order until
 * the plan is full. Policies see only what the team's projection shows.
 */
import type { Rng } from '../random';
import { checkDraft } from '../rules/decisions';
import { confidenceOfTeam } from '../rules/readers';
import { sees } from '../rules/visibility';
import type { Action, Incident, Scenario } from '../scenario/schema';
import { bestCaseOptions, proportionalityPreviews } from '../scoring/decision';
import type { CommandBody, ExerciseState, JointProposal } from '../types';
import type { Viewer } from '../view/types';

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

/**
 * A response the team could draft now: the action, the incident it would
 * target, and its proportionality preview. The preview (the value the rule
 * that will judge the decision gives it now) is scored the first time a
 * policy reads it: most policies read it only to break ties, and the random
 * one never does. The state does not change while a plan is made, so a
 * preview read late is the preview read early.
 */
class Option {
  #preview: number | undefined;

  constructor(
    private readonly previews: Previews,
    readonly action: Action,
    readonly incident: string | null,
  ) {}

  get preview(): number {
    this.#preview ??= this.previews(this.action, this.incident, bestCaseOptions(this.action));
    return this.#preview;
  }
}

type Previews = ReturnType<typeof proportionalityPreviews>;

/**
 * Every response the team could draft now (stances on attribution left out:
 * the bots play responses, and a stance is none), in the order its view lists
 * them: the actions open to it in the scenario's order, each on every incident
 * that has come to light. `keep` leaves out actions the policy would never
 * take before the rules are asked about them.
 */
export function legalOptions(ctx: BotContext, keep: (action: Action) => boolean = () => true): Option[] {
  const { scenario, state, team } = ctx;
  const options: Option[] = [];
  const previews = proportionalityPreviews(scenario, state, team);
  for (const action of scenario.actions) {
    if ((action.availableTo && !action.availableTo.includes(team)) || action.attributionStance || !keep(action)) continue;
    if (!action.targetsIncident) {
      if (!checkDraft(scenario, state, team, { action: action.id })) options.push(new Option(previews, action, null));
      continue;
    }
    for (const incident of visibleIncidents(ctx)) {
      if (!checkDraft(scenario, state, team, { action: action.id, incident: incident.id })) options.push(new Option(previews, action, incident.id));
    }
  }
  return options;
}

/** The incidents the team's view lists: those that have come to light (all of them at the debrief). */
function visibleIncidents({ scenario, state, team }: BotContext): Incident[] {
  const debrief = state.phase === 'debrief';
  return scenario.incidents.filter((i) => state.incidents[i.id]!.active || sees('undiscoveredIncidents', { role: 'team', team }, debrief));
}

const allProcedures = (action: Action) =>
  Object.fromEntries(action.procedures.filter((p) => p !== 'urgent').map((p) => [p, true]));

/** Joining an ally's open proposal for the same action beats proposing a second one. */
function openProposal(ctx: BotContext, option: Option) {
  const { state, team } = ctx;
  const viewer: Viewer = { role: 'team', team };
  const debrief = state.phase === 'debrief';
  return Object.values(state.proposals).find(
    (p) =>
      sees('proposal', viewer, debrief, p.by) &&
      p.round === state.round &&
      p.action === option.action.id &&
      p.incident === option.incident &&
      p.by !== team &&
      !p.responses[team],
  );
}

function draft(ctx: BotContext, option: Option, rationale: string, withProcedures = true): CommandBody {
  const proposal = option.action.joinable ? openProposal(ctx, option) : undefined;
  if (proposal) return { type: 'respondJoint', proposal: proposal.id, join: true, rationale };
  const body = {
    action: option.action.id,
    ...(option.incident ? { incident: option.incident } : {}),
    options: withProcedures ? allProcedures(option.action) : {},
    rationale,
  };
  return option.action.joinable ? { type: 'proposeJoint', draft: body } : { type: 'draftDecision', draft: body };
}

/**
 * Share what this team knows with everyone, on incidents where it has an
 * assessment that it has not shared yet. Its own assessments and its own
 * sharing are always in its view (rules/visibility.ts).
 */
function shareAll(ctx: BotContext): CommandBody[] {
  const { scenario, state, team } = ctx;
  return visibleIncidents(ctx)
    .filter((i) => confidenceOfTeam(scenario, state, i.id, team) && !(state.attribution[i.id]!.coalition.context.sharedBy as string[]).includes(team))
    .map((i) => ({ type: 'shareIntel', incident: i.id, with: 'coalition' }) as CommandBody);
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
    const options = legalOptions(ctx, (a) => a.category !== 'rollback' && a.category !== 'deEscalation');
    options.sort((a, b) => b.action.severity - a.action.severity || b.preview - a.preview);
    return options.map((o) => draft(ctx, o, 'Costs must be imposed now.', ctx.rng.chance(0.5)));
  },
  join(ctx, proposal) {
    return (ctx.scenario.actions.find((a) => a.id === proposal.action)?.severity ?? 0) >= 3;
  },
};

export const restrained: BotPolicy = {
  id: 'restrained',
  description: 'Investigates, builds resilience and signals privately; escalates only with strong evidence and a good fit.',
  plan(ctx) {
    const preferred = ['investigate', 'resilience', 'signalling', 'attribution', 'diplomatic', 'legal', 'deEscalation'];
    const options = legalOptions(ctx, (a) => a.severity <= 4 && a.category !== 'rollback').filter((o) => o.preview >= 60);
    options.sort(
      (a, b) =>
        preferred.indexOf(a.action.category) - preferred.indexOf(b.action.category) ||
        b.preview - a.preview,
    );
    return [...shareAll(ctx), ...options.map((o) => draft(ctx, o, 'Measured and evidence-led.'))];
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
    const options = legalOptions(ctx, (a) => a.category !== 'rollback' && (a.joinable || a.rung <= 2));
    options.sort((a, b) => Number(b.action.joinable) - Number(a.action.joinable) || b.preview - a.preview);
    return [...shareAll(ctx), ...options.map((o) => draft(ctx, o, 'Together with our allies.'))];
  },
  join() {
    return true;
  },
};

export const randomLegal: BotPolicy = {
  id: 'random-legal',
  description: 'Any legal move at random: for fuzzing the engine.',
  plan(ctx) {
    const moves = [...legalOptions(ctx).map((o) => draft(ctx, o, 'At random.', ctx.rng.chance(0.5))), ...shareAll(ctx)];
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
    const options = legalOptions(ctx, (a) => a.category !== 'rollback');
    options.sort((a, b) => b.preview - a.preview || a.action.id.localeCompare(b.action.id));
    return [...shareAll(ctx), ...options.map((o) => draft(ctx, o, 'The best-scoring move.'))];
  },
  join() {
    return true;
  },
};

/** The bots that play a scenario as players might; the balance report plays each of them. */
export const BOTS: BotPolicy[] = [hawkish, restrained, coalitionFollower, randomLegal];

export const POLICIES: Record<string, BotPolicy> = Object.fromEntries([...BOTS, doNothing, greedyOnScore].map((p) => [p.id, p]));
