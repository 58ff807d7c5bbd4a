/**
 * Which seat may send which command, and the actor the server stamps on it.
 * The client never chooses its actor: it comes from the seat its credential
 * identifies.
 */
import type { Actor, CommandType } from '../engine/types';
import type { Viewer } from '../engine/view/types';
import type { SeatRole } from '../protocol/events';
import type { SeatRecord } from './storage/types';

const FACILITATOR: readonly CommandType[] = [
  'startExercise',
  'advance',
  'pause',
  'resume',
  'adjustClock',
  'releaseInject',
  'releaseAdhocInject',
  'holdInject',
  'overrideScore',
  'overridePosture',
  'overrideEscalation',
  'announce',
  'endExercise',
  'reopenExercise',
  'note',
];

const TEAM: readonly CommandType[] = [
  'draftDecision',
  'withdrawDecision',
  'lockDecisions',
  'unlockDecisions',
  'proposeJoint',
  'respondJoint',
  'shareIntel',
  'chat',
];

export const ROLE_COMMANDS: Record<SeatRole, ReadonlySet<CommandType>> = {
  facilitator: new Set(FACILITATOR),
  team: new Set(TEAM),
  observer: new Set<CommandType>(['note']),
  redCell: new Set<CommandType>(['chooseAdversaryMove']),
};

/** Why a seat may not send a command type, or null when it may. */
export function refusal(role: SeatRole, type: CommandType): string | null {
  if (type === 'clockExpired') return "Only the server's clock can end a round's deliberation.";
  if (ROLE_COMMANDS[role].has(type)) return null;
  if (type === 'note') return 'Only observers and the facilitator can write evaluation notes.';
  if (type === 'chooseAdversaryMove') return "Only the red cell can choose the adversary's move.";
  if ((TEAM as readonly string[]).includes(type)) return `Only team players can send ${type}.`;
  return `Only the facilitator can send ${type}.`;
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

export function viewerFromKey(key: string): Viewer {
  if (key.startsWith('team:')) return { role: 'team', team: key.slice(5) };
  return { role: key as 'facilitator' | 'observer' | 'redCell' };
}
