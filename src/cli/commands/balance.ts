/**
 * firebreak balance: does the scenario teach the right lessons? Plays it over
 * many seeds (doing nothing, its history track, each bot, greedy-on-score and
 * a plan search) and prints the five balance checks. Exit 1 when one fails.
 */
import type { Scenario } from '../../engine';
import { FULL_BALANCE, QUICK_BALANCE, balanceVerdict, checkVerdict, runBalance, type BalanceOptions, type BalanceResult, type LineSummary } from '../../engine/bots/balance';
import type { HistoryTrack } from '../../engine/scenario/history';
import { EXIT_FINDING, EXIT_OK, err, out, writeText } from '../io';
import { balanceChecksReport } from '../report/balanceReport';

export { FULL_BALANCE, QUICK_BALANCE };

export interface BalanceCommandOptions extends BalanceOptions {
  json: boolean;
  report?: string;
}

export function balance(scenario: Scenario, track: HistoryTrack | null, options: BalanceCommandOptions): { result: BalanceResult; exit: number } {
  const progress = process.stderr.isTTY ? (what: string) => err(`playing ${what}…`) : undefined;
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
