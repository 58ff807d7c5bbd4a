/**
 * Semantic checks of a scenario that already satisfies the schema: broken
 * references between its parts, things that can never happen, and a few
 * authoring hints. Each concern is a rule in rules/, listed in rules/index.ts;
 * this module runs them all and keeps the path helpers' old import place.
 */
import type { Problem } from './problems';
import type { Scenario } from './schema';
import type { Locator } from './paths';
import { runRules, SEMANTIC_RULES } from './rules';

export { closest, editDistance, jsonPointer, type Locator, type Path, type PathSegment, type SourceLocation } from './paths';

/**
 * Every semantic problem of a scenario, errors and warnings, in the order of
 * the rules (the loader sorts them by position).
 */
export function checkScenario(scenario: Scenario, file: string, locate: Locator): Problem[] {
  return runRules(SEMANTIC_RULES, scenario, file, locate);
}
