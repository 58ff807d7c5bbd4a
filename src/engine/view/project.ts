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
import { bestCaseOptions, proportionalityOf } from '../scoring/decision';
import type { Action, Scenario } from '../scenario/schema';
import { checkDraft } from '../rules/decisions';
import {
  assessedResponsibility,
  likelihoodOf,
  attributionStage,
  campaignPhase,
  confidenceOfTeam,
  deEscalationStage,
  escalationLevel,
  evidenceOf,
  posture,
} from '../rules/readers';
import { indexOf, legalBasisName } from '../rules/scenarioIndex';
import { canSee, sees, seesChat, seesDecision, seesNote } from '../rules/visibility';
import { reportCardsOf } from '../grading/reportCard';
import type { ExerciseState, ResolvedDecision, Score } from '../types';
import type { ActionAvailability, ActionView, AttributionTeamView, ExerciseView, IncidentView, Viewer } from './types';
import { LIKELIHOOD_BANDS } from '../confidence';

/** Okabe-Ito: distinguishable with the common forms of colour blindness. */
export const TEAM_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

const BANDS = ['belowThreshold', 'hardening', 'beyondFirebreak'];

export function project(scenario: Scenario, state: ExerciseState, viewer: Viewer): ExerciseView {
  const index = indexOf(scenario);
  const facilitatorOnly = sees('facilitatorOnly', viewer, false);
  const debrief = state.phase === 'debrief';
  const ladder = scenario.escalation.ladder ?? DEFAULT_LADDER;
  const level = escalationLevel(state);
  const phaseId = campaignPhase(state);

  // The red cell sees what the coalition did, not what it attempted and dropped.
  const decisionVisible = (d: ResolvedDecision) =>
    (viewer.role !== 'redCell' || d.effective) && seesDecision(index.actions.get(d.action), d.team, viewer, debrief);

  const rationaleFor = (text: string, team: string) => (sees('rationale', viewer, debrief, team) ? text : '');

  return {
    viewer,
    seq: state.seq,
    scenario: {
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
    },
    phase: state.phase,
    paused: state.paused,
    reopened: !!state.reopened,
    round: state.round,
    clock: { ...state.clock },
    escalation: { level, label: ladder.find((r) => r.level === level)?.label ?? String(level), band: BANDS.find((b) => b === regionState(state.escalation)) ?? 'belowThreshold' },
    adversary: { posture: posture(state), phase: phaseId, phaseName: scenario.adversary.phases.find((p) => p.id === phaseId)?.name ?? phaseId },
    deEscalation: deEscalationStage(state),
    teams: scenario.teams.map((team, i) => {
      const teamState = state.teams[team.id]!;
      const mayDetail = sees('plan', viewer, debrief, team.id);
      return {
        id: team.id,
        name: team.name,
        kind: team.kind,
        capital: team.capital,
        colour: team.colour ?? TEAM_PALETTE[i % TEAM_PALETTE.length]!,
        locked: teamState.locked,
        draftCount: teamState.plan.length,
        ...(mayDetail ? { capitalLeft: teamState.capitalLeft, intelLeft: teamState.intelLeft, plan: teamState.plan.map((p) => ({ ...p })) } : {}),
      };
    }),
    me: meView(scenario, state, viewer),
    actions: actionsView(scenario, state, viewer),
    incidents: incidentsView(scenario, state, viewer),
    sanctions: Object.values(state.sanctions).map((p) => ({
      id: p.id,
      action: p.action,
      name: index.actions.get(p.action)?.name ?? p.action,
      teams: [...p.teams],
      incident: p.incident,
      round: p.round,
      jurisdictions: [...p.jurisdictions],
      stage: regionState(p.chart, 'status'),
      challenge: regionState(p.chart, 'challenge'),
      options: { ...p.options },
    })),
    indicators: scenario.indicators
      .filter((i) => i.visibleTo === 'all' || facilitatorOnly)
      .map((i) => ({ id: i.id, name: i.name, value: state.indicators[i.id] ?? i.initial, min: i.min, max: i.max, description: i.description })),
    facts: scenario.facts
      .filter((f) => f.visibleTo === 'all' || facilitatorOnly)
      .map((f) => ({ id: f.id, description: f.description, value: state.facts[f.id] ?? f.initial })),
    injects: state.injects.delivered.filter((d) => canSee(d.audience, viewer, debrief)).map((d) => ({ ...d })),
    proposals: proposalsView(state, viewer),
    decisions: state.decisions.filter(decisionVisible).map((d) => {
      const copy = { ...d, rationale: rationaleFor(d.rationale, d.team) };
      if (!sees('scoreReasons', viewer, debrief, d.team)) copy.proportionality = scoreOnly(d.proportionality, 'Proportionality');
      else if (!sees('confidenceReason', viewer, debrief, d.team)) copy.proportionality = withoutTheirIntelligence(d.proportionality);
      return copy;
    }),
    rounds: state.rounds.map((r) => {
      const copy = { ...r };
      copy.decisions = r.decisions.filter((id) => {
        const d = state.decisions.find((x) => x.id === id);
        return !!d && decisionVisible(d);
      });
      // A move without news is the adversary's secret.
      if (!facilitatorOnly) copy.adversaryMoves = r.adversaryMoves.filter((m) => m.news !== null);
      if (!sees('scoreReasons', viewer, debrief)) copy.cohesion = scoreOnly(r.cohesion, 'Cohesion');
      return copy;
    }),
    chat: state.chat.filter((m) => seesChat(m.channel, m.team, viewer, debrief)).map((m) => ({ ...m })),
    notes: state.notes.filter((n) => seesNote(n, viewer, debrief)).map((n) => ({ ...n })),
    // An entry about a team's own doing reaches that team even when addressed to others.
    timeline: state.timeline
      .filter((t) => canSee(t.audience, viewer, debrief) || (t.audience !== 'facilitator' && t.team !== undefined && sees('addressed', viewer, debrief, t.team)))
      .map((t) => ({ ...t })),
    outcome: state.outcome ? { ...state.outcome } : null,
    facilitator: viewer.role === 'facilitator' && facilitatorOnly ? facilitatorView(scenario, state) : null,
    redCell: viewer.role === 'redCell' && sees('adversary', viewer, debrief) ? redCellView(scenario, state) : null,
    // Cards once a round has resolved; their evaluators' ratings come from the notes this viewer may read.
    reportCards:
      state.rounds.length === 0 || !scenario.teams.some((t) => sees('reportCard', viewer, debrief, t.id))
        ? []
        : reportCardsOf(scenario, state, state.notes.filter((n) => seesNote(n, viewer, debrief))).filter((c) => sees('reportCard', viewer, debrief, c.team)),
    debrief: debrief
      ? {
          whatHappened: scenario.debrief.whatHappened.map((w) => ({ round: w.round ?? null, text: w.text, sources: w.sources })),
          discussionQuestions: scenario.debrief.discussionQuestions,
          sources: scenario.meta.sources.map((s) => ({ id: s.id, citation: s.citation, url: s.url ?? null })),
          facilitatorGuide: facilitatorOnly ? scenario.debrief.facilitatorGuide : null,
        }
      : null,
  };
}

