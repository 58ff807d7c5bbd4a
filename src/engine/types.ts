/**
 * Types of the exercise state, the commands that change it and the answers the
 * engine gives. Everything here is plain JSON so that it can be logged,
 * hashed, sent over the wire and replayed.
 */
import type { ConfidenceLevel, Posture, Procedure, Responsibility, LegalCategory } from './scenario/schema';

export type TeamId = string;

/** A persisted state chart: XState's state value plus its context. */
export interface ChartSnapshot {
  value: string | Record<string, unknown>;
  context: Record<string, unknown>;
  /** History states' remembered children (state node ids), only when a chart has recorded any. */
  history?: Record<string, string[]>;
}

/** Who sent a command. The server sets this from the seat credential, never from the payload. */
export type Actor =
  | { role: 'facilitator'; name?: string }
  | { role: 'team'; team: TeamId; name?: string }
  | { role: 'observer'; name?: string }
  | { role: 'redCell'; name?: string }
  | { role: 'system' };

export type ProcedureOptions = Partial<Record<Procedure, boolean>>;

export interface DecisionDraft {
  action: string;
  incident?: string;
  options?: ProcedureOptions;
  rationale?: string;
}

/** How an ad-hoc inject reaches the players: the look it takes in their feed. */
export type AdhocInjectKind = 'news' | 'intelligence' | 'diplomatic' | 'social' | 'call';

export interface AdhocInject {
  title: string;
  body: string;
  audience: 'all' | 'facilitator' | { teams: TeamId[] };
  /** News when absent. */
  kind?: AdhocInjectKind;
  /** Who it comes from, as the players read it: a newspaper, an agency, an embassy, an account, a caller. */
  source?: string;
}

/**
 * An ad-hoc inject the facilitator set to go out later: at the start of a
 * round (minute null), or at a minute of the current round, by the round
 * clock (it goes out when the clock shows the round's length less that minute
 * left, so a pause holds it). Only the facilitator sees it until it goes out.
 */
export interface ScheduledInject {
  id: string;
  inject: AdhocInject;
  round: number;
  minute: number | null;
  at: number;
}

/** Every command a person (or the server's clock) can send. */
export type CommandBody =
  // facilitator
  | { type: 'startExercise' }
  | { type: 'advance' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'adjustClock'; deltaMs: number }
  | { type: 'releaseInject'; inject: string }
  | { type: 'releaseAdhocInject'; inject: AdhocInject }
  | { type: 'scheduleAdhocInject'; inject: AdhocInject; round: number; minute?: number }
  | { type: 'holdInject'; inject: string }
  | { type: 'overrideScore'; decision: string; proportionality: number; reason: string }
  /** adversary: a further actor's id (scenario.otherAdversaries); the primary adversary when absent. (Not `actor`: that is who sent the command.) */
  | { type: 'overridePosture'; posture: Posture; reason: string; adversary?: string }
  | { type: 'overrideEscalation'; level: number; reason: string }
  | { type: 'announce'; text: string }
  | { type: 'endExercise'; reason: string }
  | { type: 'reopenExercise'; reason: string }
  | { type: 'seatBot'; team: TeamId; policy: string }
  | { type: 'dropTeam'; team: TeamId }
  | { type: 'reopenSeat'; team: TeamId }
  | { type: 'cancelScheduledInject'; inject: string }
  // the server's clock
  | { type: 'clockExpired'; round: number }
  | { type: 'releaseScheduledInject'; inject: string }
  // teams
  | { type: 'draftDecision'; draft: DecisionDraft }
  | { type: 'withdrawDecision'; decision: string }
  | { type: 'lockDecisions' }
  | { type: 'unlockDecisions' }
  | { type: 'proposeJoint'; draft: DecisionDraft }
  | { type: 'respondJoint'; proposal: string; join: boolean; rationale?: string }
  | { type: 'shareIntel'; incident: string; with: 'coalition' | TeamId[] }
  | { type: 'chat'; channel: 'team' | 'coalition'; text: string }
  // observers
  | { type: 'note'; text: string; objective?: string; rating?: Rating; round?: number; team?: TeamId }
  // red cell
  /** adversary: a further actor's id (scenario.otherAdversaries); the primary adversary when absent. */
  | { type: 'chooseAdversaryMove'; move: string | null; adversary?: string };

