/**
 * Norms, through real commands on a variant of the rich fixture in which the
 * mail hack struck a hospital: which steps of the norms track are accepted,
 * the track's slow stages, the adversary passing up strikes on protected
 * targets for their reputational cost (and drawing exactly as before where
 * nothing is raised), the violation weighed in proportionality, the norm
 * named together counted in cohesion, later attributions given weight, and
 * the validator's messages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createExercise, loadScenarioText } from '../../src/engine/index';
import { formatProblem } from '../../src/engine/scenario/problems';
import { previewDecision } from '../../src/engine/scoring/decision';
import { canonicalJson } from '../../src/engine/hash';
import { evidenceOf } from '../../src/engine/rules/readers';
import { normsStage, reputationalCost } from '../../src/engine/rules/norms';
import { FAC, Game, team, variantOf } from './support';

const RICH = 'test/fixtures/engine-rich.json';

interface Tuning {
  /** The reputational cost at each stage. */
  costs?: [number, number, number, number];
  endorsers?: number;
  /** Leave the norms section out (the scenario as it was). */
  without?: boolean;
}

function normsScenario(tuning: Tuning = {}) {
  const [raised, discussed, endorsed, reported] = tuning.costs ?? [0, 0.2, 0.4, 0.6];
  return variantOf(RICH, (json) => {
    json.incidents[0].targets = ['health', 'government'];
    json.incidents[1].targets = ['elections'];
    // The leaks strike the hospital again, every round they are eligible: what changes them is the norm.
    const dump = json.adversary.moves.find((m: { id: string }) => m.id === 'dump-documents');
    dump.chance = 1;
    json.adversary.tuning = { ...json.adversary.tuning, maxDeterrence: 0 };
    json.injects = json.injects.filter((i: { id: string }) => i.id !== 'fallout');
    if (tuning.without) return;
    json.norms = {
      norm: { name: 'UN GGE 2015 norm 13(f)', text: 'A State should not conduct or knowingly support ICT activity that intentionally damages critical infrastructure.', sources: ['s1'] },
      protected: [{ category: 'health', why: 'Hospitals serve the public.', sources: ['s1'] }],
      fora: [
        { id: 'un', name: 'the UN Open-ended Working Group' },
        { id: 'osce', name: 'the OSCE' },
      ],
      stages: {
        raised: { cost: raised },
        discussed: { afterRounds: 1, cost: discussed },
        endorsed: { afterRounds: 1, endorsers: tuning.endorsers ?? 2, cost: endorsed },
        reported: { afterRounds: 1, cost: reported },
      },
      harmWeight: 2,
      attributionWeight: 2,
    };
    const step = { category: 'diplomatic', severity: 1, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'retorsion' };
    json.actions.push(
      { ...step, id: 'raise-un', name: 'Raise it at the UN', norms: 'raise', forum: 'un' },
      { ...step, id: 'raise-osce', name: 'Raise it at the OSCE', norms: 'raise', forum: 'osce' },
      { ...step, id: 'endorse', name: 'Endorse the norm', norms: 'endorse', targetsIncident: false },
      { ...step, id: 'report', name: 'Publish a report on the violation', norms: 'report' },
    );
  });
}

const draft = (action: string, incident?: string, options = {}) => ({ type: 'draftDecision' as const, draft: { action, ...(incident ? { incident } : {}), options, rationale: 'test' } });

function nextRound(game: Game): void {
  game.lockAll();
  game.ok(FAC, { type: 'advance' });
}

describe('the norms track in the state', () => {
  it('is absent from exercises whose scenario has no norms section, so their states and hashes are as before', () => {
    expect('norms' in createExercise(variantOf(RICH, () => {}), 'seed')).toBe(false);
    const track = createExercise(normsScenario(), 'seed').norms!;
    expect(track.raised).toEqual([]);
    expect(normsStage(createExercise(normsScenario(), 'seed'))).toBe('unraised');
  });
});

