/**
 * What a viewer receives: the projection built by project() in ./project.ts.
 * Nothing outside this shape ever leaves the server.
 */
import type {
  ChatMessage,
  Clock,
  ConfidenceLevel,
  ExercisePhase,
  ExerciseState,
  InjectDelivery,
  JointProposal,
  ObserverNote,
  OtherActorRound,
  PlannedDecision,
  Posture,
  ProcedureOptions,
  ResolvedDecision,
  RoundResult,
  TeamId,
  TimelineEntry,
} from '../types';
import type { ObjectiveGrade, ReportCard } from '../grading/reportCard';
import type { Said } from '../messages/said';

export type Viewer =
  | { role: 'facilitator' }
  | { role: 'team'; team: TeamId }
  | { role: 'observer' }
  | { role: 'redCell' };

/**
 * A score as a view carries it: the figure, and the reference of its
 * explanation (components, rules and summary) when this viewer may read it.
 * The explanation itself is fetched on request (score:explain): it is most of
 * a resolved decision's bytes, and few seats open it.
 */
export interface ScoreView {
  value: number;
  /** Pass it to score:explain; null when this viewer may not read why (the red cell). A ref changes whenever what it explains to this viewer changes. */
  explanation: string | null;
}

export type DecisionView = Omit<ResolvedDecision, 'proportionality'> & {
  proportionality: ScoreView;
  /** The outcome as the engine's sentences (messages/said.ts); null when it is not wholly the engine's. */
  outcomeMessages: Said;
};

/** An objective's grade as a view carries it: the levels and figures; the text, the decisions and measures behind it come with the card's explanation. */
export type ObjectiveGradeView = Pick<ObjectiveGrade, 'objective' | 'graded' | 'score' | 'computed' | 'ratings' | 'evaluated' | 'level'>;

/** A report card as a view carries it: its figures, and the reference score:explain answers with the whole card. */
export interface ReportCardView extends Pick<ReportCard, 'team' | 'teamName' | 'decisions' | 'meanProportionality' | 'meanCohesion' | 'levelPoints'> {
  objectives: ObjectiveGradeView[];
  /** The whole card (summary, each objective's text, descriptor, why, decisions and measures): pass it to score:explain. It changes whenever the card does. */
  explanation: string;
}
/** A delivered inject as a view carries it; one the engine wrote (a report, intelligence of evasion) also as the engine's sentences. */
export type InjectView = InjectDelivery & {
  /** title as the engine's sentences, for an inject the engine wrote (inject null); null when it is not wholly the engine's. */
  titleMessages?: Said;
  /** body likewise. */
  bodyMessages?: Said;
};

/** A line of the timeline as a view carries it, with the line as the engine's sentences (null when it is not wholly the engine's). */
export type TimelineEntryView = TimelineEntry & { textMessages: Said };

export type RoundView = Omit<RoundResult, 'cohesion' | 'others'> & {
  cohesion: ScoreView;
  /** Further actors' rounds, each with postureWhy as the engine's sentences. */
  others?: (OtherActorRound & { postureWhyMessages: Said })[];
  /** postureWhy as the engine's sentences; null when it is not wholly the engine's (a facilitator's override). */
  postureWhyMessages: Said;
  /** Each of headlines as the engine's sentences, in order; null for one that is not wholly the engine's (an adversary move's news, in the scenario's words). */
  headlineMessages: Said[];
};

export interface ActionView {
  id: string;
  name: string;
  description: string;
  category: string;
  severity: number;
  rung: number;
  reversibility: number;
  minConfidence: 'none' | ConfidenceLevel;
  requiresStateAttribution: boolean;
  targetsIncident: boolean;
  spillover: string;
  responseType: string;
  legalBasis: string;
  precedent: string | null;
  cost: { capital: number; intel: number };
  joinable: boolean;
  procedures: string[];
  prerequisiteText: string | null;
  /** For a team viewer: can it be drafted now, and if not, why (per incident when it targets one). */
  availability?: ActionAvailability;
}

export interface ActionAvailability {
  /** Whether the action can be drafted now against at least one incident (or at all when it targets none). */
  available: boolean;
  /** The reason it cannot, in a sentence a player understands. */
  reason: string | null;
  /** The reason as the engine's sentences, for a client in another language; null when there is none or it is not wholly the engine's. */
  reasonMessages: Said;
  /** Per incident, for actions that target one. */
  byIncident: Record<string, { available: boolean; reason: string | null; reasonMessages: Said; proportionalityPreview: number | null }>;
  /** The proportionality score the action would get now with every offered procedure followed; null when unavailable. */
  proportionalityPreview: number | null;
}

export interface AttributionTeamView {
  /** unknown | detected | suspected | assessed | signalledPrivately | notInAPosition | attributedPublicly | retracted */
  stage: string;
  /** Only for the viewer's own team (and facilitator/observers): null when hidden or not yet assessed. */
  confidence: ConfidenceLevel | null;
  evidence: number | null;
  assessedResponsibility: string | null;
  /** ICD 203, kept apart from confidence: the state the government suspects and how likely it judges it responsible; null when hidden or not yet assessed. */
  likelihood: { suspect: string; band: string; words: string; range: string } | null;
  public: boolean;
}

