/**
 * The one projection filter: everything a client receives is built here,
 * for one viewer, from the full state. Secrets (other teams' private
 * intelligence, evidence, drafts and rationales, facilitator notes, ground
 * truth, the generator state, the adversary's hidden internals) stay behind
 * unless the viewer may see them; who may see what is decided by the rules in
 * ../rules/visibility.ts, never here. Tested as a security boundary in
 * test/engine/view.test.ts and test/server/secrecy.test.ts.
 */
import { DEFAULT_LADDER } from '../machines/escalation';
import { regionState } from '../machines/chart';
import { eligibleMoves } from '../adjudicate/adversaryTurn';
import { eligibleOtherMoves } from '../adjudicate/othersTurn';
import { bestCaseOptions, proportionalityOf } from '../scoring/decision';
import type { Action, Scenario } from '../scenario/schema';
import { checkDraft } from '../rules/decisions';
import {
  assessedResponsibility,
  likelihoodOf,
  attributionStage,
  caseStage,
  campaignPhase,
  confidenceOfTeam,
  deEscalationStage,
  escalationLevel,
  evidenceOf,
  posture,
  otherPhase,
  otherPosture,
} from '../rules/readers';
import { indexOf, legalBasisName } from '../rules/scenarioIndex';
import { canSee, sees, seesChat, seesNote } from '../rules/visibility';
import type { ExerciseState, InjectDelivery, ListedPersonsFile, ResolvedDecision, TimelineEntry } from '../types';
import { evasionView } from './evasion';
import { cohesionView, decisionVisibility, proportionalityView, reportCardViews } from './explain';
import { said, type Said } from '../messages/said';
import { say } from '../messages';
import type { ActionAvailability, ActionView, AttributionTeamView, CaseView, DecisionView, ExerciseView, IncidentView, InjectView, SanctionsView, ScoreView, TimelineEntryView, Viewer } from './types';
import { LIKELIHOOD_BANDS } from '../confidence';
import { normsView, protectedWords } from './norms';
import { actorsView } from './actors';

/** Okabe-Ito: distinguishable with the common forms of colour blindness. */
export const TEAM_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

const BANDS = ['belowThreshold', 'hardening', 'beyondFirebreak'];

/** What every section of a view is built from. */
type SectionBuilder<K extends keyof ExerciseView> = (scenario: Scenario, state: ExerciseState, viewer: Viewer) => ExerciseView[K];

const isDebrief = (state: ExerciseState) => state.phase === 'debrief';

/**
 * The sections of a view, in the order they are sent. Each reads only the
 * scenario, the state and the viewer, so a section whose state parts did not
 * change can be reused as it was (ViewProjector below). Entries of the
 * append-only history are shared with the state, not copied: neither is ever
 * changed in place.
 */
