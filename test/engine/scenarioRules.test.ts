import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA_ID, scenarioSchema } from '../../src/engine/scenario/schema';
import { runRules, SEMANTIC_RULES, type SemanticRule } from '../../src/engine/scenario/rules';
import { formatProblem } from '../../src/engine/scenario/problems';
import { isScenarioFileName } from '../../src/engine/scenario/history';
import { legalBasesRule } from '../../src/engine/scenario/rules/legalBases';
import { idsRule } from '../../src/engine/scenario/rules/ids';
import { indicatorsRule } from '../../src/engine/scenario/rules/indicators';
import { referencesRule } from '../../src/engine/scenario/rules/references';
import { roundsRule } from '../../src/engine/scenario/rules/rounds';
import { conditionsRule } from '../../src/engine/scenario/rules/conditions';
import { effectsRule } from '../../src/engine/scenario/rules/effects';
import { rubricRule } from '../../src/engine/scenario/rules/rubric';
import { injectsRule } from '../../src/engine/scenario/rules/injects';
import { actionsRule } from '../../src/engine/scenario/rules/actions';
import { lawRule } from '../../src/engine/scenario/rules/law';
import { requirementsRule } from '../../src/engine/scenario/rules/requirements';
import { ladderRule } from '../../src/engine/scenario/rules/ladder';
import { endConditionsRule } from '../../src/engine/scenario/rules/endConditions';
import { effectShapesRule } from '../../src/engine/scenario/rules/effectShapes';
import { quantitiesRule } from '../../src/engine/scenario/rules/quantities';
import { schemaRefRule } from '../../src/engine/scenario/rules/schemaRef';
import { textsRule } from '../../src/engine/scenario/rules/texts';
import { listsRule } from '../../src/engine/scenario/rules/lists';
import { languageRule } from '../../src/engine/scenario/rules/language';
import { datesRule, dateStart } from '../../src/engine/scenario/rules/dates';
import { movesRule } from '../../src/engine/scenario/rules/moves';
import { reachableConfidenceRule, thinTeamsRule, unusedObjectivesRule } from '../../src/engine/scenario/rules/hints';

const minimalText = readFileSync(new URL('../fixtures/minimal.json', import.meta.url), 'utf8');

/** The lines one rule alone reports on the minimal scenario after a change. */
function run(rule: SemanticRule, change: (s: Record<string, any>) => void = () => {}): string[] {
  const raw = JSON.parse(minimalText);
  raw.$schema = './firebreak-scenario.schema.json';
  change(raw);
  const scenario = scenarioSchema.parse(raw);
  return runRules([rule], scenario, 's', () => ({ line: 1, column: 1 })).map(formatProblem);
}

describe('the rule registry', () => {
  it('names every rule once, each with a summary and its codes', () => {
    const ids = SEMANTIC_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SEMANTIC_RULES) {
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.codes.length).toBeGreaterThan(0);
    }
  });

  it('finds nothing in the minimal scenario', () => {
    for (const rule of SEMANTIC_RULES) expect(run(rule), rule.id).toEqual([]);
  });

  it('finds no error in the shipped scenarios, and each rule reports only its own codes', () => {
    const dir = new URL('../../scenarios/', import.meta.url);
    const files = readdirSync(dir).filter(isScenarioFileName);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) {
      const scenario = scenarioSchema.parse(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
      for (const rule of SEMANTIC_RULES) {
        const problems = runRules([rule], scenario, name, () => ({ line: 1, column: 1 }));
        expect(problems.filter((p) => p.severity === 'error').map(formatProblem), `${name} ${rule.id}`).toEqual([]);
        for (const p of problems) expect(rule.codes, rule.id).toContain(p.code);
      }
    }
  });
});

