/**
 * Every state chart, driven as the engine drives it: startChart, then one
 * sendToChart per event, over plain JSON snapshots.
 */
import { describe, expect, it } from 'vitest';
import { startChart, sendToChart, regionState } from '../../src/engine/machines/chart';
import { exerciseMachine } from '../../src/engine/machines/exercise';
import { coalitionAttributionMachine, nationalAttributionMachine } from '../../src/engine/machines/attribution';
import { confidenceAtLeast, confidenceOf, type EvidenceThresholds } from '../../src/engine/confidence';
import {
  adversaryMachineFor,
  deterrenceProbability,
  explainPosture,
  holdProbability,
  reactToFeatures,
  type AdversaryTuning,
  type RoundFeatures,
} from '../../src/engine/machines/adversary';
import { clampLevel, escalationMachine, MAX_ESCALATION } from '../../src/engine/machines/escalation';
import { sanctionsMachine } from '../../src/engine/machines/sanctions';
import { deEscalationMachine } from '../../src/engine/machines/deEscalation';
import type { AnyStateMachine } from 'xstate';
import type { ChartSnapshot } from '../../src/engine/types';
import { FAC, Game, richScenario } from './support';

/** Sends events in order and returns the snapshot after each. */
function run(machine: AnyStateMachine, chart: ChartSnapshot, ...events: ({ type: string; [k: string]: unknown } | string)[]): ChartSnapshot {
  let current = chart;
  for (const e of events) {
    current = sendToChart(machine, current, typeof e === 'string' ? { type: e } : e);
    // A snapshot is plain JSON: it survives a round trip through the log.
    expect(JSON.parse(JSON.stringify(current))).toEqual(current);
  }
  return current;
}

// ---------------------------------------------------------------------------

describe('exercise flow chart', () => {
  const start = () => startChart(exerciseMachine);

  it('goes lobby → briefing → deliberation → results → deliberation … → debrief', () => {
    let s = start();
    expect(s.value).toBe('lobby');
    s = run(exerciseMachine, s, 'START');
    expect(s.value).toBe('briefing');
    s = run(exerciseMachine, s, 'BEGIN_ROUND');
    expect(s.value).toEqual({ running: 'deliberation' });
    s = run(exerciseMachine, s, 'RESOLVE');
    expect(s.value).toEqual({ running: 'results' });
    s = run(exerciseMachine, s, 'BEGIN_ROUND');
    expect(s.value).toEqual({ running: 'deliberation' });
    s = run(exerciseMachine, s, 'RESOLVE', 'FINISH');
    expect(s.value).toBe('debrief');
  });

  it('ignores events that do not belong to the current state', () => {
    let s = start();
    s = run(exerciseMachine, s, 'BEGIN_ROUND', 'RESOLVE', 'PAUSE', 'RESUME');
    expect(s.value).toBe('lobby');
    s = run(exerciseMachine, s, 'START', 'RESOLVE', 'PAUSE');
    expect(s.value).toBe('briefing');
    s = run(exerciseMachine, s, 'BEGIN_ROUND', 'BEGIN_ROUND');
    expect(s.value).toEqual({ running: 'deliberation' });
  });

  it('can finish from the briefing, a running round or a pause, and the debrief is final', () => {
    expect(run(exerciseMachine, start(), 'START', 'FINISH').value).toBe('debrief');
    expect(run(exerciseMachine, start(), 'START', 'BEGIN_ROUND', 'FINISH').value).toBe('debrief');
    const paused = run(exerciseMachine, start(), 'START', 'BEGIN_ROUND', 'PAUSE');
    expect(paused.value).toBe('paused');
    const done = run(exerciseMachine, paused, 'FINISH');
    expect(done.value).toBe('debrief');
    expect(run(exerciseMachine, done, 'START', 'BEGIN_ROUND', 'RESUME').value).toBe('debrief');
  });

  it('PAUSE keeps the round and RESUME returns to deliberation when paused in deliberation', () => {
    const paused = run(exerciseMachine, start(), 'START', 'BEGIN_ROUND', 'PAUSE');
    expect(paused.value).toBe('paused');
    // While paused the round does not move on.
    const still = run(exerciseMachine, paused, 'RESOLVE', 'BEGIN_ROUND');
    expect(still.value).toBe('paused');
    expect(run(exerciseMachine, still, 'RESUME').value).toEqual({ running: 'deliberation' });
  });

  it('PAUSE keeps the round and RESUME returns to the results when paused in the results (history survives the snapshot)', () => {
    const paused = run(exerciseMachine, start(), 'START', 'BEGIN_ROUND', 'RESOLVE', 'PAUSE');
    expect(paused.value).toBe('paused');
    const resumed = run(exerciseMachine, paused, 'RESUME');
    expect(resumed.value).toEqual({ running: 'results' });
    // And again, after another round, the history follows the latest sub-state.
    const again = run(exerciseMachine, resumed, 'BEGIN_ROUND', 'PAUSE', 'RESUME');
    expect(again.value).toEqual({ running: 'deliberation' });
  });

  it('the engine keeps its flow chart in step with the phase across a pause in the results', () => {
    const game = new Game(richScenario()).start();
    game.lockAll();
    expect(game.state.phase).toBe('results');
    game.ok(FAC, { type: 'pause' });
    expect(game.state.flow.value).toBe('paused');
    game.ok(FAC, { type: 'resume' });
    expect(game.state.phase).toBe('results');
    expect(game.state.flow.value).toEqual({ running: 'results' });
    game.ok(FAC, { type: 'advance' });
    expect(game.state.phase).toBe('deliberation');
    expect(game.state.flow.value).toEqual({ running: 'deliberation' });
  });
});

