/**
 * The exercises a server runs, and everything that changes them.
 *
 * Every command follows one path, whoever sends it (a seat or the server's
 * clock): check the seat may send it -> applyCommand -> if accepted, append
 * to storage (durable) -> answer -> broadcast each seat's projection. The
 * path runs inside the exercise's serial queue, so sequence numbers never
 * race, and nothing is answered before the append commits.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import {
  applyCommand,
  createExercise,
  formatProblem,
  loadScenarioText,
  previewDecision,
  project,
  replay,
  stateHash,
  type Scenario,
} from '../engine';
import type { Actor, Command, CommandBody, DecisionDraft, TeamId } from '../engine/types';
import type { ExerciseView } from '../engine/view/types';
import type {
  ClientToServerEvents,
  CommandAck,
  DecisionPreviewAck,
  ErrorAnswer,
  ErrorCode,
  ExerciseCreateAck,
  ExerciseListAck,
  ExerciseSummary,
  ExportAck,
  JoinCodes,
  Presence,
  PresenceSeat,
  SeatInfo,
  SeatJoinAck,
  SeatResumeAck,
  ServerToClientEvents,
  TeamReadyAck,
} from '../protocol/events';
import { ExerciseRuntime } from './exercise';
import { buildCsvExport, buildJsonExport, type ExportRole } from './export';
import { actorOf, refusal, viewerFromKey, viewerKey } from './roles';
import type { ShippedScenario } from './scenarios';
import { hashCredential, newCredential, newJoinCode, newPublicId, newSeed } from './secrets';
import { ConflictError, DuplicateError, type ExerciseMeta, type SeatRecord, type Storage } from './storage/types';

export interface SocketData {
  seat: { exerciseId: string; seatId: string } | null;
  ip: string;
}

export type FbServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The part of a socket the hub needs (socket.io's Socket satisfies it). */
export interface SeatSocket {
  id: string;
  data: SocketData;
  join(room: string): unknown;
  leave(room: string): unknown;
}

export interface HubLimits {
  /** Most seats (players, observers, ...) per exercise. */
  maxSeatsPerExercise: number;
  /** Most commands waiting in one exercise's queue before answering BUSY. */
  maxQueuePerExercise: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxSeatsPerExercise: 200, maxQueuePerExercise: 500 };

const MAX_TIMER_MS = 2 ** 31 - 1;
/** The log carries a state hash at least every this many commands. */
export const HASH_EVERY = 16;

export function fail(code: ErrorCode, message: string, extra: Partial<ErrorAnswer> = {}): ErrorAnswer {
  return { ok: false, code, message, ...extra };
}

interface Outcome {
  answer: CommandAck;
  accepted: boolean;
}

export class Hub {
  readonly exercises = new Map<string, ExerciseRuntime>();
  /** Stored exercises that could not be rebuilt at all (not served). */
  readonly unrecoverable: string[] = [];
  private readonly codes = new Map<string, { exerciseId: string; role: 'team' | 'observer' | 'redCell'; team: TeamId | null }>();
  private readonly seatsByHash = new Map<string, SeatRecord>();
  private io: FbServer | null = null;
  private closing = false;

  constructor(
    private readonly storage: Storage,
    private readonly scenarios: Map<string, ShippedScenario>,
    private readonly logger: Logger,
    private readonly limits: HubLimits = DEFAULT_HUB_LIMITS,
  ) {}

  attach(io: FbServer): void {
    this.io = io;
  }

  // -------------------------------------------------------------------------
  // Recovery

  /** Rebuilds every stored exercise by replaying its log through the engine. */
  async recover(): Promise<{ exercises: number; commands: number; degraded: string[] }> {
    const metas = await this.storage.list();
    let commands = 0;
    const degraded: string[] = [];
    for (const meta of metas) {
      const log = this.logger.child({ exerciseId: meta.id });
      try {
        const ex = await this.load(meta, log);
        if (!ex) {
          this.unrecoverable.push(meta.id);
          degraded.push(meta.id);
          continue;
        }
        commands += ex.lastSeq;
        if (ex.degraded) degraded.push(ex.id);
      } catch (err) {
        log.error({ err }, 'RECOVERY FAILED: exercise could not be rebuilt and is not served');
        this.unrecoverable.push(meta.id);
        degraded.push(meta.id);
      }
    }
    return { exercises: this.exercises.size, commands, degraded };
  }

