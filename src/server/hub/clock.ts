/**
 * The round clock: a timer per exercise armed from the state, for whichever
 * comes first of the round's deadline and the minute an ad-hoc inject was
 * scheduled for. When it fires, the server itself sends clockExpired (or
 * releaseScheduledInject) through the same command path as a seat. Only the
 * exercise's owner arms it (with several processes, the one holding its
 * lease); its command id names the round and deadline (or the scheduled
 * inject), so a timer that fires again after a takeover finds it logged and
 * changes nothing. Everything it reads is in the state, so a restart re-arms it.
 */
import { scheduledDueAt } from '../../engine/adjudicate/injects';
import type { CommandBody } from '../../engine/types';
import type { ExerciseRuntime } from '../exercise';
import { decide, serial } from './commands';
import type { HubContext } from './context';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Something the server's clock sends at a given time. */
interface TimedCommand {
  at: number;
  id: string;
  body: CommandBody;
}

/** The next command the clock owes the exercise: the deadline's expiry or a scheduled inject, whichever is due first. */
function nextTimedCommand(ex: ExerciseRuntime): TimedCommand | null {
  const due: TimedCommand[] = [];
  const { deadline } = ex.state.clock;
  const round = ex.state.round;
  if (deadline !== null) due.push({ at: deadline, id: `clock:${round}:${deadline}`, body: { type: 'clockExpired', round } });
  for (const entry of ex.state.injects.scheduled ?? []) {
    const at = scheduledDueAt(ex.scenario, ex.state, entry);
    if (at !== null) due.push({ at, id: `inject:${entry.id}`, body: { type: 'releaseScheduledInject', inject: entry.id } });
  }
  // A scheduled inject due with the deadline goes out before the round resolves.
  return due.sort((a, b) => a.at - b.at || (a.body.type === 'clockExpired' ? 1 : -1))[0] ?? null;
}

/** Arms the exercise's timer for the next command the clock owes it. */
export function armClock(ctx: HubContext, ex: ExerciseRuntime): void {
  if (ex.clockTimer) {
    clearTimeout(ex.clockTimer);
    ex.clockTimer = null;
  }
  if (ex.closed || ctx.closing) return;
  if (ctx.peers && !ctx.peers.owns(ex.id)) return;
  const next = nextTimedCommand(ex);
  if (!next) return;
  const delay = Math.min(Math.max(0, next.at - Date.now()), MAX_TIMER_MS);
  ex.clockTimer = setTimeout(() => {
    ex.clockTimer = null;
    if (nextTimedCommand(ex)?.id !== next.id || Date.now() < next.at) return armClock(ctx, ex);
    void send(ctx, ex, next).catch((err) => ctx.logger.error({ err, exerciseId: ex.id }, 'clock command failed'));
  }, delay);
  ex.clockTimer.unref?.();
}

async function send(ctx: HubContext, ex: ExerciseRuntime, timed: TimedCommand): Promise<void> {
  await serial(ctx, ex, async () => {
    if (nextTimedCommand(ex)?.id !== timed.id || (ctx.peers && !ctx.peers.owns(ex.id))) {
      armClock(ctx, ex);
      return;
    }
    const outcome = await decide(ctx, ex, { seat: null, actor: { role: 'system' }, id: timed.id, body: timed.body });
    if (outcome.accepted) {
      ctx.logger.info({ exerciseId: ex.id, round: ex.state.round, command: timed.body.type }, 'the clock sent a command');
    } else if (!outcome.answer.ok) {
      ctx.logger.debug({ exerciseId: ex.id, command: timed.body.type, code: outcome.answer.code }, 'clock command not applied');
      if (outcome.answer.code === 'STORAGE_ERROR') {
        // Try again shortly: the time has passed and the command must still be logged.
        setTimeout(() => void send(ctx, ex, timed).catch(() => {}), 1000).unref?.();
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
