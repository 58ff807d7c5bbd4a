/**
 * Who may see what: the one place where a rule of secrecy is written. The
 * projection (live views, the debrief and the report), the server's presence
 * list and the log exports all ask this module, and the table below is the
 * one printed in docs/protocol.md ("Who sees what"; a test keeps the two equal).
 *
 * A row gives, per kind of viewer, when it may see a kind of data:
 * always, from the debrief on, or never. "Own team" is the team the data
 * belongs to (its author, or a team it was addressed to); "other teams" are
 * the rest of the coalition.
 */
import type { Action } from '../scenario/schema';
import type { AdhocInject, Command, CommandBody, ExercisePhase, ObserverNote, TeamId, TimelineEntry } from '../types';
import type { Viewer } from '../view/types';

export type Audience = TimelineEntry['audience'];

/** When a viewer may see a kind of data. */
export type Access = 'always' | 'debrief' | 'never';

export interface VisibilityRule {
  /** What the row covers, as the table in docs/protocol.md words it. */
  what: string;
  facilitator: Access;
  observer: Access;
  ownTeam: Access;
  otherTeams: Access;
  redCell: Access;
}

/** The table. Every function below reads it; none states a rule of its own. */
export const VISIBILITY = {
  public: {
    what: "Public facts: scenario outline, round, clock, escalation, announcements, public decisions, injects and timeline entries for everyone, each team's number of drafts and whether it has locked",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'always',
  },
  briefing: {
    what: "A government's briefing, legal bases and constraints (`me`)",
    facilitator: 'never', observer: 'never', ownTeam: 'always', otherTeams: 'never', redCell: 'never',
  },
  plan: {
    what: "A team's plan before resolution: drafts with their rationales, capital and intelligence left; a draft's text in an export",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'never', redCell: 'never',
  },
  rationale: {
    what: 'The rationale of a resolved decision, of a joint proposal and of an answer to one',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  proposal: {
    what: 'Joint proposals and who joined or declined them (without the rationales)',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'never',
  },
  secretWork: {
    what: 'Decisions in the investigate and intelligence categories, and their timeline entries',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  scoreReasons: {
    what: "Why a decision or a round scored as it did (the score's components, rules and summary, fetched with score:explain; the view carries the value)",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'never',
  },
  confidenceReason: {
    what: "The part of a decision's score that states its government's own attribution confidence",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  undiscoveredIncidents: {
    what: 'Incidents that have not come to light yet',
    facilitator: 'always', observer: 'always', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'debrief',
  },
  attribution: {
    what: "A government's attribution of an incident: confidence, evidence, assessed responsibility, a private stage",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  addressed: {
    what: 'Injects and timeline entries addressed to some teams (private injects, intelligence shared with named allies)',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  teamChat: {
    what: "A team's own chat channel",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'never', redCell: 'never',
  },
  coalitionChat: {
    what: 'The coalition chat channel',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'never',
  },
  observerNotes: {
    what: "An observer's evaluation notes",
    facilitator: 'always', observer: 'always', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'debrief',
  },
  facilitatorNotes: {
    what: "The facilitator's evaluation notes",
    facilitator: 'always', observer: 'debrief', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'debrief',
  },
  readyVotes: {
    what: "Who in a team has voted ready to lock (presence)",
    facilitator: 'always', observer: 'never', ownTeam: 'always', otherTeams: 'never', redCell: 'never',
  },
  otherAdversaries: {
    what: "The posture and campaign phase of each further actor (otherAdversaries), like the adversary's own: public",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'always',
  },
  incidentActor: {
    what: 'Which adversary is behind each incident, and the governments it strikes, in scenarios with further actors (otherAdversaries): ground truth that attribution works towards',
    facilitator: 'always', observer: 'debrief', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'always',
  },
  adversary: {
    what: "The adversary's briefing and its menu of moves",
    facilitator: 'always', observer: 'never', ownTeam: 'never', otherTeams: 'never', redCell: 'always',
  },
  redCellChoice: {
    what: "The red cell's chosen move (also masked in exports)",
    facilitator: 'always', observer: 'never', ownTeam: 'never', otherTeams: 'never', redCell: 'always',
  },
  facilitatorOnly: {
    what: 'Ground truth, facilitator-only injects, indicators and facts, inject notes, held and upcoming injects, moves without news, the guide, the scenario text',
    facilitator: 'always', observer: 'never', ownTeam: 'never', otherTeams: 'never', redCell: 'never',
  },
  coalitionRecord: {
    what: 'The coalition attribution stage before a joint attribution',
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'always', redCell: 'never',
  },
  sharing: {
    what: "Who shared evidence with whom (the shared record's `sharedBy`; own team: the one that shared and the ones it shared with)",
    facilitator: 'always', observer: 'always', ownTeam: 'always', otherTeams: 'debrief', redCell: 'never',
  },
  seed: {
    what: "The exercise's seed (exports only; views never carry it)",
    facilitator: 'always', observer: 'debrief', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'never',
  },
  internals: {
    what: "The generator's state, hidden adversary internals, raw state-chart contexts, seat credentials",
    facilitator: 'never', observer: 'never', ownTeam: 'never', otherTeams: 'never', redCell: 'never',
  },
  reportCard: {
    what: "A team's report card (levels per learning objective, the decisions and measures behind them), alone or in a grade sheet",
    facilitator: 'always', observer: 'always', ownTeam: 'debrief', otherTeams: 'never', redCell: 'never',
  },
  export: {
    what: 'Taking an export of the log (JSON or CSV)',
    facilitator: 'always', observer: 'always', ownTeam: 'debrief', otherTeams: 'debrief', redCell: 'never',
  },
} as const satisfies Record<string, VisibilityRule>;

export type Visibility = keyof typeof VISIBILITY;

/** Whether a viewer may see data of this kind that belongs to `owner` (a team, or null when it belongs to none). */
export function sees(kind: Visibility, viewer: Viewer, debrief: boolean, owner: TeamId | readonly TeamId[] | null = null): boolean {
  const rule: VisibilityRule = VISIBILITY[kind];
  const access = accessOf(rule, viewer, owner);
  return access === 'always' || (access === 'debrief' && debrief);
}

function accessOf(rule: VisibilityRule, viewer: Viewer, owner: TeamId | readonly TeamId[] | null): Access {
  switch (viewer.role) {
    case 'facilitator':
      return rule.facilitator;
    case 'observer':
      return rule.observer;
    case 'redCell':
      return rule.redCell;
    case 'team': {
      const own = owner !== null && (typeof owner === 'string' ? owner === viewer.team : owner.includes(viewer.team));
      return own ? rule.ownTeam : rule.otherTeams;
    }
  }
}

/** Injects and timeline entries carry their audience. */
export function canSee(audience: Audience, viewer: Viewer, debrief: boolean): boolean {
  if (audience === 'all') return sees('public', viewer, debrief);
  if (audience === 'facilitator') return sees('facilitatorOnly', viewer, debrief);
  return sees('addressed', viewer, debrief, audience.teams);
}

/** Investigations and intelligence work are a government's secret. */
export function isSecretCategory(category: string | undefined): boolean {
  return category === 'investigate' || category === 'intelligence';
}

/** Secret work is seen by its own government only; the rest is public. */
export function decisionAudience(action: Action | undefined, team: string): Audience {
  return isSecretCategory(action?.category) ? { teams: [team] } : 'all';
}

/** A resolved decision (or its timeline entry) is secret work or public. */
export function seesDecision(action: Action | undefined, team: TeamId, viewer: Viewer, debrief: boolean): boolean {
  return sees(isSecretCategory(action?.category) ? 'secretWork' : 'public', viewer, debrief, team);
}

export function seesNote(note: Pick<ObserverNote, 'role'>, viewer: Viewer, debrief: boolean): boolean {
  return sees(note.role === 'facilitator' ? 'facilitatorNotes' : 'observerNotes', viewer, debrief);
}

export function seesChat(channel: 'team' | 'coalition' | 'announcement', team: TeamId | null, viewer: Viewer, debrief: boolean): boolean {
  if (channel === 'announcement') return sees('public', viewer, debrief);
  return sees(channel === 'team' ? 'teamChat' : 'coalitionChat', viewer, debrief, team);
}

/** Presence: a team member's ready vote. */
export function seesReadyVotes(team: TeamId, viewer: Viewer): boolean {
  return sees('readyVotes', viewer, false, team);
}

/** Exports: who may take one, in which phase. */
export function mayExport(viewer: Viewer, phase: ExercisePhase): boolean {
  return sees('export', viewer, phase === 'debrief', viewer.role === 'team' ? viewer.team : null);
}

export const REDACTED = '[redacted]';

/**
 * A logged command as a viewer's export shows it: what the viewer may not
 * see is replaced by "[redacted]" (the command keeps its shape, so the
 * export still says that something happened).
 */
export function redactCommand(body: CommandBody, actor: Command['actor'], viewer: Viewer, debrief: boolean): CommandBody {
  const team = actor.role === 'team' ? actor.team : null;
  switch (body.type) {
    case 'chat':
      return seesChat(body.channel, team, viewer, debrief) ? body : { ...body, text: REDACTED };
    case 'draftDecision':
      return sees('plan', viewer, debrief, team) ? body : { ...body, draft: { action: REDACTED, ...(body.draft.rationale ? { rationale: REDACTED } : {}) } };
    case 'proposeJoint':
      return sees('rationale', viewer, debrief, team) || !body.draft.rationale ? body : { ...body, draft: { ...body.draft, rationale: REDACTED } };
    case 'respondJoint':
      return sees('rationale', viewer, debrief, team) || !body.rationale ? body : { ...body, rationale: REDACTED };
    case 'note':
      return seesNote({ role: actor.role === 'facilitator' ? 'facilitator' : 'observer' }, viewer, debrief) ? body : { ...body, text: REDACTED };
    case 'chooseAdversaryMove':
      return sees('redCellChoice', viewer, debrief) || body.move === null ? body : { ...body, move: REDACTED };
    case 'holdInject':
      return sees('facilitatorOnly', viewer, debrief) ? body : { ...body, inject: REDACTED };
    case 'releaseAdhocInject':
      return canSee(body.inject.audience, viewer, debrief) ? body : { ...body, inject: redactedInject(body.inject) };
    case 'scheduleAdhocInject':
      // Until it goes out only the facilitator knows of it; by the debrief it has gone out to its audience.
      return sees('facilitatorOnly', viewer, false) || (debrief && canSee(body.inject.audience, viewer, debrief)) ? body : { ...body, inject: redactedInject(body.inject) };
    default:
      return body;
  }
}

function redactedInject(inject: AdhocInject): AdhocInject {
  return { ...inject, title: REDACTED, body: REDACTED, ...(inject.source ? { source: REDACTED } : {}) };
}

/** The table's viewer columns, in the order docs/protocol.md prints them. */
export const VIEWER_COLUMNS = ['facilitator', 'observer', 'ownTeam', 'otherTeams', 'redCell'] as const;

/** The table as printed in docs/protocol.md. */
export function visibilityTableMarkdown(): string {
  const word: Record<Access, string> = { always: 'yes', debrief: 'from the debrief', never: 'no' };
  const lines = ['| Rule | Data | Facilitator | Observer | Own team | Other teams | Red cell |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const [key, rule] of Object.entries(VISIBILITY) as [Visibility, VisibilityRule][]) {
    const cells = VIEWER_COLUMNS.map((column) => word[rule[column]]);
    lines.push(`| \`${key}\` | ${rule.what} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
