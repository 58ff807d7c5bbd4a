import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, scenarioJsonSchema } from '../../src/engine/scenario/schema';

const committed = readFileSync(new URL('../../scenarios/firebreak-scenario.schema.json', import.meta.url), 'utf8');

describe('the published JSON Schema', () => {
  it('is exactly what the zod schema generates', () => {
    expect(committed).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });

  it('pins the format version and refuses unknown fields', () => {
    const schema = JSON.parse(committed) as {
      type: string;
      required: string[];
      additionalProperties: unknown;
      properties: Record<string, { const?: unknown }>;
    };
    expect(schema.type).toBe('object');
    expect(schema.properties.formatVersion?.const).toBe(FORMAT_VERSION);
    expect(schema.required).toEqual(expect.arrayContaining(['formatVersion', 'id', 'meta', 'teams', 'actions', 'rounds']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes the condition language for editors', () => {
    expect(committed).toContain('A declarative condition. No code from a scenario ever runs.');
    expect(committed).toContain('"injectFired"');
  });
});
