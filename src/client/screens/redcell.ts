/** The red cell's screen: the adversary's briefing and its moves this round. */
import { answerSlot } from '../ui/answers';
import { html, nothing, paragraphs, type TemplateResult } from '../ui/dom';
import type { Ctx } from './context';
import { boardSection } from './parts/board';
import { feedSection } from './parts/feed';
import { resultsSection } from './parts/results';
import { whatNow } from './parts/situation';

export function redCellScreen(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  return html`<main id="main" tabindex="-1" class="layout two-col redcell-screen">
    <div class="col-main">
      <h1 class="visually-hidden">Red cell: ${view.scenario.adversaryName}</h1>
      ${whatNow(view)}
      ${movesSection(ctx)}
      ${boardSection(ctx.board, view)}
      ${resultsSection(view)}
    </div>
    <aside class="col-side" tabindex="0" aria-label="Briefing and public news">
      <section class="panel" aria-labelledby="rc-brief-h">
        <h2 id="rc-brief-h">Your briefing: ${view.scenario.adversaryName}</h2>
        ${paragraphs(view.redCell?.briefing ?? '').map((p) => html`<p>${p}</p>`)}
      </section>
      ${feedSection(ctx, 'Public news')}
    </aside>
  </main>`;
}

function movesSection(ctx: Ctx): TemplateResult {
  const rc = ctx.view.redCell;
  if (!rc) return html``;
  const deciding = ctx.view.phase === 'deliberation';
  const chosen = rc.chosen === undefined ? 'Nothing chosen yet: if you do not choose, the adversary model decides.' : rc.chosen === null ? 'You hold back this round.' : `You chose: ${rc.moves.find((m) => m.id === rc.chosen)?.name ?? rc.chosen}.`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('move') ?? '');
    const move = value === '__hold__' ? null : value;
    void ctx.send('move', { type: 'chooseAdversaryMove', move }, move ? 'Move chosen.' : 'You will hold back.');
  };
  return html`<section class="panel" aria-labelledby="moves-h">
    <h2 id="moves-h">Your move this round</h2>
    <p role="status">${chosen}</p>
    ${deciding ? nothing : html`<p class="help">You choose while a round is in deliberation.</p>`}
    <form class="stack" @submit=${submit}>
      <fieldset><legend>Moves</legend>
        ${rc.moves.map((m) => html`<div class="choice ${m.eligible ? '' : 'choice--off'}">
          <input type="radio" name="move" value=${m.id} id=${`move-${m.id}`} ?checked=${rc.chosen === m.id} />
          <label for=${`move-${m.id}`}><strong>${m.name}</strong> ${m.eligible ? html`<span class="badge badge--ok">✓ Eligible</span>` : html`<span class="badge badge--no">✕ Not eligible now</span>`}
            <span class="help">${m.description}${m.eligible ? '' : ' It does not fit the current posture and campaign phase.'}</span></label>
        </div>`)}
        <div class="choice"><input type="radio" name="move" value="__hold__" id="move-hold" ?checked=${rc.chosen === null} />
          <label for="move-hold"><strong>Hold back</strong> <span class="help">Make no move this round.</span></label></div>
      </fieldset>
      <button class="btn btn--primary" type="submit">Choose</button>
      ${answerSlot(ctx.answers, 'move')}
    </form>
  </section>`;
}
