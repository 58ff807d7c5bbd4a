/**
 * Sanctions evasion and enforcement (scenario.sanctions.evasion): the
 * adversary opens a channel around sanctions in force, the exposed learn of
 * it, screening binds only the exposed, a designation needs a known open
 * channel, costs the exposed and counts as a defection when they were not
 * consulted, pressure narrows and closes the channel (after the lag), a
 * secondary measure is measured against the evasion it addresses and capped
 * when its reach is broad, leaked bite weakens deterrence, and the
 * validator's messages. Played through commands on a variant of the rich
 * fixture: usa sanctions the mail hack; the front companies run through
 * fra's and deu's banks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createExercise, project, stateHash } from '../../src/engine/index';
import { regionState } from '../../src/engine/machines/chart';
import { deterrenceProbability, explainPosture, type RoundFeatures } from '../../src/engine/machines/adversary';
import { leakedShare } from '../../src/engine/rules/evasion';
import { loadScenarioText } from '../../src/engine/scenario/load';
import { formatProblem } from '../../src/engine/scenario/problems';
import type { CommandBody } from '../../src/engine/types';
import { FAC, Game, richScenario, team, variantOf } from './support';

const USA = team('usa');
const FRA = team('fra');
const DEU = team('deu');

const sanction: CommandBody = { type: 'draftDecision', draft: { action: 'us-sanctions', incident: 'mail-hack' } };
const draft = (action: string): CommandBody => ({ type: 'draftDecision', draft: { action } });

const ENFORCEMENT_ACTIONS = [
  { id: 'screen-fronts', name: 'Beneficial-ownership screening', category: 'legal', severity: 1, rung: 1, reversibility: 0.9, minConfidence: 'none', targetsIncident: false, spillover: 'low', responseType: 'domestic', cost: { capital: 1 }, evasion: { step: 'screen', channels: ['fronts'] } },
  { id: 'share-fronts', name: 'Share what is known of the fronts', category: 'intelligence', severity: 0, rung: 0, reversibility: 1, minConfidence: 'none', targetsIncident: false, spillover: 'none', responseType: 'domestic', evasion: { step: 'shareInformation', channels: ['fronts'] } },
  { id: 'designate-fronts', name: 'Designate the facilitators', category: 'economic', severity: 3, rung: 4, reversibility: 0.8, minConfidence: 'none', targetsIncident: false, spillover: 'low', responseType: 'retorsion', legalBasis: 'ieepa', joinable: true, cost: { capital: 2 }, evasion: { step: 'designate', channels: ['fronts'] } },
  { id: 'broad-secondary', name: 'Secondary sanctions on third-country banks', category: 'economic', severity: 6, rung: 5, reversibility: 0.6, minConfidence: 'none', targetsIncident: false, spillover: 'high', responseType: 'retorsion', legalBasis: 'ieepa', cost: { capital: 2 }, evasion: { step: 'designate', channels: ['fronts'], reach: 'broad' } },
];

function evasionScenario(section: Record<string, unknown> = {}) {
  return variantOf('test/fixtures/engine-rich.json', (json) => {
    json.sanctions = {
      ...json.sanctions,
      challengeChance: 0,
      evasion: {
        channels: [
          {
            id: 'fronts',
            name: 'Front companies',
            kind: 'shellCompanies',
            description: 'Payments through companies registered offshore.',
            leak: 0.4,
            openChance: 1,
            sanctions: ['us-sanctions'],
            exposed: [
              { team: 'fra', share: 0.5, basis: 'banks in Paris' },
              { team: 'deu', share: 0.25, basis: 'banks in Frankfurt' },
            ],
          },
          { id: 'coins', name: 'Crypto exchanges', kind: 'digitalCurrency', leak: 0.3, openChance: 1, sanctions: ['eu-listing'], exposed: [{ team: 'deu', share: 0.5 }] },
        ],
        lagRounds: 0,
        ...section,
      },
    };
    json.actions.push(...ENFORCEMENT_ACTIONS);
  });
}

/** Round 1: usa sanctions the mail hack; at its end the package enters into force and the front companies open. */
function sanctioned(section?: Record<string, unknown>, seed?: string): Game {
  const game = new Game(evasionScenario(section), seed).start().evidence('mail-hack', 'usa', 4);
  game.ok(USA, sanction);
  return game.lockAll();
}

function nextRound(game: Game): Game {
  game.ok(FAC, { type: 'advance' });
  return game;
}

const stage = (game: Game, id: string) => regionState(game.state.evasion![id]!.chart);

