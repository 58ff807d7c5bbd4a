/**
 * Server benchmark: npm run bench:server [-- --sizes 50,100 --seconds 15 --deployments sqlite,postgres,redis2 --json --cpu-prof DIR]
 *
 * For each deployment and size N, fresh server processes run N concurrent
 * exercises. Deployments (--deployments, comma-separated; default sqlite):
 *   sqlite    one process, the default durable SQLite log in a fresh folder;
 *   postgres  one process on a throw-away PostgreSQL (fsync on, as shipped);
 *   redis2    two processes on one PostgreSQL and one Redis (docs/deploy.md);
 *             exercise i is created through process i mod 2, which owns it,
 *             and its seats connect to that process (a balancer that keeps an
 *             exercise's seats together), unless --spread puts every second
 *             seat on the other process (its commands forwarded).
 * PostgreSQL and Redis are throw-away instances (test/support/services.ts).
 *
 * Each exercise of scenarios/romania-2024.json,
 * each with a facilitator and one seat per team (four teams: five seats).
 * Every team drafts a legal action (one its view marks available) every
 * 2 s ± 50 %, and locks once it has drafted what it planned; the facilitator
 * starts the exercise and advances whenever a round's results are in. Where
 * `taskset` exists the server is pinned to CPU 0 and this load process to
 * CPU 1, so the two do not compete for one core.
 *
 * Printed per size (a table row, and one JSON line with --json):
 *   exercises, seats, accepted commands per second;
 *   command-to-view latency p50/p95/p99/max: from emitting a command to the
 *     moment each seat of its exercise holds a view with the command's seq
 *     (every seat, not only the sender);
 *   ack latency p50/p99: from emitting a command to its answer;
 *   server CPU ms per accepted command (user + system of the server process);
 *   mean and max bytes per message a seat received after its first view, and
 *     mean view bytes per seat per change (patches only);
 *   server RSS per exercise (after play, minus the empty server's, over N).
 *
 * --cpu-prof DIR writes the server's V8 CPU profile(s) there (open in Chrome
 * DevTools). Environment equivalents: BENCH_SIZES, BENCH_SECONDS,
 * BENCH_SCENARIO, BENCH_CPU_PROF.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadScenarioText } from '../src/engine';
import type { CommandBody } from '../src/engine/types';
import type { ExerciseView } from '../src/engine/view/types';
import type {
  ClientToServerEvents,
  CommandAck,
  ExerciseCreateAck,
  SeatJoinAck,
  SeatResumeAck,
  ServerToClientEvents,
} from '../src/protocol/events';
import { ViewFollower } from '../src/protocol/patch';
import { startServer } from '../src/server/server';
import { legalDrafts } from '../test/helpers/bot';
import { startPostgres, startRedis, type PostgresInstance, type RedisInstance } from '../test/support/services';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const WARM_UP_MS = 3000;

// ---------------------------------------------------------------------------
// Child: the server under test

interface Sample {
  rss: number;
  /** CPU time of the server process so far (user + system), ms. */
  cpuMs: number;
}

async function child(dataDir: string, scenariosDir: string, database: string, redis: string): Promise<void> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir,
    distDir: join(dataDir, 'no-dist'),
    logger: pino({ level: 'error' }),
    ...(database ? { database } : {}),
    ...(redis ? { redis } : {}),
    limits: { createsPerMinute: 1_000_000, failedJoinsPerAddress: 1_000_000, addressEventsPerSecond: 1_000_000, connectionsPerAddress: 1_000_000, joinsPerExercisePerMinute: 1_000_000 },
  });
  const sample = (): Sample => {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    return { rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'sample') process.send!({ type: 'sample', sample: sample() });
    // process.exit after close lets --cpu-prof write its profile.
    if (msg.type === 'stop') void server.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', port: server.port, sample: sample() });
}

// ---------------------------------------------------------------------------
// Parent: the load

/** What one run measures; reset when the measuring window opens. */
class Measures {
  measuring = false;
  running = true;
  accepted = 0;
  acks: number[] = [];
  /** Per command: seat-arrival latencies, ms. */
  toView: number[] = [];
  /** Commands whose view had not reached every seat when the run ended. */
  unseen = 0;
  messages = 0;
  messageBytes = 0;
  maxMessageBytes = 0;
  patchBytes = 0;
  resyncs = 0;
  rejected = new Map<string, number>();
}

/** One exercise: when each seq was sent (measured commands only) and when each seat first held it. */
class Exercise {
  readonly sentAt = new Map<number, number>();
  readonly seenAt = new Map<number, number[]>();
  seats: Seat[] = [];

