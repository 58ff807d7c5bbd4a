/**
 * Verification bodies and dispute settlement, through real commands on a
 * variant of the rich fixture: referrals and their findings, offers of
 * mediation and arbitration either way, the tribunal's suspension of
 * countermeasures and its end in bad faith, the award; and, on the shipped
 * election-2029, the Federation's offer of mediation once it is named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/engine/index';
import { formatProblem } from '../../src/engine/scenario/problems';
import { previewDecision } from '../../src/engine/scoring/decision';
import { regionState } from '../../src/engine/machines/chart';
import { createExercise } from '../../src/engine/index';
import { evidenceOf, tribunalSitting, verificationStage } from '../../src/engine/rules/readers';
import { FAC, Game, loadFile, richScenario, team, variantOf } from './support';

const RICH = 'test/fixtures/engine-rich.json';

interface Tuning {
  reliability?: number;
  acceptChance?: { mediation?: number; arbitration?: number };
  falseFlag?: boolean;
  adversaryOffer?: boolean;
}

function institutionsScenario(tuning: Tuning = {}) {
  return variantOf(RICH, (json) => {
    json.institutions = {
      verificationBodies: [
        {
          id: 'inquiry',
          name: 'Commission of inquiry',
          reportAfterRounds: 1,
          reliability: tuning.reliability ?? 1,
          sources: ['s1'],
          onConfirm: [{ indicator: 'alliance-resolve', add: 5 }],
        },
      ],
      disputeSettlement: {
        mediator: 'the OSCE Chairmanship',
        tribunal: 'an arbitral tribunal',
        acceptChance: { mediation: 1, arbitration: 1, ...tuning.acceptChance },
        mediationRounds: 2,
        awardAfterRounds: 2,
        sources: ['s1'],
      },
    };
    json.actions.push(
      { id: 'refer', name: 'Refer to the commission', category: 'investigate', severity: 0, rung: 1, reversibility: 1, minConfidence: 'low', spillover: 'none', responseType: 'domestic', verification: 'inquiry', cost: { capital: 1 } },
      { id: 'offer-mediation', name: 'Offer mediation', category: 'deEscalation', severity: 0, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', targetsIncident: false, dispute: 'offerMediation' },
      { id: 'offer-arbitration', name: 'Offer arbitration', category: 'deEscalation', severity: 0, rung: 1, reversibility: 1, minConfidence: 'low', spillover: 'none', responseType: 'domestic', dispute: 'offerArbitration' },
      { id: 'accept-offer', name: 'Accept the offer', category: 'deEscalation', severity: 0, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', targetsIncident: false, dispute: 'acceptOffer' },
    );
    if (tuning.falseFlag) json.incidents[0].falseFlag = { pointsTo: 'Southland' };
    if (tuning.adversaryOffer) {
      json.injects.push({ id: 'offer', title: 'Northland offers arbitration', body: 'Northland proposes to take the dispute to arbitration.', round: 2, audience: 'all', effects: [{ send: { chart: 'dispute', event: 'OFFER_ARBITRATION', incident: 'mail-hack' } }] });
    }
    // No chance moves in these tests, unless a test adds them: what the institutions do is what is measured.
    json.adversary.moves = json.adversary.moves.filter((m: { id: string }) => m.id === 'retaliate');
    // Without the dump, nothing publishes the leak, so the inject that waits for it could never fire.
    json.injects = json.injects.filter((i: { id: string }) => i.id !== 'fallout');
  });
}

const draft = (action: string, incident?: string, options = {}) => ({ type: 'draftDecision' as const, draft: { action, ...(incident ? { incident } : {}), options, rationale: 'test' } });

/** Resolves the round (every team locks) and opens the next. */
function nextRound(game: Game): void {
  game.lockAll();
  game.ok(FAC, { type: 'advance' });
}

