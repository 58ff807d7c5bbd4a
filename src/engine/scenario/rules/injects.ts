/** Injects that nothing can deliver: no round, no condition, and no other inject or action fires them. */
import type { SemanticRule } from './context';
import { firedInjects } from './walk';

export const injectsRule: SemanticRule = {
  id: 'injects',
  summary: 'Every inject has a round, a condition, or something that fires it.',
  codes: ['never-fires'],
  check(context) {
    const fired = firedInjects(context.scenario);
    context.scenario.injects.forEach((inject, i) => {
      if (inject.round === undefined && inject.when === undefined && !fired.has(inject.id)) {
        context.error('never-fires', ['injects', i], 'inject can never fire: it has no round, no condition, and nothing fires it');
      }
    });
  },
};
