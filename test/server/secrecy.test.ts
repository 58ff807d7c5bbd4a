/**
 * Secrecy as a property: random exercises, played by the engine's bots mixed
 * with random legal commands (rationales, proposals and answers, chat on both
 * channels, observer and facilitator notes, ad hoc injects to every kind of
 * audience, shared intelligence, the red cell's choice), every piece of
 * private text carrying a unique marker. After every accepted command, every
 * seat's view, every export that seat may take (JSON and CSV) and every
 * score explanation it may fetch (score:explain, asked for every reference
 * any view may carry, in every form) is searched for every marker, and for
 * the scenario's own secrets: none may appear before the rule of
 * docs/protocol.md ("Who sees what") allows it, and a seat is answered
 * exactly the explanations its own view refers to.
 *
 * The oracle below is written from that table, independently of the code.
 * Runs: FIREBREAK_SECRECY_RUNS (default 8), steps per run:
 * FIREBREAK_SECRECY_STEPS (default 50), for a longer soak by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project } from '../../src/engine/index';
import { POLICIES } from '../../src/engine/bots/policies';
import { Rng, seedRng } from '../../src/engine/random';
import type { Scenario } from '../../src/engine/scenario/schema';
import type { Actor, Command, CommandBody, ExerciseState } from '../../src/engine/types';
import type { ExerciseView, Viewer } from '../../src/engine/view/types';
import { isSecretCategory, mayExport } from '../../src/engine/rules/visibility';
import { explanationsFor } from '../../src/engine/view/explain';
import { buildCsvExport, buildJsonExport } from '../../src/server/export';
import type { ExerciseMeta, LogRecord } from '../../src/server/storage/types';
import { loadFile, richScenario, secretsOf, type ScenarioSecret } from '../engine/support';

const RUNS = Number(process.env.FIREBREAK_SECRECY_RUNS ?? 8);
const STEPS = Number(process.env.FIREBREAK_SECRECY_STEPS ?? 50);

type Debrief = boolean;

/** A planted piece of private text and who may see it, by the table. */
interface Marker {
  text: string;
  what: string;
  maySee: (viewer: Viewer, state: ExerciseState) => boolean;
}

const isStaff = (v: Viewer) => v.role === 'facilitator' || v.role === 'observer';
const isTeam = (v: Viewer, team: string) => v.role === 'team' && v.team === team;
const debriefOf = (state: ExerciseState): Debrief => state.phase === 'debrief';

/**
 * Score explanations, by the table: why a decision scored as it did is for
 * everyone who sees the decision but the red cell, and the part that states
 * a government's own confidence is for its team and staff, other teams from
 * the debrief (they get the rest meanwhile, under another reference). Why a
 * round's cohesion scored as it did: everyone but the red cell.
 */
function explanationMaySee(scenario: Scenario, state: ExerciseState, viewer: Viewer, ref: string): boolean {
  if (viewer.role === 'redCell') return false;
  const [kind, id, form] = ref.split(':');
  if (kind === 'cohesion') return state.rounds.some((r) => String(r.round) === id);
  // A team's report card: staff once a round has resolved, the team itself from the debrief, nobody else.
  if (kind === 'card') return state.rounds.length > 0 && (isStaff(viewer) || (isTeam(viewer, id!) && debriefOf(state)));
  const decision = state.decisions.find((d) => d.id === id);
  if (kind !== 'proportionality' || !decision) return false;
  const own = isStaff(viewer) || isTeam(viewer, decision.team);
  const secretWork = isSecretCategory(scenario.actions.find((a) => a.id === decision.action)?.category);
  if (!own && secretWork && !debriefOf(state)) return false;
  return form === 'ally' ? !own && !debriefOf(state) : own || debriefOf(state);
}

/** The explanation references a view carries. */
function carriedReferences(view: ExerciseView): string[] {
  return [
    ...view.decisions.map((d) => d.proportionality.explanation),
    ...view.rounds.map((r) => r.cohesion.explanation),
    ...view.reportCards.map((c) => c.explanation),
  ].filter((r) => r !== null);
}

