/**
 * The four bot policies: each plays whole exercises without its refused
 * commands piling up, and each plays in its own character.
 */
import { describe, expect, it } from 'vitest';
import { replay, stateHash } from '../../src/engine/index';
import { BOTS } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise, type SimulationRun } from '../../src/engine/bots/simulate';
import type { Scenario } from '../../src/engine/scenario/schema';
import { minimalScenario, richScenario } from './support';

const SEEDS = 12;
const scenario = richScenario();
const actionOf = (s: Scenario, id: string) => s.actions.find((a) => a.id === id)!;

const cache = new Map<string, SimulationRun[]>();
/** Every team plays `policy`, on seeds bots-0 … bots-11. */
function runs(policy: string): SimulationRun[] {
  let found = cache.get(policy);
  if (!found) {
    found = Array.from({ length: SEEDS }, (_, i) => simulateExercise(scenario, `bots-${i}`, resolvePolicies(scenario, [policy])));
    cache.set(policy, found);
  }
  return found;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const effective = (run: SimulationRun) => run.state.decisions.filter((d) => d.effective);
const peakEscalation = (run: SimulationRun) => Math.max(0, ...run.state.rounds.map((r) => r.escalationAfter));

describe.each(BOTS.map((b) => b.id))('the %s policy', (policy) => {
  it('plays whole exercises to the debrief, with few refused commands', () => {
    for (const run of runs(policy)) {
      expect(run.state.phase).toBe('debrief');
      expect(run.state.rounds.length).toBeGreaterThan(0);
      expect(run.state.outcome).not.toBeNull();
      // Every round ran its course: every team locked, or the facilitator moved on.
      expect(run.state.rounds.map((r) => r.round)).toEqual(Array.from({ length: run.state.rounds.length }, (_, i) => i + 1));
      const teamRounds = run.state.rounds.length * scenario.teams.length;
      expect(run.rejected, `${policy}: ${run.rejected} refused in ${teamRounds} team-rounds`).toBeLessThanOrEqual(3 * teamRounds);
      expect(run.rejected).toBeLessThan(run.commands.length / 2);
    }
    // Over all runs, most team-rounds pass without a single refusal.
    const total = runs(policy).reduce((sum, run) => sum + run.rejected, 0);
    const teamRounds = runs(policy).reduce((sum, run) => sum + run.state.rounds.length * scenario.teams.length, 0);
    expect(total / teamRounds).toBeLessThan(2);
  });

  it('makes decisions every exercise, and its log replays exactly', () => {
    for (const run of runs(policy).slice(0, 2)) {
      expect(run.state.decisions.length).toBeGreaterThan(0);
      expect(stateHash(replay(scenario, run.state.seed, run.commands).state)).toBe(stateHash(run.state));
    }
  });

  it('plays the minimal scenario too', () => {
    const minimal = minimalScenario();
    for (let i = 0; i < 5; i++) {
      const run = simulateExercise(minimal, `bots-min-${i}`, resolvePolicies(minimal, [policy]));
      expect(run.state.phase).toBe('debrief');
      expect(run.state.rounds).toHaveLength(minimal.rounds.length);
      expect(run.rejected).toBeLessThanOrEqual(2 * minimal.rounds.length * minimal.teams.length);
    }
  });
});

describe('the policies differ in character on the same seeds', () => {
  it('hawkish climbs the ladder; restrained stays low', () => {
    const hawk = mean(runs('hawkish').map(peakEscalation));
    const dove = mean(runs('restrained').map(peakEscalation));
    expect(hawk).toBeGreaterThan(dove + 3);
    expect(dove).toBeLessThanOrEqual(3);
  });

  it('hawkish responses are more severe than restrained ones, and restrained never takes a severe measure', () => {
    const severity = (policy: string) => mean(runs(policy).flatMap((run) => effective(run).map((d) => actionOf(scenario, d.action).severity)));
    expect(severity('hawkish')).toBeGreaterThan(severity('restrained') + 1.5);
    const severe = runs('restrained').flatMap((run) => run.state.decisions.filter((d) => actionOf(scenario, d.action).severity > 4));
    expect(severe).toEqual([]);
    const soft = runs('hawkish').flatMap((run) => run.state.decisions.filter((d) => ['rollback', 'deEscalation'].includes(actionOf(scenario, d.action).category)));
    expect(soft).toEqual([]);
  });

  it('the coalition follower shares intelligence and acts jointly; the hawk shares nothing', () => {
    const shares = (policy: string) => runs(policy).reduce((sum, run) => sum + run.commands.filter((c) => c.type === 'shareIntel').length, 0);
    const joint = (policy: string) => runs(policy).reduce((sum, run) => sum + effective(run).filter((d) => d.joint.length >= 2).length, 0);
    expect(shares('hawkish')).toBe(0);
    expect(shares('coalition-follower')).toBeGreaterThan(SEEDS);
    expect(joint('coalition-follower')).toBeGreaterThan(joint('restrained'));
    expect(joint('coalition-follower')).toBeGreaterThan(SEEDS);
    // A coalition follower never goes alone beyond a gesture.
    const alone = runs('coalition-follower').flatMap((run) =>
      effective(run).filter((d) => d.joint.length < 2 && actionOf(scenario, d.action).rung > 2 && actionOf(scenario, d.action).category !== 'rollback'),
    );
    expect(alone.map((d) => d.action)).toEqual([]);
  });

  it('the coalition follower keeps the coalition more cohesive than the hawk', () => {
    const cohesion = (policy: string) => mean(runs(policy).flatMap((run) => run.state.rounds.map((r) => r.cohesion.value)));
    expect(cohesion('coalition-follower')).toBeGreaterThan(cohesion('hawkish'));
  });

  it('random-legal explores more of the scenario than any scripted policy', () => {
    const variety = (policy: string) => new Set(runs(policy).flatMap((run) => run.state.decisions.map((d) => d.action))).size;
    for (const policy of ['hawkish', 'restrained', 'coalition-follower']) expect(variety('random-legal'), policy).toBeGreaterThan(variety(policy));
    // It reaches the de-escalation and rollback actions the others leave alone.
    const categories = new Set(runs('random-legal').flatMap((run) => run.state.decisions.map((d) => actionOf(scenario, d.action).category)));
    expect(categories).toContain('deEscalation');
    expect(categories).toContain('rollback');
  });

  it('policies can be mixed across the teams of one exercise', () => {
    const policies = resolvePolicies(scenario, { usa: 'hawkish', fra: 'coalition-follower', deu: 'restrained' });
    expect(Object.fromEntries(Object.entries(policies).map(([t, p]) => [t, p.id]))).toEqual({ usa: 'hawkish', fra: 'coalition-follower', deu: 'restrained' });
    const run = simulateExercise(scenario, 'mixed', policies);
    expect(run.state.phase).toBe('debrief');
    for (const c of run.commands) if (c.actor.role === 'team') expect(c.actor.name).toBe(`${policies[c.actor.team]!.id} bot`);
    expect(() => resolvePolicies(scenario, ['pacifist'])).toThrow(/Unknown policy "pacifist"/);
  });
});
