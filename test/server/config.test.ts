/**
 * Every limit and boundary setting can be given as a `firebreak serve` flag
 * and as an environment variable, from one table; bad values are refused at
 * start-up; X-Forwarded-For is believed only from trusted proxies.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressResolver } from '../../src/server/address';
import { camel, configFromEnv, configFromFlags, DEFAULT_CONFIG, resolveConfig, SETTINGS } from '../../src/server/config';
import { ROOT } from '../helpers/server';

describe('settings', () => {
  it('reads every setting from its FIREBREAK_ variable and from its flag, flags last', () => {
    const env: Record<string, string> = {};
    const flags: Record<string, string> = {};
    for (const s of SETTINGS) {
      env[s.env] = Array.isArray(s.default) ? '10.0.0.1, 10.0.0.2' : '7';
      flags[camel(s.flag)] = Array.isArray(s.default) ? '192.168.0.0/16' : '9';
    }
    env.FIREBREAK_ALLOWED_ORIGINS = 'https://a.example, https://b.example';
    flags.allowedOrigins = 'https://c.example';
    const fromEnv = resolveConfig(configFromEnv(env));
    expect(fromEnv.eventsPerSecond).toBe(7);
    expect(fromEnv.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(fromEnv.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    const both = resolveConfig(configFromEnv(env), configFromFlags(flags));
    for (const s of SETTINGS) if (!Array.isArray(s.default)) expect(both[s.key], s.key).toBe(9);
    expect(both.allowedOrigins).toEqual(['https://c.example']);
    expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
  });

  it('are all documented in docs/server.md with their flag, variable and default', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'server.md'), 'utf8');
    for (const s of SETTINGS) {
      const def = Array.isArray(s.default) ? 'none' : String(s.default);
      expect(doc, s.key).toContain(`| \`--${s.flag}\` | \`${s.env}\` | ${def} |`);
    }
  });

  it('documents in docs/server.md every environment variable the server reads, and reads every one documented', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'server.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| variable | default | meaning |')).split('\n\n')[0]!;
    const documented = new Set([...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
    const serverDir = join(ROOT, 'src', 'server');
    const read = new Set<string>();
    for (const file of readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(serverDir, file), 'utf8');
      for (const m of code.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\])/g)) read.add(m[1] ?? m[2]!);
      // A name computed at run time could not be checked here: only config.ts's table (below) does that.
      if (file !== 'config.ts') expect(code, `${file} reads process.env by a computed name`).not.toMatch(/process\.env\[\s*[^'"`\s]/);
    }
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) expect(documented.has(name), `${name} is read in src/server but not in the table of docs/server.md`).toBe(true);
    for (const name of documented) expect(read.has(name), `${name} is documented but src/server never reads it`).toBe(true);
  });

  it('refuses values that do not parse instead of falling back to a default', () => {
    expect(() => configFromEnv({ FIREBREAK_EVENTS_PER_SECOND: '20/s' })).toThrow(/whole number/);
    expect(() => configFromEnv({ FIREBREAK_CONNECTIONS_PER_ADDRESS: '0' })).toThrow(/at least 1/);
    expect(() => resolveConfig({ trustedProxies: ['proxy.local'] })).toThrow(/not an IP/);
    expect(() => resolveConfig({ allowedOrigins: ['https://a.example/path'] })).toThrow(/scheme/);
  });

  it('firebreak serve exits 2 with one line on a bad flag', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--failed-joins-per-address', 'lots'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--failed-joins-per-address must be a whole number/);
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For without trusted proxies', () => {
    const addressOf = addressResolver([]);
    expect(addressOf('::ffff:127.0.0.1', '203.0.113.1')).toBe('127.0.0.1');
  });

  it('walks X-Forwarded-For from the right past trusted proxies only', () => {
    const addressOf = addressResolver(['10.0.0.0/8', '::1']);
    expect(addressOf('10.1.2.3', '203.0.113.1')).toBe('203.0.113.1');
    // A client cannot pick its address by prepending one: the proxy appended the real one.
    expect(addressOf('10.1.2.3', '198.51.100.9, 203.0.113.1')).toBe('203.0.113.1');
    expect(addressOf('10.1.2.3', '203.0.113.1, 10.9.9.9')).toBe('203.0.113.1');
    expect(addressOf('::1', ['203.0.113.2'])).toBe('203.0.113.2');
    // From an untrusted peer the header means nothing.
    expect(addressOf('192.0.2.5', '203.0.113.1')).toBe('192.0.2.5');
    // A malformed hop ends the trusted chain at the proxy.
    expect(addressOf('10.1.2.3', 'not-an-address')).toBe('10.1.2.3');
  });
});
