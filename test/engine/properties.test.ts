/**
 * Property tests: whatever mix of legal moves and garbage arrives, in whatever
 * order, the engine answers every command without throwing, keeps its
 * invariants, and its log replays to the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, replay, stateHash } from '../../src/engine/index';
import { randomLegal } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { evaluate } from '../../src/engine/conditions';
import { confidenceAtLeast } from '../../src/engine/confidence';
import { Rng, seedRng } from '../../src/engine/random';
import { checkDraft } from '../../src/engine/rules/decisions';
import { confidenceOfTeam } from '../../src/engine/rules/readers';
import { PROCEDURES, type Scenario } from '../../src/engine/scenario/schema';
import { POSTURES } from '../../src/engine/postures';
import type { Actor, Command, CommandBody, DecisionDraft, ExerciseState, Score } from '../../src/engine/types';
import { minimalScenario, richScenario, setEvidence } from './support';

// ---------------------------------------------------------------------------
// Invariants

function checkScore(score: Score, what: string): void {
  expect(Number.isInteger(score.value), `${what}: ${score.value}`).toBe(true);
  expect(score.value, what).toBeGreaterThanOrEqual(0);
  expect(score.value, what).toBeLessThanOrEqual(100);
}

function checkInvariants(scenario: Scenario, state: ExerciseState): void {
  const level = state.escalation.context.level as number;
  expect(Number.isInteger(level) && level >= 0 && level <= 9, `escalation ${level}`).toBe(true);
  for (const d of state.decisions) {
    checkScore(d.proportionality, `proportionality of ${d.id}`);
    if (d.overridden) expect(Number.isInteger(d.overridden.value) && d.overridden.value >= 0 && d.overridden.value <= 100).toBe(true);
  }
  for (const r of state.rounds) {
    checkScore(r.cohesion, `cohesion of round ${r.round}`);
    for (const l of [r.escalationBefore, r.escalationAfter]) expect(Number.isInteger(l) && l >= 0 && l <= 9).toBe(true);
  }
  for (const [id, incident] of Object.entries(state.incidents)) {
    expect(incident.harm, id).toBeGreaterThanOrEqual(0);
    expect(incident.harm, id).toBeLessThanOrEqual(10);
  }
  for (const def of scenario.indicators) {
    const value = state.indicators[def.id]!;
    expect(value >= def.min && value <= def.max, `${def.id} = ${value}`).toBe(true);
  }
  for (const [team, t] of Object.entries(state.teams)) {
    expect(t.capitalLeft, team).toBeGreaterThanOrEqual(0);
    expect(t.intelLeft, team).toBeGreaterThanOrEqual(0);
    expect(t.plan.length, team).toBeLessThanOrEqual(scenario.maxActionsPerRound);
  }
  for (const incident of Object.values(state.attribution)) {
    for (const chart of Object.values(incident.national)) expect(chart.context.evidence as number).toBeGreaterThanOrEqual(0);
  }
}

/** Plain JSON: what goes into the log and over the wire comes back identical. */
function checkJson(state: ExerciseState): void {
  const copy = JSON.parse(JSON.stringify(state)) as ExerciseState;
  expect(copy).toEqual(state);
  expect(stateHash(copy)).toBe(stateHash(state));
}

// ---------------------------------------------------------------------------
// Arbitrary commands

type Step =
  | { kind: 'legal'; team: number; pick: number }
  | { kind: 'respond'; team: number; pick: number; join: boolean }
  | { kind: 'lock'; team: number; unlock: boolean }
  | { kind: 'facilitator'; body: CommandBody }
  | { kind: 'clock'; round: number; late: number }
  | { kind: 'garbage'; actor: Actor; body: CommandBody };

