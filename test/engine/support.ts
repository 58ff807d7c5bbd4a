/**
 * Shared helpers for the engine tests: loading fixtures, driving an exercise
 * command by command, and reaching states that would take many rounds of play.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { applyCommand, canonicalJson, createExercise, isScenarioFileName, loadScenarioText } from '../../src/engine/index';
import { nationalAttributionMachine, coalitionAttributionMachine } from '../../src/engine/machines/attribution';
import { confidenceOf } from '../../src/engine/confidence';
import { sendToChart } from '../../src/engine/machines/chart';
import { formatProblem } from '../../src/engine/scenario/problems';
import type { Scenario } from '../../src/engine/scenario/schema';
import type { Viewer } from '../../src/engine/view/types';
import type { Actor, CommandBody, CommandResult, ExerciseState, RejectionCode } from '../../src/engine/types';

const root = new URL('../../', import.meta.url);

export function loadFile(relative: string): Scenario {
  const text = readFileSync(new URL(relative, root), 'utf8');
  const result = loadScenarioText(text, relative);
  if (!result.ok) throw new Error(`${relative} does not load:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.scenario;
}

let rich: Scenario | undefined;
let minimal: Scenario | undefined;

/** Three teams (two EU members), two incidents, actions in every category the engine treats specially. */
export function richScenario(): Scenario {
  return (rich ??= loadFile('test/fixtures/engine-rich.json'));
}

export function minimalScenario(): Scenario {
  return (minimal ??= loadFile('test/fixtures/minimal.json'));
}

/** Every shipped scenario in scenarios/, loaded through the real loader (a scenario that does not load fails the test). */
export function shippedScenarios(): Scenario[] {
  return readdirSync(new URL('scenarios/', root))
    .filter(isScenarioFileName)
    .sort()
    .map((name) => loadFile(`scenarios/${name}`));
}

