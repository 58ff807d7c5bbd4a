/**
 * "Not in a position to attribute" (ICD 203): a public stance a government
 * may take on an incident instead of attributing it. It needs no confidence,
 * coerces no one, does not pad the exercise's proportionality, is not held
 * against the government in cohesion when allies attribute, and leaves the
 * way to a later attribution open.
 */
import { describe, expect, it } from 'vitest';
import { exerciseProportionality } from '../../src/engine/scoring/exercise';
import { FAC, Game, loadFile, team } from './support';

const scenario = loadFile('scenarios/us-2016.json');
const INCIDENT = 'dnc-intrusion';

function stanceRound(usaSays: boolean): Game {
  const game = new Game(scenario, 'stance').start().evidence(INCIDENT, 'uk', 6).evidence(INCIDENT, 'deu', 6);
  if (usaSays) game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'not-in-a-position', incident: INCIDENT, options: {}, rationale: 'The assessment is not done.' } });
  for (const ally of ['uk', 'deu']) {
    game.ok(team(ally), { type: 'draftDecision', draft: { action: 'national-public-attribution', incident: INCIDENT, options: {}, rationale: 'We are confident.' } });
  }
  game.lockAll();
  if (game.state.phase === 'deliberation') game.ok(FAC, { type: 'advance' });
  return game;
}

describe('not in a position to attribute', () => {
  it('needs no confidence, and the chart records the stance', () => {
    const game = stanceRound(true);
    expect(game.state.attribution[INCIDENT]!.national.usa!.value).toBe('notInAPosition');
    const decision = game.state.decisions.find((d) => d.team === 'usa')!;
    expect(decision.outcome).toContain('not in a position to attribute');
  });

  it('coerces no one: fit does not apply, and it neither answers the incident nor pads the exercise figure', () => {
    const game = stanceRound(true);
    const decision = game.state.decisions.find((d) => d.team === 'usa')!;
    const fit = decision.proportionality.components.find((c) => c.id === 'fit')!;
    expect(fit.weight).toBe(0);
    expect(fit.why).toContain('says where the assessment stands and coerces no one');
    expect(exerciseProportionality(scenario, game.state, 'usa')).toBeNull();
  });

  it('is not held against the government when an ally attributes: unable, not unwilling', () => {
    const said = stanceRound(true).state.rounds[0]!.cohesion;
    const silent = stanceRound(false).state.rounds[0]!.cohesion;
    const alignment = (s: typeof said) => s.components.find((c) => c.id === 'alignment')!;
    expect(alignment(said).value).toBeGreaterThan(alignment(silent).value);
    expect(alignment(said).why).toContain('2 pairs were not compared where one had no instrument');
    expect(alignment(silent).why).not.toContain('not compared');
  });

  it('leaves the way to a later public attribution open', () => {
    const game = stanceRound(true);
    game.ok(FAC, { type: 'advance' });
    game.evidence(INCIDENT, 'usa', 6);
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'national-public-attribution', incident: INCIDENT, options: {}, rationale: 'Now we can.' } });
    game.lockAll();
    if (game.state.phase === 'deliberation') game.ok(FAC, { type: 'advance' });
    expect(game.state.attribution[INCIDENT]!.national.usa!.value).toBe('attributedPublicly');
  });
});