function arbitraries(scenario: Scenario) {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  const teamIds = ids(scenario.teams);
  const oneOf = (known: string[]): fc.Arbitrary<string> =>
    known.length === 0
      ? fc.string({ maxLength: 6 })
      : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  const actionId = oneOf(ids(scenario.actions));
  const incidentId = fc.option(oneOf(ids(scenario.incidents)), { nil: undefined });
  const options = fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...PROCEDURES), fc.constant('bribery')), fc.boolean(), { maxKeys: 3 }) },
  );
  const draft = fc.record({ action: actionId, incident: incidentId, options, rationale: fc.string({ maxLength: 8 }) }, { requiredKeys: ['action'] });
  const text = fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ maxLength: 10 }));
  const actor: fc.Arbitrary<Actor> = fc.oneof(
    fc.constant<Actor>({ role: 'facilitator' }),
    fc.constant<Actor>({ role: 'observer' }),
    fc.constant<Actor>({ role: 'redCell' }),
    fc.constant<Actor>({ role: 'system' }),
    oneOf(teamIds).map((team): Actor => ({ role: 'team', team })),
  );
  const garbage: fc.Arbitrary<CommandBody> = fc.oneof(
    draft.map((d): CommandBody => ({ type: 'draftDecision', draft: d })),
    draft.map((d): CommandBody => ({ type: 'proposeJoint', draft: d })),
    fc.record({ proposal: fc.oneof(fc.constantFrom('p1', 'p2', 'p5', 'p9'), fc.string({ maxLength: 4 })), join: fc.boolean() }).map(
      (r): CommandBody => ({ type: 'respondJoint', ...r }),
    ),
    fc.oneof(fc.constantFrom('d1', 'd3', 'd8'), fc.string({ maxLength: 4 })).map((decision): CommandBody => ({ type: 'withdrawDecision', decision })),
    fc
      .record({ incident: oneOf(ids(scenario.incidents)), with: fc.oneof(fc.constant<'coalition'>('coalition'), fc.array(oneOf(teamIds), { maxLength: 3 })) })
      .map((r): CommandBody => ({ type: 'shareIntel', ...r })),
    fc.option(oneOf(ids(scenario.adversary.moves)), { nil: null }).map((move): CommandBody => ({ type: 'chooseAdversaryMove', move })),
    fc.record({ text, objective: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) }, { requiredKeys: ['text'] }).map((r): CommandBody => ({ type: 'note', ...r })),
    fc.record({ channel: fc.constantFrom<'team' | 'coalition'>('team', 'coalition'), text }).map((r): CommandBody => ({ type: 'chat', ...r })),
    fc.constantFrom<CommandBody>({ type: 'lockDecisions' }, { type: 'unlockDecisions' }, { type: 'startExercise' }, { type: 'advance' }, { type: 'pause' }, { type: 'resume' }),
    oneOf(ids(scenario.injects)).map((inject): CommandBody => ({ type: 'releaseInject', inject })),
    oneOf(ids(scenario.injects)).map((inject): CommandBody => ({ type: 'holdInject', inject })),
    fc
      .record({ title: fc.string({ maxLength: 5 }), body: fc.string({ maxLength: 5 }), audience: fc.oneof(fc.constantFrom<'all' | 'facilitator'>('all', 'facilitator'), fc.array(oneOf(teamIds), { maxLength: 2 }).map((teams) => ({ teams }))) })
      .map((inject): CommandBody => ({ type: 'releaseAdhocInject', inject })),
    fc.record({ decision: fc.constantFrom('d1', 'd2', 'd4', 'x'), proportionality: fc.double({ min: -50, max: 150, noNaN: false }), reason: text }).map((r): CommandBody => ({ type: 'overrideScore', ...r })),
    fc.record({ posture: fc.oneof(fc.constantFrom(...POSTURES), fc.constant('angry')), reason: text }).map((r): CommandBody => ({ type: 'overridePosture', ...(r as { posture: (typeof POSTURES)[number]; reason: string }) })),
    fc.record({ level: fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double({ min: -3, max: 12 })), reason: text }).map((r): CommandBody => ({ type: 'overrideEscalation', ...r })),
    fc.integer({ min: -3_600_000, max: 3_600_000 }).map((deltaMs): CommandBody => ({ type: 'adjustClock', deltaMs })),
    fc.integer({ min: -1, max: 6 }).map((round): CommandBody => ({ type: 'clockExpired', round })),
  );
  const facilitator: fc.Arbitrary<CommandBody> = fc.oneof(
    { weight: 8, arbitrary: fc.constant<CommandBody>({ type: 'advance' }) },
    { weight: 1, arbitrary: fc.constantFrom<CommandBody>({ type: 'pause' }, { type: 'resume' }) },
    { weight: 1, arbitrary: fc.integer({ min: -600_000, max: 600_000 }).map((deltaMs): CommandBody => ({ type: 'adjustClock', deltaMs })) },
    { weight: 1, arbitrary: fc.constantFrom(...POSTURES).map((posture): CommandBody => ({ type: 'overridePosture', posture, reason: 'property' })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map((level): CommandBody => ({ type: 'overrideEscalation', level, reason: 'property' })) },
    { weight: 1, arbitrary: fc.constantFrom(...ids(scenario.injects)).map((inject): CommandBody => ({ type: 'releaseInject', inject })) },
  );
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('legal' as const), team: fc.nat(), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('respond' as const), team: fc.nat(), pick: fc.nat(), join: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('lock' as const), team: fc.nat(), unlock: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('facilitator' as const), body: facilitator }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), round: fc.integer({ min: 0, max: 5 }), late: fc.integer({ min: -1000, max: 1000 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('garbage' as const), actor, body: garbage }) },
  );
  return { step, draft, teamIds };
}

