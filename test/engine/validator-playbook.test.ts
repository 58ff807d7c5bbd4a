/**
 * The validator on the playbook's sections (institutions, prosecution, norms,
 * further adversaries): each mistake below is planted in the minimal fixture
 * and reported with its whole sentence, at the line and column of the field
 * to fix and its JSON pointer, as every other section's problems are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/engine/index';
import { formatProblem } from '../../src/engine/scenario/problems';

const MINIMAL = 'test/fixtures/minimal.json';

/** Every problem (errors, else warnings) of the minimal fixture after `edit`, formatted as the CLI and the studio print them. */
function problems(edit: (json: Record<string, any>) => void): string[] {
  const json = JSON.parse(readFileSync(new URL(`../../${MINIMAL}`, import.meta.url), 'utf8'));
  edit(json);
  const result = loadScenarioText(JSON.stringify(json, null, 2), MINIMAL);
  return result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem);
}

/** The problems at `pointer`, each of which must carry the file, a line and a column. */
function at(found: string[], pointer: string): string {
  const hits = found.filter((p) => p.endsWith(`(at ${pointer})`));
  expect(hits.length, `${pointer} in:\n${found.join('\n')}`).toBeGreaterThan(0);
  for (const hit of hits) expect(hit).toMatch(new RegExp(`^${MINIMAL.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
  return hits.join('\n');
}

const step = (extra: Record<string, unknown>) => ({
  id: 'step', name: 'Step', category: 'legal', severity: 1, rung: 1, reversibility: 1, minConfidence: 'none', spillover: 'none', responseType: 'domestic', ...extra,
});

const settlement = { mediator: 'the OSCE', tribunal: 'a tribunal', acceptChance: { mediation: 0.5, arbitration: 0.5 }, sources: [] };
const body = (extra: Record<string, unknown> = {}) => ({ id: 'inquiry', name: 'Commission of inquiry', reportAfterRounds: 1, reliability: 0.8, sources: [], ...extra });

describe('the validator on institutions', () => {
  it('refuses an action that both refers to a body and takes a step of settlement', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [body()], disputeSettlement: settlement };
      json.actions.push(step({ verification: 'inquiry', dispute: 'offerMediation' }));
    });
    expect(at(found, '/actions/2/dispute')).toContain('action "step" both refers to a verification body and takes a step of dispute settlement: make them two actions');
  });

  it('wants an incident for a referral', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [body()] };
      json.actions.push(step({ verification: 'inquiry', targetsIncident: false }));
    });
    expect(at(found, '/actions/2/targetsIncident')).toContain(
      'action "step" refers an attribution to a verification body, so it must target an incident (targetsIncident cannot be false)',
    );
  });

  it('warns of a body that would report after the last round', () => {
    const found = problems((json) => {
      json.institutions = { verificationBodies: [body({ reportAfterRounds: 2 })] };
      json.actions.push(step({ verification: 'inquiry' }));
    });
    expect(at(found, '/institutions/verificationBodies/0/reportAfterRounds')).toContain(
      'warning: verification body "inquiry" reports 2 rounds after a referral, and the scenario has 2: no referral can be answered before the end',
    );
  });

  it('warns of an action accepting an offer that nobody makes', () => {
    const found = problems((json) => {
      json.institutions = { disputeSettlement: settlement };
      json.actions.push(step({ dispute: 'acceptOffer', targetsIncident: false }));
    });
    expect(at(found, '/actions/2/dispute')).toContain(
      'warning: action "step" accepts the adversary\'s offer, but no move or inject makes one (an effect {"send": {"chart": "dispute", "event": "OFFER_MEDIATION"}})',
    );
  });

  it('refuses an oversight body declared twice, and warns of one that can never sit', () => {
    const oversight = { id: 'committee', name: 'Committee', teams: ['usa'], categories: ['cyber'], sources: [] };
    const twice = problems((json) => {
      json.institutions = { oversight: [oversight, oversight] };
    });
    expect(at(twice, '/institutions/oversight/1/id')).toContain('oversight body id "committee" is used twice');
    const idle = problems((json) => {
      json.institutions = { oversight: [oversight] };
    });
    expect(at(idle, '/institutions/oversight/0/categories')).toContain(
      'warning: oversight body "committee" reviews cyber measures, but none of its governments can take one: it never sits',
    );
    const optional = problems((json) => {
      json.institutions = { oversight: [{ ...oversight, categories: ['investigate'], mandatory: false }] };
    });
    expect(at(optional, '/institutions/oversight/0/mandatory')).toContain(
      'warning: oversight body "committee" reviews only measures drafted with the oversight option, and none of the measures in its remit offers it (add "oversight" to their procedures, or make review mandatory)',
    );
  });
});

describe('the validator on prosecution', () => {
  it('refuses a step of a criminal case that is also another institutional step', () => {
    const found = problems((json) => {
      json.prosecution = {};
      json.institutions = { disputeSettlement: settlement };
      json.actions.push(step({ prosecution: 'indict', dispute: 'offerArbitration' }));
    });
    expect(at(found, '/actions/2/prosecution')).toContain('action "step" takes a step of a criminal case and an institutional step: make them two actions');
  });

  it('refuses a requested state on what is no request for legal assistance', () => {
    const outside = problems((json) => {
      json.prosecution = { mla: { states: [{ id: 'nl', name: 'the Netherlands' }] } };
      json.actions.push(step({ requestedState: 'nl' }));
    });
    expect(at(outside, '/actions/2/requestedState')).toContain('action "step" names a requested state but is no request for legal assistance (add "prosecution": "requestMla")');
    const other = problems((json) => {
      json.prosecution = { mla: { states: [{ id: 'nl', name: 'the Netherlands' }] } };
      json.actions.push(step({ prosecution: 'indict', requestedState: 'nl' }));
    });
    expect(at(other, '/actions/2/requestedState')).toContain('action "step" names a requested state, but its step is "indict", not "requestMla"');
  });

  it('warns of an indictment no government could bring, and of arrests nobody can make', () => {
    const found = problems((json) => {
      json.prosecution = { extradition: { onArrest: [{ indicator: 'adversaryCost', add: 1 }] } };
      json.actions.push(step({ prosecution: 'indict' }));
    });
    expect(at(found, '/actions/2/prosecution')).toContain(
      'warning: no team that may take "step" has a jurisdictional nexus to any incident (incidents\' injured, or prosecution.jurisdictions): every indictment would be refused',
    );
    expect(at(found, '/prosecution/extradition/onArrest')).toContain(
      'warning: prosecution.extradition has effects on arrest, but no action issues an arrest warrant ("prosecution": "arrestWarrant"): no one can be arrested',
    );
  });
});

describe('the validator on norms', () => {
  const section = { norm: { name: 'Norm 13(f)', text: 'Do not damage critical infrastructure.' }, protected: [{ category: 'health', why: 'Hospitals.' }], fora: [{ id: 'un', name: 'the UN' }] };

  it('refuses a forum on an action that raises nothing, and a norms step that is another institutional step', () => {
    const found = problems((json) => {
      json.norms = section;
      json.prosecution = {};
      json.actions.push(step({ forum: 'un' }), step({ id: 'both', norms: 'report', prosecution: 'indict' }));
    });
    expect(at(found, '/actions/2/forum')).toContain('action "step" names a forum but raises nothing there (add "norms": "raise")');
    expect(at(found, '/actions/3/norms')).toContain('action "both" takes a step of the norms track and another institutional step: make them two actions');
  });

  it('warns when no incident strikes a protected category', () => {
    const found = problems((json) => {
      json.norms = section;
      json.actions.push(step({ id: 'raise', norms: 'raise', forum: 'un' }), step({ id: 'endorse', norms: 'endorse', targetsIncident: false }), step({ id: 'report', norms: 'report' }));
    });
    expect(at(found, '/norms/protected')).toContain('warning: no incident strikes a protected category ("health"): give an incident "targets" that include one, or there is no violation to raise');
  });
});

describe('the validator on further adversaries', () => {
  const actor = (extra: Record<string, unknown> = {}) => ({
    id: 'crew',
    name: 'The crew',
    kind: 'criminal',
    phases: [{ id: 'active', name: 'Active', fromRound: 1 }],
    moves: [{ id: 'strike', name: 'Strike', postures: ['probing'], effects: [{ indicator: 'adversaryCost', add: 1 }] }],
    ...extra,
  });

  it("refuses a further adversary with the primary adversary's id, and a move id used twice", () => {
    const found = problems((json) => {
      json.otherAdversaries = [
        actor({ id: json.adversary.id }),
        actor({ moves: [actor().moves[0], actor().moves[0]] }),
      ];
    });
    expect(at(found, '/otherAdversaries/0/id')).toContain(`further adversary id "adversary" is the primary adversary's id: give each actor its own id`);
    expect(at(found, '/otherAdversaries/1/moves/1/id')).toContain('move id "strike" of "crew" is used by another move: give each move its own id');
  });
});