describe('the steps of the norms track', () => {
  it('raises only a violation: an incident that struck a protected target, once per forum', () => {
    const game = new Game(normsScenario()).start();
    game.edit((state) => {
      state.incidents.scan!.active = true;
    });
    const message = game.reject(team('usa'), draft('raise-un', 'scan'), 'NOT_AVAILABLE');
    expect(message).toContain('struck no target UN GGE 2015 norm 13(f) protects');
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    expect(game.reject(team('fra'), draft('raise-un', 'mail-hack'), 'ALREADY_TAKEN')).toContain('has already been raised in the UN Open-ended Working Group');
    game.ok(team('fra'), draft('raise-osce', 'mail-hack'));
  });

  it('has nothing to endorse before the violation is raised, and each government endorses once', () => {
    const game = new Game(normsScenario()).start();
    expect(game.reject(team('fra'), draft('endorse'), 'NOT_AVAILABLE')).toContain('has to be raised in a forum first');
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    game.ok(team('fra'), draft('endorse'));
    nextRound(game);
    expect(game.reject(team('fra'), draft('endorse'), 'ALREADY_TAKEN')).toContain('has already endorsed');
  });

  it('tells everyone of a raise and of a report, in words that name the norm and what was struck', () => {
    const game = new Game(normsScenario()).start();
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    game.ok(team('fra'), draft('report', 'mail-hack'));
    game.lockAll();
    const news = game.state.injects.delivered.filter((d) => d.inject === null && d.audience === 'all').map((d) => d.body);
    expect(news.some((b) => b.includes('raises') && b.includes('hospitals and health services') && b.includes('UN GGE 2015 norm 13(f)'))).toBe(true);
    expect(news.some((b) => b.includes('publishes a report') && b.includes('in violation of UN GGE 2015 norm 13(f)'))).toBe(true);
  });
});

describe('the slow stages of the track', () => {
  it('moves at most one stage a round, the round of raising not counted, and needs endorsements and a report', () => {
    const game = new Game(normsScenario()).start();
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    // Raised in round 1: the forum has not met yet.
    expect(normsStage(game.state)).toBe('raised');
    game.ok(team('fra'), draft('endorse'));
    game.ok(team('deu'), draft('endorse'));
    nextRound(game);
    // Two endorsements in round 2, but the track only reaches discussed: one stage a round.
    expect(normsStage(game.state)).toBe('discussed');
    game.ok(team('usa'), draft('report', 'mail-hack'));
    nextRound(game);
    expect(normsStage(game.state)).toBe('endorsed');
    game.lockAll();
    expect(normsStage(game.state)).toBe('reported');
    expect(game.state.rounds.map((r) => r.headlines.filter((h) => h.startsWith('UN GGE 2015 norm 13(f)')).length)).toEqual([0, 1, 1, 1]);
  });

  it('stays at discussed without enough endorsements', () => {
    const game = new Game(normsScenario({ endorsers: 3 })).start();
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    game.ok(team('fra'), draft('endorse'));
    nextRound(game);
    nextRound(game);
    expect(normsStage(game.state)).toBe('discussed');
  });
});

describe("the adversary's reputational cost", () => {
  it('makes the adversary pass up strikes on protected targets, and says so', () => {
    // A cost of 1 once raised: every strike on the hospital that the adversary would have made, it passes up.
    const game = new Game(normsScenario({ costs: [1, 1, 1, 1] })).start();
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    expect(reputationalCost(game.scenario, game.state)).toBe(1);
    game.lockAll();
    const round2 = game.state.rounds.at(-1)!;
    expect(round2.adversaryMoves.map((m) => m.move)).not.toContain('dump-documents');
    expect(game.state.norms!.heldBack).toEqual([2]);
    expect(round2.headlines.join(' ')).toContain('held back from striking protected targets this round');
  });

  it('strikes the hospital as before when nothing is raised', () => {
    const game = new Game(normsScenario({ costs: [1, 1, 1, 1] })).start();
    nextRound(game);
    game.lockAll();
    expect(game.state.rounds.at(-1)!.adversaryMoves.map((m) => m.move)).toContain('dump-documents');
    expect(game.state.norms!.heldBack).toEqual([]);
  });

  it('draws exactly as a scenario without norms does while the cost is nothing', () => {
    const play = (scenario: ReturnType<typeof normsScenario>) => {
      const game = new Game(scenario, 'same-seed').start();
      for (let r = 0; r < 3; r++) nextRound(game);
      game.lockAll();
      return game.state.rounds.map((round) => round.adversaryMoves.map((m) => m.move));
    };
    expect(play(normsScenario())).toEqual(play(normsScenario({ without: true })));
  });

  it('lowers the share of strikes on protected targets over many seeds, drawn from the seeded generator', () => {
    const strikes = (raise: boolean) => {
      let count = 0;
      for (let i = 0; i < 40; i++) {
        const game = new Game(normsScenario({ costs: [0.5, 0.5, 0.5, 0.5] }), `seed-${i}`).start();
        if (raise) game.ok(team('usa'), draft('raise-un', 'mail-hack'));
        nextRound(game);
        game.lockAll();
        if (game.state.rounds.at(-1)!.adversaryMoves.some((m) => m.move === 'dump-documents')) count += 1;
      }
      return count;
    };
    const before = strikes(false);
    const after = strikes(true);
    expect(before).toBe(40);
    expect(after).toBeGreaterThan(5);
    expect(after).toBeLessThan(35);
  });
});

