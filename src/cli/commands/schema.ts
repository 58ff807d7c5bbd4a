/** firebreak schema: prints or writes the published JSON Schema and the field reference generated from it. */
import { scenarioJsonSchema } from '../../engine';
import { fieldReference } from '../../engine/scenario/reference';
import { EXIT_OK, UserError, out, readText, writeText } from '../io';

export const SCHEMA_FILE = 'scenarios/firebreak-scenario.schema.json';
export const AUTHORING_FILE = 'docs/authoring.md';
const START = '<!-- reference:start -->';
const END = '<!-- reference:end -->';

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** docs/authoring.md with its generated reference section replaced by the current one. */
export function authoringText(current: string): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new UserError(`${AUTHORING_FILE} has no ${START} … ${END} section to fill`);
  return `${current.slice(0, start + START.length)}\n${fieldReference(scenarioJsonSchema())}${current.slice(end)}`;
}

export function schema(options: { write: boolean }): number {
  if (!options.write) {
    out(schemaText());
    return EXIT_OK;
  }
  writeText(SCHEMA_FILE, schemaText());
  writeText(AUTHORING_FILE, authoringText(readText(AUTHORING_FILE)));
  out(`wrote ${SCHEMA_FILE} and the field reference in ${AUTHORING_FILE}`);
  return EXIT_OK;
}
