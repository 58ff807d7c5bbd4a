import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT, cli } from '../helpers/cli';
import { loadScenarioText, SCENARIO_SCHEMA_FILE, SCENARIO_SCHEMA_ID, scenarioJsonSchema } from '../../src/engine';
import { authoringText, AUTHORING_FILE, schemaText } from '../../src/cli/commands/schema';
import { fieldReference } from '../../src/engine/scenario/reference';
import { SEMANTIC_RULES } from '../../src/engine/scenario/rules';
import { EVENT_NOTES } from '../../src/engine/scenario/chartReference';
import { CHART_EVENTS } from '../../src/engine/scenario/schema';
import { COALITION_ATTRIBUTION_STATES, CONDITION_REGIONS, NATIONAL_ATTRIBUTION_STATES, statesOfRegion } from '../../src/engine/machines/states';

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT });

describe("the author's tools", () => {
  it('keeps the field reference in docs/authoring.md equal to the one generated from the schema', () => {
    const current = fs.readFileSync(AUTHORING_FILE, 'utf8');
    expect(authoringText(current)).toBe(current);
    expect(current).toContain('`actions[].minConfidence`');
    expect(fieldReference(scenarioJsonSchema())).toContain('| { `indicator`: string');
    // The validator's rules, each with what it checks and its codes.
    for (const rule of SEMANTIC_RULES) expect(current).toContain(`| \`${rule.id}\` | ${rule.summary} |`);
  });

  it('writes a commented starter scenario that validates with no problems', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-new-'));
    const file = path.join(dir, 'My Case.json');
    expect(cli('new', file).code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('"$comment"');
    expect(text).toContain('"id": "my-case"');
    const loaded = loadScenarioText(text, file);
    expect(loaded.ok && loaded.warnings).toEqual([]);
    const validated = cli('validate', file, '--runs', '40');
    expect(validated.out).toContain('ok (0 warnings, 40 playtest runs)');
    expect(validated.code).toBe(0);
    // Refuses to overwrite without --force: a misuse, exit 2.
    expect(cli('new', file).code).toBe(2);
  });

  it('puts a schema copy beside a new scenario, so that its "$schema" works wherever it is saved', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-new-')), 'deep', 'folder');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'case.json');
    const run = cli('new', file);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`wrote ${path.join(dir, SCENARIO_SCHEMA_FILE)}`);
    const reference = JSON.parse(fs.readFileSync(file, 'utf8')).$schema;
    expect(reference).toBe(`./${SCENARIO_SCHEMA_FILE}`);
    const copy = JSON.parse(fs.readFileSync(path.resolve(dir, reference), 'utf8'));
    expect(copy.$id).toBe(SCENARIO_SCHEMA_ID);
    expect(copy).toEqual(scenarioJsonSchema());
    // A second scenario in the same folder finds the copy current and leaves it alone.
    expect(cli('new', path.join(dir, 'other.json')).out).not.toContain(SCENARIO_SCHEMA_FILE);
  });

  it('writes the schema id instead of a copy when asked, and the scenario still validates', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-new-'));
    const file = path.join(dir, 'by-id.json');
    expect(cli('new', file, '--no-schema-copy').code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['by-id.json']);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text).$schema).toBe(SCENARIO_SCHEMA_ID);
    const loaded = loadScenarioText(text, file);
    expect(loaded.ok && loaded.warnings).toEqual([]);
    expect(cli('new', path.join(dir, 'missing', 'x.json'))).toEqual({ code: 2, out: `${path.join(dir, 'missing')}: no such folder\n` });
  });

  it('writes a copy of the schema into a folder, and says when it is already current', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-schema-')), 'scenarios');
    const copy = path.join(dir, SCENARIO_SCHEMA_FILE);
    expect(cli('schema', '--write', dir)).toEqual({ code: 0, out: `wrote ${copy}\n` });
    expect(fs.readFileSync(copy, 'utf8')).toBe(schemaText());
    expect(cli('schema', '--write', dir)).toEqual({ code: 0, out: `${copy} is already current\n` });
    fs.writeFileSync(copy, '{}');
    expect(cli('schema', '--write', dir).out).toBe(`wrote ${copy}\n`);
    expect(cli('schema', '--write', copy)).toEqual({ code: 2, out: `${copy}: is a file, not a folder\n` });
    expect(JSON.parse(cli('schema').out).$id).toBe(SCENARIO_SCHEMA_ID);
  });

  it('keeps the published schema and the generated sections of docs/authoring.md current', () => {
    expect(cli('schema', '--check')).toEqual({ code: 0, out: '' });
    expect(JSON.parse(fs.readFileSync(`scenarios/${SCENARIO_SCHEMA_FILE}`, 'utf8')).$id).toBe(SCENARIO_SCHEMA_ID);
  });

  it('writes one Mermaid file per chart, or prints one chart', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-graph-')), 'charts');
    const run = cli('graph', 'scenarios/tutorial.json', '--out', dir);
    expect(run.code).toBe(0);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(14);
    for (const file of files) expect(fs.readFileSync(path.join(dir, file), 'utf8')).toMatch(/^---\ntitle: \w+\n---\nstateDiagram-v2\n/);
    const adversary = cli('graph', 'scenarios/tutorial.json', '--chart', 'adversary');
    expect(adversary.out).toBe(fs.readFileSync(path.join(dir, 'adversary.mmd'), 'utf8'));
    // Phase ids with hyphens keep their names as labels, under ids Mermaid accepts.
    expect(adversary.out).toContain('state "first-wave" as first_wave');
    const json = cli('graph', 'scenarios/tutorial.json', '--chart', 'dispute', '--format', 'json');
    expect(JSON.parse(json.out)).toMatchObject({ id: 'dispute', initial: 'none' });
    expect(cli('graph', 'scenarios/tutorial.json')).toEqual({
      code: 2,
      out: 'pass --out DIR to write one Mermaid file per chart, or --chart NAME to print one (charts: exercise, nationalAttribution, coalitionAttribution, adversary, escalation, sanctions, deEscalation, dispute, verification, case, mla, norms, channel, platformRequest)\n',
    });
    expect(cli('graph', 'scenarios/tutorial.json', '--chart', 'posture').code).toBe(2);
  }, 90_000);

  it('documents every chart region and every event an effect may send, from the registry', () => {
    const doc = fs.readFileSync(AUTHORING_FILE, 'utf8');
    for (const region of CONDITION_REGIONS) expect(doc).toContain(`| \`${region.region}\` |`);
    for (const [chart, events] of Object.entries(CHART_EVENTS)) {
      for (const event of events) {
        expect(EVENT_NOTES[`${chart}.${event}`], `${chart}.${event} has a note`).toBeDefined();
        expect(doc).toContain(`| \`${chart}\` | \`${event}\` |`);
      }
    }
    expect(doc).toContain('| `attribution` | `PUBLIC_ATTRIBUTION` | Public attribution; needs at least moderate confidence. | `assessed` → `attributedPublicly` if atLeastModerate;');
    // The registry is what the validator checks conditions against.
    const known = { phases: ['p1'], incidents: ['leak'], teams: ['usa'] };
    expect(statesOfRegion('attribution.leak.usa', known)).toEqual(NATIONAL_ATTRIBUTION_STATES);
    expect(statesOfRegion('attribution.leak.coalition', known)).toEqual(COALITION_ATTRIBUTION_STATES);
    expect(statesOfRegion('adversary.phase', known)).toEqual(['p1']);
    expect(statesOfRegion('attribution.other.usa', known)).toBeNull();
  });

  it('ignores $comment notes anywhere in a scenario', () => {
    const scenario = JSON.parse(fs.readFileSync('test/fixtures/minimal.json', 'utf8'));
    scenario.$comment = 'top';
    scenario.teams[0].$comment = 'a team';
    scenario.actions[0].$comment = 'an action';
    scenario.actions[0].effects = [{ $comment: 'an effect', escalate: 1 }];
    const loaded = loadScenarioText(JSON.stringify(scenario, null, 2), 'x.json');
    expect(loaded.ok).toBe(true);
    // Any other unknown field is still an error.
    scenario.actions[0].comment = 'typo';
    expect(loadScenarioText(JSON.stringify(scenario, null, 2), 'x.json').ok).toBe(false);
  });

  it('writes a balance report with charts and data tables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-report-'));
    const report = path.join(dir, 'balance.html');
    const run = cli('simulate', 'test/fixtures/minimal.json', '--runs', '12', '--report', report);
    expect(run.code).toBe(0);
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('Policy: hawkish');
    expect(html).toContain('<table');
  });
});
