/**
 * One running exercise in memory: the scenario, the current state rebuilt
 * from the log, the seats and who is connected to them, the ids of accepted
 * commands (for idempotent retries), recent rejections, the team ready votes
 * and the round clock.
 */
import { stateHash, type Scenario } from '../engine';
import type { Command, ExerciseState, TeamId } from '../engine/types';
import type { ExerciseView } from '../engine/view/types';
import type { ViewProjector } from '../engine/view/project';
import type { CommandAck } from '../protocol/events';
import type { ExerciseMeta, LogRecord, SeatRecord } from './storage/types';
import { LruMap, SerialQueue } from './util';

export const REJECTION_MEMORY = 500;
/**
 * How long another process's list of connected seats is believed: each
 * process repeats its list every few seconds (cluster/), so the seats of a
 * process that died stop counting as connected after this.
 */
export const REMOTE_SEATS_TTL_MS = 15_000;

/** What the server remembers of a command id: its seq (when accepted), its seat and its body's fingerprint. */
export interface KnownId {
  seq: number;
  seatId: string | null;
  /** A hash of the command's body, so that an id reused for another body is told apart from a retry. */
  body: string;
}

/** The fingerprint of a command's body: its type and fields, without the id, actor and time the server adds. */
export function bodyFingerprint(command: Pick<Command, 'type'> & Partial<Pick<Command, 'id' | 'actor' | 'at'>>): string {
  const { id: _id, actor: _actor, at: _at, ...body } = command;
  return stateHash(body).slice(0, 24);
}

/** The known id of a stored command. */
export function knownIdOf(record: LogRecord): KnownId {
  return { seq: record.seq, seatId: record.seatId, body: bodyFingerprint(record.command) };
}

export class ExerciseRuntime {
  readonly queue = new SerialQueue();
  readonly seats = new Map<string, SeatRecord>();
  /** seatId -> ids of the sockets bound to it, on this process. */
  readonly connections = new Map<string, Set<string>>();
  /** Socket id -> the audience key of the view it follows (roles.ts audienceKey), on this process. */
  readonly audiences = new Map<string, string>();
  /** Other server process -> the seats with a socket there, and when it last said so (epoch ms). */
  readonly remoteSeats = new Map<string, { seats: Set<string>; at: number }>();
  /** Accepted command id -> its seq, the seat that sent it and its body's fingerprint. */
  readonly accepted = new Map<string, KnownId>();
  /** Recently rejected command ids: a retry gets the same answer without re-applying. */
  readonly rejected = new LruMap<string, { seatId: string | null; body: string; answer: CommandAck }>(REJECTION_MEMORY);
  /** Team -> the seats that voted ready in a round. */
  readonly votes = new Map<TeamId, { round: number; seats: Set<string> }>();
  /**
   * Viewer key -> the view every connected seat of that audience holds: the
   * base of the next patch, and the full view a seat gets when it binds.
   * Kept only for audiences with a connected seat.
   */
  readonly published = new Map<string, ExerciseView>();
  /** Viewer key -> its projector, which rebuilds only the sections of a view that a change touched. */
  readonly projectors = new Map<string, ViewProjector>();
  clockTimer: NodeJS.Timeout | null = null;
  /** Set when replay on start-up refused a logged command or reached another state hash. */
  degraded = false;
  /** Accepted commands not yet broadcast as views. */
  dirty = false;
  /** Seq of the last log record that carries a state hash. */
  lastHashedSeq = 0;
  /** Seq of the last log record stored with a snapshot of the state. */
  lastSnapshotSeq = 0;
  /** Why the exercise is quarantined (its log did not replay as recorded): it is served read-only. */
  quarantined: string | null = null;
  closed = false;

  constructor(
    /** Replaced (not changed) when an author's edit reloads the scenario in watch mode. */
    public meta: ExerciseMeta,
    public scenario: Scenario,
    public state: ExerciseState,
    /** Seq of the last record in the log. */
    public lastSeq: number,
    /** Largest `at` so far: commands get non-decreasing times. */
    public lastAt: number,
  ) {}

  get id(): string {
    return this.meta.id;
  }

  addSeat(seat: SeatRecord): void {
    this.seats.set(seat.seatId, seat);
  }

  /** The team's lead: its first player to join. */
  leadOf(team: TeamId): SeatRecord | null {
    let lead: SeatRecord | null = null;
    for (const seat of this.seats.values()) {
      if (seat.role === 'team' && seat.team === team && (!lead || seat.ordinal < lead.ordinal)) lead = seat;
    }
    return lead;
  }

  isLead(seat: SeatRecord): boolean {
    return seat.role === 'team' && seat.team !== null && this.leadOf(seat.team)?.seatId === seat.seatId;
  }

  /** Whether the seat has a socket on this process or, as far as this one was told lately, on another. */
  isConnected(seatId: string): boolean {
    if ((this.connections.get(seatId)?.size ?? 0) > 0) return true;
    const fresh = Date.now() - REMOTE_SEATS_TTL_MS;
    for (const remote of this.remoteSeats.values()) if (remote.at >= fresh && remote.seats.has(seatId)) return true;
    return false;
  }

  /** The seats with a socket on this process. */
  localSeats(): string[] {
    return [...this.connections.keys()];
  }

  /** Every seat connected anywhere. */
  connectedSeats(): SeatRecord[] {
    return [...this.seats.values()].filter((s) => this.isConnected(s.seatId));
  }

  connectedMembers(team: TeamId): SeatRecord[] {
    return [...this.seats.values()].filter((s) => s.role === 'team' && s.team === team && this.isConnected(s.seatId));
  }

  /** Ready votes of a team in the current round (stale rounds count as none). */
  readyVotes(team: TeamId): Set<string> {
    const votes = this.votes.get(team);
    if (!votes || votes.round !== this.state.round) return new Set();
    return votes.seats;
  }

  connect(seatId: string, socketId: string, audience: string): void {
    let set = this.connections.get(seatId);
    if (!set) this.connections.set(seatId, (set = new Set()));
    set.add(socketId);
    this.audiences.set(socketId, audience);
  }

  /** The audiences with a socket on this process: one view each. */
  localAudiences(): Set<string> {
    return new Set(this.audiences.values());
  }

  disconnect(seatId: string, socketId: string): void {
    this.audiences.delete(socketId);
    const set = this.connections.get(seatId);
    if (!set) return;
    set.delete(socketId);
    if (set.size === 0) this.connections.delete(seatId);
  }

  connectedCount(): number {
    return this.connectedSeats().length;
  }
}