export interface IncidentView {
  id: string;
  name: string;
  description: string;
  kind: string;
  active: boolean;
  harm: number;
  byTeam: Record<TeamId, AttributionTeamView>;
  coalition: { stage: string; sharedBy: TeamId[] };
  /** Ground truth: facilitator only. */
  truth?: { responsibility: string; legalCategory: string };
  /** The criminal case on the incident, once a step has been taken on it (scenarios with a prosecution section). */
  case?: CaseView;
  /** The protected targets it struck, in players' words (scenarios with a norms section): a violation of the norm. */
  protectedTargets?: string[];
  /**
   * Scenarios with further actors (otherAdversaries), for viewers who see who
   * is behind incidents (the facilitator, the red cell; everyone at the
   * debrief): the id of the adversary behind it (the primary adversary's or a
   * further actor's) and the governments it strikes (its injured, else every team).
   */
  actor?: string;
  strikes?: TeamId[];
}

/** The norms track (scenarios with a norms section): public to every seat. */
export interface NormsView {
  norm: string;
  text: string;
  /** unraised, raised, discussed, endorsed or reported (machines/norms.ts). */
  stage: string;
  /** The adversary's reputational cost of striking a protected target now, 0..1. */
  cost: number;
  stages: { id: string; cost: number }[];
  protected: { category: string; words: string; why: string }[];
  fora: { id: string; name: string; description: string }[];
  raised: { forum: string; forumName: string; team: TeamId; incident: string; round: number }[];
  endorsers: TeamId[];
  reports: { team: TeamId; incident: string; round: number }[];
  /** Rounds in which the adversary passed up a strike on a protected target for its cost. */
  heldBack: number[];
}

/** A criminal case: who investigates it jointly, who charged, the warrant, the arrest. */
export interface CaseView {
  /** investigating, charged, wanted, fugitive or arrested (machines/prosecution.ts). */
  stage: string;
  jit: TeamId[];
  /** Evidence points in the joint case file: only for viewers who see a member's evidence. */
  file: number | null;
  charged: TeamId[];
  warrant: TeamId | null;
  arrestedRound: number | null;
  /** The adversary refused to prosecute or extradite. */
  refused: boolean;
}

export interface SanctionsView {
  id: string;
  action: string;
  name: string;
  teams: TeamId[];
  incident: string | null;
  round: number;
  jurisdictions: string[];
  stage: string;
  challenge: string;
  options: ProcedureOptions;
  /**
   * The listed persons' side (scenario.sanctions.listedPersons): the round
   * they were notified, the rounds of observations not yet weighed, and the
   * latest review that weighed some (its reasons, `why`, only for the
   * governments that took the listing). Absent for other packages.
   */
  listed?: {
    notified: number;
    observations: number[];
    review?: { round: number; result: 'maintained' | 'delisted'; why?: string };
  };
}

/** An evasion channel as a viewer knows it (sanctions.evasion): a team sees the channels it knows of. */
export interface EvasionChannelView {
  id: string;
  name: string;
  /** shellCompanies, intermediary or digitalCurrency. */
  kind: string;
  description: string;
  /** dormant, open, narrowed or closed (machines/evasion.ts). */
  stage: string;
  /** 0..1: the share of the bite of the sanctions it routes around that leaks through it now. */
  leak: number;
  /** The round the adversary opened it, or null while dormant. */
  opened: number | null;
  /** Enforcement pressure that has bitten so far, and the thresholds at which it narrows and closes. */
  pressure: number;
  narrowAt: number;
  closeAt: number;
  exposed: { team: TeamId; share: number; basis: string }[];
  /** The steps of enforcement taken on it: by whom, when, whether they have bitten, and what a designation cost the exposed. */
  steps: { team: TeamId; step: string; round: number; counted: boolean; costs?: { team: TeamId; cost: number; consulted: boolean }[] }[];
}

/**
 * Actors beyond governments (scenarios with publicOpinion or platforms):
 * the publics the viewer may see (its own; every one for the facilitator and
 * observers, and at the debrief), the adversary's reach, and the platforms
 * with the requests the viewer may see (its own).
 */
export interface ActorsView {
  publics: { team: TeamId; name: string; trust: number; attention: number; pressure: number; why: string[] }[];
  reach: { incident: string; name: string; value: number }[];
  platforms: {
    id: string;
    name: string;
    kind: string;
    duties: { teams: TeamId[]; duty: string; requests: string[]; basis: string }[];
    requests: { id: string; team: TeamId; request: string; incident: string; round: number; stage: string }[];
  }[];
}

