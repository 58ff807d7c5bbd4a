/**
 * The exercises a server runs, and everything that changes them: a thin
 * façade over the hub's parts, which share one HubContext.
 *
 *   recovery.ts   rebuild exercises from their logs (start-up, reload, scenario edit)
 *   exercises.ts  create, list and export exercises
 *   seats.ts      join codes, join, resume, bind sockets to seats
 *   commands.ts   the command path: check, apply, append, answer, broadcast
 *   votes.ts      team ready votes and the draft preview
 *   clock.ts      the round timer that sends clockExpired
 *   broadcast.ts  views and presence per viewer
 */
import type { Logger } from 'pino';
import type { CommandBody, DecisionDraft } from '../../engine/types';
import type {
  CommandAck,
  ErrorAnswer,
  DecisionPreviewAck,
  ScoreExplainAck,
  ExerciseCreateAck,
  ExerciseListAck,
  ExportAck,
  ClassGradesAck,
  SeatJoinAck,
  SeatResumeAck,
  ResearchClassAck,
  TeamReadyAck,
} from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import type { ShippedScenario } from '../scenarios';
import { ScenarioCache } from '../storage/rebuild';
import type { SeatRecord, Storage } from '../storage/types';
import { stopClocks } from './clock';
import { command, forwardedCommand } from './commands';
import {
  DEFAULT_HUB_LIMITS,
  type ExerciseChange,
  type FbServer,
  type ForwardedCommand,
  type ForwardedReady,
  type HubContext,
  type HubLimits,
  type NodeSeats,
  type Peers,
  type SeatSocket,
} from './context';
import { catchUpAll, follow, lostOwnership, remoteSeats, takeOver, exerciseById } from './peers';
import { classGradeSheet, create, exportLog, list, listScenarios, researchExport, type CreateInput } from './exercises';
import { recover, replaceScenario } from './recovery';
import { join, resume, resumeAnywhere, seatByCredential, seatOf, unbind, type BoundSeat } from './seats';
import { explain, forwardedReady, preview, ready } from './votes';

export {
  DEFAULT_HUB_LIMITS,
  fail,
  type ExerciseChange,
  type FbServer,
  type ForwardedCommand,
  type ForwardedReady,
  type HubLimits,
  type InterServerEvents,
  type NodeSeats,
  type Peers,
  type SeatSocket,
  type SocketData,
} from './context';

export class Hub {
  private readonly ctx: HubContext;

  constructor(storage: Storage, scenarios: Map<string, ShippedScenario>, logger: Logger, limits: HubLimits = DEFAULT_HUB_LIMITS) {
    this.ctx = {
      storage,
      scenarios,
      scenarioCache: new ScenarioCache(),
      logger,
      limits,
      exercises: new Map(),
      unrecoverable: [],
      codes: new Map(),
      seatsByHash: new Map(),
      io: null,
      peers: null,
      loading: new Map(),
      closing: false,
    };
    for (const shipped of scenarios.values()) this.ctx.scenarioCache.add(shipped.text, shipped.scenario);
  }

  get exercises(): Map<string, ExerciseRuntime> {
    return this.ctx.exercises;
  }

  /** Stored exercises that could not be rebuilt at all (not served). */
  get unrecoverable(): readonly string[] {
    return this.ctx.unrecoverable;
  }

  attach(io: FbServer): void {
    this.ctx.io = io;
  }

  /** Shares the exercises with other server processes (cluster/): from now on each has one owner. */
  attachPeers(peers: Peers): void {
    this.ctx.peers = peers;
  }

  /** A command another process forwarded: answered when this process owns the exercise, else null. */
  forwardedCommand(request: ForwardedCommand): Promise<CommandAck | null> {
    return forwardedCommand(this.ctx, request);
  }

  forwardedReady(request: ForwardedReady): Promise<TeamReadyAck | null> {
    return forwardedReady(this.ctx, request);
  }

  /** Another process created or changed an exercise. */
  follow(change: ExerciseChange): Promise<void> {
    return follow(this.ctx, change);
  }

  /** This process may have missed changes: read every followed exercise's log to its end. */
  catchUp(): Promise<void> {
    return catchUpAll(this.ctx);
  }

  /** Another process said which seats have a socket there. */
  remoteSeats(message: NodeSeats): Promise<void> {
    return remoteSeats(this.ctx, message);
  }