export type CommandType = CommandBody['type'];

/** A command as logged: the body plus who sent it, when, and an id for idempotency. */
export type Command = CommandBody & { id: string; actor: Actor; at: number };

/** HSEEP-style rating of how a capability was performed. */
export type Rating = 'P' | 'S' | 'M' | 'U';

export type RejectionCode =
  | 'NOT_ALLOWED'
  | 'WRONG_PHASE'
  | 'PAUSED'
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_INCIDENT'
  | 'UNKNOWN_INJECT'
  | 'UNKNOWN_TEAM'
  | 'UNKNOWN_PROPOSAL'
  | 'UNKNOWN_DECISION'
  | 'UNKNOWN_MOVE'
  | 'UNKNOWN_OBJECTIVE'
  | 'NOT_AVAILABLE'
  | 'INSUFFICIENT_CONFIDENCE'
  | 'NEEDS_STATE_ATTRIBUTION'
  | 'NO_JURISDICTION'
  | 'NO_LEGAL_BASIS'
  | 'PREREQUISITE_FAILED'
  | 'NOT_ENOUGH_CAPITAL'
  | 'NOT_ENOUGH_INTEL'
  | 'TOO_MANY_ACTIONS'
  | 'ALREADY_TAKEN'
  | 'ALREADY_LOCKED'
  | 'NOT_LOCKED'
  | 'INVALID_OPTION'
  | 'NEEDS_BETTER_REASONS'
  | 'INVALID_ARGUMENT'
  | 'STALE_CLOCK'
  | 'EXERCISE_OVER';

export interface Rejection {
  ok: false;
  code: RejectionCode;
  message: string;
}

export interface Acceptance {
  ok: true;
  state: ExerciseState;
}

export type CommandResult = Acceptance | Rejection;

// ---------------------------------------------------------------------------
// State

export type ExercisePhase = 'lobby' | 'briefing' | 'deliberation' | 'results' | 'debrief';

export interface Clock {
  /** Epoch ms at which the deliberation ends while running; null when stopped or paused. */
  deadline: number | null;
  /** Remaining ms while paused. */
  remainingMs: number | null;
}

export interface PlannedDecision {
  id: string;
  team: TeamId;
  action: string;
  incident: string | null;
  options: ProcedureOptions;
  rationale: string;
  /** Set when the decision was made by joining a coalition proposal. */
  proposal: string | null;
  at: number;
  by: string | null;
}

export interface TeamState {
  capitalLeft: number;
  intelLeft: number;
  plan: PlannedDecision[];
  locked: boolean;
  /** Incidents whose evidence this team put in the shared record (evidence itself lives in the attribution charts). */
  shared: string[];
  sourcesBurned: number;
  /**
   * Set before the start when nobody plays the team: the server plays it with
   * this bot policy (seatBot). Absent otherwise, so states that never use it
   * keep their hashes.
   */
  bot?: string;
  /** Set before the start when the team takes no part (dropTeam): never waited for, left out of cohesion. */
  absent?: true;
}

export interface JointProposal {
  id: string;
  round: number;
  by: TeamId;
  action: string;
  incident: string | null;
  options: ProcedureOptions;
  rationale: string;
  responses: Record<TeamId, { join: boolean; rationale: string }>;
}

export interface InjectDelivery {
  id: string;
  /** Scenario inject id, or null for an ad-hoc inject. */
  inject: string | null;
  round: number;
  title: string;
  body: string;
  kind: 'news' | 'intelligence' | 'diplomatic' | 'facilitator' | 'adversary' | 'social' | 'call';
  audience: 'all' | 'facilitator' | { teams: TeamId[] };
  at: number;
  /** Who it comes from, when the facilitator said (ad-hoc injects). */
  source?: string;
}

