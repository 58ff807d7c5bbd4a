/**
 * Scenario values that reach styles are colours, checked by the schema; the
 * client passes them through a whitelist and sets styles only through the
 * CSSOM (cssProps), never as style attributes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/engine';
import { safeColour } from '../../src/client/ui/dom';
import { fixtureScenario } from '../helpers/scenario';
import { ROOT } from '../helpers/server';

function withColour(colour: unknown): string {
  const scenario = fixtureScenario({ teams: 2 }) as { teams: Record<string, unknown>[] };
  scenario.teams[0]!.colour = colour;
  return JSON.stringify(scenario);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('colours from scenarios', () => {
  it('accepts # and six hex digits', () => {
    expect(loadScenarioText(withColour('#0072B2'), 'ok.json').ok).toBe(true);
  });

  it.each(['red', '#fff', 'red; background-image: url(https://tracker.example/x)', '#0072B2;}body{display:none', 'url(javascript:alert(1))', 'var(--x)'])(
    'refuses %j',
    (colour) => {
      const loaded = loadScenarioText(withColour(colour), 'bad.json');
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) expect(loaded.problems.map((p) => p.message).join('\n')).toMatch(/six hex digits/);
    },
  );

  it('the client whitelists a colour again before it reaches a style', () => {
    expect(safeColour('#0072B2')).toBe('#0072B2');
    expect(safeColour('red;background:url(x)')).toBe('#999999');
    expect(safeColour(undefined)).toBe('#999999');
  });

  it('no client template builds a style attribute from a string (the CSP allows no inline styles)', () => {
    // lit's styleMap writes a style attribute on first render too; cssProps sets properties through the CSSOM.
    const offenders = sources(join(ROOT, 'src/client')).filter((file) => /style=(\$\{`|")|styleMap\(/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
