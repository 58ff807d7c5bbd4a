/** firebreak schema: prints or writes the published JSON Schema of the scenario format. */
import { scenarioJsonSchema } from '../../engine';
import { EXIT_OK, out, writeText } from '../io';

export const SCHEMA_FILE = 'scenarios/firebreak-scenario.schema.json';

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

export function schema(options: { write: boolean }): number {
  if (options.write) {
    writeText(SCHEMA_FILE, schemaText());
    out(`wrote ${SCHEMA_FILE}`);
  } else {
    out(schemaText());
  }
  return EXIT_OK;
}