/** Every reference an explanation may be asked for by: each form for each decision and round, every card any seat's view refers to, and a few that name nothing. */
function everyReference(state: ExerciseState, views: ExerciseView[]): string[] {
  return [
    ...views.flatMap((view) => view.reportCards.map((c) => c.explanation)),
    ...Object.keys(state.teams).map((team) => `card:${team}:0`),
    ...state.decisions.flatMap((d) => [`proportionality:${d.id}`, `proportionality:${d.id}:ally`]),
    ...state.rounds.map((r) => `cohesion:${r.round}`),
    'proportionality:d999999',
    'cohesion:999',
    '__proto__',
  ];
}

/** The table's rules, written out for the kinds of text a random exercise plants. */
const RULES = {
  /** A rationale (of a draft that resolves, a proposal, an answer): its team and staff; other teams from the debrief; never the red cell. */
  rationale: (team: string) => (v: Viewer, s: ExerciseState) => isStaff(v) || isTeam(v, team) || (v.role === 'team' && debriefOf(s)),
  /** A draft's rationale stays with its team unless the draft became a decision, whose rationale is revealed at the debrief. */
  draft: (team: string, text: string) => (v: Viewer, s: ExerciseState) =>
    isStaff(v) || isTeam(v, team) || (v.role === 'team' && debriefOf(s) && s.decisions.some((d) => d.team === team && d.rationale === text)),
  teamChat: (team: string) => (v: Viewer) => isStaff(v) || isTeam(v, team),
  coalitionChat: () => (v: Viewer) => v.role !== 'redCell',
  observerNote: () => (v: Viewer, s: ExerciseState) => isStaff(v) || debriefOf(s),
  facilitatorNote: () => (v: Viewer, s: ExerciseState) => v.role === 'facilitator' || debriefOf(s),
  teamInject: (teams: string[]) => (v: Viewer, s: ExerciseState) =>
    isStaff(v) || (v.role === 'team' && (teams.includes(v.team) || debriefOf(s))),
  facilitatorInject: () => (v: Viewer) => v.role === 'facilitator',
};

const STEP_KINDS = ['bot', 'bot', 'bot', 'respond', 'chat', 'note', 'inject', 'share', 'redCell', 'lock', 'advance', 'end'] as const;
type StepKind = (typeof STEP_KINDS)[number];
interface Step {
  kind: StepKind;
  a: number;
  b: number;
}

const FAC: Actor = { role: 'facilitator', name: 'Facilitator' };
const OBS: Actor = { role: 'observer', name: 'Observer' };
const RED: Actor = { role: 'redCell', name: 'Red cell' };

/** One random exercise: commands are applied as they are made, and every accepted one is checked. */
class Play {
  state: ExerciseState;
  readonly markers: Marker[] = [];
  readonly records: LogRecord[] = [];
  /** Accepted sharing: who shared which incident with whom. */
  readonly shares: { team: string; incident: string; with: string[] }[] = [];
  readonly viewers: Viewer[];
  readonly meta: ExerciseMeta;
  private readonly secrets: ScenarioSecret[];
  private readonly rng: Rng;
  private at = 1_000;
  checks = 0;

  constructor(
    readonly scenario: Scenario,
    readonly seed: string,
  ) {
    this.state = createExercise(scenario, seed);
    this.rng = new Rng(seedRng(`${seed}/bots`));
    this.viewers = [...scenario.teams.map((t): Viewer => ({ role: 'team', team: t.id })), { role: 'observer' }, { role: 'redCell' }, { role: 'facilitator' }];
    this.secrets = secretsOf(scenario);
    // Join codes are credentials of a sort: no export carries them.
    const codes = { teams: Object.fromEntries(scenario.teams.map((t) => [t.id, `JOINCODE-${t.id}-7Q`])), observer: 'JOINCODE-OBS-7Q', redCell: 'JOINCODE-RED-7Q' };
    this.meta = { id: 'x1', title: 'Secrecy', scenarioId: scenario.id, scenarioText: '{}', seed, createdAt: 0, codes, scenarioEditedAtSeq: null };
  }

