/**
 * The balance checks: plays a scenario over many seeds with doing nothing,
 * its history track, each bot, greedy-on-score and a plan search, and says
 * whether its scores and outcomes teach the right lessons. Pure and seeded:
 * the same scenario, track and options give the same result.
 */
import { sampleRankCorrelation } from 'simple-statistics';
import { Rng, seedRng } from '../random';
import type { HistoryTrack } from '../scenario/history';
import { exerciseProportionality } from '../scoring/exercise';
import { exerciseCohesion } from '../scoring/cohesion';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import { historyPolicy } from './history';
import { botPlan, mutatePlan, planPolicy, randomPlans, type Plan } from './plans';
import { BOTS, POLICIES, doNothing, greedyOnScore, type BotPolicy } from './policies';
import { simulateExercise, type Refusal } from './simulate';

export type OutcomeKind = 'success' | 'neutral' | 'failure';

export interface BalanceOptions {
  seed: string;
  /** Seeds each policy (do nothing, history, bots, greedy) plays. */
  seeds: number;
  /** Seeds the history track plays (the record must be legal in every one). */
  historySeeds: number;
  /** Random plans drawn: the sample for the correlation check and the start of the search. */
  randomPlans: number;
  /** Seeds each plan is judged on during the search. */
  planSeeds: number;
  /** Neighbours tried by each of the two searches. */
  searchSteps: number;
  /** Fresh seeds, never used by the search, on which the plans it found are judged. */
  freshSeeds: number;
}

export const FULL_BALANCE: Omit<BalanceOptions, 'seed'> = { seeds: 100, historySeeds: 200, randomPlans: 60, planSeeds: 8, searchSteps: 30, freshSeeds: 100 };

/**
 * The small version CI runs on every shipped scenario: the same checks on
 * fewer seeds. The random-plan sample stays large enough (40 plans on 4
 * seeds) for Spearman's rho to be a finding rather than noise: on 16 plans of
 * 3 seeds one scenario's rho moved by more than 0.2 between samples. The
 * plans found are judged on 48 fresh seeds: on 24, one seed more or less moved
 * a success rate by 4 points, enough to flip a check that the full report
 * passes with a margin.
 */
export const QUICK_BALANCE: Omit<BalanceOptions, 'seed'> = { seeds: 12, historySeeds: 40, randomPlans: 40, planSeeds: 4, searchSteps: 8, freshSeeds: 48 };

/** The thresholds of the checks. */
export const DOMINANCE_LIMIT = 0.85;
export const CORRELATION_FLOOR = 0.5;
export const BEST_SCORE_FLOOR = 0.5;

export interface RunResult {
  outcome: OutcomeKind;
  outcomeId: string;
  proportionality: number | null;
  cohesion: number;
  score: number;
  refusals: Refusal[];
  /** Escalation after each round, and the exercise score after each round: history's path on the charts. */
  escalation: number[];
}

export interface LineSummary {
  id: string;
  label: string;
  /** Which seeds: eval (the policies' own), fresh (never seen by the search), train (the search's). */
  seeds: 'eval' | 'fresh' | 'train' | 'history';
  runs: number;
  outcomes: Record<OutcomeKind, number>;
  outcomeIds: Record<string, number>;
  successRate: number;
  meanProportionality: number | null;
  meanCohesion: number;
  meanScore: number;
  scores: number[];
  refusals: number;
  /** The first few refusals, for the report. */
  refusalExamples: Refusal[];
  meanEscalation: number[];
}

export interface PlanPoint {
  plan: string;
  score: number;
  outcomeValue: number;
  successRate: number;
}

export interface BalanceCheck {
  id: number;
  title: string;
  /** True too when the check does not apply (applicable false): it then holds nothing back. */
  passed: boolean;
  /** False only for check 2 on a fictional scenario, which has no record to play. */
  applicable: boolean;
  /** The figure the check judged (successes of doing nothing, history's matching share, a success rate, rho), null when there was none. */
  figure: number | null;
  detail: string;
}

/** The report's last line: how many checks fail, or that all pass. */
export function balanceVerdict(result: Pick<BalanceResult, 'checks'>): string {
  const failing = result.checks.filter((c) => !c.passed).length;
  if (failing > 0) return `${failing} of five checks fail.`;
  const moot = result.checks.filter((c) => !c.applicable).map((c) => c.id);
  return moot.length === 0 ? 'All five checks pass.' : `All checks that apply pass (${moot.map((id) => `check ${id}`).join(', ')} does not apply).`;
}

/** How a report names a check's verdict. */
export function checkVerdict(check: BalanceCheck): 'PASS' | 'FAIL' | 'N/A' {
  if (!check.applicable) return 'N/A';
  return check.passed ? 'PASS' : 'FAIL';
}

