/**
 * Every rate limit and cap the server enforces on clients, in one place:
 * events per socket and per address, simultaneous connections per address,
 * failed joins per address, seats gained per exercise, exercises created per
 * address. Each answers with a RATE_LIMITED ErrorAnswer (with retryAfterMs)
 * or null.
 *
 * Failed joins are reserved before the attempt and refunded only when it
 * seats someone: concurrent guesses cannot slip past the limit, and once an
 * address is limited every join from it gets the same answer, whatever the
 * code, so the answer never tells a guesser whether a code exists.
 */
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ErrorAnswer } from '../protocol/events';
import type { Limits } from './config';
import { fail } from './hub';

interface Consumer {
  consume(key: string): Promise<RateLimiterRes>;
}

function retry(err: RateLimiterRes, message: string): ErrorAnswer {
  return fail('RATE_LIMITED', message, { retryAfterMs: Math.max(1, Math.ceil(err.msBeforeNext)) });
}

async function take(limiter: Consumer, key: string, message: string): Promise<ErrorAnswer | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return retry(err, message);
    throw err;
  }
}

export const JOIN_LIMITED_MESSAGE = 'Too many failed joins from this address; wait and try again, or ask your facilitator for the link.';
const SLOW_DOWN = 'Too many requests: slow down and try again in a moment.';

export class RateLimits {
  private readonly perSocket: BurstyRateLimiter;
  private readonly perAddress: RateLimiterMemory;
  private readonly failedJoins: RateLimiterMemory;
  private readonly exerciseJoins: RateLimiterMemory;
  private readonly creates: RateLimiterMemory;
  private readonly connections = new Map<string, number>();

  constructor(readonly limits: Limits) {
    this.perSocket = new BurstyRateLimiter(
      new RateLimiterMemory({ points: limits.eventsPerSecond, duration: 1 }),
      new RateLimiterMemory({ points: Math.max(1, limits.eventBurst), duration: limits.eventBurstSeconds }),
    );
    this.perAddress = new RateLimiterMemory({ points: limits.addressEventsPerSecond, duration: 1 });
    this.failedJoins = new RateLimiterMemory({ points: limits.failedJoinsPerAddress, duration: limits.failedJoinWindowMinutes * 60 });
    this.exerciseJoins = new RateLimiterMemory({ points: limits.joinsPerExercisePerMinute, duration: 60 });
    this.creates = new RateLimiterMemory({ points: limits.createsPerMinute, duration: 60 });
  }

  /** One event from a socket: counts against the socket and against its address. */
  async consumeEvent(socketId: string, address: string): Promise<ErrorAnswer | null> {
    return (await take(this.perSocket, socketId, SLOW_DOWN)) ?? (await take(this.perAddress, address, SLOW_DOWN));
  }

  /** A new connection from an address; false when it already has as many as allowed. */
  admitConnection(address: string): boolean {
    const open = this.connections.get(address) ?? 0;
    if (open >= this.limits.connectionsPerAddress) return false;
    this.connections.set(address, open + 1);
    return true;
  }

  releaseConnection(address: string): void {
    const open = (this.connections.get(address) ?? 1) - 1;
    if (open <= 0) this.connections.delete(address);
    else this.connections.set(address, open);
  }

  /**
   * Runs a join attempt under the failed-join limit of its address: the
   * attempt is counted as failed unless `attempt` reports that it seated.
   */
  async join<T extends { ok: boolean }>(address: string, attempt: () => Promise<T>): Promise<T | ErrorAnswer> {
    const limited = await take(this.failedJoins, address, JOIN_LIMITED_MESSAGE);
    if (limited) return limited;
    const answer = await attempt();
    if (answer.ok) await this.failedJoins.reward(address, 1);
    return answer;
  }

  /** A join that never got as far as an attempt (a malformed payload) still counts as failed. */
  async failedJoin(address: string): Promise<void> {
    await this.failedJoins.consume(address).catch(() => {});
  }

  /** One more seat in an exercise. */
  exerciseJoin(exerciseId: string): Promise<ErrorAnswer | null> {
    return take(this.exerciseJoins, exerciseId, 'This exercise is seating many people at once; try again in a moment.');
  }

  create(address: string): Promise<ErrorAnswer | null> {
    return take(this.creates, address, 'Too many exercises created from this address; wait a minute and try again.');
  }
}
