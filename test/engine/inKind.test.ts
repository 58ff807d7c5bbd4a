import { describe, expect, it } from 'vitest';
import { answersInKindOnly } from '../../src/engine/adjudicate/adversaryTurn';
import type { RoundFeatures } from '../../src/engine/machines/adversary';
import { Game, team, variantOf } from './support';

const FIXTURE = 'test/fixtures/engine-rich.json';

/** engine-rich with an in-kind answer to expulsions beside its other tit-for-tat moves (or without one). */
function scenarioWithMirror(marked: boolean) {
  return variantOf(FIXTURE, (json) => {
    json.adversary.moves.push({
      id: 'mirror',
      name: 'Mirror expulsions',
      postures: ['titForTat'],
      chance: 1,
      ...(marked ? { inKind: true } : {}),
      effects: [{ indicator: 'alliance-resolve', add: -1 }],
    });
  });
}

function movesAfterExpelling(marked: boolean, action = 'expel-diplomats'): { posture: string; moves: string[] } {
  const game = new Game(scenarioWithMirror(marked), 'in-kind').start().evidence('mail-hack', 'usa', 7);
  game.ok(team('usa'), { type: 'draftDecision', draft: { action, incident: 'mail-hack' } });
  game.lockAll();
  const round = game.state.rounds[0]!;
  return { posture: round.postureAfter, moves: round.adversaryMoves.map((m) => m.move) };
}

describe('answers in kind (adversary move inKind)', () => {
  it('an expulsion that invites mirroring draws only the in-kind answer, not the other tit-for-tat moves', () => {
    const { posture, moves } = movesAfterExpelling(true);
    expect(posture).toBe('titForTat');
    expect(moves).toEqual(['mirror']);
  });

  it('a scenario that marks no in-kind move lets every tit-for-tat move happen, as before', () => {
    const { posture, moves } = movesAfterExpelling(false);
    expect(posture).toBe('titForTat');
    expect(moves).toContain('retaliate');
    expect(moves).toContain('mirror');
  });

  it('an overreaction is answered with every tit-for-tat move, in-kind or not', () => {
    const tuning = scenarioWithMirror(true).adversary.tuning;
    const moves = scenarioWithMirror(true).adversary.moves;
    const features = (overreaction: number, mirroring: boolean): RoundFeatures => ({
      talks: false, overreaction, mirroring, mirrorRoll: 0, cohesion: 80, jointness: 0, jointAttribution: false, fit: 0.5,
      quietRounds: 0, onlyPrivate: false, undiscoveredAccess: false, bonus: 0, roll: 0.99,
    });
    expect(answersInKindOnly(moves, tuning, features(0, true), 'titForTat')).toBe(true);
    expect(answersInKindOnly(moves, tuning, features(tuning.titForTatGap, true), 'titForTat')).toBe(false);
    expect(answersInKindOnly(moves, tuning, features(tuning.titForTatGap, false), 'titForTat')).toBe(false);
    const unmarked = scenarioWithMirror(false).adversary.moves;
    expect(answersInKindOnly(unmarked, tuning, features(0, true), 'titForTat')).toBe(false);
  });
});

describe('answers in kind by a further adversary', () => {
  const scenario = variantOf('test/fixtures/two-adversaries.json', (json) => {
    const attribute = json.actions.find((a: { id: string }) => a.id === 'attribute');
    const { prerequisites: _unused, ...rest } = attribute;
    json.actions.push({ ...rest, id: 'expel', name: 'Expel the crew’s handlers', category: 'diplomatic', severity: 1, rung: 2, minConfidence: 'none', invitesMirroring: true });
    const crew = json.otherAdversaries[0];
    crew.tuning = { ...crew.tuning, mirroringChance: 1 };
    crew.moves.push({ id: 'mirror', name: 'Expels in return', postures: ['titForTat'], chance: 1, inKind: true, effects: [] });
  });

  it('plays only its in-kind move when a measure against its own incident invited mirroring', () => {
    const game = new Game(scenario, 'in-kind').start();
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'expel', incident: 'ransomware' } });
    game.lockAll();
    const crew = game.state.rounds[0]!.others!.find((o) => o.actor === 'crew')!;
    expect(crew.postureAfter).toBe('titForTat');
    expect(crew.moves.map((m) => m.move)).toEqual(['mirror']);
  });
});
