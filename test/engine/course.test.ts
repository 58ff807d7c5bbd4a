/**
 * Course files: every shipped course fits its scenario and has both class
 * formats, the primary texts and a rubric entry per learning objective; a
 * broken course is refused with every problem located, in the scenario
 * validator's words; the page's view agrees with the report card.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Scenario } from '../../src/engine';
import { PRIMARY_TEXT_IDS, courseFileName, courseView, isCourseFileName, loadCourseBytes, loadCourseText, starterCourseText, type Course } from '../../src/engine/course';
import { loadScenarioText } from '../../src/engine/scenario/load';
import { isScenarioFileName } from '../../src/engine/scenario/history';
import { descriptorOf } from '../../src/engine/grading/reportCard';
import { shippedScenarios } from './support';

const courseFile = (scenario: Scenario) => new URL(`../../scenarios/${courseFileName(scenario.id)}`, import.meta.url);
const scenarios = shippedScenarios();
const tutorial = scenarios.find((s) => s.id === 'tutorial')!;

function shippedCourse(scenario: Scenario): Course {
  const result = loadCourseText(readFileSync(courseFile(scenario), 'utf8'), courseFileName(scenario.id), scenario);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  expect(result.warnings.map(formatProblem)).toEqual([]);
  return result.value;
}

/** Every problem of a course text for the tutorial, as the validator prints them. */
function problemsOf(text: string): string[] {
  const result = loadCourseText(text, 'mine.course.json', tutorial);
  return (result.ok ? result.warnings : result.problems).map(formatProblem);
}

/** A small valid course for the tutorial, one field to a line so that positions are easy to read. */
const VALID = `{
  "formatVersion": 1,
  "scenario": "tutorial",
  "title": "T",
  "audience": "A",
  "overview": "O",
  "formats": [
    {
      "id": "short",
      "title": "Short",
      "minutes": 30,
      "segments": [
        { "minutes": 20, "title": "Play", "activity": "Play.", "rounds": [1, 2, 3], "clock": 6 },
        { "minutes": 10, "title": "Debrief", "activity": "Talk." }
      ]
    }
  ],
  "readings": {
    "primary": [{ "text": "ilc-articles", "why": "W" }],
    "scenario": [{ "source": "tikk-2010", "why": "W" }]
  },
  "prompts": {
    "before": [{ "text": "P", "objectives": ["confidence"] }],
    "after": [{ "text": "P" }]
  },
  "rubric": [
    { "objective": "interface", "lookFor": ["L"] },
    { "objective": "confidence", "lookFor": ["L"] },
    { "objective": "proportionality", "lookFor": ["L"] },
    { "objective": "together", "lookFor": ["L"] }
  ]
}
`;

/** VALID with one piece of text replaced (which must occur exactly once). */
function edit(from: string, to: string): string {
  expect(VALID.split(from)).toHaveLength(2);
  return VALID.replace(from, to);
}

describe('shipped courses', () => {
  const taught = scenarios.filter((s) => existsSync(courseFile(s)));

  it('exist for every shipped scenario', () => {
    expect(taught.map((s) => s.id).sort()).toEqual(scenarios.map((s) => s.id).sort());
  });

  it.each(taught.map((s) => [s.id, s] as const))('%s: fits its scenario, with a 50-minute class, a 2.5-hour exercise, the primary texts and the whole rubric', (_id, scenario) => {
    const course = shippedCourse(scenario);
    expect(course.formats.map((f) => f.minutes)).toEqual([50, 150]);
    expect(course.readings.primary.map((r) => r.text).sort()).toEqual([...PRIMARY_TEXT_IDS].sort());
    expect(course.readings.scenario.length).toBeGreaterThan(0);
    expect(course.rubric.map((r) => r.objective)).toEqual(scenario.meta.learningObjectives.map((o) => o.id));
  });

  it('are not scenarios, and a folder listing tells them apart', () => {
    expect(isCourseFileName('us-2016.course.json')).toBe(true);
    expect(isScenarioFileName('us-2016.course.json')).toBe(false);
    expect(isScenarioFileName('us-2016.json')).toBe(true);
  });
});