  private async load(meta: ExerciseMeta, log: Logger): Promise<ExerciseRuntime | null> {
    const loaded = loadScenarioText(meta.scenarioText, `${meta.scenarioId}.json`);
    if (!loaded.ok) {
      log.error(
        { problems: loaded.problems.map(formatProblem) },
        'RECOVERY FAILED: the stored scenario no longer loads; exercise not served',
      );
      return null;
    }
    const scenario = loaded.scenario;
    const initial = createExercise(scenario, meta.seed);
    const records = await this.storage.read(meta.id, 1);
    const ex = new ExerciseRuntime(meta, scenario, initial, 0, meta.createdAt);
    let state = initial;
    // Before an author's edit (watch mode) the log followed another text: refusals and other hashes are expected there.
    const editedAt = meta.scenarioEditedAtSeq ?? 0;
    for (const record of records) {
      const result = applyCommand(scenario, state, record.command);
      if (!result.ok && record.seq <= editedAt) {
        // Skipped, as it was when the edit was applied live.
      } else if (!result.ok) {
        ex.degraded = true;
        log.error(
          { seq: record.seq, commandId: record.command.id, type: record.command.type, code: result.code, message: result.message },
          'REPLAY MISMATCH: a logged command was rejected on replay; it is skipped',
        );
      } else {
        state = result.state;
        const hash = record.stateHash === null || record.seq <= editedAt ? record.stateHash : stateHash(state);
        if (hash !== record.stateHash) {
          ex.degraded = true;
          log.error(
            { seq: record.seq, commandId: record.command.id, logged: record.stateHash, replayed: hash },
            'REPLAY MISMATCH: replay reached a different state hash than the one logged',
          );
        }
      }
      ex.accepted.set(record.command.id, { seq: record.seq, seatId: record.seatId });
      ex.lastSeq = record.seq;
      ex.lastAt = Math.max(ex.lastAt, record.command.at);
    }
    ex.state = state;
    ex.lastHashedSeq = records.length ? Math.max(0, ...records.filter((r) => r.stateHash !== null).map((r) => r.seq)) : 0;
    for (const seat of await this.storage.seats(meta.id)) {
      ex.addSeat(seat);
      this.seatsByHash.set(seat.credentialHash, seat);
    }
    this.indexCodes(meta);
    this.exercises.set(meta.id, ex);
    this.armClock(ex);
    log.info({ commands: records.length, phase: state.phase, round: state.round, degraded: ex.degraded }, 'exercise recovered');
    return ex;
  }

  private indexCodes(meta: ExerciseMeta): void {
    for (const [team, code] of Object.entries(meta.codes.teams)) this.codes.set(code, { exerciseId: meta.id, role: 'team', team });
    this.codes.set(meta.codes.observer, { exerciseId: meta.id, role: 'observer', team: null });
    if (meta.codes.redCell) this.codes.set(meta.codes.redCell, { exerciseId: meta.id, role: 'redCell', team: null });
  }

  // -------------------------------------------------------------------------
  // Watch mode: an author edits a shipped scenario

  /**
   * Rebuilds every exercise created from `previousText` under the edited
   * scenario: its log is replayed with the new rules (commands they refuse are
   * skipped), the new text is stored as of the current seq, and every viewer
   * receives the rebuilt view. Returns how many exercises were rebuilt.
   */
  async replaceScenario(previousText: string, next: ShippedScenario): Promise<number> {
    for (const [id, shipped] of this.scenarios) if (shipped.text === previousText) this.scenarios.delete(id);
    this.scenarios.set(next.scenario.id, next);
    const affected = [...this.exercises.values()].filter((ex) => ex.meta.scenarioText === previousText);
    for (const ex of affected) {
      await this.serial(ex, async () => {
        const records = await this.storage.read(ex.id, 1);
        const { state, results } = replay(next.scenario, ex.meta.seed, records.map((r) => r.command));
        const skipped = results.filter((r) => !r.ok).length;
        await this.storage.updateScenarioText(ex.id, next.text, ex.lastSeq);
        ex.meta = { ...ex.meta, scenarioText: next.text, scenarioEditedAtSeq: ex.lastSeq };
        ex.scenario = next.scenario;
        ex.state = state;
        ex.dirty = true;
        this.armClock(ex);
        this.logger.info({ exerciseId: ex.id, scenario: next.scenario.id, skipped }, 'scenario edited: exercise rebuilt from its log');
      });
    }
    return affected.length;
  }

