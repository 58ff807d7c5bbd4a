/** The storage contract, for the SQLite store, the PostgreSQL one (a throw-away server) and the in-memory one. */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/engine/types';
import { MemoryStorage } from '../../src/server/storage/memory';
import { rebuildExercise, ScenarioCache } from '../../src/server/storage/rebuild';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import {
  ConflictError,
  DuplicateError,
  StorageError,
  type ExerciseMeta,
  type NewLogRecord,
  type Storage,
} from '../../src/server/storage/types';
import { PostgresStorage } from '../../src/server/storage/postgres';
import { removeDir, tempDir } from '../helpers/server';
import { startPostgres } from '../support/services';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const postgres = await startPostgres();
afterAll(() => postgres?.stop());

function meta(id: string, codes = { teams: { a: `A${id}`.slice(0, 6), b: `B${id}`.slice(0, 6) }, observer: `O${id}`.slice(0, 6) }): ExerciseMeta {
  return { id, title: `Exercise ${id}`, scenarioId: 'sc', scenarioText: '{}', seed: 's', createdAt: Date.now(), codes, scenarioEditedAtSeq: null };
}
function facilitator(exerciseId: string, hash = `h-${exerciseId}`) {
  return { seatId: `f-${exerciseId}`, exerciseId, role: 'facilitator' as const, team: null, name: 'F', credentialHash: hash, joinedAt: 1 };
}
function record(id: string, seq = 0): NewLogRecord {
  const command = { type: 'chat', channel: 'team', text: `m${seq}`, id, actor: { role: 'team', team: 'a' }, at: 1000 + seq } as Command;
  return { command, seatId: 'seat-1', round: 1, stateHash: seq % 2 ? `hash-${id}` : null };
}

const stores: [string, () => Storage | Promise<Storage>][] = [
  ['memory', () => new MemoryStorage()],
  [
    'sqlite (writer thread)',
    () => {
      const dir = tempDir('firebreak-store-');
      dirs.push(dir);
      return new SqliteStorage(join(dir, 'firebreak.sqlite'));
    },
  ],
  [
    'sqlite (inline writes)',
    () => {
      const dir = tempDir('firebreak-store-');
      dirs.push(dir);
      return new SqliteStorage(join(dir, 'firebreak.sqlite'), { writer: 'inline' });
    },
  ],
  ...(postgres ? [['postgresql', async (): Promise<Storage> => PostgresStorage.open(await postgres.createDatabase())] as [string, () => Promise<Storage>]] : []),
];

