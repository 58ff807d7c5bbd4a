/** Who holds which seat, and whether they are connected (text, not colour alone). */
import type { ExerciseView } from '../../../engine/view/types';
import type { Presence, PresenceSeat } from '../../../protocol/events';
import { html, type TemplateResult } from '../../ui/dom';
import { teamName } from '../../ui/format';

const ROLE_WORDS: Record<string, string> = { facilitator: 'Facilitator', observer: 'Observer', redCell: 'Red cell' };

export function seatLabel(view: ExerciseView, s: PresenceSeat): string {
  return s.role === 'team' ? teamName(view, s.team) : (ROLE_WORDS[s.role] ?? s.role);
}

export function presenceList(view: ExerciseView, presence: Presence | null, filter: (s: PresenceSeat) => boolean = () => true): TemplateResult {
  const seats = (presence?.seats ?? []).filter(filter);
  if (!seats.length) return html`<p class="empty">No one has joined yet.</p>`;
  return html`<ul class="presence">${seats.map(
    (s) => html`<li class=${s.connected ? 'online' : 'offline'}>
      <span class="dot" aria-hidden="true"></span>
      <strong>${s.name}</strong> <span class="help">${seatLabel(view, s)}${s.lead ? ', lead' : ''}</span>
      <span class="state">${s.connected ? 'online' : 'offline'}${s.ready ? ', ready' : ''}</span>
    </li>`,
  )}</ul>`;
}