export interface BalanceResult {
  scenario: string;
  seed: string;
  options: Omit<BalanceOptions, 'seed'>;
  lines: LineSummary[];
  randomPlans: PlanPoint[];
  spearman: number | null;
  history: { kind: OutcomeKind; matching: number } | null;
  bestOutcomePlan: Plan;
  bestScorePlan: Plan;
  checks: BalanceCheck[];
  passed: boolean;
}

const OUTCOME_VALUE: Record<OutcomeKind, number> = { success: 1, neutral: 0.5, failure: 0 };
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The exercise's score: the mean of its proportionality (the per-exercise
 * figure, which counts each distinct response once, weighted by severity, so
 * it cannot be padded by repeating cheap acts, and counts every incident left
 * unanswered as falling short of its harm) and its cohesion over the rounds in which something was at stake (exerciseCohesion). With
 * nothing done and no harm suffered there is nothing to credit, so
 * proportionality counts 0.
 */
export function exerciseScore(scenario: Scenario, state: ExerciseState): { proportionality: number | null; cohesion: number; score: number } {
  const proportionality = exerciseProportionality(scenario, state);
  const cohesion = exerciseCohesion(state.rounds);
  return { proportionality, cohesion, score: ((proportionality ?? 0) + cohesion) / 2 };
}

export function playOnce(scenario: Scenario, policy: BotPolicy, seed: string): RunResult {
  return playTraced(scenario, policy, seed).result;
}

/** One game as playOnce scores it, with the final state beside the result (for diagnosis: indicators, decisions). */
export function playTraced(scenario: Scenario, policy: BotPolicy, seed: string): { result: RunResult; state: ExerciseState } {
  const byTeam = Object.fromEntries(scenario.teams.map((t) => [t.id, policy]));
  const run = simulateExercise(scenario, seed, byTeam);
  const { state } = run;
  const outcome = state.outcome?.outcome ?? 'neutral';
  const result: RunResult = {
    outcome,
    outcomeId: state.outcome?.id ?? 'unfinished',
    ...exerciseScore(scenario, state),
    refusals: run.refusals,
    escalation: state.rounds.map((r) => r.escalationAfter),
  };
  return { result, state };
}

