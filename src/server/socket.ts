/**
 * The socket.io edge: every client event is size-checked, rate-limited and
 * validated with its zod schema before the hub sees it, and answered exactly
 * once through its acknowledgement callback. Garbage (wrong types, no
 * callback, unknown events) is answered when it can be and otherwise logged
 * and dropped; nothing a client sends can crash the server.
 */
import type { Logger } from 'pino';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientToServerEvents, ErrorAnswer, ServerToClientEvents } from '../protocol/events';
import {
  commandPayloadSchema,
  describeIssues,
  emptyPayloadSchema,
  exerciseCreatePayloadSchema,
  exerciseListPayloadSchema,
  exportPayloadSchema,
  classGradesPayloadSchema,
  decisionPreviewPayloadSchema,
  LIMITS,
  seatJoinPayloadSchema,
  seatResumePayloadSchema,
  teamReadyPayloadSchema,
} from '../protocol/schemas';
import { fail, type FbServer, type Hub, type SocketData } from './hub';
import { StorageError } from './storage/types';
import { once } from './util';

type FbSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface EdgeLimits {
  /** Events per second per socket, sustained. */
  eventsPerSecond: number;
  /** Extra events a socket may send in a burst, refilled over burstWindowSeconds. */
  burst: number;
  burstWindowSeconds: number;
  /** Failed join attempts (unknown codes) per address per minute. */
  failedJoinsPerMinute: number;
  /** Exercises created per address per minute. */
  createsPerMinute: number;
}

export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  eventsPerSecond: 20,
  burst: 20,
  burstWindowSeconds: 5,
  failedJoinsPerMinute: 20,
  createsPerMinute: 30,
};

const EVENTS = [
  'exercise:create',
  'exercise:list',
  'scenario:list',
  'seat:join',
  'seat:resume',
  'command',
  'team:ready',
  'export',
  'decision:preview',
  'grades:class',
] as const;
type EventName = (typeof EVENTS)[number];

/** Per-event soft caps (JSON characters). */
const PAYLOAD_CAP: Record<EventName, number> = {
  'exercise:create': LIMITS.maxPayloadBytes,
  'exercise:list': 64 * 1024,
  'scenario:list': 1024,
  'seat:join': 2048,
  'seat:resume': 2048,
  command: 32 * 1024,
  'team:ready': 1024,
  export: 1024,
  'decision:preview': 8 * 1024,
  'grades:class': 64 * 1024,
};

