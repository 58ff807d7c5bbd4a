/**
 * History beside play: the scenario's history track told round by round in
 * the scenario's own names, with what the engine makes of it over many
 * seeds (its outcomes, its scores, its mean escalation and cohesion per
 * round), so that a debrief can put a team's choices beside what governments
 * really did and draw history's path on the same charts. Pure and seeded.
 */
import { exerciseCohesion } from '../scoring/cohesion';
import { exerciseProportionality } from '../scoring/exercise';
import type { HistoryTrack } from '../scenario/history';
import type { Scenario } from '../scenario/schema';
import type { OutcomeKind } from './balance';
import { historyPolicy } from './history';
import { simulateExercise } from './simulate';

export interface HistoryComparisonStep {
  team: string;
  teamName: string;
  /** What the government did, in the scenario's names: an action's name, or sharing its evidence. */
  did: string;
  date: string;
  what: string;
  sources: string[];
}

export interface HistoryComparison {
  title: string;
  record: { kind: OutcomeKind; summary: string; sources: string[] };
  /** Seeds the track was played on. */
  runs: number;
  /** Seeds ending in each outcome. */
  outcomes: Record<OutcomeKind, number>;
  meanProportionality: number | null;
  meanCohesion: number;
  /** The escalation level before the first round, as every run starts there. */
  startEscalation: number;
  rounds: {
    round: number;
    summary: string;
    steps: HistoryComparisonStep[];
    /** Means over the runs that reached the round; null when none did. */
    meanEscalation: number | null;
    meanCohesion: number | null;
  }[];
}

/** Runs the debrief shows by default: enough for a stable percentage, quick enough to compute on demand. */
export const HISTORY_COMPARISON_RUNS = 40;

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

function stepsOf(scenario: Scenario, track: HistoryTrack, round: number): HistoryComparisonStep[] {
  const teams = new Map(scenario.teams.map((t) => [t.id, t.name]));
  const actions = new Map(scenario.actions.map((a) => [a.id, a.name]));
  const steps = track.rounds.find((r) => r.round === round)?.steps ?? [];
  return steps.map((s) => ({
    team: s.team,
    teamName: teams.get(s.team) ?? s.team,
    did: s.do === 'share' ? 'Shared its evidence with the coalition' : `${actions.get(s.action!) ?? s.action}${s.do === 'propose' ? ' (proposed to allies)' : s.do === 'join' ? ' (joined an ally\'s proposal)' : ''}`,
    date: s.date,
    what: s.what,
    sources: s.sources,
  }));
}

/** What the runs so far add up to; fold runs in with addHistoryRun, one at a time if the caller must stay responsive. */
export interface HistoryTally {
  runs: number;
  outcomes: Record<OutcomeKind, number>;
  proportionality: number[];
  cohesion: number[];
  startEscalation: number;
  escalationByRound: Map<number, number[]>;
  cohesionByRound: Map<number, number[]>;
}

export function emptyHistoryTally(): HistoryTally {
  return { runs: 0, outcomes: { success: 0, neutral: 0, failure: 0 }, proportionality: [], cohesion: [], startEscalation: 0, escalationByRound: new Map(), cohesionByRound: new Map() };
}

/** Plays the track once, on the seed `${seed}/${tally.runs}`, and adds the run to the tally. */
export function addHistoryRun(tally: HistoryTally, scenario: Scenario, track: HistoryTrack, seed = 'history'): void {
  const policy = historyPolicy(track);
  const { state } = simulateExercise(scenario, `${seed}/${tally.runs}`, Object.fromEntries(scenario.teams.map((t) => [t.id, policy])));
  tally.runs += 1;
  tally.outcomes[state.outcome?.outcome ?? 'neutral'] += 1;
  const p = exerciseProportionality(scenario, state);
  if (p !== null) tally.proportionality.push(p);
  tally.cohesion.push(exerciseCohesion(state.rounds));
  tally.startEscalation = state.rounds[0]?.escalationBefore ?? tally.startEscalation;
  for (const r of state.rounds) {
    tally.escalationByRound.set(r.round, [...(tally.escalationByRound.get(r.round) ?? []), r.escalationAfter]);
    tally.cohesionByRound.set(r.round, [...(tally.cohesionByRound.get(r.round) ?? []), r.cohesion.value]);
  }
}

/** The comparison the tally's runs give. */
export function historyComparisonOf(scenario: Scenario, track: HistoryTrack, tally: HistoryTally): HistoryComparison {
  return {
    title: track.title,
    record: { kind: track.outcome.kind, summary: track.outcome.summary, sources: track.outcome.sources },
    runs: tally.runs,
    outcomes: { ...tally.outcomes },
    meanProportionality: round1(mean(tally.proportionality)),
    meanCohesion: round1(mean(tally.cohesion)) ?? 0,
    startEscalation: tally.startEscalation,
    rounds: scenario.rounds.map((_, i) => {
      const round = i + 1;
      return {
        round,
        summary: track.rounds.find((r) => r.round === round)?.summary ?? '',
        steps: stepsOf(scenario, track, round),
        meanEscalation: round1(mean(tally.escalationByRound.get(round) ?? [])),
        meanCohesion: round1(mean(tally.cohesionByRound.get(round) ?? [])),
      };
    }),
  };
}

/** Plays the track on `runs` seeds derived from `seed` and tells it round by round. */
export function compareWithHistory(scenario: Scenario, track: HistoryTrack, runs = HISTORY_COMPARISON_RUNS, seed = 'history'): HistoryComparison {
  const tally = emptyHistoryTally();
  for (let i = 0; i < runs; i++) addHistoryRun(tally, scenario, track, seed);
  return historyComparisonOf(scenario, track, tally);
}
