/**
 * Rebuilding exercises from their logs: on start-up (recover), after another
 * writer appended (reload), and when an author edits a shipped scenario in
 * watch mode (replaceScenario).
 */
import type { Logger } from 'pino';
import { applyCommand, createExercise, formatProblem, loadScenarioText, replay, stateHash } from '../../engine';
import { ExerciseRuntime } from '../exercise';
import type { ShippedScenario } from '../scenarios';
import type { ExerciseMeta } from '../storage/types';
import { armClock } from './clock';
import { afterAccepted, serial } from './commands';
import type { HubContext } from './context';
import { addSeat, indexCodes } from './seats';

/** Rebuilds every stored exercise by replaying its log through the engine. */
export async function recover(ctx: HubContext): Promise<{ exercises: number; commands: number; degraded: string[] }> {
  const metas = await ctx.storage.list();
  let commands = 0;
  const degraded: string[] = [];
  for (const meta of metas) {
    const log = ctx.logger.child({ exerciseId: meta.id });
    try {
      const ex = await load(ctx, meta, log);
      if (!ex) {
        ctx.unrecoverable.push(meta.id);
        degraded.push(meta.id);
        continue;
      }
      commands += ex.lastSeq;
      if (ex.degraded) degraded.push(ex.id);
    } catch (err) {
      log.error({ err }, 'RECOVERY FAILED: exercise could not be rebuilt and is not served');
      ctx.unrecoverable.push(meta.id);
      degraded.push(meta.id);
    }
  }
  return { exercises: ctx.exercises.size, commands, degraded };
}

async function load(ctx: HubContext, meta: ExerciseMeta, log: Logger): Promise<ExerciseRuntime | null> {
  const loaded = loadScenarioText(meta.scenarioText, `${meta.scenarioId}.json`);
  if (!loaded.ok) {
    log.error(
      { problems: loaded.problems.map(formatProblem) },
      'RECOVERY FAILED: the stored scenario no longer loads; exercise not served',
    );
    return null;
  }
  const scenario = loaded.scenario;
  const initial = createExercise(scenario, meta.seed);
  const records = await ctx.storage.read(meta.id, 1);
  const ex = new ExerciseRuntime(meta, scenario, initial, 0, meta.createdAt);
  let state = initial;
  // Before an author's edit (watch mode) the log followed another text: refusals and other hashes are expected there.
  const editedAt = meta.scenarioEditedAtSeq ?? 0;
  for (const record of records) {
    const result = applyCommand(scenario, state, record.command);
    if (!result.ok && record.seq <= editedAt) {
      // Skipped, as it was when the edit was applied live.
    } else if (!result.ok) {
      ex.degraded = true;
      log.error(
        { seq: record.seq, commandId: record.command.id, type: record.command.type, code: result.code, message: result.message },
        'REPLAY MISMATCH: a logged command was rejected on replay; it is skipped',
      );
    } else {
      state = result.state;
      const hash = record.stateHash === null || record.seq <= editedAt ? record.stateHash : stateHash(state);
      if (hash !== record.stateHash) {
        ex.degraded = true;
        log.error(
          { seq: record.seq, commandId: record.command.id, logged: record.stateHash, replayed: hash },
          'REPLAY MISMATCH: replay reached a different state hash than the one logged',
        );
      }
    }
    ex.accepted.set(record.command.id, { seq: record.seq, seatId: record.seatId });
    ex.lastSeq = record.seq;
    ex.lastAt = Math.max(ex.lastAt, record.command.at);
  }
  ex.state = state;
  ex.lastHashedSeq = records.length ? Math.max(0, ...records.filter((r) => r.stateHash !== null).map((r) => r.seq)) : 0;
  for (const seat of await ctx.storage.seats(meta.id)) addSeat(ctx, ex, seat);
  indexCodes(ctx, meta);
  ctx.exercises.set(meta.id, ex);
  armClock(ctx, ex);
  log.info({ commands: records.length, phase: state.phase, round: state.round, degraded: ex.degraded }, 'exercise recovered');
  return ex;
}

/**
 * Rebuilds every exercise created from `previousText` under the edited
 * scenario: its log is replayed with the new rules (commands they refuse are
 * skipped), the new text is stored as of the current seq, and every viewer
 * receives the rebuilt view. Returns how many exercises were rebuilt.
 */
export async function replaceScenario(ctx: HubContext, previousText: string, next: ShippedScenario): Promise<number> {
  for (const [id, shipped] of ctx.scenarios) if (shipped.text === previousText) ctx.scenarios.delete(id);
  ctx.scenarios.set(next.scenario.id, next);
  const affected = [...ctx.exercises.values()].filter((ex) => ex.meta.scenarioText === previousText);
  for (const ex of affected) {
    await serial(ctx, ex, async () => {
      const records = await ctx.storage.read(ex.id, 1);
      const { state, results } = replay(next.scenario, ex.meta.seed, records.map((r) => r.command));
      const skipped = results.filter((r) => !r.ok).length;
      await ctx.storage.updateScenarioText(ex.id, next.text, ex.lastSeq);
      ex.meta = { ...ex.meta, scenarioText: next.text, scenarioEditedAtSeq: ex.lastSeq };
      ex.scenario = next.scenario;
      ex.state = state;
      ex.dirty = true;
      armClock(ctx, ex);
      ctx.logger.info({ exerciseId: ex.id, scenario: next.scenario.id, skipped }, 'scenario edited: exercise rebuilt from its log');
    });
  }
  return affected.length;
}

/** Re-reads an exercise from storage after another writer changed its log. */
export async function reload(ctx: HubContext, ex: ExerciseRuntime): Promise<void> {
  const records = await ctx.storage.read(ex.id, ex.lastSeq + 1);
  for (const record of records) {
    const result = applyCommand(ex.scenario, ex.state, record.command);
    if (result.ok) ex.state = result.state;
    else ex.degraded = true;
    ex.accepted.set(record.command.id, { seq: record.seq, seatId: record.seatId });
    ex.lastSeq = record.seq;
    ex.lastAt = Math.max(ex.lastAt, record.command.at);
  }
  for (const seat of await ctx.storage.seats(ex.id)) {
    if (!ex.seats.has(seat.seatId)) addSeat(ctx, ex, seat);
  }
  if (records.length) afterAccepted(ctx, ex);
}