describe('the violation in scoring', () => {
  it('weighs as harm in fit: a stronger response is proportionate, a weak one falls shorter, with a sentence that says why', () => {
    const fit = (scenario: ReturnType<typeof normsScenario>, action: string) => {
      const game = new Game(scenario).start().evidence('mail-hack', 'usa', 8);
      const preview = previewDecision(scenario, game.state, 'usa', { action, incident: 'mail-hack', options: {} });
      if (!preview.ok) throw new Error(preview.message);
      return preview.score.components.find((c) => c.id === 'fit')!;
    };
    // The mail hack's harm is 5; the violation weighs 2 more.
    const strongPlain = fit(normsScenario({ without: true }), 'hack-back');
    const strong = fit(normsScenario(), 'hack-back');
    expect(strongPlain.value).toBe(0.5);
    expect(strong.value).toBe(1);
    expect(strong.why).toContain('against harm 7: a match. The incident struck hospitals and health services, which UN GGE 2015 norm 13(f) protects: a response stronger by 2 is proportionate to the violation of an agreed norm');
    expect(strongPlain.why).not.toContain('norm');
    expect(fit(normsScenario(), 'expel-diplomats').value).toBeLessThan(fit(normsScenario({ without: true }), 'expel-diplomats').value);
  });

  it('counts the norm named together in a joint attribution as a unanimous coalition decision', () => {
    const scenario = normsScenario();
    const game = new Game(scenario).start().evidence('mail-hack', 'usa', 5).evidence('mail-hack', 'fra', 5);
    game.ok(team('usa'), { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', options: {}, rationale: 'together' } });
    const proposal = Object.keys(game.state.proposals)[0]!;
    game.ok(team('fra'), { type: 'respondJoint', proposal, join: true });
    game.lockAll();
    const agreement = game.state.rounds.at(-1)!.cohesion.components.find((c) => c.id === 'agreement')!;

    const plain = new Game(normsScenario({ without: true })).start().evidence('mail-hack', 'usa', 5).evidence('mail-hack', 'fra', 5);
    plain.ok(team('usa'), { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', options: {}, rationale: 'together' } });
    plain.ok(team('fra'), { type: 'respondJoint', proposal: Object.keys(plain.state.proposals)[0]!, join: true });
    plain.lockAll();
    // The proposal itself: two yes and Germany abstaining; naming the norm adds a unanimous voice.
    const plainAgreement = plain.state.rounds.at(-1)!.cohesion.components.find((c) => c.id === 'agreement')!;
    expect(plainAgreement.value).toBe(0.5);
    expect(agreement.value).toBe(0.75);
    expect(game.state.rounds.at(-1)!.cohesion.value).toBeGreaterThan(plain.state.rounds.at(-1)!.cohesion.value);
  });

  it('gives later public attributions weight with the governments that endorsed the norm', () => {
    const game = new Game(normsScenario({ endorsers: 2 })).start().evidence('mail-hack', 'usa', 5);
    game.ok(team('usa'), draft('raise-un', 'mail-hack'));
    nextRound(game);
    game.ok(team('fra'), draft('endorse'));
    game.ok(team('deu'), draft('endorse'));
    nextRound(game);
    nextRound(game);
    expect(normsStage(game.state)).toBe('endorsed');
    const before = { fra: evidenceOf(game.state, 'mail-hack', 'fra'), deu: evidenceOf(game.state, 'mail-hack', 'deu') };
    game.ok(team('usa'), draft('attribute', 'mail-hack'));
    game.lockAll();
    expect(evidenceOf(game.state, 'mail-hack', 'fra')).toBe(before.fra + 2);
    expect(evidenceOf(game.state, 'mail-hack', 'deu')).toBe(before.deu + 2);
  });
});

describe('determinism', () => {
  it('plays the same norms track to the same state from the same seed', () => {
    const play = () => {
      const game = new Game(normsScenario({ costs: [0.3, 0.5, 0.5, 0.5] }), 'det').start();
      game.ok(team('usa'), draft('raise-un', 'mail-hack'));
      nextRound(game);
      game.ok(team('fra'), draft('endorse'));
      nextRound(game);
      nextRound(game);
      game.lockAll();
      return canonicalJson(game.state);
    };
    expect(play()).toBe(play());
  });
});

describe('the validator on norms', () => {
  const minimal = 'test/fixtures/minimal.json';
  const problems = (edit: (json: Record<string, any>) => void) => {
    const json = JSON.parse(readFileSync(new URL(`../../${minimal}`, import.meta.url), 'utf8'));
    edit(json);
    const result = loadScenarioText(JSON.stringify(json), minimal);
    return (result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem)).join('\n');
  };
  const step = (extra: Record<string, unknown>) => ({
    id: 'step', name: 'Step', category: 'diplomatic', severity: 1, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'retorsion', ...extra,
  });
  const section = (extra: Record<string, unknown> = {}) => ({
    norm: { name: 'Norm 13(f)', text: 'Do not damage critical infrastructure.' },
    protected: [{ category: 'health', why: 'Hospitals.' }],
    fora: [{ id: 'un', name: 'the UN' }],
    ...extra,
  });

  it('needs the section for a step of the norms track', () => {
    expect(problems((json) => json.actions.push(step({ norms: 'endorse', targetsIncident: false })))).toContain(
      'action "step" takes a step of the norms track ("endorse"), but the scenario has no norms section',
    );
  });

  it('names the forum of a raise, and suggests those listed', () => {
    expect(problems((json) => {
      json.norms = section();
      json.actions.push(step({ norms: 'raise', forum: 'uno' }));
    })).toContain('action "step" raises a violation in "uno", which is not among norms.fora ("un")');
    expect(problems((json) => {
      json.norms = section();
      json.actions.push(step({ norms: 'raise' }));
    })).toContain('action "step" raises a violation but names no forum (one of norms.fora: "un")');
    expect(problems((json) => {
      json.norms = section();
      json.actions.push(step({ norms: 'report', forum: 'un' }));
    })).toContain('action "step" names a forum, but its step is "report", not "raise"');
  });

  it('wants an incident for a raise or a report', () => {
    expect(problems((json) => {
      json.norms = section();
      json.actions.push(step({ norms: 'report', targetsIncident: false }));
    })).toContain('action "step" reports on a violation, which is an incident, so it must target one (targetsIncident cannot be false)');
  });

  it('keeps the effects lasting, the categories single and the endorsements possible', () => {
    const text = problems((json) => {
      json.norms = section({
        protected: [
          { category: 'health', why: 'Hospitals.' },
          { category: 'health', why: 'Again.' },
        ],
        stages: { discussed: { cost: 0.5 }, endorsed: { cost: 0.2, endorsers: 9 } },
      });
    });
    expect(text).toContain('the category "health" is declared protected twice');
    expect(text).toContain('the reputational cost at "endorsed" (0.2) is below the cost at "discussed" (0.5)');
    expect(text).toContain('the track needs 9 governments to endorse the norm');
  });

  it('warns when no incident strikes a protected target, and when a step is missing', () => {
    const text = problems((json) => {
      json.norms = section();
    });
    expect(text).toContain('no incident strikes a protected category ("health")');
    expect(text).toContain('no action takes the norms step "raise": the track can never start');
  });

  it('reads the track in conditions only where there is one', () => {
    expect(problems((json) => {
      json.endConditions = [{ id: 'norm-built', when: { state: 'norms', in: ['endorsed'] }, outcome: 'success', summary: 'Built.' }];
    })).toContain('the condition reads the norms track ("norms"), but the scenario has no norms section');
    expect(problems((json) => {
      json.norms = section();
      json.endConditions = [{ id: 'norm-built', when: { state: 'norms', in: ['endorsd'] }, outcome: 'success', summary: 'Built.' }];
    })).toContain('unknown state "endorsd" of norms (known: unraised, raised, discussed, endorsed, reported)');
  });
});
