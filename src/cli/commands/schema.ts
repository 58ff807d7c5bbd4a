/**
 * firebreak schema: prints the published JSON Schema (of scenarios, or with
 * --course of course files), writes a copy of it beside an author's files,
 * or regenerates the project's published copies and the generated sections
 * of docs/authoring.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchema } from '../../engine';
import { fieldReference, fieldTable } from '../../engine/scenario/reference';
import { chartReference } from '../../engine/scenario/chartReference';
import { ruleReference } from '../../engine/scenario/rules';
import { COURSE_SCHEMA_FILE, courseJsonSchema } from '../../engine/course';
import { EXIT_FINDING, EXIT_OK, UserError, out, readText, writeText } from '../io';

export const SCHEMA_FILE = `scenarios/${SCENARIO_SCHEMA_FILE}`;
export const COURSE_SCHEMA_PATH = `scenarios/${COURSE_SCHEMA_FILE}`;
export const AUTHORING_FILE = 'docs/authoring.md';
/** The generated sections of docs/authoring.md, each between its markers. */
const SECTIONS: { name: string; text: () => string }[] = [
  { name: 'reference', text: () => fieldReference(scenarioJsonSchema()) },
  { name: 'charts', text: chartReference },
  { name: 'rules', text: ruleReference },
  { name: 'course-reference', text: courseReference },
];

function courseReference(): string {
  return [
    '#### Every field of a course file',
    '',
    `Generated from \`${COURSE_SCHEMA_PATH}\` by \`npx firebreak schema --docs\`. Any object may also carry a \`$comment\` string, which Firebreak ignores.`,
    '',
    ...fieldTable(courseJsonSchema()),
    '',
  ].join('\n');
}

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

export function courseSchemaText(): string {
  return `${JSON.stringify(courseJsonSchema(), null, 2)}\n`;
}

/** docs/authoring.md with its generated sections replaced by the current ones. */
export function authoringText(current: string): string {
  return SECTIONS.reduce((text, section) => {
    const startMarker = `<!-- ${section.name}:start -->`;
    const endMarker = `<!-- ${section.name}:end -->`;
    const start = text.indexOf(startMarker);
    const end = text.indexOf(endMarker);
    if (start < 0 || end < start) throw new UserError(`${AUTHORING_FILE} has no ${startMarker} … ${endMarker} section to fill`);
    return `${text.slice(0, start + startMarker.length)}\n${section.text()}${text.slice(end)}`;
  }, current);
}

/**
 * Writes (or refreshes) the schema copy in a folder, creating the folder;
 * returns its path, and whether the file changed.
 */
export function writeSchemaCopy(dir: string, course = false): { file: string; changed: boolean } {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UserError(`${dir}: is a file, not a folder`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, course ? COURSE_SCHEMA_FILE : SCENARIO_SCHEMA_FILE);
  const text = course ? courseSchemaText() : schemaText();
  const changed = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
  if (changed) writeText(file, text);
  return { file, changed };
}

/** The project's generated files, each with the text the code generates now. */
function generatedFiles(): Record<string, string> {
  return { [SCHEMA_FILE]: schemaText(), [COURSE_SCHEMA_PATH]: courseSchemaText(), [AUTHORING_FILE]: authoringText(readText(AUTHORING_FILE)) };
}

export function schema(options: { write?: string; docs: boolean; check: boolean; course?: boolean }): number {
  if (options.write !== undefined) {
    const { file, changed } = writeSchemaCopy(options.write, options.course);
    out(changed ? `wrote ${file}` : `${file} is already current`);
    return EXIT_OK;
  }
  if (options.check) {
    const stale = Object.entries(generatedFiles()).filter(([file, text]) => readText(file) !== text);
    for (const [file] of stale) out(`stale: ${file}`);
    if (stale.length) out('run `firebreak schema --docs` to regenerate');
    return stale.length ? EXIT_FINDING : EXIT_OK;
  }
  if (options.docs) {
    for (const [file, text] of Object.entries(generatedFiles())) writeText(file, text);
    out(`wrote ${SCHEMA_FILE}, ${COURSE_SCHEMA_PATH} and the generated sections of ${AUTHORING_FILE}`);
    return EXIT_OK;
  }
  out(options.course ? courseSchemaText() : schemaText());
  return EXIT_OK;
}
