/**
 * Media and public opinion (scenario.publicOpinion): a statement holds what
 * the news cycle leaves of the public's attention, further when joint;
 * silence while a leak dominates the news costs trust; a claim later
 * contradicted costs trust; trust moves the domestic pressure (and so the
 * price of contentious steps) and the adversary's reach; every statement's
 * score says how far it carried; the team sees its public and why it moved.
 * Played through commands on a variant of the rich fixture: "A leak site
 * goes live" (round 1) takes 0.8 of the news cycle and concerns usa's public.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, project, stateHash } from '../../src/engine/index';
import { draftCost } from '../../src/engine/rules/decisions';
import { domesticPressureOf } from '../../src/engine/rules/publicOpinion';
import type { CommandBody } from '../../src/engine/types';
import { readFileSync } from 'node:fs';
import { historyPolicy } from '../../src/engine/bots/history';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { parseHistory } from '../../src/engine/scenario/history';
import { FAC, Game, loadFile, team, variantOf } from './support';

const USA = team('usa');
const FRA = team('fra');

function opinionScenario(edit: (section: Record<string, any>) => void = () => {}) {
  return variantOf('test/fixtures/engine-rich.json', (json) => {
    const section: Record<string, any> = {
      publics: [
        { team: 'usa', trust: 50 },
        { team: 'fra', trust: 50 },
        { team: 'deu', trust: 50 },
      ],
      newsCycle: [{ inject: 'press', share: 0.8, leak: true, teams: ['usa'] }],
      jitter: 0,
      influence: { incidents: ['mail-hack'], harmPerRound: 1 },
    };
    edit(section);
    json.publicOpinion = section;
  });
}

const attribute: CommandBody = { type: 'draftDecision', draft: { action: 'attribute', incident: 'mail-hack', options: { statementOfReasons: true } } };

/** Round 1 with usa and fra at moderate confidence on the mail hack. */
function round1(scenario = opinionScenario(), seed?: string): Game {
  return new Game(scenario, seed).start().evidence('mail-hack', 'usa', 4).evidence('mail-hack', 'fra', 4);
}

function nextRound(game: Game): Game {
  game.ok(FAC, { type: 'advance' });
  return game;
}

const publicOf = (game: Game, id: string) => game.state.opinion!.publics[id]!;

