/**
 * Joint investigation and prosecution, through real commands on a variant of
 * the rich fixture: the jurisdictional nexus, requests for legal assistance
 * granted, delayed or refused, the joint case file, arrest on travel, the
 * adversary's refusal to prosecute or extradite, and determinism.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createExercise, loadScenarioText } from '../../src/engine/index';
import { formatProblem } from '../../src/engine/scenario/problems';
import { previewDecision } from '../../src/engine/scoring/decision';
import { regionState } from '../../src/engine/machines/chart';
import { caseStage, evidenceOf } from '../../src/engine/rules/readers';
import { canonicalJson } from '../../src/engine/hash';
import { FAC, Game, team, variantOf } from './support';

const RICH = 'test/fixtures/engine-rich.json';

interface Tuning {
  grantChance?: number;
  delayRounds?: number;
  travelChance?: number;
  fraNexus?: boolean;
}

function prosecutionScenario(tuning: Tuning = {}) {
  return variantOf(RICH, (json) => {
    json.incidents[0].injured = ['usa'];
    json.prosecution = {
      jurisdictions: tuning.fraNexus ? [{ team: 'fra', incidents: ['mail-hack'], basis: 'servers in Marseille', sources: ['s1'] }] : [],
      mla: {
        grantChance: tuning.grantChance ?? 1,
        delayRounds: tuning.delayRounds ?? 0,
        evidence: 2,
        states: [
          { id: 'northland', name: 'Northland', adversary: true },
          { id: 'nld', name: 'the Netherlands' },
        ],
      },
      extradition: { travelChance: tuning.travelChance ?? 0, evidence: 2, onArrest: [{ indicator: 'alliance-resolve', add: 4 }] },
      safeHarbour: { evidence: 1, onRefusal: [{ indicator: 'alliance-resolve', add: 2 }], sources: ['s1'] },
    };
    const indict = json.actions.find((a: { id: string }) => a.id === 'indict');
    indict.prosecution = 'indict';
    const legal = { category: 'legal', rung: 1, reversibility: 1, spillover: 'none', responseType: 'criminal' };
    json.actions.push(
      { ...legal, id: 'join-jit', name: 'Join the joint investigation team', severity: 1, minConfidence: 'none', joinable: true, prosecution: 'joinJit' },
      { ...legal, id: 'mla-north', name: 'Ask Northland for assistance', severity: 0, minConfidence: 'none', prosecution: 'requestMla', requestedState: 'northland' },
      { ...legal, id: 'mla-nld', name: 'Ask the Netherlands for assistance', severity: 0, minConfidence: 'none', prosecution: 'requestMla', requestedState: 'nld' },
      { ...legal, id: 'warrant', name: 'Obtain an arrest warrant', severity: 2, rung: 4, minConfidence: 'high', legalBasis: 'criminal-law', prosecution: 'arrestWarrant' },
      { ...legal, id: 'demand', name: 'Demand prosecution or extradition', category: 'diplomatic', severity: 2, rung: 2, minConfidence: 'high', responseType: 'retorsion', prosecution: 'demandProsecution' },
    );
    // No chance moves: what the case does is what is measured.
    json.adversary.moves = json.adversary.moves.filter((m: { id: string }) => m.id === 'retaliate');
    json.injects = json.injects.filter((i: { id: string }) => i.id !== 'fallout');
  });
}

const draft = (action: string, incident?: string, options = {}) => ({ type: 'draftDecision' as const, draft: { action, ...(incident ? { incident } : {}), options, rationale: 'test' } });

function nextRound(game: Game): void {
  game.lockAll();
  game.ok(FAC, { type: 'advance' });
}

describe('the jurisdictional nexus', () => {
  it('refuses an indictment by a government whose courts have no nexus, before any question of evidence', () => {
    const game = new Game(prosecutionScenario()).start();
    const message = game.reject(team('fra'), draft('indict', 'mail-hack'), 'NO_JURISDICTION');
    expect(message).toContain('have no jurisdiction over');
    expect(message).toContain('United States');
    game.evidence('mail-hack', 'fra', 8);
    game.reject(team('fra'), draft('indict', 'mail-hack'), 'NO_JURISDICTION');
    game.evidence('mail-hack', 'usa', 8);
    game.ok(team('usa'), draft('indict', 'mail-hack'));
  });

  it('gives a nexus to a government the scenario’s jurisdictions name', () => {
    const game = new Game(prosecutionScenario({ fraNexus: true })).start().evidence('mail-hack', 'fra', 8);
    game.ok(team('fra'), draft('indict', 'mail-hack'));
    game.lockAll();
    expect(caseStage(game.state, 'mail-hack')).toBe('charged');
    expect(game.state.cases!['mail-hack']!.charged).toEqual(['fra']);
  });
});

describe('mutual legal assistance', () => {
  it('is refused by the adversary', () => {
    const game = new Game(prosecutionScenario()).start();
    game.ok(team('usa'), draft('mla-north', 'mail-hack'));
    game.lockAll();
    const request = Object.values(game.state.mla!)[0]!;
    expect(regionState(request.chart)).toBe('refused');
    expect(game.state.timeline.some((e) => e.text.includes('Northland refuses the request') && typeof e.audience === 'object')).toBe(true);
  });

  it('is delayed, then granted: its records add evidence', () => {
    const game = new Game(prosecutionScenario({ delayRounds: 1 })).start();
    const before = evidenceOf(game.state, 'mail-hack', 'usa');
    game.ok(team('usa'), draft('mla-nld', 'mail-hack'));
    nextRound(game);
    const request = () => Object.values(game.state.mla!)[0]!;
    expect(regionState(request().chart)).toBe('requested');
    game.reject(team('usa'), draft('mla-nld', 'mail-hack'), 'ALREADY_TAKEN');
    game.lockAll();
    expect(regionState(request().chart)).toBe('granted');
    expect(evidenceOf(game.state, 'mail-hack', 'usa')).toBe(before + 2);
  });

  it('is refused by a state that will not grant it', () => {
    const game = new Game(prosecutionScenario({ grantChance: 0 })).start();
    const before = evidenceOf(game.state, 'mail-hack', 'usa');
    game.ok(team('usa'), draft('mla-nld', 'mail-hack'));
    game.lockAll();
    expect(regionState(Object.values(game.state.mla!)[0]!.chart)).toBe('refused');
    expect(evidenceOf(game.state, 'mail-hack', 'usa')).toBe(before);
  });
});

describe('the joint investigation team', () => {
  it('pools its members’ evidence in one case file, counts as acting together, and substantiates reasons', () => {
    const scenario = prosecutionScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 7).evidence('mail-hack', 'fra', 1);
    const indictment = { action: 'indict', incident: 'mail-hack', options: { statementOfReasons: true } };
    const procedure = () => {
      const preview = previewDecision(scenario, game.state, 'usa', indictment);
      if (!preview.ok) throw new Error(preview.message);
      return preview.score.components.find((c) => c.id === 'procedure')!.value;
    };
    const alone = procedure();
    game.ok(team('usa'), { type: 'proposeJoint', draft: { action: 'join-jit', incident: 'mail-hack', options: {}, rationale: 'one case' } });
    const proposal = Object.keys(game.state.proposals)[0]!;
    game.ok(team('fra'), { type: 'respondJoint', proposal, join: true });
    game.lockAll();
    const kase = game.state.cases!['mail-hack']!;
    expect(kase.jit).toEqual(['usa', 'fra']);
    expect(kase.file).toBe(7);
    // A prosecutor's file: France's own attribution stays where its own evidence puts it.
    expect(evidenceOf(game.state, 'mail-hack', 'fra')).toBe(1);
    expect(caseStage(game.state, 'mail-hack')).toBe('investigating');
    const jointness = game.state.rounds.at(-1)!.cohesion.components.find((c) => c.id === 'jointness')!;
    expect(jointness.weight).toBeGreaterThan(0);
    expect(jointness.value).toBe(1);
    game.ok(FAC, { type: 'advance' });
    expect(procedure()).toBeGreaterThan(alone);
  });
});

describe('warrants, travel and safe harbour', () => {
  it('arrests an indicted officer under a warrant who travels', () => {
    const scenario = prosecutionScenario({ travelChance: 1 });
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 8);
    game.reject(team('usa'), draft('warrant', 'mail-hack'), 'NOT_AVAILABLE');
    game.ok(team('usa'), draft('indict', 'mail-hack'));
    nextRound(game);
    expect(caseStage(game.state, 'mail-hack')).toBe('charged');
    game.ok(team('usa'), draft('warrant', 'mail-hack'));
    const resolve = game.state.indicators['alliance-resolve']!;
    game.lockAll();
    expect(caseStage(game.state, 'mail-hack')).toBe('arrested');
    expect(game.state.cases!['mail-hack']!.arrestedRound).toBe(2);
    expect(game.state.indicators['alliance-resolve']).toBe(resolve + 4);
    expect(game.state.rounds.at(-1)!.headlines.some((h) => h.includes('arrested abroad on the warrant of United States'))).toBe(true);
  });

  it('records the adversary’s refusal to prosecute or extradite: the indicted are sheltered, and every government gains evidence', () => {
    const scenario = prosecutionScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 8);
    game.reject(team('usa'), draft('demand', 'mail-hack'), 'NOT_AVAILABLE');
    game.ok(team('usa'), draft('indict', 'mail-hack'));
    nextRound(game);
    const before = scenario.teams.map((t) => evidenceOf(game.state, 'mail-hack', t.id));
    game.ok(team('usa'), draft('demand', 'mail-hack'));
    game.lockAll();
    expect(caseStage(game.state, 'mail-hack')).toBe('fugitive');
    expect(game.state.cases!['mail-hack']!.refused).toBe(true);
    expect(scenario.teams.map((t) => evidenceOf(game.state, 'mail-hack', t.id))).toEqual(before.map((e) => e + 1));
    expect(game.state.injects.delivered.at(-1)!.body).toContain('refuses to prosecute or extradite');
    game.ok(FAC, { type: 'advance' });
    expect(game.reject(team('usa'), draft('demand', 'mail-hack'), 'ALREADY_TAKEN')).toContain('already refused');
  });
});

describe('determinism and absence', () => {
  it('gives the same state for the same commands, and leaves scenarios without the section untouched', () => {
    const play = () => {
      const game = new Game(prosecutionScenario({ grantChance: 0.5, travelChance: 0.5 })).start().evidence('mail-hack', 'usa', 8);
      game.ok(team('usa'), draft('indict', 'mail-hack'));
      game.ok(team('usa'), draft('mla-nld', 'mail-hack'));
      nextRound(game);
      game.ok(team('usa'), draft('warrant', 'mail-hack'));
      nextRound(game);
      game.lockAll();
      return canonicalJson(game.state);
    };
    expect(play()).toBe(play());
    const plain = createExercise(variantOf(RICH, () => {}), 'seed');
    expect('cases' in plain).toBe(false);
    expect('mla' in plain).toBe(false);
  });
});

describe('the validator on prosecution', () => {
  const minimal = 'test/fixtures/minimal.json';
  const problems = (edit: (json: Record<string, any>) => void) => {
    const json = JSON.parse(readFileSync(new URL(`../../${minimal}`, import.meta.url), 'utf8'));
    edit(json);
    const result = loadScenarioText(JSON.stringify(json), minimal);
    return result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem);
  };
  const step = (extra: Record<string, unknown>) => ({
    id: 'step', name: 'Step', category: 'legal', severity: 1, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'criminal', ...extra,
  });

  it('needs the section for a step of a criminal case', () => {
    const found = problems((json) => json.actions.push(step({ prosecution: 'indict' })));
    expect(found.join('\n')).toContain('action "step" takes a step of a criminal case ("indict"), but the scenario has no prosecution section');
  });

  it('names the requested state, and suggests those listed', () => {
    const found = problems((json) => {
      json.prosecution = { mla: { states: [{ id: 'russia', name: 'Russia', adversary: true }] } };
      json.actions.push(step({ prosecution: 'requestMla', requestedState: 'rusia' }));
    });
    expect(found.join('\n')).toContain('action "step" asks "rusia" for legal assistance, which is not among prosecution.mla.states ("russia")');
  });

  it('wants an incident, and a request that names a state', () => {
    const found = problems((json) => {
      json.prosecution = {};
      json.actions.push(step({ prosecution: 'requestMla', targetsIncident: false }));
    });
    const text = found.join('\n');
    expect(text).toContain('so it must target one (targetsIncident cannot be false)');
    expect(text).toContain('requests legal assistance but names no requestedState');
  });

  it('checks the teams and incidents of jurisdictions', () => {
    const found = problems((json) => {
      json.prosecution = { jurisdictions: [{ team: 'nobody', incidents: ['nothing'] }] };
    });
    const text = found.join('\n');
    expect(text).toMatch(/nobody/);
    expect(text).toMatch(/nothing/);
  });
});