  /** This process took the leases of these exercises: catch each up from the log and run its clock. */
  async tookOver(exerciseIds: string[]): Promise<void> {
    for (const id of exerciseIds) {
      const ex = await exerciseById(this.ctx, id);
      if (ex) await takeOver(this.ctx, ex);
    }
  }

  /** This process no longer holds these exercises' leases. */
  lost(exerciseIds: string[]): void {
    for (const id of exerciseIds) {
      const ex = this.ctx.exercises.get(id);
      if (ex) lostOwnership(this.ctx, ex);
    }
  }

  /** The seats with a socket on this process, by exercise (repeated to the other processes now and then). */
  localSeats(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const ex of this.ctx.exercises.values()) {
      const seats = ex.localSeats();
      if (seats.length) out[ex.id] = seats;
    }
    return out;
  }

  /** Rebuilds every stored exercise from its latest snapshot and the tail of its log. */
  recover(): Promise<{ exercises: number; commands: number; degraded: string[] }> {
    return recover(this.ctx);
  }

  /** Rebuilds the exercises of an edited shipped scenario (watch mode). */
  replaceScenario(previousText: string, next: ShippedScenario): Promise<number> {
    return replaceScenario(this.ctx, previousText, next);
  }

  shippedScenarios(): Iterable<ShippedScenario> {
    return this.ctx.scenarios.values();
  }

  listScenarios() {
    return listScenarios(this.ctx);
  }

  create(input: CreateInput): Promise<ExerciseCreateAck> {
    return create(this.ctx, input);
  }

  /** The exercises run by any of these facilitator credentials. */
  list(credentials: string[]): ExerciseListAck {
    return list(this.ctx, credentials);
  }

  /** `admit` may refuse a seat in a known exercise (the per-exercise join limit). */
  join(socket: SeatSocket, code: string, name: string, admit?: (exerciseId: string) => Promise<ErrorAnswer | null>): Promise<SeatJoinAck> {
    return join(this.ctx, socket, code, name, admit);
  }

  resume(socket: SeatSocket, credential: string, lastSeq?: number): SeatResumeAck {
    return resume(this.ctx, socket, credential, lastSeq);
  }

  /** resume(), looking in storage for a seat that joined through another process. */
  resumeAnywhere(socket: SeatSocket, credential: string, lastSeq?: number): Promise<SeatResumeAck> {
    return resumeAnywhere(this.ctx, socket, credential, lastSeq);
  }

  /** Called when a socket disconnects or moves to another seat. */
  unbind(socket: SeatSocket): void {
    unbind(this.ctx, socket);
  }

  seatOf(socket: SeatSocket): BoundSeat | null {
    return seatOf(this.ctx, socket);
  }

  /** A seat from a credential (for HTTP downloads). */
  seatByCredential(credential: string): BoundSeat | null {
    return seatByCredential(this.ctx, credential);
  }

  /** A command from a seat. `reply` is called exactly once, before the resulting views are broadcast. */
  command(socket: SeatSocket, id: string, body: CommandBody, reply: (answer: CommandAck) => void): Promise<void> {
    return command(this.ctx, socket, id, body, reply);
  }

  preview(socket: SeatSocket, draft: DecisionDraft): DecisionPreviewAck {
    return preview(this.ctx, socket, draft);
  }

  /** The explanations behind scores the seat's view refers to. */
  explain(socket: SeatSocket, refs: string[]): ScoreExplainAck {
    return explain(this.ctx, socket, refs);
  }

  ready(socket: SeatSocket, isReady: boolean): Promise<TeamReadyAck> {
    return ready(this.ctx, socket, isReady);
  }

  export(ex: ExerciseRuntime, seat: SeatRecord, format: 'json' | 'csv' | 'grades'): Promise<ExportAck> {
    return exportLog(this.ctx, ex, seat, format);
  }

  /** The grade sheet across every exercise these facilitator credentials run. */
  classGrades(credentials: string[]): ClassGradesAck {
    return classGradeSheet(this.ctx, credentials);
  }

  /** The research export of every exercise these facilitator credentials run (src/server/research.ts). */
  research(credentials: string[], format: 'csv' | 'arrow'): ResearchClassAck {
    return researchExport(this.ctx, credentials, format);
  }

  /** Stops timers, lets queued commands finish, and refuses new work. */
  async close(): Promise<void> {
    this.ctx.closing = true;
    stopClocks(this.ctx);
    await Promise.all([...this.ctx.exercises.values()].map((ex) => ex.queue.drain().catch(() => {})));
    for (const ex of this.ctx.exercises.values()) ex.closed = true;
  }
}
