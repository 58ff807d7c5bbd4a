/**
 * The shortcuts the simulation takes give exactly what the long way gives:
 * the value-only proportionality preview equals the explained score's value,
 * and a round's reaction worked out directly equals the adversary chart's
 * transition, snapshot for snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adversaryMachineFor, reactToFeatures, type RoundFeatures } from '../../src/engine/machines/adversary';
import { sendToChart, startChart } from '../../src/engine/machines/chart';
import { ACTION_CATEGORIES, LEGAL_CATEGORIES, PROCEDURES, RESPONSE_TYPES, SPILLOVER } from '../../src/engine/scenario/schema';
import { proportionalityValue, scoreProportionality, type ProportionalityInput } from '../../src/engine/scoring/proportionality';
import type { ChartSnapshot } from '../../src/engine/types';
import { richScenario } from './support';

const confidence = fc.constantFrom('low' as const, 'moderate' as const, 'high' as const);
const weight = fc.oneof(fc.constantFrom(0, 0.15, 0.2, 0.35, 1), fc.double({ min: -1, max: 2, noNaN: true }));

const proportionalityInput: fc.Arbitrary<ProportionalityInput> = fc.record({
  actionName: fc.constant('A measure'),
  category: fc.constantFrom(...ACTION_CATEGORIES),
  declinesToAttribute: fc.boolean(),
  severity: fc.oneof(fc.integer({ min: -3, max: 11 }), fc.double({ min: -3, max: 11, noNaN: true })),
  harm: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: -1, max: 12, noNaN: true })),
  confidence: fc.option(confidence, { nil: null }),
  minConfidence: fc.constantFrom('none' as const, 'low' as const, 'moderate' as const, 'high' as const),
  basis: fc.record({ shared: fc.boolean(), corroborated: fc.boolean(), public: fc.boolean() }),
  reversibility: fc.oneof(fc.constantFrom(0, 0.5, 0.8, 1), fc.double({ min: -0.5, max: 1.5, noNaN: true })),
  responseType: fc.constantFrom(...RESPONSE_TYPES),
  proceduresOffered: fc.subarray([...PROCEDURES]),
  options: fc.dictionary(fc.constantFrom(...PROCEDURES), fc.boolean()),
  spillover: fc.constantFrom(...SPILLOVER),
  assessedResponsibility: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  assessedLegalCategory: fc.option(fc.constantFrom(...LEGAL_CATEGORIES), { nil: null }),
  context: fc.record(
    {
      urgencyWarranted: fc.boolean(),
      wrongOngoing: fc.boolean(),
      tribunalSeized: fc.boolean(),
      injured: fc.boolean(),
      caseFile: fc.boolean(),
      misled: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  weights: fc.record({ fit: weight, evidence: weight, reversibility: weight, procedure: weight, mitigation: weight }),
});

describe('value-only proportionality', () => {
  it('equals the explained score on any input', () => {
    fc.assert(
      fc.property(proportionalityInput, (input) => {
        expect(proportionalityValue(input)).toBe(scoreProportionality(input).score.value);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the adversary's reaction worked out directly", () => {
  const scenario = richScenario();
  const machine = adversaryMachineFor(scenario);
  const phases = scenario.adversary.phases.map((p) => p.id);
  const postures = ['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'] as const;
  const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const features: fc.Arbitrary<RoundFeatures> = fc.record({
    talks: fc.boolean(),
    overreaction: fc.oneof(fc.integer({ min: -5, max: 6 }), fc.double({ min: -5, max: 6, noNaN: true })),
    mirroring: fc.boolean(),
    mirrorRoll: unit,
    jointness: unit,
    cohesion: fc.integer({ min: 0, max: 100 }),
    jointAttribution: fc.boolean(),
    fit: unit,
    quietRounds: fc.integer({ min: 0, max: 5 }),
    onlyPrivate: fc.boolean(),
    undiscoveredAccess: fc.boolean(),
    bonus: fc.constantFrom(0, 0.1, 0.2, 0.3),
    roll: unit,
  });

  /** A chart in the given phase and posture, with a deterrence bonus and a hold on stepped-back resolve, reached by the chart's own events. */
  function chartAt(phase: number, posture: (typeof postures)[number], signals: number, holdChance: number | undefined): ChartSnapshot {
    let chart = startChart(machine, { tuning: { ...scenario.adversary.tuning, holdChance } });
    for (let i = 0; i < phase; i++) chart = sendToChart(machine, chart, { type: 'ADVANCE_PHASE' });
    for (let i = 0; i < signals; i++) chart = sendToChart(machine, chart, { type: 'DETERRENCE_SIGNAL' });
    return sendToChart(machine, chart, { type: 'OVERRIDE_POSTURE', posture });
  }

  it('gives the snapshot the chart gives, in every phase and posture', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: phases.length - 1 }),
        fc.constantFrom(...postures),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(undefined, 0, 0.4, 0.7, 1),
        features,
        (phase, posture, signals, holdChance, f) => {
          const chart = chartAt(phase, posture, signals, holdChance);
          const direct = reactToFeatures(chart, f);
          const charted = sendToChart(machine, chart, { type: 'RESPONSE_RESOLVED', features: f });
          expect(direct).toEqual(charted);
          // The same bytes: the state's JSON, and so its hash, cannot tell them apart.
          expect(JSON.stringify(direct)).toBe(JSON.stringify(charted));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
