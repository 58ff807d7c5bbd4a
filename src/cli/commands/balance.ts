/**
 * firebreak balance: does the scenario teach the right lessons? Plays it over
 * many seeds (doing nothing, its history track, each bot, greedy-on-score and
 * a plan search) and prints the five balance checks. Exit 1 when one fails.
 */
import type { Scenario } from '../../engine';
import { FULL_BALANCE, QUICK_BALANCE, balanceVerdict, checkVerdict, runBalance, runBalanceSamples, type BalanceOptions, type BalanceResult, type BalanceSamples, type LineSummary, type SampledCheck } from '../../engine/bots/balance';
import type { HistoryTrack } from '../../engine/scenario/history';
import { EXIT_FINDING, EXIT_OK, err, out, writeText } from '../io';
import { balanceChecksReport } from '../report/balanceReport';

export { FULL_BALANCE, QUICK_BALANCE };

export interface BalanceCommandOptions extends BalanceOptions {
  json: boolean;
  report?: string;
  /** Samples to run (1: the single report). */
  samples?: number;
}

export function balance(scenario: Scenario, track: HistoryTrack | null, options: BalanceCommandOptions): { result: BalanceResult | BalanceSamples; exit: number } {
  const progress = process.stderr.isTTY ? (what: string) => err(`playing ${what}…`) : undefined;
  if ((options.samples ?? 1) > 1) {
    const sampled = runBalanceSamples(scenario, track, options, options.samples!, progress);
    out(options.json ? JSON.stringify(sampled, null, 2) : formatSamples(scenario, sampled));
    if (options.report) {
      writeText(options.report, balanceChecksReport(scenario, sampled.samples[0]!));
      err(`wrote the balance report of the first sample to ${options.report}`);
    }
    return { result: sampled, exit: sampled.passed ? EXIT_OK : EXIT_FINDING };
  }
  const result = runBalance(scenario, track, options, progress);
  out(options.json ? JSON.stringify(result, null, 2) : formatBalance(scenario, result));
  if (options.report) {
    writeText(options.report, balanceChecksReport(scenario, result));
    err(`wrote the balance report to ${options.report}`);
  }
  return { result, exit: result.passed ? EXIT_OK : EXIT_FINDING };
}

const pct = (n: number, total: number) => `${Math.round((100 * n) / Math.max(1, total))}%`;

function formatLine(line: LineSummary): string {
  const outcomes = `success ${pct(line.outcomes.success, line.runs)}, neutral ${pct(line.outcomes.neutral, line.runs)}, failure ${pct(line.outcomes.failure, line.runs)}`;
  const p = line.meanProportionality === null ? '—' : line.meanProportionality.toFixed(1);
  return `  ${line.label.padEnd(36)} ${String(line.runs).padStart(4)} ${line.seeds.padEnd(7)} ${outcomes.padEnd(44)} P ${p.padStart(5)}  K ${line.meanCohesion.toFixed(1).padStart(5)}  score ${line.meanScore.toFixed(1).padStart(5)}  refused ${line.refusals}`;
}

export function formatBalance(scenario: Scenario, result: BalanceResult): string {
  const lines = [`${scenario.meta.title}: balance from seed "${result.seed}"`, ''];
  lines.push(`  ${'who'.padEnd(36)} ${'runs'.padStart(4)} ${'seeds'.padEnd(7)} ${'outcomes'.padEnd(44)} mean scores`);
  for (const line of result.lines) lines.push(formatLine(line));
  const history = result.lines.find((l) => l.id === 'history');
  for (const refusal of history?.refusalExamples ?? []) {
    lines.push(`    history refused in round ${refusal.round} (${refusal.team}): ${refusal.code}: ${refusal.message}`);
  }
  lines.push('', `Random plans: ${result.randomPlans.length}, Spearman's rho between score and outcome ${result.spearman ?? 'undefined'}`, '');
  for (const check of result.checks) lines.push(`${checkVerdict(check)} ${check.id}. ${check.title}: ${check.detail}.`);
  lines.push('', balanceVerdict(result));
  return lines.join('\n');
}

const figureText = (check: SampledCheck, figure: number | null) => {
  if (figure === null) return '—';
  if (check.id === 1) return String(figure);
  if (check.id === 4) return figure.toFixed(3);
  return `${Math.round(100 * figure)} %`;
};

/** Each check over the samples: how many passed, and its figure at each seed. */
export function formatSamples(scenario: Scenario, sampled: BalanceSamples): string {
  const n = sampled.samples.length;
  const lines = [`${scenario.meta.title}: balance over ${n} samples (seeds ${sampled.seeds.map((s) => `"${s}"`).join(', ')})`, ''];
  for (const check of sampled.checks) {
    const verdict = !check.applicable ? 'N/A ' : check.passes === n ? 'PASS' : 'FAIL';
    const figures = check.applicable ? `: ${check.figures.map((f) => figureText(check, f)).join(' / ')}` : '';
    lines.push(`${verdict} ${check.id}. ${check.title}: passes in ${check.passes} of ${n} samples${figures}.`);
  }
  const failing = sampled.checks.filter((c) => c.applicable && c.passes < n).length;
  lines.push('', failing === 0 ? `Every check that applies passes in all ${n} samples.` : `${failing} of five checks fail in at least one sample.`);
  return lines.join('\n');
}