describe('each rule alone', () => {
  it('legal bases: names only declared bases when there is a catalogue', () => {
    expect(run(legalBasesRule, (s) => (s.actions[0].legalBasis = 'treaty'))).toEqual([]);
    expect(
      run(legalBasesRule, (s) => {
        s.legalBases = [{ id: 'treaty', name: 'Treaty' }];
        s.actions[0].legalBasis = 'tready';
      }),
    ).toEqual(['s:1:1: unknown legal basis "tready" (known: treaty) (at /actions/0/legalBasis)']);
  });

  it('ids: duplicates and reserved names', () => {
    expect(run(idsRule, (s) => (s.injects[1].id = 'first-logins'))).toEqual([
      's:1:1: duplicate inject id "first-logins" (first declared at /injects/0) (at /injects/1/id)',
    ]);
    expect(run(idsRule, (s) => (s.indicators = [{ id: 'cohesion', name: 'C', initial: 0 }]))).toEqual([
      's:1:1: indicator id "cohesion" is reserved for a built-in indicator (at /indicators/0/id)',
    ]);
  });

  it('indicators: an empty range, a start outside it', () => {
    expect(run(indicatorsRule, (s) => (s.indicators = [{ id: 't', name: 'T', min: 3, max: 1, initial: 2 }]))).toEqual([
      's:1:1: indicator "t": min (3) must be less than max (1) (at /indicators/0/max)',
    ]);
    expect(run(indicatorsRule, (s) => (s.indicators = [{ id: 't', name: 'T', min: 0, max: 1, initial: 2 }]))).toEqual([
      's:1:1: indicator "t": initial value 2 is outside its range 0..1 (at /indicators/0/initial)',
    ]);
  });

  it('references: audiences, detectors, objectives, sources', () => {
    expect(
      run(referencesRule, (s) => {
        s.incidents[0].detectedBy = ['fr'];
        s.injects[0].objectives = ['attrib'];
        s.injects[0].sources = ['nyt'];
      }),
    ).toEqual([
      's:1:1: unknown team "fr" (known: usa, uk) (at /incidents/0/detectedBy/0)',
      's:1:1: unknown learning objective "attrib" (known: attribution) (at /injects/0/objectives/0)',
      's:1:1: unknown source "nyt" (the scenario declares no sources) (at /injects/0/sources/0)',
    ]);
  });

  it('rounds: beyond the last round, phases out of order', () => {
    expect(run(roundsRule, (s) => (s.injects[1].round = 3))).toEqual([
      's:1:1: round 3 is beyond the last round (the scenario has 2 rounds) (at /injects/1/round)',
    ]);
    expect(run(roundsRule, (s) => (s.adversary.phases[0].fromRound = 2))).toEqual([
      's:1:1: the first adversary phase must start in round 1, not round 2 (at /adversary/phases/0/fromRound)',
    ]);
  });

  it('conditions: references and conditions that can never hold', () => {
    expect(run(conditionsRule, (s) => (s.injects[1].when = { injectFired: 'first-login' }))).toEqual([
      's:1:1: unknown inject "first-login" (known: first-logins, press-asks) (at /injects/1/when/injectFired)',
    ]);
    expect(run(conditionsRule, (s) => (s.injects[1].when = { indicator: 'escalation', op: '>', value: 9 }))).toEqual([
      's:1:1: condition is always false: "escalation > 9" never holds, as escalation is at most 9; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(run(conditionsRule, (s) => (s.injects[1].when = { indicator: 'round', op: '>=', value: 2 }))).toEqual([]);
  });

  it('effects: read-only indicators, unknown events and ids', () => {
    expect(run(effectsRule, (s) => (s.actions[0].effects = [{ indicator: 'cohesion', add: 1 }]))).toEqual([
      's:1:1: built-in indicator "cohesion" is read-only: effects may change declared indicators only (at /actions/0/effects/0/indicator)',
    ]);
    expect(run(effectsRule, (s) => (s.actions[0].effects = [{ send: { chart: 'adversary', event: 'DETECT' } }]))).toEqual([
      's:1:1: unknown event "DETECT" of the adversary chart (known: ESCALATE, DETERRENCE_SIGNAL, ADVANCE_PHASE) (at /actions/0/effects/0/send/event)',
    ]);
  });

  it('rubric: thresholds that rise', () => {
    expect(
      run(rubricRule, (s) => (s.meta.learningObjectives[0].rubric = { thresholds: { exemplary: 0.5, proficient: 0.7, developing: 0.2 } })),
    ).toEqual([
      's:1:1: the rubric thresholds of "attribution" must not rise from exemplary to developing (they are 0.5, 0.7, 0.2) (at /meta/learningObjectives/0/rubric/thresholds)',
    ]);
  });

  it('injects: one nothing fires', () => {
    expect(run(injectsRule, (s) => delete s.injects[1].round)).toEqual([
      's:1:1: inject can never fire: it has no round, no condition, and nothing fires it (at /injects/1)',
    ]);
  });

  it('actions: one no team can afford', () => {
    expect(run(actionsRule, (s) => (s.actions[1].cost = { capital: 9 }))).toEqual([
      's:1:1: no team can take action "attribute": it costs 9 capital and the teams that may take it have at most 3 (at /actions/1/cost/capital)',
    ]);
    expect(run(actionsRule, (s) => (s.actions[0].attributionStance = 'notInAPosition'))).toEqual([
      `s:1:1: action "${JSON.parse(minimalText).actions[0].id}" says a government is not in a position to attribute, but it is a "${JSON.parse(minimalText).actions[0].category}" action: make it an "attribution" action (at /actions/0/attributionStance)`,
    ]);
    expect(run(actionsRule, (s) => Object.assign(s.actions[1], { attributionStance: 'notInAPosition', targetsIncident: false }))).toEqual([
      's:1:1: action "attribute" says a government is not in a position to attribute, but it targets no incident: a stance is about one incident, so leave targetsIncident at true (at /actions/1/attributionStance)',
    ]);
  });

  it('actions: diminishing returns on an action that changes no indicator', () => {
    expect(run(actionsRule, (s) => (s.actions[0].repeatFactor = 0.5))).toEqual([
      's:1:1: warning: action "investigate" has a repeatFactor but none of its effects adds to an indicator, so repeats would not diminish anything: give it an indicator effect with "add", or remove repeatFactor (at /actions/0/repeatFactor)',
    ]);
    const withIndicator = (s: Record<string, any>) => {
      s.indicators = [{ id: 'trust', name: 'Trust', initial: 50 }];
      s.actions[0].effects.push({ indicator: 'trust', add: 2 });
      s.actions[0].repeatFactor = 0.5;
    };
    expect(run(actionsRule, withIndicator)).toEqual([]);
  });

  it('law: classification and injured teams', () => {
    expect(run(lawRule, (s) => (s.incidents[0].injured = []))).toEqual([
      's:1:1: incident "intrusion" lists no injured team: leave "injured" out to make every team an injured state (at /incidents/0/injured)',
    ]);
  });

  it('hints: unused objectives, thin teams, unreachable confidence', () => {
    expect(run(unusedObjectivesRule, (s) => (s.injects[0].objectives = []))).toEqual([
      's:1:1: warning: learning objective "attribution" is not exercised by any inject (at /meta/learningObjectives/0/id)',
    ]);
    expect(run(thinTeamsRule, (s) => (s.teams[1].briefing = 'Short.'))).toEqual([
      's:1:1: warning: team "uk" receives no private inject and its briefing is only 6 characters long (at /teams/1/briefing)',
    ]);
    expect(
      run(reachableConfidenceRule, (s) => {
        s.actions[1].minConfidence = 'high';
        s.actions[0].effects = [];
        s.actions[0].category = 'resilience';
      }),
    ).toEqual([
      's:1:1: warning: action "attribute" needs high confidence, but no effect in the scenario adds evidence, so no team can reach it (at /actions/1/minConfidence)',
    ]);
  });

  it('schema reference: a copy by file name or the id, nothing else', () => {
    expect(run(schemaRefRule, (s) => (s.$schema = '../../schemas/firebreak-scenario.schema.json'))).toEqual([]);
    expect(run(schemaRefRule, (s) => (s.$schema = SCENARIO_SCHEMA_ID))).toEqual([]);
    expect(run(schemaRefRule, (s) => (s.$schema = 'https://firebreak.dev/schema/scenario/v1.json#'))).toEqual([]);
    expect(run(schemaRefRule, (s) => (s.$schema = 'https://firebreak.dev/schema/history/v1.json'))).toHaveLength(1);
    expect(run(schemaRefRule, (s) => (s.$schema = 'https://json-schema.org/draft/2020-12/schema'))).toHaveLength(1);
  });

  it('requirements: a joint minimum on an action nobody can join, and one above the eligible teams', () => {
    expect(run(requirementsRule, (s) => (s.actions[1].jointMinimum = 2))).toEqual([
      's:1:1: action "attribute" has a jointMinimum but is not joinable, so no other team can ever join it: set "joinable": true or remove jointMinimum (at /actions/1/jointMinimum)',
    ]);
    expect(run(requirementsRule, (s) => Object.assign(s.actions[1], { joinable: true, jointMinimum: 2 }))).toEqual([]);
    expect(run(requirementsRule, (s) => Object.assign(s.actions[1], { joinable: true, jointMinimum: 2, availableTo: ['uk'] }))).toEqual([
      's:1:1: action "attribute" takes effect only with 2 participants, but only 1 team may take it (uk) (at /actions/1/jointMinimum)',
    ]);
    expect(run(requirementsRule, (s) => Object.assign(s.actions[1], { targetsIncident: false, requiresStateAttribution: true, minConfidence: 'none' }))).toEqual([
      's:1:1: action "attribute" targets no incident, so requiresStateAttribution is never checked: remove it or let the action target an incident (at /actions/1/requiresStateAttribution)',
    ]);
  });

  it('ladder: a short ladder caps escalation (a warning), a gap below its top is an error', () => {
    const ladder = (levels: number[]) => (s: Record<string, any>) => (s.escalation = { ladder: levels.map((level) => ({ level, label: `L${level}` })) });
    expect(run(ladderRule, ladder([0, 1, 2]))).toEqual([]);
    expect(run(ladderRule, ladder([0, 1]))).toEqual([
      's:1:1: warning: action "attribute" signals rung 2, above the top of the escalation ladder: escalation never climbs above rung 1, so it counts as 1 (the ladder has levels 0, 1) (at /actions/1/rung)',
    ]);
    expect(run(ladderRule, (s) => (ladder([1, 2])(s), (s.escalation.start = 0)))).toEqual([
      's:1:1: the exercise starts at rung 0, which the escalation ladder does not cover: the level has no rung to show (the ladder has levels 1, 2) (at /escalation/start)',
      's:1:1: action "investigate" signals rung 0, which the escalation ladder does not cover: the level has no rung to show (the ladder has levels 1, 2) (at /actions/0/rung)',
    ]);
  });

  it('end conditions: decided before play', () => {
    expect(run(endConditionsRule, (s) => (s.endConditions = [{ id: 'late', when: { indicator: 'round', op: '>=', value: 2 }, outcome: 'neutral', summary: 'x' }]))).toEqual([]);
    expect(
      run(endConditionsRule, (s) => {
        s.facts = [{ id: 'calm', initial: true }];
        s.actions[0].effects.push({ fact: 'calm', set: false });
        s.endConditions = [{ id: 'early', when: { fact: 'calm' }, outcome: 'neutral', summary: 'x' }];
      }),
    ).toEqual([
      's:1:1: warning: end condition "early" already holds when the exercise starts, so it ends the exercise after round 1 unless round 1 changes that (at /endConditions/0/when)',
    ]);
    expect(run(endConditionsRule, (s) => (s.endConditions = [{ id: 'calm', when: { indicator: 'escalation', op: '<=', value: 9 }, outcome: 'neutral', summary: 'x' }]))).toEqual([
      's:1:1: end condition "calm" always holds ("escalation <= 9" always holds, as escalation is at most 9), so it ends every exercise after round 1 (at /endConditions/0/when)',
    ]);
  });

  it('end conditions: rounds that are never played', () => {
    const threeRounds = (s: Record<string, any>) => s.rounds.push({ title: 'Fallout' });
    const ending = (when: unknown) => (s: Record<string, any>) => {
      threeRounds(s);
      s.endConditions = [{ id: 'short', when, outcome: 'neutral', summary: 'x' }];
    };
    expect(run(endConditionsRule, ending({ indicator: 'round', op: '>=', value: 1 }))).toEqual([
      's:1:1: end condition "short" holds whatever the players do once round 1 is over, so every exercise ends there and rounds 2 to 3 (from "Attribution") are never played: remove them or change the condition (at /endConditions/0/when)',
    ]);
    expect(run(endConditionsRule, ending({ any: [{ fact: 'x' }, { indicator: 'round', op: '==', value: 2 }] }))).toEqual([
      's:1:1: end condition "short" holds whatever the players do once round 2 is over, so every exercise ends there and round 3 ("Fallout") is never played: remove it or change the condition (at /endConditions/0/when)',
    ]);
    // The last round ending the exercise is what an end condition on the round is for.
    expect(run(endConditionsRule, ending({ indicator: 'round', op: '>=', value: 3 }))).toEqual([]);
    // Depending on play as well, it may leave later rounds to be played.
    expect(run(endConditionsRule, ending({ all: [{ indicator: 'round', op: '>=', value: 1 }, { indicator: 'escalation', op: '>=', value: 5 }] }))).toEqual([]);
  });

  it('conditions: facts and indicators nothing changes, actions a team may not take', () => {
    const when = (condition: unknown, change: (s: Record<string, any>) => void = () => {}) =>
      run(conditionsRule, (s) => {
        s.facts = [{ id: 'leaked' }, { id: 'secret', initial: true }];
        s.indicators = [{ id: 'trust', name: 'Trust', min: 0, max: 100, initial: 60 }];
        change(s);
        s.injects[1].when = condition;
      });
    expect(when({ fact: 'leaked' })).toEqual([
      's:1:1: condition is always false: fact "leaked" is never true: it starts false and no effect sets it to true; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ fact: 'leaked' }, (s) => s.actions[0].effects.push({ fact: 'leaked', set: true }))).toEqual([]);
    expect(when({ not: { fact: 'secret' } })).toEqual([
      's:1:1: condition is always false: its "not" negates a condition that always holds: fact "secret" is always true: it starts true and no effect sets it to false; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ indicator: 'trust', op: '<', value: 50 })).toEqual([
      's:1:1: condition is always false: "trust < 50" never holds, as trust is always 60 (no effect changes it); inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ indicator: 'trust', op: '<', value: 50 }, (s) => (s.injects[0].effects = [{ indicator: 'trust', set: 70 }, { indicator: 'trust', atLeast: 65 }]))).toEqual([
      's:1:1: condition is always false: "trust < 50" never holds, as trust is at least 60 (effects only set trust, to values from 60 to 70); inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ indicator: 'trust', op: '<', value: 50 }, (s) => (s.injects[0].effects = [{ indicator: 'trust', add: -5 }]))).toEqual([]);
    expect(when({ actionTaken: 'attribute', by: 'uk' }, (s) => (s.actions[1].availableTo = ['usa']))).toEqual([
      's:1:1: condition is always false: team "uk" never takes action "attribute": availableTo leaves it out; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(
      when({ actionTaken: 'attribute', by: 'uk' }, (s) => {
        s.actions[1].legalBasis = 'treaty';
        s.teams[1].legalBases = ['domestic-law'];
      }),
    ).toEqual([
      's:1:1: condition is always false: team "uk" never takes action "attribute": it has no legal basis "treaty"; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ actionTaken: 'attribute', by: 'uk' })).toEqual([]);
  });

  it('effect shapes: adding nothing', () => {
    expect(run(effectShapesRule, (s) => (s.actions[0].effects = [{ harm: 'intrusion', add: 0 }]))).toEqual([
      's:1:1: effect on the harm of "intrusion" does nothing: it adds 0 (at /actions/0/effects/0/add)',
    ]);
    expect(run(effectShapesRule, (s) => (s.actions[0].effects = [{ harm: 'intrusion', add: -1 }]))).toEqual([]);
  });

  it('quantities: a negative threshold', () => {
    expect(run(quantitiesRule, (s) => (s.evidenceThresholds = { suspected: -1 }))).toEqual([
      's:1:1: evidence threshold "suspected" cannot be negative (got -1) (at /evidenceThresholds/suspected)',
    ]);
  });

  it('effect shapes: beyond the scale the engine clamps to', () => {
    const withTrust = (effects: unknown[]) => (s: Record<string, any>) => {
      s.indicators = [{ id: 'trust', name: 'Trust', min: 0, max: 100, initial: 50 }];
      s.actions[0].effects = effects;
    };
    expect(run(effectShapesRule, withTrust([{ indicator: 'trust', set: 0 }, { indicator: 'trust', atLeast: 100 }, { escalate: -9 }, { harm: 'intrusion', add: -10 }]))).toEqual([]);
    expect(run(effectShapesRule, withTrust([{ indicator: 'trust', set: 20, atLeast: -5 }, { escalate: -10 }]))).toEqual([
      's:1:1: effect raises indicator "trust" to -5, outside its range 0..100: it stops at 0, so write 0 or widen the range (at /actions/0/effects/0/atLeast)',
      's:1:1: effect escalates by -10 rungs, but the ladder has ten (0 to 9): it is the same as -9 (at /actions/0/effects/1/escalate)',
    ]);
  });

  it('texts: blank where a reader looks, and nowhere else', () => {
    expect(run(textsRule, (s) => (s.debrief.facilitatorGuide = ''))).toEqual([]);
    expect(run(textsRule, (s) => (s.adversary.briefing = ''))).toEqual([]);
    expect(
      run(textsRule, (s) => {
        s.teams[0].name = '\t';
        s.meta.authors.push(' ');
        s.injects[0].facilitatorNotes = '';
      }),
    ).toEqual([
      's:1:1: a blank entry in "authors": write it or remove it (at /meta/authors/1)',
      's:1:1: "name" is blank, so there is nothing to read: write it (at /teams/0/name)',
      's:1:1: "facilitatorNotes" is blank, so there is nothing to read: write it or leave the field out (at /injects/0/facilitatorNotes)',
    ]);
  });

  it('lists: the same entry twice', () => {
    expect(run(listsRule, (s) => (s.injects[0].audience = { teams: ['usa', 'uk'] }))).toEqual([]);
    expect(run(listsRule, (s) => (s.injects[0].audience = { teams: ['usa', 'usa'] }))).toEqual([
      's:1:1: warning: "usa" is listed twice in "teams" (first at /injects/0/audience/teams/0): the second changes nothing; was another meant? (at /injects/0/audience/teams/1)',
    ]);
  });

  it('language: a tag, and one that names a language', () => {
    for (const tag of ['en', 'fr', 'de-CH', 'ro']) expect(run(languageRule, (s) => (s.meta.language = tag)), tag).toEqual([]);
    expect(run(languageRule, (s) => (s.meta.language = 'english'))).toEqual([
      's:1:1: warning: "english" names no language Firebreak knows: write a BCP 47 tag such as en, fr or de-CH (at /meta/language)',
    ]);
    expect(run(languageRule, (s) => (s.meta.language = 'en GB'))).toEqual([
      's:1:1: "en GB" is not a language tag: write a tag such as en, fr or de-CH (at /meta/language)',
    ]);
  });

  it('dates: rounds run forward, compared as finely as both are given', () => {
    expect(dateStart('7 May - June 2017')).toEqual([2017, 5, 7]);
    expect(dateStart('February-April 2017')).toEqual([2017, 2, 0]);
    expect(dateStart('2016-10-07')).toEqual([2016, 10, 7]);
    expect(dateStart('Autumn 2016')).toEqual([2016, 0, 0]);
    expect(dateStart('the weekend before the vote')).toBeUndefined();
    const dated = (...dates: string[]) => (s: Record<string, any>) => (s.rounds = dates.map((date, i) => ({ title: `R${i + 1}`, date })));
    expect(run(datesRule, dated('3 May 2017', 'May 2017', 'Summer 2017', 'the weekend before', '2017-09-01'))).toEqual([]);
    expect(run(datesRule, dated('June 2017', '5 May 2017', 'May 2017'))).toEqual([
      's:1:1: warning: round 2 is dated "5 May 2017", before round 1 ("June 2017"): rounds run forward in time; is the year right? (at /rounds/1/date)',
    ]);
  });

  it('moves: one that never happens, one nobody notices', () => {
    const move = { id: 'leak', name: 'Leak', postures: ['emboldened'], effects: [{ escalate: 1 }] };
    expect(run(movesRule, (s) => (s.adversary.moves = [move]))).toEqual([]);
    expect(run(movesRule, (s) => (s.adversary.moves = [{ ...move, chance: 0 }]))).toEqual([
      's:1:1: adversary move "leak" has chance 0, so it never happens: raise the chance or remove the move (at /adversary/moves/0/chance)',
    ]);
  });

  it('requirements: state attribution no incident can give', () => {
    expect(run(requirementsRule, (s) => (s.actions[1].requiresStateAttribution = true))).toEqual([
      's:1:1: action "attribute" requires state attribution, but no incident of the scenario can give it: that needs an incident whose responsibility is state-ordered or above and whose legalCategory is a wrongful act (internationallyWrongfulAct, useOfForce or armedAttack) (at /actions/1/requiresStateAttribution)',
    ]);
    expect(
      run(requirementsRule, (s) => {
        s.actions[1].requiresStateAttribution = true;
        Object.assign(s.incidents[0], { kind: 'hackAndLeak', legalCategory: 'internationallyWrongfulAct' });
      }),
    ).toEqual([]);
  });

  it('conditions: an inject waits for its round before its condition is read', () => {
    const inject = (when: unknown) => (s: Record<string, any>) => {
      s.rounds.push({ title: 'Fallout' });
      s.injects[1].when = when;
    };
    expect(run(conditionsRule, inject({ indicator: 'round', op: '>=', value: 3 }))).toEqual([]);
    expect(run(conditionsRule, inject({ indicator: 'round', op: '<', value: 2 }))).toEqual([
      's:1:1: condition is always false: "round < 2" never holds, as round is at least 2 (it is read from round 2, the inject\'s round, on); inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
  });

  it('law: election rounds within the scenario', () => {
    expect(run(lawRule, (s) => (s.electionRounds = [2]))).toEqual([]);
    expect(run(lawRule, (s) => (s.electionRounds = [3]))).toEqual([
      's:1:1: round 3 is beyond the last round (the scenario has 2 rounds) (at /electionRounds/0)',
    ]);
  });

  it('actions: a team no action is open to', () => {
    expect(run(actionsRule, (s) => s.actions.forEach((a: Record<string, unknown>) => (a.availableTo = ['usa'])))).toEqual([
      's:1:1: warning: no action is open to team "uk": every action\'s availableTo or legalBasis leaves it out, so it can only watch (at /teams/1/id)',
    ]);
  });
});
