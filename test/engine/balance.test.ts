/**
 * The balance tools: the do-nothing and greedy policies, plans that stay
 * legal on any seed, and the five checks deciding on the figures they are given.
 */
import { describe, expect, it } from 'vitest';
import { balanceChecks, balanceVerdict, checkVerdict, exerciseScore, runBalance, summariseLine, type RunResult } from '../../src/engine/bots/balance';
import { botPlan, mutatePlan, planPolicy, randomPlans } from '../../src/engine/bots/plans';
import { Rng, seedRng } from '../../src/engine/random';
import { POLICIES, doNothing, greedyOnScore, restrained } from '../../src/engine/bots/policies';
import { exerciseFigure, unansweredIncidents } from '../../src/engine/scoring/exercise';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { richScenario } from './support';

const scenario = richScenario();
const everyone = (policy: typeof doNothing) => Object.fromEntries(scenario.teams.map((t) => [t.id, policy]));

describe('the do-nothing policy', () => {
  it('sends no team command and takes no decision', () => {
    const run = simulateExercise(scenario, 'nothing', everyone(doNothing));
    expect(run.state.phase).toBe('debrief');
    expect(run.state.decisions).toEqual([]);
    expect(run.commands.filter((c) => c.actor.role === 'team').map((c) => c.type)).toEqual(expect.arrayContaining(['lockDecisions']));
    expect(run.commands.filter((c) => c.actor.role === 'team' && c.type !== 'lockDecisions')).toEqual([]);
    // Nothing done: proportionality is only the incidents left unanswered, each falling short of its harm.
    const unanswered = unansweredIncidents(scenario, run.state);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(exerciseScore(scenario, run.state).proportionality).toBe(exerciseFigure(unanswered));
    expect(exerciseScore(scenario, run.state).proportionality).toBeLessThan(50);
  });
});

describe('the greedy policy', () => {
  it('takes the moves the scorer rates highest, with every safeguard, and shares what it knows', () => {
    const run = simulateExercise(scenario, 'greedy', resolvePolicies(scenario, ['greedy']));
    expect(run.state.decisions.length).toBeGreaterThan(0);
    expect(run.commands.some((c) => c.type === 'shareIntel')).toBe(true);
    const drafts = run.commands.filter((c) => c.type === 'draftDecision' || c.type === 'proposeJoint');
    for (const c of drafts) {
      const action = scenario.actions.find((a) => a.id === c.draft.action)!;
      for (const p of action.procedures.filter((p) => p !== 'urgent')) expect(c.draft.options?.[p], `${action.id} ${p}`).toBe(true);
    }
    expect(greedyOnScore.join({ scenario, state: run.state, team: scenario.teams[0]!.id, rng: null as never }, null as never)).toBe(true);
  });
});

describe('plans', () => {
  const plans = randomPlans(scenario, 6, 'plans-test');

  it('are drawn the same from the same seed, and differ between plans', () => {
    expect(randomPlans(scenario, 6, 'plans-test')).toEqual(plans);
    expect(new Set(plans.map((p) => JSON.stringify(p.cells))).size).toBe(6);
  });

  it('only ask for what the rules allow at the time, on any seed', () => {
    for (const plan of plans) {
      for (let i = 0; i < 3; i++) {
        const run = simulateExercise(scenario, `plan-${i}`, everyone(planPolicy(plan)));
        expect(run.state.phase).toBe('debrief');
        // Wishes are checked against the rules before they are sent; only budgets spent earlier in the same round can refuse them.
        // (A team that wants to join a proposal it cannot join is refused on purpose: it abstains rather than vetoing.)
        const wishes = run.refusals.filter((r) => r.command.type !== 'respondJoint');
        expect(wishes.every((r) => ['NOT_ENOUGH_CAPITAL', 'NOT_ENOUGH_INTEL', 'TOO_MANY_ACTIONS', 'ALREADY_TAKEN'].includes(r.code)), JSON.stringify(wishes[0])).toBe(true);
      }
    }
  });
});

describe('plans that rest on a bot', () => {
  it('play exactly as the bot where no cell overrides it', () => {
    const asPlan = simulateExercise(scenario, 'base', everyone(planPolicy(botPlan(scenario, 'restrained'), POLICIES)));
    const asBot = simulateExercise(scenario, 'base', everyone(restrained));
    expect(asPlan.state.decisions).toEqual(asBot.state.decisions);
  });

  it('are improved one team-round at a time, keeping the bot elsewhere', () => {
    const plan = botPlan(scenario, 'restrained');
    const neighbour = mutatePlan(scenario, plan, 'n', new Rng(seedRng('mutate')));
    const overridden = Object.values(neighbour.cells).flat().filter((cell) => cell !== null);
    expect(overridden).toHaveLength(1);
    expect(neighbour.base).toBe('restrained');
    expect(() => planPolicy({ ...plan, base: 'nobody' }, POLICIES)).toThrow(/Unknown base policy/);
  });
});

