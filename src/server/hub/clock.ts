/**
 * The round clock: a timer per exercise armed from the state's deadline.
 * When it fires, the server itself sends clockExpired through the same
 * command path as a seat. Only the exercise's owner arms it (with several
 * processes, the one holding its lease); its command id is the round and the
 * deadline, so a clock that fires again after a takeover finds it logged and
 * changes nothing.
 */
import type { ExerciseRuntime } from '../exercise';
import { decide, serial } from './commands';
import type { HubContext } from './context';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Arms the exercise's timer from the state's deadline; on expiry the server sends clockExpired. */
export function armClock(ctx: HubContext, ex: ExerciseRuntime): void {
  if (ex.clockTimer) {
    clearTimeout(ex.clockTimer);
    ex.clockTimer = null;
  }
  const deadline = ex.state.clock.deadline;
  if (deadline === null || ex.closed || ctx.closing) return;
  if (ctx.peers && !ctx.peers.owns(ex.id)) return;
  const delay = Math.min(Math.max(0, deadline - Date.now()), MAX_TIMER_MS);
  ex.clockTimer = setTimeout(() => {
    ex.clockTimer = null;
    if (ex.state.clock.deadline !== deadline) return armClock(ctx, ex);
    if (Date.now() < deadline) return armClock(ctx, ex);
    void expire(ctx, ex, deadline).catch((err) => ctx.logger.error({ err, exerciseId: ex.id }, 'clock expiry failed'));
  }, delay);
  ex.clockTimer.unref?.();
}

async function expire(ctx: HubContext, ex: ExerciseRuntime, deadline: number): Promise<void> {
  await serial(ctx, ex, async () => {
    if (ex.state.clock.deadline !== deadline || (ctx.peers && !ctx.peers.owns(ex.id))) {
      armClock(ctx, ex);
      return;
    }
    const round = ex.state.round;
    const outcome = await decide(ctx, ex, {
      seat: null,
      actor: { role: 'system' },
      id: `clock:${round}:${deadline}`,
      body: { type: 'clockExpired', round },
    });
    if (outcome.accepted) {
      ctx.logger.info({ exerciseId: ex.id, round }, 'round deadline expired');
    } else if (!outcome.answer.ok) {
      ctx.logger.debug({ exerciseId: ex.id, round, code: outcome.answer.code }, 'clockExpired not applied');
      if (outcome.answer.code === 'STORAGE_ERROR') {
        // Try again shortly: the deadline has passed and must still be logged.
        setTimeout(() => void expire(ctx, ex, deadline).catch(() => {}), 1000).unref?.();
      } else {
        armClock(ctx, ex);
      }
    }
  });
}

/** Stops every exercise's timer (on shutdown). */
export function stopClocks(ctx: HubContext): void {
  for (const ex of ctx.exercises.values()) {
    if (ex.clockTimer) clearTimeout(ex.clockTimer);
    ex.clockTimer = null;
  }
}
