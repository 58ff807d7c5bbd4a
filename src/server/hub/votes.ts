/**
 * Team ready votes, the draft preview and score explanations: a team's decisions lock when every
 * connected member has voted ready, through the same command path as a
 * lead's lockDecisions.
 */
import { randomUUID } from 'node:crypto';
import { checkDeliberation, previewDecision } from '../../engine';
import type { DecisionDraft, TeamId } from '../../engine/types';
import { explanationsFor } from '../../engine/view/explain';
import type { DecisionPreviewAck, ScoreExplainAck, TeamReadyAck } from '../../protocol/events';
import { viewerFromKey, viewerKey } from '../roles';
import type { ExerciseRuntime } from '../exercise';
import { broadcastPresence } from './broadcast';
import { decide, serial, type Outcome } from './commands';
import type { SeatRecord } from '../storage/types';
import { fail, notJoined, shuttingDown, type ForwardedReady, type HubContext, type SeatSocket } from './context';
import { seatById, viaOwner } from './peers';
import { seatOf } from './seats';

/** What a team's draft would score now with its options: computed by the engine's rule, nothing changes. */
export function preview(ctx: HubContext, socket: SeatSocket, draft: DecisionDraft): DecisionPreviewAck {
  const bound = seatOf(ctx, socket);
  if (!bound) return notJoined();
  const { ex, seat } = bound;
  if (seat.role !== 'team' || !seat.team) return fail('NOT_ALLOWED', 'Only team players preview their decisions.');
  if (ex.state.phase === 'debrief') return fail('EXERCISE_OVER', 'The exercise has ended: there is nothing left to decide.');
  const answer = previewDecision(ex.scenario, ex.state, seat.team, draft);
  return answer.ok ? answer : fail(answer.code, answer.message);
}

/** The explanations behind scores the seat's view refers to, as that seat may read them (engine/view/explain.ts). */
export function explain(ctx: HubContext, socket: SeatSocket, refs: string[]): ScoreExplainAck {
  const bound = seatOf(ctx, socket);
  if (!bound) return notJoined();
  return { ok: true, ...explanationsFor(bound.ex.scenario, bound.ex.state, viewerFromKey(viewerKey(bound.seat)), refs) };
}

export async function ready(ctx: HubContext, socket: SeatSocket, isReady: boolean): Promise<TeamReadyAck> {
  const bound = seatOf(ctx, socket);
  if (!bound) return notJoined();
  const { ex, seat } = bound;
  if (seat.role !== 'team' || !seat.team) return fail('NOT_ALLOWED', 'Only team players vote to lock their decisions.');
  if (ctx.closing) return shuttingDown('vote again once reconnected.');
  // The votes live with the exercise's owner, which alone may lock.
  const forward = () => ctx.peers!.forwardReady({ exerciseId: ex.id, seatId: seat.seatId, ready: isReady });
  return viaOwner(ctx, ex, forward, () => vote(ctx, ex, seat, isReady));
}

/** A ready vote another process forwarded: counted here when this process owns the exercise, else null. */
export async function forwardedReady(ctx: HubContext, request: ForwardedReady): Promise<TeamReadyAck | null> {
  const ex = ctx.exercises.get(request.exerciseId);
  if (!ex || !ctx.peers?.owns(ex.id)) return null;
  if (ctx.closing) return shuttingDown('vote again once reconnected.');
  const seat = await seatById(ctx, ex, request.seatId);
  if (!seat || seat.role !== 'team' || !seat.team) return notJoined();
  return vote(ctx, ex, seat, request.ready);
}

async function vote(ctx: HubContext, ex: ExerciseRuntime, seat: SeatRecord, isReady: boolean): Promise<TeamReadyAck> {
  const team = seat.team!;
  return serial(ctx, ex, async () => {
    // A vote is a request to lock: refused as lockDecisions would be (ended, paused, not in deliberation, already locked).
    const refused = checkDeliberation(ex.state, team);
    if (refused) return fail(refused.code, refused.message);
    let votes = ex.votes.get(team);
    if (!votes || votes.round !== ex.state.round) ex.votes.set(team, (votes = { round: ex.state.round, seats: new Set() }));
    if (isReady) votes.seats.add(seat.seatId);
    else votes.seats.delete(seat.seatId);
    const result = await checkVotes(ctx, ex, team);
    if (result && !result.answer.ok) {
      votes.seats.delete(seat.seatId);
      broadcastPresence(ctx, ex);
      return result.answer;
    }
    broadcastPresence(ctx, ex);
    return voteStatus(ex, team, result?.answer.ok ? result.answer.seq : undefined);
  });
}

function voteStatus(ex: ExerciseRuntime, team: TeamId, seq?: number): TeamReadyAck {
  // connectedMembers counts the seats connected to every process (exercise.ts).
  const votes = ex.readyVotes(team);
  const members = ex.connectedMembers(team);
  return {
    ok: true,
    ready: members.filter((m) => votes.has(m.seatId)).map((m) => m.name),
    waitingFor: members.filter((m) => !votes.has(m.seatId)).map((m) => m.name),
    locked: ex.state.teams[team]?.locked ?? false,
    ...(seq !== undefined ? { seq } : {}),
  };
}

/**
 * Locks the team's decisions when every connected member has voted ready.
 * Runs inside the exercise queue. Returns the lock's outcome, or null when
 * the vote is not complete.
 */
export async function checkVotes(ctx: HubContext, ex: ExerciseRuntime, team: TeamId): Promise<Outcome | null> {
  if (ex.state.teams[team]?.locked) return null;
  const votes = ex.readyVotes(team);
  const members = ex.connectedMembers(team);
  if (members.length === 0 || votes.size === 0 || !members.every((m) => votes.has(m.seatId))) return null;
  const outcome = await decide(ctx, ex, {
    seat: null,
    actor: { role: 'team', team, name: 'team vote' },
    id: `vote:${team}:${randomUUID()}`,
    body: { type: 'lockDecisions' },
  });
  if (outcome.accepted) {
    ctx.logger.info({ exerciseId: ex.id, team, seq: outcome.answer.ok ? outcome.answer.seq : null }, 'team locked by ready vote');
  }
  return outcome;
}
