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
import { PHASE_WORDS, plural } from '../ui/format';
import { storage } from '../ui/storage';
import { locale } from '../ui/i18n';
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
  document.title = 'Firebreak: start';
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
        <p class="lede">A tabletop exercise for allied governments facing a foreign state's campaign to interfere in an election:
          investigate and attribute, share intelligence, signal, respond alone or together, and see what follows.</p>
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
    const answer = await answers.track('join', request('seat:join', { code, name, language: locale() }), 'Joined. Opening your screen…', 'Joining…');
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
    <h2 id="join-h">Join an exercise</h2>
    <p>Your facilitator gives each team, the observers and the red cell a join code.</p>
    <form @submit=${submit} class="stack">
      <label for="join-code">Join code</label>
      <input id="join-code" name="code" required minlength="4" maxlength="16" autocomplete="off" autocapitalize="characters"
        spellcheck="false" class="code-input" .value=${state.code} aria-describedby="join-code-help" />
      <p id="join-code-help" class="help">For example K7P2Q-MXH4R. Capitals and dashes do not matter.</p>
      <label for="join-name">Your name</label>
      <input id="join-name" name="name" required maxlength="80" autocomplete="name" .value=${storage.getItem(NAME_KEY) ?? ''} />
      <button class="btn btn--primary" type="submit">Join</button>
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
      answers.set('create', { state: 'rejected', code: 'PAYLOAD_TOO_LARGE', message: `${file.name} is ${Math.ceil(file.size / 1024)} KB; the limit is 255 KB.` });
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
    <h2 id="create-h">Open a new exercise</h2>
    <p>You will facilitate it: hand out the join codes, run the clock and lead the debrief.</p>
    <form @submit=${submit} class="stack">
      <label for="fac-name">Your name</label>
      <input id="fac-name" name="facilitatorName" required maxlength="80" autocomplete="name" .value=${storage.getItem(NAME_KEY) ?? ''} />
      <label for="ex-title">Title of this run <span class="optional">(optional)</span></label>
      <input id="ex-title" name="title" maxlength="120" placeholder="e.g. Staff college, group B" />
      <fieldset>
        <legend>Scenario</legend>
        ${scenarioChoices(state, rerender)}
        <div class="choice">
          <input type="radio" id="sc-upload" name="scenario" value="upload" .checked=${state.choice === 'upload'}
            @change=${() => { state.choice = 'upload'; rerender(); }} />
          <label for="sc-upload"><strong>Upload a scenario file</strong> (JSON)</label>
        </div>
        <div class="upload" ?hidden=${state.choice !== 'upload'}>
          <label for="sc-file">Scenario file</label>
          <input id="sc-file" type="file" accept=".json,application/json" @change=${onFile} />
          ${state.upload ? html`<p class="help">Ready: ${state.upload.name} (${Math.ceil(state.upload.text.length / 1024)} KB)</p>` : nothing}
        </div>
      </fieldset>
      <button class="btn btn--primary" type="submit">Open the exercise</button>
      ${answerSlot(answers, 'create')}
    </form>
  </section>`;
}

function scenarioChoices(state: StartState, rerender: () => void): TemplateResult {
  if (state.scenarioError) return html`<p class="error">${state.scenarioError}</p>`;
  if (!state.scenarios) return html`<p class="help">Loading the scenarios…</p>`;
  if (!state.scenarios.length) return html`<p class="help">This server ships no scenarios: upload one.</p>`;
  return html`${state.scenarios.map(
    (s) => html`<div class="choice">
      <input type="radio" id=${`sc-${s.id}`} name="scenario" value=${s.id} .checked=${state.choice === s.id}
        @change=${() => { state.choice = s.id; rerender(); }} />
      <label for=${`sc-${s.id}`}>
        <strong>${s.title}</strong>
        <span class="help clamp">${s.summary}</span>
        <span class="meta">${plural(s.rounds, 'round')} · ${s.teams.map((t) => t.name).join(', ')}${s.estimatedMinutes ? ` · about ${s.estimatedMinutes} minutes` : ''}${s.redCellAllowed ? ' · red cell optional' : ''}</span>
        ${s.course ? html`<a class="meta" href=${`/course/${s.id}`} aria-label=${`Course materials: ${s.title}`} data-link>Course materials</a>` : nothing}
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
    answers.set('create', { state: 'rejected', code: 'INVALID_PAYLOAD', message: 'Choose a scenario, or upload a scenario file first.' });
    return;
  }
  const payload = { ...source, facilitatorName, ...(title ? { title } : {}) };
  const answer = await answers.track('create', request('exercise:create', payload, 30_000), 'Opened. Loading your console…', 'Checking the scenario…');
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
    <h2 id="yours-h">Your exercises in this browser</h2>
    ${exercises.length ? exerciseTable(exercises) : nothing}
    ${classGradeSheet(answers, exercises.length)}
    ${seats.length ? html`<h3>Seats you hold</h3><ul class="plain">${seats.map(seatLink)}</ul>` : nothing}
  </section>`;
}

export function exerciseTable(exercises: ExerciseSummary[], current?: string): TemplateResult {
  return html`<table class="table">
    <caption>Exercises you facilitate</caption>
    <thead><tr><th scope="col">Exercise</th><th scope="col">State</th><th scope="col">People online</th><th scope="col">Opened</th></tr></thead>
    <tbody>${exercises.map(
      (e) => html`<tr>
        <th scope="row">${e.exerciseId === current
          ? html`<span aria-current="page">${e.title} (this one)</span>`
          : html`<a href=${`/facilitate/${e.exerciseId}`} data-link>${e.title}</a>`}
          ${e.title !== e.scenarioTitle ? html`<span class="help">${e.scenarioTitle}</span>` : nothing}</th>
        <td>${PHASE_WORDS[e.phase as keyof typeof PHASE_WORDS] ?? e.phase}${e.round ? `, round ${e.round} of ${e.rounds}` : ''}${e.paused ? ' (paused)' : ''}</td>
        <td>${e.seats.connected} of ${e.seats.total} seats</td>
        <td>${new Date(e.createdAt).toLocaleString()}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

function seatLink(s: StoredSeat): TemplateResult {
  const role = s.role === 'team' ? 'player' : s.role === 'redCell' ? 'red cell' : s.role;
  return html`<li><a href=${`/play/${s.exerciseId}`} data-link>${s.title}</a> <span class="help">as ${s.name}, ${role}</span></li>`;
}

function howItWorks(): TemplateResult {
  return html`<section class="card how" aria-labelledby="how-h">
    <h2 id="how-h">How an exercise runs</h2>
    <ol>
      <li><strong>Facilitator</strong> opens an exercise and hands out one join code per government, one for observers and (if the scenario has one) one for the red cell.</li>
      <li><strong>Teams</strong> read their government's briefing, then play rounds: injects arrive, they discuss in team and coalition chat, and decide what to do, with a rationale.</li>
      <li>When every team has locked its decisions (or the clock runs out) the round resolves: the adversary answers, escalation moves, and every decision is scored for proportionality, with reasons.</li>
      <li><strong>Observers</strong> take notes against the learning objectives. At the end everyone sees the debrief and the after-action report.</li>
    </ol>
  </section>`;
}
