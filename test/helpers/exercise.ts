/** Setting up an exercise with seats: a facilitator, players per team, an observer, a red cell. */
import type { DecisionDraft } from '../../src/engine/types';
import type { ExerciseCreateAck } from '../../src/protocol/events';
import { TestClient } from './client';

export interface Table {
  created: Extract<ExerciseCreateAck, { ok: true }>;
  facilitator: TestClient;
  /** team id -> its players, the lead first. */
  teams: Record<string, TestClient[]>;
  observer: TestClient | null;
  redCell: TestClient | null;
  all: TestClient[];
  close(): void;
}

export async function setUpTable(
  url: string,
  options: {
    scenarioId?: string;
    scenarioText?: string;
    seed?: string;
    /** Players per team (default 1). */
    players?: number;
    observer?: boolean;
    redCell?: boolean;
  } = {},
): Promise<Table> {
  const facilitator = await TestClient.connect(url, 'facilitator');
  const created = await facilitator.create({
    ...(options.scenarioText ? { scenarioText: options.scenarioText } : { scenarioId: options.scenarioId ?? 'test-fixture' }),
    seed: options.seed ?? 'seed-1',
    facilitatorName: 'Fran Facilitator',
  });
  await facilitator.resume(created.facilitatorCredential);
  facilitator.credential = created.facilitatorCredential;

  const teams: Record<string, TestClient[]> = {};
  for (const [team, code] of Object.entries(created.codes.teams)) {
    teams[team] = [];
    for (let i = 0; i < (options.players ?? 1); i++) {
      const client = await TestClient.connect(url, `${team}-${i}`);
      await client.join(code, `${team} player ${i}`);
      teams[team].push(client);
    }
  }
  let observer: TestClient | null = null;
  if (options.observer ?? true) {
    observer = await TestClient.connect(url, 'observer');
    await observer.join(created.codes.observer, 'Olga Observer');
  }
  let redCell: TestClient | null = null;
  if (options.redCell && created.codes.redCell) {
    redCell = await TestClient.connect(url, 'redCell');
    await redCell.join(created.codes.redCell, 'Red Rick');
  }
  const all = [facilitator, ...Object.values(teams).flat(), ...(observer ? [observer] : []), ...(redCell ? [redCell] : [])];
  return {
    created,
    facilitator,
    teams,
    observer,
    redCell,
    all,
    close() {
      for (const c of all) c.close();
    },
  };
}

/**
 * Starts the exercise and plays its first rounds for one team: in each, the
 * team's first player drafts that round's decision, the facilitator resolves
 * the round and opens the next. Leaves the exercise in the round after them.
 */
export async function playOpeningRounds(table: Table, team: string, drafts: Omit<DecisionDraft, 'options'>[]): Promise<void> {
  const player = table.teams[team]![0]!;
  await table.facilitator.must({ type: 'startExercise' });
  await table.facilitator.must({ type: 'advance' });
  for (const draft of drafts) {
    await player.must({ type: 'draftDecision', draft: { ...draft, options: {} } });
    await table.facilitator.must({ type: 'advance' });
    await table.facilitator.must({ type: 'advance' });
  }
}
