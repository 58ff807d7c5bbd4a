/**
 * Media and public opinion, as rules read them: each government's public at
 * the start, and the domestic pressure its trust puts on the government.
 * How trust and attention move is in adjudicate/opinionTurn.ts; grounding in
 * docs/rules.md ("Media and public opinion").
 */
import type { PublicOpinion, Scenario } from '../scenario/schema';
import type { ExerciseState, OpinionState } from '../types';
import { indexOf } from './scenarioIndex';

export function startingOpinion(section: PublicOpinion): OpinionState {
  return {
    publics: Object.fromEntries(section.publics.map((p) => [p.team, { trust: p.trust, attention: 0, why: [] }])),
    claims: [],
    reach: {},
    narrowed: {},
  };
}

/**
 * The domestic pressure a government is under: its own (team.domesticPressure),
 * raised as its public's trust falls below where it started and eased as it
 * rises above, within 0-1. Without a public, its own.
 */
export function domesticPressureOf(scenario: Scenario, state: ExerciseState, team: string): number {
  const base = indexOf(scenario).teams.get(team)?.domesticPressure ?? 0;
  const section = scenario.publicOpinion;
  const start = section?.publics.find((p) => p.team === team)?.trust;
  const now = state.opinion?.publics[team]?.trust;
  if (!section || start === undefined || now === undefined) return base;
  const pressure = base + (start - now) * section.pressurePerTrust;
  return Math.round(Math.min(1, Math.max(0, pressure)) * 100) / 100;
}

/** The mean trust of the publics: the ground the adversary's information operations work on. */
export function meanTrust(state: ExerciseState): number {
  const publics = Object.values(state.opinion?.publics ?? {});
  return publics.length === 0 ? 100 : publics.reduce((sum, p) => sum + p.trust, 0) / publics.length;
}