/** Turns a step into a command against the current state (legal steps pick from what the random-legal bot would do). */
function commandFor(scenario: Scenario, state: ExerciseState, step: Step, rng: Rng): { actor: Actor; body: CommandBody; at?: number } | null {
  const teams = scenario.teams.map((t) => t.id);
  switch (step.kind) {
    case 'legal': {
      if (state.phase !== 'deliberation') return { actor: { role: 'facilitator' }, body: { type: 'advance' } };
      const team = teams[step.team % teams.length]!;
      const moves = randomLegal.plan({ scenario, state, team, rng });
      return moves.length === 0 ? null : { actor: { role: 'team', team }, body: moves[step.pick % moves.length]! };
    }
    case 'respond': {
      const team = teams[step.team % teams.length]!;
      const open = Object.values(state.proposals).filter((p) => p.round === state.round && p.by !== team);
      if (open.length === 0) return null;
      return { actor: { role: 'team', team }, body: { type: 'respondJoint', proposal: open[step.pick % open.length]!.id, join: step.join } };
    }
    case 'lock':
      return { actor: { role: 'team', team: teams[step.team % teams.length]! }, body: { type: step.unlock ? 'unlockDecisions' : 'lockDecisions' } };
    case 'facilitator':
      return { actor: { role: 'facilitator' }, body: step.body };
    case 'clock':
      return {
        actor: { role: 'system' },
        body: { type: 'clockExpired', round: step.round },
        ...(state.clock.deadline !== null ? { at: state.clock.deadline + step.late } : {}),
      };
    case 'garbage':
      return { actor: step.actor, body: step.body };
  }
}

function play(scenario: Scenario, seed: string, steps: Step[]): { state: ExerciseState; log: Command[]; accepted: number } {
  let state = createExercise(scenario, seed);
  const log: Command[] = [];
  const rng = new Rng(seedRng(`${seed}/steps`));
  let at = 0;
  let accepted = 0;
  const send = (actor: Actor, body: CommandBody, when?: number) => {
    at = Math.max(at + 1000, when ?? 0);
    const command = { ...body, id: `c${log.length}`, actor, at } as Command;
    log.push(command);
    const result = applyCommand(scenario, state, command);
    if (result.ok) {
      state = result.state;
      accepted += 1;
      checkInvariants(scenario, state);
    } else {
      expect(result.message.length).toBeGreaterThan(0);
    }
  };
  send({ role: 'facilitator' }, { type: 'startExercise' });
  send({ role: 'facilitator' }, { type: 'advance' });
  for (const step of steps) {
    const command = commandFor(scenario, state, step, rng);
    if (command) send(command.actor, command.body, command.at);
  }
  return { state, log, accepted };
}