  private mark(what: string, rule: (text: string) => Marker['maySee']): string {
    const text = `mk${String(this.markers.length).padStart(4, '0')}q`;
    this.markers.push({ text, what, maySee: rule(text) });
    return text;
  }

  send(actor: Actor, body: CommandBody): boolean {
    this.at += 1_000;
    const command = { ...body, id: `c${this.records.length + 1}-${this.at}`, actor, at: this.at } as Command;
    const result = applyCommand(this.scenario, this.state, command);
    if (!result.ok) return false;
    this.state = result.state;
    if (command.type === 'shareIntel' && command.actor.role === 'team') {
      const team = command.actor.team;
      this.shares.push({ team, incident: command.incident, with: command.with === 'coalition' ? this.scenario.teams.map((t) => t.id).filter((t) => t !== team) : command.with });
    }
    this.records.push({ seq: this.records.length + 1, command, seatId: 's', round: this.state.round, stateHash: null });
    this.check(command);
    return true;
  }

  /** Every seat's view and every export it may take, searched for what it may not see yet. */
  private check(command: Command): void {
    const debrief = debriefOf(this.state);
    const views = this.viewers.map((viewer) => project(this.scenario, this.state, viewer));
    const refs = everyReference(this.state, views);
    for (const [i, viewer] of this.viewers.entries()) {
      const who = `${viewer.role === 'team' ? `team ${viewer.team}` : viewer.role} after ${command.type} (seq ${this.state.seq}, ${this.state.phase})`;
      const view = views[i]!;
      const outputs: [string, string][] = [['view', JSON.stringify(view)]];
      // A sharing is known to the team that shared and the allies it shared with (a third ally learns of it at the debrief).
      if (viewer.role === 'team' && !debrief) {
        const me: string = viewer.team;
        for (const incident of view.incidents) {
          const known = this.shares.filter((s) => s.incident === incident.id && (s.team === me || s.with.includes(me))).map((s) => s.team);
          const beyond: string[] = incident.coalition.sharedBy.filter((t) => t !== me && !known.includes(t));
          if (beyond.length) expect.fail(`${who}: the view says ${beyond.join(', ')} shared evidence on ${incident.id}, with others`);
        }
      }
      outputs.push(['explanations', this.checkExplanations(viewer, view, refs, who)]);
      if (mayExport(viewer, this.state.phase)) {
        const input = { meta: this.meta, scenario: this.scenario, state: this.state, records: this.records, viewer };
        outputs.push(['JSON export', buildJsonExport(input).data], ['CSV export', buildCsvExport(input).data]);
      }
      for (const [where, text] of outputs) {
        this.checks += 1;
        for (const marker of this.markers) {
          if (text.includes(marker.text) && !marker.maySee(viewer, this.state)) {
            expect.fail(`${who}: the ${where} holds ${marker.what} (${marker.text})`);
          }
        }
        for (const secret of this.secrets) {
          const needle = where === 'view' || where === 'JSON export' ? JSON.stringify(secret.text).slice(1, -1) : secret.text;
          if (!secret.maySee(viewer, debrief) && text.includes(needle)) expect.fail(`${who}: the ${where} holds "${secret.text.slice(0, 40)}"`);
        }
        if (text.includes('JOINCODE-')) expect.fail(`${who}: the ${where} holds a join code`);
        // The generator's state never leaves; the seed only in an export, for the facilitator or from the debrief.
        if (text.includes(String(this.state.rng.s0))) expect.fail(`${who}: the ${where} holds the generator's state`);
        const seedAllowed = where !== 'view' && (viewer.role === 'facilitator' || debrief);
        if (!seedAllowed && text.includes(this.seed)) expect.fail(`${who}: the ${where} holds the seed`);
      }
    }
  }