const SECTIONS: { [K in keyof ExerciseView]: SectionBuilder<K> } = {
  viewer: (_scenario, _state, viewer) => viewer,
  seq: (_scenario, state) => state.seq,
  scenario: (scenario) => scenarioView(scenario),
  phase: (_scenario, state) => state.phase,
  paused: (_scenario, state) => state.paused,
  reopened: (_scenario, state) => !!state.reopened,
  round: (_scenario, state) => state.round,
  clock: (_scenario, state) => ({ ...state.clock }),
  escalation: (scenario, state) => {
    const ladder = scenario.escalation.ladder ?? DEFAULT_LADDER;
    const level = escalationLevel(state);
    return { level, label: ladder.find((r) => r.level === level)?.label ?? String(level), band: BANDS.find((b) => b === regionState(state.escalation)) ?? 'belowThreshold' };
  },
  adversary: (scenario, state) => {
    const phaseId = campaignPhase(state);
    return { posture: posture(state), phase: phaseId, phaseName: scenario.adversary.phases.find((p) => p.id === phaseId)?.name ?? phaseId };
  },
  // A further actor's posture is as public as the adversary's: every seat sees it (rules/visibility.ts, otherAdversaries).
  otherAdversaries: (scenario, state, viewer) =>
    (sees('otherAdversaries', viewer, isDebrief(state)) ? (scenario.otherAdversaries ?? []) : []).map((actor) => {
      const phaseId = otherPhase(state, actor.id) ?? actor.phases[0]!.id;
      return {
        id: actor.id,
        name: actor.name,
        kind: actor.kind,
        posture: otherPosture(state, actor.id) ?? actor.initialPosture,
        phase: phaseId,
        phaseName: actor.phases.find((p) => p.id === phaseId)?.name ?? phaseId,
      };
    }),
  deEscalation: (_scenario, state) => deEscalationStage(state),
  teams: (scenario, state, viewer) =>
    scenario.teams.map((team, i) => {
      const teamState = state.teams[team.id]!;
      const mayDetail = sees('plan', viewer, isDebrief(state), team.id);
      return {
        id: team.id,
        name: team.name,
        kind: team.kind,
        capital: team.capital,
        colour: team.colour ?? TEAM_PALETTE[i % TEAM_PALETTE.length]!,
        locked: teamState.locked,
        ...(teamState.absent ? { seat: 'absent' as const } : teamState.bot ? { seat: 'bot' as const } : {}),
        draftCount: teamState.plan.length,
        ...(mayDetail ? { capitalLeft: teamState.capitalLeft, intelLeft: teamState.intelLeft, plan: teamState.plan.map((p) => ({ ...p })) } : {}),
      };
    }),
  me: (scenario, state, viewer) => meView(scenario, state, viewer),
  actions: (scenario, state, viewer) => actionsView(scenario, state, viewer),
  incidents: (scenario, state, viewer) => incidentsView(scenario, state, viewer),
  sanctions: (scenario, state, viewer) =>
    Object.values(state.sanctions).map((p) => ({
      id: p.id,
      action: p.action,
      name: indexOf(scenario).actions.get(p.action)?.name ?? p.action,
      teams: [...p.teams],
      incident: p.incident,
      round: p.round,
      jurisdictions: [...p.jurisdictions],
      stage: regionState(p.chart, 'status'),
      challenge: regionState(p.chart, 'challenge'),
      options: { ...p.options },
      ...(p.listed ? { listed: listedView(p.listed, sees('addressed', viewer, isDebrief(state), p.teams)) } : {}),
    })),
  norms: (scenario, state) => normsView(scenario, state),
  evasion: (scenario, state, viewer) => evasionView(scenario, state, viewer, isDebrief(state)),
  actors: (scenario, state, viewer) => actorsView(scenario, state, viewer, isDebrief(state)),
  indicators: (scenario, state, viewer) =>
    scenario.indicators
      .filter((i) => i.visibleTo === 'all' || sees('facilitatorOnly', viewer, false))
      .map((i) => ({ id: i.id, name: i.name, value: state.indicators[i.id] ?? i.initial, min: i.min, max: i.max, description: i.description })),
  facts: (scenario, state, viewer) =>
    scenario.facts
      .filter((f) => f.visibleTo === 'all' || sees('facilitatorOnly', viewer, false))
      .map((f) => ({ id: f.id, description: f.description, value: state.facts[f.id] ?? f.initial })),
  injects: (scenario, state, viewer) => state.injects.delivered.filter((d) => canSee(d.audience, viewer, isDebrief(state))).map((d) => injectText(scenario, d)),
  proposals: (_scenario, state, viewer) => proposalsView(state, viewer),
  decisions: (scenario, state, viewer) => {
    const debrief = isDebrief(state);
    return state.decisions
      .filter(decisionVisibility(scenario, state, viewer))
      .map((d) => decisionView(d, sees('rationale', viewer, debrief, d.team), proportionalityView(state, viewer, d)));
  },
  rounds: (scenario, state, viewer) => {
    const visible = decisionVisibility(scenario, state, viewer);
    const facilitatorOnly = sees('facilitatorOnly', viewer, false);
    return state.rounds.map(({ others, ...r }) => ({
      ...r,
      decisions: r.decisions.filter((id) => {
        const d = state.decisions.find((x) => x.id === id);
        return !!d && visible(d);
      }),
      // A move without news is the adversary's secret.
      adversaryMoves: facilitatorOnly ? r.adversaryMoves : r.adversaryMoves.filter((m) => m.news !== null),
      ...(others
        ? { others: others.map((o) => ({ ...o, postureWhyMessages: said(o.postureWhy), moves: facilitatorOnly ? o.moves : o.moves.filter((m) => m.news !== null) })) }
        : {}),
      cohesion: cohesionView(state, viewer, r),
      postureWhyMessages: said(r.postureWhy),
      headlineMessages: r.headlines.map(said),
    }));
  },
  chat: (_scenario, state, viewer) => state.chat.filter((m) => seesChat(m.channel, m.team, viewer, isDebrief(state))),
  notes: (_scenario, state, viewer) => state.notes.filter((n) => seesNote(n, viewer, isDebrief(state))),
  // An entry about a team's own doing reaches that team even when addressed to others.
  timeline: (_scenario, state, viewer) => {
    const debrief = isDebrief(state);
    return state.timeline
      .filter((t) => canSee(t.audience, viewer, debrief) || (t.audience !== 'facilitator' && t.team !== undefined && sees('addressed', viewer, debrief, t.team)))
      .map(timelineEntryView);
  },
  outcome: (_scenario, state) => (state.outcome ? { ...state.outcome } : null),
  facilitator: (scenario, state, viewer) => (viewer.role === 'facilitator' && sees('facilitatorOnly', viewer, false) ? facilitatorView(scenario, state) : null),
  redCell: (scenario, state, viewer) => (viewer.role === 'redCell' && sees('adversary', viewer, isDebrief(state)) ? redCellView(scenario, state) : null),
  reportCards: (scenario, state, viewer) => reportCardViews(scenario, state, viewer),
  debrief: (scenario, state, viewer) =>
    isDebrief(state)
      ? {
          fictional: scenario.meta.fictional === true,
          whatHappened: scenario.debrief.whatHappened.map((w) => ({ round: w.round ?? null, text: w.text, sources: w.sources })),
          discussionQuestions: scenario.debrief.discussionQuestions,
          sources: scenario.meta.sources.map((s) => ({ id: s.id, citation: s.citation, url: s.url ?? null })),
          facilitatorGuide: sees('facilitatorOnly', viewer, false) ? scenario.debrief.facilitatorGuide : null,
        }
      : null,
};

