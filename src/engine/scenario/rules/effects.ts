/**
 * Effects: every id an effect names resolves, built-in indicators stay
 * read-only, and a chart only receives the events it knows.
 */
import { BUILTIN_INDICATORS, CHART_EVENTS } from '../schema';
import { knownList, type SemanticRule } from './context';
import { effectsOf } from './walk';

export const effectsRule: SemanticRule = {
  id: 'effects',
  summary: 'Every id an effect names resolves; effects change declared indicators only and send events their chart knows.',
  codes: ['readonly-indicator', 'unknown-indicator', 'unknown-fact', 'unknown-incident', 'unknown-team', 'unknown-inject', 'unknown-event'],
  check(context) {
    const declared = context.declaredIndicators;
    for (const { effect: e, path } of effectsOf(context.scenario)) {
      if ('indicator' in e) {
        if ((BUILTIN_INDICATORS as readonly string[]).includes(e.indicator) && !declared.includes(e.indicator)) {
          const hint = e.indicator === 'escalation' ? '; use an "escalate" effect to move the escalation level' : '';
          context.error(
            'readonly-indicator',
            [...path, 'indicator'],
            `built-in indicator "${e.indicator}" is read-only: effects may change declared indicators only${hint}`,
          );
        } else if (!declared.includes(e.indicator)) {
          context.error('unknown-indicator', [...path, 'indicator'], context.unknownMessage('indicator', e.indicator, declared));
        }
      } else if ('fact' in e) {
        context.ref('fact', e.fact, [...path, 'fact']);
      } else if ('harm' in e) {
        context.ref('incident', e.harm, [...path, 'harm']);
      } else if ('evidence' in e) {
        context.ref('incident', e.evidence, [...path, 'evidence']);
        if (Array.isArray(e.teams)) e.teams.forEach((team, k) => context.ref('team', team, [...path, 'teams', k]));
      } else if ('fireInject' in e) {
        context.ref('inject', e.fireInject, [...path, 'fireInject']);
      } else if ('send' in e) {
        const events: readonly string[] = CHART_EVENTS[e.send.chart];
        if (!events.includes(e.send.event)) {
          context.error('unknown-event', [...path, 'send', 'event'], `unknown event "${e.send.event}" of the ${e.send.chart} chart (known: ${knownList(events)})`);
        }
        if (e.send.incident !== undefined) context.ref('incident', e.send.incident, [...path, 'send', 'incident']);
      }
    }
  },
};
