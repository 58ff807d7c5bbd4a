/**
 * Which seat may send which command, and the actor the server stamps on it.
 * The client never chooses its actor: it comes from the seat its credential
 * identifies. Who may send what is the engine's permission table
 * (COMMAND_ROLES), read here so a seat is refused before its command reaches
 * the exercise's queue; the server adds one policy of its own, the team lead.
 */
import { roleRefusal } from '../engine';
import type { Actor, CommandType } from '../engine/types';
import type { Viewer } from '../engine/view/types';
import type { ErrorAnswer } from '../protocol/events';
import type { SeatRecord } from './storage/types';

/**
 * Why a seat may not send a command type, or null when it may: the engine's
 * role table, then the lead policy (only a team's lead locks its decisions
 * alone; the others vote with team:ready). `lead` is the team's lead seat.
 */
export function seatRefusal(
  seat: Pick<SeatRecord, 'seatId' | 'role' | 'team' | 'name'>,
  type: CommandType,
  lead: Pick<SeatRecord, 'seatId' | 'name'> | null,
): Pick<ErrorAnswer, 'code' | 'message'> | null {
  const why = roleRefusal(actorOf(seat).role, type);
  if (why) return { code: 'NOT_ALLOWED', message: why };
  if (type === 'lockDecisions' && lead?.seatId !== seat.seatId) {
    return {
      code: 'NOT_LEAD',
      message:
        `Only the team lead${lead ? ` (${lead.name})` : ''} can lock the team's decisions alone. ` +
        'Vote with team:ready instead: the decisions lock when every connected member is ready.',
    };
  }
  return null;
}

export function actorOf(seat: Pick<SeatRecord, 'role' | 'team' | 'name'>): Actor {
  switch (seat.role) {
    case 'facilitator':
      return { role: 'facilitator', name: seat.name };
    case 'team':
      return { role: 'team', team: seat.team ?? '', name: seat.name };
    case 'observer':
      return { role: 'observer', name: seat.name };
    case 'redCell':
      return { role: 'redCell', name: seat.name };
  }
}

/** One key per distinct projection: seats with the same key receive the same view. */
export function viewerKey(seat: Pick<SeatRecord, 'role' | 'team'>): string {
  return seat.role === 'team' ? `team:${seat.team}` : seat.role;
}

/**
 * One key per distinct view: the viewer's key, and the language of the
 * scenario's translation it reads ("team:us@fr"), if it reads one.
 */
export function audienceKey(seat: Pick<SeatRecord, 'role' | 'team'>, language: string | null): string {
  return language ? `${viewerKey(seat)}@${language}` : viewerKey(seat);
}

/** The translation an audience key reads, or null for the scenario's own texts. */
export function languageFromKey(key: string): string | null {
  const at = key.indexOf('@');
  return at < 0 ? null : key.slice(at + 1);
}

/** The viewer of a viewer key or an audience key. */
export function viewerFromKey(key: string): Viewer {
  const at = key.indexOf('@');
  const viewer = at < 0 ? key : key.slice(0, at);
  if (viewer.startsWith('team:')) return { role: 'team', team: viewer.slice(5) };
  return { role: viewer as 'facilitator' | 'observer' | 'redCell' };
}
