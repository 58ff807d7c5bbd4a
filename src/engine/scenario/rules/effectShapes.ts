/**
 * Effects whose shape is ambiguous or does nothing: an indicator effect with
 * both add and set (set wins, add is silently dropped), or with neither nor
 * atLeast; an add or escalate of 0; evidence for an empty list of teams.
 * And effects beyond what they change: the engine clamps an indicator to its
 * range, harm to 0-10 and escalation to the ten rungs, so a set outside the
 * range or a step larger than the scale says more than happens.
 */
import type { Effect } from '../schema';
import type { Path } from '../paths';
import type { RuleContext, SemanticRule } from './context';
import { effectsOf } from './walk';

export const effectShapesRule: SemanticRule = {
  id: 'effect-shapes',
  summary: 'Every effect changes something, in one way only, and within the scale the engine clamps it to.',
  codes: ['ambiguous-effect', 'no-op-effect', 'clamped-effect'],
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
      checkBeyondScale(context, e, path);
    }
  },
};

/** An effect that asks for more than its scale allows: the engine clamps it, so the number misleads. */
function checkBeyondScale(context: RuleContext, e: Effect, path: Path): void {
  if ('indicator' in e) {
    const indicator = context.scenario.indicators.find((i) => i.id === e.indicator);
    if (!indicator) return;
    for (const field of ['set', 'atLeast'] as const) {
      const value = e[field];
      if (value === undefined || (value >= indicator.min && value <= indicator.max)) continue;
      const bound = value > indicator.max ? indicator.max : indicator.min;
      context.error(
        'clamped-effect',
        [...path, field],
        `effect ${field === 'set' ? 'sets' : 'raises'} indicator "${e.indicator}" to ${value}, outside its range ${indicator.min}..${indicator.max}: it stops at ${bound}, so write ${bound} or widen the range`,
      );
    }
  } else if ('harm' in e && Math.abs(e.add) > 10) {
    context.error('clamped-effect', [...path, 'add'], `effect adds ${e.add} to the harm of "${e.harm}", which runs from 0 to 10: it is the same as ${Math.sign(e.add) * 10}`);
  } else if ('escalate' in e && Math.abs(e.escalate) > 9) {
    context.error('clamped-effect', [...path, 'escalate'], `effect escalates by ${e.escalate} rungs, but the ladder has ten (0 to 9): it is the same as ${Math.sign(e.escalate) * 9}`);
  }
}
