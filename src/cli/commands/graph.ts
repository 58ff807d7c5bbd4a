/**
 * firebreak graph: the scenario's state charts, one Mermaid stateDiagram-v2
 * file per chart (or one chart on standard output), or as XState JSON for
 * Stately's editor.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../../engine';
import { chartsOf, toMachineJson, toMermaid } from '../../engine/machines/graph';
import { EXIT_OK, UserError, out, writeText } from '../io';

const EXTENSION = { mermaid: 'mmd', json: 'json' } as const;
type Format = keyof typeof EXTENSION;

export function graph(scenario: Scenario, options: { chart?: string; out?: string; format: string }): number {
  const charts = chartsOf(scenario);
  const known = Object.keys(charts).join(', ');
  if (!(options.format in EXTENSION)) throw new UserError(`--format is mermaid or json, not "${options.format}"`);
  const format = options.format as Format;
  if (options.chart !== undefined && !charts[options.chart]) throw new UserError(`unknown chart "${options.chart}" (known: ${known})`);
  const names = options.chart !== undefined ? [options.chart] : Object.keys(charts);
  const render = (name: string) => (format === 'json' ? `${JSON.stringify(toMachineJson(charts[name]!), null, 2)}\n` : toMermaid(charts[name]!, name));
  if (options.out !== undefined) {
    if (fs.existsSync(options.out) && !fs.statSync(options.out).isDirectory()) throw new UserError(`${options.out}: is a file, not a folder`);
    fs.mkdirSync(options.out, { recursive: true });
    const files = names.map((name) => path.join(options.out!, `${name}.${EXTENSION[format]}`));
    names.forEach((name, i) => writeText(files[i]!, render(name)));
    out(`wrote ${files.join(', ')}`);
  } else if (options.chart !== undefined) {
    out(render(options.chart));
  } else if (format === 'json') {
    out(JSON.stringify(Object.fromEntries(names.map((n) => [n, toMachineJson(charts[n]!)])), null, 2));
  } else {
    // Several diagrams in one stream would not be one valid Mermaid file.
    throw new UserError(`pass --out DIR to write one Mermaid file per chart, or --chart NAME to print one (charts: ${known})`);
  }
  return EXIT_OK;
}