  // -------------------------------------------------------------------------
  // Creating and listing exercises

  shippedScenarios(): Iterable<ShippedScenario> {
    return this.scenarios.values();
  }

  /** Tutorials first (where a newcomer starts), then the shortest exercises, then by title. */
  listScenarios() {
    const isTutorial = (s: ShippedScenario) => (s.scenario.meta.tags.includes('tutorial') ? 0 : 1);
    return [...this.scenarios.values()]
      .sort((a, b) => isTutorial(a) - isTutorial(b) || a.summary.rounds - b.summary.rounds || a.summary.title.localeCompare(b.summary.title))
      .map((s) => s.summary);
  }

  async create(input: {
    scenarioId?: string;
    scenarioText?: string;
    fileName?: string;
    seed?: string;
    title?: string;
    facilitatorName?: string;
  }): Promise<ExerciseCreateAck> {
    if (this.closing) return fail('UNAVAILABLE', 'The server is shutting down; try again in a moment.');
    let scenario: Scenario;
    let text: string;
    let warnings: string[] = [];
    if (input.scenarioId !== undefined) {
      const shipped = this.scenarios.get(input.scenarioId);
      if (!shipped) return fail('UNKNOWN_SCENARIO', `There is no shipped scenario "${input.scenarioId}".`);
      scenario = shipped.scenario;
      text = shipped.text;
    } else {
      text = input.scenarioText ?? '';
      const loaded = loadScenarioText(text, input.fileName ?? 'upload.json');
      if (!loaded.ok) {
        const problems = loaded.problems.map(formatProblem);
        return fail('INVALID_SCENARIO', `The scenario has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, {
          problems: problems.slice(0, 200),
        });
      }
      scenario = loaded.scenario;
      warnings = loaded.warnings.map(formatProblem);
    }
    const seed = input.seed ?? newSeed();
    const initial = createExercise(scenario, seed);
    const credential = newCredential();
    const now = Date.now();

    for (let attempt = 0; ; attempt++) {
      const id = newPublicId();
      const codes = this.newCodes(scenario);
      const meta: ExerciseMeta = {
        id,
        title: input.title ?? scenario.meta.title,
        scenarioId: scenario.id,
        scenarioText: text,
        seed,
        createdAt: now,
        codes,
        scenarioEditedAtSeq: null,
      };
      const facilitator: Omit<SeatRecord, 'ordinal'> = {
        seatId: newPublicId(),
        exerciseId: id,
        role: 'facilitator',
        team: null,
        name: input.facilitatorName ?? 'Facilitator',
        credentialHash: hashCredential(credential),
        joinedAt: now,
      };
      try {
        await this.storage.createExercise(meta, facilitator);
      } catch (err) {
        if (err instanceof DuplicateError && attempt < 5) continue;
        throw err;
      }
      const ex = new ExerciseRuntime(meta, scenario, initial, 0, now);
      const seat: SeatRecord = { ...facilitator, ordinal: 1 };
      ex.addSeat(seat);
      this.seatsByHash.set(seat.credentialHash, seat);
      this.indexCodes(meta);
      this.exercises.set(id, ex);
      this.logger.info({ exerciseId: id, scenario: scenario.id, teams: scenario.teams.length }, 'exercise created');
      return {
        ok: true,
        exerciseId: id,
        facilitatorCredential: credential,
        codes,
        links: this.links(id, codes),
        warnings,
      };
    }
  }

  private newCodes(scenario: Scenario): JoinCodes {
    const used = new Set<string>();
    const fresh = () => {
      for (;;) {
        const code = newJoinCode();
        if (!used.has(code) && !this.codes.has(code)) {
          used.add(code);
          return code;
        }
      }
    };
    const teams: Record<string, string> = {};
    for (const team of scenario.teams) teams[team.id] = fresh();
    return {
      teams,
      observer: fresh(),
      ...(scenario.adversary.redCellAllowed ? { redCell: fresh() } : {}),
    };
  }

  private links(id: string, codes: JoinCodes) {
    const join = (code: string) => `/join/${code}`;
    return {
      facilitator: `/facilitate/${id}`,
      teams: Object.fromEntries(Object.entries(codes.teams).map(([t, c]) => [t, join(c)])),
      observer: join(codes.observer),
      ...(codes.redCell ? { redCell: join(codes.redCell) } : {}),
      exportJson: `/api/exercises/${id}/export.json`,
      exportCsv: `/api/exercises/${id}/export.csv`,
    };
  }

  /** The exercises run by any of these facilitator credentials. */
  list(credentials: string[]): ExerciseListAck {
    const exercises: ExerciseSummary[] = [];
    const seen = new Set<string>();
    let unknown = 0;
    for (const credential of credentials) {
      const seat = this.seatsByHash.get(hashCredential(credential));
      const ex = seat ? this.exercises.get(seat.exerciseId) : undefined;
      if (!seat || seat.role !== 'facilitator' || !ex) {
        unknown++;
        continue;
      }
      if (seen.has(ex.id)) continue;
      seen.add(ex.id);
      exercises.push(this.summary(ex));
    }
    exercises.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { ok: true, exercises, unknown };
  }

  private summary(ex: ExerciseRuntime): ExerciseSummary {
    return {
      exerciseId: ex.id,
      title: ex.meta.title,
      scenarioId: ex.scenario.id,
      scenarioTitle: ex.scenario.meta.title,
      createdAt: new Date(ex.meta.createdAt).toISOString(),
      phase: ex.state.phase,
      round: ex.state.round,
      rounds: ex.scenario.rounds.length,
      paused: ex.state.paused,
      seq: ex.lastSeq,
      outcome: ex.state.outcome?.outcome ?? null,
      seats: { total: ex.seats.size, connected: ex.connectedCount() },
      codes: ex.meta.codes,
    };
  }

  // -------------------------------------------------------------------------
  // Seats

  /** `admit` may refuse a seat in a known exercise (the per-exercise join limit). */
  async join(socket: SeatSocket, code: string, name: string, admit?: (exerciseId: string) => Promise<ErrorAnswer | null>): Promise<SeatJoinAck> {
    if (this.closing) return fail('UNAVAILABLE', 'The server is shutting down; try again in a moment.');
    const entry = this.codes.get(code);
    const ex = entry ? this.exercises.get(entry.exerciseId) : undefined;
    if (!entry || !ex) return fail('UNKNOWN_CODE', `No exercise has the join code "${code}". Check it with your facilitator.`);
    const refused = await admit?.(ex.id);
    if (refused) return refused;
    if (ex.seats.size >= this.limits.maxSeatsPerExercise) {
      return fail('SEATS_FULL', 'This exercise has no free seats left.');
    }
    const credential = newCredential();
    const seat = await this.storage.addSeat({
      seatId: newPublicId(),
      exerciseId: ex.id,
      role: entry.role,
      team: entry.team,
      name,
      credentialHash: hashCredential(credential),
      joinedAt: Date.now(),
    });
    ex.addSeat(seat);
    this.seatsByHash.set(seat.credentialHash, seat);
    this.logger.info({ exerciseId: ex.id, seatId: seat.seatId, role: seat.role, team: seat.team }, 'seat joined');
    const view = this.bind(socket, ex, seat);
    return { ok: true, credential, seat: this.seatInfo(ex, seat), view, serverNow: Date.now() };
  }

  resume(socket: SeatSocket, credential: string, lastSeq?: number): SeatResumeAck {
    if (this.closing) return fail('UNAVAILABLE', 'The server is shutting down; try again in a moment.');
    const seat = this.seatsByHash.get(hashCredential(credential));
    const ex = seat ? this.exercises.get(seat.exerciseId) : undefined;
    if (!seat || !ex) return fail('INVALID_CREDENTIAL', 'This seat is not known here. Join again with a code.');
    const view = this.bind(socket, ex, seat);
    this.logger.debug({ exerciseId: ex.id, seatId: seat.seatId, lastSeq, seq: ex.lastSeq }, 'seat resumed');
    return { ok: true, seat: this.seatInfo(ex, seat), view, serverNow: Date.now() };
  }

  private seatInfo(ex: ExerciseRuntime, seat: SeatRecord): SeatInfo {
    return {
      seatId: seat.seatId,
      exerciseId: ex.id,
      role: seat.role,
      team: seat.team,
      name: seat.name,
      lead: ex.isLead(seat),
    };
  }

  /** Binds a socket to a seat (leaving any previous one), and returns the seat's current view. */
  private bind(socket: SeatSocket, ex: ExerciseRuntime, seat: SeatRecord): ExerciseView {
    const previous = socket.data.seat;
    if (previous && (previous.exerciseId !== ex.id || previous.seatId !== seat.seatId)) this.unbind(socket);
    socket.data.seat = { exerciseId: ex.id, seatId: seat.seatId };
    socket.join(this.room(ex.id, viewerKey(seat)));
    ex.connect(seat.seatId, socket.id);
    const view = this.viewFor(ex, viewerKey(seat));
    this.broadcastPresence(ex);
    return view;
  }

  /** Called when a socket disconnects or moves to another seat. */
  unbind(socket: SeatSocket): void {
    const binding = socket.data.seat;
    if (!binding) return;
    socket.data.seat = null;
    const ex = this.exercises.get(binding.exerciseId);
    const seat = ex?.seats.get(binding.seatId);
    if (!ex || !seat) return;
    socket.leave(this.room(ex.id, viewerKey(seat)));
    ex.disconnect(seat.seatId, socket.id);
    this.broadcastPresence(ex);
    // A member leaving may complete a ready vote of the remaining members.
    if (seat.role === 'team' && seat.team && !ex.isConnected(seat.seatId) && !this.closing) {
      const team = seat.team;
      void this.serial(ex, () => this.checkVotes(ex, team)).catch((err) => this.logger.error({ err }, 'vote check failed'));
    }
  }

  seatOf(socket: SeatSocket): { ex: ExerciseRuntime; seat: SeatRecord } | null {
    const binding = socket.data.seat;
    if (!binding) return null;
    const ex = this.exercises.get(binding.exerciseId);
    const seat = ex?.seats.get(binding.seatId);
    return ex && seat ? { ex, seat } : null;
  }

  /** A seat from a credential (for HTTP downloads). */
  seatByCredential(credential: string): { ex: ExerciseRuntime; seat: SeatRecord } | null {
    const seat = this.seatsByHash.get(hashCredential(credential));
    const ex = seat ? this.exercises.get(seat.exerciseId) : undefined;
    return seat && ex ? { ex, seat } : null;
  }

  // -------------------------------------------------------------------------
  // Commands

  /**
   * A command from a seat. `reply` is called exactly once, before the
   * resulting views are broadcast.
   */
  async command(socket: SeatSocket, id: string, body: CommandBody, reply: (answer: CommandAck) => void): Promise<void> {
    const bound = this.seatOf(socket);
    if (!bound) {
      reply(fail('NOT_JOINED', 'Join the exercise with a code (seat:join) or resume your seat (seat:resume) first.'));
      return;
    }
    const { ex, seat } = bound;
    const why = refusal(seat.role, body.type);
    if (why) {
      reply(fail('NOT_ALLOWED', why));
      return;
    }
    if (body.type === 'lockDecisions' && !ex.isLead(seat)) {
      const lead = seat.team ? ex.leadOf(seat.team) : null;
      reply(
        fail(
          'NOT_LEAD',
          `Only the team lead${lead ? ` (${lead.name})` : ''} can lock the team's decisions alone. ` +
            'Vote with team:ready instead: the decisions lock when every connected member is ready.',
        ),
      );
      return;
    }
    if (this.closing) {
      reply(fail('UNAVAILABLE', 'The server is shutting down; send the command again once reconnected.'));
      return;
    }
    if (ex.queue.size >= this.limits.maxQueuePerExercise) {
      reply(fail('BUSY', 'The exercise is handling too many commands; try again in a moment.'));
      return;
    }
    await this.serial(ex, async () => {
      const outcome = await this.execute(ex, seat.seatId, actorOf(seat), id, body);
      reply(outcome.answer);
      if (outcome.accepted) this.afterAccepted(ex);
    });
  }

