/**
 * Lists that name the same thing twice: teams in availableTo or an
 * audience, rounds in electionRounds, states in a condition. The second
 * mention changes nothing, so it is most likely a slip for another id.
 */
import { jsonPointer } from '../paths';
import type { SemanticRule } from './context';
import { eachValue } from './walk';

export const listsRule: SemanticRule = {
  id: 'lists',
  summary: 'No list of ids, rounds or texts names the same entry twice.',
  codes: ['repeated-entry'],
  check(context) {
    eachValue(context.scenario, (value, path, key) => {
      if (!Array.isArray(value)) return;
      const first = new Map<unknown, number>();
      value.forEach((item, i) => {
        if (typeof item !== 'string' && typeof item !== 'number') return;
        const earlier = first.get(item);
        if (earlier === undefined) first.set(item, i);
        else {
          context.warning(
            'repeated-entry',
            [...path, i],
            `${JSON.stringify(item)} is listed twice in "${key}" (first at ${jsonPointer([...path, earlier])}): the second changes nothing; was another meant?`,
          );
        }
      });
    });
  },
};
