/**
 * Politics at home: steps that spend a government's political capital with
 * its own public, parliament or allies, in proportion to its
 * domesticPressure. They are paid when drafted, with the action's price
 * (rules/decisions.ts, draftCost), and refunded with it.
 */
import type { Action, Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import { indexOf } from './scenarioIndex';
import { domesticPressureOf } from './publicOpinion';

/** Political capital a step costs at home at domesticPressure 1; at least 1 for any government. */
export const DOMESTIC_COST_SCALE = 2;

export interface DomesticCost {
  capital: number;
  /** Completes "… (with N for …)". */
  reason: string;
}

/** A public statement or measure: rung 2 or more, outside secret and preparatory work. */
function isPublicStep(action: Action): boolean {
  return action.rung >= 2 && ['attribution', 'diplomatic', 'legal', 'economic', 'cyber', 'military'].includes(action.category);
}

/** The governments whose election (or rights) the incidents concern; every team when no incident names them. */
function injuredTeams(scenario: Scenario, incident: string | null): string[] {
  const index = indexOf(scenario);
  if (incident) return index.incidents.get(incident)?.injured ?? index.teamIds;
  const named = scenario.incidents.flatMap((i) => i.injured ?? []);
  return named.length > 0 ? [...new Set(named)] : index.teamIds;
}

/** Each reason this step costs the government at home, with what it costs. */
export function domesticCosts(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): DomesticCost[] {
  const teamDef = indexOf(scenario).teams.get(team);
  if (!teamDef || teamDef.kind === 'institution') return [];
  // The public's trust moves the pressure (rules/publicOpinion.ts); without a public it is the team's own.
  const price = Math.max(1, Math.round(DOMESTIC_COST_SCALE * domesticPressureOf(scenario, state, team)));
  const costs: DomesticCost[] = [];
  const concerned = injuredTeams(scenario, incident).includes(team);
  if (isPublicStep(action) && ['attribution', 'diplomatic'].includes(action.category) && !concerned) {
    costs.push({ capital: price, reason: "speaking publicly about another country's election" });
  }
  if (isPublicStep(action) && action.rung >= 3 && concerned && scenario.electionRounds.includes(state.round)) {
    costs.push({ capital: price, reason: 'a step on your own election that reads as partisan so close to the vote' });
  }
  if (action.invitesMirroring) costs.push({ capital: price, reason: 'expulsions, which your own diplomats and businesses pay for' });
  if (action.category === 'military') costs.push({ capital: price, reason: 'asking allies to consult under the North Atlantic Treaty' });
  return costs;
}
