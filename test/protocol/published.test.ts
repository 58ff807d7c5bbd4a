/**
 * The machine-readable protocol in docs/protocol/ against the code: the
 * files are what the zod schemas generate today, the server checks each
 * event with the published payload schema, and every reference in the
 * AsyncAPI document names a published file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_DIR, staleProtocolFiles } from '../../src/cli/commands/protocol';
import { CLIENT_EVENTS, asyncApiDocument } from '../../src/protocol/publish';
import type { Hub } from '../../src/server/hub';
import type { RateLimits } from '../../src/server/limits';
import { socketRoutes } from '../../src/server/socket';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('docs/protocol/', () => {
  it('holds exactly what the code generates (run `npm run protocol` after changing a schema)', () => {
    expect(staleProtocolFiles(join(ROOT, PROTOCOL_DIR))).toEqual([]);
  });

  it('describes the payload schemas the server validates with, for every event it routes', () => {
    const routes = socketRoutes({} as Hub, {} as RateLimits);
    expect([...routes.keys()].sort()).toEqual(Object.keys(CLIENT_EVENTS).sort());
    for (const [name, route] of routes) expect(route.schema, name).toBe(CLIENT_EVENTS[name as keyof typeof CLIENT_EVENTS].payload);
  });

  it('refers only to published files from the AsyncAPI document', () => {
    const refs = JSON.stringify(asyncApiDocument()).match(/"\$ref":"[^"#][^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const file = ref.slice('"$ref":"'.length, -1);
      expect(existsSync(join(ROOT, PROTOCOL_DIR, file)), file).toBe(true);
    }
    // And the schema files refer only to each other.
    const view = readFileSync(join(ROOT, PROTOCOL_DIR, 'schemas/seat-join.answer.schema.json'), 'utf8');
    expect(view).toContain('"$ref": "ExerciseView.schema.json"');
  });
});