const SECTION_KEYS = Object.keys(SECTIONS) as (keyof ExerciseView)[];

/**
 * A resolved decision as a view shows it, made once per decision and form
 * (rationale shown or not, which explanation), so that an unchanged decision
 * is the same object in every view: the patch diff skips it without walking it.
 */
const decisionViews = new WeakMap<ResolvedDecision, Map<string, DecisionView>>();
/** The listed persons' file as a viewer may read it: the review's reasons only for the governments that took the listing (rules/visibility.ts, "addressed"). */
function listedView(file: ListedPersonsFile, withReasons: boolean): SanctionsView['listed'] {
  const review = file.review ? (withReasons ? { ...file.review } : { round: file.review.round, result: file.review.result }) : undefined;
  return { notified: file.notified, observations: [...file.observations], ...(review ? { review } : {}) };
}

function decisionView(d: ResolvedDecision, withRationale: boolean, proportionality: ScoreView): DecisionView {
  let forms = decisionViews.get(d);
  if (!forms) decisionViews.set(d, (forms = new Map()));
  const key = `${withRationale}|${proportionality.explanation}`;
  let view = forms.get(key);
  if (!view) forms.set(key, (view = { ...d, rationale: withRationale ? d.rationale : '', proportionality, outcomeMessages: said(d.outcome) }));
  return view;
}