export interface ScoreComponent {
  id: string;
  label: string;
  /** 0..1 */
  value: number;
  weight: number;
  /** Contribution to the score on 0..100. */
  points: number;
  /** Points lost against a perfect component. */
  lost: number;
  why: string;
}

export interface ScoreRule {
  id: string;
  effect: string;
  why: string;
}

export interface Score {
  value: number;
  components: ScoreComponent[];
  rules: ScoreRule[];
  summary: string;
}

export interface ResolvedDecision {
  id: string;
  round: number;
  team: TeamId;
  action: string;
  incident: string | null;
  options: ProcedureOptions;
  rationale: string;
  joint: TeamId[];
  /** False when it fell through at resolution (conditions changed, or too few joined). */
  effective: boolean;
  outcome: string;
  proportionality: Score;
  legallyExposed: boolean;
  overridden: { value: number; reason: string } | null;
  at: number;
  /** The oversight body that held it back (rules/oversight.ts): it did not go ahead, but the government chose it, and it counts in the exercise's proportionality. */
  heldBy?: string;
}

export interface RoundResult {
  round: number;
  cohesion: Score;
  escalationBefore: number;
  escalationAfter: number;
  postureBefore: Posture;
  postureAfter: Posture;
  postureWhy: string;
  adversaryMoves: { move: string; name: string; news: string | null }[];
  decisions: string[];
  harm: number;
  headlines: string[];
  /** Every pair of governments: how alike their public postures were (0..1) and whether they acted jointly. */
  links: { a: TeamId; b: TeamId; alignment: number; joint: boolean }[];
  /** The further actors' reactions and moves (scenario.otherAdversaries); absent in scenarios without them. */
  others?: OtherActorRound[];
}

/** One further actor's round: its posture before and after its reaction, why, and its moves. */
export interface OtherActorRound {
  actor: string;
  postureBefore: Posture;
  postureAfter: Posture;
  postureWhy: string;
  moves: { move: string; name: string; news: string | null }[];
}

export interface ChatMessage {
  id: string;
  channel: 'team' | 'coalition' | 'announcement';
  team: TeamId | null;
  from: string;
  text: string;
  round: number;
  at: number;
}

export interface ObserverNote {
  id: string;
  /** Who wrote it: a facilitator's notes stay with the facilitator until the debrief. */
  role: 'facilitator' | 'observer';
  by: string;
  text: string;
  objective: string | null;
  rating: Rating | null;
  round: number;
  at: number;
  /** The team the note is about; absent when it is about the whole exercise (it then counts for every team's report card). */
  team?: TeamId;
}

export interface TimelineEntry {
  seq: number;
  round: number;
  at: number;
  kind:
    | 'phase'
    | 'inject'
    | 'decision'
    | 'resolution'
    | 'adversary'
    | 'control'
    | 'override'
    | 'attribution'
    | 'sanctions'
    | 'intel'
    | 'outcome';
  /** Who may see it: everyone, one team, or the facilitator only. */
  audience: 'all' | 'facilitator' | { teams: TeamId[] };
  text: string;
  team?: TeamId;
  ref?: string;
}

export interface SanctionsPackage {
  id: string;
  action: string;
  teams: TeamId[];
  incident: string | null;
  round: number;
  jurisdictions: string[];
  options: ProcedureOptions;
  /** 0..1: how well the listing's reasons are substantiated (the decision's evidence component); the court reads it. */
  substantiation?: number;
  /** The listed persons' side of a listing (scenario.sanctions.listedPersons); absent for other packages and in other scenarios. */
  listed?: ListedPersonsFile;
  chart: ChartSnapshot;
}

/** What the listed persons did and what the reviews made of it (rules: adjudicate/listedPersons.ts). */
export interface ListedPersonsFile {
  /** The round the listed were notified of the listing and its grounds (its entry into force). */
  notified: number;
  /** Whether a case file or an independent finding backed the reasons when the listing was adopted. */
  caseFile: boolean;
  /** Rounds in which the listed submitted observations that no review has weighed yet. */
  observations: number[];
  /** The latest review that weighed observations: its round, what it decided and why. */
  review?: { round: number; result: 'maintained' | 'delisted'; why: string };
}

