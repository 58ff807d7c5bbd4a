/**
 * Running XState machines as pure functions over persisted snapshots.
 * The exercise state stores each chart as { value, context } (plus the
 * children its history states remember, when there are any); sending an
 * event resolves that snapshot, takes one pure transition and stores the
 * result again. No actor is ever started, so nothing runs on a clock.
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import type { ChartSnapshot } from '../types';

function persist(snapshot: AnyMachineSnapshot): ChartSnapshot {
  const chart: ChartSnapshot = { value: snapshot.value as ChartSnapshot['value'], context: snapshot.context as Record<string, unknown> };
  const history: Record<string, string[]> = {};
  for (const [key, nodes] of Object.entries((snapshot.historyValue ?? {}) as Record<string, { id: string }[]>)) {
    if (nodes.length > 0) history[key] = nodes.map((node) => node.id);
  }
  if (Object.keys(history).length > 0) chart.history = history;
  return chart;
}

export function startChart(machine: AnyStateMachine, input?: unknown): ChartSnapshot {
  const [snapshot] = initialTransition(machine, input);
  return persist(snapshot);
}

export function sendToChart(machine: AnyStateMachine, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  const historyValue = Object.fromEntries(
    Object.entries(chart.history ?? {}).map(([key, ids]) => [key, ids.map((id) => machine.getStateNodeById(id))]),
  );
  const resolved = machine.resolveState({ value: chart.value as StateValue, context: chart.context, historyValue } as never);
  const [next] = transition(machine, resolved, event);
  return persist(next);
}

/** The active state name of a region: "posture" of { phase: 'x', posture: 'y' } is 'y'. */
export function regionState(chart: ChartSnapshot, region?: string): string {
  const value = region ? (chart.value as Record<string, unknown>)[region] : chart.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.keys(value)[0] ?? '';
  return '';
}
