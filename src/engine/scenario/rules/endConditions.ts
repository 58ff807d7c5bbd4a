/**
 * End conditions decided before play: one that always holds ends every
 * exercise after round 1; one that already holds when the exercise starts
 * does so unless round 1 changes it. (One that never holds is reported by the
 * conditions rule, where the analysis of every condition lives.)
 */
import { evaluate } from '../../conditions';
import { createExercise } from '../../rules/create';
import type { SemanticRule } from './context';
import { ConditionAnalysis } from './conditions';

export const endConditionsRule: SemanticRule = {
  id: 'end-conditions',
  summary: 'No end condition always holds, and none already holds when the exercise starts.',
  codes: ['end-always-true', 'end-holds-at-start'],
  check(context) {
    const s = context.scenario;
    if (s.endConditions.length === 0) return;
    // References are the conditions rule's to report: analyse in a context whose problems are dropped.
    const analysis = new ConditionAnalysis(context.silent());
    // The state the first round's end condition check would see if nothing happened in it.
    const start = { ...createExercise(s, 'validate'), round: 1 };
    s.endConditions.forEach((end, i) => {
      const path = ['endConditions', i, 'when'];
      const verdict = analysis.verdict(end.when, path);
      if (verdict.kind === 'true') {
        context.error('end-always-true', path, `end condition "${end.id}" always holds (${verdict.reason}), so it ends every exercise after round 1`);
        return;
      }
      if (verdict.kind === 'false') return;
      let holds = false;
      try {
        holds = evaluate(end.when, s, start);
      } catch {
        holds = false; // an unknown reference, reported by the conditions rule
      }
      if (holds) {
        context.warning(
          'end-holds-at-start',
          path,
          `end condition "${end.id}" already holds when the exercise starts, so it ends the exercise after round 1 unless round 1 changes that`,
        );
      }
    });
  },
};