  /**
   * Applies one command. Runs inside the exercise's queue. Idempotent on the
   * command id: a known id gets its original answer and changes nothing.
   */
  private async execute(
    ex: ExerciseRuntime,
    seatId: string | null,
    actor: Actor,
    id: string,
    body: CommandBody,
  ): Promise<Outcome> {
    if (ex.closed) return { answer: fail('UNAVAILABLE', 'The exercise is not running here.'), accepted: false };
    const prior = ex.accepted.get(id);
    if (prior) {
      if (prior.seatId !== seatId) {
        return { answer: fail('DUPLICATE_ID', 'That command id was already used by another seat; use a fresh id.'), accepted: false };
      }
      return { answer: { ok: true, seq: prior.seq, duplicate: true }, accepted: false };
    }
    const rejected = ex.rejected.get(id);
    if (rejected && rejected.seatId === seatId) return { answer: rejected.answer, accepted: false };

    const at = Math.max(Date.now(), ex.lastAt);
    const command = { ...body, id, actor, at } as Command;
    let result: ReturnType<typeof applyCommand>;
    try {
      result = applyCommand(ex.scenario, ex.state, command);
    } catch (err) {
      this.logger.error({ err, exerciseId: ex.id, commandId: id, type: body.type }, 'engine threw on a command');
      return { answer: fail('INTERNAL', 'The server could not handle this command; it was not applied.'), accepted: false };
    }
    if (!result.ok) {
      const answer = fail(result.code, result.message);
      ex.rejected.set(id, { seatId, answer });
      return { answer, accepted: false };
    }
    // Hashing the whole state costs about as much as a projection, so the log
    // carries it at checkpoints: every HASH_EVERY commands and at phase changes.
    const checkpoint = ex.lastSeq + 1 - ex.lastHashedSeq >= HASH_EVERY || result.state.phase !== ex.state.phase;
    const hash = checkpoint ? stateHash(result.state) : null;
    let seq: number;
    try {
      seq = await this.storage.append(ex.id, ex.lastSeq, [{ command, seatId, round: ex.state.round, stateHash: hash }]);
    } catch (err) {
      if (err instanceof ConflictError) {
        this.logger.error({ err: err.message, exerciseId: ex.id }, 'another writer appended to this exercise; reloading it');
        await this.reload(ex);
      } else {
        this.logger.error({ err, exerciseId: ex.id, commandId: id }, 'append failed; command not applied');
      }
      return { answer: fail('STORAGE_ERROR', 'The command could not be saved and was not applied; send it again.'), accepted: false };
    }
    ex.state = result.state;
    ex.lastSeq = seq;
    if (hash !== null) ex.lastHashedSeq = seq;
    ex.lastAt = at;
    ex.accepted.set(id, { seq, seatId });
    this.logger.debug({ exerciseId: ex.id, seq, type: body.type, actor: actor.role }, 'command accepted');
    return { answer: { ok: true, seq }, accepted: true };
  }

