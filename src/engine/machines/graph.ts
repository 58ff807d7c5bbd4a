/**
 * The state charts as pictures and as data: Mermaid stateDiagram-v2 text,
 * and a plain JSON machine config (guards and actions by name) that
 * Stately's editor can import.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { adversaryMachineFor } from './adversary';
import { coalitionAttributionMachine, nationalAttributionMachine } from './attribution';
import { deEscalationMachine } from './deEscalation';
import { escalationMachine } from './escalation';
import { exerciseMachine } from './exercise';
import { sanctionsMachine } from './sanctions';

export function chartsOf(scenario: Scenario): Record<string, AnyStateMachine> {
  return {
    exercise: exerciseMachine,
    nationalAttribution: nationalAttributionMachine,
    coalitionAttribution: coalitionAttributionMachine,
    adversary: adversaryMachineFor(scenario),
    escalation: escalationMachine,
    sanctions: sanctionsMachine,
    deEscalation: deEscalationMachine,
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

const mermaidId = (node: AnyStateNode) => node.id.replace(/[^A-Za-z0-9_]/g, '_');

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const walk = (node: AnyStateNode, indent: string) => {
    const children = Object.values(node.states) as AnyStateNode[];
    const initial = node.config.initial as string | undefined;
    if (initial && node.states[initial]) lines.push(`${indent}[*] --> ${mermaidId(node.states[initial] as AnyStateNode)}`);
    children.forEach((child, i) => {
      if (child.type === 'history') {
        lines.push(`${indent}state "history" as ${mermaidId(child)}`);
      } else if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state "${child.key}" as ${mermaidId(child)} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${child.key}" as ${mermaidId(child)}`);
        if (child.type === 'final') lines.push(`${indent}${mermaidId(child)} --> [*]`);
      }
      if (node.type === 'parallel' && i < children.length - 1) lines.push(`${indent}--`);
    });
  };
  walk(machine.root, '  ');
  const transitions: string[] = [];
  const collect = (node: AnyStateNode) => {
    for (const edge of edgesOf(node)) {
      for (const target of edge.targets) {
        const label = edge.guard ? `${edge.event} [${edge.guard}]` : edge.event;
        transitions.push(`  ${mermaidId(node)} --> ${mermaidId(target)}: ${label}`);
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) collect(child);
  };
  for (const child of Object.values(machine.root.states) as AnyStateNode[]) collect(child);
  // Root-level transitions (e.g. an event every state answers) hang off the first state.
  for (const edge of edgesOf(machine.root)) {
    for (const target of edge.targets) transitions.push(`  ${mermaidId(target)} --> ${mermaidId(target)}: ${edge.event}${edge.guard ? ` [${edge.guard}]` : ''} (any state)`);
  }
  return [...lines, ...transitions].join('\n');
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