export function project(scenario: Scenario, state: ExerciseState, viewer: Viewer): ExerciseView {
  const view: Partial<Record<keyof ExerciseView, unknown>> = {};
  for (const key of SECTION_KEYS) view[key] = SECTIONS[key](scenario, state, viewer);
  return view as ExerciseView;
}

/**
 * What a section read of the state: a part (a top-level key) read whole, or
 * one entry of a part read by its key, with the value it had.
 */
type Read = { part: keyof ExerciseState; key: null; value: unknown } | { part: keyof ExerciseState; key: string; value: unknown };

/**
 * Parts whose entries are tracked one by one. Every team's entry is copied
 * whenever a command touches any team (rules/work.ts), yet most sections
 * read one team: a team's actions stay valid while its own entry is equal.
 */
const TRACKED_BY_ENTRY = new Set<string>(['teams']);

/**
 * One audience's views, projected again after each change: a section is
 * built again only when something it read last time changed, and is
 * otherwise reused as it was. The state is copy-on-write (a command replaces
 * every part it touches and shares the rest, never changing anything in
 * place: rules/work.ts), so a part that is the same object is unchanged, and
 * an entry of a tracked part is unchanged when its fields are the same
 * values (arrays compared item by item). A reused section is therefore
 * exactly what project() would build; the sections a change leaves alone
 * cost nothing to project, and nothing to diff (the patch diff skips
 * identical references).
 */
export class ViewProjector {
  private readonly sections = new Map<keyof ExerciseView, { reads: Read[]; value: unknown }>();
  private scenario: Scenario | null = null;

  constructor(readonly viewer: Viewer) {}

  project(scenario: Scenario, state: ExerciseState): ExerciseView {
    if (scenario !== this.scenario) {
      this.sections.clear();
      this.scenario = scenario;
    }
    const view: Partial<Record<keyof ExerciseView, unknown>> = {};
    for (const key of SECTION_KEYS) {
      const held = this.sections.get(key);
      if (held && held.reads.every((read) => unchanged(state, read))) {
        view[key] = held.value;
        continue;
      }
      const reads = new ReadLog();
      const value = SECTIONS[key](scenario, reads.watch(state), this.viewer);
      this.sections.set(key, { reads: reads.list(state), value });
      view[key] = value;
    }
    return view as ExerciseView;
  }
}

function unchanged(state: ExerciseState, read: Read): boolean {
  const part = state[read.part];
  if (read.key === null) return part === read.value;
  return sameEntry((part as Record<string, unknown> | undefined)?.[read.key], read.value);
}

/** Equal fields, arrays item by item: enough for entries whose nested values are replaced, never changed. */
function sameEntry(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const k of aKeys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((item, i) => item !== y[i])) return false;
  }
  return true;
}

/** Records which parts of the state (and which entries of tracked parts) a section reads. */
class ReadLog {
  private readonly whole = new Set<keyof ExerciseState>();
  private readonly entries = new Map<keyof ExerciseState, Set<string>>();

