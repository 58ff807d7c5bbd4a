/**
 * The listed persons' rights (scenario.sanctions.listedPersons): notification
 * on entry into force, observations, the review that weighs them against
 * the reasons (delisting on weak reasons, maintaining on strong ones), the
 * refusal to relist on reasons no better than those that failed, and
 * determinism. Played through commands on a variant of the rich fixture:
 * fra (an EU member) lists the mail hack; usa's moderate confidence
 * corroborates fra's, so fra's evidence component is 0.7 until it shares.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, project, stateHash } from '../../src/engine/index';
import { regionState } from '../../src/engine/machines/chart';
import { packagesInForce } from '../../src/engine/adjudicate/sanctionsTurn';
import type { CommandBody, SanctionsPackage } from '../../src/engine/types';
import { FAC, Game, team, variantOf } from './support';

const FRA = team('fra');
const listing: CommandBody = { type: 'draftDecision', draft: { action: 'eu-listing', incident: 'mail-hack', options: { statementOfReasons: true } } };

function listedScenario(rules: { observationChance?: number; weakBelow?: number } = {}) {
  return variantOf('test/fixtures/engine-rich.json', (json) => {
    json.sanctions = { ...json.sanctions, challengeChance: 0, listedPersons: { actions: ['eu-listing'], observationChance: 1, weakBelow: 0.8, ...rules } };
  });
}

/** Round 1: fra lists the mail hack with a statement of reasons; the round is adjudicated (results). */
function listed(rules?: { observationChance?: number; weakBelow?: number }, seed?: string): Game {
  const game = new Game(listedScenario(rules), seed).start().evidence('mail-hack', 'fra', 4);
  game.ok(FRA, listing);
  return game.lockAll();
}

/** From results to the next round's results, nobody acting. */
function nextRound(game: Game): Game {
  game.ok(FAC, { type: 'advance' });
  return game.lockAll();
}

const thePackage = (game: Game): SanctionsPackage => Object.values(game.state.sanctions).find((p) => p.action === 'eu-listing')!;
const feed = (game: Game) => game.state.timeline.filter((e) => e.kind === 'sanctions');

