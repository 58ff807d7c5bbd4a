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
    expect(run(endConditionsRule, (s) => (s.endConditions = [{ id: 'early', when: { indicator: 'round', op: '>=', value: 1 }, outcome: 'neutral', summary: 'x' }]))).toEqual([
      's:1:1: warning: end condition "early" already holds when the exercise starts, so it ends the exercise after round 1 unless round 1 changes that (at /endConditions/0/when)',
    ]);
    expect(run(endConditionsRule, (s) => (s.endConditions = [{ id: 'calm', when: { indicator: 'escalation', op: '<=', value: 9 }, outcome: 'neutral', summary: 'x' }]))).toEqual([
      's:1:1: end condition "calm" always holds ("escalation <= 9" always holds, as escalation is at most 9), so it ends every exercise after round 1 (at /endConditions/0/when)',
    ]);
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
});
