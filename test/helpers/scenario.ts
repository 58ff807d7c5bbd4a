/**
 * A small scenario built in code for server tests and the server benchmark:
 * N allied teams, one incident, a few cheap actions, and team-private
 * briefings and injects carrying marker strings, so a test can search
 * everything a client received for another team's secrets.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureOptions {
  id?: string;
  teams?: number;
  rounds?: number;
  /** Deliberation minutes per round (fractions allowed: 0.05 = 3 s). */
  minutes?: number;
  redCell?: boolean;
}

export const TEAM_IDS = ['atlantia', 'borealis', 'caledon', 'dunmore', 'estria', 'fennick'] as const;

/** Strings only the named team (and the facilitator) may ever receive. */
export function secretsOf(team: string): string[] {
  return [`BRIEFING-SECRET-${team}`, `PRIVATE-INJECT-TITLE-${team}`, `PRIVATE-INJECT-BODY-${team}`];
}

/** Strings only the facilitator may receive. */
export const FACILITATOR_SECRETS = ['FACILITATOR-NOTES-SECRET', 'ADVERSARY-BRIEFING-SECRET'];

export function fixtureScenario(options: FixtureOptions = {}): Record<string, unknown> {
  const teamCount = options.teams ?? 3;
  const rounds = options.rounds ?? 3;
  const minutes = options.minutes ?? 20;
  const teams = TEAM_IDS.slice(0, teamCount);
  return {
    formatVersion: 1,
    id: options.id ?? 'test-fixture',
    meta: {
      title: 'Test fixture: the Northern Vote',
      summary: 'A small scenario for server tests.',
      authors: ['Firebreak tests'],
      learningObjectives: [{ id: 'coordinate', text: 'Coordinate a coalition response.' }],
    },
    teams: teams.map((id, i) => ({
      id,
      name: id[0]!.toUpperCase() + id.slice(1),
      capital: { name: `${id} city`, lat: 50 + i, lon: 5 + i },
      briefing: `Your government's briefing. BRIEFING-SECRET-${id}`,
      resources: { capital: 6, intel: 3 },
      legalBases: [],
    })),
    adversary: {
      id: 'northland',
      name: 'Northland',
      briefing: 'ADVERSARY-BRIEFING-SECRET',
      redCellAllowed: options.redCell ?? true,
      phases: [
        { id: 'shaping', name: 'Shaping', fromRound: 1 },
        { id: 'leaking', name: 'Leaking', fromRound: 2 },
      ],
      moves: [
        {
          id: 'amplify',
          name: 'Amplify the leak',
          description: 'Bot networks amplify stolen documents.',
          postures: ['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'],
          chance: 0.5,
          effects: [{ harm: 'mail-leak', add: 1 }],
          news: 'Stolen mail trends worldwide.',
        },
      ],
    },
    incidents: [
      {
        id: 'mail-leak',
        name: 'Party mail leak',
        description: 'Mail of a governing party appears on a leak site.',
        kind: 'hackAndLeak',
        baseHarm: 5,
        startsInRound: 1,
        detectedBy: [teams[0]],
        responsibility: 'state-executed',
        legalCategory: 'internationallyWrongfulAct',
      },
    ],
    actions: [
      {
        id: 'resilience',
        name: 'Resilience assistance',
        description: 'Help election administrators.',
        category: 'resilience',
        severity: 0,
        rung: 0,
        reversibility: 1,
        minConfidence: 'none',
        targetsIncident: false,
        spillover: 'none',
        responseType: 'domestic',
        cost: { capital: 1 },
      },
      {
        id: 'investigate',
        name: 'Forensic investigation',
        description: 'Look for evidence.',
        category: 'investigate',
        severity: 0,
        rung: 0,
        reversibility: 1,
        minConfidence: 'none',
        targetsIncident: true,
        spillover: 'none',
        responseType: 'domestic',
        cost: { intel: 1 },
        effects: [{ evidence: 'mail-leak', add: 2 }],
      },
      {
        id: 'warning',
        name: 'Private warning',
        description: 'A quiet message on the hotline.',
        category: 'signalling',
        severity: 1,
        rung: 1,
        reversibility: 1,
        minConfidence: 'none',
        targetsIncident: true,
        spillover: 'none',
        responseType: 'retorsion',
        cost: { capital: 1 },
        joinable: true,
      },
    ],
    injects: teams.flatMap((id) => [
      {
        id: `brief-${id}`,
        title: `PRIVATE-INJECT-TITLE-${id}`,
        body: `PRIVATE-INJECT-BODY-${id}`,
        round: 1,
        audience: { teams: [id] },
        kind: 'intelligence',
        objectives: ['coordinate'],
        facilitatorNotes: 'FACILITATOR-NOTES-SECRET',
      },
    ]).concat([
      {
        id: 'news-1',
        title: 'Public news: leak site appears',
        body: 'Everyone can read this.',
        round: 1,
        audience: 'all',
        kind: 'news',
        objectives: ['coordinate'],
      } as never,
      {
        id: 'spare',
        title: 'Spare inject for the facilitator to release',
        body: 'A journalist calls.',
        round: Math.min(2, rounds),
        audience: 'all',
        kind: 'news',
        objectives: [],
      } as never,
    ]),
    rounds: Array.from({ length: rounds }, (_, i) => ({ title: `Round ${i + 1}`, minutes })),
    maxActionsPerRound: 3,
    debrief: {
      whatHappened: [{ text: 'In the real case, the allies took months to attribute.' }],
      discussionQuestions: ['What would you do differently?'],
    },
  };
}

export function fixtureText(options: FixtureOptions = {}): string {
  return JSON.stringify(fixtureScenario(options), null, 2);
}

/** Writes fixture scenarios into a folder, to serve as the server's shipped scenarios. */
export function writeScenarioDir(dir: string, fixtures: FixtureOptions[]): string {
  mkdirSync(dir, { recursive: true });
  for (const options of fixtures) {
    writeFileSync(join(dir, `${options.id ?? 'test-fixture'}.json`), fixtureText(options));
  }
  return dir;
}