/*
 * The parts of a view a bot decides on, each built once here for project()
 * and for the bots, which read only these and need not build a whole view.
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

/**
 * The red cell learns how a response or a round scored, not why: the reasons
 * name the coalition's confidence, votes, private work and evidence sharing.
 */
function scoreOnly(score: Score, label: string): Score {
  return { value: score.value, components: [], rules: [], summary: `${label} ${score.value}/100.` };
}

/**
 * An ally's score keeps its reasons, except the one that states that
 * government's own attribution confidence: its intelligence stays its own
 * until the debrief.
 */
function withoutTheirIntelligence(score: Score): Score {
  return {
    ...score,
    components: score.components.map((c) =>
      c.id === 'evidence' ? { ...c, why: 'Weighed against that government\'s own attribution confidence, which stays its own until the debrief.' } : c,
    ),
    summary: score.summary,
  };
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

export function availabilityOf(scenario: Scenario, state: ExerciseState, action: Action, team: string): ActionAvailability {
  const options = bestCaseOptions(action);
  const preview = (incident: string | null) => proportionalityOf(scenario, state, team, action, incident, options).score.value;
  if (!action.targetsIncident) {
    const problem = checkDraft(scenario, state, team, { action: action.id });
    return { available: !problem, reason: problem?.message ?? null, byIncident: {}, proportionalityPreview: problem ? null : preview(null) };
  }
  const byIncident: ActionAvailability['byIncident'] = {};
  for (const incident of scenario.incidents) {
    if (!state.incidents[incident.id]?.active) continue;
    const problem = checkDraft(scenario, state, team, { action: action.id, incident: incident.id });
    // A preview only where the action can be taken: it is what the player is about to be judged on.
    byIncident[incident.id] = { available: !problem, reason: problem?.message ?? null, proportionalityPreview: problem ? null : preview(incident.id) };
  }
  const entries = Object.values(byIncident);
  const firstOpen = entries.find((e) => e.available);
  return {
    available: !!firstOpen,
    reason: firstOpen ? null : (entries[0]?.reason ?? 'No incident has come to light yet.'),
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
    adversaryBriefing: scenario.adversary.briefing,
    redCellMove: state.redCellMove,
    adversaryMoves: movesOf(scenario, state),
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
  return { briefing: scenario.adversary.briefing, moves: movesOf(scenario, state), chosen: state.redCellMove };
}
