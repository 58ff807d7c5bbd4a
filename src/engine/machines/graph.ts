/**
 * The state charts as pictures and as data: Mermaid stateDiagram-v2 text
 * whose state labels are the names conditions use, the transitions of each
 * chart by event, and a plain JSON machine config (guards and actions by name) that
 * Stately's editor can import.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { adversaryMachineFor } from './adversary';
import { coalitionAttributionMachine, nationalAttributionMachine } from './attribution';
import { deEscalationMachine } from './deEscalation';
import { disputeMachine } from './dispute';
import { escalationMachine } from './escalation';
import { exerciseMachine } from './exercise';
import { caseMachine, mlaMachine } from './prosecution';
import { normsMachine } from './norms';
import { sanctionsMachine } from './sanctions';
import { channelMachine } from './evasion';
import { platformRequestMachine } from './platforms';
import { verificationMachine } from './verification';

/** Every chart the engine runs, by the name firebreak graph gives its file. */
export function chartsOf(scenario: Scenario): Record<string, AnyStateMachine> {
  return {
    exercise: exerciseMachine,
    nationalAttribution: nationalAttributionMachine,
    coalitionAttribution: coalitionAttributionMachine,
    adversary: adversaryMachineFor(scenario),
    escalation: escalationMachine,
    sanctions: sanctionsMachine,
    deEscalation: deEscalationMachine,
    dispute: disputeMachine,
    verification: verificationMachine,
    case: caseMachine,
    mla: mlaMachine,
    norms: normsMachine,
    channel: channelMachine,
    platformRequest: platformRequestMachine,
  };
}

interface Edge {
  event: string;
  targets: AnyStateNode[];
  guard: string | null;
  actions: string[];
}

function nameOf(thing: unknown): string | null {
  if (!thing) return null;
  if (typeof thing === 'string') return thing;
  if (typeof thing === 'function') return thing.name ? `${thing.name}` : 'inline';
  if (typeof thing === 'object' && 'type' in thing) return String((thing as { type: unknown }).type);
  return 'inline';
}

function edgesOf(node: AnyStateNode): Edge[] {
  const edges: Edge[] = [];
  const add = (event: string, defs: readonly { target?: readonly AnyStateNode[] | undefined; guard?: unknown; actions?: readonly unknown[] }[]) => {
    for (const def of defs) {
      edges.push({
        event,
        targets: [...(def.target ?? [])],
        guard: nameOf(def.guard),
        actions: (def.actions ?? []).map(nameOf).filter((x): x is string => !!x),
      });
    }
  };
  for (const [event, defs] of node.transitions) add(event, defs);
  if (node.always) add('always', node.always);
  return edges;
}

const childrenOf = (node: AnyStateNode) => Object.values(node.states) as AnyStateNode[];

function descendants(node: AnyStateNode): AnyStateNode[] {
  return childrenOf(node).flatMap((child) => [child, ...descendants(child)]);
}

/** One transition of a chart, by state names: what an event does from a state. */
export interface Transition {
  from: string;
  /** The state it leaves has states of its own: the transition leaves any of them. */
  fromCompound: boolean;
  event: string;
  to: string[];
  guard: string | null;
  actions: string[];
}

/** Every transition of a chart, the machine's own (from "*") included; "always" names the eventless ones. */
export function transitionsOf(machine: AnyStateMachine): Transition[] {
  return [machine.root, ...descendants(machine.root)].flatMap((node) =>
    edgesOf(node).map((edge) => ({
      from: node === machine.root ? '*' : node.key,
      fromCompound: node !== machine.root && childrenOf(node).length > 0,
      event: edge.event,
      to: edge.targets.map((t) => t.key),
      guard: edge.guard,
      actions: edge.actions,
    })),
  );
}

/**
 * Mermaid ids: a state's own name (the one conditions use) where Mermaid
 * accepts it and no other state of the chart has it; otherwise the name with
 * its parent's in front, in Mermaid's id characters. The label Mermaid draws
 * is always the state's own name.
 */
function mermaidIds(machine: AnyStateMachine): Map<AnyStateNode, string> {
  const nodes = descendants(machine.root);
  const count = new Map<string, number>();
  for (const node of nodes) count.set(node.key, (count.get(node.key) ?? 0) + 1);
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');
  const ids = new Map<AnyStateNode, string>();
  for (const node of nodes) {
    const unique = count.get(node.key) === 1 && node.key !== machine.root.key;
    ids.set(node, safe(unique ? node.key : `${node.parent?.key ?? machine.root.key}_${node.key}`));
  }
  ids.set(machine.root, safe(machine.root.key));
  return ids;
}

