/**
 * A seat's live session: resumes the seat with its stored credential on
 * every (re)connection, keeps the view current by applying the server's
 * patches to the full view of the last resume (resuming again when a patch
 * does not follow), keeps the presence the server sent, and sends commands.
 * Screens subscribe with onChange() and render from session.view; they never
 * compute outcomes themselves.
 */
import type { CommandBody } from '../../engine/types';
import type { ExerciseView } from '../../engine/view/types';
import type { CommandAck, ErrorAnswer, ExportAck, Presence, SeatInfo, TeamReadyAck } from '../../protocol/events';
import { ViewFollower, type ViewPatch } from '../../protocol/patch';
import { CommandSender } from './commands';
import { request, type FbSocket } from './connection';
import { forgetSeat, touchSeat, type StoredSeat } from './credentials';
import { syncServerClock } from './serverTime';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'failed';

export class Session {
  view: ExerciseView | null = null;
  seat: SeatInfo | null = null;
  presence: Presence | null = null;
  status: ConnectionStatus = 'connecting';
  /** Why the seat could not be resumed (e.g. an unknown credential). */
  failure: ErrorAnswer | null = null;
  readonly commands: CommandSender;
  private readonly listeners = new Set<() => void>();
  private bound = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly offs: (() => void)[] = [];
  private readonly follower = new ViewFollower(() => void this.resume());

  constructor(
    private readonly socket: FbSocket,
    readonly stored: StoredSeat,
  ) {
    this.commands = new CommandSender(socket, () => this.bound && this.socket.connected);
  }

  start(): void {
    this.on('connect', () => void this.resume());
    this.on('disconnect', () => {
      this.bound = false;
      this.setStatus(this.view ? 'reconnecting' : 'connecting');
    });
    this.on('view:patch', (patch: ViewPatch, now: number) => {
      syncServerClock(now);
      if (this.follower.patch(patch)) this.showView(this.follower.view);
    });
    this.on('presence', (presence: Presence) => {
      if (presence.exerciseId !== this.stored.exerciseId) return;
      this.presence = presence;
      this.changed();
    });
    if (this.socket.connected) void this.resume();
    else this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  send(body: CommandBody): Promise<CommandAck> {
    return this.commands.send(body);
  }

  ready(ready: boolean): Promise<TeamReadyAck> {
    return request('team:ready', { ready });
  }

  exportLog(format: 'json' | 'csv' | 'grades'): Promise<ExportAck> {
    return request('export', { format }, 30_000);
  }

  /** This seat's entry in the presence list (its lead flag and ready vote are kept current there). */
  get mySeat() {
    return this.presence?.seats.find((s) => s.seatId === this.seat?.seatId) ?? null;
  }

  private on(event: string, fn: (...args: never[]) => void): void {
    const s = this.socket as unknown as { on(e: string, f: unknown): void; off(e: string, f: unknown): void };
    s.on(event, fn);
    this.offs.push(() => s.off(event, fn));
  }

  private async resume(): Promise<void> {
    if (this.stopped) return;
    this.follower.expectFull();
    const answer = await request('seat:resume', {
      credential: this.stored.credential,
      ...(this.view ? { lastSeq: this.view.seq } : {}),
    });
    if (this.stopped) return;
    if (!answer.ok) return this.resumeFailed(answer);
    syncServerClock(answer.serverNow);
    this.seat = answer.seat;
    this.bound = true;
    this.failure = null;
    this.showView(this.follower.full(answer.view));
    touchSeat(this.stored.credential, { name: answer.seat.name, title: answer.view.scenario.title, seatId: answer.seat.seatId });
    this.setStatus('online');
    this.commands.flush();
  }

  private resumeFailed(answer: ErrorAnswer): void {
    if (answer.code === 'INVALID_CREDENTIAL') {
      forgetSeat(this.stored.credential);
      this.failure = answer;
      this.setStatus('failed');
      return;
    }
    // The server is starting, busy or unreachable: try again shortly.
    this.setStatus(this.view ? 'reconnecting' : 'connecting');
    this.retryTimer = setTimeout(() => {
      if (this.socket.connected) void this.resume();
    }, answer.retryAfterMs ?? 2000);
  }

  private showView(view: ExerciseView | null): void {
    this.view = view;
    this.changed();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.changed();
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
