/**
 * The escalation ladder: each level once, and a rung for every level that an
 * action signals or the exercise starts at: a level without a rung has no
 * label to show, and escalation never climbs past the ladder's top.
 */
import { jsonPointer } from '../paths';
import type { SemanticRule } from './context';

export const ladderRule: SemanticRule = {
  id: 'ladder',
  summary: 'A custom escalation ladder names each level once and has a rung for every level actions signal and the start level.',
  codes: ['ladder-repeats', 'ladder-gap', 'ladder-below-action'],
  check(context) {
    const s = context.scenario;
    const ladder = s.escalation.ladder;
    if (!ladder) return;
    const first = new Map<number, number>();
    ladder.forEach((rung, i) => {
      const earlier = first.get(rung.level);
      if (earlier === undefined) first.set(rung.level, i);
      else {
        context.error(
          'ladder-repeats',
          ['escalation', 'ladder', i, 'level'],
          `the escalation ladder names level ${rung.level} twice (first at ${jsonPointer(['escalation', 'ladder', earlier])}): give each rung its own level`,
        );
      }
    });
    const levels = [...first.keys()].sort((a, b) => a - b);
    const top = levels[levels.length - 1] ?? 0;
    const describe = `the ladder has levels ${levels.join(', ')}`;
    // Above the top is a warning: a short ladder deliberately caps escalation (the rules clamp to its top).
    const gap = (level: number, path: (string | number)[], what: string): void => {
      if (first.has(level)) return;
      if (level > top) {
        context.warning(
          'ladder-below-action',
          path,
          `${what} rung ${level}, above the top of the escalation ladder: escalation never climbs above rung ${top}, so it counts as ${top} (${describe})`,
        );
      } else {
        context.error('ladder-gap', path, `${what} rung ${level}, which the escalation ladder does not cover: the level has no rung to show (${describe})`);
      }
    };
    gap(s.escalation.start, ['escalation', 'start'], 'the exercise starts at');
    s.actions.forEach((action, i) => gap(action.rung, ['actions', i, 'rung'], `action "${action.id}" signals`));
  },
};