describe('verification bodies', () => {
  it('confirm a state-executed intrusion: every government gains evidence and the report is public', () => {
    const scenario = institutionsScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 2);
    game.ok(team('usa'), draft('refer', 'mail-hack'));
    const before = scenario.teams.map((t) => evidenceOf(game.state, 'mail-hack', t.id));
    game.lockAll();
    expect(verificationStage(game.state, 'mail-hack')).toBe('confirmed');
    expect(scenario.teams.map((t) => evidenceOf(game.state, 'mail-hack', t.id))).toEqual(before.map((e) => e + 2));
    const report = game.state.injects.delivered.at(-1)!;
    expect(report.audience).toBe('all');
    expect(report.body).toContain('confirms the attribution');
    expect(game.state.indicators['alliance-resolve']).toBe(scenario.indicators.find((i) => i.id === 'alliance-resolve')!.initial + 5);
    expect(game.state.rounds.at(-1)!.headlines.some((h) => h.includes('Commission of inquiry confirms'))).toBe(true);
  });

  it('takes its rounds: no report before reportAfterRounds, and no second referral meanwhile', () => {
    const scenario = variantOf(RICH, (json) => {
      json.institutions = { verificationBodies: [{ id: 'inquiry', name: 'Commission', reportAfterRounds: 2 }] };
      json.actions.push({ id: 'refer', name: 'Refer', category: 'investigate', severity: 0, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', verification: 'inquiry' });
    });
    const game = new Game(scenario).start();
    game.ok(team('usa'), draft('refer', 'mail-hack'));
    game.lockAll();
    expect(verificationStage(game.state, 'mail-hack')).toBe('examining');
    game.ok(FAC, { type: 'advance' });
    expect(game.reject(team('fra'), draft('refer', 'mail-hack'), 'ALREADY_TAKEN')).toContain('already examining');
    game.lockAll();
    expect(['confirmed', 'qualified']).toContain(verificationStage(game.state, 'mail-hack'));
  });

  it('substantiates a statement of reasons once it confirms, as a case file does', () => {
    const scenario = institutionsScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 2).evidence('mail-hack', 'deu', 4);
    const listing = { action: 'eu-listing', incident: 'mail-hack', options: { statementOfReasons: true } };
    const procedure = () => {
      const preview = previewDecision(scenario, game.state, 'deu', listing);
      if (!preview.ok) throw new Error(preview.message);
      return preview.score.components.find((c) => c.id === 'procedure')!.value;
    };
    const unsubstantiated = procedure();
    game.ok(team('usa'), draft('refer', 'mail-hack'));
    game.lockAll();
    expect(procedure()).toBeGreaterThan(unsubstantiated);
  });

  it('qualifies an attribution of conduct the state only encouraged', () => {
    const scenario = institutionsScenario();
    const game = new Game(scenario).start();
    nextRound(game); // the scan comes to light in round 2
    game.evidence('scan', 'fra', 2);
    game.ok(team('fra'), draft('refer', 'scan'));
    game.lockAll();
    expect(verificationStage(game.state, 'scan')).toBe('qualified');
    expect(game.state.injects.delivered.at(-1)!.body).toContain('direction or control is not established');
  });

  it('contradicts a claim against the decoy of a false flag and exposes the planted trail', () => {
    const scenario = institutionsScenario({ falseFlag: true });
    const game = new Game(scenario).start().evidence('mail-hack', 'fra', 2);
    game.edit((state) => {
      const chart = state.attribution['mail-hack']!.national.fra!;
      state.attribution['mail-hack']!.national.fra = { ...chart, context: { ...chart.context, misled: true } };
    });
    game.ok(team('fra'), draft('refer', 'mail-hack'));
    game.lockAll();
    expect(verificationStage(game.state, 'mail-hack')).toBe('contradicted');
    expect(game.state.verifications!['v' + '1'] ?? Object.values(game.state.verifications!)[0]!).toMatchObject({ claim: 'Southland' });
    expect(game.state.attribution['mail-hack']!.national.fra!.context.misled).not.toBe(true);
    expect(game.state.injects.delivered.at(-1)!.body).toContain('planted');
  });

  it('without reliability, never reaches a firm finding', () => {
    const scenario = institutionsScenario({ reliability: 0 });
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 2);
    game.ok(team('usa'), draft('refer', 'mail-hack'));
    game.lockAll();
    expect(verificationStage(game.state, 'mail-hack')).toBe('qualified');
  });
});

