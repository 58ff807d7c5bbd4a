/** Running the built command line as a user would: its exit code and everything it printed. */
import { execFileSync } from 'node:child_process';

export function cli(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('node', ['bin/firebreak.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}
