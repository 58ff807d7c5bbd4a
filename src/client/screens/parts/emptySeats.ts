/**
 * Before the start, the teams nobody has joined, and the facilitator's choice
 * for each: a bot the server plays (seatBot), dropping the team so that it
 * takes no part (dropTeam), or leaving the seat open for someone to join.
 */
import type { CommandAck } from '../../../protocol/events';
import type { TeamSummaryView } from '../../../engine/view/types';
import { html, type TemplateResult } from '../../ui/dom';
import type { Ctx, EmptySeatChoice } from '../context';
import { t } from '../../ui/i18n';

/** The bot policies a facilitator may choose (the engine's BOTS, in the words a facilitator reads). */
export const BOT_STYLES: readonly { id: string; name: string }[] = [
  { id: 'coalition-follower', name: 'Team player: shares intelligence and joins allies' },
  { id: 'restrained', name: 'Cautious: investigates first, escalates only on strong evidence' },
  { id: 'hawkish', name: 'Hawkish: hits hard and early, alone if need be' },
];

const DEFAULT_CHOICE: EmptySeatChoice = { seat: 'bot', policy: BOT_STYLES[0]!.id };

/** Teams no person has joined, no bot plays and the facilitator has not dropped. */
export function emptyTeams(ctx: Ctx): TeamSummaryView[] {
  const seats = ctx.session.presence?.seats ?? [];
  const bots = ctx.session.presence?.bots ?? [];
  return ctx.view.teams.filter((t) => !t.seat && !bots.includes(t.id) && !seats.some((s) => s.role === 'team' && s.team === t.id));
}

function choiceFor(ctx: Ctx, team: string): EmptySeatChoice {
  return ctx.local.emptySeats[team] ?? DEFAULT_CHOICE;
}

/** Sends the chosen seat of every empty team; the first refusal stops the rest (its answer shows in the slot). */
export async function settleEmptySeats(ctx: Ctx, slot: string): Promise<boolean> {
  for (const team of emptyTeams(ctx)) {
    const choice = choiceFor(ctx, team.id);
    let answer: CommandAck | null = null;
    if (choice.seat === 'bot') answer = await ctx.send(slot, { type: 'seatBot', team: team.id, policy: choice.policy }, `${team.name}: played by a bot.`);
    if (choice.seat === 'drop') answer = await ctx.send(slot, { type: 'dropTeam', team: team.id }, `${team.name}: takes no part.`);
    if (answer && !answer.ok) return false;
  }
  return true;
}

/** One fieldset per empty team: bot (with its style), drop, or leave open. */
export function emptySeatChoices(ctx: Ctx, teams: TeamSummaryView[]): TemplateResult {
  const set = (team: string, change: Partial<EmptySeatChoice>) => {
    ctx.local.emptySeats[team] = { ...choiceFor(ctx, team), ...change };
    ctx.rerender();
  };
  return html`<div class="empty-seats">${teams.map((team) => {
    const choice = choiceFor(ctx, team.id);
    const id = (what: string) => `seat-${what}-${team.id}`;
    const radio = (seat: EmptySeatChoice['seat'], label: string, help: string) => html`<div class="choice">
      <input type="radio" name=${`seat-${team.id}`} id=${id(seat)} .checked=${choice.seat === seat} @change=${() => set(team.id, { seat })} />
      <label for=${id(seat)}>${label}<span class="help">${help}</span></label>
    </div>`;
    return html`<fieldset class="empty-seat">
      <legend>${team.name}</legend>
      ${radio('bot', t('console.botSeat'), t('console.botSeatHelp'))}
      <div class="indent" ?hidden=${choice.seat !== 'bot'}>
        <label for=${id('policy')}>${t('console.botStyle')}</label>
        <select id=${id('policy')} @change=${(e: Event) => set(team.id, { policy: (e.currentTarget as HTMLSelectElement).value })}>
          ${BOT_STYLES.map((style) => html`<option value=${style.id} ?selected=${style.id === choice.policy}>${style.name}</option>`)}
        </select>
      </div>
      ${radio('drop', t('console.dropSeat'), t('console.dropSeatHelp'))}
      ${radio('open', t('console.openSeat'), t('console.openSeatHelp'))}
    </fieldset>`;
  })}</div>`;
}
