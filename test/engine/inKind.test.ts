import { describe, expect, it } from 'vitest';
import { answersInKindOnly, movesOfTheRound } from '../../src/engine/adjudicate/adversaryTurn';
import type { RoundFeatures } from '../../src/engine/machines/adversary';
import { say } from '../../src/engine/messages';
import type { AdversaryMove } from '../../src/engine/scenario/schema';
import { Game, team, variantOf } from './support';

const FIXTURE = 'test/fixtures/engine-rich.json';

/**
 * engine-rich with an in-kind answer to expulsions beside its other tit-for-tat
 * moves (or without one), and a campaign move it plays whenever it probes.
 */
function scenarioWithMirror(marked: boolean) {
  return variantOf(FIXTURE, (json) => {
    json.adversary.moves.push(
      {
        id: 'mirror',
        name: 'Mirror expulsions',
        postures: ['titForTat'],
        chance: 1,
        ...(marked ? { inKind: true } : {}),
        effects: [{ indicator: 'alliance-resolve', add: -1 }],
      },
      { id: 'keep-phishing', name: 'Keep phishing', postures: ['probing', 'emboldened'], chance: 1, effects: [{ harm: 'mail-hack', add: 0.5 }] },
    );
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
  it('an expulsion that invites mirroring draws the in-kind answer, not the other tit-for-tat moves', () => {
    const { posture, moves } = movesAfterExpelling(true);
    expect(posture).toBe('titForTat');
    expect(moves).toContain('mirror');
    expect(moves).not.toContain('retaliate');
  });

  it('the answer in kind is given beside the campaign, not instead of it', () => {
    // keep-phishing is a probing move with chance 1: the mirrored expulsion does not stop it.
    expect(movesAfterExpelling(true).moves).toContain('keep-phishing');
    // Moves of tit-for-tat alone, or of both, are retaliation; the campaign's are those of the posture held before.
    const move = (id: string, postures: AdversaryMove['postures'], inKind = false) => ({ id, name: id, postures, inKind }) as AdversaryMove;
    const moves = [move('leak', ['probing']), move('mirror', ['titForTat'], true), move('hit', ['titForTat']), move('scan', ['deterred', 'probing'])];
    const under = (p: string) => moves.filter((m) => m.postures.includes(p as AdversaryMove['postures'][number]));
    expect(movesOfTheRound(moves, under, 'titForTat', 'probing', true).map((m) => m.id)).toEqual(['leak', 'mirror', 'scan']);
    expect(movesOfTheRound(moves, under, 'titForTat', 'deterred', true).map((m) => m.id)).toEqual(['mirror', 'scan']);
    // After a retaliation the adversary goes back to probing: that is its campaign.
    expect(movesOfTheRound(moves, under, 'titForTat', 'titForTat', true).map((m) => m.id)).toEqual(['leak', 'mirror', 'scan']);
    expect(movesOfTheRound(moves, under, 'titForTat', 'probing', false).map((m) => m.id)).toEqual(['mirror', 'hit']);
  });

  it('a scenario that marks no in-kind move lets every tit-for-tat move happen, as before', () => {
    const { posture, moves } = movesAfterExpelling(false);
    expect(posture).toBe('titForTat');
    expect(moves).toContain('retaliate');
    expect(moves).toContain('mirror');
  });

  it('an overreaction or an unlawful measure is answered with every tit-for-tat move, in-kind or not', () => {
    const tuning = scenarioWithMirror(true).adversary.tuning;
    const moves = scenarioWithMirror(true).adversary.moves;
    const features = (overreaction: number, mirroring: boolean, unlawful = false): RoundFeatures => ({
      talks: false, overreaction, unlawful, mirroring, mirrorRoll: 0, cohesion: 80, jointness: 0, jointAttribution: false, fit: 0.5,
      quietRounds: 0, onlyPrivate: false, undiscoveredAccess: false, bonus: 0, roll: 0.99,
    });
    expect(answersInKindOnly(moves, tuning, features(0, true), 'titForTat')).toBe(true);
    expect(answersInKindOnly(moves, tuning, features(tuning.titForTatGap, true), 'titForTat')).toBe(false);
    expect(answersInKindOnly(moves, tuning, features(0, true, true), 'titForTat')).toBe(false);
    expect(answersInKindOnly(moves, tuning, features(tuning.titForTatGap, false), 'titForTat')).toBe(false);
    const unmarked = scenarioWithMirror(false).adversary.moves;
    expect(answersInKindOnly(unmarked, tuning, features(0, true), 'titForTat')).toBe(false);
  });
});

describe('an unlawful measure provokes retaliation', () => {
  /** A hack-back on the mail hack (severity 7 against harm 5: no overreaction), with or without notice. */
  function afterHackBack(notice: boolean) {
    const game = new Game(scenarioWithMirror(true), 'unlawful').start().evidence('mail-hack', 'usa', 9);
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'hack-back', incident: 'mail-hack', options: { notice } } });
    game.lockAll();
    return { decision: game.state.decisions.find((d) => d.action === 'hack-back')!, round: game.state.rounds[0]! };
  }

  it('a countermeasure without notice is itself a wrongful act: the adversary retaliates with everything, and says why', () => {
    const { decision, round } = afterHackBack(false);
    expect(decision.effective).toBe(true);
    expect(decision.legallyExposed).toBe(true);
    expect(round.postureAfter).toBe('titForTat');
    expect(round.postureWhy).toBe(say('posture.unlawful'));
    expect(round.adversaryMoves.map((m) => m.move)).toContain('retaliate');
  });

  it('the same countermeasure with notice is lawful and provokes nothing by itself', () => {
    const { decision, round } = afterHackBack(true);
    expect(decision.legallyExposed).toBe(false);
    expect(round.postureWhy).not.toBe(say('posture.unlawful'));
    expect(round.postureAfter).not.toBe('titForTat');
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

  it('plays its in-kind move beside its campaign, not its other retaliation, when a measure against its own incident invited mirroring', () => {
    const game = new Game(scenario, 'in-kind').start();
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'expel', incident: 'ransomware' } });
    game.lockAll();
    const crew = game.state.rounds[0]!.others!.find((o) => o.actor === 'crew')!;
    expect(crew.postureAfter).toBe('titForTat');
    // encrypt is its campaign (probing); leak-tooling is retaliation (tit-for-tat and emboldened only).
    expect(crew.moves.map((m) => m.move)).toEqual(['encrypt', 'mirror']);
  });
});
