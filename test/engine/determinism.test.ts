/**
 * One scenario, one seed, one command log: one state, byte for byte. And the
 * engine source stays free of everything that would break that (clocks,
 * global randomness, I/O, the server and the client).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, replay, stateHash } from '../../src/engine/index';
import { POLICIES } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import type { Scenario } from '../../src/engine/scenario/schema';
import { shippedScenarios, minimalScenario, richScenario } from './support';

const POLICY_IDS = Object.keys(POLICIES);

function checkReplay(scenario: Scenario, seed: string, names: string[]): string {
  const run = simulateExercise(scenario, seed, resolvePolicies(scenario, names));
  expect(run.state.phase).toBe('debrief');
  const live = stateHash(run.state);
  const first = replay(scenario, seed, run.commands);
  const second = replay(scenario, seed, run.commands);
  // Every logged command was accepted live, and is accepted again.
  expect(first.results.every((r) => r.ok), `${seed}: a logged command was rejected on replay`).toBe(true);
  expect(stateHash(first.state), `${seed} (${names.join(',')})`).toBe(live);
  expect(stateHash(second.state)).toBe(live);
  expect(canonicalJson(first.state)).toBe(canonicalJson(run.state));
  return live;
}

describe('replay reproduces live play', () => {
  it('for each bot policy, on many seeds of the rich scenario', () => {
    const scenario = richScenario();
    const hashes = new Map<string, Set<string>>();
    for (let i = 0; i < 32; i++) {
      const policy = POLICY_IDS[i % POLICY_IDS.length]!;
      const hash = checkReplay(scenario, `det-${i}`, [policy]);
      hashes.set(policy, (hashes.get(policy) ?? new Set()).add(hash));
    }
    // Different seeds lead to different exercises.
    for (const [policy, set] of hashes) expect(set.size, policy).toBeGreaterThan(1);
  });

  it('with the policies mixed across teams', () => {
    const scenario = richScenario();
    for (let i = 0; i < 4; i++) {
      const names = POLICY_IDS.map((_, j) => POLICY_IDS[(i + j) % POLICY_IDS.length]!);
      checkReplay(scenario, `mixed-${i}`, names);
    }
  });

  it('on the minimal scenario', () => {
    const scenario = minimalScenario();
    const hashes = new Set<string>();
    for (let i = 0; i < 8; i++) hashes.add(checkReplay(scenario, `min-${i}`, [POLICY_IDS[i % POLICY_IDS.length]!]));
    expect(hashes.size).toBeGreaterThan(1);
  });

  it('on every shipped scenario', () => {
    const shipped = shippedScenarios();
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    for (const scenario of shipped) {
      checkReplay(scenario, `${scenario.id}-0`, ['hawkish']);
      checkReplay(scenario, `${scenario.id}-1`, POLICY_IDS);
    }
  });

  it('the same seed and policies give the same exercise; another seed another one', () => {
    const scenario = richScenario();
    const policies = resolvePolicies(scenario, ['random-legal']);
    const a = simulateExercise(scenario, 'same', policies);
    const b = simulateExercise(scenario, 'same', policies);
    expect(stateHash(a.state)).toBe(stateHash(b.state));
    expect(a.commands).toEqual(b.commands);
    const c = simulateExercise(scenario, 'other', policies);
    expect(stateHash(c.state)).not.toBe(stateHash(a.state));
  });

  it('a log with rejected commands replays to the same state: they stay rejected and change nothing', () => {
    const scenario = richScenario();
    const run = simulateExercise(scenario, 'with-noise', resolvePolicies(scenario, ['coalition-follower']));
    const noisy = run.commands.flatMap((command, i) => [
      command,
      { ...command, id: `${command.id}-again`, type: 'advance', actor: { role: 'team', team: 'usa' } } as never,
      ...(i % 7 === 0 ? [{ type: 'draftDecision', draft: { action: 'nope' }, id: `x${i}`, actor: { role: 'team', team: 'fra' }, at: command.at } as never] : []),
    ]);
    const replayed = replay(scenario, 'with-noise', noisy);
    expect(stateHash(replayed.state)).toBe(stateHash(run.state));
    expect(replayed.results.filter((r) => !r.ok).length).toBe(noisy.length - run.commands.length);
  });

  it('the hash depends on the seed even before any command', () => {
    const scenario = richScenario();
    expect(stateHash(replay(scenario, 'a', []).state)).not.toBe(stateHash(replay(scenario, 'b', []).state));
    expect(stateHash(replay(scenario, 'a', []).state)).toBe(stateHash(replay(scenario, 'a', []).state));
  });
});

// ---------------------------------------------------------------------------

/** The same value with every object's keys in another order. */
function reorder(value: unknown, reverse: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, reverse));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (reverse) keys.reverse();
    else keys.sort();
    return Object.fromEntries(keys.map((k) => [k, reorder((value as Record<string, unknown>)[k], reverse)]));
  }
  return value;
}

