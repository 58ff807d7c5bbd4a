/**
 * Seats: the join-code index, joining with a code, resuming with a
 * credential, and binding sockets to seats (and so to their view's room).
 */
import type { ExerciseView } from '../../engine/view/types';
import type { ErrorAnswer, SeatInfo, SeatJoinAck, SeatResumeAck } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import { translationLanguage } from '../../engine/scenario/translate';
import { audienceKey, viewerKey } from '../roles';
import { hashCredential, newCredential, newPublicId } from '../secrets';
import type { ExerciseMeta, SeatRecord } from '../storage/types';
import { broadcastPresence, heldView, presenceRoom, room } from './broadcast';
import { serial } from './commands';
import { fail, shuttingDown, type HubContext, type SeatSocket } from './context';
import { exerciseById } from './peers';
import { checkVotes } from './votes';

export type BoundSeat = { ex: ExerciseRuntime; seat: SeatRecord };

/** Indexes an exercise's join codes. */
export function indexCodes(ctx: HubContext, meta: ExerciseMeta): void {
  for (const [team, code] of Object.entries(meta.codes.teams)) ctx.codes.set(code, { exerciseId: meta.id, role: 'team', team });
  ctx.codes.set(meta.codes.observer, { exerciseId: meta.id, role: 'observer', team: null });
  if (meta.codes.redCell) ctx.codes.set(meta.codes.redCell, { exerciseId: meta.id, role: 'redCell', team: null });
}

/** Adds a seat to a running exercise and to the credential index. */
export function addSeat(ctx: HubContext, ex: ExerciseRuntime, seat: SeatRecord): void {
  ex.addSeat(seat);
  ctx.seatsByHash.set(seat.credentialHash, seat);
}

export async function join(
  ctx: HubContext,
  socket: SeatSocket,
  code: string,
  name: string,
  admit?: (exerciseId: string) => Promise<ErrorAnswer | null>,
): Promise<SeatJoinAck> {
  if (ctx.closing) return shuttingDown('try again in a moment.');
  const entry = ctx.codes.get(code) ?? (await codeElsewhere(ctx, code));
  const ex = entry ? ctx.exercises.get(entry.exerciseId) : undefined;
  if (!entry || !ex) return fail('UNKNOWN_CODE', `No exercise has the join code "${code}". Check it with your facilitator.`);
  // After the end, a code seats no one until the facilitator reopens the exercise (seats already taken resume).
  if (ex.state.phase === 'debrief' && !ex.state.reopened) {
    return fail('EXERCISE_OVER', 'This exercise has ended: its join codes no longer seat anyone. Ask the facilitator to reopen it.');
  }
  const refused = await admit?.(ex.id);
  if (refused) return refused;
  if (ex.seats.size >= ctx.limits.maxSeatsPerExercise) {
    return fail('SEATS_FULL', 'This exercise has no free seats left.');
  }
  const credential = newCredential();
  const seat = await ctx.storage.addSeat({
    seatId: newPublicId(),
    exerciseId: ex.id,
    role: entry.role,
    team: entry.team,
    name,
    credentialHash: hashCredential(credential),
    joinedAt: Date.now(),
  });
  addSeat(ctx, ex, seat);
  ctx.peers?.changed({ exerciseId: ex.id, seq: ex.lastSeq, seats: true });
  ctx.logger.info({ exerciseId: ex.id, seatId: seat.seatId, role: seat.role, team: seat.team }, 'seat joined');
  const view = bind(ctx, socket, ex, seat);
  return { ok: true, credential, seat: seatInfo(ex, seat), view, serverNow: Date.now() };
}

/** A join code of an exercise another process created since this one loaded its exercises. */
async function codeElsewhere(ctx: HubContext, code: string) {
  if (!ctx.peers) return undefined;
  const found = await ctx.storage.findCode(code);
  if (!found || !(await exerciseById(ctx, found.exerciseId))) return undefined;
  return ctx.codes.get(code);
}

/** A seat that joined through another process since this one read the exercise's seats. */
async function seatElsewhere(ctx: HubContext, credential: string): Promise<void> {
  if (!ctx.peers) return;
  const seat = await ctx.storage.findSeatByCredentialHash(hashCredential(credential));
  if (!seat) return;
  const ex = await exerciseById(ctx, seat.exerciseId);
  if (ex && !ex.seats.has(seat.seatId)) addSeat(ctx, ex, seat);
}

