/**
 * The red cell's screen: the adversary's briefing and its moves this round,
 * and, in scenarios with further adversaries, the same for each of them (a
 * choice of its own for each: chooseAdversaryMove with `adversary`).
 */
import type { ExerciseView } from '../../engine/view/types';
import { answerSlot } from '../ui/answers';
import { html, nothing, paragraphs, type TemplateResult } from '../ui/dom';
import { t } from '../ui/i18n';
import type { Ctx } from './context';
import { wideBoard } from './parts/board';
import { feedSection } from './parts/feed';
import { resultsSection } from './parts/results';
import { whatNow } from './parts/situation';

type RedCell = NonNullable<ExerciseView['redCell']>;

/** One adversary the red cell plays: the primary one (id null) or a further one. */
interface Played {
  id: string | null;
  name: string;
  kind: 'state' | 'criminal' | null;
  briefing: string;
  moves: RedCell['moves'];
  chosen: string | null | undefined;
}

function played(view: ExerciseView): Played[] {
  const rc = view.redCell;
  if (!rc) return [];
  return [
    { id: null, name: view.scenario.adversaryName, kind: null, briefing: rc.briefing, moves: rc.moves, chosen: rc.chosen },
    ...(rc.others ?? []).map((o) => ({ id: o.id, name: o.name, kind: o.kind, briefing: o.briefing, moves: o.moves, chosen: o.chosen })),
  ];
}

export function redCellScreen(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const adversaries = played(view);
  return html`<main id="main" tabindex="-1" class="layout two-col redcell-screen">
    <div class="col-main">
      <h1 class="visually-hidden">${t('redcell.title', { name: adversaries.map((a) => a.name).join(', ') || view.scenario.adversaryName })}</h1>
      ${whatNow(view)}
      ${adversaries.map((a) => movesSection(ctx, a))}
      ${resultsSection(view)}
    </div>
    <div class="side-track"><aside class="col-side" tabindex="0" aria-label=${t('redcell.aside')}>
      ${adversaries
        .filter((a) => a.id === null || a.briefing)
        .map(
          (a) => html`<section class="panel" aria-labelledby=${`rc-brief-h${suffix(a)}`}>
            <h2 id=${`rc-brief-h${suffix(a)}`}>${t('redcell.briefing', { name: a.name })}</h2>
            ${paragraphs(a.briefing).map((p) => html`<p>${p}</p>`)}
          </section>`,
        )}
      ${feedSection(ctx, t('redcell.news'))}
    </aside></div>
    ${wideBoard(ctx.board, view)}
  </main>`;
}

/** Ids in the page: the primary adversary's keep their old form (moves-h, move-<id>), a further one's carry its id. */
const suffix = (a: Played) => (a.id === null ? '' : `-${a.id}`);

function movesSection(ctx: Ctx, a: Played): TemplateResult {
  const deciding = ctx.view.phase === 'deliberation';
  const slot = `move${suffix(a)}`;
  const status =
    a.chosen === undefined
      ? t('redcell.nothingChosen')
      : a.chosen === null
        ? t('redcell.holding')
        : t('redcell.chose', { move: a.moves.find((m) => m.id === a.chosen)?.name ?? a.chosen });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('move') ?? '');
    const move = value === '__hold__' ? null : value;
    void ctx.send(slot, { type: 'chooseAdversaryMove', move, ...(a.id === null ? {} : { adversary: a.id }) }, move ? t('redcell.chosenOk') : t('redcell.holdOk'));
  };
  const id = (m: string) => `move${suffix(a)}-${m}`;
  return html`<section class="panel redcell-moves" data-adversary=${a.id ?? ''} aria-labelledby=${`moves-h${suffix(a)}`}>
    <h2 id=${`moves-h${suffix(a)}`}>${t('redcell.heading', { name: a.name })}</h2>
    ${a.kind ? html`<p class="help">${t(`redcell.kind_${a.kind}`)}</p>` : nothing}
    <p role="status">${status}</p>
    ${deciding ? nothing : html`<p class="help">${t('redcell.onlyDeliberation')}</p>`}
    <form class="stack" @submit=${submit} aria-label=${t('redcell.moves', { name: a.name })}>
      <fieldset><legend>${t('redcell.moves', { name: a.name })}</legend>
        ${a.moves.map((m) => html`<div class="choice ${m.eligible ? '' : 'choice--off'}">
          <input type="radio" name="move" value=${m.id} id=${id(m.id)} .checked=${a.chosen === m.id} />
          <label for=${id(m.id)}><strong>${m.name}</strong> ${m.eligible ? html`<span class="badge badge--ok">${t('redcell.eligible')}</span>` : html`<span class="badge badge--no">${t('redcell.notEligible')}</span>`}
            <span class="help">${m.description}${m.eligible ? '' : t('redcell.notFit')}</span></label>
        </div>`)}
        <div class="choice"><input type="radio" name="move" value="__hold__" id=${id('hold')} .checked=${a.chosen === null} />
          <label for=${id('hold')}><strong>${t('redcell.hold')}</strong> <span class="help">${t('redcell.holdHelp')}</span></label></div>
      </fieldset>
      <button class="btn btn--primary" type="submit">${t('redcell.choose', { name: a.name })}</button>
      ${answerSlot(ctx.answers, slot)}
    </form>
  </section>`;
}
