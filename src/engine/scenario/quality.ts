/**
 * Quality, beyond completeness: what playtests over many seeds reveal about a
 * scenario that loads cleanly. Injects that never fire, actions no policy ever
 * takes, rounds where nothing changes, a ladder whose top is out of reach.
 */
import { DEFAULT_LADDER } from '../machines/escalation';
import type { SimulationSummary } from '../bots/summary';
import type { Problem } from './problems';
import type { Scenario } from './schema';
import { jsonPointer, type Locator, type Path } from './semantic';

export function qualityWarnings(scenario: Scenario, summary: SimulationSummary, file: string, locate: Locator): Problem[] {
  const runs = `${summary.runs} simulated runs (${summary.policies.map((p) => p.policy).join(', ')})`;
  const warn = (path: Path, code: string, message: string): Problem => ({
    severity: 'warning',
    code,
    message,
    file,
    ...locate(path),
    pointer: jsonPointer(path),
  });
  const problems: Problem[] = [];
  scenario.injects.forEach((inject, i) => {
    if (summary.injectsNeverFired.includes(inject.id)) {
      problems.push(warn(['injects', i], 'inject-never-fired', `inject "${inject.id}" never fired in ${runs}`));
    }
  });
  scenario.actions.forEach((action, i) => {
    if (summary.actionsNeverTaken.includes(action.id)) {
      problems.push(warn(['actions', i], 'action-never-taken', `action "${action.id}" was never taken in ${runs}`));
    }
  });
  for (const round of summary.staticRounds) {
    problems.push(warn(['rounds', round - 1], 'static-round', `nothing changed in round ${round} in any of ${runs}: no decision, adversary move, posture or escalation change`));
  }
  const ladder = scenario.escalation.ladder ?? DEFAULT_LADDER;
  const top = Math.max(...ladder.map((r) => r.level));
  const highestRung = Math.max(0, ...scenario.actions.map((a) => a.rung));
  if (summary.peakEscalationReached < top && highestRung < top) {
    const path: Path = scenario.escalation.ladder ? ['escalation', 'ladder'] : ['actions'];
    problems.push(
      warn(
        path,
        'ladder-top-unreachable',
        `the top of the escalation ladder (rung ${top}) is out of reach: no action climbs above rung ${highestRung} and no simulated run went beyond ${summary.peakEscalationReached}; shorten the ladder or add the rungs' actions`,
      ),
    );
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
