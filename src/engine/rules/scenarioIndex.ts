/** Look-ups over a scenario, built once per scenario object. */
import type { Action, Incident, Inject, Scenario, Team } from '../scenario/schema';

export interface ScenarioIndex {
  teams: Map<string, Team>;
  teamIds: string[];
  actions: Map<string, Action>;
  incidents: Map<string, Incident>;
  injects: Map<string, Inject>;
  indicators: Map<string, Scenario['indicators'][number]>;
  moves: Map<string, Scenario['adversary']['moves'][number]>;
  objectives: Set<string>;
  legalBases: Map<string, Scenario['legalBases'][number]>;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

export function indexOf(scenario: Scenario): ScenarioIndex {
  let index = cache.get(scenario);
  if (!index) {
    index = {
      teams: new Map(scenario.teams.map((t) => [t.id, t])),
      teamIds: scenario.teams.map((t) => t.id),
      actions: new Map(scenario.actions.map((a) => [a.id, a])),
      incidents: new Map(scenario.incidents.map((i) => [i.id, i])),
      injects: new Map(scenario.injects.map((i) => [i.id, i])),
      indicators: new Map(scenario.indicators.map((i) => [i.id, i])),
      moves: new Map(scenario.adversary.moves.map((m) => [m.id, m])),
      objectives: new Set(scenario.meta.learningObjectives.map((o) => o.id)),
      legalBases: new Map(scenario.legalBases.map((b) => [b.id, b])),
    };
    cache.set(scenario, index);
  }
  return index;
}

/** A round's deliberation time in minutes: its own, else the scenario's roundMinutes. */
export function roundMinutes(scenario: Scenario, round: number): number {
  return scenario.rounds[round - 1]?.minutes ?? scenario.roundMinutes;
}

export function teamName(scenario: Scenario, team: string): string {
  return indexOf(scenario).teams.get(team)?.name ?? team;
}

/** What players read for a legal basis: its name from the scenario's catalogue, or the text the scenario gives. */
export function legalBasisName(scenario: Scenario, basis: string): string {
  return indexOf(scenario).legalBases.get(basis)?.name ?? basis;
}

export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
