/** Ids: unique within each collection, and clear of the built-in indicators' names. */
import { BUILTIN_INDICATORS } from '../schema';
import { jsonPointer, type Path } from '../paths';
import type { SemanticRule } from './context';

export const idsRule: SemanticRule = {
  id: 'ids',
  summary: 'No two items of a collection share an id, and no declared indicator takes a built-in name.',
  codes: ['duplicate-id', 'reserved-id'],
  check(context) {
    const s = context.scenario;
    const collections: [Path, readonly { id: string }[], string][] = [
      [['meta', 'sources'], s.meta.sources, 'source'],
      [['meta', 'learningObjectives'], s.meta.learningObjectives, 'learning objective'],
      [['teams'], s.teams, 'team'],
      [['adversary', 'phases'], s.adversary.phases, 'adversary phase'],
      [['adversary', 'moves'], s.adversary.moves, 'adversary move'],
      [['incidents'], s.incidents, 'incident'],
      [['indicators'], s.indicators, 'indicator'],
      [['facts'], s.facts, 'fact'],
      [['legalBases'], s.legalBases, 'legal basis'],
      [['actions'], s.actions, 'action'],
      [['injects'], s.injects, 'inject'],
      [['endConditions'], s.endConditions, 'end condition'],
    ];
    for (const [base, items, noun] of collections) {
      const first = new Map<string, number>();
      items.forEach((item, index) => {
        const earlier = first.get(item.id);
        if (earlier === undefined) first.set(item.id, index);
        else context.error('duplicate-id', [...base, index, 'id'], `duplicate ${noun} id "${item.id}" (first declared at ${jsonPointer([...base, earlier])})`);
      });
    }
    s.indicators.forEach((indicator, i) => {
      if ((BUILTIN_INDICATORS as readonly string[]).includes(indicator.id)) {
        context.error('reserved-id', ['indicators', i, 'id'], `indicator id "${indicator.id}" is reserved for a built-in indicator`);
      }
    });
  },
};
