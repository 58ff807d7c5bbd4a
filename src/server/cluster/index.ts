/**
 * Several server processes serving the same exercises (docs/deploy.md): the
 * hub's Peers (hub/context.ts) over the socket.io adapter's server-side
 * messages and the PostgreSQL leases.
 *
 * - Each exercise has one owner at a time, the holder of its lease
 *   (leases.ts): it alone runs the authority loop and the round clock.
 * - A seat's command or ready vote that reaches another process is sent to
 *   every process (`fb:command`, with an acknowledgement); the owner runs it
 *   and answers, the others answer null. When every process answers null the
 *   exercise has no owner (its owner died): the asking process claims it.
 * - After each burst of accepted commands the owner says so (`fb:changed`);
 *   the others read the log's tail from PostgreSQL and publish views to
 *   their own sockets.
 * - Each process says which seats have a socket on it (`fb:seats`): at once
 *   when they change, and all of them every few seconds, so the seats of a
 *   process that died stop counting as connected (exercise.ts).
 *
 * Messages go to every process; with tens of processes a message per
 * command to each would start to cost, see docs/deploy.md.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CommandAck, ErrorAnswer, TeamReadyAck } from '../../protocol/events';
import type { ExerciseChange, FbServer, ForwardedCommand, ForwardedReady, Hub, Peers } from '../hub';
import { fail } from '../hub';
import { StorageError } from '../storage/types';
import type { Leases } from './leases';

/** How often each process repeats the full list of seats connected to it. */
export const SEATS_EVERY_MS = 5_000;

export interface ClusterOptions {
  /** Whether this process can reach its database and the other processes now: it renews no lease otherwise, so they pass to a process that can. */
  healthy: () => boolean;
}

export function nodeName(): string {
  return `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
}

export class ClusterPeers implements Peers {
  private readonly timers: NodeJS.Timeout[] = [];
  private ticking = false;
  private stopped = false;
  /** Whether changes may have been missed (a service was lost, a change could not be read): caught up at the next healthy tick. */
  private behind = false;

  constructor(
    private readonly io: FbServer,
    private readonly hub: Hub,
    private readonly leases: Leases,
    private readonly logger: Logger,
    private readonly options: ClusterOptions,
  ) {}

  get node(): string {
    return this.leases.node;
  }

  owns(exerciseId: string): boolean {
    return !this.stopped && this.leases.owns(exerciseId);
  }

  async claim(exerciseId: string): Promise<boolean> {
    if (this.stopped) return false;
    try {
      return await this.leases.claim(exerciseId);
    } catch (err) {
      this.logger.warn({ exerciseId, err: (err as Error).message }, 'could not take an exercise lease');
      return false;
    }
  }

  forwardCommand(request: ForwardedCommand): Promise<CommandAck | null> {
    return this.ask<CommandAck>('fb:command', request);
  }

  forwardReady(request: ForwardedReady): Promise<TeamReadyAck | null> {
    return this.ask<TeamReadyAck>('fb:ready', request);
  }

  /** Sends a request to every other process; the owner's answer, or null when none owns the exercise. */
  private ask<T>(event: 'fb:command' | 'fb:ready', request: ForwardedCommand | ForwardedReady): Promise<T | null> {
    return new Promise((resolve, reject) => {
      const done = (err: Error | null, answers: (T | null)[] = []) => {
        const answer = answers.find((a) => a !== null && a !== undefined) ?? null;
        // A timeout after the owner answered is someone else's silence: the answer stands.
        if (answer) resolve(answer);
        else if (err) reject(err);
        else resolve(null);
      };
      (this.io.serverSideEmit as (ev: string, payload: unknown, ack: typeof done) => boolean)(event, request, done);
    });
  }

  changed(change: ExerciseChange): void {
    this.io.serverSideEmit('fb:changed', change);
  }

  seatsHere(exerciseId: string, seatIds: string[]): void {
    this.io.serverSideEmit('fb:seats', { node: this.node, exercises: { [exerciseId]: seatIds }, complete: false });
  }

  /** Listens to the other processes, takes this process's first leases, and starts renewing them. */
  async start(): Promise<void> {
    const answer = <T>(run: () => Promise<T>, reply: (answer: T) => void) => {
      run().then(reply, (err: unknown) => {
        this.logger.error({ err }, 'a forwarded request failed');
        (reply as (answer: ErrorAnswer) => void)(
          err instanceof StorageError
            ? fail('STORAGE_ERROR', 'The server could not save this; nothing was changed. Try again in a moment.')
            : fail('INTERNAL', 'The server hit an error handling this request.'),
        );
      });
    };
    this.io.on('fb:command', (request, reply) => answer(() => this.hub.forwardedCommand(request), reply));
    this.io.on('fb:ready', (request, reply) => answer(() => this.hub.forwardedReady(request), reply));
    this.io.on('fb:changed', (change) =>
      void this.hub.follow(change).catch((err) => {
        this.behind = true;
        this.logger.warn({ err: (err as Error).message, change }, 'could not follow a change');
      }),
    );
    this.io.on('fb:seats', (seats) => void this.hub.remoteSeats(seats).catch((err) => this.logger.warn({ err: (err as Error).message }, 'could not note remote seats')));
    await this.tick();
    this.every(Math.max(100, Math.floor(this.leases.lengthMs / 3)), () => this.tick());
    this.every(SEATS_EVERY_MS, async () => {
      this.io.serverSideEmit('fb:seats', { node: this.node, exercises: this.hub.localSeats(), complete: true });
    });
  }

  private every(ms: number, run: () => Promise<void>): void {
    const timer = setInterval(() => void run().catch((err) => this.logger.warn({ err: (err as Error).message }, 'cluster timer failed')), ms);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Renews this process's leases and takes free ones (while healthy), catches
   * up the exercises gained, and, after a lost service, every exercise followed.
   */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    if (!this.options.healthy()) {
      this.behind = true;
      return;
    }
    this.ticking = true;
    try {
      const { gained, lost } = await this.leases.tick();
      if (lost.length) this.hub.lost(lost);
      if (gained.length) await this.hub.tookOver(gained);
      if (this.behind) {
        this.behind = false;
        await this.hub.catchUp().catch((err: unknown) => {
          this.behind = true;
          throw err;
        });
        this.logger.info({ node: this.node }, 'caught up with the other processes after an outage');
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not renew exercise leases');
    } finally {
      this.ticking = false;
    }
  }

  /** Stops renewing and gives the leases up, so the other processes take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.leases.release().catch((err) => this.logger.warn({ err: (err as Error).message }, 'could not release exercise leases'));
  }
}
