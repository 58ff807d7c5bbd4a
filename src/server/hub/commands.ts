/**
 * The authority loop: the one path of every command, whoever sends it (a
 * seat, a team's vote or the server's clock): receive, check, apply, store,
 * answer, publish. It runs inside the exercise's serial queue, so sequence
 * numbers never race, nothing is answered before the append commits, and no
 * patch leaves before the answer to the command that caused it.
 */
import { applyCommand } from '../../engine';
import type { Actor, Command, CommandBody } from '../../engine/types';
import type { CommandAck } from '../../protocol/events';
import { bodyFingerprint, type ExerciseRuntime } from '../exercise';
import type { SeatRecord } from '../storage/types';
import { actorOf, seatRefusal } from '../roles';
import { advance, recordFor } from '../storage/records';
import { ConflictError } from '../storage/types';
import { broadcastPresence, broadcastViews } from './broadcast';
import { armClock } from './clock';
import { fail, notJoined, shuttingDown, type HubContext, type SeatSocket } from './context';
import { reload } from './recovery';
import { seatOf } from './seats';
import { scheduleBots } from './bots';

export interface Outcome {
  answer: CommandAck;
  accepted: boolean;
}

/**
 * A command on its way into an exercise: from a seat, or from the server
 * itself (a team's ready vote, the round clock), which has no seat.
 */
export interface Submission {
  seat: SeatRecord | null;
  actor: Actor;
  id: string;
  body: CommandBody;
}

/**
 * The authority loop, for a command from a seat. Every change to an
 * exercise takes these steps, in this order:
 *   1. receive  admit it to the exercise's queue (one command at a time)
 *   2. check    the permission table and the lead policy; a known command id
 *   3. apply    the engine's applyCommand
 *   4. store    append to the durable log
 *   5. answer   the sender, before anything it caused is published
 *   6. publish  each audience's patch, once the queue is idle (serial)
 * The server's own commands (votes, clock) enter at step 2 (decide) from a
 * task already in the queue, and end the same way.
 */
export async function command(
  ctx: HubContext,
  socket: SeatSocket,
  id: string,
  body: CommandBody,
  answer: (answer: CommandAck) => void,
): Promise<void> {
  // 1. receive
  const bound = seatOf(ctx, socket);
  if (!bound) return answer(notJoined());
  const { ex, seat } = bound;
  if (ctx.closing) return answer(shuttingDown('send the command again once reconnected.'));
  if (ex.queue.size >= ctx.limits.maxQueuePerExercise) {
    return answer(fail('BUSY', 'The exercise is handling too many commands; try again in a moment.'));
  }
  await serial(ctx, ex, async () => {
    // 2-4. check, apply, store
    const outcome = await decide(ctx, ex, { seat, actor: actorOf(seat), id, body });
    // 5. answer; 6. publish follows when serial() ends the task
    answer(outcome.answer);
  });
}

/**
 * Checks, applies and stores one command; runs inside the exercise's queue.
 * Idempotent on the command id: a known id gets its original answer and
 * changes nothing. An accepted command marks the views for publishing, resets
 * votes that no longer apply and re-arms the clock.
 */
