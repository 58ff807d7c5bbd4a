/**
 * Quality, beyond completeness: what playtests over many seeds reveal about a
 * scenario that loads cleanly, and why. Injects that never fire (with the part
 * of their condition that never held), actions no policy ever takes (with the
 * rules' refusals the bots met), end conditions that decide every run or none,
 * rounds where nothing changes, a ladder whose top is out of reach.
 */
import { DEFAULT_LADDER } from '../machines/escalation';
import type { SimulationSummary } from '../bots/summary';
import type { Problem } from './problems';
import type { Scenario } from './schema';
import { jsonPointer, type Locator, type Path } from './semantic';
import { failedParts, type Observation } from './playtest';

/** "INSUFFICIENT_CONFIDENCE" -> "insufficient confidence". */
function codeInWords(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

/** Why no bot took an action: the refusals met at the start of deliberations, most frequent first. */
function whyNeverTaken(observation: Observation, action: string): string {
  const refusals = Object.entries(observation.refusals[action] ?? {}).sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  const open = observation.open[action] ?? 0;
  const parts: string[] = [];
  if (refusals.length > 0) parts.push(`the rules refused it to the bots: ${refusals.map(([code, n]) => `${codeInWords(code)} ${n}`).join(', ')}`);
  if (open > 0) parts.push(`it was open ${open} times and no bot chose it`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function lastRoundReached(observation: Observation): number {
  return Math.max(0, ...observation.rounds);
}

export function qualityWarnings(scenario: Scenario, summary: SimulationSummary, file: string, locate: Locator, observation?: Observation): Problem[] {
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
    if (!summary.injectsNeverFired.includes(inject.id)) return;
    let why = '';
    if (observation) {
      const reasons: string[] = [];
      const last = lastRoundReached(observation);
      if (inject.round !== undefined && inject.round > last) reasons.push(`no run reached round ${inject.round} (the last reached was ${last})`);
      if (inject.when) {
        const parts = failedParts(observation, inject.when, ['injects', i, 'when']);
        if (parts.length > 0) reasons.push(`its condition never held: ${parts.join('; ')}`);
      }
      if (reasons.length > 0) why = `: ${reasons.join('; ')}`;
    }
    problems.push(warn(['injects', i], 'inject-never-fired', `inject "${inject.id}" never fired in ${runs}${why}`));
  });
  scenario.actions.forEach((action, i) => {
    if (summary.actionsNeverTaken.includes(action.id)) {
      const why = observation ? whyNeverTaken(observation, action.id) : '';
      problems.push(warn(['actions', i], 'action-never-taken', `action "${action.id}" was never taken in ${runs}${why}`));
    }
  });
  const decided: Record<string, number> = {};
  for (const policy of summary.policies) {
    for (const [key, n] of Object.entries(policy.outcomes)) {
      const id = key.split(':')[1];
      if (id) decided[id] = (decided[id] ?? 0) + n;
    }
  }
  scenario.endConditions.forEach((end, i) => {
    const n = decided[end.id] ?? 0;
    const path: Path = ['endConditions', i];
    if (summary.runs > 0 && n === summary.runs) {
      problems.push(warn(path, 'end-decides-every-run', `end condition "${end.id}" decided every one of ${runs}: the players' choices never changed how the exercise ends`));
    } else if (summary.runs > 0 && n === 0) {
      const parts = observation ? failedParts(observation, end.when, [...path, 'when']) : [];
      const why = parts.length > 0 ? `: it never held: ${parts.join('; ')}` : ', though it held at some point (an earlier end condition decided first)';
      problems.push(warn(path, 'end-decides-no-run', `end condition "${end.id}" decided none of ${runs}${observation ? why : ''}`));
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
