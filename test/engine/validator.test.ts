import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioBytes, loadScenarioText, parseScenarioObject, type LoadResult } from '../../src/engine/scenario/load';
import { formatProblem, type Problem } from '../../src/engine/scenario/problems';

const fixtures = new URL('../fixtures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');
const minimalText = read('minimal.json');
const minimal = (): Record<string, any> => JSON.parse(minimalText);

function lines(result: LoadResult): string[] {
  return (result.ok ? result.warnings : result.problems).map(formatProblem);
}

/** Every broken scenario and exactly what the loader must say about it. */
const expected: Record<string, string[]> = {
  'not-utf8.json': [
    `test/fixtures/broken/not-utf8.json:23:30: the file is not valid UTF-8: byte 0xF4 here is not part of a UTF-8 character (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8 (at /teams/1/name)`,
  ],
  'wrong-schema.json': [
    `test/fixtures/broken/wrong-schema.json:2:14: "$schema" names "https://json.schemastore.org/package.json", which is not Firebreak's scenario schema: use "./firebreak-scenario.schema.json" (firebreak schema --write DIR puts a copy there) or "https://firebreak.dev/schema/scenario/v1.json" (at /$schema)`,
  ],
  'too-deep.json': [
    `test/fixtures/broken/too-deep.json:93:116: the document is nested more than 64 levels deep here (at /debrief/whatHappened/0/$comment/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0)`,
  ],
  'leading-zero.json': [
    `test/fixtures/broken/leading-zero.json:19:33: invalid number "03": JSON numbers may not start with a leading zero; write 3, or put it in quotes if it is a code rather than a number (at /teams/0/resources/capital)`,
    `test/fixtures/broken/leading-zero.json:24:45: invalid number "+51.51": JSON numbers have no plus sign; write 51.51 (at /teams/1/capital/lat)`,
  ],
  'truncated.json': [
    `test/fixtures/broken/truncated.json:79:18: the file ends before the document does: the object opened at line 75, column 5 is never closed (3 objects and lists are still open); was the file cut short? (at /injects/0)`,
  ],
  'unmeetable-requirement.json': [
    `test/fixtures/broken/unmeetable-requirement.json:54:24: action "investigate" targets no incident, so its minConfidence "low" is never checked: set "minConfidence": "none" or let it target an incident (at /actions/0/minConfidence)`,
    `test/fixtures/broken/unmeetable-requirement.json:68:64: action "attribute" requires state attribution, but no incident of the scenario can give it: that needs an incident whose responsibility is state-ordered or above and whose legalCategory is a wrongful act (internationallyWrongfulAct, useOfForce or armedAttack) (at /actions/1/requiresStateAttribution)`,
    `test/fixtures/broken/unmeetable-requirement.json:73:23: action "attribute" takes effect only with 3 participants, but only 2 teams may take it (usa, uk) (at /actions/1/jointMinimum)`,
  ],
  'end-conditions.json': [
    `test/fixtures/broken/end-conditions.json:93:34: end condition "any-phase" always holds (it lists every state of adversary.phase), so it ends every exercise after round 1 (at /endConditions/0/when)`,
    `test/fixtures/broken/end-conditions.json:95:28: condition is always false: "escalation > 9" never holds, as escalation is at most 9; end condition "top" can never be reached (at /endConditions/2/when)`,
    `test/fixtures/broken/end-conditions.json:94:29: warning: end condition "leak" already holds when the exercise starts, so it ends the exercise after round 1 unless round 1 changes that (at /endConditions/1/when)`,
  ],
  'ladder.json': [
    `test/fixtures/broken/ladder.json:65:15: action "attribute" signals rung 2, which the escalation ladder does not cover: the level has no rung to show (the ladder has levels 0, 1, 3) (at /actions/1/rung)`,
    `test/fixtures/broken/ladder.json:95:18: the escalation ladder names level 1 twice (first at /escalation/ladder/1): give each rung its own level (at /escalation/ladder/2/level)`,
  ],
  'effect-shapes.json': [
    `test/fixtures/broken/effect-shapes.json:59:58: effect on indicator "trust" has both "add" and "set": set replaces the value and add would be ignored; keep one of them (at /actions/0/effects/1)`,
    `test/fixtures/broken/effect-shapes.json:59:106: effect on indicator "trust" does nothing: give it "add", "set" or "atLeast" (at /actions/0/effects/2)`,
    `test/fixtures/broken/effect-shapes.json:59:146: effect does nothing: it escalates by 0 rungs (at /actions/0/effects/3/escalate)`,
    `test/fixtures/broken/effect-shapes.json:59:197: evidence effect on "intrusion" does nothing: its list of teams is empty (leave "teams" out for the team that acts) (at /actions/0/effects/4/teams)`,
  ],
  'negative-quantities.json': [
    `test/fixtures/broken/negative-quantities.json:20:42: starting evidence cannot be negative (got -2): it counts evidence points, from 0 (at /teams/0/startingEvidence/intrusion)`,
    `test/fixtures/broken/negative-quantities.json:92:65: evidence threshold "moderate" (2) is below "low" (3): the thresholds must rise from suspected to high (at /evidenceThresholds/moderate)`,
  ],
  'always-false.json': [
    `test/fixtures/broken/always-false.json:71:24: condition is always false: no condition in its "any" can hold ("escalation >= 10" never holds, as escalation is at most 9; its "not" negates a condition that always holds: "cohesion <= 100" always holds, as cohesion is at most 100); action "attribute" can never be taken (at /actions/1/prerequisites)`,
    `test/fixtures/broken/always-false.json:93:15: condition is always false: "round > 2" never holds, as round is at most 2 (the scenario has 2 rounds); inject "press-asks" never fires on its condition (at /injects/1/when)`,
  ],
  'out-of-range.json': [
    `test/fixtures/broken/out-of-range.json:19:27: must be at most 1, got 15: it runs from 0 to 1; for 15 % write 0.15 (at /teams/0/economicExposure)`,
    `test/fixtures/broken/out-of-range.json:25:45: must be at most 90, got 95: it runs from -90 to 90 (at /teams/1/capital/lat)`,
    `test/fixtures/broken/out-of-range.json:35:87: must be at most 1, got 1.5: it runs from 0 to 1 (at /adversary/moves/0/chance)`,
    `test/fixtures/broken/out-of-range.json:48:24: must be at least 0, got -0.1: it runs from 0 to 1 (at /incidents/0/deceptionRisk)`,
  ],
  'blank-text.json': [
    `test/fixtures/broken/blank-text.json:71:27: "prerequisiteText" is blank, so there is nothing to read: write it or leave the field out (at /actions/1/prerequisiteText)`,
    `test/fixtures/broken/blank-text.json:86:16: "title" is blank, so there is nothing to read: write it (at /injects/1/title)`,
    `test/fixtures/broken/blank-text.json:92:77: a blank entry in "discussionQuestions": write it or remove it (at /rounds/0/discussionQuestions/1)`,
    `test/fixtures/broken/blank-text.json:93:86: "label" is blank, so there is nothing to read: write it (at /escalation/ladder/1/label)`,
  ],
  'dates-out-of-order.json': [
    `test/fixtures/broken/dates-out-of-order.json:93:39: warning: round 2 is dated "May 2016", before round 1 ("3 May 2017"): rounds run forward in time; is the year right? (at /rounds/1/date)`,
  ],
  'dead-conditions.json': [
    `test/fixtures/broken/dead-conditions.json:89:15: condition is always false: no condition in its "any" can hold (fact "leaked" is never true: it starts false and no effect sets it to true; "trust < 40" never holds, as trust is at least 60 (effects only set trust, to values from 60 to 70)); inject "press-asks" never fires on its condition (at /injects/1/when)`,
    `test/fixtures/broken/dead-conditions.json:97:34: condition is always false: team "uk" never takes action "attribute": availableTo leaves it out; end condition "uk-speaks" can never be reached (at /endConditions/0/when)`,
  ],
  'unplayed-rounds.json': [
    `test/fixtures/broken/unplayed-rounds.json:93:35: end condition "two-rounds" holds whatever the players do once round 2 is over, so every exercise ends there and rounds 3 to 4 (from "Fallout") are never played: remove them or change the condition (at /endConditions/0/when)`,
  ],
  'clamped-effects.json': [
    `test/fixtures/broken/clamped-effects.json:60:40: effect sets indicator "trust" to 150, outside its range 0..100: it stops at 100, so write 100 or widen the range (at /actions/0/effects/1/set)`,
    `test/fixtures/broken/clamped-effects.json:61:39: effect adds 15 to the harm of "intrusion", which runs from 0 to 10: it is the same as 10 (at /actions/0/effects/2/add)`,
    `test/fixtures/broken/clamped-effects.json:62:23: effect escalates by 12 rungs, but the ladder has ten (0 to 9): it is the same as 9 (at /actions/0/effects/3/escalate)`,
  ],
  'adversary-moves.json': [
    `test/fixtures/broken/adversary-moves.json:34:87: adversary move "leak" has chance 0, so it never happens: raise the chance or remove the move (at /adversary/moves/0/chance)`,
    `test/fixtures/broken/adversary-moves.json:35:7: warning: adversary move "wait" has no effects and no news: when it happens nothing changes and nobody hears of it (at /adversary/moves/1)`,
  ],
  'repeated-entries.json': [
    `test/fixtures/broken/repeated-entries.json:70:36: warning: "usa" is listed twice in "availableTo" (first at /actions/1/availableTo/0): the second changes nothing; was another meant? (at /actions/1/availableTo/2)`,
    `test/fixtures/broken/repeated-entries.json:93:25: warning: 2 is listed twice in "electionRounds" (first at /electionRounds/0): the second changes nothing; was another meant? (at /electionRounds/1)`,
  ],
  'language.json': [
    `test/fixtures/broken/language.json:9:17: "en_GB" is not a language tag: tags use hyphens, write en-GB (at /meta/language)`,
  ],
  'rounds-and-roles.json': [
    `test/fixtures/broken/rounds-and-roles.json:90:15: condition is always false: "round < 2" never holds, as round is always 2 (it is read only in round 2, the inject's round); inject "press-asks" never fires on its condition (at /injects/1/when)`,
    `test/fixtures/broken/rounds-and-roles.json:95:22: round 3 is beyond the last round (the scenario has 2 rounds) (at /electionRounds/0)`,
    `test/fixtures/broken/rounds-and-roles.json:22:13: warning: no action is open to team "uk": every action's availableTo or legalBasis leaves it out, so it can only watch (at /teams/1/id)`,
  ],
  'bad-enum.json': [
    `test/fixtures/broken/bad-enum.json:3:20: must be 1 (at /formatVersion)`,
    `test/fixtures/broken/bad-enum.json:39:15: must be one of intrusion, hackAndLeak, disinformation, infraProbing, deepfake, disruption, tallyAlteration (at /incidents/0/kind)`,
    `test/fixtures/broken/bad-enum.json:67:24: must be one of none, low, moderate, high (at /actions/1/minConfidence)`,
  ],
  'comment.json': [
    `test/fixtures/broken/comment.json:3:23: comments are not allowed in JSON (at /)`,
  ],
  'duplicate-id.json': [
    `test/fixtures/broken/duplicate-id.json:22:13: duplicate team id "usa" (first declared at /teams/0) (at /teams/1/id)`,
    `test/fixtures/broken/duplicate-id.json:61:13: duplicate action id "investigate" (first declared at /actions/0) (at /actions/1/id)`,
  ],
  'legal-classification.json': [
    `test/fixtures/broken/legal-classification.json:43:24: incident "intrusion" is an intrusion, which every scenario classifies as espionage (data theft is espionage; leaking and amplifying it is a prohibited intervention), not internationallyWrongfulAct (at /incidents/0/legalCategory)`,
    `test/fixtures/broken/legal-classification.json:44:26: unknown team "ukk" (known: usa, uk) (at /incidents/0/injured/1)`,
  ],
  'missing-field.json': [
    `test/fixtures/broken/missing-field.json:60:5: missing required field "severity" (at /actions/1/severity)`,
    `test/fixtures/broken/missing-field.json:82:5: missing required field "audience" (at /injects/1/audience)`,
  ],
  'never-fires.json': [
    `test/fixtures/broken/never-fires.json:83:5: inject can never fire: it has no round, no condition, and nothing fires it (at /injects/1)`,
  ],
  'no-legal-basis.json': [
    `test/fixtures/broken/no-legal-basis.json:59:28: no team can take action "investigate": it costs 4 capital and the teams that may take it have at most 3 (at /actions/0/cost/capital)`,
    `test/fixtures/broken/no-legal-basis.json:72:21: no team can take action "attribute": its legal basis "eu-cyber-sanctions" is not among the legal bases of usa, uk (at /actions/1/legalBasis)`,
  ],
  'not-a-condition.json': [
    `test/fixtures/broken/not-a-condition.json:88:60: not a valid condition: expected one of all, any, not, indicator, fact, state, confidence, actionTaken, injectFired (did you mean "indicator" instead of "indicatr"?) (at /injects/1/when/all/1)`,
    `test/fixtures/broken/not-a-condition.json:89:19: missing required field "set" (at /injects/1/effects/0/set)`,
    `test/fixtures/broken/not-a-condition.json:89:39: unknown field "is" (at /injects/1/effects/0/is)`,
    `test/fixtures/broken/not-a-condition.json:89:53: not a valid effect: it has "escalate" and "fireInject"; use exactly one of indicator, fact, harm, evidence, escalate, fireInject, send (at /injects/1/effects/1)`,
  ],
  'round-beyond.json': [
    `test/fixtures/broken/round-beyond.json:33:56: the first adversary phase must start in round 1, not round 2 (at /adversary/phases/0/fromRound)`,
    `test/fixtures/broken/round-beyond.json:34:52: round 4 is beyond the last round (the scenario has 2 rounds) (at /adversary/phases/1/fromRound)`,
    `test/fixtures/broken/round-beyond.json:90:16: round 3 is beyond the last round (the scenario has 2 rounds) (at /injects/1/round)`,
  ],
  'several-errors.json': [
    `test/fixtures/broken/several-errors.json:58:72: unknown team "fra" (known: usa, uk) (at /actions/0/effects/0/teams/1)`,
    `test/fixtures/broken/several-errors.json:61:13: duplicate action id "investigate" (first declared at /actions/0) (at /actions/1/id)`,
    `test/fixtures/broken/several-errors.json:71:50: unknown team "fra" (known: usa, uk) (at /actions/1/prerequisites/confidence/team)`,
    `test/fixtures/broken/several-errors.json:80:38: unknown team "deu" (known: usa, uk) (at /injects/0/audience/teams/1)`,
    `test/fixtures/broken/several-errors.json:81:22: unknown learning objective "attributoin" (known: attribution) (at /injects/0/objectives/0)`,
    `test/fixtures/broken/several-errors.json:87:16: round 5 is beyond the last round (the scenario has 2 rounds) (at /injects/1/round)`,
    `test/fixtures/broken/several-errors.json:10:15: warning: learning objective "attribution" is not exercised by any inject (at /meta/learningObjectives/0/id)`,
  ],
  'trailing-comma.json': [
    `test/fixtures/broken/trailing-comma.json:19:36: trailing comma: JSON does not allow a comma before "}" (at /teams/0/resources)`,
    `test/fixtures/broken/trailing-comma.json:41:27: trailing comma: JSON does not allow a comma before "]" (at /incidents/0/detectedBy/0)`,
  ],
  'unknown-event.json': [
    `test/fixtures/broken/unknown-event.json:60:54: unknown event "DETECTED" of the attribution chart (known: DETECT, PRIVATE_SIGNAL, PUBLIC_ATTRIBUTION, RETRACT) (at /actions/0/effects/1/send/event)`,
    `test/fixtures/broken/unknown-event.json:61:52: unknown event "PUBLIC_ATTRIBUTION" of the adversary chart (known: ESCALATE, DETERRENCE_SIGNAL, ADVANCE_PHASE) (at /actions/0/effects/2/send/event)`,
  ],
  'unknown-field.json': [
    `test/fixtures/broken/unknown-field.json:57:31: unknown field "politicalCapital" (at /actions/0/cost/politicalCapital)`,
    `test/fixtures/broken/unknown-field.json:60:5: missing required field "severity" (at /actions/1/severity)`,
    `test/fixtures/broken/unknown-field.json:64:7: unknown field "sevrity" (did you mean "severity"?) (at /actions/1/sevrity)`,
    `test/fixtures/broken/unknown-field.json:91:3: unknown field "round" (did you mean "rounds"?) (at /round)`,
  ],
  'unknown-incident.json': [
    `test/fixtures/broken/unknown-incident.json:26:29: unknown incident "breach" (known: intrusion) (at /teams/1/startingEvidence/breach)`,
    `test/fixtures/broken/unknown-incident.json:59:68: unknown incident "intrusoin" (known: intrusion) (at /actions/0/effects/1/harm)`,
  ],
  'unknown-indicator.json': [
    `test/fixtures/broken/unknown-indicator.json:88:30: unknown indicator "tension" (known: round, escalation, cohesion, cumulativeHarm, publicResponses) (at /injects/1/when/indicator)`,
    `test/fixtures/broken/unknown-indicator.json:89:34: built-in indicator "escalation" is read-only: effects may change declared indicators only; use an "escalate" effect to move the escalation level (at /injects/1/effects/0/indicator)`,
    `test/fixtures/broken/unknown-indicator.json:89:75: unknown indicator "tension" (the scenario declares no indicators) (at /injects/1/effects/1/indicator)`,
  ],
  'unknown-inject.json': [
    `test/fixtures/broken/unknown-inject.json:81:35: unknown inject "press-ask" (known: first-logins, press-asks) (at /injects/0/effects/0/fireInject)`,
    `test/fixtures/broken/unknown-inject.json:88:32: unknown inject "first-login" (known: first-logins, press-asks) (at /injects/1/when/injectFired)`,
  ],
  'unknown-region.json': [
    `test/fixtures/broken/unknown-region.json:73:22: unknown chart region "adversary.postures" (known: exercise, adversary.phase, adversary.posture, deEscalation, attribution.<incident>.<team>, attribution.<incident>.coalition) (at /actions/1/prerequisites/any/0/state)`,
    `test/fixtures/broken/unknown-region.json:74:22: unknown chart region "attribution.breach.usa": unknown incident "breach" (known: intrusion) (at /actions/1/prerequisites/any/1/state)`,
    `test/fixtures/broken/unknown-region.json:75:22: unknown chart region "attribution.intrusion.nato": unknown team "nato" (known: usa, uk, coalition) (at /actions/1/prerequisites/any/2/state)`,
  ],
  'unknown-state.json': [
    `test/fixtures/broken/unknown-state.json:73:50: unknown state "emboldend" of adversary.posture (known: probing, emboldened, deterred, titForTat, deEscalating) (at /actions/1/prerequisites/all/0/in/0)`,
    `test/fixtures/broken/unknown-state.json:74:70: unknown state "atributed" of attribution.intrusion.usa (known: unknown, detected, suspected, assessed, signalledPrivately, notInAPosition, attributedPublicly, retracted) (at /actions/1/prerequisites/all/1/in/1)`,
  ],
  'unknown-team.json': [
    `test/fixtures/broken/unknown-team.json:41:22: unknown team "us" (known: usa, uk) (at /incidents/0/detectedBy/0)`,
    `test/fixtures/broken/unknown-team.json:71:23: unknown team "ukk" (known: usa, uk) (at /actions/1/availableTo/0)`,
  ],
  'wrong-type.json': [
    `test/fixtures/broken/wrong-type.json:8:16: expected a list, got a string (at /meta/authors)`,
    `test/fixtures/broken/wrong-type.json:64:19: expected a number, got a string (at /actions/1/severity)`,
    `test/fixtures/broken/wrong-type.json:87:16: expected a whole number, got 1.5 (at /injects/1/round)`,
  ],
};

