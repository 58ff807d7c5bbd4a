/**
 * The link to Redis (`--redis redis://...` or REDIS_URL): two node-redis
 * clients, one publishing and one subscribed, under the socket.io Redis
 * adapter, which carries broadcasts and messages between server processes.
 *
 * Either client losing its connection makes the link unhealthy: /healthz
 * reports `redis.state` `unreachable` with the reason and writing events are
 * refused (server.ts, outage()) until both are ready again. node-redis
 * reconnects by itself (every 2 s at most) and subscribes again.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { redact } from '../storage/postgres';

/** What /healthz says about a service the server depends on besides its database. */
export interface ServiceReport {
  ok: boolean;
  state: 'ok' | 'unreachable';
  /** Where it is (a URL without its password). */
  location: string;
  /** A sentence an operator can act on, when not ok. */
  reason?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;
/** Channel prefix of the adapter: keeps Firebreak's messages apart from anything else on the same Redis. */
const CHANNEL_PREFIX = 'firebreak';

type Client = ReturnType<typeof createClient>;

export class RedisLink {
  private lastError: string | null = null;
  private closed = false;

  private constructor(
    private readonly pub: Client,
    private readonly sub: Client,
    readonly location: string,
    private readonly requestsTimeoutMs: number,
    private readonly logger: Logger,
  ) {
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      // Without an error listener a lost connection would end the process.
      client.on('error', (err: Error) => this.noteError(name, err));
      client.on('ready', () => {
        if (this.pub.isReady && this.sub.isReady && this.lastError) {
          this.logger.info({ redis: this.location }, 'Redis is reachable again');
          this.lastError = null;
        }
      });
    }
  }

  /** Connects both clients; throws a sentence when Redis does not answer within 10 s. */
  static async open(url: string, logger: Logger, options: { requestsTimeoutMs?: number } = {}): Promise<RedisLink> {
    const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 2000);
    const pub = createClient({ url, socket: { reconnectStrategy, connectTimeout: 5000 } });
    const sub = pub.duplicate();
    const link = new RedisLink(pub, sub, redact(url, 'redis'), options.requestsTimeoutMs ?? 5000, logger);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all([pub.connect(), sub.connect()]), timeout]);
    } catch (err) {
      await link.close();
      throw new Error(`cannot reach Redis at ${link.location}: ${link.lastError ?? (err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return link;
  }

  private noteError(client: string, err: Error): void {
    if (this.closed) return;
    const message = err.message || err.name;
    if (this.lastError !== message) this.logger.error({ redis: this.location, client, err: message }, 'Redis connection failed');
    this.lastError = message;
  }

  /** The socket.io adapter over this link. */
  adapter() {
    const pub = this.guarded(this.pub, 'publisher', ['publish']);
    const sub = this.guarded(this.sub, 'subscriber', ['subscribe', 'pSubscribe', 'sSubscribe', 'unsubscribe', 'pUnsubscribe', 'sUnsubscribe']);
    return createAdapter(pub, sub, { key: CHANNEL_PREFIX, requestsTimeout: this.requestsTimeoutMs });
  }

  /**
   * A client as the adapter sees it. The adapter publishes and subscribes
   * without waiting for the answer, so a command that fails while Redis is
   * away (the connection reset under it) would be an unhandled rejection,
   * which ends a Node process. Here the failure is noted instead: /healthz
   * and the refusals already say that Redis is lost, the client subscribes
   * again when it reconnects, and a broadcast is not retried because each
   * process reads what it missed from the log.
   */
  private guarded(client: Client, name: string, unawaited: readonly string[]): Client {
    return new Proxy(client, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (typeof property !== 'string' || !unawaited.includes(property)) return value.bind(target);
        return (...args: unknown[]) => {
          const sent: unknown = value.apply(target, args);
          if (sent instanceof Promise) sent.catch((err: Error) => this.noteError(name, err));
          return sent;
        };
      },
    });
  }

  report(): ServiceReport {
    if (this.pub.isReady && this.sub.isReady) return { ok: true, state: 'ok', location: this.location };
    const reason = `Redis at ${this.location} cannot be reached${this.lastError ? `: ${this.lastError}` : ''}`;
    return { ok: false, state: 'unreachable', location: this.location, reason };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const client of [this.pub, this.sub]) {
      try {
        if (client.isReady) await client.close();
        else client.destroy();
      } catch {
        // Closing a client that never connected: nothing to release.
      }
    }
  }
}