// ---------------------------------------------------------------------------

const T: EvidenceThresholds = { suspected: 1, low: 2, moderate: 4, high: 7 };
const national = (evidence = 0) => startChart(nationalAttributionMachine, { evidence, thresholds: T });
const ev = (points: number) => ({ type: 'EVIDENCE', points });

describe('national attribution chart', () => {
  it('maps evidence to confidence by the thresholds', () => {
    expect(confidenceOf(0, T)).toBeNull();
    expect(confidenceOf(1, T)).toBeNull();
    expect(confidenceOf(2, T)).toBe('low');
    expect(confidenceOf(3.99, T)).toBe('low');
    expect(confidenceOf(4, T)).toBe('moderate');
    expect(confidenceOf(6, T)).toBe('moderate');
    expect(confidenceOf(7, T)).toBe('high');
    expect(confidenceOf(70, T)).toBe('high');
    expect(confidenceAtLeast(null, 'none')).toBe(true);
    expect(confidenceAtLeast(null, 'low')).toBe(false);
    expect(confidenceAtLeast('low', 'moderate')).toBe(false);
    expect(confidenceAtLeast('moderate', 'moderate')).toBe(true);
    expect(confidenceAtLeast('high', 'moderate')).toBe(true);
    expect(confidenceAtLeast('moderate', 'high')).toBe(false);
  });

  it('evidence thresholds drive unknown → detected → suspected → assessed', () => {
    let s = national();
    expect(s.value).toBe('unknown');
    s = run(nationalAttributionMachine, s, 'DETECT');
    expect(s.value).toBe('detected');
    expect(s.context.evidence).toBe(0);
    s = run(nationalAttributionMachine, s, ev(1));
    expect(s.value).toBe('suspected');
    s = run(nationalAttributionMachine, s, ev(1));
    expect(s.value).toBe('assessed');
    expect(s.context.evidence).toBe(2);
  });

  it('any evidence moves an unknown incident on, as far as the evidence reaches', () => {
    expect(run(nationalAttributionMachine, national(), ev(1)).value).toBe('suspected');
    expect(run(nationalAttributionMachine, national(), ev(5)).value).toBe('assessed');
    expect(national(1).value).toBe('suspected');
    expect(national(3).value).toBe('assessed');
    // Stages need their thresholds: with a high suspicion threshold evidence only detects.
    const strict = startChart(nationalAttributionMachine, { evidence: 0, thresholds: { suspected: 3, low: 5, moderate: 6, high: 8 } });
    expect(run(nationalAttributionMachine, strict, ev(2)).value).toBe('detected');
    expect(run(nationalAttributionMachine, strict, ev(4)).value).toBe('suspected');
  });

  it('evidence never goes below zero (a false flag can only take away what there is)', () => {
    const s = run(nationalAttributionMachine, national(1), ev(-5));
    expect(s.context.evidence).toBe(0);
    expect(s.value).toBe('suspected');
  });

  it('PUBLIC_ATTRIBUTION is refused below moderate confidence and accepted at moderate', () => {
    const low = national(3);
    expect(low.value).toBe('assessed');
    expect(run(nationalAttributionMachine, low, 'PUBLIC_ATTRIBUTION').value).toBe('assessed');
    const moderate = run(nationalAttributionMachine, low, ev(1));
    expect(moderate.context.evidence).toBe(4);
    expect(run(nationalAttributionMachine, moderate, 'PUBLIC_ATTRIBUTION').value).toBe('attributedPublicly');
    // Not before the incident is even assessed.
    expect(run(nationalAttributionMachine, national(), 'DETECT', 'PUBLIC_ATTRIBUTION').value).toBe('detected');
  });

  it('PRIVATE_SIGNAL from an assessment, then a public attribution once confident', () => {
    const signalled = run(nationalAttributionMachine, national(2), 'PRIVATE_SIGNAL');
    expect(signalled.value).toBe('signalledPrivately');
    expect(run(nationalAttributionMachine, signalled, 'PUBLIC_ATTRIBUTION').value).toBe('signalledPrivately');
    expect(run(nationalAttributionMachine, signalled, ev(2), 'PUBLIC_ATTRIBUTION').value).toBe('attributedPublicly');
    // A private signal needs an assessment.
    expect(run(nationalAttributionMachine, national(1), 'PRIVATE_SIGNAL').value).toBe('suspected');
  });

  it('RETRACT walks back a public attribution; re-attribution needs moderate confidence again', () => {
    const attributed = run(nationalAttributionMachine, national(4), 'PUBLIC_ATTRIBUTION');
    const retracted = run(nationalAttributionMachine, attributed, 'RETRACT');
    expect(retracted.value).toBe('retracted');
    expect(run(nationalAttributionMachine, retracted, 'PUBLIC_ATTRIBUTION').value).toBe('attributedPublicly');
    // A false flag in between: the evidence no longer supports a statement.
    expect(run(nationalAttributionMachine, retracted, ev(-1), 'PUBLIC_ATTRIBUTION').value).toBe('retracted');
    // Nothing to retract before an attribution.
    expect(run(nationalAttributionMachine, national(4), 'RETRACT').value).toBe('assessed');
  });
});

