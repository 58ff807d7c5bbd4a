/**
 * The listed persons' rights (sanctions.listedPersons): they apply to
 * listings, so each action named must exist and open a sanctions package;
 * the review that weighs observations must be able to come before the end.
 */
import type { RuleContext, SemanticRule } from './context';

function check(context: RuleContext): void {
  const s = context.scenario;
  const rules = s.sanctions.listedPersons;
  if (!rules) return;
  const path = ['sanctions', 'listedPersons'];
  rules.actions.forEach((id, i) => {
    if (!context.ref('action', id, [...path, 'actions', i])) return;
    const action = s.actions.find((a) => a.id === id)!;
    if (!action.sanctions) {
      context.error(
        'listing-without-sanctions',
        [...path, 'actions', i],
        `sanctions.listedPersons names action "${id}", which opens no sanctions package (it has no "sanctions" section): only a listing has listed persons`,
      );
    }
  });
  rules.sources.forEach((source, k) => context.ref('source', source, [...path, 'sources', k]));
  // Adopted in round 1 at the earliest, the first review comes reviewAfterRounds rounds later.
  if (s.sanctions.reviewAfterRounds >= s.rounds.length) {
    context.warning(
      'review-after-end',
      [...path],
      `listed persons' observations are weighed at a package's review, ${s.sanctions.reviewAfterRounds} rounds after its adoption (sanctions.reviewAfterRounds), and the scenario has ${s.rounds.length}: no review can weigh them before the end`,
    );
  }
}

export const listedPersonsRule: SemanticRule = {
  id: 'listedPersons',
  summary: "The listed persons' rights name listings: actions that exist and open a sanctions package, reviewed before the end.",
  codes: ['unknown-action', 'listing-without-sanctions', 'unknown-source', 'review-after-end'],
  check,
};