describe('broken scenarios', () => {
  const files = readdirSync(new URL('broken/', fixtures)).filter((name) => name.endsWith('.json')).sort();

  it('are all listed in the table', () => {
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it.each(files)('%s', (name) => {
    const file = `test/fixtures/broken/${name}`;
    // Bytes, as the command line reads a file: one of them is not UTF-8.
    const result = loadScenarioBytes(readFileSync(new URL(`broken/${name}`, fixtures)), file);
    // A scenario with warnings only still loads.
    expect(result.ok).toBe(expected[name]!.every((line) => line.includes(': warning: ')));
    expect(lines(result)).toEqual(expected[name]);
  });
});

describe('loadScenarioText', () => {
  it('loads the minimal scenario with no problems at all', () => {
    const result = loadScenarioText(minimalText, 'test/fixtures/minimal.json');
    expect(lines(result)).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.teams.map((t) => t.id)).toEqual(['usa', 'uk']);
    expect(result.scenario.actions).toHaveLength(2);
    expect(result.scenario.injects).toHaveLength(2);
    expect(result.scenario.rounds).toHaveLength(2);
    // defaults are filled in
    expect(result.scenario.teams[0]!.kind).toBe('government');
    expect(result.scenario.escalation.start).toBe(0);
  });

  it('gives every problem a file, a position, a pointer, a code and a severity', () => {
    for (const name of Object.keys(expected)) {
      const result = loadScenarioText(read(`broken/${name}`), name);
      if (result.ok) continue;
      for (const problem of result.problems) {
        expect(problem.file).toBe(name);
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.column).toBeGreaterThanOrEqual(1);
        expect(problem.pointer === '' || problem.pointer.startsWith('/')).toBe(true);
        expect(problem.code).toMatch(/^[a-z-]+$/);
        expect(['error', 'warning']).toContain(problem.severity);
      }
    }
  });

  it('lists errors before warnings, each by line and column', () => {
    const result = loadScenarioText(read('broken/several-errors.json'), 'several-errors.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const severities = result.problems.map((p) => p.severity);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    const errors = result.problems.filter((p) => p.severity === 'error');
    const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
    expect(errors).toEqual(sorted);
  });

  it('uses one code per kind of mistake', () => {
    const codes = (name: string): string[] => {
      const result = loadScenarioText(read(`broken/${name}`), name);
      return result.ok ? [] : result.problems.map((p) => p.code);
    };
    expect(codes('trailing-comma.json')).toEqual(['json-syntax', 'json-syntax']);
    expect(codes('unknown-field.json')).toEqual(['schema', 'schema', 'schema', 'schema']);
    expect(codes('duplicate-id.json')).toEqual(['duplicate-id', 'duplicate-id']);
    expect(codes('unknown-team.json')).toEqual(['unknown-team', 'unknown-team']);
    expect(codes('unknown-incident.json')).toEqual(['unknown-incident', 'unknown-incident']);
    expect(codes('unknown-inject.json')).toEqual(['unknown-inject', 'unknown-inject']);
    expect(codes('unknown-state.json')).toEqual(['unknown-state', 'unknown-state']);
    expect(codes('unknown-region.json')).toEqual(['unknown-region', 'unknown-region', 'unknown-region']);
    expect(codes('unknown-event.json')).toEqual(['unknown-event', 'unknown-event']);
    expect(codes('unknown-indicator.json')).toEqual(['unknown-indicator', 'readonly-indicator', 'unknown-indicator']);
    expect(codes('never-fires.json')).toEqual(['never-fires']);
    expect(codes('always-false.json')).toEqual(['always-false', 'always-false']);
    expect(codes('no-legal-basis.json')).toEqual(['unusable-action', 'unusable-action']);
    expect(codes('round-beyond.json')).toEqual(['first-phase', 'round-out-of-range', 'round-out-of-range']);
  });

  it('reads line endings of every kind and ignores a byte order mark', () => {
    const broken = read('broken/unknown-team.json');
    const expectedLines = expected['unknown-team.json']!;
    for (const text of [broken.replace(/\n/g, '\r\n'), '\uFEFF' + broken]) {
      expect(lines(loadScenarioText(text, 'test/fixtures/broken/unknown-team.json'))).toEqual(expectedLines);
    }
    const oldMac = broken.replace(/\n/g, '\r');
    expect(lines(loadScenarioText(oldMac, 'test/fixtures/broken/unknown-team.json'))).toEqual(expectedLines);
  });

  it('reports an empty file', () => {
    expect(lines(loadScenarioText(' \n', 'empty.json'))).toEqual(['empty.json:1:1: the file is empty: expected a JSON object (at /)']);
  });

  it('reports every syntax error, once each', () => {
    const text = '{\n  "a": NaN,\n  \'b\': 1,\n  "c": [1, 2,]\n}\n';
    expect(lines(loadScenarioText(text, 'x.json'))).toEqual([
      'x.json:2:8: unexpected "NaN": JSON has no such value (at /a)',
      `x.json:3:3: unexpected "'b'": JSON strings and field names use double quotes (at /)`,
      'x.json:4:13: trailing comma: JSON does not allow a comma before "]" (at /c/1)',
    ]);
  });

  it('reports a field given twice', () => {
    const text = minimalText.replace('"id": "minimal",', '"id": "minimal",\n  "id": "minimal",');
    expect(lines(loadScenarioText(text, 'x.json'))).toEqual([
      'x.json:5:3: field "id" appears more than once in this object (at /id)',
    ]);
  });

  it('treats a "__proto__" field as an unknown field', () => {
    const text = minimalText.replace('"id": "investigate",', '"id": "investigate",\n      "__proto__": { "severity": 5 },');
    expect(lines(loadScenarioText(text, 'x.json'))).toEqual([
      'x.json:49:7: unknown field "__proto__" (at /actions/0/__proto__)',
    ]);
  });

  it('refuses documents nested too deeply instead of overflowing, where the nesting goes too deep', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(lines(loadScenarioText(deep, 'deep.json'))).toEqual([
      `deep.json:1:66: the document is nested more than 64 levels deep here (at ${'/0'.repeat(65)})`,
    ]);
    const result = loadScenarioText('{"a":'.repeat(80) + '1' + '}'.repeat(80), 'deep.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual(['too-deep']);
  });
});

describe('text that is not JSON yet', () => {
  const first = (text: string): string => lines(loadScenarioText(text, 'f'))[0]!;

  it('explains the numbers JSON does not allow', () => {
    expect(first('{"a": .5}')).toBe('f:1:7: invalid number ".5": JSON needs a digit before the decimal point; write 0.5 (at /a)');
    expect(first('{"a": 0x10}')).toBe('f:1:7: invalid number "0x10": JSON has no hexadecimal numbers; write 16 (at /a)');
    expect(first('{"a": -007}')).toBe('f:1:7: invalid number "-007": JSON numbers may not start with a leading zero; write -7, or put it in quotes if it is a code rather than a number (at /a)');
    expect(first('{"a": 1.}')).toBe('f:1:7: invalid number "1.": a decimal point or exponent needs digits after it (at /a)');
  });

  it('says a file ends mid-way in so many words', () => {
    expect(first('{\n  "meta": { "title": "Cut')).toBe(
      'f:2:26: the file ends inside a string that starts at line 2, column 22: it was cut short, or a closing quote is missing (at /meta/title)',
    );
    expect(first('{ "a": [1, 2')).toBe('f:1:13: the file ends before the document does: the list opened at line 1, column 8 is never closed (2 objects and lists are still open); was the file cut short? (at /a/1)');
  });

  it('accepts every UTF-8 character and refuses overlong forms and lone surrogates', () => {
    const ok = new TextEncoder().encode('{"a": "é — 😀 \u00e9"}');
    expect(lines(loadScenarioBytes(ok, 'f'))[0]).not.toMatch(/UTF-8/);
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const bytes = new Uint8Array([...new TextEncoder().encode('{"a": "'), ...bad, 0x22, 0x7d]);
      expect(lines(loadScenarioBytes(bytes, 'f'))[0]).toMatch(/^f:1:8: the file is not valid UTF-8: byte 0x/);
    }
  });
});