describe('coalition attribution chart', () => {
  const coalition = () => startChart(coalitionAttributionMachine);

  it('pools shared evidence and records each sharer once', () => {
    let s = coalition();
    expect(s.value).toBe('idle');
    expect(s.context).toEqual({ sharedBy: [], confident: [] });
    s = run(coalitionAttributionMachine, s, { type: 'EVIDENCE_SHARED', team: 'usa' });
    expect(s.value).toBe('pooling');
    s = run(coalitionAttributionMachine, s, { type: 'EVIDENCE_SHARED', team: 'usa' }, { type: 'EVIDENCE_SHARED', team: 'fra' });
    expect(s.context.sharedBy).toEqual(['usa', 'fra']);
  });

  it('JOINT_ATTRIBUTION needs at least two confident governments and a shared record', () => {
    const pooled = run(coalitionAttributionMachine, coalition(), { type: 'EVIDENCE_SHARED', team: 'usa' });
    const one = run(coalitionAttributionMachine, pooled, { type: 'CONFIDENCE_UPDATE', confident: ['usa'] }, 'JOINT_ATTRIBUTION');
    expect(one.value).toBe('pooling');
    const two = run(coalitionAttributionMachine, one, { type: 'CONFIDENCE_UPDATE', confident: ['usa', 'fra'] }, 'JOINT_ATTRIBUTION');
    expect(two.value).toBe('jointlyAttributed');
    // Two confident governments without any shared record cannot make a joint statement.
    const noRecord = run(coalitionAttributionMachine, coalition(), { type: 'CONFIDENCE_UPDATE', confident: ['usa', 'fra', 'deu'] }, 'JOINT_ATTRIBUTION');
    expect(noRecord.value).toBe('idle');
    expect(noRecord.context.confident).toEqual(['usa', 'fra', 'deu']);
  });

  it('a joint attribution can be retracted, and sharing continues afterwards', () => {
    const joint = run(
      coalitionAttributionMachine,
      coalition(),
      { type: 'EVIDENCE_SHARED', team: 'usa' },
      { type: 'CONFIDENCE_UPDATE', confident: ['usa', 'fra'] },
      'JOINT_ATTRIBUTION',
    );
    const retracted = run(coalitionAttributionMachine, joint, 'RETRACT', { type: 'EVIDENCE_SHARED', team: 'deu' });
    expect(retracted.value).toBe('retracted');
    expect(retracted.context.sharedBy).toEqual(['usa', 'deu']);
    expect(run(coalitionAttributionMachine, retracted, 'JOINT_ATTRIBUTION').value).toBe('retracted');
  });
});

// ---------------------------------------------------------------------------

