/**
 * The socket edge: the one place every client event passes through before
 * anything else sees it. For each event, in this order: the per-socket and
 * per-address rate limits, the route lookup (unknown names, including the
 * names socket.io, engine.io and Node's EventEmitter treat specially, are
 * answered and dropped here), the acknowledgement callback, the size cap, the
 * zod schema, then the route's handler; every event that carries a callback
 * is answered exactly once, and every refusal is counted.
 *
 * Client events never reach socket.emit(): the edge is a socket middleware
 * that never calls next(), so a client emitting `error`, `disconnect` or
 * `newListener` cannot trigger the server's own listeners. Handlers receive
 * payloads only after their schema accepted them.
 */
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ErrorAnswer } from '../protocol/events';
import { describeIssues } from '../protocol/schemas';
import { fail } from './hub';
import type { RateLimits } from './limits';
import { StorageError } from './storage/types';
import { once } from './util';

/** Why an event was refused at the edge; the keys of the counters. */
export const REFUSALS = ['unknownEvent', 'noAcknowledgement', 'invalidPayload', 'payloadTooLarge', 'rateLimited', 'handlerFailed'] as const;
export type Refusal = (typeof REFUSALS)[number];

/** One client event: its schema, its size cap (JSON characters) and what it does. */
export interface Route<S extends z.ZodType = z.ZodType> {
  schema: S;
  maxChars: number;
  /**
   * Runs after validation. Returns the answer, or calls `reply` itself (once)
   * when it must answer before doing more work. `refuse` counts a refusal the
   * handler decided on (e.g. a rate limit of its own).
   */
  run(ctx: { socket: Socket; payload: z.output<S>; reply: (answer: object) => void }): Promise<object | void> | object | void;
  /** Called when the payload fails validation (seat:join counts it as a failed join). */
  onInvalid?(socket: Socket): void | Promise<void>;
  /** Called after any refusal of this event, wherever it was decided (the edge or the handler). */
  onRefused?(socket: Socket): void;
}

/** Keeps a route's schema and handler types together. */
export function route<S extends z.ZodType>(r: Route<S>): Route {
  return r as unknown as Route;
}

export interface EdgeCounters {
  /** Totals since start, per refusal. */
  readonly totals: Readonly<Record<Refusal, number>>;
}

export interface SocketEdge extends EdgeCounters {
  /** Installs the edge on a newly connected socket. */
  attach(socket: Socket): void;
  /**
   * Shutdown, first step: every event from now on is answered UNAVAILABLE at
   * once; resolves when every event received before has been answered.
   */
  stopTaking(): Promise<void>;
  /** Logs the summary of refusals not yet logged, and stops the summary timer. */
  close(): void;
}

export interface EdgeOptions {
  routes: ReadonlyMap<string, Route>;
  limits: RateLimits;
  logger: Logger;
  /** How often, at most, the summary of refused input is logged. */
  summaryEveryMs?: number;
}

function payloadChars(args: unknown[]): number {
  if (args.length === 0) return 0;
  try {
    return JSON.stringify(args.length === 1 ? args[0] : args)?.length ?? 0;
  } catch {
    // Cycles cannot arrive over the wire; a stack overflow on deep nesting can.
    return Number.POSITIVE_INFINITY;
  }
}

/** An event name as it may appear in a log line or an answer: a short string. */
function printable(event: unknown): string {
  return typeof event === 'string' ? event.slice(0, 64) : `<${typeof event}>`;
}

