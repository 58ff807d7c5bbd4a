/**
 * firebreak backup: a consistent copy of a data folder's database, taken with
 * SQLite's online backup while the server keeps running, then checked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase, SqliteStorage } from '../../server/storage/sqlite';
import { openDatabase } from '../../server/storage/sqlite-log.js';
import { DB_FILE } from '../../server/storage/verify';
import { EXIT_FINDING, EXIT_OK, UserError, out } from '../io';

export async function backup(dataDir: string, destination: string, options: { force: boolean }): Promise<number> {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new UserError(`${dataDir} holds no ${DB_FILE}`);
  if (existsSync(destination) && !options.force) throw new UserError(`${destination} exists; pass --force to replace it`);
  const source = openDatabase(file, { readonly: true });
  try {
    await backupDatabase(source, destination);
  } catch (error) {
    throw new UserError(`the backup failed: ${(error as Error).message}`, EXIT_FINDING);
  } finally {
    source.close();
  }
  // The copy opens, passes SQLite's check, and says what it holds.
  const copy = new SqliteStorage(destination, { writer: 'inline', checkpointEveryMs: 0 });
  try {
    const problems = copy.integrityProblems();
    const exercises = await copy.list();
    let commands = 0;
    for (const meta of exercises) commands += await copy.lastSeq(meta.id);
    if (problems.length) {
      out(`${destination}: written, but it fails SQLite's integrity check: ${problems[0]}`);
      return EXIT_FINDING;
    }
    out(`${destination}: ${exercises.length} exercise(s), ${commands} command(s); restore it by stopping the server and copying it to DATA_DIR/${DB_FILE}`);
    return EXIT_OK;
  } finally {
    await copy.close();
  }
}
