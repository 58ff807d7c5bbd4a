/** firebreak replay: rebuilds an exercise from its log and prints its hash and scores. */
import { exerciseProportionality } from '../../engine/scoring/exercise';
import { loadScenarioText, formatProblem, replay as replayLog, stateHash, type Scenario } from '../../engine';
import { commandsOfLog, exerciseLogSchema } from '../../protocol/log';
import { EXIT_FINDING, EXIT_OK, UserError, loadScenarioFile, out, readText } from '../io';

export function replay(file: string, options: { scenario?: string; json: boolean }): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = exerciseLogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${file}: not a Firebreak exercise log: ${issue.message} (at /${issue.path.join('/')})`);
  }
  const log = parsed.data;
  if (log.replay && !log.replay.replayable && log.seed !== undefined) {
    const seqs = log.replay.redacted;
    throw new UserError(`${file}: this ${log.exportedFor}'s export does not replay: ${seqs.length} command${seqs.length === 1 ? ' is' : 's are'} redacted (seq ${seqs.slice(0, 10).join(', ')}${seqs.length > 10 ? ', …' : ''}); replay the facilitator's export`);
  }
  if (log.seed === undefined) throw new UserError(`${file}: this export has no seed (an observer's export before the debrief); replay needs the facilitator's export`);
  const scenario = scenarioOf(file, log.scenarioText, options.scenario);
  const { state, results } = replayLog(scenario, log.seed, commandsOfLog(log));
  const hash = stateHash(state);
  const rejected = results.map((r, i) => ({ r, i })).filter(({ r }) => !r.ok);
  const summary = {
    scenario: scenario.id,
    seed: log.seed,
    commands: log.commands.length,
    rejected: rejected.length,
    stateHash: hash,
    matchesRecordedHash: log.stateHash === hash,
    phase: state.phase,
    round: state.round,
    outcome: state.outcome,
    escalation: state.escalation.context.level,
    cohesionByRound: state.rounds.map((r) => r.cohesion.value),
    proportionalityByTeam: Object.fromEntries(
      scenario.teams.map((t) => {
        const figure = exerciseProportionality(scenario, state, t.id);
        return [t.id, figure === null ? null : Math.round(figure)];
      }),
    ),
  };
  if (options.json) out(JSON.stringify(summary, null, 2));
  else {
    out(`state hash   ${hash}${summary.matchesRecordedHash ? '  (matches the log)' : '  (DIFFERS from the log)'}`);
    out(`commands     ${summary.commands} (${summary.rejected} rejected on replay)`);
    out(`phase        ${state.phase}, round ${state.round}${state.outcome ? `: ${state.outcome.summary}` : ''}`);
    out(`escalation   ${summary.escalation}`);
    out(`cohesion     ${summary.cohesionByRound.map((v, i) => `r${i + 1} ${v}`).join('  ') || '-'}`);
    out(`proportionality (mean per team)  ${Object.entries(summary.proportionalityByTeam).map(([t, v]) => `${t} ${v ?? '-'}`).join('  ')}`);
    for (const { r, i } of rejected) if (!r.ok) out(`command ${i + 1} rejected: ${r.code}: ${r.message}`);
  }
  return rejected.length > 0 || !summary.matchesRecordedHash ? EXIT_FINDING : EXIT_OK;
}

function scenarioOf(file: string, scenarioText: string | undefined, scenarioFile: string | undefined): Scenario {
  if (scenarioFile) return loadScenarioFile(scenarioFile).scenario;
  if (scenarioText === undefined) throw new UserError(`${file}: the log carries no scenario (only the facilitator's export does); pass --scenario <file>`);
  const result = loadScenarioText(scenarioText, `${file}#/scenarioText`);
  if (!result.ok) throw new UserError(result.problems.map(formatProblem).join('\n'), EXIT_FINDING);
  return result.scenario;
}
