/**
 * Platforms and vendors (scenario.platforms, actions with a platform
 * section): a request waits the platform's time; a statutory duty in the
 * requesting government's jurisdiction obliges it to comply; a voluntary
 * request is granted with the platform's chance, else delayed once and then
 * refused; a disclosure gives evidence (more on data preserved first) and a
 * takedown or disclosure narrows the adversary's reach; requests are refused
 * while one is open; only the requesting government sees them. Played on a
 * variant of the rich fixture with one platform, "Chirp", holding data on
 * the mail hack: a statutory duty for usa, none for fra.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, project } from '../../src/engine/index';
import { regionState } from '../../src/engine/machines/chart';
import { evidenceOf } from '../../src/engine/rules/readers';
import type { CommandBody, PlatformRequest } from '../../src/engine/types';
import { FAC, Game, team, variantOf } from './support';

const USA = team('usa');
const FRA = team('fra');

function platformScenario(chirp: Record<string, unknown> = {}, opinion = false) {
  return variantOf('test/fixtures/engine-rich.json', (json) => {
    json.platforms = [
      {
        id: 'chirp',
        name: 'Chirp',
        incidents: ['mail-hack'],
        duties: [
          { teams: ['usa'], duty: 'statutory', requests: ['disclosure', 'preservation', 'takedown'], basis: 'the Online Duties Act, s. 9' },
          { teams: ['fra'], duty: 'voluntary', requests: ['disclosure'], basis: 'its terms of service' },
        ],
        cooperateChance: 0,
        answerAfterRounds: 1,
        evidence: 2,
        reachCut: 30,
        ...chirp,
      },
    ];
    const ask = (id: string, request: string) => ({
      id,
      name: `Ask Chirp: ${request}`,
      category: 'investigate',
      severity: 0,
      rung: 0,
      reversibility: 1,
      minConfidence: 'none',
      spillover: 'none',
      responseType: 'domestic',
      cost: { capital: 1 },
      platform: { company: 'chirp', request },
    });
    json.actions.push(ask('chirp-disclosure', 'disclosure'), ask('chirp-preservation', 'preservation'), ask('chirp-takedown', 'takedown'));
    if (opinion) json.publicOpinion = { publics: [{ team: 'usa', trust: 50 }], jitter: 0, influence: { incidents: ['mail-hack'], harmPerRound: 1 } };
  });
}

const ask = (action: string): CommandBody => ({ type: 'draftDecision', draft: { action, incident: 'mail-hack' } });
const requests = (game: Game): PlatformRequest[] => Object.values(game.state.platformRequests!);
const stages = (game: Game) => requests(game).map((r) => `${r.team} ${r.request} ${regionState(r.chart)}`);

function nextRound(game: Game): Game {
  game.ok(FAC, { type: 'advance' });
  return game.lockAll();
}

describe('platforms and vendors', () => {
  it('leaves scenarios without platforms as they were', () => {
    const plain = new Game(variantOf('test/fixtures/engine-rich.json', () => {})).start();
    expect(plain.state.platformRequests).toBeUndefined();
    plain.lockAll();
    expect(canonicalJson(plain.state)).not.toContain('platform');
  });

  it('a request under a statutory duty is answered, as the platform must, after its time', () => {
    const game = new Game(platformScenario()).start();
    game.ok(USA, ask('chirp-disclosure'));
    game.lockAll();
    expect(game.state.decisions[0]!.outcome).toBe('United States asks Chirp to disclose what it holds on "Party mail hack", under a statutory duty (the Online Duties Act, s. 9).');
    expect(stages(game)).toEqual(['usa disclosure requested']);
    const before = evidenceOf(game.state, 'mail-hack', 'usa');
    nextRound(game);
    expect(stages(game)).toEqual(['usa disclosure disclosed']);
    expect(evidenceOf(game.state, 'mail-hack', 'usa')).toBe(before + 2);
    expect(game.state.timeline.map((e) => e.text)).toContain('Chirp discloses the accounts and advertising behind "Party mail hack": 2 evidence points for the attribution, and the operation\'s reach narrows by 30.');
  });

  it('refuses a second request while one is open, and once the platform has complied', () => {
    const game = new Game(platformScenario()).start();
    game.ok(USA, ask('chirp-disclosure'));
    game.lockAll();
    game.ok(FAC, { type: 'advance' });
    expect(game.reject(USA, ask('chirp-disclosure'), 'ALREADY_TAKEN')).toBe('Your request to Chirp to disclose what it holds on "Party mail hack" is still awaiting an answer.');
    game.lockAll();
    game.ok(FAC, { type: 'advance' });
    expect(game.reject(USA, ask('chirp-disclosure'), 'ALREADY_TAKEN')).toBe('Chirp has already agreed to disclose what it holds on "Party mail hack" at your request.');
  });

  it('a voluntary request the platform does not grant is delayed once, then refused, and gives nothing', () => {
    const game = new Game(platformScenario()).start();
    game.ok(FRA, ask('chirp-disclosure'));
    game.lockAll();
    const before = evidenceOf(game.state, 'mail-hack', 'fra');
    nextRound(game);
    expect(stages(game)).toEqual(['fra disclosure delayed']);
    nextRound(game);
    expect(stages(game)).toEqual(['fra disclosure refused']);
    expect(evidenceOf(game.state, 'mail-hack', 'fra')).toBe(before);
    expect(game.state.timeline.map((e) => e.text)).toContain('Chirp declines to disclose what it holds on "Party mail hack": no law obliges it to, and it cites its users\' privacy.');
  });

  it('a voluntary request is granted with the platform\'s chance', () => {
    const game = new Game(platformScenario({ cooperateChance: 1 })).start();
    game.ok(FRA, ask('chirp-disclosure'));
    nextRound(game.lockAll());
    expect(stages(game)).toEqual(['fra disclosure disclosed']);
  });

  it('data preserved first makes a later disclosure hold one more evidence point', () => {
    const game = new Game(platformScenario({ answerAfterRounds: 0 })).start();
    game.ok(USA, ask('chirp-preservation'));
    game.lockAll();
    expect(stages(game)).toEqual(['usa preservation cooperating']);
    game.ok(FAC, { type: 'advance' });
    const before = evidenceOf(game.state, 'mail-hack', 'usa');
    game.ok(USA, ask('chirp-disclosure'));
    game.lockAll();
    expect(evidenceOf(game.state, 'mail-hack', 'usa')).toBe(before + 3);
  });

  it("a takedown narrows the adversary's reach, and the cut stays", () => {
    const game = new Game(platformScenario({ answerAfterRounds: 0 }, true)).start();
    game.ok(USA, ask('chirp-takedown'));
    game.lockAll();
    // Trust 50 leaves a reach of 50; the takedown cuts 30.
    expect(game.state.opinion!.reach['mail-hack']).toBe(20);
    nextRound(game);
    expect(game.state.opinion!.reach['mail-hack']).toBe(20);
  });

  it('shows a government its own requests and every platform\'s duties; others see no request before the debrief', () => {
    const game = new Game(platformScenario()).start();
    game.ok(USA, ask('chirp-disclosure'));
    game.lockAll();
    const mine = project(game.scenario, game.state, { role: 'team', team: 'usa' }).actors!.platforms[0]!;
    expect(mine.duties.map((d) => `${d.teams.join(',')} ${d.duty}`)).toEqual(['usa statutory', 'fra voluntary']);
    expect(mine.requests).toEqual([{ id: requests(game)[0]!.id, team: 'usa', request: 'disclosure', incident: 'mail-hack', round: 1, stage: 'requested' }]);
    expect(project(game.scenario, game.state, { role: 'team', team: 'fra' }).actors!.platforms[0]!.requests).toEqual([]);
    expect(project(game.scenario, game.state, { role: 'observer' }).actors!.platforms[0]!.requests).toHaveLength(1);
  });
});