  /**
   * score:explain for every reference there is: a seat is answered exactly
   * the references its view carries, each allowed by the table; returns the
   * answer's text, to be searched like the view.
   */
  private checkExplanations(viewer: Viewer, view: ExerciseView, refs: string[], who: string): string {
    const answer = explanationsFor(this.scenario, this.state, viewer, refs);
    const answered = [...Object.keys(answer.explanations), ...Object.keys(answer.reportCards)];
    expect(answered.sort(), `${who}: explanations answered`).toEqual([...new Set(carriedReferences(view))].sort());
    const beyond = answered.filter((ref) => !explanationMaySee(this.scenario, this.state, viewer, ref));
    if (beyond.length) expect.fail(`${who}: score:explain answers ${beyond.join(', ')}, which the table does not allow`);
    return JSON.stringify(answer);
  }

  /** A bot's plan for a team, its private text replaced by markers. */
  bot(team: string, policyIndex: number, count: number): void {
    const policies = Object.values(POLICIES);
    const policy = policies[policyIndex % policies.length]!;
    const actor: Actor = { role: 'team', team, name: `${policy.id} bot` };
    for (const body of policy.plan({ scenario: this.scenario, state: this.state, team, rng: this.rng }).slice(0, count)) {
      this.send(actor, this.withMarkers(team, body));
    }
  }

  private withMarkers(team: string, body: CommandBody): CommandBody {
    switch (body.type) {
      case 'draftDecision':
        return { ...body, draft: { ...body.draft, rationale: this.mark(`a draft rationale of ${team}`, (t) => RULES.draft(team, t)) } };
      case 'proposeJoint':
        return { ...body, draft: { ...body.draft, rationale: this.mark(`a proposal rationale of ${team}`, () => RULES.rationale(team)) } };
      case 'respondJoint':
        return { ...body, rationale: this.mark(`an answer rationale of ${team}`, () => RULES.rationale(team)) };
      case 'chat':
        return { ...body, text: this.chatMarker(team, body.channel) };
      default:
        return body;
    }
  }

  private chatMarker(team: string, channel: 'team' | 'coalition'): string {
    return channel === 'team'
      ? this.mark(`team chat of ${team}`, () => RULES.teamChat(team))
      : this.mark(`coalition chat of ${team}`, () => RULES.coalitionChat());
  }

