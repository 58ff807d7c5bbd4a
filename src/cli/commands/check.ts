/** firebreak check: verifies a server's data folder offline (see docs/server.md, "When storage fails"). */
import { checkDataDir } from '../../server/storage/check';
import { EXIT_FINDING, EXIT_OK, UserError, out } from '../io';

export async function check(dataDir: string, options: { json: boolean }): Promise<number> {
  let report;
  try {
    report = await checkDataDir(dataDir);
  } catch (error) {
    throw new UserError(`${dataDir}: cannot be checked: ${(error as Error).message}`, EXIT_FINDING);
  }
  if (options.json) {
    out(JSON.stringify(report, null, 2));
    return report.sound ? EXIT_OK : EXIT_FINDING;
  }
  const { findings } = report;
  out(`${report.file}: ${report.exercises.length} exercise(s), ${report.exercises.reduce((n, e) => n + e.commands, 0)} stored command(s)`);
  for (const p of findings.walProblems) out(`WAL DAMAGED      ${p}`);
  for (const p of findings.fileProblems) out(`FILE DAMAGED     ${p}`);
  for (const id of findings.vanished) out(`VANISHED         ${id}: stored at the last clean shutdown, missing now`);
  for (const s of findings.shortened) out(`SHORTENED        ${s.exerciseId}: its log ended at seq ${s.expectedSeq} at the last clean shutdown, at ${s.foundSeq} now`);
  for (const q of report.quarantined) out(`QUARANTINED      ${q.exerciseId}: ${q.reason}`);
  for (const e of report.exercises) for (const p of e.problems) out(`REPLAY MISMATCH  ${e.exerciseId} (${e.title}): ${p}`);
  out(report.sound ? 'sound: every exercise replays to its stored hashes' : 'NOT SOUND: see docs/server.md, "When storage fails", for what to do');
  return report.sound ? EXIT_OK : EXIT_FINDING;
}