  /**
   * Runs a task in the exercise's queue. Views are broadcast when the task
   * ends and no other task is waiting: a burst of commands costs one
   * projection per viewer, and every sender still receives a view with a seq
   * at least as high as its answer's, after its answer.
   */
  private serial<T>(ex: ExerciseRuntime, task: () => Promise<T>): Promise<T> {
    return ex.queue.run(async () => {
      try {
        return await task();
      } finally {
        if (ex.dirty && ex.queue.size <= 1) {
          ex.dirty = false;
          this.broadcastViews(ex);
        }
      }
    });
  }

  /** After an accepted command: mark the views for broadcast, reset votes that no longer apply, re-arm the clock. */
  private afterAccepted(ex: ExerciseRuntime): void {
    let votesChanged = false;
    for (const [team, votes] of ex.votes) {
      if (votes.round !== ex.state.round || ex.state.teams[team]?.locked) {
        ex.votes.delete(team);
        votesChanged = true;
      }
    }
    ex.dirty = true;
    if (votesChanged) this.broadcastPresence(ex);
    this.armClock(ex);
  }

  /** Re-reads an exercise from storage after another writer changed its log. */
  private async reload(ex: ExerciseRuntime): Promise<void> {
    const records = await this.storage.read(ex.id, ex.lastSeq + 1);
    for (const record of records) {
      const result = applyCommand(ex.scenario, ex.state, record.command);
      if (result.ok) ex.state = result.state;
      else ex.degraded = true;
      ex.accepted.set(record.command.id, { seq: record.seq, seatId: record.seatId });
      ex.lastSeq = record.seq;
      ex.lastAt = Math.max(ex.lastAt, record.command.at);
    }
    for (const seat of await this.storage.seats(ex.id)) {
      if (!ex.seats.has(seat.seatId)) {
        ex.addSeat(seat);
        this.seatsByHash.set(seat.credentialHash, seat);
      }
    }
    if (records.length) this.afterAccepted(ex);
  }