describe('adversary campaign chart', () => {
  const scenario = richScenario();
  const tuning: AdversaryTuning = scenario.adversary.tuning;
  const machine = adversaryMachineFor(scenario);
  const fresh = () => startChart(machine, { tuning });
  /** A round that neither provokes nor deters nor emboldens: deterrence 0.1 + 0.2 × 0.6 = 0.22, roll 0.99. */
  const neutral: RoundFeatures = {
    talks: false,
    overreaction: 0,
    mirroring: false,
    mirrorRoll: 0.99,
    jointness: 0,
    cohesion: 60,
    jointAttribution: false,
    fit: 0,
    quietRounds: 0,
    onlyPrivate: false,
    undiscoveredAccess: false,
    bonus: 0,
    roll: 0.99,
  };
  const round = (over: Partial<RoundFeatures> = {}) => ({ type: 'RESPONSE_RESOLVED', features: { ...neutral, ...over } });
  const posture = (s: ChartSnapshot) => regionState(s, 'posture');
  const after = (over: Partial<RoundFeatures>, from = fresh()) => posture(run(machine, from, round(over)));

  it('uses the scenario defaults we rely on below', () => {
    expect(tuning).toMatchObject({
      baseDeterrence: 0.1,
      deterrencePerCohesion: 0.2,
      overconfidenceBias: 0.1,
      emboldenAfterQuietRounds: 2,
      emboldenBelowCohesion: 40,
      titForTatGap: 3,
    });
    expect(deterrenceProbability(tuning, neutral)).toBeCloseTo(0.22, 10);
  });

  it('starts in the first phase, probing, and advances the phases in order', () => {
    let s = fresh();
    expect(s.value).toEqual({ phase: 'recon', posture: 'probing' });
    s = run(machine, s, 'ADVANCE_PHASE');
    expect(regionState(s, 'phase')).toBe('leak');
    s = run(machine, s, 'ADVANCE_PHASE');
    expect(regionState(s, 'phase')).toBe('election');
    s = run(machine, s, 'ADVANCE_PHASE');
    expect(regionState(s, 'phase')).toBe('election');
    expect(posture(s)).toBe('probing');
  });

  it('a neutral round changes nothing', () => {
    expect(after({})).toBe('probing');
  });

  it('talks under way with costs in place → deEscalating, before any other rule', () => {
    expect(after({ talks: true })).toBe('deEscalating');
    expect(after({ talks: true, overreaction: 9, mirroring: true, mirrorRoll: 0, roll: 0 })).toBe('deEscalating');
  });

  it('an overreaction of titForTatGap rungs or more, or a mirrored measure → titForTat', () => {
    expect(after({ overreaction: 3 })).toBe('titForTat');
    expect(after({ overreaction: 2.9 })).toBe('probing');
    // Mirroring happens when its draw falls below mirroringChance.
    const partlyMirroring = () => startChart(machine, { tuning: { ...tuning, mirroringChance: 0.8 } });
    expect(after({ mirroring: true, mirrorRoll: 0.79 }, partlyMirroring())).toBe('titForTat');
    expect(after({ mirroring: true, mirrorRoll: 0.8 }, partlyMirroring())).toBe('probing');
    // Provocation beats a lucky deterrence roll.
    expect(after({ mirroring: true, mirrorRoll: 0, roll: 0 })).toBe('titForTat');
  });

  it('a roll below the deterrence probability → deterred; at or above it, no change', () => {
    expect(after({ roll: 0.2199 })).toBe('deterred');
    expect(after({ roll: 0.2201 })).toBe('probing');
    // Joint attribution and jointness raise the probability.
    const strong = { jointness: 1, jointAttribution: true, fit: 1, cohesion: 100 };
    expect(deterrenceProbability(tuning, { ...neutral, ...strong })).toBeCloseTo(0.95, 10); // capped
    expect(after({ ...strong, roll: 0.9 })).toBe('deterred');
    // Undiscovered access makes the adversary overconfident.
    expect(deterrenceProbability(tuning, { ...neutral, undiscoveredAccess: true })).toBeCloseTo(0.12, 10);
    expect(after({ undiscoveredAccess: true, roll: 0.15 })).toBe('probing');
    expect(deterrenceProbability(tuning, { ...neutral, cohesion: 0, undiscoveredAccess: true })).toBe(0);
  });

  it("a scenario's maxDeterrence caps the chance, and binds only responses strong enough to reach it", () => {
    const capped: AdversaryTuning = { ...tuning, maxDeterrence: 0.4 };
    const strong = { jointness: 1, jointAttribution: true, fit: 1, cohesion: 100 };
    expect(deterrenceProbability(capped, { ...neutral, ...strong })).toBeCloseTo(0.4, 10);
    // Below the cap the formula is untouched.
    expect(deterrenceProbability(capped, neutral)).toBeCloseTo(deterrenceProbability(tuning, neutral), 10);
    const cappedMachine = adversaryMachineFor({ ...scenario, adversary: { ...scenario.adversary, tuning: capped } });
    const afterCapped = (over: Partial<RoundFeatures>) =>
      posture(run(cappedMachine, startChart(cappedMachine, { tuning: capped }), round(over)));
    expect(afterCapped({ ...strong, roll: 0.39 })).toBe('deterred');
    expect(afterCapped({ ...strong, roll: 0.41 })).not.toBe('deterred');
  });

  it('deterrence is checked before the emboldening rules', () => {
    expect(after({ quietRounds: 5, roll: 0 })).toBe('deterred');
  });

  it('quiet rounds, low cohesion or only private signals → emboldened', () => {
    expect(after({ quietRounds: 2 })).toBe('emboldened');
    expect(after({ quietRounds: 1 })).toBe('probing');
    expect(after({ cohesion: 39 })).toBe('emboldened');
    expect(after({ cohesion: 40 })).toBe('probing');
    expect(after({ onlyPrivate: true })).toBe('emboldened');
  });

  it('tit-for-tat lasts one round and falls back to probing; other postures hold', () => {
    const angry = run(machine, fresh(), round({ mirroring: true, mirrorRoll: 0 }));
    expect(posture(angry)).toBe('titForTat');
    expect(posture(run(machine, angry, round()))).toBe('probing');
    const deterred = run(machine, fresh(), round({ roll: 0 }));
    expect(posture(run(machine, deterred, round()))).toBe('deterred');
    const bold = run(machine, fresh(), round({ onlyPrivate: true }));
    expect(posture(run(machine, bold, round()))).toBe('emboldened');
  });

  describe('with holdChance: a stepped-back adversary not deterred anew may test again', () => {
    // p = 0.22 in a neutral round; with holdChance 0.5 it stays back while roll < 0.22 + 0.78 × 0.5 = 0.61.
    const holding = { ...tuning, holdChance: 0.5 };
    const start = (p: 'deterred' | 'deEscalating' | 'emboldened') => run(machine, startChart(machine, { tuning: holding }), { type: 'OVERRIDE_POSTURE', posture: p });

    it('stays back below the hold, goes back to probing above it', () => {
      expect(holdProbability(holding, neutral)).toBeCloseTo(0.61, 10);
      expect(after({ roll: 0.6 }, start('deterred'))).toBe('deterred');
      expect(after({ roll: 0.62 }, start('deterred'))).toBe('probing');
      expect(after({ roll: 0.62 }, start('deEscalating'))).toBe('probing');
      // Only a stepped-back adversary wears off: an emboldened one holds.
      expect(after({ roll: 0.99 }, start('emboldened'))).toBe('emboldened');
      // Without holdChance it stays back until a rule moves it.
      expect(after({ roll: 0.99 }, run(machine, fresh(), { type: 'OVERRIDE_POSTURE', posture: 'deterred' }))).toBe('deterred');
    });

    it('talks keep it on the way down with the same chance', () => {
      expect(after({ talks: true, roll: 0.6 }, start('deEscalating'))).toBe('deEscalating');
      expect(after({ talks: true, roll: 0.62 }, start('deEscalating'))).toBe('probing');
      // From probing, talks that do not hold it leave it probing.
      expect(after({ talks: true, roll: 0.62 }, run(machine, startChart(machine, { tuning: holding }), round()))).toBe('probing');
    });

    it('explains the wearing off, and the direct reaction gives the same posture', () => {
      const f = { ...neutral, roll: 0.62 };
      expect(explainPosture(holding, f, 'probing', 'deterred')).toBe(
        'Not deterred anew, the adversary tested the coalition again: it was deterred and is probing (it stays back without fresh pressure 50% of the time; the chance of deterring it was 22%).',
      );
      expect(regionState(reactToFeatures(start('deterred'), f), 'posture')).toBe('probing');
      expect(regionState(reactToFeatures(start('deterred'), { ...neutral, roll: 0.6 }), 'posture')).toBe('deterred');
    });
  });

  it('OVERRIDE_POSTURE sets any posture; ESCALATE forces tit-for-tat', () => {
    for (const p of ['emboldened', 'deterred', 'titForTat', 'deEscalating', 'probing'] as const) {
      const s = run(machine, fresh(), 'ADVANCE_PHASE', { type: 'OVERRIDE_POSTURE', posture: p });
      expect(s.value).toEqual({ phase: 'leak', posture: p });
    }
    expect(posture(run(machine, fresh(), { type: 'OVERRIDE_POSTURE', posture: 'deterred' }, 'ESCALATE'))).toBe('titForTat');
  });

  it('DETERRENCE_SIGNAL adds a bonus capped at 0.3, spent when the posture changes', () => {
    let s = fresh();
    const bonuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      s = run(machine, s, 'DETERRENCE_SIGNAL');
      bonuses.push(s.context.bonus as number);
    }
    expect(bonuses.map((b) => Math.round(b * 100) / 100)).toEqual([0.1, 0.2, 0.3, 0.3, 0.3]);
    expect(Math.max(...bonuses)).toBeLessThanOrEqual(0.3);
    // No change of posture keeps the bonus; a change spends it.
    const kept = run(machine, s, round());
    expect(kept.context.bonus).toBe(s.context.bonus);
    const spent = run(machine, s, round({ roll: 0 }));
    expect(posture(spent)).toBe('deterred');
    expect(spent.context.bonus).toBe(0);
    // The bonus feeds the probability.
    expect(deterrenceProbability(tuning, { ...neutral, bonus: 0.3 })).toBeCloseTo(0.52, 10);
  });

  it('explainPosture says why, in sentences that match the rules', () => {
    expect(explainPosture(tuning, { ...neutral, talks: true }, 'deEscalating', 'deEscalating')).toMatch(/^Talks are under way/);
    expect(explainPosture(tuning, { ...neutral, mirroring: true, mirrorRoll: 0 }, 'titForTat', 'titForTat')).toBe(
      'Measures like expulsions invite mirroring: the adversary retaliates in kind.',
    );
    expect(explainPosture(tuning, { ...neutral, overreaction: 4 }, 'titForTat', 'titForTat')).toBe(
      'A response 4.0 rungs of severity above the harm suffered provoked retaliation.',
    );
    expect(explainPosture(tuning, { ...neutral, roll: 0 }, 'deterred', 'deterred')).toBe(
      'Deterred (a 22% chance this round, from jointness, cohesion, joint attribution and well-fitted responses).',
    );
    expect(explainPosture(tuning, { ...neutral, quietRounds: 3 }, 'emboldened', 'emboldened')).toBe('3 rounds without a public response: the adversary is emboldened.');
    expect(explainPosture(tuning, { ...neutral, onlyPrivate: true }, 'emboldened', 'emboldened')).toBe('Only private signals this round: the adversary reads them as weakness.');
    expect(explainPosture(tuning, { ...neutral, cohesion: 12 }, 'emboldened', 'emboldened')).toBe('Cohesion 12 is below 40: a divided coalition emboldens the adversary.');
    expect(explainPosture(tuning, neutral, 'probing', 'probing')).toBe('No rule moved it: the adversary is probing (the chance of deterring it was 22%).');
    // A posture that merely holds is explained as holding, not by a rule that did not fire.
    expect(explainPosture(tuning, { ...neutral, cohesion: 92 }, 'emboldened', 'emboldened')).toBe(
      'No change of course: the adversary stays emboldened (the chance of deterring it was 28%).',
    );
  });

  it('scenarios with the same phases share one machine; different phases get their own', () => {
    expect(adversaryMachineFor(richScenario())).toBe(machine);
    const other = { ...scenario, adversary: { ...scenario.adversary, phases: [{ id: 'only', name: 'Only', description: '', fromRound: 1 }] } };
    const m2 = adversaryMachineFor(other);
    expect(m2).not.toBe(machine);
    expect(startChart(m2, { tuning }).value).toEqual({ phase: 'only', posture: 'probing' });
  });
});

