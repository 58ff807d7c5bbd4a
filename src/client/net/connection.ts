/**
 * The one socket.io connection of this page, and request(): an event with a
 * payload, answered exactly once (the client library's request, on this
 * page's socket).
 */
import { connect, request as requestOn, type AnswerOf, type EventName, type FbSocket, type PayloadOf } from '../../protocol/client';

export type { AnswerOf, EventName, FbSocket, PayloadOf } from '../../protocol/client';
export { NO_ANSWER } from '../../protocol/client';

let socket: FbSocket | null = null;

/** The page's socket, created on first use. It reconnects by itself. */
export function connection(): FbSocket {
  socket ??= connect(undefined, { path: '/socket.io' });
  return socket;
}

/** Sends one event and resolves with its answer (never rejects). */
export function request<E extends EventName>(event: E, payload: PayloadOf<E>, timeoutMs = 15_000): Promise<AnswerOf<E>> {
  return requestOn(connection(), event, payload, timeoutMs);
}
