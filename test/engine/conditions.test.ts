/**
 * The condition language and the effect registry, against states reached by
 * playing commands (and, where many rounds would be needed, edited by hand
 * through the same charts the engine uses).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, indicatorValue, regionValue, compare } from '../../src/engine/conditions';
import { applyEffects } from '../../src/engine/effects';
import { Work } from '../../src/engine/rules/work';
import { regionState } from '../../src/engine/machines/chart';
import type { Condition, Effect } from '../../src/engine/scenario/schema';
import type { ExerciseState } from '../../src/engine/types';
import { FAC, Game, richScenario, team } from './support';

const scenario = richScenario();
const holds = (condition: Condition, state: ExerciseState) => evaluate(condition, scenario, state);

/** Round 1 of the rich scenario, deliberation: usa holds 4 evidence points on the mail hack (moderate). */
const round1 = () => new Game(scenario).start();

/** Applies effects through the engine's working copy, as an action or inject would; returns the new state. */
function withEffects(state: ExerciseState, effects: Effect[], origin: { team: string | null; incident: string | null } = { team: null, incident: null }) {
  const work = new Work(scenario, structuredClone(state), 5_000);
  applyEffects(work, effects, origin);
  return work.finish();
}

describe('comparisons', () => {
  it('implements every operator', () => {
    expect([compare(1, '<', 2), compare(2, '<', 2), compare(2, '<=', 2), compare(3, '<=', 2)]).toEqual([true, false, true, false]);
    expect([compare(3, '>', 2), compare(2, '>', 2), compare(2, '>=', 2), compare(1, '>=', 2)]).toEqual([true, false, true, false]);
    expect([compare(2, '==', 2), compare(2, '==', 3), compare(2, '!=', 3), compare(2, '!=', 2)]).toEqual([true, false, true, false]);
  });
});

describe('indicator conditions', () => {
  it('read declared indicators, with their initial values', () => {
    const { state } = round1();
    expect(indicatorValue(scenario, state, 'public-trust')).toBe(50);
    expect(holds({ indicator: 'public-trust', op: '>=', value: 50 }, state)).toBe(true);
    expect(holds({ indicator: 'public-trust', op: '>', value: 50 }, state)).toBe(false);
    expect(holds({ indicator: 'public-trust', op: '==', value: 50 }, state)).toBe(true);
    expect(holds({ indicator: 'public-trust', op: '!=', value: 50 }, state)).toBe(false);
    expect(holds({ indicator: 'alliance-resolve', op: '<', value: 6 }, state)).toBe(true);
    expect(holds({ indicator: 'alliance-resolve', op: '<=', value: 4 }, state)).toBe(false);
  });

  it('read the built-in round indicator', () => {
    const game = new Game(scenario);
    expect(indicatorValue(scenario, game.state, 'round')).toBe(0);
    game.start();
    expect(holds({ indicator: 'round', op: '==', value: 1 }, game.state)).toBe(true);
    game.lockAll().ok(FAC, { type: 'advance' });
    expect(holds({ indicator: 'round', op: '==', value: 2 }, game.state)).toBe(true);
  });

  it('read the built-in escalation indicator', () => {
    const game = round1();
    expect(indicatorValue(scenario, game.state, 'escalation')).toBe(0);
    game.ok(FAC, { type: 'overrideEscalation', level: 5, reason: 'test' });
    expect(holds({ indicator: 'escalation', op: '>=', value: 5 }, game.state)).toBe(true);
    expect(holds({ indicator: 'escalation', op: '>', value: 5 }, game.state)).toBe(false);
  });

  it('read the built-in cohesion indicator: 100 before any round, then the last round’s score', () => {
    const game = round1();
    expect(indicatorValue(scenario, game.state, 'cohesion')).toBe(100);
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'us-sanctions', incident: 'mail-hack' } });
    game.lockAll();
    const value = game.state.rounds[0]!.cohesion.value;
    expect(indicatorValue(scenario, game.state, 'cohesion')).toBe(value);
    expect(value).toBeLessThan(100);
    expect(holds({ indicator: 'cohesion', op: '==', value }, game.state)).toBe(true);
  });

  it('read the built-in cumulative harm: the sum over incidents', () => {
    const game = new Game(scenario);
    expect(indicatorValue(scenario, game.state, 'cumulativeHarm')).toBe(0);
    game.start();
    // The mail hack (base harm 5) comes to light in round 1.
    expect(indicatorValue(scenario, game.state, 'cumulativeHarm')).toBe(5);
    game.edit((s) => {
      s.incidents.scan = { active: true, harm: 2.5 };
    });
    expect(holds({ indicator: 'cumulativeHarm', op: '==', value: 7.5 }, game.state)).toBe(true);
  });

  it('read the built-in count of public responses (rung 2 and above)', () => {
    const game = round1();
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'summon-ambassador', incident: 'mail-hack' } }); // rung 2
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'resilience' } }); // rung 0
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'private-warning', incident: 'mail-hack' } }); // rung 1
    expect(indicatorValue(scenario, game.state, 'publicResponses')).toBe(0);
    game.lockAll();
    expect(indicatorValue(scenario, game.state, 'publicResponses')).toBe(1);
    expect(holds({ indicator: 'publicResponses', op: '>=', value: 1 }, game.state)).toBe(true);
  });

  it('read an undeclared indicator as 0', () => {
    expect(indicatorValue(scenario, round1().state, 'nothing-here')).toBe(0);
  });
});

