/** "$schema", when present, names Firebreak's scenario schema: a copy of it by file name, or its id. */
import { SCENARIO_SCHEMA_FILE, SCENARIO_SCHEMA_ID } from '../schema';
import type { SemanticRule } from './context';

export function namesScenarioSchema(reference: string): boolean {
  const withoutFragment = reference.replace(/#.*$/, '');
  return withoutFragment === SCENARIO_SCHEMA_ID || withoutFragment.split(/[\\/]/).pop() === SCENARIO_SCHEMA_FILE;
}

export const schemaRefRule: SemanticRule = {
  id: 'schema-ref',
  summary: 'A "$schema" names Firebreak\'s scenario schema, not another one.',
  codes: ['wrong-schema'],
  check(context) {
    const reference = context.scenario.$schema;
    if (reference === undefined || namesScenarioSchema(reference)) return;
    context.error(
      'wrong-schema',
      ['$schema'],
      `"$schema" names "${reference}", which is not Firebreak's scenario schema: use "./${SCENARIO_SCHEMA_FILE}" (firebreak schema --write DIR puts a copy there) or "${SCENARIO_SCHEMA_ID}"`,
    );
  },
};