describe("the listed persons' rights", () => {
  it('notifies the listed when the listing enters into force, in the feed and the headlines', () => {
    const game = listed();
    const pkg = thePackage(game);
    expect(regionState(pkg.chart, 'status')).toBe('inForce');
    expect(pkg.listed).toEqual({ notified: 1, caseFile: false, observations: [] });
    const text = 'The persons listed under the EU cyber-sanctions listing on "Party mail hack" are notified of the listing and its grounds; they may submit observations to the Council.';
    expect(feed(game).map((e) => e.text)).toContain(text);
    expect(game.state.rounds.at(-1)!.headlines).toContain(text);
    // A team sees the package's status where packages are shown; the red cell reads the public notice too, but never the review's reasons.
    expect(project(game.scenario, game.state, { role: 'team', team: 'deu' }).sanctions[0]!.listed).toEqual({ notified: 1, observations: [] });
  });

  it('leaves packages the rules do not cover, and scenarios without them, as they were', () => {
    const game = new Game(listedScenario()).start().evidence('mail-hack', 'usa', 4);
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'us-sanctions', incident: 'mail-hack' } });
    game.lockAll();
    expect(thePackage(game)).toBeUndefined();
    expect(Object.values(game.state.sanctions)[0]!.listed).toBeUndefined();
    const plain = new Game(variantOf('test/fixtures/engine-rich.json', (json) => (json.sanctions.challengeChance = 0))).start().evidence('mail-hack', 'fra', 4);
    plain.ok(FRA, listing);
    plain.lockAll();
    expect(thePackage(plain).listed).toBeUndefined();
    expect(canonicalJson(plain.state)).not.toContain('listed');
  });

  it('the listed submit observations in a round after the notification, with the scenario’s chance', () => {
    const game = nextRound(listed());
    expect(thePackage(game).listed!.observations).toEqual([2]);
    expect(game.state.rounds.at(-1)!.headlines).toContain(
      'The persons listed under the EU cyber-sanctions listing on "Party mail hack" submit observations contesting the grounds; the next review must weigh them.',
    );
    const never = nextRound(listed({ observationChance: 0 }));
    expect(thePackage(never).listed!.observations).toEqual([]);
  });

  it('a review delists the persons when weak reasons meet observations: the measures cease', () => {
    const game = nextRound(nextRound(listed({ weakBelow: 0.8 })));
    const pkg = thePackage(game);
    expect(pkg.substantiation).toBe(0.7);
    expect(regionState(pkg.chart, 'status')).toBe('delisted');
    expect(pkg.listed!.review).toEqual({
      round: 3,
      result: 'delisted',
      why: 'The observations prevail: its statement of reasons rests on evidence of 0.7, below 0.8, with no case file behind it.',
    });
    expect(packagesInForce({ state: game.state } as never)).toEqual([]);
    const headline = game.state.rounds.at(-1)!.headlines.find((h) => h.includes('delists'))!;
    expect(headline).toBe(
      'The review of the EU cyber-sanctions listing on "Party mail hack" weighs the listed persons\' observations and delists them: the reasons do not answer the observations, and the measures cease.',
    );
    expect(headline.split(':').length).toBe(2);
    // The reasons are told to the governments that took the listing, not to the others.
    const reasons = game.state.timeline.find((e) => e.text.startsWith('Review of the'))!;
    expect(reasons.audience).toEqual({ teams: ['fra'] });
    expect(project(game.scenario, game.state, { role: 'team', team: 'fra' }).sanctions[0]!.listed!.review!.why).toContain('below 0.8');
    expect(project(game.scenario, game.state, { role: 'redCell' }).sanctions[0]!.listed!.review).toEqual({ round: 3, result: 'delisted' });
  });

  it('a review maintains the listing when strong reasons answer the observations, and says why', () => {
    const game = nextRound(nextRound(listed({ weakBelow: 0.6 })));
    const pkg = thePackage(game);
    expect(regionState(pkg.chart, 'status')).toBe('review');
    expect(pkg.listed!.review).toEqual({
      round: 3,
      result: 'maintained',
      why: 'The listing is maintained: its statement of reasons rests on evidence of 0.7, at least 0.6.',
    });
    expect(pkg.listed!.observations).toEqual([]);
    expect(game.state.rounds.at(-1)!.headlines).toContain(
      'The review of the EU cyber-sanctions listing on "Party mail hack" weighs the listed persons\' observations and maintains the listing: the reasons answer them.',
    );
  });

  it('without a statement of reasons the reasons are weak whatever the evidence', () => {
    const game = new Game(listedScenario({ weakBelow: 0.1 })).start().evidence('mail-hack', 'fra', 4);
    game.ok(FRA, { type: 'draftDecision', draft: { action: 'eu-listing', incident: 'mail-hack' } });
    nextRound(nextRound(game.lockAll()));
    expect(thePackage(game).listed!.review!.why).toBe('The observations prevail: the listing gave no statement of reasons.');
  });

  it('refuses to relist on reasons no better than those that failed, and accepts better ones', () => {
    const game = nextRound(nextRound(listed({ weakBelow: 0.8 })));
    game.ok(FAC, { type: 'advance' });
    const refusal = game.reject(FRA, listing, 'NEEDS_BETTER_REASONS');
    expect(refusal).toBe(
      'The persons listed under EU cyber-sanctions listing on "Party mail hack" were delisted at review because the reasons did not answer their observations; relisting them needs better reasons: evidence above 0.7 (yours is 0.7: share it, have it corroborated or make it public), or a case file or a confirming verification behind it.',
    );
    const view = project(game.scenario, game.state, { role: 'team', team: 'fra' });
    expect(view.actions.find((a) => a.id === 'eu-listing')!.availability!.byIncident?.['mail-hack']).toMatchObject({ available: false, reason: refusal });
    game.ok(FRA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    game.ok(FRA, listing);
    game.lockAll();
    const relisted = Object.values(game.state.sanctions).filter((p) => p.action === 'eu-listing');
    expect(relisted.map((p) => regionState(p.chart, 'status'))).toEqual(['delisted', 'inForce']);
    expect(relisted[1]!.substantiation).toBe(0.85);
    expect(relisted[1]!.listed).toMatchObject({ notified: 4, observations: [] });
  });

  it('is deterministic: the same seed and commands give the same state; observations depend on the seed', () => {
    const play = (seed: string) => nextRound(nextRound(listed({ observationChance: 0.5 }, seed))).state;
    expect(stateHash(play('s1'))).toBe(stateHash(play('s1')));
    const outcomes = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((seed) => regionState(Object.values(play(seed).sanctions)[0]!.chart, 'status')));
    expect(outcomes).toEqual(new Set(['delisted', 'review']));
  });
});
