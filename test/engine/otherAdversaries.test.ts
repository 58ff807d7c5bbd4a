/**
 * More than one adversary (scenario.otherAdversaries): each further actor
 * keeps its own chart, reacts only to the responses to its own incidents,
 * plays its own moves, and may read the other's chart. Scenarios without
 * further actors carry nothing of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand, canonicalJson, createExercise, project, replay, stateHash, type Command, type CommandBody } from '../../src/engine/index';
import { regionValue } from '../../src/engine/conditions';
import { POLICIES } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { loadScenarioText } from '../../src/engine/scenario/load';
import { formatProblem } from '../../src/engine/scenario/problems';
import type { Scenario } from '../../src/engine/scenario/schema';
import { FAC, Game, loadFile, minimalScenario, shippedScenarios, team } from './support';

const FIXTURE = 'test/fixtures/two-adversaries.json';
const twoAdversaries = (): Scenario => loadFile(FIXTURE);
const fixtureText = readFileSync(new URL('../fixtures/two-adversaries.json', import.meta.url), 'utf8');

describe('the state of further actors', () => {
  it('each further actor starts with its own chart: first phase, its initial posture', () => {
    const state = createExercise(twoAdversaries(), 'seed');
    expect(Object.keys(state.otherAdversaries!)).toEqual(['crew']);
    expect(regionValue(state, 'adversary.crew.posture')).toBe('probing');
    expect(regionValue(state, 'adversary.crew.phase')).toBe('extort');
    expect(regionValue(state, 'adversary.nobody.posture')).toBeNull();
    expect(regionValue(state, 'adversary.crew.tuning')).toBeNull();
  });

  it('is absent from exercises of scenarios without further actors, played to the end', () => {
    const shipped = shippedScenarios();
    // election-2029 ships with a further actor; every other shipped scenario has none.
    expect(shipped.filter((s) => (s.otherAdversaries ?? []).length > 0).map((s) => s.id)).toEqual(['election-2029']);
    for (const scenario of [minimalScenario(), ...shipped.filter((s) => (s.otherAdversaries ?? []).length === 0)]) {
      const run = simulateExercise(scenario, 'absent', resolvePolicies(scenario, ['restrained']));
      expect('otherAdversaries' in run.state, scenario.id).toBe(false);
      expect('otherQuietRounds' in run.state.hidden, scenario.id).toBe(false);
      expect(run.state.rounds.some((r) => 'others' in r), scenario.id).toBe(false);
    }
  });

  it('is present in election-2029, whose crew reacts and moves beside the service every round', () => {
    const scenario = shippedScenarios().find((s) => s.id === 'election-2029')!;
    const run = simulateExercise(scenario, 'present', resolvePolicies(scenario, ['coalition-follower']));
    expect('otherAdversaries' in run.state).toBe(true);
    expect(run.state.rounds.length).toBeGreaterThan(0);
    for (const r of run.state.rounds) expect(r.others?.map((o) => o.actor)).toEqual(['crew']);
  });

  it('the campaign of a further actor moves on by its own phases', () => {
    const game = new Game(twoAdversaries()).start();
    for (let round = 1; round <= 2; round++) {
      game.lockAll();
      game.ok(FAC, { type: 'advance' });
    }
    expect(game.state.round).toBe(3);
    expect(regionValue(game.state, 'adversary.crew.phase')).toBe('sell');
    expect(regionValue(game.state, 'adversary.phase')).toBe('exploit');
  });
});

describe('reactions and moves at cross purposes', () => {
  /** Round 1 with a disproportionate strike on the crew's servers (severity 6 against harm 1). */
  function strikeTheCrew(seed: string): Game {
    const game = new Game(twoAdversaries(), seed).start();
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'disrupt', incident: 'ransomware', rationale: 'Take their servers down.' } });
    return game.lockAll();
  }

  it('an overreaction against the crew provokes the crew, not the state', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const game = strikeTheCrew(seed);
      const round = game.state.rounds[0]!;
      expect(round.others![0]!.postureAfter, seed).toBe('titForTat');
      expect(round.postureAfter, seed).not.toBe('titForTat');
      expect(regionValue(game.state, 'adversary.crew.posture')).toBe('titForTat');
      // The crew encrypts in titForTat; it leaks the state's tooling only while the state is probing or emboldened.
      const moves = round.others![0]!.moves.map((m) => m.move);
      expect(moves).toContain('encrypt');
      expect(moves.includes('leak-tooling'), seed).toBe(['probing', 'emboldened'].includes(round.postureAfter));
      expect(round.headlines).toContain('Hospital systems are encrypted and a ransom is demanded.');
    }
  });

  it("the state's move reads the crew's posture: it disowns the crew while the crew retaliates", () => {
    const game = strikeTheCrew('a');
    game.ok(FAC, { type: 'advance' });
    game.lockAll();
    const second = game.state.rounds[1]!;
    // The state moves before the crew reacts again, so it reads the crew's titForTat from round 1.
    if (['probing', 'emboldened', 'titForTat', 'deterred'].includes(second.postureBefore)) {
      expect(second.adversaryMoves.map((m) => m.move)).toContain('disown-crew');
    }
  });

  it('without a response to its incidents the crew is left alone by the state: the response to the state is not the crew\'s', () => {
    const game = new Game(twoAdversaries(), 'quiet').start();
    game.lockAll();
    const round = game.state.rounds[0]!;
    expect(round.others![0]!.postureBefore).toBe('probing');
    expect(round.others![0]!.postureAfter).not.toBe('titForTat');
    expect(game.state.hidden.otherQuietRounds).toEqual({ crew: 1 });
  });

  it('every seat sees the further actor\'s posture; moves without news stay the facilitator\'s', () => {
    const game = strikeTheCrew('a');
    const usa = project(game.scenario, game.state, { role: 'team', team: 'usa', name: 'Ada' } as never);
    expect(usa.otherAdversaries).toEqual([{ id: 'crew', name: 'Ransom crew', kind: 'criminal', posture: 'titForTat', phase: 'extort', phaseName: 'Extort' }]);
    expect(usa.rounds[0]!.others![0]!.postureAfter).toBe('titForTat');
    // Its reason comes as the engine's sentences too, so that a seat reading French or German reads it in its language.
    const why = usa.rounds[0]!.others![0]!;
    expect(why.postureWhyMessages!.length).toBeGreaterThan(0);
    expect(why.postureWhyMessages![0]!.key).toMatch(/^posture\./);
    const minimal = createExercise(minimalScenario(), 'v');
    expect(project(minimalScenario(), minimal, { role: 'facilitator', name: 'F' } as never).otherAdversaries).toEqual([]);
  });
});