  step({ kind, a, b }: Step): void {
    const teams = this.scenario.teams.map((t) => t.id);
    const team = teams[a % teams.length]!;
    const actor: Actor = { role: 'team', team, name: `Player ${team}` };
    switch (kind) {
      case 'bot':
        return this.bot(team, b, 1 + (b % 3));
      case 'respond': {
        const open = Object.values(this.state.proposals).filter((p) => p.round === this.state.round && p.by !== team && !p.responses[team]);
        const proposal = open[b % Math.max(1, open.length)];
        if (proposal) this.send(actor, this.withMarkers(team, { type: 'respondJoint', proposal: proposal.id, join: b % 2 === 0 }));
        return;
      }
      case 'chat':
        this.send(actor, { type: 'chat', channel: b % 2 ? 'team' : 'coalition', text: this.chatMarker(team, b % 2 ? 'team' : 'coalition') });
        return;
      case 'note':
        if (b % 2) this.send(OBS, { type: 'note', text: this.mark('an observer note', () => RULES.observerNote()) });
        else this.send(FAC, { type: 'note', text: this.mark('a facilitator note', () => RULES.facilitatorNote()) });
        return;
      case 'inject': {
        if (b % 3 === 0) {
          const title = this.mark('a facilitator-only inject title', () => RULES.facilitatorInject());
          const body = this.mark('a facilitator-only inject body', () => RULES.facilitatorInject());
          this.send(FAC, { type: 'releaseAdhocInject', inject: { title, body, audience: 'facilitator' } });
        } else {
          const to = b % 3 === 1 ? [team] : teams.filter((t) => t !== team);
          const title = this.mark(`an inject title for ${to.join('+')}`, () => RULES.teamInject(to));
          const body = this.mark(`an inject body for ${to.join('+')}`, () => RULES.teamInject(to));
          this.send(FAC, { type: 'releaseAdhocInject', inject: { title, body, audience: { teams: to } } });
        }
        return;
      }
      case 'share': {
        const allies = teams.filter((t) => t !== team);
        const incidents = Object.keys(this.state.incidents).filter((i) => this.state.incidents[i]!.active);
        const incident = incidents[b % Math.max(1, incidents.length)];
        if (incident) this.send(actor, { type: 'shareIntel', incident, with: b % 2 ? 'coalition' : [allies[b % allies.length]!] });
        return;
      }
      case 'redCell': {
        const moves = this.scenario.adversary.moves;
        this.send(RED, { type: 'chooseAdversaryMove', move: b % (moves.length + 1) === moves.length ? null : moves[b % (moves.length + 1)]!.id });
        return;
      }
      case 'lock':
        this.send(actor, { type: 'lockDecisions' });
        return;
      case 'advance':
        this.send(FAC, { type: 'advance' });
        return;
      case 'end':
        // Rare: most exercises should run their rounds.
        if (b % 4 === 0) this.send(FAC, { type: 'endExercise', reason: 'Hot wash.' });
        return;
    }
  }

  /** To the debrief, then the hot wash: notes, and chat once the facilitator reopens the exercise. */
  finish(): void {
    for (let guard = 0; this.state.phase !== 'debrief' && guard < 200; guard++) {
      if (this.state.phase === 'deliberation') for (const t of this.scenario.teams) this.send({ role: 'team', team: t.id }, { type: 'lockDecisions' });
      this.send(FAC, { type: 'advance' });
    }
    expect(this.state.phase).toBe('debrief');
    const first = this.scenario.teams[0]!.id;
    this.send(FAC, { type: 'reopenExercise', reason: 'Hot wash.' });
    this.send({ role: 'team', team: first }, { type: 'chat', channel: 'team', text: this.chatMarker(first, 'team') });
    this.send(OBS, { type: 'note', text: this.mark('an observer note', () => RULES.observerNote()) });
    this.send(FAC, { type: 'note', text: this.mark('a facilitator note', () => RULES.facilitatorNote()) });
  }
}

const stepArb = fc.record({ kind: fc.constantFrom(...STEP_KINDS), a: fc.nat(7), b: fc.nat(11) });

function play(scenario: Scenario, seed: string, steps: Step[]): Play {
  const game = new Play(scenario, seed);
  game.send(FAC, { type: 'startExercise' });
  // A private text before the first round, too.
  game.step({ kind: 'note', a: 0, b: 0 });
  game.send(FAC, { type: 'advance' });
  for (const step of steps) {
    if (game.state.phase === 'debrief') break;
    game.step(step);
  }
  game.finish();
  return game;
}

describe('no seat ever receives another seat’s private text before the table allows it', () => {
  const scenarios: [string, () => Scenario][] = [
    ['engine-rich (three teams, a red cell)', richScenario],
    ['romania-2024', () => loadFile('scenarios/romania-2024.json')],
  ];

  it.each(scenarios)('in views and exports of random exercises of %s', (_name, load) => {
    const scenario = load();
    let checks = 0;
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.array(stepArb, { minLength: 10, maxLength: STEPS }), (seed, steps) => {
        const game = play(scenario, `secrecy-${seed}`, steps);
        checks += game.checks;
        // The exercise did something private worth checking.
        expect(game.markers.length).toBeGreaterThan(3);
      }),
      { numRuns: RUNS },
    );
    expect(checks).toBeGreaterThan(RUNS * 50);
  });
});
