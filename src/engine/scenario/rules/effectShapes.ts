/**
 * Effects whose shape is ambiguous or does nothing: an indicator effect with
 * both add and set (set wins, add is silently dropped), or with neither nor
 * atLeast; an add or escalate of 0; evidence for an empty list of teams.
 */
import type { SemanticRule } from './context';
import { effectsOf } from './walk';

export const effectShapesRule: SemanticRule = {
  id: 'effect-shapes',
  summary: 'Every effect changes something, in one way only.',
  codes: ['ambiguous-effect', 'no-op-effect'],
  check(context) {
    for (const { effect: e, path } of effectsOf(context.scenario)) {
      if ('indicator' in e) {
        if (e.add !== undefined && e.set !== undefined) {
          context.error(
            'ambiguous-effect',
            path,
            `effect on indicator "${e.indicator}" has both "add" and "set": set replaces the value and add would be ignored; keep one of them`,
          );
        } else if (e.add === undefined && e.set === undefined && e.atLeast === undefined) {
          context.error('no-op-effect', path, `effect on indicator "${e.indicator}" does nothing: give it "add", "set" or "atLeast"`);
        } else if (e.add === 0 && e.atLeast === undefined) {
          context.error('no-op-effect', [...path, 'add'], `effect on indicator "${e.indicator}" does nothing: it adds 0`);
        }
      } else if ('harm' in e || 'evidence' in e) {
        if (e.add === 0) context.error('no-op-effect', [...path, 'add'], `effect on ${'harm' in e ? `the harm of "${e.harm}"` : `the evidence on "${e.evidence}"`} does nothing: it adds 0`);
        if ('evidence' in e && Array.isArray(e.teams) && e.teams.length === 0) {
          context.error('no-op-effect', [...path, 'teams'], `evidence effect on "${e.evidence}" does nothing: its list of teams is empty (leave "teams" out for the team that acts)`);
        }
      } else if ('escalate' in e && e.escalate === 0) {
        context.error('no-op-effect', [...path, 'escalate'], 'effect does nothing: it escalates by 0 rungs');
      }
    }
  },
};
