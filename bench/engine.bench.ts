/**
 * npm run bench: how fast the engine plays whole exercises on a shipped
 * scenario, and how long one round's adjudication takes. Prints figures;
 * asserts nothing.
 *
 *   node --import tsx bench/engine.bench.ts [scenario.json] [--seconds N]
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { applyCommand, canonicalJson, createExercise, loadScenarioText, formatProblem, type Command, type ExerciseState } from '../src/engine';
import { resolvePolicies, simulateExercise } from '../src/engine/bots/simulate';
import { POLICIES } from '../src/engine/bots/policies';

const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.json')) ?? 'scenarios/us-2016.json';
const secondsArg = args.indexOf('--seconds');
const budgetMs = 1000 * (secondsArg >= 0 ? Number(args[secondsArg + 1]) : 3);

const loaded = loadScenarioText(fs.readFileSync(file, 'utf8'), file);
if (!loaded.ok) {
  console.error(loaded.problems.map(formatProblem).join('\n'));
  process.exit(1);
}
const scenario = loaded.scenario;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

console.log(`Firebreak engine benchmark: ${scenario.meta.title} (${scenario.rounds.length} rounds, ${scenario.teams.length} teams, ${scenario.actions.length} actions)`);
console.log(`node ${process.version}, ${budgetMs / 1000} s per policy\n`);

// Whole exercises per second, per policy.
const adjudications: { state: ExerciseState; command: Command }[] = [];
for (const policy of Object.keys(POLICIES)) {
  const policies = resolvePolicies(scenario, [policy]);
  let runs = 0;
  let commands = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    const seed = `bench-${policy}-${runs}`;
    const run = simulateExercise(scenario, seed, policies);
    commands += run.commands.length;
    if (runs < 20) collectAdjudications(seed, run.commands);
    runs += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${policy.padEnd(20)} ${(runs / seconds).toFixed(1).padStart(8)} exercises/s  ${(commands / seconds).toFixed(0).padStart(7)} commands/s`);
}

/** Replays a run to find the commands that resolved a round, with the state just before each. */
function collectAdjudications(seed: string, commands: Command[]): void {
  let state = createExercise(scenario, seed);
  for (const command of commands) {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) continue;
    if (state.phase === 'deliberation' && result.state.phase !== 'deliberation') adjudications.push({ state, command });
    state = result.state;
  }
}

// Time to adjudicate one round: the command that resolves it, from the state just before.
const times: number[] = [];
for (let pass = 0; pass < 5; pass++) {
  for (const { state, command } of adjudications) {
    const start = performance.now();
    applyCommand(scenario, state, command);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
console.log(`\nadjudicating one round: median ${percentile(times, 0.5).toFixed(3)} ms, p95 ${percentile(times, 0.95).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms (${times.length} samples)`);

const final = simulateExercise(scenario, 'bench-size', resolvePolicies(scenario, ['coalition-follower'])).state;
console.log(`state of a finished exercise: ${(canonicalJson(final).length / 1024).toFixed(1)} KiB as JSON`);
