/**
 * Evaluation notes: tied to a moment of the timeline (a round) and to one
 * of the scenario's learning objectives, with an HSEEP-style rating.
 */
import type { ExerciseView } from '../../../engine/view/types';
import type { Rating } from '../../../engine/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { RATINGS, ratingLabel, ratingWord, roundTitle, teamName, timeOfDay } from '../../ui/format';
import { t } from '../../ui/i18n';
import type { Ctx } from '../context';

export function notesSection(ctx: Ctx): TemplateResult {
  const view = ctx.view;
  const rounds = Array.from({ length: Math.max(view.round, 0) + 1 }, (_, r) => r);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const objective = String(data.get('objective') ?? '');
    const rating = String(data.get('rating') ?? '');
    const team = String(data.get('team') ?? '');
    const body = {
      type: 'note' as const,
      text: String(data.get('text') ?? '').trim(),
      round: Number(data.get('round')),
      ...(objective ? { objective } : {}),
      ...(rating ? { rating: rating as Rating } : {}),
      ...(team ? { team } : {}),
    };
    const answer = await ctx.send('note', body, t('notes.saved'));
    if (answer.ok) ctx.drafts.clear('note', form);
  };
  return html`<section class="panel notes" aria-labelledby="notes-h">
    <h2 id="notes-h">${t('notes.heading')}</h2>
    <p class="help">${view.viewer.role === 'facilitator' ? t('notes.helpFacilitator') : t('notes.helpObserver')}</p>
    <form class="stack" @submit=${submit}>
      <label for="note-round">${t('notes.moment')}</label>
      <select id="note-round" name="round">${rounds.map((r) => html`<option value=${r} ?selected=${r === view.round}>${roundTitle(view, r)}</option>`)}</select>
      <label for="note-objective">${t('notes.objective')}</label>
      <select id="note-objective" name="objective">
        <option value="">${t('notes.noObjective')}</option>
        ${view.scenario.learningObjectives.map((o) => html`<option value=${o.id}>${o.text}</option>`)}
      </select>
      <label for="note-team">${t('notes.team')}</label>
      <select id="note-team" name="team" aria-describedby="note-team-help">
        <option value="">${t('notes.wholeExercise')}</option>
        ${view.teams.map((team) => html`<option value=${team.id}>${team.name}</option>`)}
      </select>
      <p id="note-team-help" class="help">${t('notes.teamHelp')}</p>
      <fieldset><legend>${t('notes.rating')}</legend>
        ${RATINGS.map((r) => html`<div class="choice"><input type="radio" name="rating" value=${r.id} id=${`rating-${r.id}`} /><label for=${`rating-${r.id}`}>${ratingLabel(r.id)}</label></div>`)}
        <div class="choice"><input type="radio" name="rating" value="" id="rating-none" checked /><label for="rating-none">${t('notes.noRating')}</label></div>
      </fieldset>
      <label for="note-text">${t('notes.note')}</label>
      <textarea id="note-text" name="text" required rows="3" maxlength="4000" ${draft(ctx.drafts, 'note')}></textarea>
      <button class="btn btn--primary" type="submit">${t('notes.save')}</button>
      ${answerSlot(ctx.answers, 'note')}
    </form>
    ${notesList(view)}
  </section>`;
}

export function notesList(view: ExerciseView): TemplateResult {
  if (!view.notes.length) return html`<p class="empty">${t('notes.none')}</p>`;
  const objective = (id: string | null) => view.scenario.learningObjectives.find((o) => o.id === id)?.text ?? null;
  return html`<ol class="note-list" reversed>${repeat([...view.notes].reverse(), (n) => n.id, (n) => html`<li class="note">
    <p class="meta"><strong>${n.by}</strong>${n.role === 'facilitator' ? t('notes.byFacilitator') : ''} · ${roundTitle(view, n.round)}${n.team ? ` · ${teamName(view, n.team)}` : ''} · ${timeOfDay(n.at)}</p>
    ${objective(n.objective) ? html`<p class="help">${t('notes.objectiveIs', { objective: objective(n.objective) })}</p>` : nothing}
    <p><span class="badge">${ratingWord(n.rating)}</span></p>
    <p>${n.text}</p>
  </li>`)}</ol>`;
}
