/**
 * Sending commands: each gets an id, and each resolves exactly once with
 * the server's answer. A command sent while offline (or whose answer was
 * lost with the connection) is sent again, with the same id, once the seat
 * is resumed: the server answers a repeated id with its first answer, so a
 * retry never applies a command twice.
 */
import type { CommandBody } from '../../engine/types';
import type { CommandAck } from '../../protocol/events';
import type { FbSocket } from './connection';

interface Pending {
  payload: { id: string; body: CommandBody };
  resolve: (ack: CommandAck) => void;
  inFlight: boolean;
  attempts: number;
}

const ANSWER_TIMEOUT_MS = 15_000;
/** Answers that mean "not applied, send the same command again shortly" (see docs/protocol.md). */
const RETRYABLE = new Set(['RATE_LIMITED', 'BUSY', 'STORAGE_ERROR', 'UNAVAILABLE']);
const MAX_ATTEMPTS = 8;

function randomTag(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

export class CommandSender {
  private readonly pending = new Map<string, Pending>();
  private readonly tag = randomTag();
  private counter = 0;

  /** canSend: whether the seat is bound right now (connected and resumed). */
  constructor(
    private readonly socket: FbSocket,
    private readonly canSend: () => boolean,
  ) {}

  get waiting(): number {
    return this.pending.size;
  }

  send(body: CommandBody): Promise<CommandAck> {
    const id = `c-${this.tag}-${Date.now().toString(36)}-${++this.counter}`;
    return new Promise((resolve) => {
      this.pending.set(id, { payload: { id, body }, resolve, inFlight: false, attempts: 0 });
      if (this.canSend()) this.transmit(id);
    });
  }

  /** Sends every command still waiting for an answer (after a resume). */
  flush(): void {
    for (const [id, p] of this.pending) if (!p.inFlight) this.transmit(id);
  }

  private transmit(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    p.inFlight = true;
    p.attempts += 1;
    this.socket.timeout(ANSWER_TIMEOUT_MS).emit('command', p.payload, (err: Error | null, ack: CommandAck) => {
      p.inFlight = false;
      if (err) return this.retryLater(id);
      if (!ack.ok && RETRYABLE.has(ack.code)) return this.retryLater(id, ack.retryAfterMs ?? 1000);
      this.settle(id, ack);
    });
  }

  private retryLater(id: string, delayMs = 1000): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (p.attempts >= MAX_ATTEMPTS) {
      return this.settle(id, { ok: false, code: 'UNAVAILABLE', message: 'No answer from the server after several tries; send it again.' });
    }
    setTimeout(() => {
      if (this.pending.has(id) && !p.inFlight && this.canSend()) this.transmit(id);
    }, delayMs);
  }

  private settle(id: string, ack: CommandAck): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.resolve(ack);
  }
}