describe('sanctions evasion', () => {
  it('opens a channel around sanctions in force: the exposed learn of it, the others do not', () => {
    const game = sanctioned();
    expect(stage(game, 'fronts')).toBe('open');
    // No EU listing is in force: the exchanges have nothing to route around.
    expect(stage(game, 'coins')).toBe('dormant');
    expect(game.state.evasion!.fronts!.known).toEqual(['fra', 'deu']);
    const intel = game.state.injects.delivered.find((d) => d.title === 'Sanctions evasion: Front companies')!;
    expect(intel.audience).toEqual({ teams: ['fra', 'deu'] });
    expect(intel.body).toContain('40% of their bite leak');
    expect(project(game.scenario, game.state, { role: 'team', team: 'fra' }).evasion.map((c) => [c.id, c.stage, c.leak])).toEqual([['fronts', 'open', 0.4]]);
    expect(project(game.scenario, game.state, { role: 'team', team: 'usa' }).evasion).toEqual([]);
    expect(project(game.scenario, game.state, { role: 'facilitator' }).evasion.map((c) => c.id)).toEqual(['fronts', 'coins']);
    expect(leakedShare(game.scenario, game.state)).toBeCloseTo(0.4);
  });

  it('leaves scenarios without the section as they were: no evasion in their state, none in their view', () => {
    const state = createExercise(richScenario(), 'x');
    expect('evasion' in state).toBe(false);
    expect(project(richScenario(), state, { role: 'facilitator' }).evasion).toEqual([]);
  });

  it('binds screening to the exposed: a government whose firms see none of the flows is refused, with who is exposed', () => {
    const game = nextRound(sanctioned());
    const message = game.reject(USA, draft('screen-fronts'), 'NO_JURISDICTION');
    expect(message).toBe(
      "Screening obligations bind the banks, registries and exchanges in United States's jurisdiction, and none of the flows through Front companies pass through them (they pass through France and Germany): share information with the governments exposed instead.",
    );
    game.ok(FRA, draft('screen-fronts'));
    game.lockAll();
    // fra's share of the flows (0.5) times the screening weight (2) reaches narrowAt (1).
    expect(stage(game, 'fronts')).toBe('narrowed');
    expect(game.state.rounds.at(-1)!.headlines).toContain('Enforcement narrows Front companies: part of the flows stop, and it now leaks half of what it did.');
    expect(leakedShare(game.scenario, game.state)).toBeCloseTo(0.2);
    game.reject(FRA, draft('screen-fronts'), 'WRONG_PHASE');
    nextRound(game).reject(FRA, draft('screen-fronts'), 'ALREADY_TAKEN');
  });

  it('needs a known open channel for a designation; sharing makes it known to all', () => {
    const game = nextRound(sanctioned());
    const message = game.reject(USA, draft('designate-fronts'), 'NOT_AVAILABLE');
    expect(message).toContain('United States knows of no open channel among Front companies');
    game.ok(FRA, draft('share-fronts'));
    game.lockAll();
    expect(game.state.evasion!.fronts!.known).toEqual(['usa', 'fra', 'deu']);
    nextRound(game).ok(USA, draft('designate-fronts'));
  });

  it('charges a designation to the exposed, and counts one over their exposure without consultation as a defection', () => {
    const game = nextRound(sanctioned());
    game.ok(FRA, draft('share-fronts'));
    nextRound(game.lockAll()).ok(USA, draft('designate-fronts'));
    game.lockAll();
    const decision = game.state.decisions.at(-1)!;
    expect(decision.outcome).toContain('France bears a cost of 2 without being consulted and Germany bears a cost of 1 without being consulted');
    const step = game.state.evasion!.fronts!.steps.at(-1)!;
    expect(step.costs).toEqual([
      { team: 'fra', cost: 2, consulted: false },
      { team: 'deu', cost: 1, consulted: false },
    ]);
    const cohesion = game.state.rounds.at(-1)!.cohesion;
    expect(cohesion.rules.map((r) => r.why)).toContain('United States designated the facilitators of Front companies over the exposure of France and Germany without consulting them.');
    expect(cohesion.summary).toContain("United States imposed a secondary measure over allies' exposure without consulting them");
    expect(stage(game, 'fronts')).toBe('narrowed');
  });

  it('counts the exposed as consulted when the designating government shared first, or they joined', () => {
    const shared = nextRound(sanctioned());
    shared.ok(FRA, draft('share-fronts'));
    nextRound(shared.lockAll()).ok(USA, draft('share-fronts'));
    shared.ok(USA, draft('designate-fronts'));
    shared.lockAll();
    expect(shared.state.evasion!.fronts!.steps.at(-1)!.costs!.every((c) => c.consulted)).toBe(true);
    expect(shared.state.rounds.at(-1)!.cohesion.rules.filter((r) => r.why.includes('without consulting'))).toEqual([]);
  });

  it('closes a channel when the pressure reaches closeAt; a closed channel leaks nothing and refuses more steps', () => {
    const game = nextRound(sanctioned());
    game.ok(FRA, draft('share-fronts'));
    nextRound(game.lockAll()).ok(USA, draft('designate-fronts'));
    game.ok(FRA, draft('screen-fronts'));
    game.lockAll();
    expect(stage(game, 'fronts')).toBe('closed');
    expect(leakedShare(game.scenario, game.state)).toBe(0);
    expect(game.state.rounds.at(-1)!.headlines.some((h) => h.startsWith('Enforcement closes Front companies'))).toBe(true);
    expect(nextRound(game).reject(DEU, draft('screen-fronts'), 'NOT_AVAILABLE')).toBe('Front companies is closed: there is nothing left for Beneficial-ownership screening to do.');
  });

  it('lets screening prevent: an obligation in place before the channel opens bites the moment it opens', () => {
    const game = new Game(evasionScenario()).start().evidence('mail-hack', 'usa', 4);
    game.ok(USA, sanction);
    game.ok(FRA, draft('screen-fronts'));
    game.lockAll();
    expect(game.state.evasion!.fronts!.opened).toBe(1);
    expect(stage(game, 'fronts')).toBe('narrowed');
    expect(leakedShare(game.scenario, game.state)).toBeCloseTo(0.2);
    expect(game.state.rounds.at(-1)!.headlines).toContain('Enforcement narrows Front companies: part of the flows stop, and it now leaks half of what it did.');
  });

  it('makes enforcement slow: with lagRounds 1 a step bites at the end of the round after', () => {
    const game = nextRound(sanctioned({ lagRounds: 1 }));
    game.ok(FRA, draft('screen-fronts'));
    game.lockAll();
    expect(stage(game, 'fronts')).toBe('open');
    expect(game.state.decisions.at(-1)!.outcome).toContain('It bites at the end of round 3: enforcement is slow.');
    nextRound(game).lockAll();
    expect(stage(game, 'fronts')).toBe('narrowed');
  });

  it('measures a designation against the evasion it addresses, and caps one that reaches beyond the nexus', () => {
    const game = nextRound(sanctioned());
    game.ok(FRA, draft('share-fronts'));
    nextRound(game.lockAll()).ok(USA, draft('designate-fronts'));
    game.ok(USA, draft('broad-secondary'));
    game.lockAll();
    const [nexus, broad] = game.state.decisions.filter((d) => d.round === 3);
    const measured = nexus!.proportionality.rules.find((r) => r.id === 'secondary-measured')!;
    expect(measured.why).toContain('Front companies leaks 40% of the bite of the sanctions it routes around, an evasion weighing 2 on the 0-10 scale of harm');
    // Severity 3 against an evasion of 2: a slight overreach.
    expect(nexus!.proportionality.components.find((c) => c.id === 'fit')!.value).toBeCloseTo(0.75);
    expect(broad!.proportionality.rules.map((r) => r.id)).toEqual(['secondary-measured', 'secondary-reach']);
    expect(broad!.proportionality.value).toBeLessThanOrEqual(50);
    expect(broad!.proportionality.summary).toMatch(/; a secondary measure reaching beyond the nexus\.$/);
    expect(broad!.legallyExposed).toBe(false);
  });

  it('takes the leaked share of the bite off the chance of deterring the adversary, and says so', () => {
    const features: RoundFeatures = {
      talks: false, overreaction: 0, mirroring: false, mirrorRoll: 1, jointness: 1, cohesion: 80, jointAttribution: true, fit: 1, quietRounds: 0, onlyPrivate: false, undiscoveredAccess: false, bonus: 0, roll: 0.99,
    };
    const tuning = richScenario().adversary.tuning;
    const leak = 0.2 * 0.4;
    expect(deterrenceProbability(tuning, { ...features, leak })).toBeCloseTo(deterrenceProbability(tuning, features) - leak);
    expect(explainPosture(tuning, { ...features, leak }, 'probing', 'probing')).toContain('sanctions evaded through open channels took 8 points off it');
    expect(explainPosture(tuning, features, 'probing', 'probing')).not.toContain('evaded');
  });

  it('is deterministic: the same seed and commands give the same state', () => {
    const a = nextRound(sanctioned(undefined, 'same'));
    const b = nextRound(sanctioned(undefined, 'same'));
    a.ok(FRA, draft('screen-fronts'));
    b.ok(FRA, draft('screen-fronts'));
    expect(stateHash(a.lockAll().state)).toBe(stateHash(b.lockAll().state));
  });
});

