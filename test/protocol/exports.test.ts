/**
 * Each JSON export says whether it replays, and is right: an export marked
 * replayable replays from its seed to its stateHash, and one that is not
 * lists exactly the commands shown redacted and what it withholds.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadScenarioText, replay, stateHash } from '../../src/engine';
import type { ExportAck } from '../../src/protocol/events';
import { commandsOfLog, exerciseLogSchema, type ExerciseLog } from '../../src/protocol/log';
import type { TestClient } from '../helpers/client';
import { serverForThisFile } from '../helpers/perFile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();

async function exportOf(client: TestClient): Promise<{ ack: Extract<ExportAck, { ok: true }>; log: ExerciseLog }> {
  const ack = await client.request<ExportAck>('export', { format: 'json' });
  if (!ack.ok) throw new Error(`${client.label}: export refused: ${ack.code}`);
  return { ack, log: exerciseLogSchema.parse(JSON.parse(ack.data)) };
}

function replaysTo(log: ExerciseLog, scenarioText: string): string {
  const loaded = loadScenarioText(scenarioText, 'scenario.json');
  if (!loaded.ok) throw new Error('the scenario does not load');
  return stateHash(replay(loaded.scenario, log.seed!, commandsOfLog(log)).state);
}

describe('exports say whether they replay', () => {
  it('marks the facilitator\'s export replayable, and others not when they redact, listing what', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', observer: true, redCell: true });
    const f = t.facilitator;
    await f.must({ type: 'startExercise' });
    await f.must({ type: 'advance' });
    await t.redCell!.waitForView((v) => v.phase === 'deliberation', 'deliberation');
    const move = t.redCell!.view!.redCell!.moves.find((m) => m.eligible)!;
    const chosen = await t.redCell!.must({ type: 'chooseAdversaryMove', move: move.id });
    const chatted = await t.teams.atlantia![0]!.must({ type: 'chat', channel: 'team', text: 'our own business' });

    // Before the end: the observer's export withholds the seed and masks the red cell's move.
    const early = await exportOf(t.observer!);
    expect(early.ack.replayable).toBe(false);
    expect(early.log.replay).toEqual({ replayable: false, redacted: [chosen], withheld: ['seed', 'scenario'] });

    await f.must({ type: 'endExercise', reason: 'done' });
    const facilitator = await exportOf(f);
    expect(facilitator.ack.replayable).toBe(true);
    expect(facilitator.log.replay).toEqual({ replayable: true, redacted: [], withheld: [] });
    const scenarioText = facilitator.log.scenarioText!;
    expect(replaysTo(facilitator.log, scenarioText)).toBe(facilitator.log.stateHash);

    // After it: another team's export masks the move and atlantia's team chat; it lists both, and its bodies agree.
    const borealis = await exportOf(t.teams.borealis![0]!);
    expect(borealis.log.replay).toEqual({ replayable: false, redacted: [chosen, chatted], withheld: ['scenario'] });
    for (const command of borealis.log.commands) {
      expect(JSON.stringify(command.body).includes('[redacted]'), `seq ${command.seq}`).toBe(borealis.log.replay!.redacted.includes(command.seq));
    }
    // Replaying it anyway does not reach the hash: the flag is not a formality.
    expect(replaysTo(borealis.log, scenarioText)).not.toBe(borealis.log.stateHash);
  });

  it('marks an observer\'s export replayable when nothing in it is redacted, and it replays', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', observer: true });
    await t.facilitator.must({ type: 'startExercise' });
    await t.facilitator.must({ type: 'advance' });
    await t.teams.atlantia![0]!.must({ type: 'chat', channel: 'coalition', text: 'hello allies' });
    await t.facilitator.must({ type: 'endExercise', reason: 'done' });
    const observer = await exportOf(t.observer!);
    expect(observer.log.replay).toEqual({ replayable: true, redacted: [], withheld: ['scenario'] });
    const scenarioText = (await exportOf(t.facilitator)).log.scenarioText!;
    expect(replaysTo(observer.log, scenarioText)).toBe(observer.log.stateHash);
    const csv = await t.observer!.request<ExportAck>('export', { format: 'csv' });
    expect(csv).toMatchObject({ ok: true, replayable: false });
  });
});
