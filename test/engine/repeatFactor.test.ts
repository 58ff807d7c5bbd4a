import { describe, expect, it } from 'vitest';
import { FAC, Game, team, variantOf } from './support';

/** Plays `rounds` rounds in which the United States strengthens resilience, and returns public trust after each. */
function trustAfterRounds(repeatFactor: number | undefined, rounds: number, alsoFrance = false): number[] {
  const scenario = variantOf('test/fixtures/engine-rich.json', (json) => {
    const action = json.actions.find((a: { id: string }) => a.id === 'resilience');
    if (repeatFactor !== undefined) action.repeatFactor = repeatFactor;
  });
  const game = new Game(scenario, 'repeats').start();
  const trust: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'resilience' } });
    if (alsoFrance && round === 1) game.ok(team('fra'), { type: 'draftDecision', draft: { action: 'resilience' } });
    game.lockAll();
    trust.push(game.state.indicators['public-trust']!);
    if (round < rounds) game.ok(FAC, { type: 'advance' });
  }
  return trust;
}

describe('diminishing returns (action.repeatFactor)', () => {
  it('shrink an action’s indicator changes by the factor for each earlier round in which it took effect', () => {
    const full = trustAfterRounds(undefined, 3);
    const halved = trustAfterRounds(0.5, 3);
    // Same seed, same moves by the adversary: the only difference is the action's own effect (+10, then +5, then +2.5).
    expect(halved[0]).toBe(full[0]);
    expect(full[1]! - halved[1]!).toBeCloseTo(5, 5);
    expect(full[2]! - halved[2]!).toBeCloseTo(5 + 7.5, 5);
  });

  it('count rounds, not governments: two governments taking it in the same round both have the full effect', () => {
    const full = trustAfterRounds(undefined, 2, true);
    const halved = trustAfterRounds(0.5, 2, true);
    expect(halved[0]).toBe(full[0]);
    expect(full[1]! - halved[1]!).toBeCloseTo(5, 5);
  });

  it('with a factor of 0, only the first round counts', () => {
    const full = trustAfterRounds(undefined, 2);
    const once = trustAfterRounds(0, 2);
    expect(full[1]! - once[1]!).toBeCloseTo(10, 5);
  });
});
