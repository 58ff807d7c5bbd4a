/** Choosing legal moves from what a team's view says is available. */
import type { DecisionDraft } from '../../src/engine/types';
import type { ExerciseView } from '../../src/engine/view/types';

/** Every draft the view marks as available now, skipping actions already in the team's plan. */
export function legalDrafts(view: ExerciseView): DecisionDraft[] {
  const me = view.viewer.role === 'team' ? view.viewer.team : null;
  const plan = view.teams.find((t) => t.id === me)?.plan ?? [];
  const drafts: DecisionDraft[] = [];
  for (const action of view.actions) {
    const availability = action.availability;
    if (!availability?.available) continue;
    if (action.targetsIncident) {
      for (const [incident, state] of Object.entries(availability.byIncident)) {
        if (!state.available) continue;
        if (plan.some((p) => p.action === action.id && p.incident === incident)) continue;
        drafts.push({ action: action.id, incident, rationale: `Respond to ${incident} with ${action.name}.` });
      }
    } else if (!plan.some((p) => p.action === action.id)) {
      drafts.push({ action: action.id, rationale: `${action.name} is prudent.` });
    }
  }
  return drafts;
}

/** A pseudo-random pick that depends only on the inputs. */
export function pick<T>(items: T[], salt: number): T | undefined {
  if (items.length === 0) return undefined;
  return items[Math.abs(salt) % items.length];
}
