/**
 * The working copy of the state while one command is applied. applyCommand
 * clones the state, mutates the clone through these helpers and returns it:
 * the caller's state is never touched, and a rejected command changes nothing.
 */
import { coalitionAttributionMachine, nationalAttributionMachine } from '../machines/attribution';
import { confidenceOf } from '../confidence';
import { sendToChart } from '../machines/chart';
import { clampLevel, escalationMachine, ladderTop } from '../machines/escalation';
import { sendToAdversary, sendToOtherAdversary } from '../machines/adversary';
import { deEscalationMachine } from '../machines/deEscalation';
import { disputeMachine } from '../machines/dispute';
import { Rng } from '../random';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState, TimelineEntry } from '../types';
import { evidenceOf, escalationLevel } from './readers';
import { indexOf, type ScenarioIndex } from './scenarioIndex';
import { say } from '../messages';

/**
 * A copy of the state that the command may change. The history (timeline,
 * decisions, rounds, chat, notes, delivered injects) is append-only: its
 * arrays are copied but their entries are shared, and an entry is replaced,
 * never changed in place. Everything else that commands change is small and
 * copied one level deeper than anything a handler changes. Charts and plan
 * entries are replaced, not mutated, so they are shared too.
 *
 * Each part is copied the first time the command reads it: most commands
 * touch two or three parts and a refused one often none, whereas copying
 * every part made each command cost in proportion to the exercise so far.
 */
function mapValues<T, U>(record: Record<string, T>, copy: (value: T) => U): Record<string, U> {
  const result: Record<string, U> = {};
  for (const key in record) result[key] = copy(record[key]!);
  return result;
}

type Copier<K extends keyof ExerciseState> = (value: ExerciseState[K]) => ExerciseState[K];

const COPIERS: { [K in keyof ExerciseState]?: Copier<K> } = {
  clock: (clock) => ({ ...clock }),
  attribution: (attribution) => mapValues(attribution, (a) => ({ national: { ...a.national }, coalition: a.coalition })),
  sanctions: (sanctions) => mapValues(sanctions, (p) => ({ ...p })),
  verifications: (verifications) => (verifications ? mapValues(verifications, (v) => ({ ...v })) : verifications),
  cases: (cases) => (cases ? mapValues(cases, (c) => ({ ...c, jit: [...c.jit], charged: [...c.charged] })) : cases),
  mla: (mla) => (mla ? mapValues(mla, (r) => ({ ...r })) : mla),
  norms: (norms) => (norms ? { ...norms, raised: [...norms.raised], endorsers: [...norms.endorsers], reports: [...norms.reports], heldBack: [...norms.heldBack] } : norms),
  evasion: (evasion) => (evasion ? mapValues(evasion, (c) => ({ ...c, known: [...c.known], steps: [...c.steps] })) : evasion),
  opinion: (opinion) =>
    opinion
      ? { publics: mapValues(opinion.publics, (p) => ({ ...p, why: [...p.why] })), claims: opinion.claims.map((c) => ({ ...c })), reach: { ...opinion.reach }, narrowed: { ...opinion.narrowed } }
      : opinion,
  platformRequests: (requests) => (requests ? mapValues(requests, (r) => ({ ...r })) : requests),
  teams: (teams) => mapValues(teams, (t) => ({ ...t, plan: [...t.plan], shared: [...t.shared] })),
  incidents: (incidents) => mapValues(incidents, (i) => ({ ...i })),
  indicators: (indicators) => ({ ...indicators }),
  facts: (facts) => ({ ...facts }),
  injects: (injects) => ({
    delivered: [...injects.delivered],
    held: [...injects.held],
    queued: [...injects.queued],
    ...(injects.scheduled ? { scheduled: [...injects.scheduled] } : {}),
  }),
  proposals: (proposals) => mapValues(proposals, (p) => ({ ...p, responses: { ...p.responses } })),
  decisions: (decisions) => [...decisions],
  rounds: (rounds) => [...rounds],
  chat: (chat) => [...chat],
  notes: (notes) => [...notes],
  timeline: (timeline) => [...timeline],
  hidden: (hidden) => ({ ...hidden }),
  counters: (counters) => ({ ...counters }),
};
const COPIED = new Set<string>(Object.keys(COPIERS));

type Fields = Record<string, unknown>;

/**
 * The working copy: the parts a handler replaces whole (phase, charts,
 * counters of one number...) are own fields; the parts it may change inside
 * are accessors on the prototype that copy from the original on first use.
 */
class StateFork {
  readonly copies: Fields = {};
  constructor(readonly origin: ExerciseState) {
    for (const key in origin) if (!COPIED.has(key)) (this as unknown as Fields)[key] = (origin as unknown as Fields)[key];
  }
}
for (const key of COPIED) {
  const copy = COPIERS[key as keyof ExerciseState] as (value: unknown) => unknown;
  Object.defineProperty(StateFork.prototype, key, {
    get(this: StateFork) {
      return this.copies[key] ?? (this.copies[key] = copy((this.origin as unknown as Fields)[key]));
    },
    set(this: StateFork, value: unknown) {
      this.copies[key] = value;
    },
  });
}

export function forkState(state: ExerciseState): ExerciseState {
  return new StateFork(state) as unknown as ExerciseState;
}

/** The plain state a fork stands for, in the original's key order: what the command copied, and the rest shared with the original. */
function settle(state: ExerciseState): ExerciseState {
  if (!(state instanceof StateFork)) return state;
  const fork = state as StateFork;
  const fields = fork as unknown as Fields;
  const origin = fork.origin as unknown as Fields;
  const settled: Fields = {};
  for (const key in origin) settled[key] = COPIED.has(key) ? (fork.copies[key] ?? origin[key]) : fields[key];
  for (const key of Object.keys(fork)) if (!(key in settled) && key !== 'origin' && key !== 'copies') settled[key] = fields[key];
  return settled as unknown as ExerciseState;
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
    return settle(this.state);
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
        text: after ? say('timeline.confidence', { incident: name, level: after }) : say('timeline.confidenceLost', { incident: name }),
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
    this.state.adversary = sendToAdversary(this.scenario, this.state.adversary, event);
  }

  /** Sends an event to a further actor's chart (scenario.otherAdversaries); dropped for an unknown actor. */
  sendOtherAdversary(actor: string, event: { type: string; [key: string]: unknown }): void {
    const def = this.scenario.otherAdversaries?.find((a) => a.id === actor);
    const chart = this.state.otherAdversaries?.[actor];
    if (!def || !chart) return;
    this.state.otherAdversaries = { ...this.state.otherAdversaries, [actor]: sendToOtherAdversary(def, chart, event) };
  }

  sendDeEscalation(event: { type: string; [key: string]: unknown }): void {
    this.state.deEscalation = sendToChart(deEscalationMachine, this.state.deEscalation, event);
  }

  /** Scenarios without dispute settlement have no chart: the event is dropped. */
  sendDispute(event: { type: string; [key: string]: unknown }): void {
    if (this.state.dispute) this.state.dispute = sendToChart(disputeMachine, this.state.dispute, event);
  }

  setEscalation(level: number): void {
    const capped = Math.min(clampLevel(level), ladderTop(this.scenario.escalation.ladder));
    this.state.escalation = sendToChart(escalationMachine, this.state.escalation, { type: 'SET_LEVEL', level: capped });
  }

  escalation(): number {
    return escalationLevel(this.state);
  }
}