export function createSocketEdge(options: EdgeOptions): SocketEdge {
  const { routes, limits, logger } = options;
  const totals = Object.fromEntries(REFUSALS.map((r) => [r, 0])) as Record<Refusal, number>;
  const logged = { ...totals };
  const examples = new Map<Refusal, string>();

  function count(refusal: Refusal, event: unknown): void {
    totals[refusal] += 1;
    if (!examples.has(refusal)) examples.set(refusal, printable(event));
  }

  /** One line for everything refused since the last one, never a line per event. */
  function summarise(): void {
    const since: Partial<Record<Refusal, number>> = {};
    for (const r of REFUSALS) if (totals[r] > logged[r]) since[r] = totals[r] - logged[r];
    if (Object.keys(since).length === 0) return;
    Object.assign(logged, totals);
    logger.warn({ refused: since, examples: Object.fromEntries(examples), totals: { ...totals } }, 'client input refused at the edge');
    examples.clear();
  }
  const timer = setInterval(summarise, options.summaryEveryMs ?? 60_000);
  timer.unref();

  let taking = true;
  let inFlight = 0;
  let settledNow: (() => void) | null = null;

  function attach(socket: Socket): void {
    const log = logger.child({ socket: socket.id });

    socket.use((packet, _next) => {
      // Deliberately never calls _next: no client event reaches socket.emit().
      const [event, ...args] = packet as unknown[];
      const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (answer: unknown) => void) : null;
      const target = typeof event === 'string' ? routes.get(event) : undefined;
      const reply = once((answer: object) => {
        if ((answer as Partial<ErrorAnswer>).ok === false) target?.onRefused?.(socket);
        if (callback) {
          try {
            callback(answer);
          } catch (err) {
            log.warn({ err, event: printable(event) }, 'acknowledgement failed');
          }
        } else if ((answer as Partial<ErrorAnswer>).ok === false) {
          socket.emit('server:error', { ...(answer as ErrorAnswer), event: printable(event) });
        }
      });
      if (!taking) {
        if (callback) reply(fail('UNAVAILABLE', 'The server is shutting down; send it again once reconnected.'));
        return;
      }
      inFlight += 1;
      void handle(socket, event, args, callback !== null, reply)
        .catch((err) => {
          count('handlerFailed', event);
          log.error({ err, event: printable(event) }, 'handler failed');
          reply(
            err instanceof StorageError
              ? fail('STORAGE_ERROR', 'The server could not save this; nothing was changed. Try again in a moment.')
              : fail('INTERNAL', 'The server hit an error handling this request.'),
          );
        })
        .finally(() => {
          inFlight -= 1;
          if (inFlight === 0) settledNow?.();
        });
    });

    // socket.io emits `error` itself for transport problems; its argument is not trusted either.
    socket.on('error', (err: unknown) => log.debug({ err: err instanceof Error ? err.message : printable(err) }, 'socket error'));
  }

  async function handle(socket: Socket, event: unknown, args: unknown[], hasCallback: boolean, reply: (answer: object) => void): Promise<void> {
    const limited = await limits.consumeEvent(socket.id, String(socket.data.ip));
    if (limited) {
      count('rateLimited', event);
      // Without a callback there is nothing to answer: a flood gets no echo.
      if (hasCallback) reply(limited);
      return;
    }
    const target = typeof event === 'string' ? routes.get(event) : undefined;
    if (!target) {
      count('unknownEvent', event);
      if (hasCallback) reply(fail('INVALID_PAYLOAD', `Unknown event ${JSON.stringify(printable(event))}.`));
      return;
    }
    const name = event as string;
    if (!hasCallback) {
      count('noAcknowledgement', event);
      return reply(fail('INVALID_PAYLOAD', `${name} needs an acknowledgement callback; the event was ignored.`));
    }
    if (args.length > 1) {
      count('invalidPayload', event);
      await target.onInvalid?.(socket);
      return reply(fail('INVALID_PAYLOAD', `${name} takes one payload object.`));
    }
    const size = payloadChars(args);
    if (size > target.maxChars) {
      count('payloadTooLarge', event);
      await target.onInvalid?.(socket);
      const kb = Number.isFinite(size) ? `${Math.ceil(size / 1024)} KB` : 'too deeply nested';
      return reply(fail('PAYLOAD_TOO_LARGE', `The ${name} payload is ${kb}; the limit is ${Math.floor(target.maxChars / 1024)} KB.`));
    }
    const parsed = target.schema.safeParse(args[0]);
    if (!parsed.success) {
      count('invalidPayload', event);
      await target.onInvalid?.(socket);
      return reply(fail('INVALID_PAYLOAD', `Invalid ${name} payload: ${describeIssues(parsed.error)}`));
    }
    const answer = await target.run({ socket, payload: parsed.data, reply });
    if (answer) reply(answer);
  }

  return {
    totals,
    attach,
    stopTaking() {
      taking = false;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => (settledNow = resolve));
    },
    close() {
      clearInterval(timer);
      summarise();
    },
  };
}
