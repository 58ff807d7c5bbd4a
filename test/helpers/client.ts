/**
 * A real socket.io client for tests: records every packet it receives
 * (events and acknowledgements), so tests can assert on what a seat was
 * actually sent, and waits on explicit conditions rather than on time. It
 * follows its seat's view the way docs/protocol.md says a client must: the
 * full view of each join or resume, then the server's patches, resuming when
 * a patch does not follow.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CommandBody } from '../../src/engine/types';
import type { ExerciseView } from '../../src/engine/view/types';
import type {
  ClientToServerEvents,
  CommandAck,
  ExerciseCreateAck,
  Presence,
  SeatJoinAck,
  SeatResumeAck,
  ServerToClientEvents,
} from '../../src/protocol/events';
import { ViewFollower } from '../../src/protocol/patch';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const DEFAULT_WAIT_MS = 15_000;

export async function waitUntil<T>(
  probe: () => T | null | undefined | false,
  what: string,
  timeoutMs = DEFAULT_WAIT_MS,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export class TestClient {
  /** Every socket.io packet payload received (events and acks), as JSON text. */
  readonly packets: string[] = [];
  /** Every view this client has held, in order (full views and patched ones). */
  readonly views: ExerciseView[] = [];
  /** Resumes asked for because a patch did not follow the view held. */
  resyncs = 0;
  private readonly follower = new ViewFollower(() => void this.resync());
  readonly presences: Presence[] = [];
  readonly serverErrors: unknown[] = [];
  credential: string | null = null;

  private constructor(
    readonly socket: ClientSocket,
    readonly label: string,
  ) {
    socket.io.on('packet', (packet: { data?: unknown }) => {
      this.packets.push(JSON.stringify(packet.data ?? null));
    });
    socket.on('view:patch', (patch) => {
      if (this.follower.patch(patch)) this.views.push(this.follower.view!);
    });
    socket.on('presence', (presence) => this.presences.push(presence));
    socket.on('server:error', (error) => this.serverErrors.push(error));
  }

  /** `headers` are sent with the handshake (e.g. an Origin, or X-Forwarded-For as a proxy would). */
  static async connect(url: string, label = 'client', options: { headers?: Record<string, string>; transport?: 'websocket' | 'polling' } = {}): Promise<TestClient> {
    const socket: ClientSocket = io(url, {
      transports: [options.transport ?? 'websocket'],
      ...(options.headers ? { extraHeaders: options.headers } : {}),
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    const client = new TestClient(socket, label);
    await client.connected();
    return client;
  }

  async connected(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: no connection after ${timeoutMs} ms`)), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get view(): ExerciseView | null {
    return this.views[this.views.length - 1] ?? null;
  }

  /** Emits an event and resolves with its acknowledgement. */
  async request<T = unknown>(event: string, payload?: unknown, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const socket = this.socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, ...args: unknown[]): Promise<T> } };
    const args = payload === undefined ? [] : [payload];
    return socket.timeout(timeoutMs).emitWithAck(event, ...args);
  }

  async create(payload: Record<string, unknown>): Promise<Extract<ExerciseCreateAck, { ok: true }>> {
    const ack = await this.request<ExerciseCreateAck>('exercise:create', payload);
    if (!ack.ok) throw new Error(`${this.label}: create failed: ${ack.code} ${ack.message} ${(ack.problems ?? []).join('\n')}`);
    return ack;
  }

  /** `language` is what the person reads (seat:join's language). */
  async join(code: string, name: string, language?: string): Promise<Extract<SeatJoinAck, { ok: true }>> {
    this.follower.expectFull();
    const ack = await this.request<SeatJoinAck>('seat:join', { code, name, ...(language ? { language } : {}) });
    if (!ack.ok) throw new Error(`${this.label}: join failed: ${ack.code} ${ack.message}`);
    this.credential = ack.credential;
    this.views.push(this.follower.full(ack.view));
    return ack;
  }

  async resume(credential: string, lastSeq?: number, language?: string): Promise<Extract<SeatResumeAck, { ok: true }>> {
    this.follower.expectFull();
    const ack = await this.request<SeatResumeAck>('seat:resume', { credential, ...(lastSeq === undefined ? {} : { lastSeq }), ...(language ? { language } : {}) });
    if (!ack.ok) throw new Error(`${this.label}: resume failed: ${ack.code} ${ack.message}`);
    this.credential = credential;
    this.views.push(this.follower.full(ack.view));
    return ack;
  }

  /** Asks for a full view after a patch that did not follow the view held. */
  private async resync(): Promise<void> {
    if (!this.credential) return;
    this.resyncs += 1;
    await this.resume(this.credential).catch(() => {});
  }

  command(body: CommandBody, id: string = randomUUID()): Promise<CommandAck> {
    return this.request<CommandAck>('command', { id, body });
  }

  /** Sends a command that must be accepted, and waits for the view that shows it. */
  async must(body: CommandBody, id?: string): Promise<number> {
    const ack = await this.command(body, id);
    if (!ack.ok) throw new Error(`${this.label}: ${body.type} rejected: ${ack.code} ${ack.message}`);
    await this.waitForView((v) => v.seq >= ack.seq, `${body.type} seq ${ack.seq}`);
    return ack.seq;
  }

  async waitForView(predicate: (view: ExerciseView) => boolean, what = 'a view', timeoutMs = DEFAULT_WAIT_MS): Promise<ExerciseView> {
    return waitUntil(() => {
      const view = this.view;
      return view && predicate(view) ? view : null;
    }, `${this.label}: ${what}`, timeoutMs);
  }

  /**
   * Writes a socket.io packet as raw text (e.g. `21["error",null]`: an event
   * with ack id 1), bypassing the client library's checks, as a hostile
   * client would. Answers arrive in `packets` (e.g. `[...]` for ack id 1).
   */
  sendRaw(packet: string): void {
    const engine = (this.socket.io as unknown as { engine: { write(msg: string): void } }).engine;
    engine.write(packet);
  }

  /** Everything this client has received, as one string. */
  receivedText(): string {
    return this.packets.join('\n');
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  reconnect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners?.();
    this.socket.disconnect();
  }
}

/** Opens a socket that the server should refuse; resolves with the refusal's message. */
export function connectError(url: string, headers: Record<string, string>, transport: 'websocket' | 'polling' = 'websocket'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: [transport], forceNew: true, reconnection: false, extraHeaders: headers });
    socket.on('connect', () => {
      socket.close();
      reject(new Error('the server accepted a connection it should have refused'));
    });
    socket.on('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}
