/**
 * Who may send each command: the one permission table. The engine checks it
 * in applyCommand (also when replaying an untrusted log); the server reads
 * the same table to refuse a seat before the command reaches the exercise's
 * queue. Keyed by every command type, so a new command cannot be left out.
 */
import type { Actor, CommandType } from '../types';
import { listNames } from './scenarioIndex';

export type CommandRole = Actor['role'];

export const COMMAND_ROLES: { readonly [T in CommandType]: readonly CommandRole[] } = {
  startExercise: ['facilitator'],
  advance: ['facilitator'],
  pause: ['facilitator'],
  resume: ['facilitator'],
  adjustClock: ['facilitator'],
  releaseInject: ['facilitator'],
  releaseAdhocInject: ['facilitator'],
  scheduleAdhocInject: ['facilitator'],
  releaseScheduledInject: ['system'],
  holdInject: ['facilitator'],
  overrideScore: ['facilitator'],
  overridePosture: ['facilitator'],
  overrideEscalation: ['facilitator'],
  announce: ['facilitator'],
  endExercise: ['facilitator'],
  reopenExercise: ['facilitator'],
  seatBot: ['facilitator'],
  dropTeam: ['facilitator'],
  reopenSeat: ['facilitator'],
  cancelScheduledInject: ['facilitator'],
  clockExpired: ['system'],
  draftDecision: ['team'],
  withdrawDecision: ['team'],
  lockDecisions: ['team'],
  unlockDecisions: ['team'],
  proposeJoint: ['team'],
  respondJoint: ['team'],
  shareIntel: ['team'],
  chat: ['team'],
  note: ['observer', 'facilitator'],
  chooseAdversaryMove: ['redCell'],
};

export const ROLE_WORDS: Record<CommandRole, string> = {
  facilitator: 'the facilitator',
  team: 'a team',
  observer: 'an observer',
  redCell: 'the red cell',
  system: 'the server',
};

/** Why a role may not send a command type (a sentence), or null when it may; undefined for an unknown type. */
export function roleRefusal(role: CommandRole, type: CommandType): string | null | undefined {
  const allowed = COMMAND_ROLES[type] as readonly CommandRole[] | undefined;
  if (!allowed) return undefined;
  return allowed.includes(role) ? null : `Only ${listNames(allowed.map((r) => ROLE_WORDS[r]))} can do that.`;
}
