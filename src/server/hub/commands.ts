/**
 * The command path, whoever sends the command (a seat, a team's vote or the
 * server's clock): check the seat may send it -> applyCommand -> if accepted,
 * append to storage (durable) -> answer -> broadcast each viewer's
 * projection. The path runs inside the exercise's serial queue, so sequence
 * numbers never race, and nothing is answered before the append commits.
 */
import { applyCommand, stateHash } from '../../engine';
import type { Actor, Command, CommandBody } from '../../engine/types';
import type { CommandAck } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import { actorOf, refusal } from '../roles';
import { ConflictError } from '../storage/types';
import { broadcastPresence, broadcastViews } from './broadcast';
import { armClock } from './clock';
import { fail, notJoined, shuttingDown, type HubContext, type SeatSocket } from './context';
import { reload } from './recovery';
import { seatOf } from './seats';

/** The log carries a state hash at least every this many commands. */
export const HASH_EVERY = 16;

export interface Outcome {
  answer: CommandAck;
  accepted: boolean;
}

/**
 * A command from a seat. `reply` is called exactly once, before the
 * resulting views are broadcast.
 */
export async function command(
  ctx: HubContext,
  socket: SeatSocket,
  id: string,
  body: CommandBody,
  reply: (answer: CommandAck) => void,
): Promise<void> {
  const bound = seatOf(ctx, socket);
  if (!bound) {
    reply(notJoined());
    return;
  }
  const { ex, seat } = bound;
  const why = refusal(seat.role, body.type);
  if (why) {
    reply(fail('NOT_ALLOWED', why));
    return;
  }
  if (body.type === 'lockDecisions' && !ex.isLead(seat)) {
    const lead = seat.team ? ex.leadOf(seat.team) : null;
    reply(
      fail(
        'NOT_LEAD',
        `Only the team lead${lead ? ` (${lead.name})` : ''} can lock the team's decisions alone. ` +
          'Vote with team:ready instead: the decisions lock when every connected member is ready.',
      ),
    );
    return;
  }
  if (ctx.closing) {
    reply(shuttingDown('send the command again once reconnected.'));
    return;
  }
  if (ex.queue.size >= ctx.limits.maxQueuePerExercise) {
    reply(fail('BUSY', 'The exercise is handling too many commands; try again in a moment.'));
    return;
  }
  await serial(ctx, ex, async () => {
    const outcome = await execute(ctx, ex, seat.seatId, actorOf(seat), id, body);
    reply(outcome.answer);
    if (outcome.accepted) afterAccepted(ctx, ex);
  });
}

/**
 * Applies one command. Runs inside the exercise's queue. Idempotent on the
 * command id: a known id gets its original answer and changes nothing.
 */
export async function execute(
  ctx: HubContext,
  ex: ExerciseRuntime,
  seatId: string | null,
  actor: Actor,
  id: string,
  body: CommandBody,
): Promise<Outcome> {
  if (ex.closed) return { answer: fail('UNAVAILABLE', 'The exercise is not running here.'), accepted: false };
  const prior = ex.accepted.get(id);
  if (prior) {
    if (prior.seatId !== seatId) {
      return { answer: fail('DUPLICATE_ID', 'That command id was already used by another seat; use a fresh id.'), accepted: false };
    }
    return { answer: { ok: true, seq: prior.seq, duplicate: true }, accepted: false };
  }
  const rejected = ex.rejected.get(id);
  if (rejected && rejected.seatId === seatId) return { answer: rejected.answer, accepted: false };

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
    ex.rejected.set(id, { seatId, answer });
    return { answer, accepted: false };
  }
  // Hashing the whole state costs about as much as a projection, so the log
  // carries it at checkpoints: every HASH_EVERY commands and at phase changes.
  const checkpoint = ex.lastSeq + 1 - ex.lastHashedSeq >= HASH_EVERY || result.state.phase !== ex.state.phase;
  const hash = checkpoint ? stateHash(result.state) : null;
  let seq: number;
  try {
    seq = await ctx.storage.append(ex.id, ex.lastSeq, [{ command, seatId, round: ex.state.round, stateHash: hash }]);
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
  ex.lastSeq = seq;
  if (hash !== null) ex.lastHashedSeq = seq;
  ex.lastAt = at;
  ex.accepted.set(id, { seq, seatId });
  ctx.logger.debug({ exerciseId: ex.id, seq, type: body.type, actor: actor.role }, 'command accepted');
  return { answer: { ok: true, seq }, accepted: true };
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
}