// ---------------------------------------------------------------------------

describe('escalation chart', () => {
  const at = (level: number) => startChart(escalationMachine, { level });
  const set = (s: ChartSnapshot, level: number) => sendToChart(escalationMachine, s, { type: 'SET_LEVEL', level });

  it('puts each level in its band', () => {
    const bands = Array.from({ length: 10 }, (_, level) => set(at(0), level).value);
    expect(bands).toEqual([
      'belowThreshold',
      'belowThreshold',
      'belowThreshold',
      'belowThreshold',
      'hardening',
      'hardening',
      'hardening',
      'hardening',
      'beyondFirebreak',
      'beyondFirebreak',
    ]);
  });

  it('clamps to 0..9 and rounds to a rung', () => {
    expect(MAX_ESCALATION).toBe(9);
    expect(set(at(0), 14).context.level).toBe(9);
    expect(set(at(5), -3).context.level).toBe(0);
    expect(set(at(5), -3).value).toBe('belowThreshold');
    expect(set(at(0), 4.6).context.level).toBe(5);
    expect(at(42).context.level).toBe(9);
    expect(at(42).value).toBe('beyondFirebreak');
    expect(at(-1).context.level).toBe(0);
    expect([clampLevel(-0.4), clampLevel(3.5), clampLevel(100)]).toEqual([0, 4, 9]);
  });

  it('moves down as well as up', () => {
    const high = set(at(0), 8);
    expect(high.value).toBe('beyondFirebreak');
    const down = set(high, 2);
    expect(down.value).toBe('belowThreshold');
    expect(down.context.level).toBe(2);
  });
});

