/**
 * A seat's live session in this browser: the client library's SeatSession
 * (resume on every connection, the view followed through patches, commands
 * with safe retries) with the page's own concerns added: the server clock
 * for countdowns, and the stored credential (renamed on resume, forgotten when
 * the server no longer knows it). Screens subscribe with onChange() and
 * render from session.view; they never compute outcomes themselves.
 */
import type { CommandBody } from '../../engine/types';
import { SeatSession, type CommandAck, type ExportAck, type FbSocket } from '../../protocol/client';
import { forgetSeat, touchSeat, type StoredSeat } from './credentials';
import { useExplanations } from './explanations';
import { syncServerClock } from './serverTime';
import { locale } from '../ui/i18n';

export type { ConnectionStatus } from '../../protocol/client';

export class Session extends SeatSession {
  constructor(
    socket: FbSocket,
    readonly stored: StoredSeat,
  ) {
    super(socket, stored.credential, {
      onServerTime: syncServerClock,
      onResumed: (answer) => touchSeat(stored.credential, { name: answer.seat.name, title: answer.view.scenario.title, seatId: answer.seat.seatId }),
      onInvalidCredential: () => forgetSeat(stored.credential),
      language: locale,
    });
    useExplanations(this.explanations);
  }

  /** Sends a command and resolves with its answer as soon as it arrives (the view follows by itself). */
  send(body: CommandBody): Promise<CommandAck> {
    return this.commands.send(body);
  }

  exportLog(format: 'json' | 'csv' | 'grades'): Promise<ExportAck> {
    return this.export(format);
  }
}
