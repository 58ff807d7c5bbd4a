/**
 * Who may see what. The projection and the timeline both ask these
 * functions, so a rule of secrecy is written once.
 */
import type { Action } from '../scenario/schema';
import type { TimelineEntry } from '../types';
import type { Viewer } from '../view/types';

export type Audience = TimelineEntry['audience'];

export function canSee(audience: Audience, viewer: Viewer, revealAll = false): boolean {
  if (viewer.role === 'facilitator') return true;
  if (audience === 'facilitator') return false;
  if (audience === 'all') return true;
  if (viewer.role === 'observer' || revealAll) return viewer.role !== 'redCell';
  return viewer.role === 'team' && audience.teams.includes(viewer.team);
}

/** A team sees its own report card at the debrief; the facilitator and evaluators see every team's as the exercise goes. */
export const canSeeReportCard = (viewer: Viewer, team: string, debrief: boolean): boolean =>
  viewer.role === 'facilitator' || viewer.role === 'observer' || (debrief && viewer.role === 'team' && viewer.team === team);

/** Investigations and intelligence work are a government's secret. */
export function isSecretCategory(category: string | undefined): boolean {
  return category === 'investigate' || category === 'intelligence';
}

/** Secret work is seen by its own government only; a private signal reaches its target too; the rest is public. */
export function decisionAudience(action: Action | undefined, team: string): Audience {
  return isSecretCategory(action?.category) ? { teams: [team] } : 'all';
}
