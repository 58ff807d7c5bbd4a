/** Who holds which seat, and whether they are connected (text, not colour alone). */
import type { ExerciseView } from '../../../engine/view/types';
import type { Presence, PresenceSeat } from '../../../protocol/events';
import { html, type TemplateResult } from '../../ui/dom';
import { teamName } from '../../ui/format';
import { t } from '../../ui/i18n';

const ROLES = ['facilitator', 'observer', 'redCell'];

export function seatLabel(view: ExerciseView, s: PresenceSeat): string {
  return s.role === 'team' ? teamName(view, s.team) : (ROLES.includes(s.role) ? t(`console.role_${s.role}`) : s.role);
}

export function presenceList(view: ExerciseView, presence: Presence | null, filter: (s: PresenceSeat) => boolean = () => true): TemplateResult {
  const seats = (presence?.seats ?? []).filter(filter);
  if (!seats.length) return html`<p class="empty">${t('console.noOneJoined')}</p>`;
  return html`<ul class="presence">${seats.map(
    (s) => html`<li class=${s.connected ? 'online' : 'offline'}>
      <span class="dot" aria-hidden="true"></span>
      <strong>${s.name}</strong> <span class="help">${seatLabel(view, s)}${s.lead ? t('console.leadSuffix') : ''}</span>
      <span class="state">${s.connected ? t('console.online') : t('console.offlineState')}${s.ready ? t('console.readySuffix') : ''}</span>
    </li>`,
  )}</ul>`;
}
