/**
 * npm run bench: how fast the engine plays whole exercises on a shipped
 * scenario, and what its hot paths cost: a chart transition, the working
 * copy of the state per command, a command, a condition, a team's view,
 * publishing a change to every audience (views and patches) and the state
 * hash. Prints CPU time (process.cpuUsage), best of three repetitions, so
 * that other work on the machine inflates the figures as little as
 * possible; asserts nothing.
 *
 *   node --import tsx bench/engine.bench.ts [scenario.json] [--seconds N]
 */
import fs from 'node:fs';
import { applyCommand, canonicalJson, createExercise, loadScenarioText, formatProblem, project, stateHash, type Command, type ExerciseState } from '../src/engine';
import { resolvePolicies, simulateExercise } from '../src/engine/bots/simulate';
import { BOTS, POLICIES } from '../src/engine/bots/policies';
import { sendToChart } from '../src/engine/machines/chart';
import { evaluate } from '../src/engine/conditions';
import { nationalAttributionMachine } from '../src/engine/machines/attribution';
import { escalationMachine } from '../src/engine/machines/escalation';
import { forkState } from '../src/engine/rules/work';
import { Rng, seedRng } from '../src/engine/random';
import type { Condition } from '../src/engine/scenario/schema';
import { ViewProjector } from '../src/engine/view/project';
import type { ExerciseView, Viewer } from '../src/engine/view/types';
import { diffViews } from '../src/protocol/patch';

const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.json')) ?? 'scenarios/us-2016.json';
const secondsArg = args.indexOf('--seconds');
const budgetMs = 1000 * (secondsArg >= 0 ? Number(args[secondsArg + 1]) : 2);

const loaded = loadScenarioText(fs.readFileSync(file, 'utf8'), file);
if (!loaded.ok) {
  console.error(loaded.problems.map(formatProblem).join('\n'));
  process.exit(1);
}
const scenario = loaded.scenario;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU milliseconds per call of fn, best of three repetitions of about a third
 * of the budget each (after one untimed warm-up pass).
 */
function perCall(fn: (i: number) => void, budget = budgetMs): { ms: number; calls: number } {
  let best = Infinity;
  let total = 0;
  for (let rep = -1; rep < 3; rep++) {
    const start = cpuMs();
    let calls = 0;
    while (cpuMs() - start < (rep < 0 ? budget / 6 : budget / 3)) fn(calls++);
    const ms = (cpuMs() - start) / calls;
    if (rep >= 0) {
      best = Math.min(best, ms);
      total += calls;
    }
  }
  return { ms: best, calls: total };
}

