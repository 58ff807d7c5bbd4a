/**
 * The working copy of the state while one command is applied. applyCommand
 * clones the state, mutates the clone through these helpers and returns it:
 * the caller's state is never touched, and a rejected command changes nothing.
 */
import { coalitionAttributionMachine, nationalAttributionMachine } from '../machines/attribution';
import { confidenceOf } from '../confidence';
import { sendToChart } from '../machines/chart';
import { clampLevel, escalationMachine, ladderTop } from '../machines/escalation';
import { adversaryMachineFor } from '../machines/adversary';
import { deEscalationMachine } from '../machines/deEscalation';
import { Rng } from '../random';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState, TimelineEntry } from '../types';
import { evidenceOf, escalationLevel } from './readers';
import { indexOf, type ScenarioIndex } from './scenarioIndex';

/**
 * A copy of the state that the command may change. The history (timeline,
 * decisions, rounds, chat, notes, delivered injects) is append-only: its
 * arrays are copied but their entries are shared, and an entry is replaced,
 * never changed in place. Everything else that commands change is small and
 * copied one level deeper than anything a handler changes. Charts and plan
 * entries are replaced, not mutated, so they are shared too.
 */
function mapValues<T, U>(record: Record<string, T>, copy: (value: T) => U): Record<string, U> {
  const result: Record<string, U> = {};
  for (const key in record) result[key] = copy(record[key]!);
  return result;
}

export function forkState(state: ExerciseState): ExerciseState {
  return {
    ...state,
    clock: { ...state.clock },
    attribution: mapValues(state.attribution, (a) => ({ national: { ...a.national }, coalition: a.coalition })),
    sanctions: mapValues(state.sanctions, (p) => ({ ...p })),
    teams: mapValues(state.teams, (t) => ({ ...t, plan: [...t.plan], shared: [...t.shared] })),
    incidents: mapValues(state.incidents, (i) => ({ ...i })),
    indicators: { ...state.indicators },
    facts: { ...state.facts },
    injects: { delivered: [...state.injects.delivered], held: [...state.injects.held], queued: [...state.injects.queued] },
    proposals: mapValues(state.proposals, (p) => ({ ...p, responses: { ...p.responses } })),
    decisions: [...state.decisions],
    rounds: [...state.rounds],
    chat: [...state.chat],
    notes: [...state.notes],
    timeline: [...state.timeline],
    hidden: { ...state.hidden },
    counters: { ...state.counters },
  };
}

export class Work {
  readonly index: ScenarioIndex;
  readonly rng: Rng;

  constructor(
    readonly scenario: Scenario,
    readonly state: ExerciseState,
    readonly at: number,
  ) {
    this.index = indexOf(scenario);
    this.rng = new Rng(state.rng);
  }

  /** Deterministic ids: a prefix and a counter kept in the state. */
  nextId(prefix: string): string {
    this.state.counters.id += 1;
    return `${prefix}${this.state.counters.id}`;
  }

  log(entry: Omit<TimelineEntry, 'seq' | 'round' | 'at'>): void {
    this.state.timeline.push({ seq: this.state.seq, round: this.state.round, at: this.at, ...entry });
  }

  finish(): ExerciseState {
    this.state.rng = this.rng.save();
    return this.state;
  }

  addEvidence(incident: string, team: string, points: number): void {
    const attribution = this.state.attribution[incident];
    const chart = attribution?.national[team];
    if (!attribution || !chart || points === 0) return;
    const before = confidenceOf(evidenceOf(this.state, incident, team), this.scenario.evidenceThresholds);
    attribution.national[team] = sendToChart(nationalAttributionMachine, chart, { type: 'EVIDENCE', points });
    const after = confidenceOf(evidenceOf(this.state, incident, team), this.scenario.evidenceThresholds);
    if (before !== after) {
      const name = this.index.incidents.get(incident)?.name ?? incident;
      this.log({
        kind: 'attribution',
        audience: { teams: [team] },
        team,
        ref: incident,
        text: after ? `Confidence on "${name}" is now ${after}.` : `Confidence on "${name}" fell below low.`,
      });
    }
    this.refreshCoalitionConfidence(incident);
  }

  sendNational(incident: string, team: string, event: { type: string }): void {
    const attribution = this.state.attribution[incident];
    const chart = attribution?.national[team];
    if (attribution && chart) attribution.national[team] = sendToChart(nationalAttributionMachine, chart, event);
  }

  sendCoalition(incident: string, event: { type: string; [key: string]: unknown }): void {
    const attribution = this.state.attribution[incident];
    if (attribution) attribution.coalition = sendToChart(coalitionAttributionMachine, attribution.coalition, event);
  }

  /** The coalition chart keeps its own list of governments confident enough for a joint statement. */
  refreshCoalitionConfidence(incident: string): void {
    const confident = this.index.teamIds.filter((team) => {
      const level = confidenceOf(evidenceOf(this.state, incident, team), this.scenario.evidenceThresholds);
      return level === 'moderate' || level === 'high';
    });
    this.sendCoalition(incident, { type: 'CONFIDENCE_UPDATE', confident });
  }

  sendAdversary(event: { type: string; [key: string]: unknown }): void {
    this.state.adversary = sendToChart(adversaryMachineFor(this.scenario), this.state.adversary, event);
  }

  sendDeEscalation(event: { type: string; [key: string]: unknown }): void {
    this.state.deEscalation = sendToChart(deEscalationMachine, this.state.deEscalation, event);
  }

  setEscalation(level: number): void {
    const capped = Math.min(clampLevel(level), ladderTop(this.scenario.escalation.ladder));
    this.state.escalation = sendToChart(escalationMachine, this.state.escalation, { type: 'SET_LEVEL', level: capped });
  }

  escalation(): number {
    return escalationLevel(this.state);
  }
}
