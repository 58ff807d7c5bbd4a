/**
 * Evaluation notes: tied to a moment of the timeline (a round) and to one
 * of the scenario's learning objectives, with an HSEEP-style rating.
 */
import type { ExerciseView } from '../../../engine/view/types';
import type { Rating } from '../../../engine/types';
import { answerSlot } from '../../ui/answers';
import { html, nothing, repeat, type TemplateResult } from '../../ui/dom';
import { draft } from '../../ui/drafts';
import { RATINGS, ratingWord, roundTitle, teamName, timeOfDay } from '../../ui/format';
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
    const answer = await ctx.send('note', body, 'Note saved.');
    if (answer.ok) ctx.drafts.clear('note', form);
  };
  return html`<section class="panel notes" aria-labelledby="notes-h">
    <h2 id="notes-h">Evaluation notes</h2>
    <p class="help">${view.viewer.role === 'facilitator'
      ? 'Your notes stay yours until the debrief; you see the observers\' notes as they write them.'
      : 'The facilitator and the other observers see your notes; everyone does at the debrief.'}</p>
    <form class="stack" @submit=${submit}>
      <label for="note-round">Moment</label>
      <select id="note-round" name="round">${rounds.map((r) => html`<option value=${r} ?selected=${r === view.round}>${roundTitle(view, r)}</option>`)}</select>
      <label for="note-objective">Learning objective</label>
      <select id="note-objective" name="objective">
        <option value="">(none)</option>
        ${view.scenario.learningObjectives.map((o) => html`<option value=${o.id}>${o.text}</option>`)}
      </select>
      <label for="note-team">Team</label>
      <select id="note-team" name="team" aria-describedby="note-team-help">
        <option value="">(the whole exercise)</option>
        ${view.teams.map((t) => html`<option value=${t.id}>${t.name}</option>`)}
      </select>
      <p id="note-team-help" class="help">A rating counts on that team's report card; without a team, on every team's.</p>
      <fieldset><legend>Rating</legend>
        ${RATINGS.map((r) => html`<div class="choice"><input type="radio" name="rating" value=${r.id} id=${`rating-${r.id}`} /><label for=${`rating-${r.id}`}>${r.label}</label></div>`)}
        <div class="choice"><input type="radio" name="rating" value="" id="rating-none" checked /><label for="rating-none">No rating</label></div>
      </fieldset>
      <label for="note-text">Note</label>
      <textarea id="note-text" name="text" required rows="3" maxlength="4000" ${draft(ctx.drafts, 'note')}></textarea>
      <button class="btn btn--primary" type="submit">Save note</button>
      ${answerSlot(ctx.answers, 'note')}
    </form>
    ${notesList(view)}
  </section>`;
}

export function notesList(view: ExerciseView): TemplateResult {
  if (!view.notes.length) return html`<p class="empty">No notes yet.</p>`;
  const objective = (id: string | null) => view.scenario.learningObjectives.find((o) => o.id === id)?.text ?? null;
  return html`<ol class="note-list" reversed>${repeat([...view.notes].reverse(), (n) => n.id, (n) => html`<li class="note">
    <p class="meta"><strong>${n.by}</strong>${n.role === 'facilitator' ? ' (facilitator: seen by others from the debrief)' : ''} · ${roundTitle(view, n.round)}${n.team ? ` · ${teamName(view, n.team)}` : ''} · ${timeOfDay(n.at)}</p>
    ${objective(n.objective) ? html`<p class="help">Objective: ${objective(n.objective)}</p>` : nothing}
    <p><span class="badge">${ratingWord(n.rating)}</span></p>
    <p>${n.text}</p>
  </li>`)}</ol>`;
}
