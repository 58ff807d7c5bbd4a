/**
 * What every exercise screen renders from: the session (the server's view
 * and presence), the answers to this seat's commands, text drafts, and a
 * few choices local to this browser tab.
 */
import type { CommandBody } from '../../engine/types';
import type { ExerciseView } from '../../engine/view/types';
import type { CommandAck, DecisionPreviewAck, ExerciseSummary } from '../../protocol/events';
import type { Session } from '../net/session';
import type { Answers } from '../ui/answers';
import type { Drafts } from '../ui/drafts';
import type { Notifications } from '../ui/notifications';
import type { BoardPanel } from './parts/board';
import type { HelpState } from './parts/help';

/** Before the start, for a team nobody has joined: a bot plays it (with this policy), it is dropped, or the seat is left open. */
export interface EmptySeatChoice {
  seat: 'bot' | 'drop' | 'open';
  policy: string;
}

export interface LocalState {
  chatChannel: 'team' | 'coalition';
  /** Chat messages seen per channel (for the "new" counts). */
  chatSeen: Record<string, number>;
  /** Inject deliveries already on screen (new ones are announced and marked). */
  seenInjects: Set<string>;
  newInjects: Set<string>;
  /** The incident chosen per action in the catalogue. */
  incidentFor: Record<string, string>;
  /** Per action: the server's explained estimate for the draft as currently composed (key: its incident and options). */
  previews: Record<string, { key: string; answer: DecisionPreviewAck | null }>;
  /** The catalogue's instrument filter ('' for all) and search text. */
  instrument: string;
  search: string;
  /** A lock waiting for the lead's confirmation: the reasons it is risky. */
  confirmLock: string[] | null;
  /** The server's estimate of each drafted decision as drafted (key: the decision, the round and the view it was asked for). */
  planEstimates: Record<string, { key: string; value: number | null }>;
  /** After an action, the control that should take the focus once the screen shows its result (a CSS selector). */
  focusNext: string | null;
  /** The how-to-play and glossary overlay. */
  help: HelpState;
  /** Facilitator: a phase step waiting for confirmation, with why it needs one. */
  confirmStep: { label: string; warnings: string[] } | null;
  /** Facilitator, before the start: what to do with each team nobody has joined, and the bot's style when a bot plays it. */
  emptySeats: Record<string, EmptySeatChoice>;
  /** Facilitator: ending the exercise waits for a second click. */
  confirmEnd: boolean;
  /** Facilitator: its exercises (with the join codes). */
  exercises: ExerciseSummary[] | null;
  adhocAudience: 'all' | 'facilitator' | 'teams';
  adhocTeams: Set<string>;
  /** When the ad-hoc inject goes out: now, at the start of a later round, or at a minute of this round. */
  adhocWhen: 'now' | 'round' | 'minute';
  overrideKind: 'score' | 'posture' | 'escalation';
  /** Facilitator: whose posture the override sets: '' the adversary, else a further adversary's id. */
  overrideAdversary: string;
  clockMinutes: number;
  copied: string | null;
}

export interface Ctx {
  exerciseId: string;
  session: Session;
  view: ExerciseView;
  answers: Answers;
  drafts: Drafts;
  local: LocalState;
  board: BoardPanel;
  notifications: Notifications;
  rerender(): void;
  /** Sends a command and shows its answer in the slot `key`; resolves with the answer. */
  send(key: string, body: CommandBody, okText: string): Promise<CommandAck>;
}

export function newLocalState(): LocalState {
  return {
    chatChannel: 'team',
    chatSeen: {},
    seenInjects: new Set(),
    newInjects: new Set(),
    incidentFor: {},
    previews: {},
    instrument: '',
    search: '',
    confirmLock: null,
    planEstimates: {},
    focusNext: null,
    help: { open: false, term: null },
    confirmStep: null,
    emptySeats: {},
    confirmEnd: false,
    exercises: null,
    adhocAudience: 'all',
    adhocTeams: new Set(),
    adhocWhen: 'now',
    overrideKind: 'score',
    overrideAdversary: '',
    clockMinutes: 5,
    copied: null,
  };
}