describe('dispute settlement', () => {
  it('leaves the state of scenarios without institutions as it was', () => {
    const state = createExercise(richScenario(), 'seed');
    expect('dispute' in state).toBe(false);
    expect('verifications' in state).toBe(false);
  });

  it('mediation accepted opens talks through the mediator, and closes after its rounds', () => {
    const scenario = institutionsScenario();
    const game = new Game(scenario).start();
    game.ok(team('usa'), draft('offer-mediation'));
    game.reject(team('fra'), draft('accept-offer'), 'NOT_AVAILABLE');
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('mediation');
    expect(regionState(game.state.deEscalation)).toBe('talks');
    nextRound(game);
    expect(game.reject(team('fra'), draft('offer-mediation'), 'NOT_AVAILABLE')).toContain('under way');
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('mediated');
  });

  it('a refused offer leaves the door open for another', () => {
    const scenario = institutionsScenario({ acceptChance: { arbitration: 0 } });
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 2);
    game.ok(team('usa'), draft('offer-arbitration', 'mail-hack'));
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('refused');
    game.ok(FAC, { type: 'advance' });
    game.ok(team('fra'), draft('offer-mediation'));
  });

  it('suspends countermeasures while the tribunal is seized, and the award upholds a claim on a state-executed wrong', () => {
    const scenario = institutionsScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 7);
    const countermeasureRules = () => {
      const preview = previewDecision(scenario, game.state, 'usa', { action: 'hack-back', incident: 'mail-hack', options: { notice: true } });
      if (!preview.ok) throw new Error(preview.message);
      return preview.score.rules.map((r) => r.id);
    };
    expect(countermeasureRules()).not.toContain('countermeasure-tribunal');
    game.ok(team('usa'), draft('offer-arbitration', 'mail-hack'));
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('seized');
    expect(tribunalSitting(game.state)).toBe(true);
    game.ok(FAC, { type: 'advance' });
    expect(countermeasureRules()).toContain('countermeasure-tribunal');
    expect(game.reject(team('fra'), draft('offer-mediation'), 'NOT_AVAILABLE')).toContain('under way');
    const evidenceBefore = evidenceOf(game.state, 'mail-hack', 'fra');
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('awarded');
    expect(game.state.dispute!.context.award).toBe('upheld');
    expect(evidenceOf(game.state, 'mail-hack', 'fra')).toBe(evidenceBefore + 2);
    expect(tribunalSitting(game.state)).toBe(false);
  });

  it('a harmful act while the tribunal is seized is bad faith: the suspension ends', () => {
    const scenario = variantOf(RICH, (json) => {
      json.institutions = { disputeSettlement: { mediator: 'm', tribunal: 't', acceptChance: { arbitration: 1 }, awardAfterRounds: 3 } };
      json.actions.push({ id: 'offer-arbitration', name: 'Offer arbitration', category: 'deEscalation', severity: 0, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', targetsIncident: false, dispute: 'offerArbitration' });
      json.adversary.moves = [...json.adversary.moves.filter((m: { id: string }) => m.id === 'retaliate'), { id: 'strike', name: 'Strike', postures: ['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'], when: { state: 'dispute', in: ['seized'] }, effects: [{ harm: 'mail-hack', add: 1 }] }];
      json.injects = json.injects.filter((i: { id: string }) => i.id !== 'fallout');
    });
    const game = new Game(scenario).start();
    game.ok(team('usa'), draft('offer-arbitration'));
    game.lockAll();
    // The tribunal was seized after the adversary moved this round; next round's strike is in bad faith.
    expect(tribunalSitting(game.state)).toBe(true);
    nextRound(game);
    game.lockAll();
    expect(regionState(game.state.dispute!)).toBe('seized');
    expect(game.state.dispute!.context.goodFaith).toBe(false);
    expect(tribunalSitting(game.state)).toBe(false);
    expect(game.state.rounds.at(-1)!.headlines.some((h) => h.includes('Art. 52(4)'))).toBe(true);
  });

  it("the adversary's offer can be accepted next round, and lapses if it is not", () => {
    const accepted = new Game(institutionsScenario({ adversaryOffer: true })).start();
    accepted.reject(team('usa'), draft('accept-offer'), 'NOT_AVAILABLE');
    nextRound(accepted);
    expect(regionState(accepted.state.dispute!)).toBe('offered');
    accepted.ok(team('usa'), draft('accept-offer'));
    accepted.lockAll();
    expect(regionState(accepted.state.dispute!)).toBe('seized');
    expect(accepted.state.dispute!.context.incident).toBe('mail-hack');

    const ignored = new Game(institutionsScenario({ adversaryOffer: true })).start();
    nextRound(ignored);
    nextRound(ignored);
    expect(regionState(ignored.state.dispute!)).toBe('offered');
    ignored.lockAll();
    expect(regionState(ignored.state.dispute!)).toBe('refused');
  });

  it('in the shipped election-2029, the Federation proposes mediation in round 3 once it has been named, and a government may take it up', () => {
    const election = loadFile('scenarios/election-2029.json');
    const unnamed = new Game(election, 'offer').start();
    nextRound(unnamed);
    nextRound(unnamed);
    expect(unnamed.state.round).toBe(3);
    expect(regionState(unnamed.state.dispute!)).toBe('none');
    unnamed.reject(team('deu'), draft('accept-mediation'), 'NOT_AVAILABLE');

    const named = new Game(election, 'offer').start().evidence('clone-network', 'fra', 4);
    named.ok(team('fra'), draft('national-attribution', 'clone-network'));
    nextRound(named);
    expect(regionState(named.state.dispute!)).toBe('none');
    nextRound(named);
    expect(named.state.round).toBe(3);
    expect(regionState(named.state.dispute!)).toBe('offered');
    expect(named.state.dispute!.context.offeredBy).toBe('adversary');
    named.ok(team('deu'), draft('accept-mediation'));
    named.lockAll();
    expect(regionState(named.state.dispute!)).toBe('mediation');
    expect(regionState(named.state.deEscalation)).not.toBe('idle');
  });
});