describe('fact conditions', () => {
  it('compare with `is`, which defaults to true', () => {
    const game = round1();
    expect(holds({ fact: 'sources-exposed' }, game.state)).toBe(false);
    expect(holds({ fact: 'sources-exposed', is: false }, game.state)).toBe(true);
    // Declassifying sets the fact when the round resolves.
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'declassify' } });
    expect(holds({ fact: 'sources-exposed' }, game.state)).toBe(false);
    game.lockAll();
    expect(holds({ fact: 'sources-exposed' }, game.state)).toBe(true);
    expect(holds({ fact: 'sources-exposed', is: true }, game.state)).toBe(true);
    expect(holds({ fact: 'sources-exposed', is: false }, game.state)).toBe(false);
  });

  it('treat an unknown fact as false', () => {
    expect(holds({ fact: 'no-such-fact' }, round1().state)).toBe(false);
    expect(holds({ fact: 'no-such-fact', is: false }, round1().state)).toBe(true);
  });
});

describe('state conditions', () => {
  it('read the exercise phase', () => {
    const game = new Game(scenario);
    expect(holds({ state: 'exercise', in: ['lobby'] }, game.state)).toBe(true);
    game.ok(FAC, { type: 'startExercise' });
    expect(holds({ state: 'exercise', in: ['briefing'] }, game.state)).toBe(true);
    game.ok(FAC, { type: 'advance' });
    expect(holds({ state: 'exercise', in: ['results', 'deliberation'] }, game.state)).toBe(true);
    expect(holds({ state: 'exercise', in: ['results'] }, game.state)).toBe(false);
    game.ok(FAC, { type: 'endExercise', reason: 'test' });
    expect(holds({ state: 'exercise', in: ['debrief'] }, game.state)).toBe(true);
  });

  it('read the adversary campaign phase and posture', () => {
    const game = round1();
    expect(regionValue(game.state, 'adversary.phase')).toBe('recon');
    expect(holds({ state: 'adversary.posture', in: ['probing'] }, game.state)).toBe(true);
    game.ok(FAC, { type: 'overridePosture', posture: 'deterred', reason: 'test' });
    expect(holds({ state: 'adversary.posture', in: ['probing'] }, game.state)).toBe(false);
    expect(holds({ state: 'adversary.posture', in: ['emboldened', 'deterred'] }, game.state)).toBe(true);
    game.lockAll().ok(FAC, { type: 'advance' });
    expect(holds({ state: 'adversary.phase', in: ['leak'] }, game.state)).toBe(true);
  });

  it('read the de-escalation stage, moved by an action’s chart event', () => {
    const game = round1();
    expect(holds({ state: 'deEscalation', in: ['idle'] }, game.state)).toBe(true);
    game.ok(team('fra'), { type: 'draftDecision', draft: { action: 'hotline' } });
    game.lockAll();
    expect(holds({ state: 'deEscalation', in: ['idle'] }, game.state)).toBe(false);
    expect(['backchannel', 'talks']).toContain(regionValue(game.state, 'deEscalation'));
  });

  it('read national and coalition attribution stages', () => {
    const game = round1();
    expect(holds({ state: 'attribution.mail-hack.usa', in: ['assessed'] }, game.state)).toBe(true);
    expect(holds({ state: 'attribution.mail-hack.fra', in: ['unknown'] }, game.state)).toBe(true);
    expect(holds({ state: 'attribution.mail-hack.coalition', in: ['idle'] }, game.state)).toBe(true);
    game.ok(team('usa'), { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    expect(holds({ state: 'attribution.mail-hack.coalition', in: ['pooling'] }, game.state)).toBe(true);
    expect(holds({ state: 'attribution.mail-hack.fra', in: ['assessed'] }, game.state)).toBe(true);
  });

  it('are false for unknown regions rather than throwing', () => {
    const { state } = round1();
    expect(regionValue(state, 'attribution.nope.usa')).toBeNull();
    expect(regionValue(state, 'attribution.mail-hack.nobody')).toBeNull();
    expect(regionValue(state, 'attribution.mail-hack')).toBeNull();
    expect(regionValue(state, 'weather')).toBeNull();
    expect(holds({ state: 'weather', in: ['idle'] }, state)).toBe(false);
    expect(holds({ not: { state: 'attribution.nope.usa', in: ['unknown'] } }, state)).toBe(true);
  });
});

describe('confidence conditions', () => {
  it('compare a team’s confidence with a level', () => {
    const game = round1();
    const c = (t: string, atLeast: 'low' | 'moderate' | 'high'): Condition => ({ confidence: { team: t, incident: 'mail-hack', atLeast } });
    expect(holds(c('usa', 'low'), game.state)).toBe(true);
    expect(holds(c('usa', 'moderate'), game.state)).toBe(true);
    expect(holds(c('usa', 'high'), game.state)).toBe(false);
    expect(holds(c('fra', 'low'), game.state)).toBe(false);
    game.evidence('mail-hack', 'fra', 7);
    expect(holds(c('fra', 'high'), game.state)).toBe(true);
    expect(holds({ confidence: { team: 'usa', incident: 'no-such-incident', atLeast: 'low' } }, game.state)).toBe(false);
  });
});

describe('actionTaken conditions', () => {
  it('match resolved decisions, by team and by round', () => {
    const game = round1();
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'resilience' } });
    const taken: Condition = { actionTaken: 'resilience' };
    // A draft is not a decision yet.
    expect(holds(taken, game.state)).toBe(false);
    game.lockAll();
    expect(holds(taken, game.state)).toBe(true);
    expect(holds({ actionTaken: 'resilience', by: 'usa' }, game.state)).toBe(true);
    expect(holds({ actionTaken: 'resilience', by: 'fra' }, game.state)).toBe(false);
    expect(holds({ actionTaken: 'resilience', thisRound: true }, game.state)).toBe(true);
    expect(holds({ actionTaken: 'hotline' }, game.state)).toBe(false);
    game.ok(FAC, { type: 'advance' });
    expect(holds({ actionTaken: 'resilience', thisRound: true }, game.state)).toBe(false);
    expect(holds({ actionTaken: 'resilience', by: 'usa' }, game.state)).toBe(true);
  });
});

