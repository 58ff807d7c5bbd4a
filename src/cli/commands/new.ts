/**
 * firebreak new: writes a commented starter scenario that validates, ready to
 * edit, with a copy of the published schema beside it so that "$schema"
 * ("./firebreak-scenario.schema.json") works wherever the file is saved.
 * With --course it writes a starter course for an existing scenario instead,
 * filled in from its rounds, objectives and sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_SCHEMA_FILE, SCENARIO_SCHEMA_ID } from '../../engine';
import { COURSE_SCHEMA_ID, starterCourseText } from '../../engine/course';
import { EXIT_OK, UserError, courseFileBeside, loadScenarioFile, out, readText, writeText } from '../io';
import { writeSchemaCopy } from './schema';

const TEMPLATE = fileURLToPath(new URL('../../engine/scenario/starter.json', import.meta.url));
const TEMPLATE_SCHEMA = `"$schema": "./${SCENARIO_SCHEMA_FILE}"`;

/** A scenario id from a file name: "My Scenario.json" -> "my-scenario". */
export function idFromFile(file: string): string {
  const slug = path
    .basename(file, path.extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `scenario-${slug || 'new'}`;
}

/** The starter's text for this file; with schemaCopy false, "$schema" is the schema's id instead of the copy beside it. */
export function starterText(file: string, schemaCopy: boolean): string {
  const text = readText(TEMPLATE).replace('"id": "my-scenario"', `"id": "${idFromFile(file)}"`);
  return schemaCopy ? text : text.replace(TEMPLATE_SCHEMA, `"$schema": "${SCENARIO_SCHEMA_ID}"`);
}

export function newScenario(file: string, options: { force: boolean; schemaCopy: boolean }): number {
  if (fs.existsSync(file) && !options.force) throw new UserError(`${file} already exists; pass --force to overwrite it`);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new UserError(`${dir}: no such folder`);
  writeText(file, starterText(file, options.schemaCopy));
  out(`wrote ${file}: edit it, then run  npx firebreak validate ${file}`);
  if (options.schemaCopy) {
    const copy = writeSchemaCopy(dir);
    if (copy.changed) out(`wrote ${copy.file}: editors read it through "$schema" for completion and checks`);
  }
  return EXIT_OK;
}

/** Writes the starter course beside an existing, valid scenario: `<dir>/<scenario id>.course.json`. */
export function newCourse(scenarioFile: string, options: { force: boolean; schemaCopy: boolean }): number {
  const { scenario } = loadScenarioFile(scenarioFile);
  const file = courseFileBeside(scenarioFile, scenario);
  if (fs.existsSync(file) && !options.force) throw new UserError(`${file} already exists; pass --force to overwrite it`);
  const text = starterCourseText(scenario);
  writeText(file, options.schemaCopy ? text : text.replace(/"\$schema": "[^"]*"/, `"$schema": "${COURSE_SCHEMA_ID}"`));
  out(`wrote ${file}: rewrite it in your own words, then run  npx firebreak validate ${scenarioFile}`);
  if (options.schemaCopy) {
    const copy = writeSchemaCopy(path.dirname(file), true);
    if (copy.changed) out(`wrote ${copy.file}: editors read it through "$schema" for completion and checks`);
  }
  return EXIT_OK;
}
