/**
 * firebreak/client: a small client library for the Firebreak socket protocol
 * (docs/protocol.md; its own guide is docs/protocol-client.md). It works in
 * Node and in the browser (socket.io-client, no Node APIs) and does what every
 * client must: typed requests answered exactly once, seats and their
 * credentials, resuming on every reconnect, following the view through its
 * patches (resyncing on a gap), command ids and safe retries, and waiting for
 * the view a command caused. The browser client (src/client/net/) is built on
 * it.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { CommandBody, DecisionDraft } from '../../engine/types';
import type { ExplainedScore } from '../../engine/messages/said';
import type { ExerciseView } from '../../engine/view/types';
import type { ReportCard } from '../../engine/grading/reportCard';
import type {
  ClientToServerEvents,
  CommandAck,
  DecisionPreviewAck,
  ErrorAnswer,
  ExportAck,
  Presence,
  SeatInfo,
  SeatJoinAck,
  SeatResumeAck,
  ScoreExplainAck,
  ServerToClientEvents,
  TeamReadyAck,
} from '../events';
import { ViewFollower, type ViewPatch } from '../patch';

export type * from '../events';
export type { ExerciseView } from '../../engine/view/types';
export type { CommandBody, DecisionDraft, Score } from '../../engine/types';
export type { ExplainedScore } from '../../engine/messages/said';
export type { ReportCard } from '../../engine/grading/reportCard';
export type { ViewPatch } from '../patch';
export { ViewFollower } from '../patch';

export type FbSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type EventName = keyof ClientToServerEvents;
export type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
export type AnswerOf<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** The answer given when the server does not answer in time (nothing is known to have changed). */
export const NO_ANSWER: ErrorAnswer = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'The server did not answer in time. Check your connection; your work is kept.',
};

/** Answers that mean "not applied, send the same command again shortly" (docs/protocol.md, "Answer codes"). */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'BUSY', 'STORAGE_ERROR', 'UNAVAILABLE']);

/** Opens a socket.io connection to a Firebreak server (WebSocket first, long polling as a fallback). */
export function connect(url?: string, options: Partial<ManagerOptions & SocketOptions> = {}): FbSocket {
  const settings = { transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 4000, ...options };
  return (url === undefined ? io(settings) : io(url, settings)) as FbSocket;
}

/**
 * Sends one event and calls `answered` exactly once with its answer (NO_ANSWER
 * when none comes in time). A callback, not emitWithAck: it runs before the
 * handler of any patch the command caused (docs/protocol.md, "Delivery order").
 */
export function send<E extends EventName>(socket: FbSocket, event: E, payload: PayloadOf<E>, timeoutMs: number, answered: (answer: AnswerOf<E>) => void): void {
  const s = socket as unknown as { timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: unknown, answer: unknown) => void): void } };
  let done = false;
  s.timeout(timeoutMs).emit(event, payload, (err, answer) => {
    if (done) return;
    done = true;
    answered((err ? NO_ANSWER : answer) as AnswerOf<E>);
  });
}

/** Sends one event and resolves with its answer; never rejects (no answer in time gives NO_ANSWER). */
export function request<E extends EventName>(socket: FbSocket, event: E, payload: PayloadOf<E>, timeoutMs = 15_000): Promise<AnswerOf<E>> {
  return new Promise((resolve) => send(socket, event, payload, timeoutMs, resolve));
}