  // -------------------------------------------------------------------------
  // Team ready votes

  /** What a team's draft would score now with its options: computed by the engine's rule, nothing changes. */
  preview(socket: SeatSocket, draft: DecisionDraft): DecisionPreviewAck {
    const bound = this.seatOf(socket);
    if (!bound) return fail('NOT_JOINED', 'Join the exercise with a code (seat:join) or resume your seat (seat:resume) first.');
    const { ex, seat } = bound;
    if (seat.role !== 'team' || !seat.team) return fail('NOT_ALLOWED', 'Only team players preview their decisions.');
    return previewDecision(ex.scenario, ex.state, seat.team, draft);
  }

  async ready(socket: SeatSocket, ready: boolean): Promise<TeamReadyAck> {
    const bound = this.seatOf(socket);
    if (!bound) return fail('NOT_JOINED', 'Join the exercise with a code (seat:join) or resume your seat (seat:resume) first.');
    const { ex, seat } = bound;
    if (seat.role !== 'team' || !seat.team) return fail('NOT_ALLOWED', 'Only team players vote to lock their decisions.');
    const team = seat.team;
    if (this.closing) return fail('UNAVAILABLE', 'The server is shutting down; vote again once reconnected.');
    return this.serial(ex, async () => {
      if (ex.state.teams[team]?.locked) return { ok: true, ready: [], waitingFor: [], locked: true } as TeamReadyAck;
      let votes = ex.votes.get(team);
      if (!votes || votes.round !== ex.state.round) ex.votes.set(team, (votes = { round: ex.state.round, seats: new Set() }));
      if (ready) votes.seats.add(seat.seatId);
      else votes.seats.delete(seat.seatId);
      const result = await this.checkVotes(ex, team);
      if (result && !result.answer.ok) {
        votes.seats.delete(seat.seatId);
        this.broadcastPresence(ex);
        return result.answer;
      }
      this.broadcastPresence(ex);
      return this.voteStatus(ex, team, result?.answer.ok ? result.answer.seq : undefined);
    });
  }

