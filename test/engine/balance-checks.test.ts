/**
 * The balance checks on every shipped scenario (found in scenarios/, so a
 * new scenario is covered without editing this file): the quick version of
 * `firebreak balance`, seed "balance", as CI runs it. A check that fails
 * fails the test, naming the scenario and the check.
 *
 * Some checks of some scenarios do not pass yet (docs/scoring.md, "Balance",
 * says which and why). They are listed below, and the list only shrinks: a
 * listed check that starts to pass fails the test too, so that it is taken
 * off the list and can never silently fail again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUICK_BALANCE, runBalance } from '../../src/engine/bots/balance';
import { historyFileName, parseHistory, type HistoryTrack } from '../../src/engine/scenario/history';
import type { Scenario } from '../../src/engine/scenario/schema';
import { shippedScenarios } from './support';

/** Scenario id to the checks not yet passing. */
const NOT_YET_PASSING: Record<string, number[]> = {};

function trackOf(scenario: Scenario): HistoryTrack | null {
  const file = new URL(`../../scenarios/${historyFileName(scenario.id)}`, import.meta.url);
  if (!existsSync(file)) return null;
  const result = parseHistory(JSON.parse(readFileSync(file, 'utf8')), scenario);
  if (!result.ok) throw new Error(`${scenario.id}: ${result.problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`);
  return result.track;
}

describe('the balance checks on every shipped scenario', () => {
  const scenarios = shippedScenarios();

  it('finds the shipped scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  // A quick balance run plays a few hundred exercises: seconds of CPU, more on a loaded machine.
  it.each(scenarios.map((s) => [s.id, s] as const))('%s passes the five checks', { timeout: 240_000 }, (id, scenario) => {
    const result = runBalance(scenario, trackOf(scenario), { seed: 'balance', ...QUICK_BALANCE });
    const expectedFailures = NOT_YET_PASSING[id] ?? [];
    for (const check of result.checks) {
      const expected = !expectedFailures.includes(check.id);
      const why = expected
        ? `${id}: check ${check.id} (${check.title}) fails: ${check.detail}`
        : `${id}: check ${check.id} (${check.title}) now passes (${check.detail}): take it off NOT_YET_PASSING`;
      expect(check.passed, why).toBe(expected);
    }
  });
});
