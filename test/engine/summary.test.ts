/**
 * The streamed simulation summary: tallies that keep counts instead of runs
 * give the figures of the full lists, and a batch split into slices (as
 * worker threads play it) summarises to the same bytes as played in one go.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchRun, runBatch, tallyBatch, type BatchOptions } from '../../src/engine/bots/simulate';
import { distribution, distributionOfCounts, emptyTally, mergeTally, summarise, summariseTally, tallyRun } from '../../src/engine/bots/summary';
import { BOTS } from '../../src/engine/bots/policies';
import { richScenario } from './support';

const scenario = richScenario();

/** The quantiles by sorting the whole list: what the counts must reproduce. */
function sortedFigures(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { count: values.length, p10: at(0.1), p50: at(0.5), p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

describe('distributions from counts', () => {
  it('give the quantiles, extremes and mean of the sorted list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 300 }), (values) => {
        const d = distribution(values);
        expect(d).toMatchObject(sortedFigures(values));
        expect(d.mean).toBe(Math.round((100 * values.reduce((a, b) => a + b, 0)) / values.length) / 100);
      }),
    );
  });

  it('describe an empty list as zeros', () => {
    expect(distributionOfCounts(new Map())).toEqual({ count: 0, mean: 0, p10: 0, p50: 0, p90: 0, min: 0, max: 0 });
  });
});

describe('a tallied batch', () => {
  const options: BatchOptions = { runs: 12, seed: 'tally', policies: BOTS.map((b) => b.id) };

  it('summarises as the kept runs do', () => {
    const kept = summarise(scenario, options.seed, runBatch(scenario, options));
    expect(summariseTally(scenario, options.seed, tallyBatch(scenario, options))).toEqual(kept);
    expect(kept.runs).toBe(12);
    expect(kept.policies.map((p) => p.runs)).toEqual([3, 3, 3, 3]);
  });

  it('summarises to the same bytes however it is sliced', () => {
    const whole = JSON.stringify(summariseTally(scenario, options.seed, tallyBatch(scenario, options)));
    for (const cuts of [[5], [1, 7], [3, 6, 9]]) {
      const bounds = [0, ...cuts, options.runs];
      const slices = bounds.slice(1).map((to, i) => tallyBatch(scenario, options, bounds[i]!, to));
      const merged = slices.reduce((into, later) => mergeTally(into, later), emptyTally(scenario));
      expect(JSON.stringify(summariseTally(scenario, options.seed, merged))).toBe(whole);
    }
  });

  it('keeps the order in which policies first appear, and mixed runs apart', () => {
    const mixed = { ...options, mix: true };
    const tally = emptyTally(scenario);
    tallyRun(scenario, tally, batchRun(scenario, mixed, 0));
    tallyRun(scenario, tally, batchRun(scenario, options, 2));
    tallyRun(scenario, tally, batchRun(scenario, options, 1));
    expect(tally.policies.map((p) => p.policy)).toEqual(['mixed', options.policies[2], options.policies[1]]);
  });
});