export interface TeamSummaryView {
  id: string;
  name: string;
  kind: string;
  capital: { name: string; lat: number; lon: number };
  colour: string;
  locked: boolean;
  /** Who holds the seat when people do not: a bot the server plays, or nobody (the team takes no part). Absent when people play it. */
  seat?: 'bot' | 'absent';
  draftCount: number;
  /** Own team, facilitator and observers only. */
  capitalLeft?: number;
  intelLeft?: number;
  plan?: PlannedDecision[];
}

/** A move the red cell may choose, and whether it fits the adversary's posture and phase now. */
export interface RedCellMoveView {
  id: string;
  name: string;
  description: string;
  eligible: boolean;
}

export interface OtherAdversaryView {
  id: string;
  name: string;
  kind: 'state' | 'criminal';
  posture: Posture;
  phase: string;
  phaseName: string;
}

export interface ExerciseView {
  viewer: Viewer;
  seq: number;
  scenario: {
    id: string;
    title: string;
    summary: string;
    learningObjectives: { id: string; text: string }[];
    rounds: { title: string; date: string | null; minutes: number }[];
    ladder: { level: number; label: string; description: string }[];
    adversaryName: string;
    phases: { id: string; name: string; fromRound: number }[];
    maxActionsPerRound: number;
    redCellAllowed: boolean;
  };
  phase: ExercisePhase;
  paused: boolean;
  /** After the end: whether the facilitator reopened the exercise (join codes seat people, chat runs). */
  reopened: boolean;
  round: number;
  clock: Clock;
  escalation: { level: number; label: string; band: string };
  adversary: { posture: Posture; phase: string; phaseName: string };
  /** Further actors (scenario.otherAdversaries): their public posture and phase, like the adversary's; empty in scenarios without them. */
  otherAdversaries: OtherAdversaryView[];
  deEscalation: string;
  teams: TeamSummaryView[];
  /** The viewer's own team, with its private briefing. */
  me: { team: TeamId; name: string; briefing: string; legalBases: string[]; legalConstraints: string[] } | null;
  actions: ActionView[];
  incidents: IncidentView[];
  sanctions: SanctionsView[];
  /** The norms track; null in scenarios without a norms section. */
  norms: NormsView | null;
  /** The evasion channels the viewer knows of (all of them for the facilitator and observers, and at the debrief); empty in scenarios without sanctions.evasion. */
  evasion: EvasionChannelView[];
  /** Publics, the adversary's reach and platforms; null in scenarios without them. */
  actors: ActorsView | null;
  indicators: { id: string; name: string; value: number; min: number; max: number; description: string }[];
  facts: { id: string; description: string; value: boolean }[];
  injects: InjectView[];
  /** Joint proposals; `open` while other teams may still answer (their round's deliberation). */
  proposals: (JointProposal & { open: boolean })[];
  decisions: DecisionView[];
  rounds: RoundView[];
  chat: ChatMessage[];
  notes: ObserverNote[];
  timeline: TimelineEntryView[];
  outcome: ExerciseState['outcome'];
  /** Facilitator only. */
  facilitator: {
    upcomingInjects: { id: string; title: string; round: number | null; conditional: boolean; held: boolean; audience: InjectDelivery['audience']; notes: string | null }[];
    releasableInjects: { id: string; title: string }[];
    /** The ad-hoc injects set to go out later (scheduleAdhocInject), soonest first. */
    scheduledInjects: { id: string; title: string; kind: string; source: string | null; audience: InjectDelivery['audience']; round: number; minute: number | null }[];
    adversaryBriefing: string;
    /** The red cell's choice this round: a move id, null to hold back, undefined when the model decides. */
    redCellMove?: string | null;
    /** The adversary's moves by name, and which fit its posture and phase now. */
    adversaryMoves: { id: string; name: string; description: string; eligible: boolean }[];
    /** Scenarios with further actors (otherAdversaries): each one's briefing, moves and the red cell's choice this round, as above. */
    otherAdversaries?: { id: string; name: string; briefing: string; redCellMove?: string | null; moves: RedCellMoveView[] }[];
    /** The facilitator's guide: timing and flow, and per round what to ask and what to watch for. */
    guide: { text: string; rounds: { title: string; discussionQuestions: string[]; watchFor: string[] }[] };
  } | null;
  /** Red cell only: the moves it may choose this round; `others`, in scenarios with further actors, the same for each of them. */
  redCell: {
    briefing: string;
    moves: RedCellMoveView[];
    chosen?: string | null;
    others?: { id: string; name: string; kind: 'state' | 'criminal'; briefing: string; moves: RedCellMoveView[]; chosen?: string | null }[];
  } | null;
  /** Report cards per team (docs/scoring.md): every team's for the facilitator and evaluators once a round has resolved, a team's own at the debrief. */
  reportCards: ReportCardView[];
  /** Everyone, once the exercise reaches the debrief. */
  debrief: {
    /** The scenario is set in no real past (meta.fictional): the notes are the precedents behind the fiction, not a record. */
    fictional: boolean;
    whatHappened: { round: number | null; text: string; sources: string[] }[];
    discussionQuestions: string[];
    sources: { id: string; citation: string; url: string | null }[];
    facilitatorGuide: string | null;
  } | null;
}