describe('replay of an exercise with two adversaries', () => {
  it('reproduces live play, byte for byte, for every bot policy', () => {
    const scenario = twoAdversaries();
    const hashes = new Set<string>();
    Object.keys(POLICIES).forEach((policy, i) => {
      const seed = `two-${i}`;
      const run = simulateExercise(scenario, seed, resolvePolicies(scenario, [policy]));
      expect(run.state.phase).toBe('debrief');
      const again = replay(scenario, seed, run.commands);
      expect(again.results.every((r) => r.ok)).toBe(true);
      expect(stateHash(again.state)).toBe(stateHash(run.state));
      expect(canonicalJson(again.state)).toBe(canonicalJson(run.state));
      expect(run.state.rounds.every((r) => r.others?.length === 1)).toBe(true);
      hashes.add(stateHash(run.state));
    });
    expect(hashes.size).toBeGreaterThan(1);
  });
});

describe('the validator on further actors', () => {
  function problems(edit: (json: Record<string, any>) => void): string[] {
    const json = JSON.parse(fixtureText) as Record<string, any>;
    edit(json);
    const result = loadScenarioText(JSON.stringify(json, null, 2), 'two.json');
    return (result.ok ? result.warnings : result.problems).map(formatProblem).filter((p) => !p.includes('escalation ladder'));
  }

  it('accepts the fixture', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('an incident naming an unknown actor', () => {
    expect(problems((s) => (s.incidents[1].actor = 'crow')).join('\n')).toContain(
      'incident "ransomware" names unknown actor "crow" (known: northland, crew) (at /incidents/1/actor)',
    );
    expect(
      problems((s) => {
        delete s.otherAdversaries;
        s.incidents[1].actor = 'crew';
        s.adversary.moves.pop();
        s.otherAdversaries = undefined;
      }).join('\n'),
    ).toContain('incident "ransomware" names actor "crew", but the scenario declares no otherAdversaries');
  });

  it('duplicate actor ids, and an actor with the adversary\'s id', () => {
    const twice = problems((s) => s.otherAdversaries.push({ ...s.otherAdversaries[0], moves: [{ ...s.otherAdversaries[0].moves[0], id: 'encrypt-2' }] }));
    expect(twice.join('\n')).toContain('further adversary id "crew" is used twice: give each actor its own id (at /otherAdversaries/1/id)');
    const primary = problems((s) => {
      s.otherAdversaries[0].id = 'northland';
      s.incidents[1].actor = 'northland';
      s.adversary.moves.pop();
    });
    expect(primary.join('\n')).toContain('further adversary id "northland" is the primary adversary\'s id');
  });

  it('a further actor with no moves', () => {
    const found = problems((s) => (s.otherAdversaries[0].moves = []));
    expect(found.join('\n')).toContain('further adversary "crew" has no moves: it would react to the round but never act; give it moves or remove it (at /otherAdversaries/0/moves)');
  });

  it('conditions naming an unknown actor or region, and a move in a phase that is not its actor\'s', () => {
    const unknown = problems((s) => (s.adversary.moves[1].when = { state: 'adversary.crow.posture', in: ['titForTat'] }));
    expect(unknown.join('\n')).toContain('unknown chart region "adversary.crow.posture": unknown actor "crow" (known: crew)');
    const part = problems((s) => (s.adversary.moves[1].when = { state: 'adversary.crew.mood', in: ['titForTat'] }));
    expect(part.join('\n')).toContain('unknown chart region "adversary.crew.mood": a further actor has the regions adversary.crew.phase and adversary.crew.posture, not "mood"');
    const state = problems((s) => (s.adversary.moves[1].when = { state: 'adversary.crew.posture', in: ['asleep'] }));
    expect(state.join('\n')).toContain('asleep');
    const phase = problems((s) => (s.otherAdversaries[0].moves[0].phases = ['access']));
    expect(phase.join('\n')).toContain('unknown phase "access" of "crew" (known: extort, sell) (at /otherAdversaries/0/moves/0/phases/0)');
    const otherPhase = problems((s) => (s.adversary.moves[1].when = { state: 'adversary.crew.phase', in: ['sell', 'access'] }));
    expect(otherPhase.join('\n')).toContain('access');
  });
});

describe("the facilitator's and the red cell's controls over a further actor", () => {
  const RED_CELL = { role: 'redCell', name: 'Red' } as const;

  it("overridePosture with adversary sets that actor's posture, and leaves the adversary's alone", () => {
    const game = new Game(twoAdversaries()).start();
    const before = regionValue(game.state, 'adversary.posture');
    game.ok(FAC, { type: 'overridePosture', posture: 'deterred', reason: 'The crew was arrested.', adversary: 'crew' });
    expect(regionValue(game.state, 'adversary.crew.posture')).toBe('deterred');
    expect(regionValue(game.state, 'adversary.posture')).toBe(before);
    expect(game.state.timeline.at(-1)!.text).toBe("The facilitator set Ransom crew's posture to deterred: The crew was arrested.");
    // Without adversary, the primary one, as before.
    game.ok(FAC, { type: 'overridePosture', posture: 'emboldened', reason: 'For the drill.' });
    expect(regionValue(game.state, 'adversary.posture')).toBe('emboldened');
    expect(regionValue(game.state, 'adversary.crew.posture')).toBe('deterred');
    expect(game.state.timeline.at(-1)!.text).toBe("The facilitator set the adversary's posture to emboldened: For the drill.");
    // Every seat sees it on the further actor's line of the view.
    const usa = project(game.scenario, game.state, { role: 'team', team: 'usa', name: 'Ada' } as never);
    expect(usa.otherAdversaries[0]!.posture).toBe('deterred');
  });

  it('an unknown adversary is refused with a sentence, for both commands, and changes nothing', () => {
    const game = new Game(twoAdversaries()).start();
    const before = stateHash(game.state);
    const message = game.reject(FAC, { type: 'overridePosture', posture: 'deterred', reason: 'r', adversary: 'nobody' }, 'INVALID_ARGUMENT');
    expect(message).toBe('There is no further adversary "nobody" in this scenario (for Northland, name no adversary).');
    // The primary adversary is addressed by naming none, not by its id.
    game.reject(FAC, { type: 'overridePosture', posture: 'deterred', reason: 'r', adversary: 'northland' }, 'INVALID_ARGUMENT');
    game.reject(RED_CELL, { type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'nobody' }, 'INVALID_ARGUMENT');
    // In a scenario without further actors, any adversary is unknown.
    const minimal = new Game(minimalScenario()).start();
    minimal.reject(FAC, { type: 'overridePosture', posture: 'deterred', reason: 'r', adversary: 'crew' }, 'INVALID_ARGUMENT');
    expect(stateHash(game.state)).toBe(before);
    // Permissions come first: a team may not name an adversary either.
    game.reject(team('usa'), { type: 'chooseAdversaryMove', move: null, adversary: 'crew' }, 'NOT_ALLOWED');
  });

  it("the red cell's view lists each further actor with its moves; a move must be the actor's and fit its posture", () => {
    const game = new Game(twoAdversaries()).start();
    const view = project(game.scenario, game.state, RED_CELL as never).redCell!;
    expect(view.others!.map((o) => [o.id, o.name, o.chosen])).toEqual([['crew', 'Ransom crew', undefined]]);
    expect(view.others![0]!.moves.map((m) => [m.id, m.eligible])).toEqual([['encrypt', true], ['leak-tooling', false]]);
    game.reject(RED_CELL, { type: 'chooseAdversaryMove', move: 'leak-tooling', adversary: 'crew' }, 'NOT_AVAILABLE');
    // The adversary's move is not the crew's, and the crew's is not the adversary's.
    expect(game.reject(RED_CELL, { type: 'chooseAdversaryMove', move: 'deepen-access', adversary: 'crew' }, 'UNKNOWN_MOVE')).toBe('Ransom crew has no move "deepen-access".');
    game.reject(RED_CELL, { type: 'chooseAdversaryMove', move: 'encrypt' }, 'UNKNOWN_MOVE');
    game.ok(RED_CELL, { type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'crew' });
    expect(game.state.redCellOthers).toEqual({ crew: 'encrypt' });
    expect(game.state.redCellMove).toBeUndefined();
    expect(project(game.scenario, game.state, RED_CELL as never).redCell!.others![0]!.chosen).toBe('encrypt');
    // Scenarios without further actors keep the red cell's view as it was.
    const minimal = createExercise(minimalScenario(), 'v');
    expect('others' in project(minimalScenario(), minimal, RED_CELL as never).redCell!).toBe(false);
  });

  it("the red cell's choice for the crew replaces the crew's draws; the adversary plays as it would have", () => {
    for (const seed of ['a', 'b', 'c']) {
      const drawn = new Game(twoAdversaries(), seed).start().lockAll();
      const held = new Game(twoAdversaries(), seed).start();
      held.ok(RED_CELL, { type: 'chooseAdversaryMove', move: null, adversary: 'crew' });
      held.lockAll();
      const [a, b] = [drawn.state.rounds[0]!, held.state.rounds[0]!];
      // Encrypt has a chance of 1: drawn, the crew always plays it; held back, never.
      expect(a.others![0]!.moves.map((m) => m.move), seed).toContain('encrypt');
      expect(b.others![0]!.moves, seed).toEqual([]);
      // The adversary's turn comes before the further actors' draws: it is untouched.
      expect(b.adversaryMoves, seed).toEqual(a.adversaryMoves);
      expect(b.postureAfter, seed).toBe(a.postureAfter);
      expect(held.state.timeline.some((e) => e.text === 'The red cell chose to hold Ransom crew back this round.')).toBe(true);
      // The choice holds for one round.
      held.ok(FAC, { type: 'advance' });
      expect(held.state.redCellOthers).toBeUndefined();
    }
  });

  it('a chosen move is played, and an exercise with the choices replays byte for byte', () => {
    const scenario = twoAdversaries();
    const bodies: [typeof FAC | typeof RED_CELL | ReturnType<typeof team>, CommandBody][] = [
      [FAC, { type: 'startExercise' }],
      [FAC, { type: 'advance' }],
      [RED_CELL, { type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'crew' }],
      [RED_CELL, { type: 'chooseAdversaryMove', move: null }],
      [FAC, { type: 'overridePosture', posture: 'emboldened', reason: 'Drill.', adversary: 'crew' }],
      [team('usa'), { type: 'lockDecisions' }],
      [team('uk'), { type: 'lockDecisions' }],
    ];
    const commands = bodies.map(([actor, body], i) => ({ ...body, id: `c${i}`, actor, at: 1_000 * (i + 1) }) as Command);
    let state = createExercise(scenario, 'r');
    for (const command of commands) {
      const result = applyCommand(scenario, state, command);
      if (!result.ok) throw new Error(result.message);
      state = result.state;
    }
    const round = state.rounds[0]!;
    expect(round.adversaryMoves).toEqual([]);
    expect(round.others![0]!.moves.map((m) => m.move)).toEqual(['encrypt']);
    const again = replay(scenario, 'r', commands);
    expect(again.results.every((r) => r.ok)).toBe(true);
    expect(canonicalJson(again.state)).toBe(canonicalJson(state));
  });
});
