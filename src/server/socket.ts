/**
 * The events a client may send, and what each does: one route per event
 * (schema, size cap, handler). Everything common to every event (limits,
 * validation, answers, counting) is the edge's (edge.ts); the connection
 * gate (address, connections per address) is here.
 */
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { CLIENT_EVENTS } from '../protocol/publish';
import { LIMITS } from '../protocol/schemas';
import type { ErrorAnswer } from '../protocol/events';
import type { AddressOf } from './address';
import { createSocketEdge, route, type Route, type SocketEdge } from './edge';
import { fail, type FbServer, type Hub, type SeatSocket } from './hub';
import type { RateLimits } from './limits';

/** The events that write: refused while the server has lost a service it writes through (outage()). */
const WRITES = new Set(['exercise:create', 'seat:join', 'command', 'team:ready']);

/**
 * The routes of every client event. `outage` says why the server cannot
 * write now (its database or Redis is unreachable), or null: while it says
 * so, the writing events are answered with that refusal and nothing else runs.
 */
export function socketRoutes(hub: Hub, limits: RateLimits, outage: () => ErrorAnswer | null = () => null): Map<string, Route> {
  const routes = baseRoutes(hub, limits);
  for (const name of WRITES) {
    const base = routes.get(name)!;
    routes.set(name, { ...base, run: (ctx) => outage() ?? base.run(ctx) });
  }
  return routes;
}

/** Each route takes its payload schema from the published protocol (CLIENT_EVENTS). */
function baseRoutes(hub: Hub, limits: RateLimits): Map<string, Route> {
  const seatSocket = (socket: Socket) => socket as unknown as SeatSocket;
  const address = (socket: Socket) => String(socket.data.ip);
  return new Map<string, Route>([
    ['scenario:list', route({ schema: CLIENT_EVENTS['scenario:list'].payload, maxChars: 1024, run: () => ({ ok: true, scenarios: hub.listScenarios() }) })],
    [
      'exercise:create',
      route({
        schema: CLIENT_EVENTS['exercise:create'].payload,
        maxChars: LIMITS.maxPayloadBytes,
        run: async ({ socket, payload }) => (await limits.create(address(socket))) ?? hub.create(payload),
      }),
    ],
    ['exercise:list', route({ schema: CLIENT_EVENTS['exercise:list'].payload, maxChars: 64 * 1024, run: ({ payload }) => hub.list(payload.credentials) })],
    [
      'seat:join',
      route({
        schema: CLIENT_EVENTS['seat:join'].payload,
        maxChars: 2048,
        run: ({ socket, payload }) =>
          limits.join(address(socket), () => {
            socket.data.language = payload.language;
            return hub.join(seatSocket(socket), payload.code, payload.name, (exerciseId) => limits.exerciseJoin(exerciseId));
          }),
        onInvalid: (socket) => limits.failedJoin(address(socket)),
      }),
    ],
    [
      'seat:resume',
      route({
        schema: CLIENT_EVENTS['seat:resume'].payload,
        maxChars: 2048,
        run: ({ socket, payload }) => {
          socket.data.language = payload.language;
          return hub.resumeAnywhere(seatSocket(socket), payload.credential, payload.lastSeq);
        },
        // Whatever refused it (shutting down, a bad payload, the rate limit), a failed resume leaves no seat bound.
        onRefused: (socket) => hub.unbind(seatSocket(socket)),
      }),
    ],
    [
      'command',
      // The hub answers through `reply` before it broadcasts the resulting views.
      route({
        schema: CLIENT_EVENTS['command'].payload,
        maxChars: 32 * 1024,
        run: ({ socket, payload, reply }) => hub.command(seatSocket(socket), payload.id, payload.body, reply),
      }),
    ],
    ['team:ready', route({ schema: CLIENT_EVENTS['team:ready'].payload, maxChars: 1024, run: ({ socket, payload }) => hub.ready(seatSocket(socket), payload.ready) })],
    [
      'export',
      route({
        schema: CLIENT_EVENTS['export'].payload,
        maxChars: 1024,
        run: async ({ socket, payload }) => {
          const bound = hub.seatOf(seatSocket(socket));
          if (!bound) return fail('NOT_JOINED', 'Join or resume a seat before exporting.');
          return hub.export(bound.ex, bound.seat, payload.format);
        },
      }),
    ],
    [
      'research:class',
      route({
        schema: CLIENT_EVENTS['research:class'].payload,
        maxChars: 64 * 1024,
        run: ({ payload }) => hub.research(payload.credentials, payload.format),
      }),
    ],
    ['grades:class', route({ schema: CLIENT_EVENTS['grades:class'].payload, maxChars: 64 * 1024, run: ({ payload }) => hub.classGrades(payload.credentials) })],
    [
      'score:explain',
      route({ schema: CLIENT_EVENTS['score:explain'].payload, maxChars: 16 * 1024, run: ({ socket, payload }) => hub.explain(seatSocket(socket), payload.refs) }),
    ],
    [
      'decision:preview',
      route({ schema: CLIENT_EVENTS['decision:preview'].payload, maxChars: 8 * 1024, run: ({ socket, payload }) => hub.preview(seatSocket(socket), payload.draft) }),
    ],
  ]);
}

/**
 * Gates connections (address, connections per address) and puts every
 * connected socket behind the edge. Returns the edge, for its counters.
 */
export function registerSocketHandlers(
  io: FbServer,
  hub: Hub,
  logger: Logger,
  limits: RateLimits,
  addressOf: AddressOf,
  outage?: () => ErrorAnswer | null,
): SocketEdge {
  const edge = createSocketEdge({ routes: socketRoutes(hub, limits, outage), limits, logger });

  io.use((socket, next) => {
    const ip = addressOf(socket.request.socket.remoteAddress, socket.request.headers['x-forwarded-for']);
    if (socket.conn.readyState !== 'open') return next(new Error('the connection closed while opening'));
    if (!limits.admitConnection(ip)) {
      logger.debug({ ip }, 'connection refused: too many from this address');
      return next(new Error('TOO_MANY_CONNECTIONS: this address has too many open connections'));
    }
    // The transport's close always fires, even when the socket never completes its connection.
    socket.conn.once('close', () => limits.releaseConnection(ip));
    socket.data.seat = null;
    socket.data.ip = ip;
    next();
  });

  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id, ip: socket.data.ip }, 'socket connected');
    edge.attach(socket as unknown as Socket);
    socket.on('disconnect', (reason) => {
      logger.debug({ socket: socket.id, reason }, 'socket disconnected');
      hub.unbind(socket);
    });
  });
  return edge;
}