// ---------------------------------------------------------------------------

describe('sanctions package chart', () => {
  const pkg = (jurisdictions: string[], options: { reviewAfter?: number; sunset?: boolean } = {}) =>
    startChart(sanctionsMachine, { jurisdictions, reviewAfter: options.reviewAfter ?? 2, sunset: options.sunset ?? false });
  const status = (s: ChartSnapshot) => regionState(s, 'status');
  const challenge = (s: ChartSnapshot) => regionState(s, 'challenge');
  const adopt = (j: string) => ({ type: 'JURISDICTION_ADOPTED', jurisdiction: j });
  const inForce = (options?: { reviewAfter?: number; sunset?: boolean }) => run(sanctionsMachine, pkg(['US', 'EU'], options), adopt('US'), adopt('EU'));

  it('coordinates per jurisdiction and enters into force once every one has adopted', () => {
    const s = pkg(['US', 'EU']);
    expect(status(s)).toBe('coordinating');
    expect(challenge(s)).toBe('none');
    const us = run(sanctionsMachine, s, adopt('US'));
    expect(status(us)).toBe('coordinating');
    expect(us.context.pending).toEqual(['EU']);
    const both = run(sanctionsMachine, us, adopt('EU'));
    expect(status(both)).toBe('inForce');
    expect(both.context.pending).toEqual([]);
  });

  it('an EU veto blocks the package, for good', () => {
    const blocked = run(sanctionsMachine, pkg(['US', 'EU']), adopt('US'), 'VETO');
    expect(status(blocked)).toBe('blocked');
    expect(status(run(sanctionsMachine, blocked, adopt('EU'), 'ROUND_ENDED', 'RENEW'))).toBe('blocked');
  });

  it('goes to review after reviewAfter rounds in force', () => {
    let s = inForce({ reviewAfter: 2 });
    s = run(sanctionsMachine, s, 'ROUND_ENDED');
    expect(status(s)).toBe('inForce');
    expect(s.context.roundsSinceReview).toBe(1);
    s = run(sanctionsMachine, s, 'ROUND_ENDED');
    expect(status(s)).toBe('review');
    const quick = run(sanctionsMachine, inForce({ reviewAfter: 1 }), 'ROUND_ENDED');
    expect(status(quick)).toBe('review');
  });

  it('under review: RENEW puts it back in force with a fresh review period', () => {
    const review = run(sanctionsMachine, inForce({ reviewAfter: 1, sunset: true }), 'ROUND_ENDED');
    const renewed = run(sanctionsMachine, review, 'RENEW');
    expect(status(renewed)).toBe('inForce');
    expect(renewed.context.roundsSinceReview).toBe(0);
  });

  it('with a sunset clause, a review without renewal lets the measure expire', () => {
    const review = run(sanctionsMachine, inForce({ reviewAfter: 1, sunset: true }), 'ROUND_ENDED');
    const expired = run(sanctionsMachine, review, 'ROUND_ENDED');
    expect(status(expired)).toBe('expired');
    expect(status(run(sanctionsMachine, expired, 'RENEW'))).toBe('expired');
  });

  it('without a sunset clause, an unrenewed measure stays in force', () => {
    const review = run(sanctionsMachine, inForce({ reviewAfter: 1, sunset: false }), 'ROUND_ENDED');
    const kept = run(sanctionsMachine, review, 'ROUND_ENDED');
    expect(status(kept)).toBe('inForce');
    expect(kept.context.roundsSinceReview).toBe(0);
  });

  it('LIFT ends it, in force or under review, and renewal cannot bring it back', () => {
    expect(status(run(sanctionsMachine, inForce(), 'LIFT'))).toBe('lifted');
    const review = run(sanctionsMachine, inForce({ reviewAfter: 1 }), 'ROUND_ENDED');
    const lifted = run(sanctionsMachine, review, 'LIFT');
    expect(status(lifted)).toBe('lifted');
    expect(status(run(sanctionsMachine, lifted, 'RENEW', 'ROUND_ENDED'))).toBe('lifted');
    // Nothing to lift before it is adopted.
    expect(status(run(sanctionsMachine, pkg(['US', 'EU']), 'LIFT'))).toBe('coordinating');
  });

  it('a court challenge goes pending, then is upheld (the listing stays) or annulled (so is the listing)', () => {
    const pending = run(sanctionsMachine, inForce(), { type: 'FILE_CHALLENGE' });
    expect(challenge(pending)).toBe('pending');
    expect(status(pending)).toBe('inForce');
    const upheld = run(sanctionsMachine, pending, { type: 'COURT_RULING', annul: false });
    expect(challenge(upheld)).toBe('upheld');
    expect(status(upheld)).toBe('inForce');
    const annulled = run(sanctionsMachine, pending, { type: 'COURT_RULING', annul: true });
    expect(challenge(annulled)).toBe('annulled');
    expect(status(annulled)).toBe('annulled');
    // An annulled listing no longer goes to review.
    expect(status(run(sanctionsMachine, annulled, 'ROUND_ENDED', 'ROUND_ENDED', 'ROUND_ENDED'))).toBe('annulled');
  });

  it('an annulment also ends a listing under review', () => {
    const review = run(sanctionsMachine, inForce({ reviewAfter: 1 }), 'FILE_CHALLENGE', 'ROUND_ENDED');
    expect(status(review)).toBe('review');
    expect(status(run(sanctionsMachine, review, { type: 'COURT_RULING', annul: true }))).toBe('annulled');
  });

  it('a ruling without a pending challenge on an upheld listing does nothing to the challenge region', () => {
    const s = run(sanctionsMachine, inForce(), { type: 'COURT_RULING', annul: false });
    expect(challenge(s)).toBe('none');
    expect(status(s)).toBe('inForce');
  });
});

