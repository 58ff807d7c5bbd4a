/**
 * Semantic checks for the legal and political fields of a scenario: incidents
 * classified as every scenario classifies them (rules/law.ts), the injured
 * governments the countermeasure rules read, and the election rounds that
 * politics at home reads.
 * References inside conditions are checked with the rest in semantic.ts.
 */
import { INCIDENT_LEGAL_CATEGORY } from '../rules/law';
import type { Problem } from './problems';
import type { Scenario } from './schema';
import { jsonPointer, type Locator, type Path } from './semantic';

export function checkLegalFields(scenario: Scenario, file: string, locate: Locator): Problem[] {
  const problems: Problem[] = [];
  const error = (code: string, path: Path, message: string): void => {
    problems.push({ severity: 'error', code, message, file, ...locate(path), pointer: jsonPointer(path) });
  };
  const teamIds = scenario.teams.map((t) => t.id);
  scenario.incidents.forEach((incident, i) => {
    const expected = INCIDENT_LEGAL_CATEGORY[incident.kind];
    if (expected && incident.legalCategory !== expected) {
      error(
        'incident-classification',
        ['incidents', i, 'legalCategory'],
        `incident "${incident.id}" is an ${incident.kind}, which every scenario classifies as ${expected} (data theft is espionage; leaking and amplifying it is a prohibited intervention), not ${incident.legalCategory}`,
      );
    }
    incident.injured?.forEach((team, k) => {
      if (!teamIds.includes(team)) error('unknown-team', ['incidents', i, 'injured', k], `unknown team "${team}" (known: ${teamIds.join(', ')})`);
    });
    if (incident.injured?.length === 0) {
      error('no-injured-team', ['incidents', i, 'injured'], `incident "${incident.id}" lists no injured team: leave "injured" out to make every team an injured state`);
    }
  });
  scenario.electionRounds.forEach((round, k) => {
    if (round > scenario.rounds.length) {
      error('round-beyond', ['electionRounds', k], `election round ${round} is beyond the scenario's ${scenario.rounds.length} rounds`);
    }
  });
  return problems;
}
