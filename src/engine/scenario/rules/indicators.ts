/** Declared indicators: a range that is not empty, and a start inside it. */
import type { SemanticRule } from './context';

export const indicatorsRule: SemanticRule = {
  id: 'indicators',
  summary: "A declared indicator's min is below its max and its initial value lies between them.",
  codes: ['indicator-range'],
  check(context) {
    context.scenario.indicators.forEach((indicator, i) => {
      const name = `indicator "${indicator.id}"`;
      if (!(indicator.min < indicator.max)) {
        context.error('indicator-range', ['indicators', i, 'max'], `${name}: min (${indicator.min}) must be less than max (${indicator.max})`);
      } else if (indicator.initial < indicator.min || indicator.initial > indicator.max) {
        context.error(
          'indicator-range',
          ['indicators', i, 'initial'],
          `${name}: initial value ${indicator.initial} is outside its range ${indicator.min}..${indicator.max}`,
        );
      }
    });
  },
};