function seedsOf(seed: string, kind: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${seed}/${kind}-${i}`);
}

export function summariseLine(id: string, label: string, seeds: LineSummary['seeds'], runs: RunResult[]): LineSummary {
  const outcomes: Record<OutcomeKind, number> = { success: 0, neutral: 0, failure: 0 };
  const outcomeIds: Record<string, number> = {};
  for (const r of runs) {
    outcomes[r.outcome] += 1;
    outcomeIds[r.outcomeId] = (outcomeIds[r.outcomeId] ?? 0) + 1;
  }
  const proportionality = runs.map((r) => r.proportionality).filter((p): p is number => p !== null);
  const rounds = Math.max(0, ...runs.map((r) => r.escalation.length));
  const meanEscalation = Array.from({ length: rounds }, (_, i) => round1(mean(runs.filter((r) => r.escalation.length > i).map((r) => r.escalation[i]!))));
  const refusals = runs.flatMap((r) => r.refusals);
  return {
    id,
    label,
    seeds,
    runs: runs.length,
    outcomes,
    outcomeIds: Object.fromEntries(Object.entries(outcomeIds).sort(([a], [b]) => a.localeCompare(b))),
    successRate: runs.length === 0 ? 0 : outcomes.success / runs.length,
    meanProportionality: proportionality.length > 0 ? round1(mean(proportionality)) : null,
    meanCohesion: round1(mean(runs.map((r) => r.cohesion))),
    meanScore: round1(mean(runs.map((r) => r.score))),
    scores: runs.map((r) => round1(r.score)),
    refusals: refusals.length,
    refusalExamples: refusals.slice(0, 5),
    meanEscalation,
  };
}

function judgePlan(scenario: Scenario, plan: Plan, seeds: string[]): PlanPoint {
  const runs = seeds.map((s) => playOnce(scenario, planPolicy(plan, POLICIES), s));
  return {
    plan: plan.id,
    score: round1(mean(runs.map((r) => r.score))),
    outcomeValue: mean(runs.map((r) => OUTCOME_VALUE[r.outcome])),
    successRate: runs.filter((r) => r.outcome === 'success').length / runs.length,
  };
}

type Objective = (p: PlanPoint) => number;
/** Best outcome: most successes, then fewest failures, then the score as a tie-break. */
const byOutcome: Objective = (p) => p.successRate * 1e6 + p.outcomeValue * 1e3 + p.score;
const byScore: Objective = (p) => p.score;

/** Hill climbing from the best random plan: a neighbour replaces the incumbent when it does at least as well. */
function search(scenario: Scenario, start: { plan: Plan; point: PlanPoint }, objective: Objective, steps: number, seeds: string[], rng: Rng, name: string) {
  let best = start;
  for (let i = 0; i < steps; i++) {
    const plan = mutatePlan(scenario, best.plan, `${name}-${i + 1}`, rng);
    const point = judgePlan(scenario, plan, seeds);
    if (objective(point) >= objective(best.point)) best = { plan, point };
  }
  return best.plan;
}

export function runBalance(scenario: Scenario, track: HistoryTrack | null, options: BalanceOptions, onProgress?: (what: string) => void): BalanceResult {
  const evalSeeds = seedsOf(options.seed, 'eval', options.seeds);
  const play = (policy: BotPolicy, seeds: string[]) => seeds.map((s) => playOnce(scenario, policy, s));
  const lines: LineSummary[] = [];

  onProgress?.('doing nothing');
  lines.push(summariseLine('do-nothing', 'Doing nothing', 'eval', play(doNothing, evalSeeds)));
  let history: BalanceResult['history'] = null;
  if (track) {
    onProgress?.('the history track');
    const line = summariseLine('history', 'History', 'history', play(historyPolicy(track), seedsOf(options.seed, 'history', options.historySeeds)));
    lines.push(line);
    history = { kind: track.outcome.kind, matching: line.outcomes[track.outcome.kind] / Math.max(1, line.runs) };
  }
  for (const bot of [...BOTS, greedyOnScore]) {
    onProgress?.(bot.id);
    lines.push(summariseLine(bot.id, bot.id === 'greedy' ? 'Greedy on score' : `Bot: ${bot.id}`, 'eval', play(bot, evalSeeds)));
  }

  onProgress?.('random plans');
  const trainSeeds = seedsOf(options.seed, 'train', options.planSeeds);
  const plans = randomPlans(scenario, options.randomPlans, options.seed);
  const points = plans.map((plan) => ({ plan, point: judgePlan(scenario, plan, trainSeeds) }));
  const spearman = points.length >= 3 ? sampleRankCorrelation(points.map((p) => p.point.score), points.map((p) => p.point.outcomeValue)) : NaN;

  // The searches start from the best of the random plans and of the bots (each as a plan it can then improve on):
  // a search that could not reach what a bot already does would not be a search for the best.
  const starts = [...points, ...[...BOTS, greedyOnScore].map((bot) => botPlan(scenario, bot.id)).map((plan) => ({ plan, point: judgePlan(scenario, plan, trainSeeds) }))];
  const rng = new Rng(seedRng(`${options.seed}/search`));
  const bestBy = (objective: Objective) => starts.reduce((a, b) => (objective(b.point) > objective(a.point) ? b : a));
  onProgress?.('searching for the best outcome');
  const bestOutcomePlan = search(scenario, bestBy(byOutcome), byOutcome, options.searchSteps, trainSeeds, rng, 'best-outcome');
  onProgress?.('searching for the best score');
  const bestScorePlan = search(scenario, bestBy(byScore), byScore, options.searchSteps, trainSeeds, rng, 'best-score');
  const freshSeeds = seedsOf(options.seed, 'fresh', options.freshSeeds);
  onProgress?.('judging the plans found on fresh seeds');
  const outcomeLine = summariseLine('best-outcome-plan', 'Plan searched for the best outcome', 'fresh', play(planPolicy(bestOutcomePlan, POLICIES), freshSeeds));
  const scoreLine = summariseLine('best-score-plan', 'Plan searched for the best score', 'fresh', play(planPolicy(bestScorePlan, POLICIES), freshSeeds));
  lines.push(outcomeLine, scoreLine);

  const checks = balanceChecks(lines, history, Number.isNaN(spearman) ? null : spearman, scenario.meta.fictional === true);
  return {
    scenario: scenario.id,
    seed: options.seed,
    options: { seeds: options.seeds, historySeeds: options.historySeeds, randomPlans: options.randomPlans, planSeeds: options.planSeeds, searchSteps: options.searchSteps, freshSeeds: options.freshSeeds },
    lines,
    randomPlans: points.map((p) => p.point),
    spearman: Number.isNaN(spearman) ? null : Math.round(spearman * 1000) / 1000,
    history,
    bestOutcomePlan,
    bestScorePlan,
    checks,
    passed: checks.every((c) => c.passed),
  };
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

/**
 * The five checks, each with the figures that decided it. A fictional
 * scenario (meta.fictional) has no record, so check 2 does not apply to it
 * unless it ships a history track anyway.
 */
export function balanceChecks(lines: LineSummary[], history: BalanceResult['history'], spearman: number | null, fictional = false): BalanceCheck[] {
  const line = (id: string) => lines.find((l) => l.id === id);
  const nothing = line('do-nothing')!;
  const hist = line('history');
  const bestOutcome = line('best-outcome-plan')!;
  const bestScore = line('best-score-plan')!;
  const checks: BalanceCheck[] = [];
  const historyTitle = "History is legal in every seed, and its outcome matches the record's";
  const check = (c: Omit<BalanceCheck, 'applicable'>): BalanceCheck => ({ ...c, applicable: true });
  checks.push(check({
    id: 1,
    title: 'Doing nothing never succeeds',
    passed: nothing.outcomes.success === 0,
    figure: nothing.outcomes.success,
    detail: `doing nothing succeeded in ${nothing.outcomes.success} of ${nothing.runs} seeds`,
  }));
  if (hist && history) {
    checks.push(check({
      id: 2,
      title: historyTitle,
      passed: hist.refusals === 0 && history.matching >= 0.5,
      figure: history.matching,
      detail: `${hist.refusals} refused commands over ${hist.runs} seeds; the record's outcome (${history.kind}) in ${pct(history.matching)} of seeds`,
    }));
  } else if (fictional) {
    checks.push({ id: 2, title: historyTitle, passed: true, applicable: false, figure: null, detail: 'not applicable: the scenario is fiction (meta.fictional), so there is no record to play' });
  } else {
    checks.push(check({ id: 2, title: historyTitle, passed: false, figure: null, detail: 'the scenario has no history track' }));
  }
  // Either searched plan may be the dominant one: a plan found by searching for score can win more often than the one found by searching for outcomes.
  const dominant = bestScore.successRate > bestOutcome.successRate ? bestScore : bestOutcome;
  checks.push(check({
    id: 3,
    title: `No single plan wins more than ${pct(DOMINANCE_LIMIT)} of fresh seeds`,
    passed: dominant.successRate <= DOMINANCE_LIMIT,
    figure: dominant.successRate,
    detail: `the ${dominant === bestScore ? 'plan searched for the best score' : 'plan searched for the best outcome'} won ${pct(dominant.successRate)} of ${dominant.runs} fresh seeds`,
  }));
  checks.push(check({
    id: 4,
    title: `Across random plans, the mean of proportionality and cohesion correlates with the outcome (Spearman ≥ ${CORRELATION_FLOOR})`,
    passed: spearman !== null && spearman >= CORRELATION_FLOOR,
    figure: spearman,
    detail: spearman === null ? 'no correlation: the scores or the outcomes did not vary across plans' : `Spearman's rho ${spearman.toFixed(3)}`,
  }));
  checks.push(check({
    id: 5,
    title: `The best-score plan succeeds in at least ${pct(BEST_SCORE_FLOOR)} of seeds`,
    passed: bestScore.successRate >= BEST_SCORE_FLOOR,
    figure: bestScore.successRate,
    detail: `the plan searched for the best score (mean ${bestScore.meanScore}) won ${pct(bestScore.successRate)} of ${bestScore.runs} fresh seeds`,
  }));
  return checks;
}