describe('schema messages', () => {
  const check = (change: (s: Record<string, any>) => void): string[] => {
    const scenario = minimal();
    change(scenario);
    return lines(parseScenarioObject(scenario, 's'));
  };

  it('explains unions by the branch the author meant', () => {
    expect(check((s) => (s.injects[1].audience = 'everyone'))).toEqual([
      's:1:1: must be all, facilitator or an object with "teams", got a string (at /injects/1/audience)',
    ]);
    expect(check((s) => (s.injects[1].audience = { team: ['usa'] }))).toEqual([
      's:1:1: missing required field "teams" (at /injects/1/audience/teams)',
      's:1:1: unknown field "team" (did you mean "teams"?) (at /injects/1/audience/team)',
    ]);
    expect(check((s) => (s.actions[0].effects[0].teams = 'others'))).toEqual([
      's:1:1: must be self, all, coalition or a list, got a string (at /actions/0/effects/0/teams)',
    ]);
    expect(check((s) => (s.injects[1].when = 'round > 1'))).toEqual([
      's:1:1: not a valid condition: expected an object with one of all, any, not, indicator, fact, state, confidence, actionTaken, injectFired, got a string (at /injects/1/when)',
    ]);
    expect(check((s) => (s.injects[1].when = { not: { any: [{ fact: 3 }, { state: 'exercise', in: [] }] } }))).toEqual([
      's:1:1: expected a string, got a number (at /injects/1/when/not/any/0/fact)',
      's:1:1: must not be empty (at /injects/1/when/not/any/1/in)',
    ]);
    expect(check((s) => (s.actions[0].effects = [{}]))).toEqual([
      's:1:1: not a valid effect: expected one of indicator, fact, harm, evidence, escalate, fireInject, send (at /actions/0/effects/0)',
    ]);
  });

  it('explains ranges, formats and types', () => {
    expect(
      check((s) => {
        s.teams[0].id = 'USA';
        s.actions[0].severity = 11;
        s.actions[0].reversibility = null;
        s.rounds = [];
      }),
    ).toEqual([
      's:1:1: invalid "USA": ids are letters, digits and hyphens, starting with a lower-case letter (at /teams/0/id)',
      's:1:1: must be at most 10, got 11: it runs from -2 to 10 (at /actions/0/severity)',
      's:1:1: expected a number, got null (at /actions/0/reversibility)',
      's:1:1: must not be empty (at /rounds)',
    ]);
    expect(lines(parseScenarioObject([], 's'))).toEqual(['s:1:1: expected an object, got a list (at /)']);
  });

  it('escapes JSON pointers', () => {
    expect(check((s) => (s.teams[0].startingEvidence = { 'a/b~c': 'x' }))).toEqual([
      's:1:1: expected a number, got a string (at /teams/0/startingEvidence/a~1b~0c)',
    ]);
  });
});

