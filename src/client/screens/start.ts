/**
 * The start page: join an exercise with a code, or open a new one from a
 * shipped scenario or an uploaded JSON file; and the exercises this browser
 * already holds a seat in.
 */
import type { ExerciseSummary, ScenarioSummary } from '../../protocol/events';
import { connection, request } from '../net/connection';
import { allSeats, facilitatorCredentials, saveSeat, type StoredSeat } from '../net/credentials';
import { navigate } from '../router';
import { Answers, answerSlot } from '../ui/answers';
import { html, nothing, render, type TemplateResult } from '../ui/dom';
import { dateTime, phaseWord } from '../ui/format';
import { locale, t } from '../ui/i18n';
import { storage } from '../ui/storage';
import { topbar } from './parts/topbar';
import { classGradeSheet } from './parts/gradeSheet';

/** Largest scenario file the server accepts (LIMITS.maxScenarioChars in src/protocol/schemas.ts). */
const MAX_SCENARIO_CHARS = 256 * 1024 - 1024;
const NAME_KEY = 'firebreak.name';

interface StartState {
  code: string;
  scenarios: ScenarioSummary[] | null;
  scenarioError: string | null;
  choice: string;
  upload: { name: string; text: string } | null;
  exercises: ExerciseSummary[] | null;
  online: boolean;
}

export function mountStart(root: HTMLElement, code: string | null): () => void {
  const socket = connection();
  const state: StartState = {
    code: code ?? '',
    scenarios: null,
    scenarioError: null,
    choice: '',
    upload: null,
    exercises: null,
    online: socket.connected,
  };
  const rerender = () => render(startPage(state, answers, rerender), root);
  const answers = new Answers(rerender);
  const onConnect = () => {
    state.online = true;
    rerender();
    void loadLists(state, rerender);
  };
  const onDisconnect = () => {
    state.online = false;
    rerender();
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  document.title = t('start.docTitle');
  rerender();
  if (socket.connected) void loadLists(state, rerender);
  const focus = root.querySelector<HTMLInputElement>(code ? '#join-name' : '#join-code');
  focus?.focus();
  return () => {
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  };
}

async function loadLists(state: StartState, rerender: () => void): Promise<void> {
  const answer = await request('scenario:list', {});
  if (answer.ok) {
    state.scenarios = answer.scenarios;
    state.scenarioError = null;
    if (!state.choice && answer.scenarios[0]) state.choice = answer.scenarios[0].id;
  } else state.scenarioError = answer.message;
  const credentials = facilitatorCredentials();
  if (credentials.length) {
    const list = await request('exercise:list', { credentials });
    if (list.ok) state.exercises = list.exercises;
  }
  rerender();
}

function startPage(state: StartState, answers: Answers, rerender: () => void): TemplateResult {
  return html`${topbar({ status: state.online ? 'online' : 'connecting', rerender })}
    <main id="main" class="page start">
      <div class="intro">
        <h1>Firebreak</h1>
        <p class="lede">${t('start.lede')}</p>
      </div>
      <div class="start-grid">
        ${joinCard(state, answers)}
        ${createCard(state, answers, rerender)}
      </div>
      ${yourExercises(state, answers)}
      ${howItWorks()}
    </main>`;
}

function joinCard(state: StartState, answers: Answers): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const code = String(data.get('code') ?? '').trim();
    const name = String(data.get('name') ?? '').trim();
    storage.setItem(NAME_KEY, name);
    const answer = await answers.track('join', request('seat:join', { code, name, language: locale() }), t('start.joined'), t('start.joining'));
    if (!answer.ok) return;
    saveSeat({
      exerciseId: answer.seat.exerciseId,
      credential: answer.credential,
      role: answer.seat.role,
      team: answer.seat.team,
      name: answer.seat.name,
      seatId: answer.seat.seatId,
      title: answer.view.scenario.title,
      savedAt: Date.now(),
    });
    navigate(`/play/${answer.seat.exerciseId}`);
  };
  return html`<section class="card" aria-labelledby="join-h">
    <h2 id="join-h">${t('start.joinH')}</h2>
    <p>${t('start.joinIntro')}</p>
    <form @submit=${submit} class="stack">
      <label for="join-code">${t('start.code')}</label>
      <input id="join-code" name="code" required minlength="4" maxlength="16" autocomplete="off" autocapitalize="characters"
        spellcheck="false" class="code-input" .value=${state.code} aria-describedby="join-code-help" />
      <p id="join-code-help" class="help">${t('start.codeHelp')}</p>
      <label for="join-name">${t('start.name')}</label>
      <input id="join-name" name="name" required maxlength="80" autocomplete="name" .value=${storage.getItem(NAME_KEY) ?? ''} />
      <button class="btn btn--primary" type="submit">${t('start.join')}</button>
      ${answerSlot(answers, 'join')}
    </form>
  </section>`;
}