describe('media and public opinion', () => {
  it('leaves scenarios without the section as they were', () => {
    const game = new Game(variantOf('test/fixtures/engine-rich.json', () => {})).start().evidence('mail-hack', 'usa', 4);
    game.ok(USA, attribute);
    game.lockAll();
    expect(game.state.opinion).toBeUndefined();
    expect(canonicalJson(game.state)).not.toContain('opinion');
    expect(game.state.decisions[0]!.proportionality.rules.map((r) => r.id)).not.toContain('news-cycle');
    expect(project(game.scenario, game.state, { role: 'team', team: 'usa' }).actors).toBeNull();
  });

  it('a statement made into a crowded news cycle holds little of the public\'s attention, and says why', () => {
    const game = round1();
    game.ok(USA, attribute);
    game.lockAll();
    const usa = publicOf(game, 'usa');
    expect(usa.attention).toBe(20);
    expect(usa.trust).toBe(52);
    expect(usa.why).toEqual(['Your statement held 20 of 100 of the public\'s attention: "A leak site goes live" occupied the news cycle; trust +2.']);
    // The same statement in a quiet round holds all of it.
    const quiet = round1(opinionScenario((s) => (s.newsCycle = [])));
    quiet.ok(USA, attribute);
    quiet.lockAll();
    expect(publicOf(quiet, 'usa')).toMatchObject({ attention: 100, trust: 58 });
  });

  it("explains the statement's reach in its score, without scoring it", () => {
    const game = round1();
    game.ok(USA, attribute);
    const before = round1();
    before.ok(USA, attribute);
    game.lockAll();
    const decision = game.state.decisions[0]!;
    const rule = decision.proportionality.rules.find((r) => r.id === 'news-cycle')!;
    expect(rule.effect).toBe('explained, not scored');
    expect(rule.why).toContain('held 20 of 100');
    // The score's value is what it would be without a public.
    const plain = new Game(variantOf('test/fixtures/engine-rich.json', () => {})).start().evidence('mail-hack', 'usa', 4).evidence('mail-hack', 'fra', 4);
    plain.ok(USA, attribute);
    plain.lockAll();
    expect(decision.proportionality.value).toBe(plain.state.decisions[0]!.proportionality.value);
  });

  it('a joint statement carries further than a lone one', () => {
    const game = round1();
    game.ok(USA, { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack' } });
    const proposal = Object.keys(game.state.proposals)[0]!;
    game.ok(FRA, { type: 'respondJoint', proposal, join: true });
    game.lockAll();
    expect(game.state.decisions.every((d) => d.effective)).toBe(true);
    expect(publicOf(game, 'usa').attention).toBe(30);
    expect(publicOf(game, 'usa').why[0]).toContain('spoken jointly it carried further than a lone statement');
    // fra's public is not concerned by the leak: its statement still competes with it.
    expect(publicOf(game, 'fra').attention).toBe(30);
  });

  it('silence while a leak dominates the news costs trust, only for the public it concerns', () => {
    const game = round1();
    game.lockAll();
    expect(publicOf(game, 'usa')).toEqual({
      trust: 45,
      attention: 0,
      why: ['You said nothing in public while "A leak site goes live" dominated the news; trust -5.'],
    });
    expect(publicOf(game, 'fra')).toEqual({ trust: 50, attention: 0, why: [] });
    expect(game.state.timeline.find((e) => e.text.startsWith('Your public:'))).toMatchObject({ audience: { teams: ['usa'] } });
  });

  it('a claim later contradicted by evidence costs trust, once', () => {
    const game = round1(opinionScenario((s) => (s.newsCycle = [])));
    game.ok(USA, attribute);
    game.lockAll();
    expect(publicOf(game, 'usa').trust).toBe(58);
    nextRound(game);
    game.ok(USA, { type: 'draftDecision', draft: { action: 'retract', incident: 'mail-hack' } });
    game.lockAll();
    expect(publicOf(game, 'usa').trust).toBe(43);
    expect(publicOf(game, 'usa').why).toEqual(['Your public attribution of "Party mail hack" in round 1 was retracted; trust -15.']);
    nextRound(game).lockAll();
    expect(publicOf(game, 'usa').trust).toBe(43);
  });

  it('falling trust raises the domestic pressure, and so the price of contentious steps', () => {
    const scenario = opinionScenario();
    const game = round1(scenario);
    const expel = scenario.actions.find((a) => a.id === 'expel-diplomats')!;
    const base = scenario.teams.find((t) => t.id === 'fra')!.domesticPressure;
    expect(domesticPressureOf(scenario, game.state, 'fra')).toBe(base);
    const calm = draftCost(scenario, game.state, 'fra', expel, 'mail-hack', {});
    game.edit((state) => (state.opinion!.publics.fra!.trust = 20));
    expect(domesticPressureOf(scenario, game.state, 'fra')).toBe(Math.min(1, base + 0.3));
    const angry = draftCost(scenario, game.state, 'fra', expel, 'mail-hack', {});
    expect(angry.capital).toBe(calm.capital + 1);
    expect(angry.extras.join(' ')).toContain('2 for expulsions');
    game.edit((state) => (state.opinion!.publics.fra!.trust = 100));
    expect(domesticPressureOf(scenario, game.state, 'fra')).toBe(Math.max(0, base - 0.5));
  });

  it("distrust widens the adversary's reach, which adds harm each round", () => {
    const game = round1();
    game.lockAll();
    // Mean trust (45 + 50 + 50) / 3: reach 52; harm grows by 0.52 at harmPerRound 1.
    expect(game.state.opinion!.reach['mail-hack']).toBe(52);
    const plain = round1(opinionScenario((s) => delete s.influence));
    plain.lockAll();
    expect(game.state.incidents['mail-hack']!.harm).toBeCloseTo(plain.state.incidents['mail-hack']!.harm + 0.52, 5);
  });

  it('varies attention by seeded chance only: the same seed gives the same public', () => {
    const scenario = opinionScenario((s) => (s.jitter = 0.2));
    const play = (seed: string) => {
      const game = round1(scenario, seed);
      game.ok(USA, attribute);
      return game.lockAll();
    };
    const attentions = ['a', 'b', 'c', 'd', 'e'].map((seed) => publicOf(play(seed), 'usa').attention);
    for (const a of attentions) expect(a).toBeGreaterThanOrEqual(16), expect(a).toBeLessThanOrEqual(24);
    expect(new Set(attentions).size).toBeGreaterThan(1);
    expect(stateHash(play('a').state)).toBe(stateHash(play('a').state));
  });

  it('shows a team its own public, with why it moved, and no other government\'s before the debrief', () => {
    const game = round1();
    game.ok(USA, attribute);
    game.lockAll();
    const usaView = project(game.scenario, game.state, { role: 'team', team: 'usa' }).actors!;
    expect(usaView.publics).toEqual([
      { team: 'usa', name: game.scenario.teams[0]!.name, trust: 52, attention: 20, pressure: 0.48, why: publicOf(game, 'usa').why },
    ]);
    expect(usaView.reach).toEqual([{ incident: 'mail-hack', name: 'Party mail hack', value: 49 }]);
    expect(project(game.scenario, game.state, { role: 'facilitator' }).actors!.publics.map((p) => p.team)).toEqual(['usa', 'fra', 'deu']);
    expect(project(game.scenario, game.state, { role: 'redCell' }).actors!.publics).toEqual([]);
  });

  it('us-2016: the statement of 7 October 2016, made as the recording and the Podesta e-mails took the news, holds little of the public\'s attention', () => {
    const scenario = loadFile('scenarios/us-2016.json');
    const parsed = parseHistory(JSON.parse(readFileSync(new URL('../../scenarios/us-2016.history.json', import.meta.url), 'utf8')), scenario);
    if (!parsed.ok) throw new Error('the us-2016 history track does not parse');
    const policies = resolvePolicies(scenario, ['history'], { history: historyPolicy(parsed.track) });
    for (const seed of ['oct-1', 'oct-2', 'oct-3']) {
      const run = simulateExercise(scenario, seed, policies);
      const round4 = run.state.timeline.find((e) => e.round === 4 && e.text.startsWith('Your public: Your statement held'));
      expect(round4, seed).toBeDefined();
      expect(round4!.text).toContain('"A recording of the candidate dominates the news" and "WikiLeaks begins the campaign chairman\'s e-mails" occupied the news cycle');
      const attention = Number(/held (\d+) of 100/.exec(round4!.text)![1]);
      expect(attention).toBeGreaterThanOrEqual(18);
      expect(attention).toBeLessThanOrEqual(22);
      // In round 2 the United States said nothing while the convention e-mails dominated the news.
      expect(run.state.timeline.some((e) => e.round === 2 && e.text.includes('You said nothing in public while'))).toBe(true);
    }
  });
});