  watch(state: ExerciseState): ExerciseState {
    const partProxies = new Map<string, object>();
    return new Proxy(state, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return value;
        const part = key as keyof ExerciseState;
        if (!TRACKED_BY_ENTRY.has(key) || typeof value !== 'object' || value === null) {
          this.whole.add(part);
          return value;
        }
        let proxy = partProxies.get(key);
        if (!proxy) partProxies.set(key, (proxy = this.watchEntries(part, value)));
        return proxy;
      },
      has: (target, key) => {
        if (typeof key === 'string') this.whole.add(key as keyof ExerciseState);
        return Reflect.has(target, key);
      },
      ownKeys: (target) => {
        for (const key of Object.keys(target)) this.whole.add(key as keyof ExerciseState);
        return Reflect.ownKeys(target);
      },
    });
  }

  private watchEntries(part: keyof ExerciseState, record: object): object {
    const entry = (key: string | symbol) => {
      if (typeof key !== 'string') return;
      let keys = this.entries.get(part);
      if (!keys) this.entries.set(part, (keys = new Set()));
      keys.add(key);
    };
    return new Proxy(record, {
      get: (target, key, receiver) => {
        entry(key);
        return Reflect.get(target, key, receiver);
      },
      has: (target, key) => {
        entry(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        entry(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      // Listing the entries reads the part whole.
      ownKeys: (target) => {
        this.whole.add(part);
        return Reflect.ownKeys(target);
      },
    });
  }

  /** What was read, with the values the state holds now (those the section was built from). */
  list(state: ExerciseState): Read[] {
    const reads: Read[] = [...this.whole].map((part) => ({ part, key: null, value: state[part] }));
    for (const [part, keys] of this.entries) {
      if (this.whole.has(part)) continue;
      for (const key of keys) reads.push({ part, key, value: (state[part] as unknown as Record<string, unknown>)[key] });
    }
    return reads;
  }
}

/** The scenario's own part of every view: the same object for every view of a scenario. */
const injectsById = new WeakMap<Scenario, Map<string, Scenario['injects'][number]>>();
/**
 * A delivered scenario inject with the scenario's text for it: the same text
 * it was delivered with, unless the viewer reads the scenario in a
 * translation (scenario/translate.ts). Ad-hoc injects keep their own.
 */
const timelineViews = new WeakMap<TimelineEntry, TimelineEntryView>();

/** A timeline line with its sentences, made once per line: the same object in every view. */
function timelineEntryView(entry: TimelineEntry): TimelineEntryView {
  let view = timelineViews.get(entry);
  if (!view) timelineViews.set(entry, (view = { ...entry, textMessages: said(entry.text) }));
  return view;
}

const writtenInjects = new WeakMap<InjectDelivery, InjectView>();

function injectText(scenario: Scenario, delivery: InjectDelivery): InjectView {
  if (delivery.inject === null) {
    // The engine's reports and the facilitator's ad-hoc injects: the engine's sentences beside the text (null for the facilitator's words). The same object each time.
    let view = writtenInjects.get(delivery);
    if (!view) writtenInjects.set(delivery, (view = { ...delivery, titleMessages: said(delivery.title), bodyMessages: said(delivery.body) }));
    return view;
  }
  let byId = injectsById.get(scenario);
  if (!byId) injectsById.set(scenario, (byId = new Map(scenario.injects.map((i) => [i.id, i]))));
  const inject = byId.get(delivery.inject);
  if (!inject || (inject.title === delivery.title && inject.body === delivery.body)) return delivery;
  return { ...delivery, title: inject.title, body: inject.body };
}

const scenarioViews = new WeakMap<Scenario, ExerciseView['scenario']>();
function scenarioView(scenario: Scenario): ExerciseView['scenario'] {
  let view = scenarioViews.get(scenario);
  if (!view) {
    const ladder = scenario.escalation.ladder ?? DEFAULT_LADDER;
    view = {
      id: scenario.id,
      title: scenario.meta.title,
      summary: scenario.meta.summary,
      // Only what the view type declares: the grading map and rubric stay in the scenario.
      learningObjectives: scenario.meta.learningObjectives.map((o) => ({ id: o.id, text: o.text })),
      rounds: scenario.rounds.map((r) => ({ title: r.title, date: r.date ?? null, minutes: r.minutes ?? scenario.roundMinutes })),
      ladder: ladder.map((r) => ({ level: r.level, label: r.label, description: r.description })),
      adversaryName: scenario.adversary.name,
      phases: scenario.adversary.phases.map((p) => ({ id: p.id, name: p.name, fromRound: p.fromRound })),
      maxActionsPerRound: scenario.maxActionsPerRound,
      redCellAllowed: scenario.adversary.redCellAllowed,
    };
    scenarioViews.set(scenario, view);
  }
  return view;
}

/*
 * A team's own government, the actions with whether and how well it could
 * take each now, the incidents and the proposals. (The bots decide on the
 * same rules without building these: bots/policies.ts.)
 */

/** The viewer's own government, for a team seat. */
export function meView(scenario: Scenario, state: ExerciseState, viewer: Viewer): ExerciseView['me'] {
  const myTeam = viewer.role === 'team' ? viewer.team : null;
  return myTeam && sees('briefing', viewer, state.phase === 'debrief', myTeam) ? meOf(scenario, myTeam) : null;
}

/** The actions the viewer may see; for a team, with whether and how well it could take each now. */
export function actionsView(scenario: Scenario, state: ExerciseState, viewer: Viewer): ActionView[] {
  const myTeam = viewer.role === 'team' ? viewer.team : null;
  return scenario.actions
    .filter((a) => !myTeam || !a.availableTo || a.availableTo.includes(myTeam))
    .map((a) => actionView(scenario, state, a, myTeam));
}

export function incidentsView(scenario: Scenario, state: ExerciseState, viewer: Viewer): IncidentView[] {
  const debrief = state.phase === 'debrief';
  return scenario.incidents
    .filter((i) => state.incidents[i.id]!.active || sees('undiscoveredIncidents', viewer, debrief))
    .map((i) => incidentView(scenario, state, i.id, viewer));
}

/** A proposal is the coalition's business; each government's reasoning on it stays its own until the debrief. */
export function proposalsView(state: ExerciseState, viewer: Viewer): ExerciseView['proposals'] {
  const debrief = state.phase === 'debrief';
  const rationaleFor = (text: string, team: string) => (sees('rationale', viewer, debrief, team) ? text : '');
  return Object.values(state.proposals)
    .filter((p) => sees('proposal', viewer, debrief, p.by))
    .map((p) => ({
      ...p,
      // respondJoint takes a proposal only in its own round's deliberation.
      open: p.round === state.round && state.phase === 'deliberation',
      rationale: rationaleFor(p.rationale, p.by),
      responses: Object.fromEntries(Object.entries(p.responses).map(([team, r]) => [team, { ...r, rationale: rationaleFor(r.rationale, team) }])),
    }));
}

function meOf(scenario: Scenario, team: string): ExerciseView['me'] {
  const def = indexOf(scenario).teams.get(team)!;
  return {
    team,
    name: def.name,
    briefing: def.briefing,
    legalBases: def.legalBases.map((b) => legalBasisName(scenario, b)),
    legalConstraints: def.legalConstraints,
  };
}

function actionView(scenario: Scenario, state: ExerciseState, action: Action, team: string | null): ActionView {
  return {
    id: action.id,
    name: action.name,
    description: action.description,
    category: action.category,
    severity: action.severity,
    rung: action.rung,
    reversibility: action.reversibility,
    minConfidence: action.minConfidence,
    requiresStateAttribution: action.requiresStateAttribution,
    targetsIncident: action.targetsIncident,
    spillover: action.spillover,
    responseType: action.responseType,
    legalBasis: legalBasisName(scenario, action.legalBasis),
    precedent: action.precedent ?? null,
    cost: { capital: action.cost.capital, intel: action.cost.intel },
    joinable: action.joinable,
    procedures: [...action.procedures],
    prerequisiteText: action.prerequisiteText ?? null,
    ...(team ? { availability: availabilityOf(scenario, state, action, team) } : {}),
  };
}

/** Why a draft would be refused, in English and as the engine's sentences. */
function reasonOf(problem: { message: string } | null): { reason: string | null; reasonMessages: Said } {
  return { reason: problem?.message ?? null, reasonMessages: said(problem?.message) };
}

export function availabilityOf(scenario: Scenario, state: ExerciseState, action: Action, team: string): ActionAvailability {
  const options = bestCaseOptions(action);
  const preview = (incident: string | null) => proportionalityOf(scenario, state, team, action, incident, options).score.value;
  if (!action.targetsIncident) {
    const problem = checkDraft(scenario, state, team, { action: action.id });
    return { available: !problem, ...reasonOf(problem), byIncident: {}, proportionalityPreview: problem ? null : preview(null) };
  }
  const byIncident: ActionAvailability['byIncident'] = {};
  for (const incident of scenario.incidents) {
    if (!state.incidents[incident.id]?.active) continue;
    const problem = checkDraft(scenario, state, team, { action: action.id, incident: incident.id });
    // A preview only where the action can be taken: it is what the player is about to be judged on.
    byIncident[incident.id] = { available: !problem, ...reasonOf(problem), proportionalityPreview: problem ? null : preview(incident.id) };
  }
  const entries = Object.values(byIncident);
  const firstOpen = entries.find((e) => e.available);
  const reason = firstOpen ? null : (entries[0]?.reason ?? say('refusal.noIncidentYet'));
  return {
    available: !!firstOpen,
    reason,
    reasonMessages: said(reason),
    byIncident,
    proportionalityPreview: firstOpen?.proportionalityPreview ?? null,
  };
}

function likelihoodView(scenario: Scenario, state: ExerciseState, incident: string, team: string): AttributionTeamView['likelihood'] {
  const judgement = likelihoodOf(scenario, state, incident, team);
  const band = judgement && LIKELIHOOD_BANDS.find((b) => b.id === judgement.likelihood);
  return judgement && band ? { suspect: judgement.suspect, band: band.id, words: band.words, range: band.range } : null;
}

function incidentView(scenario: Scenario, state: ExerciseState, incident: string, viewer: Viewer): IncidentView {
  const def = indexOf(scenario).incidents.get(incident)!;
  const debrief = state.phase === 'debrief';
  const byTeam: IncidentView['byTeam'] = {};
  for (const team of scenario.teams) {
    const stage = attributionStage(state, incident, team.id);
    const isPublic = stage === 'attributedPublicly' || stage === 'retracted';
    byTeam[team.id] = sees('attribution', viewer, debrief, team.id)
      ? {
          stage,
          confidence: confidenceOfTeam(scenario, state, incident, team.id),
          evidence: evidenceOf(state, incident, team.id),
          assessedResponsibility: assessedResponsibility(scenario, state, incident, team.id)?.responsibilityLabel ?? null,
          likelihood: likelihoodView(scenario, state, incident, team.id),
          public: isPublic,
        }
      : { stage: isPublic ? stage : 'undisclosed', confidence: null, evidence: null, assessedResponsibility: null, likelihood: null, public: isPublic };
  }
  const coalition = state.attribution[incident]!.coalition;
  const record = sees('coalitionRecord', viewer, debrief);
  return {
    id: def.id,
    name: def.name,
    description: def.description,
    kind: def.kind,
    active: state.incidents[incident]!.active,
    harm: state.incidents[incident]!.harm,
    byTeam,
    coalition: {
      stage: !record && regionState(coalition) !== 'jointlyAttributed' ? 'undisclosed' : regionState(coalition),
      sharedBy: (coalition.context.sharedBy as string[]).filter((team) => sees('sharing', viewer, debrief, sharingParties(state, incident, team))),
    },
    ...(sees('facilitatorOnly', viewer, debrief) ? { truth: { responsibility: def.responsibility, legalCategory: def.legalCategory } } : {}),
    ...(state.cases?.[incident] ? { case: caseView(state, incident, viewer) } : {}),
    ...(protectedWords(scenario, incident).length ? { protectedTargets: protectedWords(scenario, incident) } : {}),
    ...(scenario.otherAdversaries?.length && sees('incidentActor', viewer, debrief)
      ? { actor: def.actor ?? scenario.adversary.id, strikes: def.injured ?? scenario.teams.map((t) => t.id) }
      : {}),
  };
}

/** The case is public (joint investigation teams, indictments and warrants are announced); the file's contents are the members'. */
function caseView(state: ExerciseState, incident: string, viewer: Viewer): CaseView {
  const kase = state.cases![incident]!;
  const debrief = state.phase === 'debrief';
  return {
    stage: caseStage(state, incident),
    jit: [...kase.jit],
    file: kase.jit.some((team) => sees('attribution', viewer, debrief, team)) ? kase.file : null,
    charged: [...kase.charged],
    warrant: kase.warrant,
    arrestedRound: kase.arrestedRound,
    refused: kase.refused,
  };
}

/** A team's sharing on an incident concerns that team and the allies it shared with (as its timeline entries record). */
function sharingParties(state: ExerciseState, incident: string, team: string): string[] {
  const parties = new Set([team]);
  for (const entry of state.timeline) {
    if (entry.kind === 'intel' && entry.ref === incident && entry.team === team && typeof entry.audience === 'object') {
      for (const t of entry.audience.teams) parties.add(t);
    }
  }
  return [...parties];
}

function facilitatorView(scenario: Scenario, state: ExerciseState): NonNullable<ExerciseView['facilitator']> {
  const delivered = new Set(state.injects.delivered.map((d) => d.inject));
  const pending = scenario.injects.filter((i) => !delivered.has(i.id));
  return {
    upcomingInjects: pending.map((i) => ({
      id: i.id,
      title: i.title,
      round: i.round ?? null,
      conditional: !!i.when,
      held: state.injects.held.includes(i.id),
      audience: i.audience,
      notes: i.facilitatorNotes ?? null,
    })),
    releasableInjects: pending.map((i) => ({ id: i.id, title: i.title })),
    scheduledInjects: [...(state.injects.scheduled ?? [])]
      .sort((a, b) => a.round - b.round || (a.minute ?? 0) - (b.minute ?? 0))
      .map((s) => ({ id: s.id, title: s.inject.title, kind: s.inject.kind ?? 'news', source: s.inject.source ?? null, audience: s.inject.audience, round: s.round, minute: s.minute })),
    adversaryBriefing: scenario.adversary.briefing,
    redCellMove: state.redCellMove,
    adversaryMoves: movesOf(scenario, state),
    // Only in scenarios with further actors, so that other views keep their shape.
    ...(scenario.otherAdversaries?.length
      ? { otherAdversaries: othersOf(scenario, state).map(({ kind: _kind, chosen, ...rest }) => ({ ...rest, redCellMove: chosen })) }
      : {}),
    guide: {
      text: scenario.debrief.facilitatorGuide,
      rounds: scenario.rounds.map((r) => ({ title: r.title, discussionQuestions: r.discussionQuestions, watchFor: r.watchFor })),
    },
  };
}

function movesOf(scenario: Scenario, state: ExerciseState) {
  const eligible = new Set(eligibleMoves(scenario, state).map((m) => m.id));
  return scenario.adversary.moves.map((m) => ({ id: m.id, name: m.name, description: m.description, eligible: eligible.has(m.id) }));
}

function redCellView(scenario: Scenario, state: ExerciseState): NonNullable<ExerciseView['redCell']> {
  const others = scenario.otherAdversaries ?? [];
  return {
    briefing: scenario.adversary.briefing,
    moves: movesOf(scenario, state),
    chosen: state.redCellMove,
    // Only in scenarios with further actors, so that other views keep their shape.
    ...(others.length ? { others: othersOf(scenario, state) } : {}),
  };
}

/** Each further actor with its moves (eligible now or not) and the red cell's choice for it this round. */
function othersOf(scenario: Scenario, state: ExerciseState) {
  return (scenario.otherAdversaries ?? []).map((actor) => {
    const eligible = new Set(eligibleOtherMoves(scenario, state, actor).map((m) => m.id));
    return {
      id: actor.id,
      name: actor.name,
      kind: actor.kind,
      briefing: actor.briefing,
      moves: actor.moves.map((m) => ({ id: m.id, name: m.name, description: m.description, eligible: eligible.has(m.id) })),
      chosen: state.redCellOthers?.[actor.id],
    };
  });
}
