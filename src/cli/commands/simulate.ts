/** firebreak simulate: many whole exercises with bots, summarised per policy. */
import cliProgress from 'cli-progress';
import type { Scenario } from '../../engine';
import { tallyBatch } from '../../engine/bots/simulate';
import { summariseTally, type Distribution, type SimulationSummary } from '../../engine/bots/summary';
import { POLICIES, type BotPolicy } from '../../engine/bots/policies';
import { historyPolicy } from '../../engine/bots/history';
import { EXIT_OK, UserError, err, historyFileBeside, loadHistoryBeside, out, writeText } from '../io';
import { balanceReport } from '../report/balanceReport';

export interface SimulateOptions {
  runs: number;
  seed: string;
  policies: string[];
  mix: boolean;
  json: boolean;
  report?: string;
  /** Policies built for this scenario (its history track). */
  extra?: Record<string, BotPolicy>;
}

export const HISTORY_POLICY = 'history';

export function checkPolicies(names: string[]): string[] {
  const known = [...Object.keys(POLICIES), HISTORY_POLICY];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new UserError(`unknown policy "${unknown[0]}" (known: ${known.join(', ')})`);
  return names;
}

/** The history policy, when asked for: it needs the scenario's history track beside the scenario file. */
export function scenarioPolicies(file: string, scenario: Scenario, names: string[]): Record<string, BotPolicy> {
  if (!names.includes(HISTORY_POLICY)) return {};
  const track = loadHistoryBeside(file, scenario);
  if (!track) throw new UserError(`${file}: the history policy needs a history track beside the scenario (${historyFileBeside(file, scenario)})`);
  return { [HISTORY_POLICY]: historyPolicy(track) };
}

export function simulate(scenario: Scenario, options: SimulateOptions): { summary: SimulationSummary; exit: number } {
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'simulating [{bar}] {value}/{total} runs' }, cliProgress.Presets.shades_classic) : null;
  bar?.start(options.runs, 0);
  const tally = tallyBatch(scenario, options, 0, options.runs, (done) => bar?.update(done));
  bar?.stop();
  const summary = summariseTally(scenario, options.seed, tally);
  out(options.json ? JSON.stringify(summary, null, 2) : formatSummary(scenario, summary));
  if (options.report) {
    writeText(options.report, balanceReport(scenario, summary));
    err(`wrote the balance report to ${options.report}`);
  }
  return { summary, exit: EXIT_OK };
}

const dist = (d: Distribution) => `mean ${d.mean.toFixed(1)}  p10 ${d.p10}  median ${d.p50}  p90 ${d.p90}`;
const pct = (n: number, total: number) => `${((100 * n) / Math.max(1, total)).toFixed(0)}%`;

export function formatSummary(scenario: Scenario, summary: SimulationSummary): string {
  const lines = [`${scenario.meta.title}: ${summary.runs} runs from seed "${summary.seed}"`, ''];
  for (const p of summary.policies) {
    lines.push(`Policy ${p.policy} (${p.runs} runs)`);
    lines.push(`  outcomes:          ${Object.entries(p.outcomes).map(([k, n]) => `${k} ${pct(n, p.runs)}`).join(', ')}`);
    lines.push(`  final escalation:  ${p.finalEscalation.map((n, level) => (n ? `${level}:${pct(n, p.runs)}` : '')).filter(Boolean).join('  ')}`);
    lines.push(`  peak escalation:   ${dist(p.peakEscalation)}`);
    lines.push(`  final posture:     ${Object.entries(p.finalPosture).map(([k, n]) => `${k} ${pct(n, p.runs)}`).join(', ')}`);
    lines.push(`  proportionality:   ${dist(p.proportionality)}`);
    lines.push(`  cohesion:          ${dist(p.cohesion)}`);
    lines.push('');
  }
  lines.push(`Injects that never fired: ${summary.injectsNeverFired.join(', ') || 'none'}`);
  lines.push(`Actions never taken:      ${summary.actionsNeverTaken.join(', ') || 'none'}`);
  return lines.join('\n');
}