describe('semantic checks', () => {
  const check = (change: (s: Record<string, any>) => void): string[] => {
    const scenario = minimal();
    change(scenario);
    return lines(parseScenarioObject(scenario, 's'));
  };

  it('warns without refusing the scenario', () => {
    const scenario = minimal();
    scenario.teams[1].briefing = 'Short.';
    scenario.actions[1].minConfidence = 'high';
    scenario.actions[0].effects = [];
    // An investigation gains evidence by itself; without one nothing can raise confidence.
    scenario.actions[0].category = 'resilience';
    scenario.injects[0].objectives = [];
    const result = parseScenarioObject(scenario, 's');
    expect(result.ok).toBe(true);
    expect(lines(result)).toEqual([
      's:1:1: warning: learning objective "attribution" is not exercised by any inject (at /meta/learningObjectives/0/id)',
      's:1:1: warning: team "uk" receives no private inject and its briefing is only 6 characters long (at /teams/1/briefing)',
      's:1:1: warning: action "attribute" needs high confidence, but no effect in the scenario adds evidence, so no team can reach it (at /actions/1/minConfidence)',
    ]);
    if (result.ok) expect(result.warnings.map((w) => w.code)).toEqual(['unused-objective', 'thin-team', 'unreachable-confidence']);
  });

  it("checks the listed persons' rights: listings that exist and open a package, sources, a review before the end", () => {
    expect(
      check((s) => {
        s.sanctions = { listedPersons: { actions: ['attribute', 'listing'], observationChance: 0.5, weakBelow: 0.7, sources: ['nowhere'] } };
      }),
    ).toEqual([
      's:1:1: sanctions.listedPersons names action "attribute", which opens no sanctions package (it has no "sanctions" section): only a listing has listed persons (at /sanctions/listedPersons/actions/0)',
      expect.stringMatching(/^s:1:1: unknown action "listing" .*\(at \/sanctions\/listedPersons\/actions\/1\)$/),
      expect.stringMatching(/^s:1:1: unknown source "nowhere" .*\(at \/sanctions\/listedPersons\/sources\/0\)$/),
      "s:1:1: warning: listed persons' observations are weighed at a package's review, 2 rounds after its adoption (sanctions.reviewAfterRounds), and the scenario has 2: no review can weigh them before the end (at /sanctions/listedPersons)",
    ]);
    expect(check((s) => (s.sanctions = { listedPersons: { actions: ['attribute'], observationChance: 2, weakBelow: 0.7 } }))).toEqual([
      's:1:1: must be at most 1, got 2: it runs from 0 to 1; for 2 % write 0.02 (at /sanctions/listedPersons/observationChance)',
    ]);
  });

  it('checks the publics: governments that exist, once each, not institutions; news items that name injects once; influence incidents; sources', () => {
    expect(
      check((s) => {
        s.teams[1].kind = 'institution';
        s.publicOpinion = {
          publics: [{ team: 'usa', trust: 50 }, { team: 'usa', trust: 40 }, { team: 'uk', trust: 50 }, { team: 'atlantis', trust: 50, sources: ['poll'] }],
          newsCycle: [{ inject: 'press-asks', share: 0.5 }, { inject: 'press-asks', share: 0.2, teams: ['mars'] }, { inject: 'nothing', share: 0.1 }],
          influence: { incidents: ['trolls'] },
        };
      }),
    ).toEqual([
      's:1:1: team "usa" has a public already: give each government one public (at /publicOpinion/publics/1/team)',
      's:1:1: team "uk" is an institution: only a government answers to a public, and only a government pays domestic pressure (at /publicOpinion/publics/2/team)',
      expect.stringMatching(/^s:1:1: unknown team "atlantis" .*\(at \/publicOpinion\/publics\/3\/team\)$/),
      's:1:1: inject "press-asks" is in the news cycle twice: give it one share (at /publicOpinion/newsCycle/1/inject)',
      expect.stringMatching(/^s:1:1: unknown team "mars" .*\(at \/publicOpinion\/newsCycle\/1\/teams\/0\)$/),
      expect.stringMatching(/^s:1:1: unknown inject "nothing" .*\(at \/publicOpinion\/newsCycle\/2\/inject\)$/),
      expect.stringMatching(/^s:1:1: unknown incident "trolls" .*\(at \/publicOpinion\/influence\/incidents\/0\)$/),
    ]);
    expect(check((s) => (s.publicOpinion = { publics: [{ team: 'usa', trust: 120 }] }))).toEqual([
      's:1:1: must be at most 100, got 120: it runs from 0 to 100 (at /publicOpinion/publics/0/trust)',
    ]);
  });

  it('checks platforms and the requests sent to them: a platform that exists, an incident to be about, duties of governments that exist', () => {
    const platform = { id: 'chirp', name: 'Chirp', incidents: ['intrusion'], duties: [{ teams: ['usa', 'mars'], duty: 'statutory', requests: ['disclosure'], basis: 'a statute' }] };
    expect(
      check((s) => {
        s.platforms = [platform, { ...platform, incidents: ['ghost'], duties: [] }];
        s.actions[0].platform = { company: 'chirp', request: 'takedown' };
        s.actions[0].targetsIncident = false;
        s.actions[1].platform = { company: 'tweeter', request: 'disclosure' };
      }),
    ).toEqual([
      expect.stringMatching(/^s:1:1: unknown team "mars" .*\(at \/platforms\/0\/duties\/0\/teams\/1\)$/),
      's:1:1: platform id "chirp" is used twice: each platform needs its own id (at /platforms/1/id)',
      expect.stringMatching(/^s:1:1: unknown incident "ghost" .*\(at \/platforms\/1\/incidents\/0\)$/),
      's:1:1: action "investigate" sends a request to a platform but does not target an incident (targetsIncident is false): a request is about an incident (at /actions/0/platform)',
      's:1:1: action "attribute" sends a request to platform "tweeter", which is not in the platforms section (known: chirp) (at /actions/1/platform/company)',
      's:1:1: warning: platform "chirp" cuts the adversary\'s reach by 20, but none of its incidents is among publicOpinion.influence.incidents: its takedowns and disclosures narrow nothing (at /platforms/0/reachCut)',
      's:1:1: warning: platform "chirp" cuts the adversary\'s reach by 20, but none of its incidents is among publicOpinion.influence.incidents: its takedowns and disclosures narrow nothing (at /platforms/1/reachCut)',
    ]);
    expect(check((s) => (s.actions[0].platform = { company: 'chirp', request: 'takedown' }))).toEqual([
      's:1:1: action "investigate" sends a request to platform "chirp", but the scenario has no platforms section (at /actions/0/platform/company)',
    ]);
    expect(check((s) => (s.actions[0].platform = { company: 'chirp', request: 'ban' }))).toEqual([
      's:1:1: must be one of takedown, disclosure, preservation (at /actions/0/platform/request)',
    ]);
  });

  it('counts investigations as a source of evidence', () => {
    const scenario = minimal();
    scenario.actions[1].minConfidence = 'high';
    scenario.actions[0].effects = [];
    expect(scenario.actions[0].category).toBe('investigate');
    const result = parseScenarioObject(scenario, 's');
    expect(result.ok && result.warnings.map((w) => w.code)).not.toContain('unreachable-confidence');
  });

  it('does not warn about high confidence when teams start with enough evidence', () => {
    expect(
      check((s) => {
        s.actions[1].minConfidence = 'high';
        s.actions[0].effects = [];
        s.teams[0].startingEvidence = { intrusion: 7 };
      }),
    ).toEqual([]);
  });

  it('knows the teams that may take an action', () => {
    expect(check((s) => (s.actions[0].availableTo = []))).toEqual([
      's:1:1: no team can take action "investigate": its availableTo list is empty (at /actions/0/availableTo)',
    ]);
    // An empty legalBases list accepts any legal basis.
    expect(
      check((s) => {
        s.actions[0].legalBasis = 'eu-cyber-sanctions';
        s.teams[0].legalBases = ['domestic-law'];
      }),
    ).toEqual([]);
    expect(
      check((s) => {
        s.actions[0].legalBasis = 'eu-cyber-sanctions';
        s.actions[0].availableTo = ['usa'];
        s.teams[0].legalBases = ['domestic-law'];
      }),
    ).toEqual([
      's:1:1: no team can take action "investigate": its legal basis "eu-cyber-sanctions" is not among the legal bases of usa (at /actions/0/legalBasis)',
    ]);
    expect(check((s) => (s.actions[0].cost = { intel: 1 }))).toEqual([
      's:1:1: no team can take action "investigate": it costs 1 intel and the teams that may take it have at most 0 (at /actions/0/cost/intel)',
    ]);
  });

  it('finds conditions that can never hold, and leaves open the ones that can', () => {
    const when = (condition: unknown): string[] => check((s) => (s.injects[1].when = condition));
    expect(when({ indicator: 'round', op: '>=', value: 2 })).toEqual([]);
    expect(when({ indicator: 'cumulativeHarm', op: '>', value: 1000 })).toEqual([]);
    expect(when({ indicator: 'escalation', op: '==', value: 2.5 })).toEqual([
      's:1:1: condition is always false: "escalation == 2.5" never holds, as escalation is always a whole number; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(when({ all: [{ fact: 'leaked' }, { indicator: 'publicResponses', op: '<', value: 0 }] }).slice(-1)).toEqual([
      's:1:1: condition is always false: "publicResponses < 0" never holds, as publicResponses is at least 0; inject "press-asks" never fires on its condition (at /injects/1/when/all/1)',
    ]);
    expect(when({ not: { state: 'adversary.posture', in: ['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'] } })).toEqual([
      's:1:1: condition is always false: its "not" negates a condition that always holds: it lists every state of adversary.posture; inject "press-asks" never fires on its condition (at /injects/1/when)',
    ]);
    expect(
      check((s) => {
        s.indicators = [{ id: 'tension', name: 'Tension', min: 0, max: 10, initial: 2 }];
        s.actions[0].effects.push({ indicator: 'tension', add: 1 });
        s.endConditions = [{ id: 'crisis', when: { indicator: 'tension', op: '>', value: 10 }, outcome: 'failure', summary: 'Crisis.' }];
      }),
    ).toEqual([
      's:1:1: condition is always false: "tension > 10" never holds, as tension is at most 10; end condition "crisis" can never be reached (at /endConditions/0/when)',
    ]);
  });

  it('checks indicators, phases and ids', () => {
    expect(
      check((s) => {
        s.indicators = [
          { id: 'round', name: 'Round', initial: 0 },
          { id: 'tension', name: 'Tension', min: 0, max: 10, initial: 12 },
          { id: 'trust', name: 'Trust', min: 5, max: 5, initial: 5 },
        ];
        s.adversary.phases.push({ id: 'leak', name: 'Leak', fromRound: 1 });
      }),
    ).toEqual([
      's:1:1: indicator id "round" is reserved for a built-in indicator (at /indicators/0/id)',
      's:1:1: indicator "tension": initial value 12 is outside its range 0..10 (at /indicators/1/initial)',
      's:1:1: indicator "trust": min (5) must be less than max (5) (at /indicators/2/max)',
      's:1:1: adversary phase "leak" starts in round 1, not after the phase before it (round 1) (at /adversary/phases/1/fromRound)',
    ]);
  });

  it('lets an inject be fired by another, but not only by itself', () => {
    expect(
      check((s) => {
        delete s.injects[1].round;
        s.injects[0].effects = [{ fireInject: 'press-asks' }];
      }),
    ).toEqual([]);
    expect(
      check((s) => {
        delete s.injects[1].round;
        s.injects[1].effects = [{ fireInject: 'press-asks' }];
      }),
    ).toEqual(['s:1:1: inject can never fire: it has no round, no condition, and nothing fires it (at /injects/1)']);
  });
});