describe('the course view', () => {
  const us = scenarios.find((s) => s.id === 'us-2016')!;
  const view = courseView(us, shippedCourse(us));

  it("shows the report card's rubric: the same levels, descriptors, thresholds and measures", () => {
    const objective = us.meta.learningObjectives.find((o) => o.id === 'proportionality')!;
    const entry = view.rubric.find((r) => r.objective === 'proportionality')!;
    expect(entry.levels).toEqual([
      { level: 'exemplary', descriptor: descriptorOf(objective, 'exemplary'), from: objective.rubric.thresholds.exemplary },
      { level: 'proficient', descriptor: descriptorOf(objective, 'proficient'), from: objective.rubric.thresholds.proficient },
      { level: 'developing', descriptor: descriptorOf(objective, 'developing'), from: objective.rubric.thresholds.developing },
      { level: 'insufficient', descriptor: descriptorOf(objective, 'insufficient'), from: null },
    ]);
    expect(entry.measures).toEqual(['Proportionality', 'Fit to harm', 'Legality', 'Escalation restraint']);
    expect(entry.graded).toBe(true);
    expect(entry.minDecisions).toBe(objective.evidence!.minDecisions);
  });

  it('times every part from the start, and says when the class ends the exercise early', () => {
    const [classFormat, exercise] = view.formats;
    expect(classFormat!.segments.map((s) => s.start)).toEqual([0, 5, 20, 28, 33, 40]);
    expect(classFormat!.endsAfterRound).toBe(6);
    expect(exercise!.endsAfterRound).toBeNull();
    expect(classFormat!.segments[2]!.rounds).toEqual([{ number: 4, title: 'The attribution decision', date: '2016-10-07', scenarioMinutes: 25 }]);
  });

  it("resolves readings: catalogue texts with their identifiers, the scenario's sources with their citations, and the sources cited round by round", () => {
    expect(view.readings.primary[0]).toMatchObject({ identifier: 'ICA 2017-01D', essential: true });
    expect(view.readings.primary[0]!.citation).toContain('Assessing Russian Activities and Intentions in Recent US Elections');
    const ilc = view.readings.primary.find((r) => r.citation.startsWith('International Law Commission'))!;
    expect(ilc.identifier).toBe('UN Doc. A/56/10');
    expect(view.readings.scenario[0]).toMatchObject({ source: 's14', citation: us.meta.sources.find((s) => s.id === 's14')!.citation });
    expect(view.readings.byRound[0]).toMatchObject({ round: 1, title: 'Intrusion discovered' });
    expect(view.readings.byRound[0]!.sources.map((s) => s.id)).toContain('crowdstrike');
  });
});