describe.each(stores)('%s storage', (_name, make) => {
  it('creates exercises with codes and a facilitator seat', async () => {
    const s = await make();
    await s.createExercise(meta('ex1'), facilitator('ex1'));
    expect((await s.getExercise('ex1'))?.title).toBe('Exercise ex1');
    expect(await s.getExercise('nope')).toBeNull();
    expect(await s.findCode('Aex1')).toEqual({ code: 'Aex1', exerciseId: 'ex1', role: 'team', team: 'a' });
    expect(await s.findCode('Oex1')).toMatchObject({ role: 'observer', team: null });
    expect((await s.seats('ex1')).map((x) => x.ordinal)).toEqual([1]);
    await expect(s.createExercise(meta('ex1'), facilitator('ex1', 'other'))).rejects.toBeInstanceOf(DuplicateError);
    // A code clash with another exercise is refused as a whole.
    await expect(s.createExercise(meta('ex2', { teams: { a: 'Aex1' }, observer: 'OX2' } as never), facilitator('ex2'))).rejects.toBeInstanceOf(
      DuplicateError,
    );
    expect(await s.getExercise('ex2')).toBeNull();
    expect((await s.list()).map((m) => m.id)).toEqual(['ex1']);
    await s.close();
  });

  it('numbers seats in joining order and finds them by credential hash', async () => {
    const s = await make();
    await s.createExercise(meta('ex1'), facilitator('ex1'));
    const p1 = await s.addSeat({ seatId: 'p1', exerciseId: 'ex1', role: 'team', team: 'a', name: 'P1', credentialHash: 'hp1', joinedAt: 2 });
    const p2 = await s.addSeat({ seatId: 'p2', exerciseId: 'ex1', role: 'team', team: 'a', name: 'P2', credentialHash: 'hp2', joinedAt: 3 });
    expect([p1.ordinal, p2.ordinal]).toEqual([2, 3]);
    expect(await s.findSeatByCredentialHash('hp2')).toMatchObject({ seatId: 'p2', team: 'a' });
    expect(await s.findSeatByCredentialHash('zzz')).toBeNull();
    await expect(
      s.addSeat({ seatId: 'p3', exerciseId: 'ex1', role: 'team', team: 'a', name: 'P3', credentialHash: 'hp1', joinedAt: 4 }),
    ).rejects.toBeInstanceOf(DuplicateError);
    await s.close();
  });

  it('appends with optimistic concurrency and reads from a seq', async () => {
    const s = await make();
    await s.createExercise(meta('ex1'), facilitator('ex1'));
    expect(await s.lastSeq('ex1')).toBe(0);
    expect(await s.append('ex1', 0, [record('c1', 1)])).toBe(1);
    expect(await s.append('ex1', 1, [record('c2', 2), record('c3', 3)])).toBe(3);
    await expect(s.append('ex1', 1, [record('c4', 4)])).rejects.toBeInstanceOf(ConflictError);
    // A command id is stored once per exercise.
    await expect(s.append('ex1', 3, [record('c1', 4)])).rejects.toBeInstanceOf(ConflictError);
    expect(await s.lastSeq('ex1')).toBe(3);
    const all = await s.read('ex1');
    expect(all.map((r) => [r.seq, r.command.id])).toEqual([
      [1, 'c1'],
      [2, 'c2'],
      [3, 'c3'],
    ]);
    expect(all[1]!.command).toEqual(record('c2', 2).command);
    expect(all[0]!.stateHash).toBe('hash-c1');
    expect(all[1]!.stateHash).toBeNull();
    expect(all[1]!.round).toBe(1);
    expect((await s.read('ex1', 3)).map((r) => r.seq)).toEqual([3]);
    await s.close();
  });

  it('keeps the latest snapshot of each exercise, and drops it when the scenario text is replaced', async () => {
    const s = await make();
    await s.createExercise(meta('ex1'), facilitator('ex1'));
    expect(await s.latestSnapshot('ex1')).toBeNull();
    await s.append('ex1', 0, [{ ...record('c1', 1), snapshot: '{"n":1}' }, record('c2', 2)]);
    await s.append('ex1', 2, [{ ...record('c3', 3), snapshot: '{"n":3}' }]);
    expect(await s.latestSnapshot('ex1')).toEqual({ seq: 3, stateHash: 'hash-c3', stateJson: '{"n":3}' });
    // Snapshots are not log records: reading the log does not return them.
    expect((await s.read('ex1')).map((r) => Object.keys(r).sort())).toEqual(Array(3).fill(['command', 'round', 'seatId', 'seq', 'stateHash']));
    await s.updateScenarioText('ex1', '{"edited":true}', 3);
    expect(await s.latestSnapshot('ex1')).toBeNull();
    expect((await s.getExercise('ex1'))?.scenarioText).toBe('{"edited":true}');
    await s.close();
  });

  it('lists quarantined exercises until they are released', async () => {
    const s = await make();
    await s.createExercise(meta('ex1'), facilitator('ex1'));
    await s.createExercise(meta('ex2'), facilitator('ex2'));
    expect(await s.quarantined()).toEqual([]);
    await s.quarantine('ex2', 'REPLAY MISMATCH: seq 3');
    expect(await s.quarantined()).toMatchObject([{ exerciseId: 'ex2', reason: 'REPLAY MISMATCH: seq 3' }]);
    await s.release('ex2');
    expect(await s.quarantined()).toEqual([]);
    expect(s.failure()).toBeNull();
    await s.close();
  });
});