/**
 * The chart as a Mermaid stateDiagram-v2. Parallel regions are drawn inside
 * a composite state named after the chart (Mermaid allows "--" only there).
 */
export function toMermaid(machine: AnyStateMachine, title = machine.root.key): string {
  const ids = mermaidIds(machine);
  const id = (node: AnyStateNode) => ids.get(node)!;
  const lines = ['---', `title: ${title}`, '---', 'stateDiagram-v2'];
  const walk = (node: AnyStateNode, indent: string) => {
    const children = childrenOf(node);
    const initial = node.config.initial as string | undefined;
    if (initial && node.states[initial]) lines.push(`${indent}[*] --> ${id(node.states[initial] as AnyStateNode)}`);
    children.forEach((child, i) => {
      if (child.type === 'history') {
        lines.push(`${indent}state "${child.key} (history)" as ${id(child)}`);
      } else if (childrenOf(child).length > 0) {
        lines.push(`${indent}state "${child.key}" as ${id(child)} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${child.key}" as ${id(child)}`);
        if (child.type === 'final') lines.push(`${indent}${id(child)} --> [*]`);
      }
      if (node.type === 'parallel' && i < children.length - 1) lines.push(`${indent}--`);
    });
  };
  if (machine.root.type === 'parallel') {
    lines.push(`  state "${machine.root.key}" as ${id(machine.root)} {`);
    walk(machine.root, '    ');
    lines.push('  }');
  } else {
    walk(machine.root, '  ');
  }
  // One arrow per pair of states, with every event that takes it: Mermaid draws only one.
  const arrows = new Map<string, string[]>();
  for (const node of [machine.root, ...descendants(machine.root)]) {
    for (const edge of edgesOf(node)) {
      for (const target of edge.targets) {
        const label = `${edge.event}${edge.guard ? ` [${edge.guard}]` : ''}`;
        // A transition any state of a region takes into one of its own states (an event every
        // state answers) is drawn as a loop on its target: Mermaid draws edges out of a
        // composite state across its contents.
        const fromRegion = node === machine.root || descendants(node).includes(target);
        const where = node === machine.root ? 'any state' : `any ${node.key}`;
        const key = fromRegion ? `${id(target)} --> ${id(target)}` : `${id(node)} --> ${id(target)}`;
        arrows.set(key, [...(arrows.get(key) ?? []), fromRegion ? `${label} (from ${where})` : label]);
      }
    }
  }
  for (const [arrow, labels] of arrows) lines.push(`  ${arrow}: ${labels.join('<br/>')}`);
  return `${lines.join('\n')}\n`;
}

interface JsonState {
  id?: string;
  type?: string;
  initial?: string;
  states?: Record<string, JsonState>;
  on?: Record<string, { target?: string[]; guard?: string; actions?: string[] }[]>;
  always?: { target?: string[]; guard?: string; actions?: string[] }[];
  history?: string;
}

function toJsonState(node: AnyStateNode, isRoot: boolean): JsonState {
  const json: JsonState = {};
  if (isRoot) json.id = node.id;
  if (node.type === 'parallel' || node.type === 'final' || node.type === 'history') json.type = node.type;
  if (node.type === 'history') json.history = 'shallow';
  const initial = node.config.initial as string | undefined;
  if (initial) json.initial = initial;
  const on: NonNullable<JsonState['on']> = {};
  const always: NonNullable<JsonState['always']> = [];
  for (const edge of edgesOf(node)) {
    const transition = {
      ...(edge.targets.length > 0 ? { target: edge.targets.map((t) => `#${t.id}`) } : {}),
      ...(edge.guard ? { guard: edge.guard } : {}),
      ...(edge.actions.length > 0 ? { actions: edge.actions } : {}),
    };
    if (edge.event === 'always') always.push(transition);
    else (on[edge.event] ??= []).push(transition);
  }
  if (Object.keys(on).length > 0) json.on = on;
  if (always.length > 0) json.always = always;
  const states = Object.values(node.states) as AnyStateNode[];
  if (states.length > 0) json.states = Object.fromEntries(states.map((s) => [s.key, toJsonState(s, false)]));
  return json;
}

export function toMachineJson(machine: AnyStateMachine): JsonState {
  return toJsonState(machine.root, true);
}
