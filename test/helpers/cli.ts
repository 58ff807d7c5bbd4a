/** Running the built command line as a user would: its exit code and everything it printed. */
import { execFileSync } from 'node:child_process';

/**
 * The time a test that starts the command line as its own process, several
 * times in a row, is allowed: each start costs about a second of CPU, and
 * test files run in parallel, so a loaded 2-core machine stretches such a
 * test well past the default 30 s.
 */
export const CLI_TEST_TIMEOUT = 120_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `firebreak <args>` and returns its exit code and its two streams apart. */
export function runCli(...args: string[]): CliRun {
  try {
    return { code: 0, stdout: execFileSync('node', ['bin/firebreak.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs `firebreak <args>` and returns its exit code and everything it printed. */
export function cli(...args: string[]): { code: number; out: string } {
  const run = runCli(...args);
  return { code: run.code, out: run.stdout + run.stderr };
}