describe('parseScenarioObject', () => {
  it('validates an object parsed elsewhere', () => {
    const result = parseScenarioObject(minimal(), 'upload.json');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings).toEqual([]);
      expect(result.scenario.id).toBe('minimal');
    }
  });

  it('locates problems at 1:1 and still points at them', () => {
    const scenario = minimal();
    scenario.actions[1].availableTo = ['ukk'];
    const result = parseScenarioObject(scenario);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual<Problem[]>([
        {
          severity: 'error',
          code: 'unknown-team',
          message: 'unknown team "ukk" (known: usa, uk)',
          file: '<scenario>',
          line: 1,
          column: 1,
          pointer: '/actions/1/availableTo/0',
        },
      ]);
    }
  });

  it('agrees with loadScenarioText on the text of the same object', () => {
    const scenario = minimal();
    scenario.injects[0].round = 9;
    const fromObject = parseScenarioObject(scenario, 'f');
    const fromText = loadScenarioText(JSON.stringify(scenario, null, 2), 'f');
    const strip = (r: LoadResult) => (r.ok ? r.warnings : r.problems).map(({ line, column, ...rest }) => rest);
    expect(strip(fromText)).toEqual(strip(fromObject));
    expect(strip(fromText)).toHaveLength(1);
  });
});