describe.each([
  ['rich', richScenario, 16],
  ['minimal', minimalScenario, 12],
] as const)('on the %s scenario', (_name, load, numRuns) => {
  const scenario = load();
  const { step } = arbitraries(scenario);

  it('never throws, keeps its invariants, stays plain JSON and replays to the same hash', () => {
    const seen = { accepted: 0, rejected: 0, decisions: 0, rounds: 0, debriefs: 0 };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.array(step, { minLength: 20, maxLength: 70, size: 'max' }), (seed, steps) => {
        const { state, log, accepted } = play(scenario, seed, steps);
        checkJson(state);
        const replayed = replay(scenario, seed, log);
        expect(stateHash(replayed.state)).toBe(stateHash(state));
        expect(replayed.results.filter((r) => r.ok).length).toBe(accepted);
        seen.accepted += accepted;
        seen.rejected += log.length - accepted;
        seen.decisions += state.decisions.length;
        seen.rounds += state.rounds.length;
        seen.debriefs += state.phase === 'debrief' ? 1 : 0;
      }),
      { numRuns },
    );
    // The runs exercise the engine: many commands both ways, decisions resolved, rounds played to the end.
    // The runs are drawn afresh each time, so the floors leave room: on the minimal scenario one run in
    // a few dozen resolves about one decision per run.
    expect(seen.accepted).toBeGreaterThan(numRuns * 5);
    expect(seen.rejected).toBeGreaterThan(numRuns * 3);
    expect(seen.decisions).toBeGreaterThan(numRuns / 2);
    expect(seen.rounds).toBeGreaterThan(numRuns);
    expect(seen.debriefs).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Drafts against reachable states

describe('no draft is accepted when its conditions fail', () => {
  const scenario = richScenario();
  const { draft, teamIds } = arbitraries(scenario);

  // States along a few bot-played exercises, in deliberation.
  const states: ExerciseState[] = [];
  for (const [i, policy] of ['random-legal', 'hawkish', 'coalition-follower', 'restrained'].entries()) {
    const seed = `drafts-${i}`;
    const run = simulateExercise(scenario, seed, resolvePolicies(scenario, [policy]));
    let state = createExercise(scenario, seed);
    for (const command of run.commands) {
      const result = applyCommand(scenario, state, command);
      if (result.ok) state = result.state;
      // Mostly the opening of a round, when plans are still empty.
      if (state.phase === 'deliberation' && (state.teams.usa!.plan.length === 0 || states.length % 3 === 0)) states.push(state);
    }
  }

  /** Harm this round (an incident with harm came to light) or the last (a move that added harm): what warrants urgency. */
  function recentHarm(state: ExerciseState): boolean {
    const incidentNow = scenario.incidents.some((i) => i.baseHarm > 0 && i.startsInRound >= state.round - 1 && state.incidents[i.id]!.active);
    const harmfulMove = state.rounds
      .filter((r) => r.round >= state.round - 1)
      .some((r) => r.adversaryMoves.some((m) => scenario.adversary.moves.find((x) => x.id === m.move)!.effects.some((e) => 'harm' in e && e.add > 0)));
    return incidentNow || harmfulMove;
  }

  /** Reasons a draft must be refused, judged here independently of the rule book. */
  function mustRefuse(state: ExerciseState, team: string, d: DecisionDraft): string | null {
    const action = scenario.actions.find((a) => a.id === d.action);
    if (!action) return 'unknown action';
    const teamDef = scenario.teams.find((t) => t.id === team)!;
    const teamState = state.teams[team]!;
    if (teamState.locked) return 'locked';
    if (action.availableTo && !action.availableTo.includes(team)) return 'not open to the team';
    if (action.legalBasis && teamDef.legalBases.length > 0 && !teamDef.legalBases.includes(action.legalBasis)) return 'no legal basis';
    if (action.prerequisites && !evaluate(action.prerequisites, scenario, state)) return 'prerequisites fail';
    if (action.targetsIncident) {
      const incident = d.incident && scenario.incidents.find((i) => i.id === d.incident);
      if (!incident) return 'no such incident';
      if (!state.incidents[incident.id]!.active) return 'incident not active';
      const euListing = action.sanctions?.jurisdictions.includes('EU') ?? false;
      if (euListing && (incident.kind === 'disinformation' || incident.kind === 'deepfake')) return 'outside the EU regime';
      // An EU listing reads the Council's case: the proposer's evidence, or what an EU member or institution shared.
      const judges = euListing
        ? scenario.teams.filter((t) => t.id === team || ((t.euMember || t.kind === 'institution') && state.teams[t.id]!.shared.includes(incident.id))).map((t) => t.id)
        : [team];
      if (!judges.some((t) => confidenceAtLeast(confidenceOfTeam(scenario, state, incident.id, t), action.minConfidence))) return 'confidence too low';
    }
    if (Object.entries(d.options ?? {}).some(([o, chosen]) => chosen && !action.procedures.includes(o as never))) return 'option not offered';
    if (d.options?.notice && d.options.urgent) return 'notice and urgency together';
    if (d.options?.urgent && !recentHarm(state)) return 'urgency without recent harm';
    if (teamState.plan.length >= scenario.maxActionsPerRound) return 'plan full';
    const oversight = d.options?.oversight && action.procedures.includes('oversight') ? 1 : 0;
    if (action.cost.capital + oversight > teamState.capitalLeft || action.cost.intel > teamState.intelLeft) return 'cannot afford';
    if (action.oncePerExercise && state.decisions.some((x) => x.team === team && x.action === action.id)) return 'once per exercise';
    return null;
  }

  it('checkDraft and applyCommand agree, and neither accepts what must be refused', () => {
    let refused = 0;
    let accepted = 0;
    const codes = new Set<string>();
    fc.assert(
      fc.property(
        fc.nat({ max: states.length - 1 }),
        fc.constantFrom(...teamIds),
        draft,
        fc.array(fc.tuple(fc.constantFrom('mail-hack', 'scan'), fc.constantFrom(...teamIds), fc.integer({ min: 0, max: 9 })), { maxLength: 3 }),
        fc.boolean(),
        (index, team, d, evidence, propose) => {
          const state = structuredClone(states[index]!);
          for (const [incident, t, points] of evidence) setEvidence(scenario, state, incident, t, points);
          const verdict = checkDraft(scenario, state, team, d);
          const reason = mustRefuse(state, team, d);
          const action = scenario.actions.find((a) => a.id === d.action);
          const type = propose && action?.joinable ? 'proposeJoint' : 'draftDecision';
          const result = applyCommand(scenario, state, { type, draft: d, id: 'x', actor: { role: 'team', team }, at: 1e9 } as Command);
          if (reason) {
            expect(verdict, `checkDraft accepted a draft that must be refused (${reason})`).not.toBeNull();
            expect(result.ok, `applyCommand accepted a draft that must be refused (${reason})`).toBe(false);
          }
          if (verdict) {
            refused += 1;
            codes.add(verdict.code);
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(result.code).toBe(verdict.code);
              expect(result.message).toBe(verdict.message);
            }
          } else {
            accepted += 1;
            expect(result.ok, result.ok ? '' : `${result.code}: ${result.message}`).toBe(true);
            if (result.ok) {
              const plan = result.state.teams[team]!.plan;
              expect(plan.at(-1)!.action).toBe(d.action);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    // The generator reaches both sides.
    expect(refused).toBeGreaterThan(20);
    expect(accepted).toBeGreaterThan(20);
    expect(codes.size, [...codes].join(', ')).toBeGreaterThanOrEqual(8);
  });
});
