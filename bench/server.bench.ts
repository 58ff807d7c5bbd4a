/**
 * Server benchmark: npm run bench:server
 *
 * For each N in a sweep (default 5, 10, 20, 40, 80; stops early once p99
 * exceeds 100 ms), a fresh server process runs on loopback with a fresh data
 * folder and N concurrent exercises of six seats each (facilitator, four
 * teams, observer). Bots play at a human pace: each team drafts a legal
 * action (one the view marks available) every 1-3 s, then its lead locks; the
 * facilitator advances when a round's results are in.
 *
 * Measured:
 *   - command-to-broadcast latency: from emitting a command to receiving the
 *     view that contains it, on the sending client (p50/p95/p99/max)
 *   - accepted commands per second
 *   - CPU time per accepted command in the server process (and its share of
 *     one core), and in the bot process
 *   - memory per exercise: the server process's RSS (and heap) after setup
 *     and play, minus its baseline, divided by N (after a forced GC)
 *
 * The scenario is scenarios/romania-2024.json when it loads (four teams, so
 * six seats), else a generated four-team scenario; BENCH_SCENARIO=<file>
 * picks another (seats = its teams + 2).
 *
 * Environment: BENCH_SWEEP="5,10,20" BENCH_SECONDS=20 BENCH_P99_MS=100 BENCH_SCENARIO=<file>
 *
 * The bots run in this process and the server in a child process, so client
 * work does not count as server memory; on a small machine both share the
 * CPU, so the latencies are an upper bound for the server's own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
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
import { loadScenarioText } from '../src/engine';
import { startServer } from '../src/server/server';
import { legalDrafts } from '../test/helpers/bot';
import { writeScenarioDir } from '../test/helpers/scenario';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const FALLBACK_ID = 'bench-four';
let scenarioId = FALLBACK_ID;
let seatsPerExercise = 6;

// ---------------------------------------------------------------------------
// Child: the server under test

interface MemorySample {
  rss: number;
  heapUsed: number;
  /** CPU time of the server process so far (user + system), ms. */
  cpuMs: number;
}

async function child(): Promise<void> {
  const [dataDir, scenariosDir] = process.argv.slice(3);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dataDir!,
    scenariosDir: scenariosDir!,
    distDir: join(dataDir!, 'no-dist'),
    logger: pino({ level: 'error' }),
    limits: { createsPerMinute: 100_000, failedJoinsPerAddress: 100_000, addressEventsPerSecond: 1_000_000, connectionsPerAddress: 100_000, joinsPerExercisePerMinute: 100_000 },
  });
  const sample = (): MemorySample => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'memory') process.send!({ type: 'memory', sample: sample() });
    if (msg.type === 'stop') void server.close().then(() => process.exit(0));
  });
  // The parent is gone: do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', port: server.port, sample: sample() });
}

// ---------------------------------------------------------------------------
// Parent: bots and measurements

class Bench {
  latencies: number[] = [];
  accepted = 0;
  rejected = new Map<string, number>();
  measuring = false;
  running = true;
}

class Seat {
  view: ExerciseView | null = null;
  private waiters: { seq: number; resolve: () => void }[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.on('view', (view) => {
      if (!this.view || view.seq >= this.view.seq) this.view = view;
      this.waiters = this.waiters.filter((w) => {
        if (view.seq >= w.seq) {
          w.resolve();
          return false;
        }
        return true;
      });
    });
  }

  static async open(url: string): Promise<Seat> {
    const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new Seat(socket);
  }

