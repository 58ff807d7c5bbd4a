/**
 * The legal and political fields of a scenario: incidents classified as
 * every scenario classifies them (rules/law.ts), the injured governments the
 * countermeasure rules read, and the election rounds that politics at home reads.
 */
import { INCIDENT_LEGAL_CATEGORY } from '../../rules/law';
import type { SemanticRule } from './context';

export const lawRule: SemanticRule = {
  id: 'law',
  summary: 'Incidents carry the legal category of their kind, name known injured teams, and election rounds lie within the scenario.',
  codes: ['incident-classification', 'unknown-team', 'no-injured-team', 'round-out-of-range'],
  check(context) {
    const s = context.scenario;
    s.incidents.forEach((incident, i) => {
      const expected = INCIDENT_LEGAL_CATEGORY[incident.kind];
      if (expected && incident.legalCategory !== expected) {
        context.error(
          'incident-classification',
          ['incidents', i, 'legalCategory'],
          `incident "${incident.id}" is an ${incident.kind}, which every scenario classifies as ${expected} (data theft is espionage; leaking and amplifying it is a prohibited intervention), not ${incident.legalCategory}`,
        );
      }
      incident.injured?.forEach((team, k) => context.ref('team', team, ['incidents', i, 'injured', k]));
      if (incident.injured?.length === 0) {
        context.error('no-injured-team', ['incidents', i, 'injured'], `incident "${incident.id}" lists no injured team: leave "injured" out to make every team an injured state`);
      }
    });
    s.electionRounds.forEach((round, k) => context.round(round, ['electionRounds', k]));
  },
};