describe('the validator on sanctions.evasion', () => {
  function problems(edit: (json: Record<string, any>) => void): string[] {
    const json = JSON.parse(JSON.stringify(evasionScenarioJson()));
    edit(json);
    const result = loadScenarioText(JSON.stringify(json, null, 2), 'ev.json');
    return (result.ok ? result.warnings : result.problems).map(formatProblem).map((line) => line.replace(/^ev\.json:\d+:\d+: /, ''));
  }

  it('accepts the variant with no problem', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('names unknown channels, the missing section, incident targets, mixed steps and a broad reach on the wrong step', () => {
    expect(problems((j) => (j.actions.find((a: any) => a.id === 'designate-fronts').evasion.channels = ['fronds']))).toContain(
      'action "designate-fronts" names evasion channel "fronds", which sanctions.evasion.channels does not declare ("fronts", "coins") (at /actions/20/evasion/channels/0)',
    );
    expect(problems((j) => (j.actions.find((a: any) => a.id === 'screen-fronts').targetsIncident = true))).toContain(
      'action "screen-fronts" works on evasion channels, not on an incident: set "targetsIncident": false (at /actions/18/targetsIncident)',
    );
    expect(problems((j) => (j.actions.find((a: any) => a.id === 'share-fronts').evasion.reach = 'broad'))).toContain(
      'action "share-fronts" has a broad reach, but only a designation ("step": "designate") reaches anyone; its step is "shareInformation" (at /actions/19/evasion/reach)',
    );
    expect(problems((j) => (j.actions.find((a: any) => a.id === 'designate-fronts').sanctions = { jurisdictions: ['US'] }))).toContain(
      'action "designate-fronts" takes a step of enforcement against evasion and has a "sanctions" section too: make them two actions (at /actions/20/evasion)',
    );
    expect(problems((j) => delete j.sanctions.evasion)).toContain(
      'action "screen-fronts" takes a step of enforcement against evasion ("screen"), but the scenario has no sanctions.evasion section (at /actions/18/evasion)',
    );
  });

  it('checks the channels: ids, sanctions actions, exposed teams, thresholds and channels that never open', () => {
    const found = problems((j) => {
      const ev = j.sanctions.evasion;
      ev.channels[1].id = 'fronts';
      ev.channels[0].sanctions = ['mail-hack', 'attribute'];
      ev.channels[0].exposed.push({ team: 'fra', share: 0.1 }, { team: 'gbr', share: 0.1 });
      ev.channels[0].openChance = 0;
      ev.narrowAt = 3;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'sanctions.evasion.closeAt (2) is below narrowAt (3): a channel must narrow before it closes (at /sanctions/evasion/closeAt)',
        'evasion channel id "fronts" is used twice: each channel needs its own id (at /sanctions/evasion/channels/1/id)',
        expect.stringMatching(/^unknown action "mail-hack" \(the scenario declares \d+ actions\) \(at \/sanctions\/evasion\/channels\/0\/sanctions\/0\)$/),
        'evasion channel "fronts" routes around action "attribute", which opens no sanctions package (it has no "sanctions" section): only sanctions can be evaded (at /sanctions/evasion/channels/0/sanctions/1)',
        'evasion channel "fronts" lists team "fra" among the exposed twice: give its share once (at /sanctions/evasion/channels/0/exposed/2/team)',
        'unknown team "gbr" (known: usa, fra, deu) (at /sanctions/evasion/channels/0/exposed/3/team)',
        'warning: evasion channel "fronts" has openChance 0: the adversary never opens it, so nothing can be enforced against it (at /sanctions/evasion/channels/0/openChance)',
      ]),
    );
  });

  it('warns when no team that may screen is exposed to the channels', () => {
    expect(problems((j) => (j.actions.find((a: any) => a.id === 'screen-fronts').availableTo = ['usa']))).toContain(
      'warning: no team that may take "screen-fronts" is exposed to any of its channels: screening binds only firms in a government\'s own jurisdiction, so every draft would be refused (at /actions/18/evasion/channels)',
    );
  });
});

/** The variant's JSON, as an author would write it. */
function evasionScenarioJson(): Record<string, any> {
  const json = JSON.parse(readFileSync(new URL('../fixtures/engine-rich.json', import.meta.url), 'utf8'));
  json.sanctions = {
    ...json.sanctions,
    challengeChance: 0,
    evasion: {
      channels: [
        { id: 'fronts', name: 'Front companies', kind: 'shellCompanies', leak: 0.4, openChance: 1, sanctions: ['us-sanctions'], exposed: [{ team: 'fra', share: 0.5 }, { team: 'deu', share: 0.25 }] },
        { id: 'coins', name: 'Crypto exchanges', kind: 'digitalCurrency', leak: 0.3, openChance: 1, sanctions: ['eu-listing'], exposed: [{ team: 'deu', share: 0.5 }] },
      ],
      lagRounds: 0,
    },
  };
  json.actions.push(...JSON.parse(JSON.stringify(ENFORCEMENT_ACTIONS)));
  return json;
}