  private voteStatus(ex: ExerciseRuntime, team: TeamId, seq?: number): TeamReadyAck {
    const votes = ex.readyVotes(team);
    const members = ex.connectedMembers(team);
    return {
      ok: true,
      ready: members.filter((m) => votes.has(m.seatId)).map((m) => m.name),
      waitingFor: members.filter((m) => !votes.has(m.seatId)).map((m) => m.name),
      locked: ex.state.teams[team]?.locked ?? false,
      ...(seq !== undefined ? { seq } : {}),
    };
  }

  /**
   * Locks the team's decisions when every connected member has voted ready.
   * Runs inside the exercise queue. Returns the lock's outcome, or null when
   * the vote is not complete.
   */
  private async checkVotes(ex: ExerciseRuntime, team: TeamId): Promise<Outcome | null> {
    if (ex.state.teams[team]?.locked) return null;
    const votes = ex.readyVotes(team);
    const members = ex.connectedMembers(team);
    if (members.length === 0 || votes.size === 0 || !members.every((m) => votes.has(m.seatId))) return null;
    const outcome = await this.execute(
      ex,
      null,
      { role: 'team', team, name: 'team vote' },
      `vote:${team}:${randomUUID()}`,
      { type: 'lockDecisions' },
    );
    if (outcome.accepted) {
      this.logger.info({ exerciseId: ex.id, team, seq: outcome.answer.ok ? outcome.answer.seq : null }, 'team locked by ready vote');
      this.afterAccepted(ex);
    }
    return outcome;
  }

  // -------------------------------------------------------------------------
  // Clock

  /** Arms the exercise's timer from the state's deadline; on expiry the server sends clockExpired. */
  private armClock(ex: ExerciseRuntime): void {
    if (ex.clockTimer) {
      clearTimeout(ex.clockTimer);
      ex.clockTimer = null;
    }
    const deadline = ex.state.clock.deadline;
    if (deadline === null || ex.closed || this.closing) return;
    const delay = Math.min(Math.max(0, deadline - Date.now()), MAX_TIMER_MS);
    ex.clockTimer = setTimeout(() => {
      ex.clockTimer = null;
      if (ex.state.clock.deadline !== deadline) return this.armClock(ex);
      if (Date.now() < deadline) return this.armClock(ex);
      void this.expire(ex, deadline).catch((err) => this.logger.error({ err, exerciseId: ex.id }, 'clock expiry failed'));
    }, delay);
    ex.clockTimer.unref?.();
  }