  private seen(seq: number): Promise<void> {
    if (this.view && this.view.seq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** Sends a command; records the time until the resulting view arrives here. */
  async send(bench: Bench, body: CommandBody): Promise<CommandAck> {
    const t0 = performance.now();
    const ack = await this.socket.timeout(30_000).emitWithAck('command', { id: randomUUID(), body });
    if (ack.ok) {
      await this.seen(ack.seq);
      bench.accepted += 1;
      if (bench.measuring) bench.latencies.push(performance.now() - t0);
    } else {
      bench.rejected.set(ack.code, (bench.rejected.get(ack.code) ?? 0) + 1);
    }
    return ack;
  }

  close(): void {
    this.socket.disconnect();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

interface Table {
  facilitator: Seat;
  teams: Seat[];
  observer: Seat;
  all: Seat[];
}

async function setUpExercise(url: string, index: number): Promise<Table> {
  const facilitator = await Seat.open(url);
  const created = (await facilitator.socket.emitWithAck('exercise:create', {
    scenarioId,
    seed: `bench-${index}`,
  })) as ExerciseCreateAck;
  if (!created.ok) throw new Error(`create failed: ${created.code} ${created.message}`);
  const resumed = (await facilitator.socket.emitWithAck('seat:resume', { credential: created.facilitatorCredential })) as SeatResumeAck;
  if (!resumed.ok) throw new Error(`resume failed: ${resumed.code}`);
  facilitator.view = resumed.view;
  const codes = [...Object.values(created.codes.teams), created.codes.observer];
  const seats = await Promise.all(
    codes.map(async (code, i) => {
      const seat = await Seat.open(url);
      const joined = (await seat.socket.emitWithAck('seat:join', { code, name: `bot ${i}` })) as SeatJoinAck;
      if (!joined.ok) throw new Error(`join failed: ${joined.code}`);
      seat.view = joined.view;
      return seat;
    }),
  );
  const observer = seats.pop()!;
  return { facilitator, teams: seats, observer, all: [facilitator, ...seats, observer] };
}

/** Runs a bot; an error ends that bot and is counted, not fatal. */
async function guarded(bench: Bench, bot: () => Promise<void>): Promise<void> {
  try {
    await bot();
  } catch (err) {
    bench.rejected.set('BOT_ERROR', (bench.rejected.get('BOT_ERROR') ?? 0) + 1);
    if ((bench.rejected.get('BOT_ERROR') ?? 0) === 1) console.error('bot failed:', err);
  }
}

async function facilitatorBot(bench: Bench, seat: Seat): Promise<void> {
  await seat.send(bench, { type: 'startExercise' });
  while (bench.running) {
    await sleep(between(500, 1000));
    const view = seat.view!;
    if (view.phase === 'debrief') return;
    if (view.phase === 'briefing' || view.phase === 'results') await seat.send(bench, { type: 'advance' });
  }
}

async function teamBot(bench: Bench, seat: Seat): Promise<void> {
  let round = -1;
  let target = 0;
  while (bench.running) {
    await sleep(between(1000, 3000));
    if (!bench.running) return;
    const view = seat.view!;
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
      await seat.send(bench, { type: 'draftDecision', draft: drafts[Math.floor(Math.random() * drafts.length)]! });
    } else {
      await seat.send(bench, { type: 'lockDecisions' });
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  n: number;
  seats: number;
  commands: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rssPerExercise: number;
  heapPerExercise: number;
  serverCpuPerCommand: number;
  serverCpuShare: number;
  clientCpuPerCommand: number;
  rejected: string;
}

async function runOnce(n: number, seconds: number, scenariosDir: string): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));
  const server: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child', dataDir, scenariosDir], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ((msg: { type: string; port?: number; sample?: MemorySample }) => void)[] = [];
  server.on('message', (msg: { type: string }) => messages.shift()?.(msg as never));
  const next = () => new Promise<{ type: string; port?: number; sample?: MemorySample }>((r) => messages.push(r));
  const memory = async () => {
    const reply = next();
    server.send({ type: 'memory' });
    return (await reply).sample!;
  };
  try {
    const ready = await next();
    const url = `http://127.0.0.1:${ready.port}`;
    const baseline = await memory();

    const bench = new Bench();
    const tables: Table[] = [];
    for (let i = 0; i < n; i += 10) {
      tables.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, k) => setUpExercise(url, i + k)))));
    }
    const bots = tables.flatMap((table) => [
      guarded(bench, () => facilitatorBot(bench, table.facilitator)),
      ...table.teams.map((seat) => guarded(bench, () => teamBot(bench, seat))),
    ]);
    // Warm up, then measure.
    await sleep(3000);
    const start = await memory();
    const clientCpu0 = process.cpuUsage();
    bench.measuring = true;
    const acceptedBefore = bench.accepted;
    const t0 = performance.now();
    await sleep(seconds * 1000);
    bench.measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    const commands = bench.accepted - acceptedBefore;
    const clientCpu = process.cpuUsage(clientCpu0);
    const after = await memory();
    bench.running = false;
    await Promise.race([Promise.allSettled(bots), sleep(5000)]);
    for (const table of tables) for (const seat of table.all) seat.close();

    const sorted = [...bench.latencies].sort((a, b) => a - b);
    return {
      n,
      seats: n * seatsPerExercise,
      commands,
      perSecond: commands / elapsed,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      rssPerExercise: (after.rss - baseline.rss) / n,
      heapPerExercise: (after.heapUsed - baseline.heapUsed) / n,
      serverCpuPerCommand: (after.cpuMs - start.cpuMs) / Math.max(1, commands),
      serverCpuShare: (after.cpuMs - start.cpuMs) / (elapsed * 1000),
      clientCpuPerCommand: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, commands),
      rejected: [...bench.rejected].map(([code, count]) => `${code}:${count}`).join(' ') || '-',
    };
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    server.send({ type: 'stop' });
    await Promise.race([exited, sleep(10_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1).padStart(7) : '      -');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KB`;

async function parent(): Promise<void> {
  const sweep = (process.env.BENCH_SWEEP ?? '5,10,20,40,80').split(',').map(Number).filter((x) => x > 0);
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const limit = Number(process.env.BENCH_P99_MS ?? 100);
  const scenariosDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-scenarios-'));
  const file = process.env.BENCH_SCENARIO ?? 'scenarios/romania-2024.json';
  const loaded = existsSync(file) ? loadScenarioText(readFileSync(file, 'utf8'), file) : null;
  if (loaded?.ok) {
    copyFileSync(file, join(scenariosDir, 'bench.json'));
    scenarioId = loaded.scenario.id;
    seatsPerExercise = loaded.scenario.teams.length + 2;
  } else {
    if (process.env.BENCH_SCENARIO) throw new Error(`${file} does not load`);
    writeScenarioDir(scenariosDir, [{ id: FALLBACK_ID, teams: 4, rounds: 8, minutes: 20 }]);
  }

  console.log(
    `Firebreak server benchmark: scenario ${scenarioId}, ${seatsPerExercise} seats per exercise, ${seconds} s of play per step, p99 limit ${limit} ms`,
  );
  console.log(
    '   N  seats  commands   cmd/s     p50     p95     p99     max   RSS/exercise  heap/exercise  server ms/cmd (load)  bots ms/cmd  rejections',
  );
  let best: number | null = null;
  try {
    for (const n of sweep) {
      const row = await runOnce(n, seconds, scenariosDir);
      console.log(
        `${String(row.n).padStart(4)}  ${String(row.seats).padStart(5)}  ${String(row.commands).padStart(8)}  ${row.perSecond
          .toFixed(1)
          .padStart(6)} ${fmt(row.p50)} ${fmt(row.p95)} ${fmt(row.p99)} ${fmt(row.max)}  ${kb(row.rssPerExercise)}     ${kb(
          row.heapPerExercise,
        )}  ${row.serverCpuPerCommand.toFixed(2).padStart(13)} (${(row.serverCpuShare * 100).toFixed(0).padStart(3)}%)  ${row.clientCpuPerCommand
          .toFixed(2)
          .padStart(11)}  ${row.rejected}`,
      );
      if (row.p99 < limit) best = n;
      else break;
    }
  } finally {
    rmSync(scenariosDir, { recursive: true, force: true });
  }
  const load = loadavg()[0]!;
  console.log(`Machine: ${cpus().length} cores, load average ${load.toFixed(1)} at the end (other processes compete for the CPU when it is high).`);
  console.log(
    best === null
      ? `No step kept p99 under ${limit} ms.`
      : `Largest N with p99 < ${limit} ms: ${best} exercises (${best * seatsPerExercise} seats).`,
  );
}

if (process.argv[2] === '--child') {
  void child();
} else {
  parent().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