/** One check over several samples: how often it passed, and its figure in each. */
export interface SampledCheck {
  id: number;
  title: string;
  applicable: boolean;
  passes: number;
  figures: (number | null)[];
}

export interface BalanceSamples {
  scenario: string;
  seeds: string[];
  samples: BalanceResult[];
  checks: SampledCheck[];
  /** Every sample passes every check: a pass that does not hang on the draw. */
  passed: boolean;
}

/** The seeds of n samples: the base seed first, then base/2, base/3... */
export function sampleSeeds(seed: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? seed : `${seed}/${i + 1}`));
}

/**
 * The report over several samples (different seeds for every line, every
 * random plan and every search): a check that passes at one seed and fails at
 * the next says more about the draw than about the scenario.
 */
export function runBalanceSamples(scenario: Scenario, track: HistoryTrack | null, options: BalanceOptions, n: number, onProgress?: (what: string) => void): BalanceSamples {
  const seeds = sampleSeeds(options.seed, n);
  const samples = seeds.map((seed, i) => runBalance(scenario, track, { ...options, seed }, onProgress && ((what) => onProgress(`sample ${i + 1} of ${n}: ${what}`))));
  const checks = samples[0]!.checks.map((first, k) => ({
    id: first.id,
    title: first.title,
    applicable: samples.some((s) => s.checks[k]!.applicable),
    passes: samples.filter((s) => s.checks[k]!.passed).length,
    figures: samples.map((s) => s.checks[k]!.figure),
  }));
  return { scenario: scenario.id, seeds, samples, checks, passed: samples.every((s) => s.passed) };
}
