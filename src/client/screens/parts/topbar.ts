/**
 * The bar at the top of every screen: the app's name, what this screen is
 * (exercise, seat, round), the round clock, the connection state and the
 * large-text toggle. A banner below it says when the connection is lost.
 */
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { projectorOn, toggleProjector } from '../../ui/prefs';
import { chooseLanguage, LANGUAGES, locale, t, type Language } from '../../ui/i18n';
import type { ConnectionStatus } from '../../net/session';

export interface TopbarOptions {
  /** What this screen is about (e.g. the exercise's title). */
  title?: string;
  /** The seat: e.g. a team name with its colour. */
  seat?: TemplateResult | string;
  /** Round and phase words. */
  round?: TemplateResult | string;
  clock?: TemplateResult;
  /** The story's date for this round (scenario time), beside the wall clock. */
  storyDate?: string;
  /** The notifications menu. */
  notices?: TemplateResult;
  /** The button that opens how to play and the glossary. */
  help?: TemplateResult;
  status?: ConnectionStatus;
  rerender: () => void;
}

export function topbar(o: TopbarOptions): TemplateResult {
  const on = projectorOn();
  return html`<header class="topbar">
      <a class="brand" href="/" data-link aria-label=${t('topbar.home')}><span aria-hidden="true">▲</span> Firebreak</a>
      ${o.title ? html`<span class="topbar-title">${o.title}</span>` : nothing}
      ${o.seat ? html`<span class="topbar-seat">${o.seat}</span>` : nothing}
      ${o.round ? html`<span class="topbar-round">${o.round}</span>` : nothing}
      ${o.clock ?? nothing}
      ${o.storyDate ? html`<span class="topbar-date"><span class="visually-hidden">${t('topbar.storyDate')} </span>${o.storyDate}</span>` : nothing}
      <span class="topbar-spacer"></span>
      ${o.notices ?? nothing}
      ${o.help ?? nothing}
      ${o.status
        ? html`<span class="conn conn--${o.status}"><span class="dot" aria-hidden="true"></span>${t(`topbar.status.${o.status}`)}</span>`
        : nothing}
      <button type="button" class="btn btn--ghost" aria-pressed=${on ? 'true' : 'false'}
        @click=${() => { toggleProjector(); o.rerender(); }}>${t('topbar.largeText')}</button>
      ${languagePicker()}
    </header>
    ${connectionBanner(o.status)}`;
}

/** The choice of the interface's language (the top bar's, and the report's toolbar's). */
export function languagePicker(): TemplateResult {
  return html`<select class="lang" aria-label=${t('topbar.language')} @change=${(e: Event) => chooseLanguage((e.currentTarget as HTMLSelectElement).value as Language)}>
    ${LANGUAGES.map((l) => html`<option value=${l.id} lang=${l.id} ?selected=${l.id === locale()}>${l.name}</option>`)}
  </select>`;
}

function connectionBanner(status: ConnectionStatus | undefined): TemplateResult {
  const show = status === 'reconnecting' || status === 'connecting';
  return html`<div class="conn-banner" role="status" ?hidden=${!show}>
    ${show
      ? status === 'reconnecting'
        ? t('topbar.banner.reconnecting')
        : t('topbar.banner.connecting')
      : ''}
  </div>`;
}

/** The round clock: its text is filled in every second by startClockTicker(). */
export function clockBadge(clock: { deadline: number | null; remainingMs: number | null }, paused: boolean): TemplateResult {
  return html`<span class="clock" role="timer" aria-label=${t('topbar.roundClock')} data-clock
    data-deadline=${clock.deadline ?? ''} data-remaining=${clock.remainingMs ?? ''} data-paused=${paused ? '1' : ''}></span>`;
}