describe('canonical JSON', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: [3, { e: 4, f: 5 }] } })).toBe(canonicalJson({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 }));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reorder(value, true))).toBe(canonicalJson(value));
        expect(canonicalJson(reorder(value, false))).toBe(canonicalJson(value));
      }),
      { numRuns: 200 },
    );
  });

  it('does depend on array order and on values', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(stateHash({ a: 1 })).not.toBe(stateHash({ a: 2 }));
  });

  it('hashes a whole exercise state independently of key order', () => {
    const scenario = richScenario();
    const run = simulateExercise(scenario, 'order', resolvePolicies(scenario, ['hawkish']));
    expect(stateHash(reorder(run.state, true))).toBe(stateHash(run.state));
    expect(stateHash(JSON.parse(JSON.stringify(run.state)))).toBe(stateHash(run.state));
    expect(stateHash(run.state)).toMatch(/^[0-9a-f]{64}$/);
  });
});

// ---------------------------------------------------------------------------

const engineDir = fileURLToPath(new URL('../../src/engine/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the engine is pure', () => {
  const files = sourceFiles(engineDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith(join('rules', 'apply.ts')))).toBe(true);
  });

  it('uses no clock, no global randomness and no host globals', () => {
    const forbidden: [string, RegExp][] = [
      ['Math.random', /Math\s*\.\s*random/],
      ['Date.now', /Date\s*\.\s*now/],
      ['new Date', /new\s+Date\b/],
      ['performance.now', /performance\s*\.\s*now/],
      ['process.', /(?<![\w$.])process\s*\.[A-Za-z_$]/],
      ['require(', /(?<![\w$.])require\s*\(/],
      ['window.', /(?<![\w$.])window\s*\.[A-Za-z_$]/],
      ['document.', /(?<![\w$.])document\s*\.[A-Za-z_$]/],
      ['globalThis', /globalThis/],
      ['setTimeout', /\bset(Timeout|Interval|Immediate)\s*\(/],
      ['crypto.getRandomValues', /getRandomValues|randomUUID/],
    ];
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [name, pattern] of forbidden) if (pattern.test(text)) found.push(`${relative(engineDir, file)}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('imports no Node modules and nothing outside the engine but its libraries', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of specifiers) {
        const where = relative(engineDir, file);
        if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]!)) problems.push(`${where} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (relative(engineDir, target).startsWith('..')) problems.push(`${where} imports ${spec}, outside the engine`);
        } else if (/(^|\/)(server|client|cli|protocol)(\/|$)/.test(spec) || spec.startsWith('src/')) {
          problems.push(`${where} imports ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the check itself catches what it looks for', () => {
    const pattern = /(?<![\w$.])process\s*\.[A-Za-z_$]/;
    expect(pattern.test('const x = process.env.X')).toBe(true);
    expect(pattern.test('the process. Then')).toBe(false);
    expect(/(?<![\w$.])document\s*\.[A-Za-z_$]/.test('"" for the document. */')).toBe(false);
    expect(/(?<![\w$.])document\s*\.[A-Za-z_$]/.test('document.body')).toBe(true);
  });
});