const run = (outcome: RunResult['outcome'], score = 50): RunResult => ({ outcome, outcomeId: outcome, proportionality: score, cohesion: score, score, refusals: [], escalation: [0] });
const line = (id: string, outcomes: RunResult['outcome'][], score = 50) => summariseLine(id, id, 'eval', outcomes.map((o) => run(o, score)));
const many = (n: number, o: RunResult['outcome']) => Array.from({ length: n }, () => o);

describe('the five checks', () => {
  const passing = () => [
    line('do-nothing', many(10, 'failure')),
    line('history', many(10, 'neutral')),
    line('best-outcome-plan', [...many(8, 'success'), ...many(2, 'failure')]),
    line('best-score-plan', [...many(6, 'success'), ...many(4, 'neutral')]),
  ];
  const verdicts = (lines = passing(), history = { kind: 'neutral' as const, matching: 1 }, rho: number | null = 0.7) => balanceChecks(lines, history, rho).map((c) => c.passed);

  it('all pass on figures that meet them', () => {
    expect(verdicts()).toEqual([true, true, true, true, true]);
  });

  it('each fails on figures that miss it', () => {
    const lines = passing();
    lines[0] = line('do-nothing', [...many(9, 'failure'), 'success']);
    expect(verdicts(lines)[0]).toBe(false);
    expect(verdicts(passing(), { kind: 'neutral', matching: 0.4 })[1]).toBe(false);
    const refused = passing();
    refused[1] = summariseLine('history', 'history', 'history', [{ ...run('neutral'), refusals: [{ round: 1, team: 'usa', command: { type: 'lockDecisions' }, code: 'NOT_ALLOWED', message: 'no' }] }]);
    expect(verdicts(refused)[1]).toBe(false);
    const dominant = passing();
    dominant[2] = line('best-outcome-plan', [...many(9, 'success'), 'neutral']);
    expect(verdicts(dominant)[2]).toBe(false);
    expect(verdicts(passing(), undefined, 0.49)[3]).toBe(false);
    expect(verdicts(passing(), undefined, null)[3]).toBe(false);
    const weak = passing();
    weak[3] = line('best-score-plan', [...many(4, 'success'), ...many(6, 'neutral')]);
    expect(verdicts(weak)[4]).toBe(false);
  });

  it('check 2 fails when the scenario has no history track', () => {
    expect(balanceChecks(passing().filter((l) => l.id !== 'history'), null, 0.7)[1]!.passed).toBe(false);
  });

  it('check 2 does not apply to a fictional scenario without a track, and still judges one that ships a track', () => {
    const withoutTrack = balanceChecks(passing().filter((l) => l.id !== 'history'), null, 0.7, true);
    expect(withoutTrack[1]).toMatchObject({ passed: true, applicable: false });
    expect(checkVerdict(withoutTrack[1]!)).toBe('N/A');
    expect(balanceVerdict({ checks: withoutTrack })).toBe('All checks that apply pass (check 2 does not apply).');
    expect(withoutTrack.filter((c) => c.id !== 2).every((c) => c.applicable)).toBe(true);
    const refused = passing();
    refused[1] = { ...refused[1]!, refusals: 3 };
    const judged = balanceChecks(refused, { kind: 'success', matching: 0.9 }, 0.7, true);
    expect(judged[1]).toMatchObject({ passed: false, applicable: true });
    expect(checkVerdict(judged[1]!)).toBe('FAIL');
    expect(balanceVerdict({ checks: judged })).toBe('1 of five checks fail.');
  });
});

describe('runBalance', () => {
  const options = { seed: 'b', seeds: 2, historySeeds: 2, randomPlans: 4, planSeeds: 2, searchSteps: 2, freshSeeds: 3 };

  it('plays every line, judges the plans found on fresh seeds, and gives the same result for the same options', () => {
    const result = runBalance(scenario, null, options);
    expect(result.lines.map((l) => l.id)).toEqual(['do-nothing', 'hawkish', 'restrained', 'coalition-follower', 'random-legal', 'greedy', 'best-outcome-plan', 'best-score-plan']);
    expect(result.lines.find((l) => l.id === 'best-score-plan')!.seeds).toBe('fresh');
    expect(result.lines.find((l) => l.id === 'best-score-plan')!.runs).toBe(3);
    expect(result.randomPlans).toHaveLength(4);
    expect(result.checks.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(result.passed).toBe(result.checks.every((c) => c.passed));
    expect(runBalance(scenario, null, options)).toEqual(result);
  });
});