  private async expire(ex: ExerciseRuntime, deadline: number): Promise<void> {
    await this.serial(ex, async () => {
      if (ex.state.clock.deadline !== deadline) {
        this.armClock(ex);
        return;
      }
      const round = ex.state.round;
      const outcome = await this.execute(ex, null, { role: 'system' }, `clock:${round}:${deadline}`, { type: 'clockExpired', round });
      if (outcome.accepted) {
        this.logger.info({ exerciseId: ex.id, round }, 'round deadline expired');
        this.afterAccepted(ex);
      } else if (!outcome.answer.ok) {
        this.logger.debug({ exerciseId: ex.id, round, code: outcome.answer.code }, 'clockExpired not applied');
        if (outcome.answer.code === 'STORAGE_ERROR') {
          // Try again shortly: the deadline has passed and must still be logged.
          setTimeout(() => void this.expire(ex, deadline).catch(() => {}), 1000).unref?.();
        } else {
          this.armClock(ex);
        }
      }
    });
  }

  // -------------------------------------------------------------------------
  // Views and presence

  private room(exerciseId: string, key: string): string {
    return `x:${exerciseId}:${key}`;
  }

  viewFor(ex: ExerciseRuntime, key: string): ExerciseView {
    const view = project(ex.scenario, ex.state, viewerFromKey(key));
    // view.seq is the engine's count of accepted commands, which equals the
    // log's seq; in an exercise whose replay skipped a record it would lag, and
    // clients wait for view.seq >= their answer's seq, so the log's wins.
    return view.seq === ex.lastSeq ? view : { ...view, seq: ex.lastSeq };
  }

  /** The viewer keys (facilitator, team:x, ...) of seats with at least one connection. */
  private connectedKeys(ex: ExerciseRuntime): Set<string> {
    const keys = new Set<string>();
    for (const seatId of ex.connections.keys()) {
      const seat = ex.seats.get(seatId);
      if (seat && ex.isConnected(seatId)) keys.add(viewerKey(seat));
    }
    return keys;
  }

  private broadcastViews(ex: ExerciseRuntime): void {
    if (!this.io) return;
    for (const key of this.connectedKeys(ex)) {
      let view: ExerciseView;
      try {
        view = this.viewFor(ex, key);
      } catch (err) {
        this.logger.error({ err, exerciseId: ex.id, viewer: key }, 'projection failed');
        continue;
      }
      this.io.to(this.room(ex.id, key)).emit('view', view, Date.now());
    }
  }

  presenceFor(ex: ExerciseRuntime, key: string): Presence {
    const viewer = viewerFromKey(key);
    const seats: PresenceSeat[] = [];
    for (const seat of [...ex.seats.values()].sort((a, b) => a.ordinal - b.ordinal)) {
      const entry: PresenceSeat = {
        seatId: seat.seatId,
        role: seat.role,
        team: seat.team,
        name: seat.name,
        connected: ex.isConnected(seat.seatId),
        lead: ex.isLead(seat),
      };
      const showReady =
        seat.role === 'team' && seat.team && (viewer.role === 'facilitator' || (viewer.role === 'team' && viewer.team === seat.team));
      if (showReady) entry.ready = ex.readyVotes(seat.team!).has(seat.seatId);
      seats.push(entry);
    }
    return { exerciseId: ex.id, seats };
  }

  private broadcastPresence(ex: ExerciseRuntime): void {
    if (!this.io) return;
    for (const key of this.connectedKeys(ex)) this.io.to(this.room(ex.id, key)).emit('presence', this.presenceFor(ex, key));
  }

  // -------------------------------------------------------------------------
  // Export

  async export(ex: ExerciseRuntime, seat: SeatRecord, format: 'json' | 'csv'): Promise<ExportAck> {
    if (seat.role === 'redCell' || (seat.role === 'team' && ex.state.phase !== 'debrief')) {
      return fail('NOT_ALLOWED', 'The facilitator and observers can export the log at any time, teams once the exercise has reached its debrief.');
    }
    const role: ExportRole = seat.role;
    const records = await this.storage.read(ex.id, 1);
    const input = { meta: ex.meta, scenario: ex.scenario, state: ex.state, records, role, team: seat.team };
    const built = format === 'json' ? buildJsonExport(input) : buildCsvExport(input);
    return { ok: true, format, ...built };
  }

  // -------------------------------------------------------------------------

  /** Stops timers, lets queued commands finish, and refuses new work. */
  async close(): Promise<void> {
    this.closing = true;
    for (const ex of this.exercises.values()) {
      if (ex.clockTimer) clearTimeout(ex.clockTimer);
      ex.clockTimer = null;
    }
    await Promise.all([...this.exercises.values()].map((ex) => ex.queue.drain().catch(() => {})));
    for (const ex of this.exercises.values()) ex.closed = true;
  }
}