describe('the loader never throws', () => {
  const isResult = (result: LoadResult): boolean =>
    result.ok
      ? typeof result.scenario === 'object' && Array.isArray(result.warnings)
      : result.problems.length > 0 &&
        result.problems.every((p) => p.line >= 1 && p.column >= 1 && typeof p.message === 'string' && p.message.length > 0);

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => isResult(loadScenarioText(text, 'x.json'))),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON values, as text and as objects', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        return isResult(loadScenarioText(JSON.stringify(value), 'x.json')) && isResult(parseScenarioObject(value, 'x.json'));
      }),
      { numRuns: 500 },
    );
  });

  it('on the minimal scenario with any part replaced by an arbitrary value', () => {
    const paths: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => collect(item, [...path, i]));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) collect(item, [...path, key]);
    };
    collect(minimal(), []);
    const replace = (path: (string | number)[], value: unknown): unknown => {
      const scenario = minimal();
      if (path.length === 0) return value;
      let parent: any = scenario;
      for (const segment of path.slice(0, -1)) parent = parent[segment];
      parent[path[path.length - 1]!] = value;
      return scenario;
    };
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const changed = replace(path, value);
        const text = JSON.stringify(changed, null, 2);
        return isResult(loadScenarioText(text, 'x.json')) && isResult(parseScenarioObject(changed, 'x.json'));
      }),
      { numRuns: 1000 },
    );
  });
});
