/**
 * The registry of semantic rules, run in this order on every scenario that
 * satisfies the schema. A new check is a new module beside this one, added
 * to the list; tests can run any rule alone with runRules([rule], ...).
 */
import type { Problem } from '../problems';
import type { Scenario } from '../schema';
import type { Locator } from '../paths';
import { RuleContext, type SemanticRule } from './context';
import { legalBasesRule } from './legalBases';
import { idsRule } from './ids';
import { indicatorsRule } from './indicators';
import { referencesRule } from './references';
import { roundsRule } from './rounds';
import { conditionsRule } from './conditions';
import { effectsRule } from './effects';
import { rubricRule } from './rubric';
import { injectsRule } from './injects';
import { actionsRule } from './actions';
import { lawRule } from './law';
import { schemaRefRule } from './schemaRef';
import { requirementsRule } from './requirements';
import { ladderRule } from './ladder';
import { endConditionsRule } from './endConditions';
import { effectShapesRule } from './effectShapes';
import { quantitiesRule } from './quantities';
import { institutionsRule } from './institutions';
import { listedPersonsRule } from './listedPersons';
import { prosecutionRule } from './prosecution';
import { normsRule } from './norms';
import { evasionRule } from './evasion';
import { actorsRule } from './actors';
import { textsRule } from './texts';
import { listsRule } from './lists';
import { languageRule, translationsRule } from './language';
import { datesRule } from './dates';
import { movesRule } from './moves';
import { otherAdversariesRule } from './otherAdversaries';
import { reachableConfidenceRule, thinTeamsRule, unusedObjectivesRule } from './hints';

export { RuleContext, type SemanticRule } from './context';

export const SEMANTIC_RULES: readonly SemanticRule[] = [
  schemaRefRule,
  legalBasesRule,
  idsRule,
  indicatorsRule,
  referencesRule,
  roundsRule,
  conditionsRule,
  effectsRule,
  effectShapesRule,
  quantitiesRule,
  textsRule,
  languageRule,
  translationsRule,
  movesRule,
  otherAdversariesRule,
  rubricRule,
  injectsRule,
  actionsRule,
  requirementsRule,
  ladderRule,
  endConditionsRule,
  lawRule,
  institutionsRule,
  listedPersonsRule,
  prosecutionRule,
  normsRule,
  evasionRule,
  actorsRule,
  listsRule,
  datesRule,
  unusedObjectivesRule,
  thinTeamsRule,
  reachableConfidenceRule,
];

export function runRules(rules: readonly SemanticRule[], scenario: Scenario, file: string, locate: Locator): Problem[] {
  const context = new RuleContext(scenario, file, locate);
  for (const rule of rules) rule.check(context);
  return context.problems;
}

/** The rules as a Markdown table, for docs/authoring.md (firebreak schema --docs). */
export function ruleReference(): string {
  const rows = SEMANTIC_RULES.map((rule) => `| \`${rule.id}\` | ${rule.summary} | ${rule.codes.map((code) => `\`${code}\``).join(', ')} |`);
  return ['| rule | what it checks | problem codes |', '|---|---|---|', ...rows, ''].join('\n');
}