describe('the validator on institutions', () => {
  const minimal = 'test/fixtures/minimal.json';
  const problems = (edit: (json: Record<string, any>) => void) => {
    const json = JSON.parse(readFileSync(new URL(`../../${minimal}`, import.meta.url), 'utf8'));
    edit(json);
    const result = loadScenarioText(JSON.stringify(json), minimal);
    return result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem);
  };
  const refer = (extra: Record<string, unknown> = {}) => ({
    id: 'refer', name: 'Refer', category: 'investigate', severity: 0, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', verification: 'inquiry', ...extra,
  });

  it('names the body an action refers to, and suggests the ones declared', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [{ id: 'inquiry', name: 'Inquiry', reportAfterRounds: 1 }] };
      json.actions.push(refer({ verification: 'enquiry' }));
    });
    expect(found.join('\n')).toContain('unknown verification body "enquiry" (known: inquiry)');
  });

  it('needs an incident for a referral, and dispute settlement for its steps, offers and conditions', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [{ id: 'inquiry', name: 'Inquiry', reportAfterRounds: 1 }] };
      json.actions.push(refer({ targetsIncident: false }));
      json.actions.push({ ...refer(), id: 'offer', verification: undefined, dispute: 'offerArbitration' });
      json.injects.push({ id: 'offer-inject', title: 'Offer', body: 'An offer.', round: 1, audience: 'all', effects: [{ send: { chart: 'dispute', event: 'OFFER_MEDIATION' } }] });
      json.endConditions = [{ id: 'seized', when: { state: 'dispute', in: ['seized'] }, outcome: 'neutral', summary: 'The tribunal sits.' }];
    }).join('\n');
    expect(found).toContain('must target an incident (targetsIncident cannot be false)');
    expect(found).toContain('takes a step of dispute settlement ("offerArbitration"), but the scenario has no institutions.disputeSettlement');
    expect(found).toContain('an effect sends an offer of settlement, but the scenario has no institutions.disputeSettlement');
    expect(found).toContain('the condition reads the dispute chart, but the scenario has no institutions.disputeSettlement');
  });

  it('warns of a body no action can ask, a report after the end and an offer nobody makes', () => {
    const found = problems((json) => {
      json.institutions = {
        verificationBodies: [{ id: 'inquiry', name: 'Inquiry', reportAfterRounds: 9 }],
        disputeSettlement: { mediator: 'm', tribunal: 't' },
      };
      json.actions.push({ ...refer(), id: 'accept', verification: undefined, targetsIncident: false, dispute: 'acceptOffer' });
    }).join('\n');
    expect(found).toContain('no action refers to verification body "inquiry"');
    expect(found).toContain('reports 9 rounds after a referral');
    expect(found).toContain('accepts the adversary\'s offer, but no move or inject makes one');
  });

  it('checks the effects of findings like any other effect', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [{ id: 'inquiry', name: 'Inquiry', reportAfterRounds: 1, onConfirm: [{ indicator: 'no-such-indicator', add: 1 }] }] };
      json.actions.push(refer());
    }).join('\n');
    expect(found).toContain('/institutions/verificationBodies/0/onConfirm/0/indicator');
  });
});
