/**
 * firebreak: validate, simulate, balance, replay and graph scenarios, serve
 * exercises, and check and back up a server's data. Exit codes: 0 success,
 * 1 a finding (an invalid scenario, a replay that diverges), 2 misuse. A
 * user's mistake is one line, never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UserError, err, loadHistoryBeside, loadScenarioFile, parseInteger } from './io';
import { validate } from './commands/validate';
import { HISTORY_POLICY, checkPolicies, scenarioPolicies, simulate } from './commands/simulate';
import { replay } from './commands/replay';
import { FULL_BALANCE, QUICK_BALANCE, balance } from './commands/balance';
import { graph } from './commands/graph';
import { schema } from './commands/schema';
import { protocol } from './commands/protocol';
import { newCourse, newScenario } from './commands/new';
import { BOTS, POLICIES } from '../engine/bots/policies';
import { ConfigError, configFromEnv, configFromFlags, resolveConfig, SETTINGS } from '../server/config';

const program = new Command('firebreak')
  .description('Firebreak: tabletop crisis exercises on allied responses to election interference.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const policyList = () => [...Object.keys(POLICIES), HISTORY_POLICY].join(', ');
const defaultPolicies = () => BOTS.map((b) => b.id).join(',');

program
  .command('validate')
  .description('Check scenario files: every schema and semantic problem as file:line:column, then quality warnings from playtests.')
  .argument('<files...>', 'scenario JSON files')
  .option('--runs <n>', 'playtest runs for the quality checks (0 skips them)', '100')
  .option('--seed <seed>', 'seed of the playtests', 'validate')
  .option('--strict', 'treat warnings as findings (exit 1)', false)
  .action(async (files: string[], o) => {
    process.exitCode = validate(files, { runs: parseInteger(o.runs, '--runs', 0, 100_000), seed: o.seed, strict: o.strict });
  });

program
  .command('simulate')
  .description('Play whole exercises with bot policies and summarise the outcome distributions.')
  .argument('<scenario>', 'scenario JSON file')
  .option('--runs <n>', 'number of exercises', '100')
  .option('--seed <seed>', 'base seed: run i uses "<seed>-<i>"', '1')
  .option('--policies <list>', `comma-separated bot policies (${policyList()}); history plays the scenario's history track`, defaultPolicies())
  .option('--mix', 'give the teams of each run different policies in turn instead of one policy per run', false)
  .option('--json', 'print the summary as JSON (the same arguments print the same bytes)', false)
  .option('--report <file.html>', 'also write a balance report with charts, readable in a browser')
  .option('--workers <n>', 'worker threads playing the runs (the output is the same for any number)', '1')
  .action(async (file: string, o) => {
    const { scenario } = loadScenarioFile(file);
    const policies = checkPolicies(String(o.policies).split(',').map((s: string) => s.trim()).filter(Boolean));
    const extra = scenarioPolicies(file, scenario, policies);
    const workers = parseInteger(o.workers, '--workers', 1, 64);
    const runs = parseInteger(o.runs, '--runs', 1, 1_000_000);
    process.exitCode = (await simulate(scenario, { runs, seed: o.seed, policies, mix: o.mix, json: o.json, report: o.report, extra, workers, file })).exit;
  });

program
  .command('balance')
  .description('Check that a scenario teaches the right lessons: doing nothing, its history track, each bot, greedy-on-score and a plan search over many seeds, judged by five checks (exit 1 if one fails).')
  .argument('<scenario>', 'scenario JSON file (its history track is read from <id>.history.json beside it)')
  .option('--seed <seed>', 'base seed', 'balance')
  .option('--quick', 'the small version CI runs: fewer seeds and plans', false)
  .option('--runs <n>', `seeds per policy (default ${FULL_BALANCE.seeds})`)
  .option('--history-runs <n>', `seeds the history track plays (default ${FULL_BALANCE.historySeeds})`)
  .option('--plans <n>', `random plans drawn (default ${FULL_BALANCE.randomPlans})`)
  .option('--plan-runs <n>', `seeds each plan is judged on during the search (default ${FULL_BALANCE.planSeeds})`)
  .option('--search-steps <n>', `neighbours tried per search (default ${FULL_BALANCE.searchSteps})`)
  .option('--fresh-runs <n>', `fresh seeds on which the plans found are judged (default ${FULL_BALANCE.freshSeeds})`)
  .option('--samples <n>', 'run the whole report at n seeds (the base seed, then <seed>/2, <seed>/3...) and pass only if every sample passes', '1')
  .option('--json', 'print the result as JSON', false)
  .option('--report <file.html>', 'also write the report with charts, readable in a browser')
  .action(async (file: string, o) => {
    const { scenario } = loadScenarioFile(file);
    const base = o.quick ? QUICK_BALANCE : FULL_BALANCE;
    const count = (value: string | undefined, name: string, fallback: number, min = 1) => (value === undefined ? fallback : parseInteger(value, name, min, 100_000));
    const options = {
      seed: o.seed,
      seeds: count(o.runs, '--runs', base.seeds),
      historySeeds: count(o.historyRuns, '--history-runs', base.historySeeds),
      randomPlans: count(o.plans, '--plans', base.randomPlans, 3),
      planSeeds: count(o.planRuns, '--plan-runs', base.planSeeds),
      searchSteps: count(o.searchSteps, '--search-steps', base.searchSteps, 0),
      freshSeeds: count(o.freshRuns, '--fresh-runs', base.freshSeeds),
      samples: parseInteger(o.samples, '--samples', 1, 100),
      json: o.json,
      report: o.report,
    };
    process.exitCode = balance(scenario, loadHistoryBeside(file, scenario), options).exit;
  });

program
  .command('replay')
  .description('Rebuild an exercise from its exported log; print its state hash and scores.')
  .argument('<log>', 'log JSON file (as exported by the server)')
  .option('--scenario <file>', 'scenario file, when the log does not embed one')
  .option('--json', 'print the result as JSON', false)
  .action(async (file: string, o) => {
    process.exitCode = replay(file, { scenario: o.scenario, json: o.json });
  });

program
  .command('graph')
  .description('Write the state charts as Mermaid stateDiagram-v2 files, one per chart, or as XState JSON that Stately\'s editor can import.')
  .argument('<scenario>', 'scenario JSON file')
  .option('--out <dir>', 'write one file per chart into this folder (<chart>.mmd, or <chart>.json with --format json)')
  .option('--chart <name>', 'only this chart; printed to standard output unless --out is given')
  .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'json']).default('mermaid'))
  .action(async (file: string, o) => {
    process.exitCode = graph(loadScenarioFile(file).scenario, { chart: o.chart, out: o.out, format: o.format });
  });

const serve = program
  .command('serve')
  .description('Serve exercises: the built client and the socket.io endpoint on one port, data in one SQLite file.')
  .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
  .option('--data-dir <dir>', 'where the SQLite file lives', process.env.DATA_DIR ?? './data')
  .option('--database <url>', 'PostgreSQL instead of the SQLite file: postgres://user:password@host:port/database (env DATABASE_URL)')
  .option('--redis <url>', 'share exercises with the other server processes linked through this Redis: redis://host:port (env REDIS_URL; needs --database)')
  .option('--workers <n>', 'server processes on this machine, sharing exercises (env FIREBREAK_WORKERS; needs --database)')
  .option('--scenarios <dir>', 'folder of shipped scenarios', 'scenarios')
  .option('--watch', 'reload an edited scenario into the exercises made from it (for authors)', false);
// Every limit and boundary setting, from the one table (flags win over FIREBREAK_* variables).
for (const setting of SETTINGS) {
  const list = Array.isArray(setting.default);
  serve.option(`--${setting.flag} <${list ? 'list' : 'n'}>`, `${setting.help} (env ${setting.env}; default ${list ? 'none' : setting.default})`);
}
serve.action(async (o) => {
  let limits;
  try {
    limits = resolveConfig(configFromEnv(), configFromFlags(o));
  } catch (error) {
    if (error instanceof ConfigError) throw new UserError(error.message, EXIT_USAGE);
    throw error;
  }
  const { runServer } = await import('../server/main');
  if (o.database !== undefined && !/^postgres(ql)?:\/\//.test(o.database)) {
    throw new UserError(`--database must be a PostgreSQL URL like postgres://user:password@host:5432/firebreak, not "${o.database}"`, EXIT_USAGE);
  }
  if (o.redis !== undefined && !/^rediss?:\/\//.test(o.redis)) {
    throw new UserError(`--redis must be a Redis URL like redis://host:6379, not "${o.redis}"`, EXIT_USAGE);
  }
  try {
    await runServer({
      port: parseInteger(o.port, '--port', 0, 65535),
      dataDir: o.dataDir,
      scenariosDir: o.scenarios,
      watchScenarios: o.watch,
      limits,
      ...(o.database !== undefined ? { database: o.database } : {}),
      ...(o.redis !== undefined ? { redis: o.redis } : {}),
      ...(o.workers !== undefined ? { workers: parseInteger(o.workers, '--workers', 1, 64) } : {}),
    });
  } catch (error) {
    // A combination that cannot work (--redis without --database) is a usage error, said in one line.
    if (error instanceof ConfigError) throw new UserError(error.message, EXIT_USAGE);
    throw error;
  }
});

program
  .command('check')
  .description('Verify a server\'s data folder offline: the files, and every exercise replayed against its stored hashes.')
  .requiredOption('--data-dir <dir>', 'the server\'s data folder (DATA_DIR)')
  .option('--json', 'print the report as JSON', false)
  .action(async (o) => {
    const { check } = await import('./commands/check');
    process.exitCode = await check(o.dataDir, { json: o.json });
  });

program
  .command('backup')
  .description('Copy a data folder\'s database consistently, while the server runs (SQLite online backup).')
  .requiredOption('--data-dir <dir>', 'the server\'s data folder (DATA_DIR)')
  .argument('<out>', 'the file to write, e.g. firebreak-2026-06-01.sqlite')
  .option('--force', 'replace <out> if it exists', false)
  .action(async (destination: string, o) => {
    const { backup } = await import('./commands/backup');
    process.exitCode = await backup(o.dataDir, destination, { force: o.force });
  });

program
  .command('new')
  .description('Write a commented starter scenario that validates, to edit into your own, and a copy of the schema beside it for editors; with --course, a starter course for an existing scenario.')
  .argument('<file>', 'where to write it, e.g. scenarios/my-scenario.json; with --course, the scenario the course is for')
  .option('--course', 'write <scenario id>.course.json beside the scenario <file>, filled in from its rounds, objectives and sources', false)
  .option('--force', 'overwrite an existing file', false)
  .option('--no-schema-copy', 'write no schema copy; "$schema" is then the schema\'s id, to map in the editor\'s settings')
  .action(async (file: string, o) => {
    const options = { force: o.force, schemaCopy: o.schemaCopy };
    process.exitCode = o.course ? newCourse(file, options) : newScenario(file, options);
  });

program
  .command('schema')
  .description('Print the JSON Schema of the scenario format, write a copy of it beside your scenarios, or regenerate the published copy and docs/authoring.md.')
  .option('--write <dir>', 'write <dir>/firebreak-scenario.schema.json, for the "$schema" of the scenarios there')
  .option('--course', 'print or write (with --write) the schema of course files, firebreak-course.schema.json, instead', false)
  .option('--docs', 'write scenarios/firebreak-scenario.schema.json, scenarios/firebreak-course.schema.json and the generated sections of docs/authoring.md', false)
  .option('--check', 'exit 1 when those generated files differ from the code', false)
  .action(async (o) => {
    process.exitCode = schema({ write: o.write, docs: o.docs, check: o.check, course: o.course });
  });

program
  .command('protocol')
  .description('List, write or check the machine-readable protocol in docs/protocol/ (JSON Schema and AsyncAPI), generated from the server\'s zod schemas.')
  .option('--write', 'write the files', false)
  .option('--check', 'exit 1 when a published file differs from the code', false)
  .action(async (o) => {
    process.exitCode = protocol({ write: o.write, check: o.check });
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already explained by commander.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (error instanceof UserError) {
      err(error.message);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

await main();