function randomTag(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

interface Pending {
  payload: { id: string; body: CommandBody };
  resolve: (ack: CommandAck) => void;
  inFlight: boolean;
  attempts: number;
}

export interface CommandQueueOptions {
  /** How long to wait for one answer before sending again. */
  answerTimeoutMs?: number;
  /** Tries before giving up with UNAVAILABLE. */
  maxAttempts?: number;
}

/**
 * Sending commands: each gets a fresh id, and resolves exactly once with the
 * server's answer. A command without an answer (offline, timed out, or
 * answered with a retryable code) is sent again with the same id and body,
 * which the server applies at most once.
 */
export class CommandQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly tag = randomTag();
  private counter = 0;
  private readonly answerTimeoutMs: number;
  private readonly maxAttempts: number;

  /** canSend: whether the seat is bound right now (connected and resumed). */
  constructor(
    private readonly socket: FbSocket,
    private readonly canSend: () => boolean,
    options: CommandQueueOptions = {},
  ) {
    this.answerTimeoutMs = options.answerTimeoutMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Commands still waiting for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** A new command id: unique to this client, 1-64 of [A-Za-z0-9._:-]. */
  newId(): string {
    return `c-${this.tag}-${Date.now().toString(36)}-${++this.counter}`;
  }

  send(body: CommandBody, id = this.newId()): Promise<CommandAck> {
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
    send(this.socket, 'command', p.payload, this.answerTimeoutMs, (ack) => {
      p.inFlight = false;
      if (!ack.ok && RETRYABLE_CODES.has(ack.code)) return this.retryLater(id, ack.retryAfterMs ?? 1000);
      this.settle(id, ack);
    });
  }

  private retryLater(id: string, delayMs: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (p.attempts >= this.maxAttempts) {
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

/** Most references one score:explain takes (LIMITS.explanationsPerRequest). */
const EXPLANATIONS_PER_REQUEST = 64;

/**
 * Explanations fetched on request (score:explain) and kept by reference: a
 * score's reasons, or a whole report card. A reference names one explanation
 * for as long as the exercise keeps its scenario (the server gives a new
 * reference when what it explains to the seat changes). Asking for references
 * already held or already asked for costs nothing; `loaded` is called after
 * each answer.
 */
export class ScoreExplanations {
  private readonly held = new Map<string, ExplainedScore>();
  private readonly cards = new Map<string, ReportCard>();
  /** Asked for and not answered yet, or answered as unknown (not asked again until clear()). */
  private readonly asked = new Set<string>();

  constructor(
    private readonly socket: FbSocket,
    private readonly loaded: () => void = () => {},
  ) {}

  /** The explanation behind a score's reference, once fetched. */
  get(ref: string | null): ExplainedScore | undefined {
    return ref === null ? undefined : this.held.get(ref);
  }

  /** The whole report card behind a card's reference, once fetched. */
  card(ref: string): ReportCard | undefined {
    return this.cards.get(ref);
  }

  /** Whether the explanation behind a reference has arrived. */
  has(ref: string): boolean {
    return this.held.has(ref) || this.cards.has(ref);
  }

  /** Fetches the references not held or asked for yet (nulls are skipped); resolves once they are answered. */
  async load(refs: Iterable<string | null>): Promise<void> {
    const missing = [...new Set(refs)].filter((ref): ref is string => ref !== null && !this.has(ref) && !this.asked.has(ref));
    if (missing.length === 0) return;
    for (const ref of missing) this.asked.add(ref);
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += EXPLANATIONS_PER_REQUEST) batches.push(missing.slice(i, i + EXPLANATIONS_PER_REQUEST));
    await Promise.all(batches.map((batch) => this.fetch(batch)));
    this.loaded();
  }

  /** Forgets everything (another seat, or a scenario edit that may have renumbered what the references name). */
  clear(): void {
    this.held.clear();
    this.cards.clear();
    this.asked.clear();
  }

  private async fetch(refs: string[]): Promise<void> {
    const answer = await request(this.socket, 'score:explain', { refs });
    if (!answer.ok) {
      // Not answered (offline, rate limited): ask again next time.
      for (const ref of refs) this.asked.delete(ref);
      return;
    }
    for (const [ref, score] of Object.entries(answer.explanations)) this.held.set(ref, score);
    for (const [ref, card] of Object.entries(answer.reportCards)) this.cards.set(ref, card);
    for (const ref of [...Object.keys(answer.explanations), ...Object.keys(answer.reportCards)]) this.asked.delete(ref);
  }
}

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'failed';

export interface SeatSessionOptions extends CommandQueueOptions {
  /** Called with the server's time (epoch ms) from every resume answer and patch. */
  onServerTime?: (serverNow: number) => void;
  /** Called after each successful resume (e.g. to store the seat's name). */
  onResumed?: (answer: Extract<SeatResumeAck, { ok: true }>) => void;
  /** Called when the credential is not known (the seat is gone for good). */
  onInvalidCredential?: (answer: ErrorAnswer) => void;
  /** The language the person reads (a BCP 47 tag), sent with every join and resume: the view carries the scenario's translation into it, if there is one. */
  language?: () => string;
}

/**
 * One seat's live session on a socket: resumes the seat with its credential
 * on every (re)connection, holds the view (the full view of the last resume
 * with every patch applied, resyncing on a gap) and the presence list, and
 * sends commands that resolve once the view shows them.
 */
export class SeatSession {
  seat: SeatInfo | null = null;
  presence: Presence | null = null;
  status: ConnectionStatus = 'connecting';
  /** Why the seat could not be resumed (an unknown credential). */
  failure: ErrorAnswer | null = null;
  readonly commands: CommandQueue;
  /** Score explanations fetched on request; a change is announced when they arrive. */
  readonly explanations: ScoreExplanations;
  private readonly follower = new ViewFollower(() => void this.resume());
  private readonly listeners = new Set<() => void>();
  private readonly offs: (() => void)[] = [];
  private bound = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly socket: FbSocket,
    public credential: string | null,
    private readonly options: SeatSessionOptions = {},
  ) {
    this.commands = new CommandQueue(socket, () => this.bound && this.socket.connected, options);
    this.explanations = new ScoreExplanations(socket, () => this.changed());
  }

  /** The view held: the seat's projection of the exercise (docs/protocol/schemas/ExerciseView.schema.json). */
  get view(): ExerciseView | null {
    return this.follower.view;
  }

  /** Starts following: resumes now (when connected) and after every reconnect. */
  start(): this {
    this.on('connect', () => void this.resume());
    this.on('disconnect', () => {
      this.bound = false;
      this.setStatus(this.view ? 'reconnecting' : 'connecting');
    });
    this.on('view:patch', (patch: ViewPatch, now: number) => {
      this.options.onServerTime?.(now);
      // A patch that keeps the seq changed only the scenario (an author's edit): the exercise was replayed on it.
      if (patch.from === patch.to) this.explanations.clear();
      if (this.follower.patch(patch)) this.changed();
    });
    this.on('presence', (presence: Presence) => {
      if (this.seat && presence.exerciseId !== this.seat.exerciseId) return;
      this.presence = presence;
      this.changed();
    });
    if (this.socket.connected) void this.resume();
    else this.socket.connect();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const off of this.offs) off();
    this.offs.length = 0;
    this.listeners.clear();
  }

  /** Calls fn whenever the view, the presence or the status changes; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Takes a new seat with a join code; the session then follows it. */
  async join(code: string, name: string): Promise<SeatJoinAck> {
    this.follower.expectFull();
    const answer = await request(this.socket, 'seat:join', { code, name, ...this.reads() });
    if (!answer.ok) return answer;
    this.credential = answer.credential;
    this.bound = true;
    this.seated(answer);
    return answer;
  }

  /** Binds the socket to the session's seat and replaces the view with the server's full one. */
  async resume(): Promise<SeatResumeAck> {
    if (!this.credential) return { ok: false, code: 'NOT_JOINED', message: 'No seat to resume: join with a code first.' };
    if (this.stopped) return { ok: false, code: 'UNAVAILABLE', message: 'This session has stopped.' };
    this.follower.expectFull();
    this.bound = false;
    const answer = await request(this.socket, 'seat:resume', { credential: this.credential, ...(this.view ? { lastSeq: this.view.seq } : {}), ...this.reads() });
    if (this.stopped) return answer;
    if (!answer.ok) {
      this.resumeFailed(answer);
      return answer;
    }
    this.bound = true;
    this.seated(answer);
    this.options.onResumed?.(answer);
    return answer;
  }

  /** The language field of a join or resume, when the session has one to send. */
  private reads(): { language?: string } {
    const language = this.options.language?.();
    return language ? { language } : {};
  }

  /** After the person changes language: resumes, so the view comes back whole with the scenario's texts in it. */
  languageChanged(): Promise<SeatResumeAck> {
    return this.resume();
  }

  /**
   * Sends a command (retrying safely) and resolves with its answer once the
   * view held shows it (view.seq >= answer.seq); a refusal resolves at once.
   */
  async command(body: CommandBody, id?: string): Promise<CommandAck> {
    const ack = await this.commands.send(body, id);
    if (ack.ok) await this.viewReaches(ack.seq);
    return ack;
  }

  /** A team member's vote to lock the team's decisions. */
  ready(ready: boolean): Promise<TeamReadyAck> {
    return request(this.socket, 'team:ready', { ready });
  }

  preview(draft: DecisionDraft): Promise<DecisionPreviewAck> {
    return request(this.socket, 'decision:preview', { draft });
  }

  export(format: 'json' | 'csv' | 'grades'): Promise<ExportAck> {
    return request(this.socket, 'export', { format }, 30_000);
  }

  /** The explanations behind scores the view refers to (their `explanation` references), uncached; see `explanations` for the cached way. */
  explain(refs: string[]): Promise<ScoreExplainAck> {
    return request(this.socket, 'score:explain', { refs });
  }

  /** Resolves with the view once it satisfies the predicate (checked now and on every change). */
  waitForView(predicate: (view: ExerciseView) => boolean): Promise<ExerciseView> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const view = this.view;
        if (!view || !predicate(view)) return false;
        resolve(view);
        return true;
      };
      if (check()) return;
      const off = this.onChange(() => {
        if (check()) off();
      });
    });
  }

  /** This seat's entry in the presence list (its lead flag and ready vote are kept current there). */
  get mySeat() {
    return this.presence?.seats.find((s) => s.seatId === this.seat?.seatId) ?? null;
  }

  private viewReaches(seq: number): Promise<ExerciseView> {
    return this.waitForView((view) => view.seq >= seq);
  }

  private seated(answer: Extract<SeatJoinAck | SeatResumeAck, { ok: true }>): void {
    this.options.onServerTime?.(answer.serverNow);
    if (this.seat?.seatId !== answer.seat.seatId) this.explanations.clear();
    this.seat = answer.seat;
    this.failure = null;
    this.follower.full(answer.view);
    this.setStatus('online');
    this.commands.flush();
  }

  private resumeFailed(answer: ErrorAnswer): void {
    if (answer.code === 'INVALID_CREDENTIAL') {
      this.failure = answer;
      this.options.onInvalidCredential?.(answer);
      this.setStatus('failed');
      return;
    }
    // The server is starting, busy or unreachable: try again shortly.
    this.setStatus(this.view ? 'reconnecting' : 'connecting');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.socket.connected) void this.resume();
    }, answer.retryAfterMs ?? 2000);
  }

  private on(event: string, fn: (...args: never[]) => void): void {
    const s = this.socket as unknown as { on(e: string, f: unknown): void; off(e: string, f: unknown): void };
    s.on(event, fn);
    this.offs.push(() => s.off(event, fn));
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.changed();
  }

  private changed(): void {
    for (const fn of [...this.listeners]) fn();
  }
}

/** Waits until a freshly opened socket has connected (or failed to). */
export function connected(socket: FbSocket, timeoutMs = 15_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection after ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
