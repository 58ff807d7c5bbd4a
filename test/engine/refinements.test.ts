/**
 * Rules that settle how allies act together and how talks end: merged joint
 * proposals, abstaining bots, verification of cessation, relapse, the red
 * cell's move that no longer fits, the hot wash, and what allies may read in
 * each other's scores.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioText, project } from '../../src/engine/index';
import { regionState } from '../../src/engine/machines/chart';
import { explanationsFor } from '../../src/engine/view/explain';
import type { Viewer } from '../../src/engine/view/types';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { FAC, Game, RED, richScenario, team, variantOf } from './support';

const scenario = richScenario();
const USA = team('usa');
const FRA = team('fra');

describe('acting together', () => {
  it('a second proposal of the same measure joins the first instead of splitting the coalition', () => {
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 5).evidence('mail-hack', 'fra', 5);
    game.ok(FRA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    game.ok(USA, { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', rationale: 'together' } });
    game.ok(FRA, { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', rationale: 'us too' } });
    const proposals = Object.values(game.state.proposals);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.responses.fra).toEqual({ join: true, rationale: 'us too' });
    game.lockAll();
    expect(regionState(game.state.attribution['mail-hack']!.coalition)).toBe('jointlyAttributed');
  });

  it('gives no vote on a measure to a government that has no instrument for it (unable is not unwilling)', () => {
    const vote = (availableTo?: string[]) => {
      const variant = variantOf('test/fixtures/engine-rich.json', (json) => {
        if (availableTo) json.actions.find((a: { id: string }) => a.id === 'joint-attribution').availableTo = availableTo;
      });
      const game = new Game(variant).start().evidence('mail-hack', 'usa', 5).evidence('mail-hack', 'fra', 5);
      game.ok(USA, { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', rationale: 'together' } });
      game.ok(FRA, { type: 'respondJoint', proposal: Object.keys(game.state.proposals)[0]!, join: true });
      game.lockAll();
      return game.state.rounds.at(-1)!.cohesion.components.find((c) => c.id === 'agreement')!;
    };
    // Open to Germany too, which says nothing: it abstains, and the vote is split (2 yes, 1 abstain).
    expect(vote().value).toBe(0.5);
    expect(vote().why).toContain('(2 yes, 0 no, 1 abstain)');
    // Open only to the two that voted: Germany has no vote, and the vote is unanimous.
    expect(vote(['usa', 'fra']).value).toBe(1);
  });

  it('bots that cannot join abstain rather than decline, so they never veto by accident', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const run = simulateExercise(scenario, seed, resolvePolicies(scenario, ['coalition-follower']));
      const vetoes = run.state.rounds.flatMap((r) => r.cohesion.rules).filter((rule) => /veto/i.test(rule.why));
      expect(vetoes, seed).toEqual([]);
    }
  });
});

describe('public attribution', () => {
  it('needs moderate confidence even when the action asks for less, as the attribution chart does', () => {
    const lenient = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.actions.find((a: { id: string }) => a.id === 'attribute').minConfidence = 'low';
    });
    const game = new Game(lenient).start().evidence('mail-hack', 'fra', 2);
    const message = game.reject(FRA, { type: 'draftDecision', draft: { action: 'attribute', incident: 'mail-hack' } }, 'INSUFFICIENT_CONFIDENCE');
    expect(message).toMatch(/needs at least moderate attribution confidence; yours on .* is low\./);
  });
});

describe('de-escalation', () => {
  // No chance of deterrence: the adversary's posture holds unless a rule moves it.
  const undeterrable = variantOf('test/fixtures/engine-rich.json', (json) => {
    json.adversary.tuning = { ...json.adversary.tuning, baseDeterrence: 0, deterrencePerCohesion: 0, deterrencePerFit: 0, deterrencePerJointness: 0 };
  });
  const talking = (verifyRounds: number) =>
    new Game(undeterrable).start().edit((state) => {
      state.deEscalation = { value: 'talks', context: { quietRounds: 5, verifyRounds } };
    });

  it('counts quiet rounds for verification only from the moment conditions are set', () => {
    const game = talking(2);
    game.ok(USA, { type: 'draftDecision', draft: { action: 'set-conditions' } });
    game.lockAll();
    // Five quiet rounds before the conditions do not count: one quiet round since is not yet two.
    expect(regionState(game.state.deEscalation)).toBe('conditional');
    game.ok(FAC, { type: 'advance' });
    // A second round without a harmful move: the red cell holds back.
    game.ok(RED, { type: 'chooseAdversaryMove', move: null });
    game.lockAll();
    expect(regionState(game.state.deEscalation)).toBe('rollback');
  });

  it('a harmful move during talks is a violation: relapse, and the adversary escalates', () => {
    const game = new Game(undeterrable).start().lockAll();
    game.ok(FAC, { type: 'advance' });
    game.edit((state) => {
      state.deEscalation = { value: 'talks', context: { quietRounds: 0, verifyRounds: 1 } };
    });
    game.ok(FAC, { type: 'overridePosture', posture: 'emboldened', reason: 'test' });
    game.ok(RED, { type: 'chooseAdversaryMove', move: 'dump-documents' });
    game.lockAll();
    expect(game.state.rounds[1]!.adversaryMoves.map((m) => m.move)).toEqual(['dump-documents']);
    expect(regionState(game.state.deEscalation)).toBe('relapse');
    expect(regionState(game.state.adversary, 'posture')).toBe('titForTat');
    expect(game.state.timeline.some((t) => /breaks the terms of the talks/.test(t.text))).toBe(true);
  });
});

describe('the red cell and the facilitator', () => {
  it("logs for the facilitator when the red cell's move no longer fits after the adversary's reaction", () => {
    const game = new Game(scenario).start();
    game.ok(FAC, { type: 'overridePosture', posture: 'titForTat', reason: 'test' });
    game.ok(RED, { type: 'chooseAdversaryMove', move: 'retaliate' });
    // Nothing provokes it this round, so tit-for-tat ends and the retaliation no longer fits.
    game.lockAll();
    if (game.state.rounds[0]!.postureAfter !== 'titForTat') {
      expect(game.state.rounds[0]!.adversaryMoves).toEqual([]);
      const entry = game.state.timeline.find((t) => /no longer fitted/.test(t.text));
      expect(entry?.audience).toBe('facilitator');
    }
  });

  it('may still correct a score in the hot wash after the end', () => {
    const game = new Game(scenario).start();
    game.ok(USA, { type: 'draftDecision', draft: { action: 'resilience' } });
    game.lockAll();
    game.ok(FAC, { type: 'endExercise', reason: 'time' });
    expect(game.state.phase).toBe('debrief');
    const decision = game.state.decisions[0]!;
    game.ok(FAC, { type: 'overrideScore', decision: decision.id, proportionality: 55, reason: 'discussed in the hot wash' });
    expect(game.state.decisions[0]!.overridden).toEqual({ value: 55, reason: 'discussed in the hot wash' });
    game.reject(FAC, { type: 'advance' }, 'EXERCISE_OVER');
  });
});

describe("an ally's score", () => {
  it("keeps its reasons but not the sentence that states that government's confidence, until the debrief", () => {
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 5);
    game.ok(USA, { type: 'draftDecision', draft: { action: 'attribute', incident: 'mail-hack' } });
    game.lockAll();
    // The score as the viewer's view refers to it, and its explanation as that viewer may fetch it.
    const explained = (viewer: Viewer) => {
      const decision = project(scenario, game.state, viewer).decisions.find((d) => d.action === 'attribute')!;
      const ref = decision.proportionality.explanation!;
      return { value: decision.proportionality.value, ref, score: explanationsFor(scenario, game.state, viewer, [ref]).explanations[ref]! };
    };
    const component = (score: { components: { id: string; why: string }[] }, id: string) => score.components.find((c) => c.id === id)!.why;
    const mine = explained({ role: 'team', team: 'usa' });
    const theirs = explained({ role: 'team', team: 'fra' });
    expect(component(mine.score, 'evidence')).toMatch(/moderate/);
    expect(component(theirs.score, 'evidence')).not.toMatch(/low|moderate|high/);
    expect(theirs.value).toBe(mine.value);
    expect(component(theirs.score, 'fit')).toBe(component(mine.score, 'fit'));
    // The ally's reference names the partial explanation: the whole one is not its to fetch before the debrief.
    expect(theirs.ref).not.toBe(mine.ref);
    expect(explanationsFor(scenario, game.state, { role: 'team', team: 'fra' }, [mine.ref])).toEqual({ explanations: {}, reportCards: {}, unknown: [mine.ref] });
    game.ok(FAC, { type: 'endExercise', reason: 'debrief' });
    const atDebrief = explained({ role: 'team', team: 'fra' });
    expect(atDebrief.ref).toBe(mine.ref);
    expect(component(atDebrief.score, 'evidence')).toBe(component(mine.score, 'evidence'));
  });
});

describe("a scenario's own ladder", () => {
  const shortLadder = variantOf('test/fixtures/engine-rich.json', (json) => {
    json.escalation = { ...(json.escalation ?? {}), ladder: [0, 1, 2, 3, 4].map((level) => ({ level, label: `Rung ${level}` })) };
  });

  it('bounds overrides and retaliation at its top rung', () => {
    const game = new Game(shortLadder).start();
    expect(game.reject(FAC, { type: 'overrideEscalation', level: 5, reason: 'test' }, 'INVALID_ARGUMENT')).toBe('The escalation ladder runs from 0 to 4.');
    game.ok(FAC, { type: 'overrideEscalation', level: 4, reason: 'test' });
    game.ok(FAC, { type: 'overridePosture', posture: 'titForTat', reason: 'test' });
    game.ok(RED, { type: 'chooseAdversaryMove', move: 'retaliate' });
    game.evidence('mail-hack', 'usa', 5);
    game.ok(USA, { type: 'draftDecision', draft: { action: 'expel-diplomats', incident: 'mail-hack' } });
    game.lockAll();
    expect(game.state.rounds[0]!.postureAfter).toBe('titForTat');
    expect(game.state.rounds[0]!.escalationAfter).toBe(4);
  });

  it("shows the facilitator the adversary's moves by name, and which fit now", () => {
    const game = new Game(scenario).start();
    const moves = project(scenario, game.state, { role: 'facilitator' }).facilitator!.adversaryMoves;
    expect(moves.map((m) => m.id)).toEqual(['dump-documents', 'quiet-recon', 'retaliate', 'deny']);
    expect(moves.find((m) => m.id === 'retaliate')).toMatchObject({ name: 'Retaliate in kind', eligible: false });
    expect(moves.find((m) => m.id === 'quiet-recon')!.eligible).toBe(true);
  });
});

describe('a catalogue of legal bases', () => {
  const withCatalogue = (edit: (json: Record<string, any>) => void = () => {}) => {
    const json = JSON.parse(readFileSync('test/fixtures/engine-rich.json', 'utf8'));
    json.legalBases = [{ id: 'vcdr-art9', name: 'Vienna Convention on Diplomatic Relations, Art. 9' }];
    for (const action of json.actions) action.legalBasis = action.id === 'expel-diplomats' ? 'vcdr-art9' : '';
    for (const t of json.teams) t.legalBases = ['vcdr-art9'];
    edit(json);
    return loadScenarioText(JSON.stringify(json, null, 2), 'catalogue.json');
  };

  it('shows players the names, not the ids', () => {
    const loaded = withCatalogue();
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const game = new Game(loaded.scenario).start();
    const view = project(loaded.scenario, game.state, { role: 'team', team: 'usa' });
    expect(view.actions.find((a) => a.id === 'expel-diplomats')!.legalBasis).toBe('Vienna Convention on Diplomatic Relations, Art. 9');
    expect(view.me!.legalBases).toEqual(['Vienna Convention on Diplomatic Relations, Art. 9']);
  });

  it('refuses a reference to a legal basis it does not declare', () => {
    const loaded = withCatalogue((json) => {
      json.actions.find((a: { id: string }) => a.id === 'indict').legalBasis = 'criminal-law';
    });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.message)).toContain('unknown legal basis "criminal-law" (known: vcdr-art9)');
  });
});

describe('the coalition links on the map', () => {
  it('compare what allies did in the open, and never reveal their investigations', () => {
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 5).evidence('mail-hack', 'fra', 5);
    // Both investigate the same incident (secret); only the United States also attributes publicly.
    game.ok(USA, { type: 'draftDecision', draft: { action: 'investigate', incident: 'mail-hack' } });
    game.ok(FRA, { type: 'draftDecision', draft: { action: 'investigate', incident: 'mail-hack' } });
    game.ok(USA, { type: 'draftDecision', draft: { action: 'attribute', incident: 'mail-hack' } });
    game.lockAll();
    const links = game.state.rounds[0]!.links;
    expect(links.map((l) => `${l.a}-${l.b}`)).toEqual(['usa-fra', 'usa-deu', 'fra-deu']);
    const link = (a: string, b: string) => links.find((l) => l.a === a && l.b === b)!;
    // France and Germany did nothing in the open: alike, though France investigated.
    expect(link('fra', 'deu')).toEqual({ a: 'fra', b: 'deu', alignment: 1, joint: false });
    // Two investigations of the same incident are not shown as acting together.
    expect(link('usa', 'fra').joint).toBe(false);
    expect(link('usa', 'fra').alignment).toBeLessThan(1);
  });
});
