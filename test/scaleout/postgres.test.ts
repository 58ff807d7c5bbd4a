/**
 * The PostgreSQL store against a real, throw-away PostgreSQL: migrations
 * from an empty database and from the previous schema version, two stores
 * (two processes' worth of connections) racing for the same seq, and a
 * server that goes away and comes back. The storage contract itself runs for
 * this store in test/server/storage.test.ts.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/engine/types';
import { MIGRATIONS, PG_SCHEMA_VERSION, PostgresStorage, migrate } from '../../src/server/storage/postgres';
import { ConflictError, StorageError, type ExerciseMeta, type NewLogRecord } from '../../src/server/storage/types';
import { startPostgres } from '../support/services';

const postgres = await startPostgres();
afterAll(() => postgres?.stop());

function meta(id: string): ExerciseMeta {
  return { id, title: `Exercise ${id}`, scenarioId: 'sc', scenarioText: '{"s":1}', seed: 's', createdAt: Date.now(), codes: { teams: { a: `A-${id}` }, observer: `O-${id}` }, scenarioEditedAtSeq: null };
}
function facilitator(exerciseId: string) {
  return { seatId: `f-${exerciseId}`, exerciseId, role: 'facilitator' as const, team: null, name: 'F', credentialHash: `h-${exerciseId}`, joinedAt: 1 };
}
function record(id: string): NewLogRecord {
  const command = { type: 'chat', channel: 'team', text: id, id, actor: { role: 'team', team: 'a' }, at: 1000 } as Command;
  return { command, seatId: 'seat-1', round: 1, stateHash: null };
}

describe.skipIf(!postgres)('postgresql storage', () => {
  it('migrates an empty database to the latest schema, and opening again changes nothing', async () => {
    const url = await postgres!.createDatabase();
    const s = await PostgresStorage.open(url);
    expect(await s.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    await s.createExercise(meta('e1'), facilitator('e1'));
    await s.close();
    const again = await PostgresStorage.open(url);
    expect(await again.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    expect((await again.list()).map((m) => m.id)).toEqual(['e1']);
    await again.close();
  });

  it('migrates a database written by the previous version, keeping its exercises and log', async () => {
    const url = await postgres!.createDatabase();
    const pool = new pg.Pool({ connectionString: url });
    expect(await migrate(pool, PG_SCHEMA_VERSION - 1)).toBe(0);
    await pool.end();
    // The previous version's store wrote through the same statements (every table but the newest migration's).
    const previous = await PostgresStorage.open(url, { schemaVersion: PG_SCHEMA_VERSION - 1 });
    await previous.createExercise(meta('old'), facilitator('old'));
    await previous.append('old', 0, [record('c1'), record('c2')]);
    expect(await previous.schemaVersion()).toBe(PG_SCHEMA_VERSION - 1);
    await previous.close();

    const s = await PostgresStorage.open(url);
    expect(await s.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    expect((await s.read('old')).map((r) => r.command.id)).toEqual(['c1', 'c2']);
    expect(await s.findSeatByCredentialHash('h-old')).toMatchObject({ seatId: 'f-old', ordinal: 1 });
    expect(await s.append('old', 2, [record('c3')])).toBe(3);
    await s.close();
    expect(MIGRATIONS.length).toBe(PG_SCHEMA_VERSION);
  });

  it('lets exactly one of several racing writers take each seq, and loses nothing acknowledged', async () => {
    const url = await postgres!.createDatabase();
    const [one, two] = [await PostgresStorage.open(url), await PostgresStorage.open(url)];
    await one.createExercise(meta('race'), facilitator('race'));
    // Each writer appends 30 commands, re-reading the end of the log on every conflict.
    const write = async (store: PostgresStorage, name: string) => {
      const acknowledged: string[] = [];
      for (let i = 0; i < 30; i++) {
        const id = `${name}-${i}`;
        for (;;) {
          try {
            await store.append('race', await store.lastSeq('race'), [record(id)]);
            acknowledged.push(id);
            break;
          } catch (err) {
            if (!(err instanceof ConflictError)) throw err;
          }
        }
      }
      return acknowledged;
    };
    const [a, b] = await Promise.all([write(one, 'one'), write(two, 'two')]);
    const log = await one.read('race');
    expect(log.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(log.map((r) => r.command.id).sort()).toEqual([...a, ...b].sort());
    await Promise.all([one.close(), two.close()]);
  });

  it('reports a server that went away as unreachable, and clears it once the server is back', async () => {
    const url = await postgres!.createDatabase();
    const s = await PostgresStorage.open(url, { probeEveryMs: 100 });
    await s.createExercise(meta('gone'), facilitator('gone'));
    await s.append('gone', 0, [record('before')]);
    await postgres!.halt();
    try {
      await expect(s.append('gone', 1, [record('during')])).rejects.toBeInstanceOf(StorageError);
      expect(s.failure()).toMatchObject({ fault: 'unreachable' });
    } finally {
      await postgres!.start();
    }
    for (let i = 0; i < 100 && s.failure(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(s.failure()).toBeNull();
    expect(await s.append('gone', 1, [record('after')])).toBe(2);
    expect((await s.read('gone')).map((r) => r.command.id)).toEqual(['before', 'after']);
    await s.close();
  });
});