// ---------------------------------------------------------------------------

describe('de-escalation chart', () => {
  const fresh = (verifyRounds = 1) => startChart(deEscalationMachine, { verifyRounds });
  const quiet = { type: 'ROUND_ENDED', adversaryActive: false };
  const active = { type: 'ROUND_ENDED', adversaryActive: true };

  it('idle → backchannel → talks → conditional', () => {
    let s = fresh();
    expect(s.value).toBe('idle');
    s = run(deEscalationMachine, s, 'OPEN_CHANNEL');
    expect(s.value).toBe('backchannel');
    s = run(deEscalationMachine, s, 'ACK');
    expect(s.value).toBe('talks');
    s = run(deEscalationMachine, s, 'SET_CONDITIONS');
    expect(s.value).toBe('conditional');
  });

  it('ignores steps out of order', () => {
    expect(run(deEscalationMachine, fresh(), 'ACK', 'SET_CONDITIONS', 'VERIFIED', 'ROLLBACK_DONE', 'VIOLATION').value).toBe('idle');
    expect(run(deEscalationMachine, fresh(), 'OPEN_CHANNEL', 'SET_CONDITIONS').value).toBe('backchannel');
  });

  it('VERIFIED is accepted only after enough quiet rounds', () => {
    const conditional = run(deEscalationMachine, fresh(1), active, 'OPEN_CHANNEL', 'ACK', 'SET_CONDITIONS');
    expect(conditional.context.quietRounds).toBe(0);
    expect(run(deEscalationMachine, conditional, 'VERIFIED').value).toBe('conditional');
    expect(run(deEscalationMachine, conditional, active, 'VERIFIED').value).toBe('conditional');
    expect(run(deEscalationMachine, conditional, quiet, 'VERIFIED').value).toBe('rollback');

    const strict = run(deEscalationMachine, fresh(2), 'OPEN_CHANNEL', 'ACK', 'SET_CONDITIONS', quiet);
    expect(run(deEscalationMachine, strict, 'VERIFIED').value).toBe('conditional');
    // An active round resets the count.
    expect(run(deEscalationMachine, strict, active, quiet, 'VERIFIED').value).toBe('conditional');
    const twice = run(deEscalationMachine, strict, quiet);
    expect(twice.context.quietRounds).toBe(2);
    expect(run(deEscalationMachine, twice, 'VERIFIED').value).toBe('rollback');
  });

  it('rollback → normalised', () => {
    const s = run(deEscalationMachine, fresh(), 'OPEN_CHANNEL', 'ACK', 'SET_CONDITIONS', quiet, 'VERIFIED', 'ROLLBACK_DONE');
    expect(s.value).toBe('normalised');
  });

  it('a VIOLATION at any stage after idle is a relapse, from which a channel can reopen', () => {
    const path = ['OPEN_CHANNEL', 'ACK', 'SET_CONDITIONS', quiet, 'VERIFIED', 'ROLLBACK_DONE'] as const;
    const stages: string[] = [];
    let s = fresh();
    for (const step of path) {
      s = run(deEscalationMachine, s, step);
      if (step === quiet) continue;
      stages.push(String(s.value));
      const relapse = run(deEscalationMachine, s, 'VIOLATION');
      expect(relapse.value, `violation in ${String(s.value)}`).toBe('relapse');
      expect(run(deEscalationMachine, relapse, 'ACK', 'VERIFIED').value).toBe('relapse');
      expect(run(deEscalationMachine, relapse, 'OPEN_CHANNEL').value).toBe('backchannel');
    }
    expect(stages).toEqual(['backchannel', 'talks', 'conditional', 'rollback', 'normalised']);
  });
});
