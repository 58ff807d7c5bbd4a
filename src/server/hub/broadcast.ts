/**
 * What the seats of an exercise see: each viewer's projection of the state
 * and the presence list, sent to one socket.io room per distinct audience
 * (a team's seats share one, observers share one; seats that read the
 * scenario in one of its translations share one per language). Presence
 * goes to one room per viewer, whatever the language. Views go out as RFC 6902
 * patches against the view the audience already holds, so a change costs one
 * projection, one diff and one serialisation per audience, not per socket.
 *
 * With several server processes, each one publishes views to its own
 * sockets (every process follows the log, so each holds the same state):
 * the held view a seat gets on binding and the patches after it come from
 * the same process. Presence, which depends on the seats connected to every
 * process and on the ready votes the owner keeps, is sent by the exercise's
 * owner through the adapter to every process's sockets.
 */
import { ViewProjector } from '../../engine/view/project';
import { seesReadyVotes } from '../../engine/rules/visibility';
import { diffViews } from '../../protocol/patch';
import type { ExerciseView } from '../../engine/view/types';
import type { Presence, PresenceSeat } from '../../protocol/events';
import type { ExerciseRuntime } from '../exercise';
import { translateScenario } from '../../engine/scenario/translate';
import { languageFromKey, viewerFromKey, viewerKey } from '../roles';
import type { HubContext } from './context';
import { botTeams } from './bots';

/** The socket.io room of the seats of an exercise that share an audience key (the same view). */
export function room(exerciseId: string, key: string): string {
  return `x:${exerciseId}:${key}`;
}

/** The socket.io room of the seats of an exercise that share a viewer key (the same presence list). */
export function presenceRoom(exerciseId: string, key: string): string {
  return `p:${exerciseId}:${key}`;
}

/** The audience's current view, with the sections the last change left alone reused (ViewProjector). */
export function viewFor(ex: ExerciseRuntime, key: string): ExerciseView {
  let projector = ex.projectors.get(key);
  if (!projector) ex.projectors.set(key, (projector = new ViewProjector(viewerFromKey(key))));
  const view = projector.project(translateScenario(ex.scenario, languageFromKey(key)), ex.state);
  // view.seq is the engine's count of accepted commands, which equals the
  // log's seq; in an exercise whose replay skipped a record it would lag, and
  // clients wait for view.seq >= their answer's seq, so the log's wins.
  return view.seq === ex.lastSeq ? view : { ...view, seq: ex.lastSeq };
}


/** The viewer keys of seats connected to any process. */
function connectedKeys(ex: ExerciseRuntime): Set<string> {
  return new Set(ex.connectedSeats().map(viewerKey));
}

/**
 * The view the seats of an audience hold, which a seat binding to it
 * receives whole: every later patch to the audience applies to it.
 */
export function heldView(ex: ExerciseRuntime, key: string): ExerciseView {
  let view = ex.published.get(key);
  if (!view) {
    view = viewFor(ex, key);
    ex.published.set(key, view);
  }
  return view;
}

/** Sends each connected audience the patch from the view it holds to the current one. */
export function broadcastViews(ctx: HubContext, ex: ExerciseRuntime): void {
  const keys = ex.localAudiences();
  for (const key of ex.published.keys()) {
    if (keys.has(key)) continue;
    ex.published.delete(key);
    ex.projectors.delete(key);
  }
  for (const key of keys) {
    const previous = ex.published.get(key);
    let next: ExerciseView;
    try {
      next = viewFor(ex, key);
    } catch (err) {
      ctx.logger.error({ err, exerciseId: ex.id, viewer: key }, 'projection failed');
      continue;
    }
    ex.published.set(key, next);
    // A connected audience always holds a view (binding sets one); without it there is nothing to patch.
    if (!previous || !ctx.io) continue;
    const ops = diffViews(previous, next);
    if (ops.length === 0) continue;
    // Only this process's sockets: each process publishes views to its own (see above).
    const sockets = ctx.peers ? ctx.io.local : ctx.io;
    sockets.to(room(ex.id, key)).emit('view:patch', { from: previous.seq, to: next.seq, ops }, Date.now());
  }
}

export function presenceFor(ex: ExerciseRuntime, key: string): Presence {
  const viewer = viewerFromKey(key);
  const seats: PresenceSeat[] = [];
  for (const seat of [...ex.seats.values()].sort((a, b) => a.ordinal - b.ordinal)) {
    const entry: PresenceSeat = {
      seatId: seat.seatId,
      role: seat.role,
      team: seat.team,
      name: seat.name,
      connected: ex.isConnected(seat.seatId),
      lead: ex.isLead(seat),
    };
    if (seat.role === 'team' && seat.team && seesReadyVotes(seat.team, viewer)) entry.ready = ex.readyVotes(seat.team!).has(seat.seatId);
    seats.push(entry);
  }
  return { exerciseId: ex.id, seats, bots: botTeams(ex) };
}

/** Sends every audience its presence list: the owner's job, since it alone knows the votes (see above). */
export function broadcastPresence(ctx: HubContext, ex: ExerciseRuntime): void {
  if (!ctx.io || (ctx.peers && !ctx.peers.owns(ex.id))) return;
  for (const key of connectedKeys(ex)) ctx.io.to(presenceRoom(ex.id, key)).emit('presence', presenceFor(ex, key));
}
