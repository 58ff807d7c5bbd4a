/** firebreak graph: the scenario's state charts as Mermaid and as XState JSON for Stately's editor. */
import type { Scenario } from '../../engine';
import { chartsOf, toMachineJson, toMermaid } from '../../engine/machines/graph';
import { EXIT_OK, UserError, out } from '../io';

export function graph(scenario: Scenario, options: { chart?: string; format: string }): number {
  const charts = chartsOf(scenario);
  const names = options.chart ? [options.chart] : Object.keys(charts);
  const unknown = names.find((n) => !charts[n]);
  if (unknown) throw new UserError(`unknown chart "${unknown}" (known: ${Object.keys(charts).join(', ')})`);
  if (!['mermaid', 'json'].includes(options.format)) throw new UserError(`--format is mermaid or json, not "${options.format}"`);
  if (options.format === 'json') {
    out(JSON.stringify(Object.fromEntries(names.map((n) => [n, toMachineJson(charts[n]!)])), null, 2));
  } else {
    out(names.map((n) => `%% ${n}\n${toMermaid(charts[n]!)}`).join('\n\n'));
  }
  return EXIT_OK;
}
