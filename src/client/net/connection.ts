/**
 * The one socket.io connection of this page, and request(): an event with a
 * payload, answered exactly once through its acknowledgement (or, when the
 * server does not answer in time, with an UNAVAILABLE answer).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ErrorAnswer, ServerToClientEvents } from '../../protocol/events';

export type FbSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type EventName = keyof ClientToServerEvents;
export type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
export type AnswerOf<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

let socket: FbSocket | null = null;

/** The page's socket, created on first use. It reconnects by itself. */
export function connection(): FbSocket {
  socket ??= io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
  });
  return socket;
}

export const NO_ANSWER: ErrorAnswer = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'The server did not answer in time. Check your connection; your work is kept.',
};

/** Sends one event and resolves with its answer (never rejects). */
export function request<E extends EventName>(event: E, payload: PayloadOf<E>, timeoutMs = 15_000): Promise<AnswerOf<E>> {
  const s = connection() as unknown as {
    timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: unknown, answer: unknown) => void): void };
  };
  return new Promise((resolve) => {
    s.timeout(timeoutMs).emit(event, payload, (err, answer) => {
      resolve((err ? NO_ANSWER : answer) as AnswerOf<E>);
    });
  });
}
