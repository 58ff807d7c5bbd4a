/**
 * Running XState machines as pure functions over persisted snapshots.
 * The exercise state stores each chart as { value, context }; sending an
 * event resolves that snapshot, takes one pure transition and stores the
 * result again. No actor is ever started, so nothing runs on a clock.
 */
import { initialTransition, transition, type AnyStateMachine, type StateValue } from 'xstate';
import type { ChartSnapshot } from '../types';

export function startChart(machine: AnyStateMachine, input?: unknown): ChartSnapshot {
  const [snapshot] = initialTransition(machine, input);
  return { value: snapshot.value as ChartSnapshot['value'], context: snapshot.context as Record<string, unknown> };
}

export function sendToChart(machine: AnyStateMachine, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  const resolved = machine.resolveState({ value: chart.value as StateValue, context: chart.context });
  const [next] = transition(machine, resolved, event);
  return { value: next.value as ChartSnapshot['value'], context: next.context as Record<string, unknown> };
}

/** The active state name of a region: "posture" of { phase: 'x', posture: 'y' } is 'y'. */
export function regionState(chart: ChartSnapshot, region?: string): string {
  const value = region ? (chart.value as Record<string, unknown>)[region] : chart.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.keys(value)[0] ?? '';
  return '';
}
