/**
 * Rebuilding exercises from their logs: on start-up (recover), after another
 * writer appended (reload), and when an author edits a shipped scenario in
 * watch mode (replaceScenario). Every one of them folds log records through
 * the engine's foldLog; storage/rebuild.ts reads an exercise from storage
 * (its scenario parsed once per process, its latest snapshot, the tail of
 * its log).
 *
 * An exercise that does not replay as it was logged, or that was quarantined
 * before, is quarantined: kept as stored, served read-only when it can be
 * rebuilt at all (seats resume, read and export; commands are refused), and
 * reported in the log, on /healthz and by `firebreak check`.
 */
import type { Logger } from 'pino';
import { foldLog } from '../../engine';
import { ExerciseRuntime, knownIdOf } from '../exercise';
import type { ShippedScenario } from '../scenarios';
import { hashState } from '../storage/records';
import { describeMismatch, rebuildExercise, type RebuildResult } from '../storage/rebuild';
import type { ExerciseMeta } from '../storage/types';
import { armClock } from './clock';
import { afterAccepted, serial } from './commands';
import type { HubContext } from './context';
import { addSeat, indexCodes } from './seats';

/** Rebuilds every stored exercise from its latest snapshot and the tail of its log. */
export async function recover(ctx: HubContext): Promise<{ exercises: number; commands: number; degraded: string[] }> {
  const metas = await ctx.storage.list();
  const quarantined = new Map((await ctx.storage.quarantined()).map((q) => [q.exerciseId, q.reason]));
  let commands = 0;
  const degraded: string[] = [];
  for (const meta of metas) {
    const ex = await load(ctx, meta, ctx.logger.child({ exerciseId: meta.id }), quarantined.get(meta.id) ?? null);
    if (!ex) {
      ctx.unrecoverable.push(meta.id);
      degraded.push(meta.id);
      continue;
    }
    commands += ex.lastSeq;
    if (ex.degraded) degraded.push(ex.id);
  }
  return { exercises: ctx.exercises.size, commands, degraded };
}

/** Loads one exercise another process created (quarantined when it does not replay); null when it cannot be rebuilt. */
export async function loadExercise(ctx: HubContext, meta: ExerciseMeta): Promise<ExerciseRuntime | null> {
  const quarantined = (await ctx.storage.quarantined()).find((q) => q.exerciseId === meta.id);
  return load(ctx, meta, ctx.logger.child({ exerciseId: meta.id }), quarantined?.reason ?? null);
}

async function load(ctx: HubContext, meta: ExerciseMeta, log: Logger, quarantinedFor: string | null): Promise<ExerciseRuntime | null> {
  let rebuilt: RebuildResult;
  try {
    rebuilt = await rebuildExercise(ctx.storage, meta, ctx.scenarioCache);
  } catch (err) {
    rebuilt = { ok: false, reason: `it could not be read: ${(err as Error).message}` };
  }
  if (!rebuilt.ok) {
    log.error({ reason: rebuilt.reason }, 'RECOVERY FAILED: exercise quarantined and not served');
    await quarantine(ctx, meta.id, `RECOVERY FAILED: ${rebuilt.reason}`, log);
    return null;
  }
  for (const warning of rebuilt.warnings) log.warn(warning);
  for (const m of rebuilt.mismatches) log.error({ ...m }, `REPLAY MISMATCH: ${describeMismatch(m)}`);
  const ex = new ExerciseRuntime(meta, rebuilt.scenario, rebuilt.state, rebuilt.lastSeq, rebuilt.lastAt);
  for (const [id, entry] of rebuilt.accepted) ex.accepted.set(id, entry);
  ex.lastHashedSeq = rebuilt.lastHashedSeq;
  ex.lastSnapshotSeq = rebuilt.fromSnapshotSeq;
  if (rebuilt.mismatches.length) {
    quarantinedFor = `REPLAY MISMATCH: ${rebuilt.mismatches.length} record(s) did not replay as logged; first: ${describeMismatch(rebuilt.mismatches[0]!)}`;
    await quarantine(ctx, meta.id, quarantinedFor, log);
  }
  if (quarantinedFor) {
    ex.degraded = true;
    ex.quarantined = quarantinedFor;
  }
  for (const seat of await ctx.storage.seats(meta.id)) addSeat(ctx, ex, seat);
  indexCodes(ctx, meta);
  ctx.exercises.set(meta.id, ex);
  armClock(ctx, ex);
  log.info(
    {
      commands: rebuilt.lastSeq,
      replayed: rebuilt.lastSeq - rebuilt.fromSnapshotSeq,
      phase: ex.state.phase,
      round: ex.state.round,
      quarantined: ex.quarantined,
    },
    'exercise recovered',
  );
  return ex;
}

/** Records an exercise as quarantined; a store that cannot record it is logged, not fatal. */
async function quarantine(ctx: HubContext, exerciseId: string, reason: string, log: Logger): Promise<void> {
  try {
    await ctx.storage.quarantine(exerciseId, reason);
  } catch (err) {
    log.error({ err: (err as Error).message }, 'could not record the quarantine in storage');
  }
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
  ctx.scenarioCache.add(next.text, next.scenario);
  const affected = [...ctx.exercises.values()].filter((ex) => ex.meta.scenarioText === previousText);
  for (const ex of affected) {
    await serial(ctx, ex, async () => {
      const records = await ctx.storage.read(ex.id, 1);
      const { state, mismatches } = foldLog(next.scenario, { seed: ex.meta.seed }, records, { verifyHashes: false });
      await ctx.storage.updateScenarioText(ex.id, next.text, ex.lastSeq);
      ex.meta = { ...ex.meta, scenarioText: next.text, scenarioEditedAtSeq: ex.lastSeq };
      ex.scenario = next.scenario;
      ex.state = state;
      // The stored snapshot was dropped with the old text: the next checkpoint stores one.
      ex.lastSnapshotSeq = 0;
      ex.dirty = true;
      armClock(ctx, ex);
      ctx.logger.info({ exerciseId: ex.id, scenario: next.scenario.id, skipped: mismatches.length }, 'scenario edited: exercise rebuilt from its log');
    });
  }
  return affected.length;
}

/**
 * Re-reads an exercise from storage after another writer changed its log
 * (and its seats, unless `seats` is false: a copy following the owner reads
 * them only when told a seat joined).
 */
export async function reload(ctx: HubContext, ex: ExerciseRuntime, options: { seats: boolean } = { seats: true }): Promise<void> {
  const records = await ctx.storage.read(ex.id, ex.lastSeq + 1);
  const folded = foldLog(ex.scenario, { state: ex.state, seq: ex.lastSeq }, records, { hashState });
  if (folded.mismatches.length) ex.degraded = true;
  ex.state = folded.state;
  ex.lastSeq = folded.lastSeq;
  if (folded.lastHashedSeq) ex.lastHashedSeq = folded.lastHashedSeq;
  for (const record of records) {
    ex.accepted.set(record.command.id, knownIdOf(record));
    ex.lastAt = Math.max(ex.lastAt, record.command.at);
  }
  if (options.seats) {
    for (const seat of await ctx.storage.seats(ex.id)) {
      if (!ex.seats.has(seat.seatId)) addSeat(ctx, ex, seat);
    }
  }
  if (records.length) afterAccepted(ctx, ex);
}
