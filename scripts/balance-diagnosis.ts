/**
 * `node --import tsx scripts/balance-diagnosis.ts <scenario.json> [seed] [plans]`:
 * what check 4 of the balance report (docs/scoring.md, "Checks that hold
 * across samples") is made of. Draws the report's random plans (same seed,
 * same draw), plays each on the report's 8 training seeds and on 8 more
 * seeds it never uses, and prints:
 *
 * - Spearman's rho of the score, of proportionality and of cohesion with the
 *   outcome on the training seeds (the report's figure), and of the score
 *   with the outcome on the other seeds;
 * - per final indicator and for the number of decisions that went ahead:
 *   Pearson's r with the outcome and with the score, so that what decides
 *   the end but escapes the score shows;
 * - the retest figure: rho of a plan's outcome on the first 8 seeds with its
 *   outcome on the other 8. It bounds what any score can reach: no score
 *   correlates with a noisy outcome better than about the square root of
 *   the outcome's retest rho;
 * - per action (and for sharing, joining and safeguards): how often the
 *   plans pick it and its Pearson correlation with proportionality, cohesion,
 *   the outcome and each end condition, so that what moves the score without
 *   moving the outcome (or the other way round) shows.
 *
 * Slow on purpose (16 runs per plan): seconds per scenario at 60 plans, about
 * a minute at 300.
 */
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { loadScenarioFile } from '../src/cli/io';
import { playOnce, playTraced, type OutcomeKind } from '../src/engine/bots/balance';
import { planPolicy, randomPlans } from '../src/engine/bots/plans';
import { POLICIES } from '../src/engine/bots/policies';

const VALUE: Record<OutcomeKind, number> = { success: 1, neutral: 0.5, failure: 0 };
const SEEDS = 8;
const [file, seed = 'balance', count = '300'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx scripts/balance-diagnosis.ts <scenario.json> [seed] [plans]');
  process.exit(2);
}
const { scenario } = loadScenarioFile(file);
const plans = randomPlans(scenario, Number(count), seed);
const train = Array.from({ length: SEEDS }, (_, i) => `${seed}/train-${i}`);
const retest = Array.from({ length: SEEDS }, (_, i) => `${seed}/retest-${i}`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rho = (a: number[], b: number[]) => sampleRankCorrelation(a, b);
const r = (a: number[], b: number[]) => {
  const x = sampleCorrelation(a, b);
  return Number.isFinite(x) ? x : 0;
};

const rows = plans.map((plan) => {
  const traced = train.map((s) => playTraced(scenario, planPolicy(plan, POLICIES), s));
  const a = traced.map((x) => x.result);
  const b = retest.map((s) => playOnce(scenario, planPolicy(plan, POLICIES), s));
  const ends: Record<string, number> = {};
  for (const run of a) ends[run.outcomeId] = (ends[run.outcomeId] ?? 0) + 1 / SEEDS;
  const finals: Record<string, number> = { 'decisions that went ahead': mean(traced.map((x) => x.state.decisions.filter((d) => d.effective).length)) };
  for (const id of Object.keys(traced[0]?.state.indicators ?? {})) finals[`final ${id}`] = mean(traced.map((x) => x.state.indicators[id] ?? 0));
  return {
    finals,
    P: mean(a.map((x) => x.proportionality ?? 0)),
    K: mean(a.map((x) => x.cohesion)),
    S: mean(a.map((x) => x.score)),
    O: mean(a.map((x) => VALUE[x.outcome])),
    retestO: mean(b.map((x) => VALUE[x.outcome])),
    ends,
  };
});
const col = <K extends 'P' | 'K' | 'S' | 'O' | 'retestO'>(k: K) => rows.map((x) => x[k]);
const f3 = (x: number) => x.toFixed(3);
console.log(`${scenario.id}, seed "${seed}", ${plans.length} random plans on ${SEEDS} seeds`);
console.log(`rho(score, outcome) ${f3(rho(col('S'), col('O')))}; proportionality ${f3(rho(col('P'), col('O')))}; cohesion ${f3(rho(col('K'), col('O')))}`);
console.log(`rho(score, outcome on ${SEEDS} other seeds) ${f3(rho(col('S'), col('retestO')))}`);
const retestRho = rho(col('O'), col('retestO'));
console.log(`retest: rho(outcome, outcome on ${SEEDS} other seeds) ${f3(retestRho)}: a perfect score would reach about ${f3(Math.sqrt(Math.max(0, retestRho)))}`);
for (const id of Object.keys(rows[0]?.finals ?? {})) {
  const xs = rows.map((x) => x.finals[id] ?? 0);
  console.log(`${id}: mean ${mean(xs).toFixed(1)}, r with the outcome ${f3(r(xs, col('O')))}, with the score ${f3(r(xs, col('S')))}`);
}
const ties = rows.filter((x) => x.O === 0.5 && (x.ends['ran-its-course'] ?? 0) > 0.99).length;
console.log(`plans whose ${SEEDS} runs all ended neither in success nor failure: ${ties}`);

const ends = [...new Set(rows.flatMap((x) => Object.keys(x.ends)))].sort();
const features: Record<string, number[]> = {};
plans.forEach((plan, i) => {
  for (const cells of Object.values(plan.cells)) {
    for (const cell of cells) {
      if (!cell) continue;
      const picked = [...cell.picks, ...(cell.share ? ['(share)'] : []), ...(cell.join ? ['(join)'] : []), ...(cell.safeguards ? ['(safeguards)'] : [])];
      for (const id of picked) (features[id] ??= new Array<number>(plans.length).fill(0))[i]! += 1;
    }
  }
});
const targets: [string, number[]][] = [
  ['P', col('P')],
  ['K', col('K')],
  ['score', col('S')],
  ['outcome', col('O')],
  ...ends.map((e): [string, number[]] => [e, rows.map((x) => x.ends[e] ?? 0)]),
];
console.log(['feature'.padEnd(34), 'per plan'.padStart(9), ...targets.map(([t]) => t.slice(0, 11).padStart(12))].join(''));
for (const [id, xs] of Object.entries(features).sort(([, a], [, b]) => r(b, col('O')) - r(b, col('S')) - (r(a, col('O')) - r(a, col('S'))))) {
  console.log([id.padEnd(34), mean(xs).toFixed(2).padStart(9), ...targets.map(([, ys]) => r(xs, ys).toFixed(2).padStart(12))].join(''));
}