export async function decide(ctx: HubContext, ex: ExerciseRuntime, submission: Submission): Promise<Outcome> {
  const { seat, actor, id, body } = submission;
  const seatId = seat?.seatId ?? null;
  // 2. check
  if (ex.closed) return { answer: fail('UNAVAILABLE', 'The exercise is not running here.'), accepted: false };
  if (ex.quarantined) {
    const message = 'This exercise is quarantined: its stored log did not replay as recorded. It can be read and exported; the server operator has been told.';
    return { answer: fail('UNAVAILABLE', message), accepted: false };
  }
  if (seat) {
    const refused = seatRefusal(seat, body.type, seat.team ? ex.leadOf(seat.team) : null);
    if (refused) return { answer: fail(refused.code, refused.message), accepted: false };
  }
  const fingerprint = bodyFingerprint(body);
  const known = knownIdAnswer(ex, id, seatId, fingerprint);
  if (known) return { answer: known, accepted: false };

  // 3. apply
  const at = Math.max(Date.now(), ex.lastAt);
  const command = { ...body, id, actor, at } as Command;
  let result: ReturnType<typeof applyCommand>;
  try {
    result = applyCommand(ex.scenario, ex.state, command);
  } catch (err) {
    ctx.logger.error({ err, exerciseId: ex.id, commandId: id, type: body.type }, 'engine threw on a command');
    return { answer: fail('INTERNAL', 'The server could not handle this command; it was not applied.'), accepted: false };
  }
  if (!result.ok) {
    const answer = fail(result.code, result.message);
    ex.rejected.set(id, { seatId, body: fingerprint, answer });
    return { answer, accepted: false };
  }

  // 4. store. The record carries a state hash (and now and then a snapshot) at checkpoints: storage/records.ts.
  const record = recordFor(ex, command, seatId, ex.state, result.state);
  let seq: number;
  try {
    seq = await ctx.storage.append(ex.id, ex.lastSeq, [record]);
  } catch (err) {
    if (err instanceof ConflictError) {
      ctx.logger.error({ err: err.message, exerciseId: ex.id }, 'another writer appended to this exercise; reloading it');
      await reload(ctx, ex);
    } else {
      ctx.logger.error({ err, exerciseId: ex.id, commandId: id }, 'append failed; command not applied');
    }
    return { answer: fail('STORAGE_ERROR', 'The command could not be saved and was not applied; send it again.'), accepted: false };
  }
  ex.state = result.state;
  advance(ex, record, seq);
  ex.lastAt = at;
  ex.accepted.set(id, { seq, seatId, body: fingerprint });
  ctx.logger.debug({ exerciseId: ex.id, seq, type: body.type, actor: actor.role }, 'command accepted');
  afterAccepted(ctx, ex);
  return { answer: { ok: true, seq }, accepted: true };
}

/**
 * The answer to a command id the exercise already knows, or null for a new
 * one: a retry (same seat, same body) gets the first answer again; the same
 * id from another seat is DUPLICATE_ID; the same id with another body is
 * ID_REUSED, never the first command's answer.
 */
function knownIdAnswer(ex: ExerciseRuntime, id: string, seatId: string | null, fingerprint: string): CommandAck | null {
  const known = ex.accepted.get(id) ?? ex.rejected.get(id);
  if (!known) return null;
  if (known.seatId !== seatId) return fail('DUPLICATE_ID', 'That command id was already used by another seat; use a fresh id.');
  if (known.body !== fingerprint) {
    return fail('ID_REUSED', 'That command id was already used for a different command; give each new command a fresh id.');
  }
  return 'answer' in known ? known.answer : { ok: true, seq: known.seq, duplicate: true };
}

/**
 * Runs a task in the exercise's queue. Views are broadcast when the task
 * ends and no other task is waiting: a burst of commands costs one
 * projection per viewer, and every sender still receives a view with a seq
 * at least as high as its answer's, after its answer.
 */
export function serial<T>(ctx: HubContext, ex: ExerciseRuntime, task: () => Promise<T>): Promise<T> {
  return ex.queue.run(async () => {
    try {
      return await task();
    } finally {
      if (ex.dirty && ex.queue.size <= 1) {
        ex.dirty = false;
        broadcastViews(ctx, ex);
      }
    }
  });
}

/** After an accepted command: mark the views for broadcast, reset votes that no longer apply, re-arm the clock. */
export function afterAccepted(ctx: HubContext, ex: ExerciseRuntime): void {
  let votesChanged = false;
  for (const [team, votes] of ex.votes) {
    if (votes.round !== ex.state.round || ex.state.teams[team]?.locked) {
      ex.votes.delete(team);
      votesChanged = true;
    }
  }
  ex.dirty = true;
  if (votesChanged) broadcastPresence(ctx, ex);
  armClock(ctx, ex);
  scheduleBots(ctx, ex);
}