function createCard(state: StartState, answers: Answers, rerender: () => void): TemplateResult {
  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    state.choice = 'upload';
    if (file.size > MAX_SCENARIO_CHARS) {
      state.upload = null;
      answers.set('create', { state: 'rejected', code: 'PAYLOAD_TOO_LARGE', message: t('start.tooLarge', { name: file.name, kb: Math.ceil(file.size / 1024) }), translated: true });
      return;
    }
    state.upload = { name: file.name, text: await file.text() };
    answers.set('create', undefined);
    rerender();
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void createExercise(event.currentTarget as HTMLFormElement, state, answers);
  };
  return html`<section class="card" aria-labelledby="create-h">
    <h2 id="create-h">${t('start.createH')}</h2>
    <p>${t('start.createIntro')}</p>
    <form @submit=${submit} class="stack">
      <label for="fac-name">${t('start.name')}</label>
      <input id="fac-name" name="facilitatorName" required maxlength="80" autocomplete="name" .value=${storage.getItem(NAME_KEY) ?? ''} />
      <label for="ex-title">${t('start.runTitle')} <span class="optional">${t('start.optional')}</span></label>
      <input id="ex-title" name="title" maxlength="120" placeholder=${t('start.runTitlePlaceholder')} />
      <fieldset>
        <legend>${t('start.scenario')}</legend>
        ${scenarioChoices(state, rerender)}
        <div class="choice">
          <input type="radio" id="sc-upload" name="scenario" value="upload" .checked=${state.choice === 'upload'}
            @change=${() => { state.choice = 'upload'; rerender(); }} />
          <label for="sc-upload"><strong>${t('start.upload')}</strong> ${t('start.json')}</label>
        </div>
        <div class="upload" ?hidden=${state.choice !== 'upload'}>
          <label for="sc-file">${t('start.scenarioFile')}</label>
          <input id="sc-file" type="file" accept=".json,application/json" @change=${onFile} />
          ${state.upload ? html`<p class="help">${t('start.ready', { name: state.upload.name, kb: Math.ceil(state.upload.text.length / 1024) })}</p>` : nothing}
        </div>
      </fieldset>
      <button class="btn btn--primary" type="submit">${t('start.open')}</button>
      ${answerSlot(answers, 'create')}
    </form>
  </section>`;
}

function scenarioChoices(state: StartState, rerender: () => void): TemplateResult {
  if (state.scenarioError) return html`<p class="error">${state.scenarioError}</p>`;
  if (!state.scenarios) return html`<p class="help">${t('start.loading')}</p>`;
  if (!state.scenarios.length) return html`<p class="help">${t('start.none')}</p>`;
  return html`${state.scenarios.map(
    (s) => html`<div class="choice">
      <input type="radio" id=${`sc-${s.id}`} name="scenario" value=${s.id} .checked=${state.choice === s.id}
        @change=${() => { state.choice = s.id; rerender(); }} />
      <label for=${`sc-${s.id}`}>
        <strong>${s.title}</strong>
        <span class="help clamp">${s.summary}</span>
        <span class="meta">${t('start.rounds', { count: s.rounds })} · ${s.teams.map((team) => team.name).join(', ')}${s.estimatedMinutes ? ` · ${t('start.about', { count: s.estimatedMinutes })}` : ''}${s.redCellAllowed ? ` · ${t('start.redCell')}` : ''}</span>
        ${s.course ? html`<a class="meta" href=${`/course/${s.id}`} aria-label=${t('start.courseFor', { title: s.title })} data-link>${t('start.course')}</a>` : nothing}
      </label>
    </div>`,
  )}`;
}

