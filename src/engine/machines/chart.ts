/**
 * Running XState machines as pure functions over persisted snapshots.
 * The exercise state stores each chart as { value, context } (plus the
 * children its history states remember, when there are any); sending an
 * event resolves that snapshot, takes one pure transition and stores the
 * result again. No actor is ever started, so nothing runs on a clock.
 *
 * XState's own transition() builds a throwaway actor (and computes its
 * initial state) on every call, which cost more than the transition itself;
 * the same inert scope serves every pure step of a machine, so each machine
 * gets one, made once.
 */
import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import type { ChartSnapshot } from '../types';

const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/**
 * An actor scope that does nothing: the machines here only assign context,
 * so no action is ever executed, no child spawned and nothing emitted. The
 * actor behind it is never started.
 */
function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: () => {},
    } as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

function persist(snapshot: AnyMachineSnapshot): ChartSnapshot {
  const chart: ChartSnapshot = { value: snapshot.value as ChartSnapshot['value'], context: snapshot.context as Record<string, unknown> };
  const history: Record<string, string[]> = {};
  for (const [key, nodes] of Object.entries((snapshot.historyValue ?? {}) as Record<string, { id: string }[]>)) {
    if (nodes.length > 0) history[key] = nodes.map((node) => node.id);
  }
  if (Object.keys(history).length > 0) chart.history = history;
  return chart;
}

const starts = new WeakMap<AnyStateMachine, Map<string, ChartSnapshot>>();

/**
 * A chart's first snapshot depends only on its machine and input (plain
 * data), and snapshots are never changed in place, so each is computed once:
 * every new exercise starts dozens of charts, and XState's initial state was
 * most of what creating one cost.
 */
export function startChart(machine: AnyStateMachine, input?: unknown): ChartSnapshot {
  let known = starts.get(machine);
  if (!known) starts.set(machine, (known = new Map()));
  const key = input === undefined ? '' : JSON.stringify(input);
  let start = known.get(key);
  if (!start) {
    start = persist(machine.getInitialSnapshot(inertScope(machine), input));
    if (known.size >= MEMO_LIMIT) known.clear();
    known.set(key, start);
  }
  return start;
}

/**
 * A chart's next snapshot depends only on its value, context, history and the
 * event, all plain data, so equal inputs are looked up rather than resolved
 * again: whole exercises send the same few events to the same few snapshots
 * over and over. Snapshots are never changed in place (states share them), so
 * one stored result may serve many states. The table is emptied when it grows
 * past a bound, which costs only speed.
 */
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<AnyStateMachine, Map<string, ChartSnapshot>>();

export function sendToChart(machine: AnyStateMachine, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  let memo = memos.get(machine);
  if (!memo) memos.set(machine, (memo = new Map()));
  const key = JSON.stringify([chart.value, chart.context, chart.history ?? null, event]);
  let next = memo.get(key);
  if (!next) {
    next = transitionChart(machine, chart, event);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, next);
  }
  return next;
}

function transitionChart(machine: AnyStateMachine, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  const historyValue = Object.fromEntries(
    Object.entries(chart.history ?? {}).map(([key, ids]) => [key, ids.map((id) => machine.getStateNodeById(id))]),
  );
  const resolved = machine.resolveState({ value: chart.value as StateValue, context: chart.context, historyValue } as never);
  return persist(machine.transition(resolved, event, inertScope(machine)));
}

/** The active state name of a region: "posture" of { phase: 'x', posture: 'y' } is 'y'. */
export function regionState(chart: ChartSnapshot, region?: string): string {
  const value = region ? (chart.value as Record<string, unknown>)[region] : chart.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.keys(value)[0] ?? '';
  return '';
}