function payloadSize(payload: unknown): number {
  if (payload === undefined) return 0;
  try {
    return JSON.stringify(payload)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function registerSocketHandlers(io: FbServer, hub: Hub, logger: Logger, limits: EdgeLimits): void {
  const eventLimiter = new BurstyRateLimiter(
    new RateLimiterMemory({ points: limits.eventsPerSecond, duration: 1 }),
    new RateLimiterMemory({ points: limits.burst, duration: limits.burstWindowSeconds }),
  );
  const joinFailures = new RateLimiterMemory({ points: limits.failedJoinsPerMinute, duration: 60 });
  const creates = new RateLimiterMemory({ points: limits.createsPerMinute, duration: 60 });

  async function limited(limiter: { consume(key: string): Promise<RateLimiterRes> }, key: string): Promise<ErrorAnswer | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        return fail('RATE_LIMITED', 'Too many requests: slow down and try again in a moment.', {
          retryAfterMs: Math.max(1, Math.ceil(err.msBeforeNext)),
        });
      }
      throw err;
    }
  }

  io.on('connection', (raw) => {
    const socket = raw as FbSocket;
    socket.data.seat = null;
    socket.data.ip = socket.handshake.address;
    const log = logger.child({ socket: socket.id });
    log.debug({ ip: socket.data.ip }, 'socket connected');

    function handle<S extends z.ZodType>(
      event: EventName,
      schema: S,
      run: (payload: z.output<S>, reply: (answer: object) => void) => Promise<object | void> | object | void,
    ): void {
      (socket as unknown as { on(event: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
        const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (answer: unknown) => void) : null;
        const reply = once((answer: object) => {
          if (callback) {
            try {
              callback(answer);
            } catch (err) {
              log.warn({ err, event }, 'acknowledgement failed');
            }
          } else if ('ok' in answer && answer.ok === false) {
            socket.emit('server:error', { ...(answer as ErrorAnswer), event });
          }
        });
        void (async () => {
          const rate = await limited(eventLimiter, socket.id);
          if (rate) {
            log.debug({ event }, 'rate limited');
            if (callback) reply(rate);
            return;
          }
          if (!callback) {
            log.warn({ event }, 'event without an acknowledgement callback dropped');
            return reply(fail('INVALID_PAYLOAD', `${event} needs an acknowledgement callback; the event was ignored.`));
          }
          if (args.length > 1) {
            return reply(fail('INVALID_PAYLOAD', `${event} takes one payload object.`));
          }
          const payload = args[0];
          const size = payloadSize(payload);
          if (size > PAYLOAD_CAP[event]) {
            log.warn({ event, size }, 'payload too large');
            return reply(
              fail('PAYLOAD_TOO_LARGE', `The ${event} payload is ${Math.ceil(size / 1024)} KB; the limit is ${Math.floor(PAYLOAD_CAP[event] / 1024)} KB.`),
            );
          }
          const parsed = schema.safeParse(payload);
          if (!parsed.success) {
            log.debug({ event, issues: parsed.error.issues.slice(0, 5) }, 'invalid payload');
            return reply(fail('INVALID_PAYLOAD', `Invalid ${event} payload: ${describeIssues(parsed.error)}`));
          }
          const answer = await run(parsed.data, reply);
          if (answer) reply(answer);
        })().catch((err) => {
          log.error({ err, event }, 'handler failed');
          reply(
            err instanceof StorageError
              ? fail('STORAGE_ERROR', 'The server could not save this; nothing was changed. Try again in a moment.')
              : fail('INTERNAL', 'The server hit an error handling this request.'),
          );
        });
      });
    }

    handle('scenario:list', emptyPayloadSchema, () => ({ ok: true, scenarios: hub.listScenarios() }));

    handle('exercise:create', exerciseCreatePayloadSchema, async (payload) => {
      const rate = await limited(creates, socket.data.ip);
      if (rate) return rate;
      return hub.create(payload);
    });

    handle('exercise:list', exerciseListPayloadSchema, (payload) => hub.list(payload.credentials));

    handle('seat:join', seatJoinPayloadSchema, async (payload) => {
      if (!hub.knowsCode(payload.code)) {
        const rate = await limited(joinFailures, socket.data.ip);
        if (rate) return { ...rate, message: 'Too many unknown join codes from this address; wait a minute and try again.' };
      }
      return hub.join(socket, payload.code, payload.name);
    });

    handle('seat:resume', seatResumePayloadSchema, (payload) => hub.resume(socket, payload.credential, payload.lastSeq));

    // The hub answers through `reply` before it broadcasts the resulting views.
    handle('command', commandPayloadSchema, (payload, reply) => hub.command(socket, payload.id, payload.body, reply));

    handle('team:ready', teamReadyPayloadSchema, (payload) => hub.ready(socket, payload.ready));

    handle('export', exportPayloadSchema, async (payload) => {
      const bound = hub.seatOf(socket);
      if (!bound) return fail('NOT_JOINED', 'Join or resume a seat before exporting.');
      return hub.export(bound.ex, bound.seat, payload.format);
    });

    handle('grades:class', classGradesPayloadSchema, (payload) => hub.classGrades(payload.credentials));

    handle('decision:preview', decisionPreviewPayloadSchema, (payload) => hub.preview(socket, payload.draft));

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && (EVENTS as readonly string[]).includes(event)) return;
      const callback = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (a: unknown) => void) : null;
      log.warn({ event: typeof event === 'string' ? event.slice(0, 64) : typeof event }, 'unknown event dropped');
      const answer = fail('INVALID_PAYLOAD', `Unknown event ${JSON.stringify(String(event).slice(0, 64))}.`);
      if (callback) {
        try {
          callback(answer);
        } catch {
          /* ignore */
        }
      }
    });

    socket.on('error', (err) => log.warn({ err: err.message }, 'socket error'));
    socket.on('disconnect', (reason) => {
      log.debug({ reason }, 'socket disconnected');
      hub.unbind(socket);
    });
  });
}