/** resume(), after looking in storage for a seat this process has not heard of (with other processes). */
export async function resumeAnywhere(ctx: HubContext, socket: SeatSocket, credential: string, lastSeq?: number): Promise<SeatResumeAck> {
  if (!ctx.closing && !seatByCredential(ctx, credential)) await seatElsewhere(ctx, credential);
  return resume(ctx, socket, credential, lastSeq);
}

export function resume(ctx: HubContext, socket: SeatSocket, credential: string, lastSeq?: number): SeatResumeAck {
  if (ctx.closing) return shuttingDown('try again in a moment.');
  const bound = seatByCredential(ctx, credential);
  // The route unbinds the socket on any refusal (socket.ts), so the message can say so.
  if (!bound) return fail('INVALID_CREDENTIAL', 'This seat is not known here; this connection is now bound to no seat. Join again with a code.');
  const { ex, seat } = bound;
  const view = bind(ctx, socket, ex, seat);
  ctx.logger.debug({ exerciseId: ex.id, seatId: seat.seatId, lastSeq, seq: ex.lastSeq }, 'seat resumed');
  return { ok: true, seat: seatInfo(ex, seat), view, serverNow: Date.now() };
}

function seatInfo(ex: ExerciseRuntime, seat: SeatRecord): SeatInfo {
  return {
    seatId: seat.seatId,
    exerciseId: ex.id,
    role: seat.role,
    team: seat.team,
    name: seat.name,
    lead: ex.isLead(seat),
  };
}

/**
 * Binds a socket to a seat (leaving any previous one, or its previous
 * language), and returns the view its audience holds (later patches apply to
 * it). The audience reads the scenario's translation into the language the
 * socket said it reads (socket.data.language), when the scenario has one.
 */
function bind(ctx: HubContext, socket: SeatSocket, ex: ExerciseRuntime, seat: SeatRecord): ExerciseView {
  const audience = audienceKey(seat, translationLanguage(ex.scenario, socket.data.language));
  const previous = socket.data.seat;
  if (previous && (previous.exerciseId !== ex.id || previous.seatId !== seat.seatId || previous.audience !== audience)) unbind(ctx, socket);
  socket.data.seat = { exerciseId: ex.id, seatId: seat.seatId, audience };
  socket.join(room(ex.id, audience));
  socket.join(presenceRoom(ex.id, viewerKey(seat)));
  ex.connect(seat.seatId, socket.id, audience);
  const view = heldView(ex, audience);
  seatsChanged(ctx, ex);
  return view;
}

/** The seats connected here changed: the other processes are told, and the owner sends presence. */
function seatsChanged(ctx: HubContext, ex: ExerciseRuntime): void {
  ctx.peers?.seatsHere(ex.id, ex.localSeats());
  broadcastPresence(ctx, ex);
}

/** Called when a socket disconnects or moves to another seat. */
export function unbind(ctx: HubContext, socket: SeatSocket): void {
  const binding = socket.data.seat;
  if (!binding) return;
  socket.data.seat = null;
  const ex = ctx.exercises.get(binding.exerciseId);
  const seat = ex?.seats.get(binding.seatId);
  if (!ex || !seat) return;
  socket.leave(room(ex.id, binding.audience));
  socket.leave(presenceRoom(ex.id, viewerKey(seat)));
  ex.disconnect(seat.seatId, socket.id);
  seatsChanged(ctx, ex);
  // A member leaving may complete a ready vote of the remaining members.
  if (seat.role === 'team' && seat.team && !ex.isConnected(seat.seatId) && !ctx.closing) {
    const team = seat.team;
    void serial(ctx, ex, () => checkVotes(ctx, ex, team)).catch((err) => ctx.logger.error({ err }, 'vote check failed'));
  }
}

export function seatOf(ctx: HubContext, socket: SeatSocket): BoundSeat | null {
  const binding = socket.data.seat;
  if (!binding) return null;
  const ex = ctx.exercises.get(binding.exerciseId);
  const seat = ex?.seats.get(binding.seatId);
  return ex && seat ? { ex, seat } : null;
}

/** A seat from a credential (for resuming and HTTP downloads). */
export function seatByCredential(ctx: HubContext, credential: string): BoundSeat | null {
  const seat = ctx.seatsByHash.get(hashCredential(credential));
  const ex = seat ? ctx.exercises.get(seat.exerciseId) : undefined;
  return seat && ex ? { ex, seat } : null;
}