function onDisk(options: ConstructorParameters<typeof SqliteStorage>[1] = {}): SqliteStorage {
  const dir = tempDir('firebreak-store-');
  dirs.push(dir);
  return new SqliteStorage(join(dir, 'firebreak.sqlite'), options);
}

describe('sqlite storage on disk', () => {
  it('stores a scenario text once however many exercises use it, and hands back one string', async () => {
    const s = onDisk();
    const text = JSON.stringify({ big: 'x'.repeat(50_000) });
    for (const id of ['sa', 'sb', 'sc']) await s.createExercise({ ...meta(id), scenarioText: text }, facilitator(id));
    await s.createExercise({ ...meta('sd'), scenarioText: '{"other":1}' }, facilitator('sd'));
    await s.close();
    const db = new Database(s.file, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM scenarios').get() as { n: number }).n).toBe(2);
    db.close();
    const again = new SqliteStorage(s.file);
    const metas = await again.list();
    expect(metas.map((m) => m.scenarioText.length)).toEqual([text.length, text.length, text.length, 11]);
    await again.close();
  });

  it('opens a data folder written by the previous version (schema 2) and replays it to its stored hashes', async () => {
    const dir = tempDir('firebreak-v2-');
    dirs.push(dir);
    const file = join(dir, 'firebreak.sqlite');
    copyFileSync(new URL('../fixtures/storage-v2/firebreak.sqlite', import.meta.url), file);
    const before = new Database(file, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(2);
    before.close();

    const s = new SqliteStorage(file);
    const metas = await s.list();
    expect(metas.map((m) => m.id)).toEqual(['oldone', 'oldtwo']);
    const fixtureText = readFileSync(new URL('../fixtures/minimal.json', import.meta.url), 'utf8');
    expect(metas.every((m) => m.scenarioText === fixtureText)).toBe(true);
    expect(await s.findCode('OBS1XYZ')).toMatchObject({ exerciseId: 'oldtwo', role: 'observer' });
    expect((await s.seats('oldone'))[0]).toMatchObject({ role: 'facilitator', credentialHash: 'hash-oldone' });
    const cache = new ScenarioCache();
    for (const m of metas) {
      const rebuilt = await rebuildExercise(s, m, cache);
      if (!rebuilt.ok) throw new Error(rebuilt.reason);
      expect(rebuilt.mismatches).toEqual([]);
      expect(rebuilt.lastSeq).toBe(m.id === 'oldone' ? 14 : 5);
      // Each log carries a checkpoint hash on its last record, which the replay reached.
      expect(rebuilt.lastHashedSeq).toBe(rebuilt.lastSeq);
    }
    expect(cache.size).toBe(1);
    // Writing goes on in the new schema.
    await s.append('oldtwo', 5, [record('after-migration', 6)]);
    await s.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect((db.prepare('SELECT COUNT(*) AS n FROM scenarios').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it.each(['thread', 'inline'] as const)('fails a write on a full file with a StorageError of fault "full" (%s writer)', async (writer) => {
    const s = onDisk({ writer, maxPageCount: 40 });
    await s.createExercise(meta('full'), facilitator('full'));
    let seq = 0;
    let failure: unknown = null;
    const bulky = (i: number): NewLogRecord => ({ ...record(`bulk-${i}`, i), command: { ...record(`bulk-${i}`, i).command, text: 'x'.repeat(3000) } as Command });
    for (let i = 1; i < 200 && !failure; i++) {
      try {
        seq = await s.append('full', seq, [bulky(i)]);
      } catch (err) {
        failure = err;
      }
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ fault: 'full', code: 'SQLITE_FULL' });
    expect(s.failure()).toMatchObject({ fault: 'full' });
    // Nothing of the failed append was stored; everything acknowledged before it was.
    expect(await s.lastSeq('full')).toBe(seq);
    const big = { ...meta('more'), scenarioText: JSON.stringify({ text: 'y'.repeat(20_000) }) };
    await expect(s.createExercise(big, facilitator('more'))).rejects.toMatchObject({ name: 'StorageError', fault: 'full' });
    await s.close();
  });

  it('makes a consistent copy with SQLite\'s online backup', async () => {
    const s = onDisk();
    await s.createExercise(meta('bk'), facilitator('bk'));
    await s.append('bk', 0, [{ ...record('b1', 1), snapshot: '{}' }, record('b2', 2)]);
    const out = join(dirs.at(-1)!, 'copy.sqlite');
    await s.backup(out);
    await s.close();
    const copy = new SqliteStorage(out);
    expect((await copy.read('bk')).map((r) => r.command.id)).toEqual(['b1', 'b2']);
    expect(await copy.latestSnapshot('bk')).toMatchObject({ seq: 1, stateJson: '{}' });
    expect(copy.integrityProblems()).toEqual([]);
    await copy.close();
  });

  it('commits concurrent appends together, and one conflict does not undo the others', async () => {
    const dir = tempDir('firebreak-store-');
    dirs.push(dir);
    const s = new SqliteStorage(join(dir, 'firebreak.sqlite'));
    for (const id of ['ga', 'gb', 'gc']) await s.createExercise(meta(id), facilitator(id));
    const results = await Promise.allSettled([
      s.append('ga', 0, [record('a1', 1)]),
      s.append('ga', 1, [record('a2', 2)]),
      s.append('gb', 0, [record('b1', 1), record('b2', 2)]),
      s.append('gb', 0, [record('bx', 1)]), // stale: conflicts
      s.append('gc', 0, [record('c1', 1)]),
      s.append('ga', 2, [record('a3', 3)]),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).name))).toEqual([1, 2, 2, 'ConflictError', 1, 3]);
    expect((await s.read('ga')).map((r) => r.command.id)).toEqual(['a1', 'a2', 'a3']);
    expect((await s.read('gb')).map((r) => r.command.id)).toEqual(['b1', 'b2']);
    await s.close();
  });

  it('keeps everything across reopening, and a second writer gets ConflictError', async () => {
    const dir = tempDir('firebreak-store-');
    dirs.push(dir);
    const file = join(dir, 'firebreak.sqlite');
    const one = new SqliteStorage(file);
    await one.createExercise(meta('ex1'), facilitator('ex1'));
    await one.append('ex1', 0, [record('c1', 1)]);
    const two = new SqliteStorage(file);
    expect(await two.lastSeq('ex1')).toBe(1);
    await two.append('ex1', 1, [record('c2', 2)]);
    // `one` still believes the log ends at 1.
    await expect(one.append('ex1', 1, [record('c3', 3)])).rejects.toBeInstanceOf(ConflictError);
    await one.close();
    await two.close();
    const three = new SqliteStorage(file);
    expect((await three.read('ex1')).map((r) => r.command.id)).toEqual(['c1', 'c2']);
    expect((await three.seats('ex1'))[0]!.credentialHash).toBe('h-ex1');
    await three.close();
  });
});

describe('sqlite checkpoints', () => {
  it('copies the WAL into the database file on its own timer, not only at SQLite\'s 1,000 pages', async () => {
    const dir = tempDir('firebreak-store-');
    dirs.push(dir);
    const file = join(dir, 'firebreak.sqlite');
    const s = new SqliteStorage(file, { checkpointEveryMs: 50 });
    await s.createExercise(meta('cp'), facilitator('cp'));
    await s.append('cp', 0, [record('k1', 1), record('k2', 2)]);
    // The database file alone (without its WAL) holds the records once a checkpoint ran.
    const fileAlone = async () => {
      const copy = join(dir, `alone-${Math.random().toString(36).slice(2)}.sqlite`);
      copyFileSync(file, copy);
      const db = new Database(copy, { readonly: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'log'").get() as { n: number }).n
          ? (db.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n
          : 0;
      } finally {
        db.close();
      }
    };
    let seen = 0;
    for (let i = 0; i < 100 && seen < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await fileAlone();
    }
    expect(seen).toBe(2);
    await s.close();
  });
});
