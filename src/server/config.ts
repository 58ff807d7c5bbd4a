/**
 * The server's limits and boundary settings, in one table: each has a
 * default, an environment variable and a `firebreak serve` flag, all derived
 * from its entry here (docs/server.md lists the same table). A value that
 * does not parse is a clear error at start-up, never a silent default.
 */
import { trustList } from './address';

export interface Limits {
  /** Events one socket may send per second, sustained. */
  eventsPerSecond: number;
  /** Extra events one socket may send in a burst... */
  eventBurst: number;
  /** ...refilled over this many seconds. */
  eventBurstSeconds: number;
  /** Events all the sockets of one address may send per second together. */
  addressEventsPerSecond: number;
  /** Simultaneous socket connections from one address. */
  connectionsPerAddress: number;
  /** Failed joins (any join that did not seat) per address per window; then every join from it is refused. */
  failedJoinsPerAddress: number;
  failedJoinWindowMinutes: number;
  /** Seats one exercise may gain per minute, whoever joins. */
  joinsPerExercisePerMinute: number;
  /** Exercises one address may create per minute. */
  createsPerMinute: number;
  /** Most seats (players, observers, ...) per exercise. */
  maxSeatsPerExercise: number;
  /** Most commands waiting in one exercise's queue before answering BUSY. */
  maxQueuePerExercise: number;
  /** With several processes: seconds an exercise's owner may go without renewing its lease before another takes over. */
  leaseSeconds: number;
}

export interface Boundary {
  /** Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  /** Origins besides the server's own that may open sockets and call the API (https://example.org). */
  allowedOrigins: string[];
  /** Host names (with :port when not the default) the server answers to; empty: any (no DNS-rebinding check). */
  publicHosts: string[];
}

export type ServerConfig = Limits & Boundary;

interface Setting<K extends keyof ServerConfig> {
  key: K;
  flag: string;
  env: string;
  default: ServerConfig[K];
  min?: number;
  help: string;
}

type AnySetting = { [K in keyof ServerConfig]: Setting<K> }[keyof ServerConfig];

const int = <K extends keyof Limits>(key: K, flag: string, def: number, help: string, min = 1): Setting<K> => ({
  key,
  flag,
  env: `FIREBREAK_${flag.replace(/-/g, '_').toUpperCase()}`,
  default: def,
  min,
  help,
});
const list = <K extends keyof Boundary>(key: K, flag: string, help: string): Setting<K> => ({
  key,
  flag,
  env: `FIREBREAK_${flag.replace(/-/g, '_').toUpperCase()}`,
  default: [],
  help,
});

export const SETTINGS: readonly AnySetting[] = [
  int('eventsPerSecond', 'events-per-second', 20, 'events one socket may send per second'),
  int('eventBurst', 'event-burst', 20, 'extra events one socket may send in a burst', 0),
  int('eventBurstSeconds', 'event-burst-seconds', 5, 'seconds over which the burst refills'),
  int('addressEventsPerSecond', 'address-events-per-second', 200, 'events all sockets of one address may send per second together'),
  int('connectionsPerAddress', 'connections-per-address', 100, 'simultaneous socket connections from one address'),
  int('failedJoinsPerAddress', 'failed-joins-per-address', 30, 'failed joins per address per window; then every join from it is refused'),
  int('failedJoinWindowMinutes', 'failed-join-window-minutes', 10, 'length of that window in minutes'),
  int('joinsPerExercisePerMinute', 'joins-per-exercise-per-minute', 120, 'seats one exercise may gain per minute'),
  int('createsPerMinute', 'creates-per-minute', 30, 'exercises one address may create per minute'),
  int('maxSeatsPerExercise', 'max-seats-per-exercise', 200, 'most seats in one exercise'),
  int('maxQueuePerExercise', 'max-queue-per-exercise', 500, 'most commands waiting in one exercise before BUSY'),
  int('leaseSeconds', 'lease-seconds', 10, 'with several processes: seconds an exercise\'s owner may go silent before another process takes it over'),
  list('trustedProxies', 'trusted-proxies', 'addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed'),
  list('allowedOrigins', 'allowed-origins', 'origins besides the server\'s own allowed to open sockets and call the API'),
  list('publicHosts', 'public-hosts', 'host names the server answers to (refuses any other Host: DNS rebinding)'),
];

export const DEFAULT_CONFIG: ServerConfig = Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])) as unknown as ServerConfig;

export class ConfigError extends Error {}

function parseValue(setting: AnySetting, raw: string, source: string): number | string[] {
  if (Array.isArray(setting.default)) {
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const value = Number(raw);
  const min = setting.min ?? 1;
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(`${source} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return value;
}

/** The settings given in the environment (FIREBREAK_EVENTS_PER_SECOND=...). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ServerConfig> {
  const out: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '') out[setting.key] = parseValue(setting, raw, setting.env);
  }
  return out as Partial<ServerConfig>;
}

/** The settings given as flags, from commander's options object (camel-cased flag names). */
export function configFromFlags(options: Record<string, unknown>): Partial<ServerConfig> {
  const out: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const raw = options[camel(setting.flag)];
    if (typeof raw === 'string') out[setting.key] = parseValue(setting, raw, `--${setting.flag}`);
  }
  return out as Partial<ServerConfig>;
}

export function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Defaults, overridden by the environment, overridden by explicit options; checked. */
export function resolveConfig(...layers: (Partial<ServerConfig> | undefined)[]): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined && key in config) (config as unknown as Record<string, unknown>)[key] = value;
  }
  try {
    trustList(config.trustedProxies);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  for (const origin of config.allowedOrigins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`allowed origin "${origin}" is not a URL like https://example.org`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`allowed origin "${origin}" must be scheme://host[:port], nothing more`);
  }
  return config;
}
