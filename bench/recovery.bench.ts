/**
 * Recovery benchmark: npm run bench:recovery
 *
 * Writes two data folders through the real SQLite store, the way the server
 * writes them (same checkpoint hashes and snapshots, see storage/records.ts):
 *   - many: 1,000 exercises of about 11 commands each (a game just started);
 *   - long: 100 exercises of 300 commands each (long games with chat).
 * Then, for each, a fresh server process starts on that folder and reports how
 * long it took from start to listening with every exercise recovered (wall
 * clock and CPU), and the folder's size: bytes of database per stored command.
 *
 * The scenario is scenarios/romania-2024.json. The commands come from a bot
 * playthrough (engine/bots), so every one of them is accepted on replay.
 *
 * Environment: BENCH_MANY=1000 BENCH_MANY_COMMANDS=11 BENCH_LONG=100 BENCH_LONG_COMMANDS=300
 * BENCH_CPU_PROF=<dir> writes a CPU profile of each recovering server there.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadScenarioText, type Scenario } from '../src/engine';
import { resolvePolicies, simulateExercise } from '../src/engine/bots/simulate';
import type { Command } from '../src/engine/types';
import { logRecords } from '../src/server/storage/records';
import { SqliteStorage } from '../src/server/storage/sqlite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO_FILE = join(ROOT, 'scenarios/romania-2024.json');

interface RecoveryFigures {
  ms: number;
  cpuMs: number;
  exercises: number;
  commands: number;
}

/** The child: start a server on DATA_DIR, print how long recovery took, stop. */
async function recoverInChild(dataDir: string): Promise<void> {
  const { startServer } = await import('../src/server/server');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir: join(ROOT, 'scenarios'),
    distDir: join(dataDir, 'no-dist'),
    logger: pino({ level: 'silent' }),
  });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as { exercises: number };
  await server.close();
  process.send!({ ms, cpuMs: (cpu.user + cpu.system) / 1000, exercises: health.exercises } satisfies Omit<RecoveryFigures, 'commands'>);
}

function recover(dataDir: string): Promise<Omit<RecoveryFigures, 'commands'>> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = fork(fileURLToPath(import.meta.url), ['--recover', dataDir], { execArgv: ['--import', 'tsx', ...profile] });
    child.once('message', (m) => resolve(m as Omit<RecoveryFigures, 'commands'>));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`recovery child exited with ${code}`))));
  });
}

/** A bot playthrough, with team chat before its last command until it is `length` commands long. */
function commandLog(scenario: Scenario, seed: string, length: number): Command[] {
  const run = simulateExercise(scenario, seed, resolvePolicies(scenario, ['restrained']), Date.UTC(2026, 0, 1));
  const played = run.commands;
  if (played.length >= length) return played.slice(0, length);
  const firstTeam = scenario.teams[0]!.id;
  const before = played.slice(0, -1);
  const chats = Array.from({ length: length - played.length }, (_, i) => ({
    type: 'chat',
    channel: 'team',
    text: `Message ${i + 1} about the next step of the response.`,
    id: `chat-${i + 1}`,
    actor: { role: 'team', team: firstTeam, name: 'Player' },
    at: before.at(-1)!.at,
  })) as Command[];
  return [...before, ...chats, played.at(-1)!];
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

async function writeFolder(dir: string, scenario: Scenario, text: string, exercises: number, commandsEach: number): Promise<number> {
  const logs = Array.from({ length: Math.min(exercises, 8) }, (_, i) => {
    const seed = `bench-${i}`;
    const commands = commandLog(scenario, seed, commandsEach);
    return { seed, records: logRecords(scenario, seed, commands) };
  });
  const storage = new SqliteStorage(join(dir, 'firebreak.sqlite'), { writer: 'inline' });
  let stored = 0;
  for (let i = 0; i < exercises; i++) {
    const { seed, records } = logs[i % logs.length]!;
    const id = `bench${String(i).padStart(5, '0')}`;
    await storage.createExercise(
      {
        id,
        title: scenario.meta.title,
        scenarioId: scenario.id,
        scenarioText: text,
        seed,
        createdAt: Date.UTC(2026, 0, 1) + i,
        codes: { teams: Object.fromEntries(scenario.teams.map((t, j) => [t.id, `T${j}${id}`])), observer: `O${id}` },
        scenarioEditedAtSeq: null,
      },
      { seatId: `f-${id}`, exerciseId: id, role: 'facilitator', team: null, name: 'Facilitator', credentialHash: `h-${id}`, joinedAt: 0 },
    );
    stored += await storage.append(id, 0, records);
  }
  await storage.close();
  return stored;
}

async function measure(label: string, scenario: Scenario, text: string, exercises: number, commandsEach: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-recovery-bench-'));
  try {
    const commands = await writeFolder(dir, scenario, text, exercises, commandsEach);
    const bytes = folderBytes(dir);
    const figures = await recover(dir);
    const row = {
      case: label,
      exercises,
      commands,
      recoverMs: Math.round(figures.ms),
      recoverCpuMs: Math.round(figures.cpuMs),
      served: figures.exercises,
      dbBytes: bytes,
      bytesPerCommand: Math.round(bytes / commands),
    };
    console.log(
      `${label.padEnd(5)} ${String(exercises).padStart(5)} exercises x ${commandsEach} commands: recovered and serving in ${row.recoverMs} ms ` +
        `(${row.recoverCpuMs} ms CPU), database ${(bytes / 1e6).toFixed(1)} MB, ${row.bytesPerCommand} bytes per stored command`,
    );
    console.log(JSON.stringify(row));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const recoverAt = process.argv.indexOf('--recover');
  if (recoverAt >= 0) return recoverInChild(process.argv[recoverAt + 1]!);
  const text = readFileSync(SCENARIO_FILE, 'utf8');
  const loaded = loadScenarioText(text, SCENARIO_FILE);
  if (!loaded.ok) throw new Error(`${SCENARIO_FILE} does not load`);
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  await measure('many', loaded.scenario, text, env('BENCH_MANY', 1000), env('BENCH_MANY_COMMANDS', 11));
  await measure('long', loaded.scenario, text, env('BENCH_LONG', 100), env('BENCH_LONG_COMMANDS', 300));
}

await main();
