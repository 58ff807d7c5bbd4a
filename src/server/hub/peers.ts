/**
 * The hub's side of running with other server processes (ctx.peers; see
 * context.ts for the model): writes go to the exercise's owner, copies
 * follow the log, exercises created elsewhere are loaded on first notice, and
 * an exercise whose owner is gone is claimed and caught up from the log.
 */
import type { CommandAck, ErrorAnswer, TeamReadyAck } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import type { SeatRecord } from '../storage/types';
import { broadcastPresence } from './broadcast';
import { armClock } from './clock';
import { serial } from './commands';
import { fail, type ExerciseChange, type HubContext, type NodeSeats } from './context';
import { loadExercise, reload } from './recovery';
import { addSeat } from './seats';
import { checkVotes } from './votes';

/**
 * Runs `here` when this process owns the exercise, else has the owner run
 * it (`forward`). When no process owns it (its owner died and the lease
 * expired), this one claims it, catches up from the log and runs it here.
 */
export async function viaOwner<T extends CommandAck | TeamReadyAck>(
  ctx: HubContext,
  ex: ExerciseRuntime,
  forward: () => Promise<T | null>,
  here: () => Promise<T>,
): Promise<T | ErrorAnswer> {
  const peers = ctx.peers;
  if (!peers || peers.owns(ex.id)) return here();
  let answer: T | null;
  try {
    answer = await forward();
  } catch (err) {
    ctx.logger.warn({ exerciseId: ex.id, err: (err as Error).message }, 'the owner of an exercise did not answer a forwarded request');
    return fail('UNAVAILABLE', 'The server process running this exercise did not answer in time; nothing was applied here. Send it again in a moment.');
  }
  if (answer) return answer;
  if (await peers.claim(ex.id)) {
    await takeOver(ctx, ex);
    return here();
  }
  return fail('UNAVAILABLE', 'This exercise is changing hands between server processes; send it again in a moment.');
}

/** After this process took an exercise's lease: read what the last owner logged, then run its clock here. */
export async function takeOver(ctx: HubContext, ex: ExerciseRuntime): Promise<void> {
  await serial(ctx, ex, async () => {
    await reload(ctx, ex, { seats: true });
    ctx.logger.info({ exerciseId: ex.id, seq: ex.lastSeq, node: ctx.peers?.node }, 'took over an exercise');
    armClock(ctx, ex);
    broadcastPresence(ctx, ex);
  });
}

/** After this process lost an exercise's lease (it expired, another took it): stop its clock. */
export function lostOwnership(ctx: HubContext, ex: ExerciseRuntime): void {
  if (ex.clockTimer) clearTimeout(ex.clockTimer);
  ex.clockTimer = null;
  ctx.logger.warn({ exerciseId: ex.id, node: ctx.peers?.node }, 'lost the lease of an exercise: another process owns it now');
}

/** Another process created or changed an exercise: load it, or read its log (and seats) to `seq`. */
export async function follow(ctx: HubContext, change: ExerciseChange): Promise<void> {
  ctx.logger.debug({ ...change, node: ctx.peers?.node }, 'change heard');
  const ex = ctx.exercises.get(change.exerciseId);
  if (!ex) {
    await exerciseById(ctx, change.exerciseId);
    return;
  }
  if (ctx.peers?.owns(ex.id)) return;
  if (ex.lastSeq >= change.seq && !change.seats) return;
  await serial(ctx, ex, () => reload(ctx, ex, { seats: change.seats }));
}

/**
 * After this process may have missed changes (it lost Redis, which carries
 * them, or PostgreSQL, from which they are read): reads the log of every
 * exercise another process owns to its end, so its sockets catch up even
 * if no further change comes.
 */
export async function catchUpAll(ctx: HubContext): Promise<void> {
  for (const ex of ctx.exercises.values()) {
    if (ex.closed || ctx.peers?.owns(ex.id)) continue;
    await serial(ctx, ex, () => reload(ctx, ex, { seats: true }));
  }
}

/** Reads the log up to `seq` when the copy here is behind (after a forwarded command's answer). */
export async function catchUp(ctx: HubContext, ex: ExerciseRuntime, seq: number): Promise<void> {
  if (ex.lastSeq < seq) await reload(ctx, ex, { seats: false });
}

/** An exercise known here, or loaded from storage (created by another process); null when there is none. */
export function exerciseById(ctx: HubContext, exerciseId: string): Promise<ExerciseRuntime | null> {
  const known = ctx.exercises.get(exerciseId);
  if (known) return Promise.resolve(known);
  let loading = ctx.loading.get(exerciseId);
  if (!loading) {
    loading = (async () => {
      try {
        const meta = await ctx.storage.getExercise(exerciseId);
        return meta ? await loadExercise(ctx, meta) : null;
      } finally {
        ctx.loading.delete(exerciseId);
      }
    })();
    ctx.loading.set(exerciseId, loading);
  }
  return loading;
}

/** A seat of the exercise, reading the seats from storage when it joined through another process. */
export async function seatById(ctx: HubContext, ex: ExerciseRuntime, seatId: string): Promise<SeatRecord | null> {
  const known = ex.seats.get(seatId);
  if (known) return known;
  for (const seat of await ctx.storage.seats(ex.id)) if (!ex.seats.has(seat.seatId)) addSeat(ctx, ex, seat);
  return ex.seats.get(seatId) ?? null;
}

/**
 * Another process said which seats have a socket there. The owner sends
 * presence again, and checks the ready votes of teams whose members left.
 */
export async function remoteSeats(ctx: HubContext, message: NodeSeats): Promise<void> {
  const now = Date.now();
  const listed = new Set(Object.keys(message.exercises));
  const touched: ExerciseRuntime[] = [];
  for (const ex of ctx.exercises.values()) {
    if (!listed.has(ex.id) && !(message.complete && ex.remoteSeats.has(message.node))) continue;
    const seats = new Set(message.exercises[ex.id] ?? []);
    const before = ex.remoteSeats.get(message.node)?.seats;
    ex.remoteSeats.set(message.node, { seats, at: now });
    if (!before || before.size !== seats.size || [...seats].some((s) => !before.has(s))) touched.push(ex);
  }
  for (const ex of touched) {
    if (!ctx.peers?.owns(ex.id)) continue;
    for (const seatId of ex.remoteSeats.get(message.node)!.seats) await seatById(ctx, ex, seatId);
    broadcastPresence(ctx, ex);
    const teams = new Set([...ex.seats.values()].flatMap((s) => (s.role === 'team' && s.team ? [s.team] : [])));
    for (const team of teams) void serial(ctx, ex, () => checkVotes(ctx, ex, team)).catch((err) => ctx.logger.error({ err }, 'vote check failed'));
  }
}