async function createExercise(form: HTMLFormElement, state: StartState, answers: Answers): Promise<void> {
  const data = new FormData(form);
  const facilitatorName = String(data.get('facilitatorName') ?? '').trim();
  const title = String(data.get('title') ?? '').trim();
  storage.setItem(NAME_KEY, facilitatorName);
  const source =
    state.choice === 'upload'
      ? state.upload
        ? { scenarioText: state.upload.text, fileName: state.upload.name }
        : null
      : state.choice
        ? { scenarioId: state.choice }
        : null;
  if (!source) {
    answers.set('create', { state: 'rejected', code: 'INVALID_PAYLOAD', message: t('start.choose'), translated: true });
    return;
  }
  const payload = { ...source, facilitatorName, ...(title ? { title } : {}) };
  const answer = await answers.track('create', request('exercise:create', payload, 30_000), t('start.opened'), t('start.checking'));
  if (!answer.ok) return;
  saveSeat({
    exerciseId: answer.exerciseId,
    credential: answer.facilitatorCredential,
    role: 'facilitator',
    team: null,
    name: facilitatorName,
    seatId: '',
    title: title || (state.scenarios?.find((s) => s.id === state.choice)?.title ?? state.upload?.name ?? 'Exercise'),
    savedAt: Date.now(),
  });
  navigate(`/facilitate/${answer.exerciseId}`);
}

function yourExercises(state: StartState, answers: Answers): TemplateResult {
  const seats = allSeats().filter((s) => s.role !== 'facilitator');
  const exercises = state.exercises ?? [];
  if (!seats.length && !exercises.length) return html``;
  return html`<section class="card" aria-labelledby="yours-h">
    <h2 id="yours-h">${t('start.yoursH')}</h2>
    ${exercises.length ? exerciseTable(exercises) : nothing}
    ${classGradeSheet(answers, exercises.length)}
    ${seats.length ? html`<h3>${t('start.seats')}</h3><ul class="plain">${seats.map(seatLink)}</ul>` : nothing}
  </section>`;
}

export function exerciseTable(exercises: ExerciseSummary[], current?: string): TemplateResult {
  return html`<table class="table">
    <caption>${t('start.facilitated')}</caption>
    <thead><tr><th scope="col">${t('start.colExercise')}</th><th scope="col">${t('start.colState')}</th><th scope="col">${t('start.colOnline')}</th><th scope="col">${t('start.colOpened')}</th></tr></thead>
    <tbody>${exercises.map(
      (e) => html`<tr>
        <th scope="row">${e.exerciseId === current
          ? html`<span aria-current="page">${t('start.thisOne', { title: e.title })}</span>`
          : html`<a href=${`/facilitate/${e.exerciseId}`} data-link>${e.title}</a>`}
          ${e.title !== e.scenarioTitle ? html`<span class="help">${e.scenarioTitle}</span>` : nothing}</th>
        <td>${phaseWord(e.phase)}${e.round ? t('start.roundOf', { round: e.round, rounds: e.rounds }) : ''}${e.paused ? t('start.paused') : ''}</td>
        <td>${t('start.seatsOnline', { connected: e.seats.connected, total: e.seats.total })}</td>
        <td>${dateTime(e.createdAt)}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

function seatLink(s: StoredSeat): TemplateResult {
  const role = t(`start.role.${s.role}`, { defaultValue: s.role });
  return html`<li><a href=${`/play/${s.exerciseId}`} data-link>${s.title}</a> <span class="help">${t('start.as', { name: s.name, role })}</span></li>`;
}

function howItWorks(): TemplateResult {
  return html`<section class="card how" aria-labelledby="how-h">
    <h2 id="how-h">${t('start.howH')}</h2>
    <ol>
      <li><strong>${t('start.how1b')}</strong> ${t('start.how1')}</li>
      <li><strong>${t('start.how2b')}</strong> ${t('start.how2')}</li>
      <li>${t('start.how3')}</li>
      <li><strong>${t('start.how4b')}</strong> ${t('start.how4')}</li>
    </ol>
  </section>`;
}