/** One way around the sanctions and the enforcement against it (rules: adjudicate/evasionTurn.ts). */
export interface EvasionChannelState {
  id: string;
  /** The round the adversary opened it, or null while it is dormant. */
  opened: number | null;
  /** The governments that know of it: the exposed when it opens, everyone once it is designated or shared. */
  known: TeamId[];
  /** The steps of enforcement taken on it, in order; `counted` once its pressure has bitten. */
  steps: EnforcementStep[];
  /** dormant, open, narrowed or closed; its context holds the pressure that has bitten. */
  chart: ChartSnapshot;
}

/** A step of enforcement against one evasion channel. */
export interface EnforcementStep {
  team: TeamId;
  step: 'screen' | 'designate' | 'shareInformation';
  round: number;
  /** The pressure it adds to the channel when it bites (sanctions.evasion.lagRounds after it was taken). */
  pressure: number;
  counted: boolean;
  /** For a designation: what it cost each exposed government, and whether that government was consulted. */
  costs?: { team: TeamId; cost: number; consulted: boolean }[];
}

/** A request to a verification body to examine an attribution (machines/verification.ts). */
export interface VerificationRequest {
  id: string;
  body: string;
  incident: string;
  /** The government that made the referral. */
  team: TeamId;
  round: number;
  /** The state the referring government blamed when it referred: the adversary, or the decoy of a false flag it follows. */
  claim: string;
  chart: ChartSnapshot;
}

/** The criminal case on one incident (machines/prosecution.ts, caseMachine). */
export interface ProsecutionCase {
  incident: string;
  /** The round the case was opened. */
  round: number;
  /** The joint investigation team, in order of joining: its members pool their evidence in one case file. */
  jit: TeamId[];
  /** Evidence points in the joint case file: the best of the members' evidence, and what assistance and arrests brought. */
  file: number;
  /** Governments that indicted on the incident, in order. */
  charged: TeamId[];
  /** The government whose court issued the arrest warrant, if one did. */
  warrant: TeamId | null;
  /** The round of the arrest, if the indicted were arrested. */
  arrestedRound: number | null;
  /** Whether the adversary refused a demand to prosecute or extradite (safe harbour denied to it). */
  refused: boolean;
  chart: ChartSnapshot;
}

/** A request for mutual legal assistance (machines/prosecution.ts, mlaMachine). */
export interface MlaRequest {
  id: string;
  incident: string;
  /** The requesting government. */
  team: TeamId;
  /** The requested state's id (prosecution.mla.states). */
  to: string;
  round: number;
  chart: ChartSnapshot;
}

/** The norms-building track (machines/norms.ts); present only in scenarios with a norms section. */
export interface NormsTrack {
  /** The fora the violation was raised in, in order, with the government that raised it and the round. */
  raised: { forum: string; team: TeamId; incident: string; round: number }[];
  /** Governments that endorsed the norm, in order. */
  endorsers: TeamId[];
  /** Transparent reports on violations, naming the norm. */
  reports: { team: TeamId; incident: string; round: number }[];
  /** Rounds in which the adversary passed up a strike on a protected target for its reputational cost. */
  heldBack: number[];
  chart: ChartSnapshot;
}

/** A government's public (scenario.publicOpinion): adjudicate/opinionTurn.ts. */
export interface PublicState {
  /** Trust in the government's account, 0-100. */
  trust: number;
  /** How much of the public's attention the government's account held in the round last resolved, 0-100. */
  attention: number;
  /** Why trust and attention moved in the round last resolved, one sentence each. */
  why: string[];
}

/** A public attribution a government made, kept to see whether evidence later contradicts it. */
export interface PublicClaim {
  team: TeamId;
  incident: string;
  round: number;
  /** Made while the government followed a false flag. */
  decoy: boolean;
  contradicted: boolean;
}