  seen(from: number, to: number, at: number): void {
    for (let seq = from + 1; seq <= to; seq++) {
      let list = this.seenAt.get(seq);
      if (!list) this.seenAt.set(seq, (list = []));
      list.push(at);
    }
  }
}

class Seat {
  readonly follower: ViewFollower;
  credential = '';

  constructor(
    readonly socket: ClientSocket,
    readonly exercise: Exercise,
    readonly m: Measures,
  ) {
    this.follower = new ViewFollower(() => void this.resume(this.credential, true));
    socket.on('view:patch', (patch) => {
      const before = this.follower.view?.seq ?? 0;
      if (this.follower.patch(patch)) this.exercise.seen(before, this.follower.view!.seq, performance.now());
    });
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (!this.m.measuring || packet.type !== 'message' || typeof packet.data !== 'string') return;
      const bytes = Buffer.byteLength(packet.data);
      this.m.messages += 1;
      this.m.messageBytes += bytes;
      this.m.maxMessageBytes = Math.max(this.m.maxMessageBytes, bytes);
      if (packet.data.startsWith('2["view:patch"')) this.m.patchBytes += bytes;
    });
  }

  get view(): ExerciseView {
    return this.follower.view!;
  }

  static async open(url: string, exercise: Exercise, m: Measures): Promise<Seat> {
    const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const seat = new Seat(socket, exercise, m);
    exercise.seats.push(seat);
    return seat;
  }

  async join(code: string, name: string): Promise<void> {
    this.follower.expectFull();
    const joined = (await this.socket.emitWithAck('seat:join', { code, name })) as SeatJoinAck;
    if (!joined.ok) throw new Error(`join failed: ${joined.code} ${joined.message}`);
    this.credential = joined.credential;
    this.full(joined.view);
  }

  async resume(credential: string, resync = false): Promise<void> {
    if (resync) this.m.resyncs += 1;
    this.credential = credential;
    this.follower.expectFull();
    const resumed = (await this.socket.emitWithAck('seat:resume', { credential })) as SeatResumeAck;
    if (!resumed.ok) throw new Error(`resume failed: ${resumed.code} ${resumed.message}`);
    this.full(resumed.view);
  }

  private full(view: ExerciseView): void {
    const before = this.follower.view?.seq ?? view.seq;
    const held = this.follower.full(view);
    if (held.seq > before) this.exercise.seen(before, held.seq, performance.now());
  }

  async send(body: CommandBody): Promise<CommandAck> {
    const measured = this.m.measuring;
    const t0 = performance.now();
    const ack = await this.socket.timeout(30_000).emitWithAck('command', { id: randomUUID(), body });
    if (ack.ok) {
      this.m.accepted += 1;
      if (measured && this.m.measuring) {
        this.m.acks.push(performance.now() - t0);
        this.exercise.sentAt.set(ack.seq, t0);
      }
    } else {
      this.m.rejected.set(ack.code, (this.m.rejected.get(ack.code) ?? 0) + 1);
    }
    return ack;
  }

  close(): void {
    this.socket.disconnect();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** Sets up an exercise through urls[0] (its owner); with a second url, every second team seat connects there. */
async function setUpExercise(urls: string[], scenarioId: string, index: number, m: Measures): Promise<Exercise> {
  const url = urls[0]!;
  const exercise = new Exercise();
  const facilitator = await Seat.open(url, exercise, m);
  const created = (await facilitator.socket.emitWithAck('exercise:create', { scenarioId, seed: `bench-${index}` })) as ExerciseCreateAck;
  if (!created.ok) throw new Error(`create failed: ${created.code} ${created.message}`);
  await facilitator.resume(created.facilitatorCredential);
  await Promise.all(
    Object.values(created.codes.teams).map(async (code, i) => {
      const seat = await Seat.open(urls[i % urls.length]!, exercise, m);
      await seat.join(code, `team bot ${i}`);
    }),
  );
  return exercise;
}

/** Runs a bot; an error ends that bot and is counted, not fatal. */
async function guarded(m: Measures, bot: () => Promise<void>): Promise<void> {
  try {
    await bot();
  } catch (err) {
    const count = (m.rejected.get('BOT_ERROR') ?? 0) + 1;
    m.rejected.set('BOT_ERROR', count);
    if (count === 1) console.error('bot failed:', err);
  }
}

async function facilitatorBot(m: Measures, seat: Seat): Promise<void> {
  await seat.send({ type: 'startExercise' });
  while (m.running) {
    await sleep(between(500, 1000));
    const view = seat.view;
    if (view.phase === 'debrief') return;
    if (view.phase === 'briefing' || view.phase === 'results') await seat.send({ type: 'advance' });
  }
}

/** A decision every 2 s ± 50 %: a legal draft until the round's plan is full, then the lock. */
async function teamBot(m: Measures, seat: Seat): Promise<void> {
  let round = -1;
  let target = 0;
  while (m.running) {
    await sleep(between(1000, 3000));
    if (!m.running) return;
    const view = seat.view;
    if (view.phase === 'debrief') return;
    if (view.phase !== 'deliberation' || view.paused) continue;
    const me = view.teams.find((t) => view.viewer.role === 'team' && t.id === view.viewer.team);
    if (!me || me.locked) continue;
    if (view.round !== round) {
      round = view.round;
      target = 1 + Math.floor(Math.random() * Math.min(3, view.scenario.maxActionsPerRound));
    }
    const drafts = legalDrafts(view);
    if ((me.plan?.length ?? 0) < target && drafts.length > 0) {
      await seat.send({ type: 'draftDecision', draft: drafts[Math.floor(Math.random() * drafts.length)]! });
    } else {
      await seat.send({ type: 'lockDecisions' });
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  deployment: string;
  processes: number;
  exercises: number;
  seats: number;
  acceptedPerSecond: number;
  viewP50Ms: number;
  viewP95Ms: number;
  viewP99Ms: number;
  viewMaxMs: number;
  ackP50Ms: number;
  ackP99Ms: number;
  serverCpuMsPerCommand: number;
  meanBytesPerMessage: number;
  maxBytesPerMessage: number;
  viewBytesPerSeatPerChange: number;
  rssPerExerciseKb: number;
  resyncs: number;
  unseen: number;
  rejected: Record<string, number>;
}

const hasTaskset = spawnSync('taskset', ['-V']).status === 0 && cpus().length >= 2;

interface Deployment {
  name: string;
  processes: number;
  database: string;
  redis: string;
}

function startChild(deployment: Deployment, index: number, dataDir: string, scenariosDir: string, profileDir: string | null): ChildProcess {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    '--expose-gc',
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    fileURLToPath(import.meta.url),
    '--child',
    dataDir,
    scenariosDir,
    deployment.database,
    deployment.redis,
  ];
  // One process: on CPU 0, the load on CPU 1. Several: one each, sharing the cores with the load.
  const cpu = deployment.processes === 1 ? '0' : String(index % cpus().length);
  const [command, ...args] = hasTaskset ? ['taskset', '-c', cpu, ...node] : node;
  return spawn(command!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** A server process of the run, and how to ask it for a sample. */
interface ServerChild {
  process: ChildProcess;
  url: string;
  sample(): Promise<Sample>;
}

async function startServers(deployment: Deployment, dataDir: string, scenariosDir: string, profileDir: string | null): Promise<ServerChild[]> {
  const servers: ServerChild[] = [];
  for (let i = 0; i < deployment.processes; i++) {
    const server = startChild(deployment, i, join(dataDir, String(i)), scenariosDir, profileDir);
    const waiting: ((msg: { type: string; port?: number; sample?: Sample }) => void)[] = [];
    server.on('message', (msg) => waiting.shift()?.(msg as never));
    const next = () => new Promise<{ type: string; port?: number; sample?: Sample }>((r) => waiting.push(r));
    const ready = next();
    servers.push({
      process: server,
      url: `http://127.0.0.1:${(await ready).port}`,
      async sample() {
        const reply = next();
        server.send({ type: 'sample' });
        return (await reply).sample!;
      },
    });
  }
  return servers;
}

/** The CPU time of every server process, and the RSS of the first (each process holds every exercise). */
async function sampleAll(servers: ServerChild[]): Promise<Sample> {
  const samples = await Promise.all(servers.map((s) => s.sample()));
  return { rss: samples[0]!.rss, cpuMs: samples.reduce((sum, s) => sum + s.cpuMs, 0) };
}

async function runOnce(
  deployment: Deployment,
  n: number,
  seconds: number,
  scenarioId: string,
  scenariosDir: string,
  profileDir: string | null,
  spread: boolean,
): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));
  const database = deployment.database ? await services!.postgres!.createDatabase() : '';
  const servers = await startServers({ ...deployment, database }, dataDir, scenariosDir, profileDir);
  try {
    const urls = servers.map((s) => s.url);
    const sample = () => sampleAll(servers);
    const baseline = await sample();
    const m = new Measures();
    const exercises: Exercise[] = [];
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from({ length: Math.min(20, n - i) }, (_, k) => {
        // Exercise j is owned by process j mod P; with --spread, every second seat connects to the next process.
        const owner = (i + k) % urls.length;
        const order = spread ? [urls[owner]!, urls[(owner + 1) % urls.length]!] : [urls[owner]!];
        return setUpExercise(order, scenarioId, i + k, m);
      });
      exercises.push(...(await Promise.all(batch)));
    }
    const bots = exercises.flatMap((exercise) => {
      const [facilitator, ...teams] = exercise.seats;
      return [guarded(m, () => facilitatorBot(m, facilitator!)), ...teams.map((seat) => guarded(m, () => teamBot(m, seat)))];
    });
    await sleep(WARM_UP_MS);
    const start = await sample();
    const acceptedBefore = m.accepted;
    m.measuring = true;
    const t0 = performance.now();
    await sleep(seconds * 1000);
    m.measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    const commands = m.accepted - acceptedBefore;
    const after = await sample();
    // Let the last measured views arrive before reading them.
    await sleep(1000);
    m.running = false;
    await Promise.race([Promise.allSettled(bots), sleep(5000)]);
    for (const exercise of exercises) for (const seat of exercise.seats) seat.close();

    for (const exercise of exercises) {
      for (const [seq, sentAt] of exercise.sentAt) {
        const seen = exercise.seenAt.get(seq) ?? [];
        if (seen.length < exercise.seats.length) m.unseen += 1;
        for (const at of seen) m.toView.push(at - sentAt);
      }
    }
    const toView = m.toView.sort((a, b) => a - b);
    const acks = m.acks.sort((a, b) => a - b);
    const seats = exercises.reduce((sum, e) => sum + e.seats.length, 0);
    const changes = exercises.reduce((sum, e) => sum + e.sentAt.size, 0);
    return {
      deployment: deployment.name + (spread && deployment.processes > 1 ? ' spread' : ''),
      processes: deployment.processes,
      exercises: n,
      seats,
      acceptedPerSecond: commands / elapsed,
      viewP50Ms: percentile(toView, 50),
      viewP95Ms: percentile(toView, 95),
      viewP99Ms: percentile(toView, 99),
      viewMaxMs: toView[toView.length - 1] ?? Number.NaN,
      ackP50Ms: percentile(acks, 50),
      ackP99Ms: percentile(acks, 99),
      serverCpuMsPerCommand: (after.cpuMs - start.cpuMs) / Math.max(1, commands),
      meanBytesPerMessage: m.messageBytes / Math.max(1, m.messages),
      maxBytesPerMessage: m.maxMessageBytes,
      viewBytesPerSeatPerChange: m.patchBytes / Math.max(1, changes * (seats / n)),
      rssPerExerciseKb: (after.rss - baseline.rss) / n / 1024,
      resyncs: m.resyncs,
      unseen: m.unseen,
      rejected: Object.fromEntries(m.rejected),
    };
  } finally {
    await Promise.all(
      servers.map(async ({ process: server }) => {
        const exited = new Promise((r) => server.once('exit', r));
        server.send({ type: 'stop' });
        await Promise.race([exited, sleep(15_000)]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }),
    );
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** PostgreSQL and Redis for the deployments that need them, started once. */
let services: { postgres: PostgresInstance | null; redis: RedisInstance | null } | null = null;

const DEPLOYMENTS: Record<string, Omit<Deployment, 'database' | 'redis'> & { postgres: boolean; redis: boolean }> = {
  sqlite: { name: 'sqlite', processes: 1, postgres: false, redis: false },
  postgres: { name: 'postgres', processes: 1, postgres: true, redis: false },
  redis2: { name: 'postgres+redis', processes: 2, postgres: true, redis: true },
};

async function deploymentsOf(names: string[]): Promise<Deployment[]> {
  const chosen = names.map((name) => {
    const d = DEPLOYMENTS[name];
    if (!d) throw new Error(`unknown deployment "${name}": one of ${Object.keys(DEPLOYMENTS).join(', ')}`);
    return d;
  });
  if (chosen.some((d) => d.postgres || d.redis)) {
    const [postgres, redis] = await Promise.all([startPostgres(), chosen.some((d) => d.redis) ? startRedis() : Promise.resolve(null)]);
    if (!postgres || (chosen.some((d) => d.redis) && !redis)) throw new Error('PostgreSQL and Redis are needed for these deployments (.ci/ensure-services.sh installs them)');
    services = { postgres, redis };
  }
  // The database URL is made per run (a fresh database); a non-empty placeholder marks the need.
  return chosen.map((d) => ({ name: d.name, processes: d.processes, database: d.postgres ? 'per-run' : '', redis: d.redis ? services!.redis!.url : '' }));
}

function option(name: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env[env] ?? fallback;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1).padStart(7) : '      -');

const HELP = `npm run bench:server [-- options]
  --deployments LIST  comma-separated: sqlite (one process, SQLite), postgres (one process, PostgreSQL),
                      redis2 (two processes, PostgreSQL and Redis); default sqlite    (env BENCH_DEPLOYMENTS)
  --sizes LIST        concurrent exercises per run, comma-separated; default 25,50,100 (env BENCH_SIZES)
  --seconds N         seconds measured per run; default 15                            (env BENCH_SECONDS)
  --scenario FILE     default scenarios/romania-2024.json                             (env BENCH_SCENARIO)
  --spread            redis2: every second seat on the process that does not own its exercise (forwarded)
  --json              also one JSON line per run
  --cpu-prof DIR      write the server processes' V8 CPU profiles there              (env BENCH_CPU_PROF)
PostgreSQL and Redis are throw-away local instances (test/support/services.ts).`;

async function parent(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(HELP);
    return;
  }
  const sizes = option('sizes', 'BENCH_SIZES', '25,50,100').split(',').map(Number).filter((x) => x > 0);
  const seconds = Number(option('seconds', 'BENCH_SECONDS', '15'));
  const json = process.argv.includes('--json');
  const profile = option('cpu-prof', 'BENCH_CPU_PROF', '');
  const profileDir = profile ? resolve(profile) : null;
  const spread = process.argv.includes('--spread');
  const deployments = await deploymentsOf(option('deployments', 'BENCH_DEPLOYMENTS', 'sqlite').split(','));
  const file = option('scenario', 'BENCH_SCENARIO', 'scenarios/romania-2024.json');
  const loaded = loadScenarioText(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const scenariosDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-scenarios-'));
  copyFileSync(file, join(scenariosDir, 'bench.json'));
  if (hasTaskset) spawnSync('taskset', ['-pc', '1', String(process.pid)]);

  console.log(
    `Firebreak server benchmark: ${loaded.scenario.id}, facilitator + ${loaded.scenario.teams.length} teams per exercise, ` +
      `a decision every 2 s ± 50 % per team, ${seconds} s measured per size; ` +
      (hasTaskset ? 'one server process on CPU 0, load on CPU 1 (several: one per CPU, sharing them with the load).' : 'no taskset: servers and load share the CPUs.'),
  );
  console.log(
    'deployment         procs exercises  seats   cmd/s   view p50    p95    p99    max   ack p50    p99   cpu ms/cmd  bytes/msg  max msg  view B/seat/change  RSS KB/ex  resyncs',
  );
  try {
    for (const deployment of deployments) {
      for (const n of sizes) {
        const row = await runOnce(deployment, n, seconds, loaded.scenario.id, scenariosDir, profileDir, spread);
        console.log(
          `${row.deployment.padEnd(18)} ${String(row.processes).padStart(5)} ${String(row.exercises).padStart(9)} ${String(row.seats).padStart(6)} ${row.acceptedPerSecond.toFixed(1).padStart(7)} ${ms(row.viewP50Ms)}${ms(
            row.viewP95Ms,
          )}${ms(row.viewP99Ms)}${ms(row.viewMaxMs)}   ${ms(row.ackP50Ms)}${ms(row.ackP99Ms)} ${row.serverCpuMsPerCommand.toFixed(2).padStart(11)} ${row.meanBytesPerMessage
            .toFixed(0)
            .padStart(10)} ${String(row.maxBytesPerMessage).padStart(8)} ${row.viewBytesPerSeatPerChange.toFixed(0).padStart(19)} ${row.rssPerExerciseKb
            .toFixed(0)
            .padStart(10)} ${String(row.resyncs).padStart(8)}`,
        );
        if (json) console.log(JSON.stringify(row));
      }
    }
  } finally {
    rmSync(scenariosDir, { recursive: true, force: true });
    await Promise.all([services?.postgres?.stop(), services?.redis?.stop()]);
  }
  console.log(`Machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end (other processes share the CPU when it is high).`);
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5] ?? '', process.argv[6] ?? '');
} else {
  parent().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