describe('a broken course', () => {
  it('the small course is valid', () => {
    expect(problemsOf(VALID)).toEqual([]);
  });

  it('is refused with JSON syntax errors located', () => {
    expect(problemsOf(edit('"title": "T",', '"title": "T",,'))).toEqual(['mine.course.json:4:16: expected a field name in double quotes (at /)']);
    expect(problemsOf(edit('"L"] }\n  ]', '"L"] },\n  ]'))).toEqual(['mine.course.json:30:50: trailing comma: JSON does not allow a comma before "]" (at /rubric/3)']);
  });

  it('is refused when it is not UTF-8, where the first bad byte stands', () => {
    const bytes = new TextEncoder().encode(edit('"title": "T"', '"title": "T?"'));
    bytes[bytes.indexOf(0x3f)] = 0xe9; // é in Latin-1
    const result = loadCourseBytes(bytes, 'mine.course.json', tutorial);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'mine.course.json:4:14: the file is not valid UTF-8: byte 0xE9 here is not part of a UTF-8 character (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8 (at /title)',
    ]);
  });

  it('is refused with schema problems in the scenario validator\'s words', () => {
    expect(problemsOf(edit('{ "objective": "together", "lookFor": ["L"] }', '{ "objective": "together", "lookfor": ["L"] }'))).toEqual([
      'mine.course.json:30:5: missing required field "lookFor" (at /rubric/3/lookFor)',
      'mine.course.json:30:32: unknown field "lookfor" (did you mean "lookFor"?) (at /rubric/3/lookfor)',
    ]);
    expect(problemsOf(edit('"minutes": 30,', '"minutes": "30",'))).toEqual(['mine.course.json:11:18: expected a number, got a string (at /formats/0/minutes)']);
    expect(problemsOf(edit('"after": [{ "text": "P" }]', '"after": []'))).toEqual(['mine.course.json:24:14: must not be empty (at /prompts/after)']);
    expect(problemsOf(edit('"formatVersion": 1', '"formatVersion": 2'))).toEqual(['mine.course.json:2:20: must be 1 (at /formatVersion)']);
  });

  it('is refused when it does not fit its scenario, with every problem at once', () => {
    const text = edit('"scenario": "tutorial"', '"scenario": "us-2016"')
      .replace('"minutes": 30,', '"minutes": 50,')
      .replace('"rounds": [1, 2, 3]', '"rounds": [1, 3, 4]')
      .replace('"text": "ilc-articles"', '"text": "ilc-article"')
      .replace('"source": "tikk-2010"', '"source": "tikk-2011"')
      .replace('"objectives": ["confidence"]', '"objectives": ["confidnce"]')
      .replace('"objective": "together"', '"objective": "interface"');
    expect(problemsOf(text)).toEqual([
      'mine.course.json:3:15: the course is for scenario "us-2016", not "tutorial" (at /scenario)',
      'mine.course.json:11:18: the parts add up to 30 minutes, but the format lasts 50 (at /formats/0/minutes)',
      'mine.course.json:13:78: round 2 is never played, but round 3 is: rounds cannot be skipped (give the rounds between a short part of their own) (at /formats/0/segments/0/rounds/1)',
      'mine.course.json:13:81: round 4 is beyond the last round (the scenario has 3 rounds) (at /formats/0/segments/0/rounds/2)',
      'mine.course.json:19:27: unknown primary text "ilc-article" (known: ilc-articles, tallinn-2, eu-cyber-decision, eu-cyber-regulation, icd-203, ica-2017) (at /readings/primary/0/text)',
      'mine.course.json:20:30: unknown source "tikk-2011" (did you mean "tikk-2010"?) (at /readings/scenario/0/source)',
      'mine.course.json:23:46: unknown learning objective "confidnce" (known: interface, confidence, proportionality, together) (at /prompts/before/0/objectives/0)',
      'mine.course.json:30:20: learning objective "interface" has two rubric entries (at /rubric/3/objective)',
      'mine.course.json:26:13: warning: the rubric leaves out learning objective "together": the page shows its report-card levels with nothing to look for (at /rubric)',
    ]);
  });

  it('is refused when rounds go backwards, a reading is both or neither, or a catalogue text is given an address', () => {
    const text = edit('"rounds": [1, 2, 3], "clock": 6 },', '"rounds": [1, 2], "clock": 12 },\n        { "minutes": 0.5, "title": "Again", "activity": "No.", "rounds": [2] },')
      .replace('"minutes": 10, "title": "Debrief"', '"minutes": 9.5, "title": "Debrief"')
      .replace('[{ "text": "ilc-articles", "why": "W" }]', '[{ "text": "ilc-articles", "citation": "C", "why": "W" }, { "why": "W" }, { "text": "icd-203", "url": "https://example.org", "why": "W" }]');
    expect(problemsOf(text)).toEqual([
      'mine.course.json:14:75: round 2 comes after round 2: rounds are played once each, in order (at /formats/0/segments/1/rounds/0)',
      'mine.course.json:20:17: give either "text" (a catalogue id) or "citation", not both (at /readings/primary/0)',
      'mine.course.json:20:74: give "text" (one of ilc-articles, tallinn-2, eu-cyber-decision, eu-cyber-regulation, icd-203, ica-2017) or your own "citation" (at /readings/primary/1)',
      'mine.course.json:20:118: a catalogue text has its own address: give "url" only with "citation" (at /readings/primary/2/url)',
      'mine.course.json:13:91: warning: 2 rounds of 12 minutes do not fit in a part of 20 minutes (at /formats/0/segments/0/clock)',
    ]);
  });
});

describe('the starter course', () => {
  const loaded = loadScenarioText(readFileSync(new URL('../../src/engine/scenario/starter.json', import.meta.url), 'utf8'), 'starter.json');
  if (!loaded.ok) throw new Error('the starter scenario does not load');
  const starterScenario = loaded.scenario;
  it('validates against its scenario with neither error nor warning, for every shipped scenario and the starter', () => {
    for (const scenario of [...scenarios, starterScenario]) {
      const result = loadCourseText(starterCourseText(scenario), courseFileName(scenario.id), scenario);
      expect(result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem), scenario.id).toEqual([]);
    }
  });

  it('lays out both class formats with every round once, in order, and a rubric entry per objective', () => {
    for (const scenario of scenarios) {
      const result = loadCourseText(starterCourseText(scenario), 'x.course.json', scenario);
      if (!result.ok) throw new Error(scenario.id);
      const course = result.value;
      expect(course.formats.map((f) => f.minutes)).toEqual([50, 150]);
      for (const format of course.formats) {
        expect(format.segments.flatMap((s) => s.rounds)).toEqual(scenario.rounds.map((_, i) => i + 1));
        expect(format.segments.reduce((sum, s) => sum + s.minutes, 0)).toBe(format.minutes);
      }
      expect(course.rubric.map((r) => r.objective)).toEqual(scenario.meta.learningObjectives.map((o) => o.id));
    }
  });
});