/** Media and public opinion; present only in scenarios with a publicOpinion section. */
export interface OpinionState {
  publics: Record<TeamId, PublicState>;
  claims: PublicClaim[];
  /** The adversary's information operations: reach 0-100 per incident (publicOpinion.influence), and what platforms cut from it. */
  reach: Record<string, number>;
  narrowed: Record<string, number>;
}

/** A government's request to a platform or vendor (machines/platforms.ts). */
export interface PlatformRequest {
  id: string;
  platform: string;
  request: 'takedown' | 'disclosure' | 'preservation';
  incident: string;
  team: TeamId;
  round: number;
  chart: ChartSnapshot;
}

export interface ExerciseState {
  formatVersion: 1;
  scenario: string;
  seed: string;
  /** Generator state (alea); never leaves the server. */
  rng: { c: number; s0: number; s1: number; s2: number };
  seq: number;
  phase: ExercisePhase;
  paused: boolean;
  round: number;
  clock: Clock;
  flow: ChartSnapshot;
  escalation: ChartSnapshot;
  adversary: ChartSnapshot;
  /** The charts of further actors (scenario.otherAdversaries) by id; present only in scenarios with some (so that other states keep their hashes). */
  otherAdversaries?: Record<string, ChartSnapshot>;
  deEscalation: ChartSnapshot;
  attribution: Record<string, { national: Record<TeamId, ChartSnapshot>; coalition: ChartSnapshot }>;
  sanctions: Record<string, SanctionsPackage>;
  teams: Record<TeamId, TeamState>;
  incidents: Record<string, { active: boolean; harm: number }>;
  indicators: Record<string, number>;
  facts: Record<string, boolean>;
  /** scheduled: the facilitator's ad-hoc injects still to go out; absent until one is scheduled (so that other states keep their hashes). */
  injects: { delivered: InjectDelivery[]; held: string[]; queued: string[]; scheduled?: ScheduledInject[] };
  proposals: Record<string, JointProposal>;
  decisions: ResolvedDecision[];
  rounds: RoundResult[];
  chat: ChatMessage[];
  notes: ObserverNote[];
  timeline: TimelineEntry[];
  redCellMove: string | null | undefined;
  /** The red cell's choices this round for further actors (scenario.otherAdversaries), by actor id: a move id or null to hold back; absent until it chooses for one (so that other states keep their hashes). */
  redCellOthers?: Record<string, string | null>;
  /**
   * Set when the facilitator reopened the exercise after its end: join codes
   * seat people and chat runs again. Absent otherwise (so that the states,
   * and the hashes, of exercises that never use it are unchanged).
   */
  reopened?: true;
  /** Requests to verification bodies; present only in scenarios with verification bodies. */
  verifications?: Record<string, VerificationRequest>;
  /** The dispute-settlement chart; present only in scenarios with institutions.disputeSettlement. */
  dispute?: ChartSnapshot;
  /** The criminal case on each incident a step was taken on; present only in scenarios with a prosecution section. */
  cases?: Record<string, ProsecutionCase>;
  /** Requests for mutual legal assistance; present only in scenarios with a prosecution section. */
  mla?: Record<string, MlaRequest>;
  /** The norms-building track; present only in scenarios with a norms section. */
  norms?: NormsTrack;
  /** The evasion channels by id (machines/evasion.ts); present only in scenarios with sanctions.evasion. */
  evasion?: Record<string, EvasionChannelState>;
  /** Publics and the adversary's reach; present only in scenarios with a publicOpinion section. */
  opinion?: OpinionState;
  /** Requests to platforms and vendors; present only in scenarios with a platforms section. */
  platformRequests?: Record<string, PlatformRequest>;
  /** Hidden adversary internals: never projected to any client. */
  hidden: {
    undiscoveredAccess: boolean;
    quietRounds: number;
    /** Per further actor: rounds in a row without a public response to its incidents; present only in scenarios with otherAdversaries. */
    otherQuietRounds?: Record<string, number>;
  };
  outcome: { id: string; outcome: 'success' | 'failure' | 'neutral'; summary: string; round: number } | null;
  counters: { id: number };
}

export type { ConfidenceLevel, Posture, Responsibility, LegalCategory };
