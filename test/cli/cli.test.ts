import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isScenarioFileName, loadScenarioText, stateHash } from '../../src/engine';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { buildJsonExport } from '../../src/server/export';
import { CLI_TEST_TIMEOUT, runCli, type CliRun } from '../helpers/cli';

const firebreak = runCli;

const noStackTrace = (run: CliRun) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-cli-'));

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT });

describe('firebreak', () => {
  it('prints help for itself and each command, exit 0', () => {
    const main = firebreak('--help');
    expect(main.code).toBe(0);
    for (const command of ['validate', 'simulate', 'balance', 'replay', 'graph', 'serve', 'new', 'schema']) {
      expect(main.stdout).toContain(command);
      const help = firebreak(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: firebreak ${command}`);
    }
    // Nine CLI processes in a row: allow for a loaded machine.
  }, 120_000);

  it('exits 2 on misuse, with one line and no stack trace', () => {
    for (const args of [['bogus'], ['simulate'], ['validate', 'no-such-file.json'], ['simulate', 'test/fixtures/minimal.json', '--runs', 'many'], ['simulate', 'test/fixtures/minimal.json', '--policies', 'pacifist'], ['simulate', 'test/fixtures/minimal.json', '--policies', 'history'], ['balance', 'test/fixtures/minimal.json', '--runs', '0']]) {
      const run = firebreak(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().length).toBeGreaterThan(0);
      noStackTrace(run);
    }
    // Seven CLI processes in a row: allow for a loaded machine.
  }, 120_000);

  it('exits 1 on an invalid scenario, printing every problem as file:line:column', () => {
    const run = firebreak('validate', 'test/fixtures/broken/several-errors.json', '--runs', '0');
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/broken\/several-errors\.json:\d+:\d+: .+ \(at \/.*\)$/);
    noStackTrace(run);
  });

  it('validates the shipped scenarios without errors', () => {
    for (const file of fs.readdirSync('scenarios').filter(isScenarioFileName)) {
      const run = firebreak('validate', `scenarios/${file}`, '--runs', '0');
      expect(run.stdout, file).toContain('ok (');
      expect(run.code, file).toBe(0);
    }
  });

  it('prints the same bytes for the same simulate arguments', () => {
    const args = ['simulate', 'test/fixtures/minimal.json', '--runs', '16', '--seed', 'same', '--json'];
    const first = firebreak(...args);
    expect(first.code).toBe(0);
    expect(firebreak(...args).stdout).toBe(first.stdout);
    const summary = JSON.parse(first.stdout);
    expect(summary.runs).toBe(16);
    expect(summary.policies.map((p: { policy: string }) => p.policy)).toEqual(['hawkish', 'restrained', 'coalition-follower', 'random-legal']);
    expect(firebreak('simulate', 'test/fixtures/minimal.json', '--runs', '16', '--seed', 'other', '--json').stdout).not.toBe(first.stdout);
  });

  it('prints the same bytes whatever the number of worker threads', () => {
    // 120 runs are three slices: the workers play them in whatever order they finish.
    const args = ['simulate', 'test/fixtures/minimal.json', '--runs', '120', '--seed', 'threads', '--json'];
    const one = firebreak(...args);
    const three = firebreak(...args, '--workers', '3');
    expect(three.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).runs).toBe(120);
    expect(firebreak(...args, '--workers', 'none').code).toBe(2);
  });

  it('replays an exported log to the same state hash, and flags a log that diverges', () => {
    const text = fs.readFileSync('test/fixtures/minimal.json', 'utf8');
    const loaded = loadScenarioText(text, 'minimal.json');
    if (!loaded.ok) throw new Error('fixture does not load');
    const run = simulateExercise(loaded.scenario, 'replay-me', resolvePolicies(loaded.scenario, ['coalition-follower']));
    const meta = { id: 'ex1', title: 'Replay', scenarioId: 'minimal', scenarioText: text, seed: 'replay-me', createdAt: 0, codes: { teams: {}, observer: 'X' }, scenarioEditedAtSeq: null };
    const records = run.commands.map((command, i) => ({ seq: i + 1, command, seatId: null, round: 0, stateHash: null }));
    const exported = buildJsonExport({ meta, scenario: loaded.scenario, state: run.state, records, viewer: { role: 'facilitator' } });
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'log.json'), exported.data);
    const replayed = firebreak('replay', path.join(dir, 'log.json'), '--json');
    expect(replayed.code).toBe(0);
    const result = JSON.parse(replayed.stdout);
    expect(result.stateHash).toBe(stateHash(run.state));
    expect(result.matchesRecordedHash).toBe(true);
    expect(result.phase).toBe('debrief');
    expect(firebreak('replay', path.join(dir, 'log.json')).stdout).toContain('(matches the log)');

    const log = JSON.parse(exported.data);
    fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify({ ...log, seed: 'another-seed' }));
    const tampered = firebreak('replay', path.join(dir, 'tampered.json'));
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('DIFFERS from the log');

    const { scenarioText: _withheld, ...withoutScenario } = log;
    fs.writeFileSync(path.join(dir, 'observer.json'), JSON.stringify(withoutScenario));
    const needsScenario = firebreak('replay', path.join(dir, 'observer.json'));
    expect(needsScenario.code).toBe(2);
    expect(needsScenario.stderr).toContain('pass --scenario');
    expect(firebreak('replay', path.join(dir, 'observer.json'), '--scenario', 'test/fixtures/minimal.json').code).toBe(0);

    fs.writeFileSync(path.join(dir, 'junk.json'), '{"format": "something else"}');
    const junk = firebreak('replay', path.join(dir, 'junk.json'));
    expect(junk.code).toBe(2);
    noStackTrace(junk);
  });

  it('prints a state chart as Mermaid and as importable JSON', () => {
    const mermaid = firebreak('graph', 'test/fixtures/minimal.json', '--chart', 'exercise');
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toContain('title: exercise\n---\nstateDiagram-v2');
    expect(mermaid.stdout).toContain('lobby --> briefing: START');
    const json = JSON.parse(firebreak('graph', 'test/fixtures/minimal.json', '--format', 'json', '--chart', 'sanctions').stdout);
    expect(json.type).toBe('parallel');
    expect(json.states.status.states.coordinating.on.VETO[0].target).toEqual(['#sanctions.status.blocked']);
    const all = JSON.parse(firebreak('graph', 'test/fixtures/minimal.json', '--format', 'json').stdout);
    expect(Object.keys(all)).toEqual(['exercise', 'nationalAttribution', 'coalitionAttribution', 'adversary', 'escalation', 'sanctions', 'deEscalation', 'dispute', 'verification', 'case', 'mla', 'norms', 'channel', 'platformRequest']);
  });
  it('plays the history track with --policies history, and refuses a track that does not fit its scenario', () => {
    const run = firebreak('simulate', 'scenarios/tutorial.json', '--runs', '4', '--policies', 'history', '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.policies.map((p: { policy: string }) => p.policy)).toEqual(['history']);
    expect(summary.policies[0].rejectedCommands).toBe(0);

    const dir = tmp();
    fs.copyFileSync('scenarios/tutorial.json', path.join(dir, 'tutorial.json'));
    const track = JSON.parse(fs.readFileSync('scenarios/tutorial.history.json', 'utf8'));
    track.rounds[0].steps[0].action = 'invade';
    fs.writeFileSync(path.join(dir, 'tutorial.history.json'), JSON.stringify(track));
    const validate = firebreak('validate', path.join(dir, 'tutorial.json'), '--runs', '0');
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/tutorial\.history\.json: unknown action "invade" \(at \/rounds\/0\/steps\/0\/action\)/);
    noStackTrace(validate);
  });

  it('balance --samples runs the report at several seeds and passes only if every sample passes', () => {
    const args = ['balance', 'test/fixtures/minimal.json', '--runs', '2', '--history-runs', '2', '--plans', '3', '--plan-runs', '1', '--search-steps', '1', '--fresh-runs', '2', '--samples', '3'];
    const json = firebreak(...args, '--json');
    const sampled = JSON.parse(json.stdout);
    expect(sampled.seeds).toEqual(['balance', 'balance/2', 'balance/3']);
    expect(sampled.samples).toHaveLength(3);
    expect(sampled.samples.map((s: { seed: string }) => s.seed)).toEqual(sampled.seeds);
    const second = sampled.checks.find((c: { id: number }) => c.id === 2);
    expect(second).toMatchObject({ applicable: true, passes: 0, figures: [null, null, null] });
    expect(json.code).toBe(1);
    const text = firebreak(...args);
    expect(text.stdout).toMatch(/balance over 3 samples \(seeds "balance", "balance\/2", "balance\/3"\)/);
    expect(text.stdout).toMatch(/^FAIL 2\. History is legal in every seed.*: passes in 0 of 3 samples: — \/ — \/ —\./m);
    expect(text.stdout).toMatch(/^PASS 1\. Doing nothing never succeeds: passes in 3 of 3 samples: 0 \/ 0 \/ 0\./m);
    const bad = firebreak('balance', 'test/fixtures/minimal.json', '--samples', '0');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--samples/);
    noStackTrace(bad);
  });

  it('balance prints the five checks and exits 1 when one fails (no history track beside the scenario)', () => {
    const run = firebreak('balance', 'test/fixtures/minimal.json', '--runs', '2', '--history-runs', '2', '--plans', '3', '--plan-runs', '1', '--search-steps', '1', '--fresh-runs', '2', '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.checks.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(result.checks[1]).toMatchObject({ passed: false, detail: 'the scenario has no history track' });
    const dir = tmp();
    const report = path.join(dir, 'checks.html');
    const text = firebreak('balance', 'test/fixtures/minimal.json', '--runs', '2', '--history-runs', '2', '--plans', '3', '--plan-runs', '1', '--search-steps', '1', '--fresh-runs', '2', '--report', report);
    expect(text.stdout).toMatch(/^FAIL 2\. History is legal in every seed/m);
    expect(fs.readFileSync(report, 'utf8')).toContain('<h2>Checks</h2>');
  });
});