/** A variant of a fixture: the parsed JSON is changed by `edit`, then loaded through the real loader. */
export function variantOf(relative: string, edit: (json: Record<string, any>) => void): Scenario {
  const json = JSON.parse(readFileSync(new URL(relative, root), 'utf8')) as Record<string, any>;
  edit(json);
  const result = loadScenarioText(JSON.stringify(json), relative);
  if (!result.ok) throw new Error(`variant of ${relative} does not load:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.scenario;
}

export const FAC: Actor = { role: 'facilitator', name: 'Facilitator' };
export const OBS: Actor = { role: 'observer', name: 'Observer' };
export const RED: Actor = { role: 'redCell', name: 'Red cell' };
export const SYS: Actor = { role: 'system' };
export const team = (id: string, name?: string): Actor => ({ role: 'team', team: id, ...(name ? { name } : {}) });

/** Deep-freezes a value so that any mutation by the engine throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Every rejection code a Game has been refused with, in this test file. */
export const rejectionsSeen = new Set<RejectionCode>();

/**
 * An exercise driven command by command, with a clock that moves one second
 * per command unless told otherwise. Every input state is frozen, so a test
 * fails if the engine ever mutates the state it was given.
 */
export class Game {
  state: ExerciseState;
  at = 1_000;
  private n = 0;

  constructor(
    readonly scenario: Scenario,
    readonly seed = 'test-seed',
  ) {
    this.state = deepFreeze(createExercise(scenario, seed));
  }

  send(actor: Actor, body: CommandBody, at?: number): CommandResult {
    this.at = at ?? this.at + 1_000;
    this.n += 1;
    const before = canonicalJson(this.state);
    const result = applyCommand(this.scenario, this.state, { ...body, id: `t${this.n}`, actor, at: this.at } as never);
    expect(canonicalJson(this.state), 'the input state was changed').toBe(before);
    if (result.ok) this.state = deepFreeze(result.state);
    return result;
  }

  ok(actor: Actor, body: CommandBody, at?: number): ExerciseState {
    const result = this.send(actor, body, at);
    if (!result.ok) throw new Error(`${body.type} was rejected: ${result.code} ${result.message}`);
    return this.state;
  }

  reject(actor: Actor, body: CommandBody, code: RejectionCode, at?: number): string {
    const result = this.send(actor, body, at);
    if (result.ok) throw new Error(`${body.type} was accepted; expected ${code}`);
    expect(result.code, result.message).toBe(code);
    rejectionsSeen.add(code);
    expect('state' in result).toBe(false);
    expect(result.message.length).toBeGreaterThan(10);
    return result.message;
  }

  /** Lobby to round 1 deliberation. */
  start(): this {
    this.ok(FAC, { type: 'startExercise' });
    this.ok(FAC, { type: 'advance' });
    return this;
  }

  /** Replaces the state by an edited copy (for states that would take many rounds to reach). */
  edit(change: (state: ExerciseState) => void): this {
    const copy = structuredClone(this.state);
    change(copy);
    this.state = deepFreeze(copy);
    return this;
  }

  /** Sets a team's evidence on an incident to exactly `points`, through the attribution charts. */
  evidence(incident: string, teamId: string, points: number): this {
    return this.edit((state) => setEvidence(this.scenario, state, incident, teamId, points));
  }

  lockAll(): this {
    for (const t of this.scenario.teams) {
      if (this.state.phase === 'deliberation' && !this.state.teams[t.id]!.locked) this.ok(team(t.id), { type: 'lockDecisions' });
    }
    return this;
  }
}

/** Moves evidence through the national chart (as an investigation would) and refreshes the coalition's list of confident governments. */
export function setEvidence(scenario: Scenario, state: ExerciseState, incident: string, teamId: string, points: number): void {
  const attribution = state.attribution[incident]!;
  const chart = attribution.national[teamId]!;
  const delta = points - (chart.context.evidence as number);
  if (delta !== 0) attribution.national[teamId] = sendToChart(nationalAttributionMachine, chart, { type: 'EVIDENCE', points: delta });
  const confident = scenario.teams
    .map((t) => t.id)
    .filter((id) => {
      const level = confidenceOf(attribution.national[id]!.context.evidence as number, scenario.evidenceThresholds);
      return level === 'moderate' || level === 'high';
    });
  attribution.coalition = sendToChart(coalitionAttributionMachine, attribution.coalition, { type: 'CONFIDENCE_UPDATE', confident });
}

/** Every (path, value) of a JSON value, depth first: for searching views for secrets. */
export function* walk(value: unknown, path: string[] = []): Generator<{ path: string[]; key: string | null; value: unknown }> {
  yield { path, key: path.at(-1) ?? null, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], [...path, String(i)]);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* walk(child, [...path, key]);
  }
}

/** Visits every key and string of a JSON value with its path (one shared array: copy it to keep it). */
function visit(value: unknown, path: string[], onKey: (key: string, path: string[]) => void, onString: (text: string, path: string[]) => void): void {
  if (typeof value === 'string') onString(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      visit(value[i], path, onKey, onString);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      path.push(key);
      onKey(key, path);
      visit((value as Record<string, unknown>)[key], path, onKey, onString);
      path.pop();
    }
  }
}

/** Paths at which a string containing `needle` occurs (in keys or values). */
export function occurrences(value: unknown, needle: string): string[] {
  const found: string[] = [];
  visit(
    value,
    [],
    (key, path) => {
      if (key.includes(needle)) found.push(`${path.join('.')} (key)`);
    },
    (text, path) => {
      if (text.includes(needle)) found.push(path.join('.'));
    },
  );
  return found;
}

export function keysNamed(value: unknown, name: string): string[] {
  const found: string[] = [];
  visit(
    value,
    [],
    (key, path) => {
      if (key === name) found.push(path.join('.'));
    },
    () => {},
  );
  return found;
}

/** Strings of the scenario that only some viewers may receive, with who may (views and exports are both searched for them). */
export type ScenarioSecret = { text: string; maySee: (viewer: Viewer, debrief: boolean) => boolean };

export function secretsOf(scenario: Scenario): { text: string; maySee: (viewer: Viewer, debrief: boolean) => boolean }[] {
  const secrets: { text: string; maySee: (viewer: Viewer, debrief: boolean) => boolean }[] = [];
  const facilitatorOnly = () => (viewer: Viewer) => viewer.role === 'facilitator';
  for (const t of scenario.teams) {
    // A government's briefing goes to that government only, even in the debrief.
    secrets.push({ text: t.briefing, maySee: (v) => v.role === 'team' && v.team === t.id });
  }
  for (const inject of scenario.injects) {
    if (inject.facilitatorNotes) secrets.push({ text: inject.facilitatorNotes, maySee: facilitatorOnly() });
    if (inject.audience === 'facilitator') {
      secrets.push({ text: inject.title, maySee: facilitatorOnly() }, { text: inject.body, maySee: facilitatorOnly() });
    } else if (typeof inject.audience === 'object') {
      const teams = inject.audience.teams;
      const maySee = (v: Viewer, debrief: boolean) =>
        v.role === 'facilitator' || v.role === 'observer' || (v.role === 'team' && (teams.includes(v.team) || debrief));
      // The title is also listed for the facilitator among upcoming injects.
      secrets.push({ text: inject.title, maySee }, { text: inject.body, maySee });
    }
  }
  if (scenario.adversary.briefing.trim()) {
    secrets.push({ text: scenario.adversary.briefing, maySee: (v) => v.role === 'facilitator' || v.role === 'redCell' });
  }
  if (scenario.debrief.facilitatorGuide.trim()) secrets.push({ text: scenario.debrief.facilitatorGuide, maySee: facilitatorOnly() });
  for (const indicator of scenario.indicators.filter((i) => i.visibleTo === 'facilitator' && i.description)) {
    secrets.push({ text: indicator.description, maySee: facilitatorOnly() });
  }
  for (const fact of scenario.facts.filter((f) => f.visibleTo === 'facilitator' && f.description)) {
    secrets.push({ text: fact.description, maySee: facilitatorOnly() });
  }
  // Short or shared strings would match innocently elsewhere.
  return secrets.filter((s) => s.text.length >= 12);
}
