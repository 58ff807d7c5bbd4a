/** firebreak new: writes a commented starter scenario that validates, ready to edit. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_OK, UserError, out, readText, writeText } from '../io';
import { SCHEMA_FILE } from './schema';

const TEMPLATE = fileURLToPath(new URL('../templates/starter.json', import.meta.url));

/** A scenario id from a file name: "My Scenario.json" -> "my-scenario". */
export function idFromFile(file: string): string {
  const slug = path
    .basename(file, path.extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `scenario-${slug || 'new'}`;
}

export function newScenario(file: string, options: { force: boolean }): number {
  if (fs.existsSync(file) && !options.force) throw new UserError(`${file} already exists; pass --force to overwrite it`);
  const schemaPath = path.relative(path.dirname(path.resolve(file)), path.resolve(SCHEMA_FILE)).split(path.sep).join('/');
  const text = readText(TEMPLATE)
    .replace('"id": "my-scenario"', `"id": "${idFromFile(file)}"`)
    .replace('"$schema": "./firebreak-scenario.schema.json"', `"$schema": "${schemaPath.startsWith('.') ? schemaPath : `./${schemaPath}`}"`);
  writeText(file, text);
  out(`wrote ${file}: edit it, then run  npx firebreak validate ${file}`);
  return EXIT_OK;
}
