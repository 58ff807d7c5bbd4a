/**
 * Adversary moves that can never happen, or that happen without a trace: a
 * chance of 0, or neither effects nor news.
 */
import type { SemanticRule } from './context';

export const movesRule: SemanticRule = {
  id: 'moves',
  summary: 'Every adversary move can happen and, when it does, changes something or is heard of.',
  codes: ['move-never-happens', 'empty-move'],
  check(context) {
    context.scenario.adversary.moves.forEach((move, i) => {
      const path = ['adversary', 'moves', i];
      if (move.chance === 0) {
        context.error('move-never-happens', [...path, 'chance'], `adversary move "${move.id}" has chance 0, so it never happens: raise the chance or remove the move`);
      }
      if (move.effects.length === 0 && move.news === undefined) {
        context.warning('empty-move', path, `adversary move "${move.id}" has no effects and no news: when it happens nothing changes and nobody hears of it`);
      }
    });
  },
};
