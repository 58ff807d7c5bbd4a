/** Rubric thresholds of a learning objective: exemplary, proficient, developing, from high to low. */
import type { SemanticRule } from './context';

export const rubricRule: SemanticRule = {
  id: 'rubric',
  summary: "A learning objective's rubric thresholds do not rise from exemplary to developing.",
  codes: ['rubric-thresholds'],
  check(context) {
    context.scenario.meta.learningObjectives.forEach((objective, i) => {
      const t = objective.rubric.thresholds;
      if (!(t.exemplary >= t.proficient && t.proficient >= t.developing)) {
        context.error(
          'rubric-thresholds',
          ['meta', 'learningObjectives', i, 'rubric', 'thresholds'],
          `the rubric thresholds of "${objective.id}" must not rise from exemplary to developing (they are ${t.exemplary}, ${t.proficient}, ${t.developing})`,
        );
      }
    });
  },
};