const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(9)} µs`;

console.log(`Firebreak engine benchmark: ${scenario.meta.title} (${scenario.rounds.length} rounds, ${scenario.teams.length} teams, ${scenario.actions.length} actions)`);
console.log(`node ${process.version}; CPU time, best of 3 repetitions of ${(budgetMs / 3000).toFixed(1)} s\n`);

// Whole exercises, per policy.
console.log('whole exercises (every team plays the policy)');
for (const policy of BOTS.map((b) => b.id)) {
  const policies = resolvePolicies(scenario, [policy]);
  let commands = 0;
  const { ms, calls } = perCall((i) => {
    commands += simulateExercise(scenario, `bench-${policy}-${i}`, policies).commands.length;
  });
  console.log(`  ${policy.padEnd(20)} ${(1000 / ms).toFixed(1).padStart(8)} exercises/s  ${ms.toFixed(2).padStart(7)} ms CPU each  (${Math.round(commands / calls)} accepted commands each)`);
}

// Recorded runs: the states and commands the hot paths are measured on.
interface Step {
  state: ExerciseState;
  command: Command;
}
const steps: Step[] = [];
const adjudications: Step[] = [];
const lateStates: ExerciseState[] = [];
for (const [i, policy] of BOTS.map((b) => b.id).entries()) {
  const run = simulateExercise(scenario, `bench-record-${i}`, resolvePolicies(scenario, [policy]));
  let state = createExercise(scenario, `bench-record-${i}`);
  for (const command of run.commands) {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) continue;
    steps.push({ state, command });
    if (state.phase === 'deliberation' && result.state.phase !== 'deliberation') adjudications.push({ state, command });
    if (state.phase === 'deliberation' && state.round >= scenario.rounds.length - 1) lateStates.push(state);
    state = result.state;
  }
}

console.log('\nhot paths (per call)');
const row = (name: string, ms: number, note = '') => console.log(`  ${name.padEnd(44)} ${us(ms)}  ${note}`);

const apply = perCall((i) => {
  const { state, command } = steps[i % steps.length]!;
  applyCommand(scenario, state, command);
});
row('applyCommand, mean over recorded commands', apply.ms, `(${steps.length} commands)`);

const adjudicate = perCall((i) => {
  const { state, command } = adjudications[i % adjudications.length]!;
  applyCommand(scenario, state, command);
});
row('applyCommand that resolves a round', adjudicate.ms, `(${adjudications.length} rounds)`);

const late = lateStates[lateStates.length - 1]!;
row('forkState (working copy), late-game state', perCall(() => forkState(late)).ms, '(what is copied at once; the rest is in applyCommand)');

const nationalCharts = Object.values(late.attribution).flatMap((a) => Object.values(a.national));
row(
  'chart transition: EVIDENCE to a national chart',
  perCall((i) => sendToChart(nationalAttributionMachine, nationalCharts[i % nationalCharts.length]!, { type: 'EVIDENCE', points: 1 + (i % 3) })).ms,
);
row('chart transition: SET_LEVEL to escalation', perCall((i) => sendToChart(escalationMachine, late.escalation, { type: 'SET_LEVEL', level: i % 10 })).ms);

const conditions: Condition[] = [
  ...scenario.endConditions.map((e) => e.when),
  ...scenario.injects.flatMap((i) => (i.when ? [i.when] : [])),
  ...scenario.actions.flatMap((a) => (a.prerequisites ? [a.prerequisites] : [])),
];
if (conditions.length > 0) {
  row(
    'condition evaluation',
    perCall((i) => evaluate(conditions[i % conditions.length]!, scenario, lateStates[i % lateStates.length]!)).ms,
    `(${conditions.length} conditions of the scenario)`,
  );
}

const team = scenario.teams[0]!.id;
row('project: a team\'s whole view', perCall(() => project(scenario, late, { role: 'team', team })).ms);

// Publishing a change: every audience's view (the facilitator and each team),
// and the patch from the view it held, as the server does after a command.
const audiences: Viewer[] = [{ role: 'facilitator' }, ...scenario.teams.map((t): Viewer => ({ role: 'team', team: t.id }))];
function publisher(projectView: (i: number, state: ExerciseState) => ExerciseView, reset: () => void) {
  let held: ExerciseView[] = [];
  return (i: number) => {
    const { state } = steps[i % steps.length]!;
    if (state.seq === 0) {
      reset();
      held = [];
    }
    held = audiences.map((_, a) => {
      const view = projectView(a, state);
      if (held[a]) diffViews(held[a]!, view);
      return view;
    });
  };
}
row('publish a change, every audience: project()', perCall(publisher((a, state) => project(scenario, state, audiences[a]!), () => {})).ms, `(${audiences.length} audiences, with their patches)`);
let projectors: ViewProjector[] = [];
const resetProjectors = () => (projectors = audiences.map((v) => new ViewProjector(v)));
resetProjectors();
row('publish a change, every audience: ViewProjector', perCall(publisher((a, state) => projectors[a]!.project(scenario, state), resetProjectors)).ms, '(sections a change left alone reused)');
const botRng = new Rng(seedRng('bench-bots'));
for (const policy of ['coalition-follower', 'hawkish']) {
  row(
    `bot plan (${policy}), deliberation states`,
    perCall((i) => POLICIES[policy]!.plan({ scenario, state: lateStates[i % lateStates.length]!, team: scenario.teams[i % scenario.teams.length]!.id, rng: botRng })).ms,
  );
}
row('stateHash, late-game state', perCall(() => stateHash(late)).ms, `(${(canonicalJson(late).length / 1024).toFixed(1)} KiB as JSON)`);

const final = simulateExercise(scenario, 'bench-size', resolvePolicies(scenario, ['coalition-follower'])).state;
console.log(`\nstate of a finished exercise: ${(canonicalJson(final).length / 1024).toFixed(1)} KiB as JSON`);