describe('injectFired conditions', () => {
  it('match delivered scenario injects', () => {
    const game = new Game(scenario);
    expect(holds({ injectFired: 'usa-tip' }, game.state)).toBe(false);
    game.start();
    expect(holds({ injectFired: 'usa-tip' }, game.state)).toBe(true);
    expect(holds({ injectFired: 'white-cell' }, game.state)).toBe(true);
    expect(holds({ injectFired: 'late-news' }, game.state)).toBe(false);
    game.ok(FAC, { type: 'releaseInject', inject: 'late-news' });
    expect(holds({ injectFired: 'late-news' }, game.state)).toBe(true);
  });
});

describe('nesting', () => {
  it('combines all, any and not to any depth', () => {
    const { state } = round1();
    const t: Condition = { indicator: 'round', op: '==', value: 1 };
    const f: Condition = { indicator: 'round', op: '==', value: 7 };
    expect(holds({ all: [t, t] }, state)).toBe(true);
    expect(holds({ all: [t, f] }, state)).toBe(false);
    expect(holds({ any: [f, t] }, state)).toBe(true);
    expect(holds({ any: [f, f] }, state)).toBe(false);
    expect(holds({ not: f }, state)).toBe(true);
    expect(holds({ not: { not: t } }, state)).toBe(true);
    const deep: Condition = {
      all: [
        { any: [f, { not: { any: [f, { fact: 'leak-published' }] } }] },
        { not: { all: [t, { injectFired: 'late-news' }] } },
        { any: [{ confidence: { team: 'usa', incident: 'mail-hack', atLeast: 'moderate' } }, f] },
        { state: 'adversary.posture', in: ['probing'] },
      ],
    };
    expect(holds(deep, state)).toBe(true);
    expect(holds({ not: deep }, state)).toBe(false);
    let nested: Condition = t;
    for (let i = 0; i < 40; i++) nested = i % 2 === 0 ? { not: nested } : { all: [nested, { any: [nested] }] };
    expect(holds(nested, state)).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('effects', () => {
  it('add to and set indicators, always within [min, max]', () => {
    const { state } = round1();
    expect(withEffects(state, [{ indicator: 'public-trust', add: 30 }]).indicators['public-trust']).toBe(80);
    expect(withEffects(state, [{ indicator: 'public-trust', add: 80 }]).indicators['public-trust']).toBe(100);
    expect(withEffects(state, [{ indicator: 'public-trust', add: -80 }]).indicators['public-trust']).toBe(0);
    expect(withEffects(state, [{ indicator: 'alliance-resolve', set: 42 }]).indicators['alliance-resolve']).toBe(10);
    expect(withEffects(state, [{ indicator: 'alliance-resolve', set: -1 }]).indicators['alliance-resolve']).toBe(0);
    expect(withEffects(state, [{ indicator: 'alliance-resolve', set: 3 }, { indicator: 'alliance-resolve', add: 2 }]).indicators['alliance-resolve']).toBe(5);
    // An unknown indicator is ignored, not created.
    expect(withEffects(state, [{ indicator: 'nope', add: 1 }]).indicators).toEqual(state.indicators);
  });

  it('through actions: resilience raises public trust, capped at the maximum', () => {
    const game = round1();
    for (const t of ['usa', 'fra', 'deu']) game.ok(team(t), { type: 'draftDecision', draft: { action: 'resilience' } });
    game.lockAll();
    expect(game.state.indicators['public-trust']).toBe(80);
    game.edit((s) => {
      s.indicators['public-trust'] = 95;
    });
    game.ok(FAC, { type: 'advance' });
    game.edit((s) => {
      s.indicators['public-trust'] = 95;
    });
    for (const t of ['usa', 'fra', 'deu']) game.ok(team(t), { type: 'draftDecision', draft: { action: 'resilience' } });
    game.lockAll();
    expect(game.state.indicators['public-trust']).toBe(100);
  });

  it('set facts', () => {
    const { state } = round1();
    const next = withEffects(state, [{ fact: 'leak-published', set: true }]);
    expect(next.facts['leak-published']).toBe(true);
    expect(withEffects(next, [{ fact: 'leak-published', set: false }]).facts['leak-published']).toBe(false);
  });

  it('add harm, activate the incident, and keep harm within 0..10', () => {
    const { state } = round1();
    expect(state.incidents.scan).toEqual({ active: false, harm: 0 });
    const scanned = withEffects(state, [{ harm: 'scan', add: 3 }]);
    expect(scanned.incidents.scan).toEqual({ active: true, harm: 3 });
    expect(withEffects(state, [{ harm: 'mail-hack', add: 4 }]).incidents['mail-hack']!.harm).toBe(9);
    expect(withEffects(state, [{ harm: 'mail-hack', add: 40 }]).incidents['mail-hack']!.harm).toBe(10);
    expect(withEffects(state, [{ harm: 'mail-hack', add: -40 }]).incidents['mail-hack']!.harm).toBe(0);
    expect(withEffects(state, [{ harm: 'no-such-incident', add: 1 }]).incidents).toEqual(state.incidents);
  });

  it('add evidence for the acting team, all teams, the teams named, or the coalition once it shares', () => {
    const { state } = round1();
    const evidence = (s: ExerciseState) =>
      Object.fromEntries(['usa', 'fra', 'deu'].map((t) => [t, s.attribution['mail-hack']!.national[t]!.context.evidence as number]));
    expect(evidence(state)).toEqual({ usa: 4, fra: 0, deu: 0 });
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 2 }], { team: 'fra', incident: null }))).toEqual({ usa: 4, fra: 2, deu: 0 });
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 2, teams: 'self' }], { team: 'deu', incident: null }))).toEqual({ usa: 4, fra: 0, deu: 2 });
    // Without an acting team (an inject, an adversary move), "self" means everyone.
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 1 }]))).toEqual({ usa: 5, fra: 1, deu: 1 });
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 1, teams: 'all' }], { team: 'usa', incident: null }))).toEqual({ usa: 5, fra: 1, deu: 1 });
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 3, teams: ['fra', 'deu'] }], { team: 'usa', incident: null }))).toEqual({ usa: 4, fra: 3, deu: 3 });
    // "coalition": nobody until someone has shared, then every member.
    expect(evidence(withEffects(state, [{ evidence: 'mail-hack', add: 1, teams: 'coalition' }]))).toEqual({ usa: 4, fra: 0, deu: 0 });
    const game = round1();
    game.ok(team('usa'), { type: 'shareIntel', incident: 'mail-hack', with: ['fra'] });
    const shared = evidence(game.state);
    const after = evidence(withEffects(game.state, [{ evidence: 'mail-hack', add: 1, teams: 'coalition' }]));
    expect(shared).toEqual({ usa: 4, fra: 2, deu: 0 });
    expect(after).toEqual({ usa: 5, fra: 3, deu: 1 });
    // Evidence moves the chart and the coalition's list of confident governments.
    const confident = withEffects(state, [{ evidence: 'mail-hack', add: 4, teams: ['fra'] }]);
    expect(regionState(confident.attribution['mail-hack']!.national.fra!)).toBe('assessed');
    expect(confident.attribution['mail-hack']!.coalition.context.confident).toEqual(['usa', 'fra']);
  });

  it('move the escalation ladder, clamped to 0..9', () => {
    const { state } = round1();
    const level = (s: ExerciseState) => s.escalation.context.level;
    expect(level(withEffects(state, [{ escalate: 3 }]))).toBe(3);
    expect(level(withEffects(state, [{ escalate: 30 }]))).toBe(9);
    expect(withEffects(state, [{ escalate: 30 }]).escalation.value).toBe('beyondFirebreak');
    expect(level(withEffects(state, [{ escalate: -2 }]))).toBe(0);
    expect(level(withEffects(state, [{ escalate: 5 }, { escalate: -1 }]))).toBe(4);
  });

  it('queue an inject once, delivered at the start of the next round', () => {
    const game = round1();
    const queued = withEffects(game.state, [{ fireInject: 'follow-up' }, { fireInject: 'follow-up' }]);
    expect(queued.injects.queued).toEqual(['follow-up']);
    game.edit((s) => {
      s.injects.queued = ['follow-up'];
    });
    game.lockAll();
    expect(game.state.injects.delivered.some((d) => d.inject === 'follow-up')).toBe(false);
    game.ok(FAC, { type: 'advance' });
    expect(game.state.injects.delivered.filter((d) => d.inject === 'follow-up')).toHaveLength(1);
    expect(game.state.injects.queued).toEqual([]);
  });

  it('send events to the adversary, de-escalation and attribution charts', () => {
    const { state } = round1();
    const signalled = withEffects(state, [{ send: { chart: 'adversary', event: 'DETERRENCE_SIGNAL' } }]);
    expect(signalled.adversary.context.bonus).toBeCloseTo(0.1, 10);
    const escalated = withEffects(state, [{ send: { chart: 'adversary', event: 'ESCALATE' } }]);
    expect(regionState(escalated.adversary, 'posture')).toBe('titForTat');
    const advanced = withEffects(state, [{ send: { chart: 'adversary', event: 'ADVANCE_PHASE' } }]);
    expect(regionState(advanced.adversary, 'phase')).toBe('leak');
    const opened = withEffects(state, [{ send: { chart: 'deEscalation', event: 'OPEN_CHANNEL' } }, { send: { chart: 'deEscalation', event: 'ACK' } }]);
    expect(regionState(opened.deEscalation)).toBe('talks');
    // Attribution events go to the acting team's chart on the action's incident, or to a named incident.
    const attributed = withEffects(state, [{ send: { chart: 'attribution', event: 'PUBLIC_ATTRIBUTION' } }], { team: 'usa', incident: 'mail-hack' });
    expect(regionState(attributed.attribution['mail-hack']!.national.usa!)).toBe('attributedPublicly');
    const retracted = withEffects(attributed, [{ send: { chart: 'attribution', event: 'RETRACT', incident: 'mail-hack' } }], { team: 'usa', incident: null });
    expect(regionState(retracted.attribution['mail-hack']!.national.usa!)).toBe('retracted');
    // Without an incident there is nothing to send to.
    expect(withEffects(state, [{ send: { chart: 'attribution', event: 'DETECT' } }], { team: 'usa', incident: null }).attribution).toEqual(state.attribution);
    // Without a team, every government's chart receives it.
    const detected = withEffects(state, [{ send: { chart: 'attribution', event: 'DETECT', incident: 'scan' } }]);
    expect(['usa', 'fra', 'deu'].map((t) => regionState(detected.attribution.scan!.national[t]!))).toEqual(['detected', 'detected', 'detected']);
  });

  it('through an inject: a conditional inject fires once its condition holds, and its effects apply', () => {
    const game = round1();
    game.lockAll();
    game.edit((s) => {
      s.facts['leak-published'] = true;
    });
    const harmBefore = game.state.incidents['mail-hack']!.harm;
    const trustBefore = game.state.indicators['public-trust']!;
    game.ok(FAC, { type: 'advance' });
    const fallout = game.state.injects.delivered.filter((d) => d.inject === 'fallout');
    expect(fallout).toHaveLength(1);
    expect(fallout[0]!.round).toBe(2);
    expect(game.state.incidents['mail-hack']!.harm).toBe(Math.min(10, harmBefore + 1));
    expect(game.state.indicators['public-trust']).toBe(Math.max(0, trustBefore - 20));
  });

  it('a conditional inject does not fire while its condition fails', () => {
    const game = round1();
    game.lockAll();
    game.edit((s) => {
      s.facts['leak-published'] = false;
      s.redCellMove = null;
    });
    game.ok(FAC, { type: 'advance' });
    expect(game.state.injects.delivered.some((d) => d.inject === 'fallout')).toBe(false);
  });

  it('through an adversary move chosen by the red cell: escalation and a queued inject', () => {
    const game = round1();
    game.ok(FAC, { type: 'overridePosture', posture: 'titForTat', reason: 'test' });
    game.ok(FAC, { type: 'overrideEscalation', level: 6, reason: 'test' });
    game.ok({ role: 'redCell' }, { type: 'chooseAdversaryMove', move: 'retaliate' });
    // Keep the adversary angry through its reaction: an expulsion provokes it again.
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'expel-diplomats', incident: 'mail-hack' } });
    game.lockAll();
    const result = game.state.rounds[0]!;
    expect(result.postureAfter).toBe('titForTat');
    expect(result.adversaryMoves.map((m) => m.move)).toEqual(['retaliate']);
    expect(game.state.injects.queued).toEqual(['follow-up']);
    // From 6, the move's effect adds a rung and tit-for-tat another (the expulsion's rung 4 is below the ladder).
    expect(result.escalationBefore).toBe(6);
    expect(result.escalationAfter).toBe(8);
    game.ok(FAC, { type: 'advance' });
    expect(game.state.injects.delivered.some((d) => d.inject === 'follow-up')).toBe(true);
  });
});
