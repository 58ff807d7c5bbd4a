/**
 * Firebreak Studio (/studio): a scenario editor in the browser. The editor
 * checks the draft with Firebreak's own validator as you type; the problems
 * and the play-test's warnings are listed beside it, each a link to its line;
 * the outline follows the cursor. "Play-test" plays bot exercises in a Web
 * Worker; "Try it" opens a real exercise of the draft on this server with
 * bots in the other seats. The draft is kept in this browser across reloads,
 * and is opened from and saved to the author's disk.
 */
import './noEval';
import type { EditorView } from '@codemirror/view';
import starterText from '../../engine/scenario/starter.json?raw';
import type { LoadResult } from '../../engine/scenario/load';
import type { Problem } from '../../engine/scenario/problems';
import { createRef, html, nothing, ref, render, type TemplateResult } from '../ui/dom';
import { downloadText } from '../ui/download';
import { storage } from '../ui/storage';
import { createEditor, jumpTo, replaceText } from './editor';
import { entryAt, outlineOf, type OutlineEntry, type OutlineSection } from './outline';
import { playtestResult, problemItem, type Jump } from './panels';
import { runPlaytest, type PlaytestReply } from './playtestTypes';
import { openTryOut, teamsOf, type TryIt } from './tryOut';
import './studio.css';

const DRAFT_KEY = 'firebreak.studio.draft.v1';
const RUN_CHOICES = [20, 50, 100, 200];
const SAVE_DELAY_MS = 300;
interface Draft {
  text: string;
  fileName: string;
}

interface StudioState {
  draft: Draft;
  validation: { ok: boolean; problems: Problem[] };
  outline: OutlineSection[];
  current: OutlineEntry | null;
  runs: number;
  playtest: { state: 'idle' } | { state: 'running'; done: number; runs: number } | { state: 'done'; reply: PlaytestReply };
  tryIt: TryIt;
  seat: string | null;
  notice: string;
}

function loadDraft(): Draft {
  try {
    const saved = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    if (saved && typeof saved.text === 'string' && typeof saved.fileName === 'string') return saved;
  } catch {
    // A damaged saved draft is replaced by the starter; nothing else is stored under this key.
  }
  return { text: starterText, fileName: 'my-scenario.json' };
}

export function mountStudio(root: HTMLElement): () => void {
  const editorHost = createRef<HTMLDivElement>();
  const fileInput = createRef<HTMLInputElement>();
  const state: StudioState = {
    draft: loadDraft(),
    validation: { ok: true, problems: [] },
    outline: [],
    current: null,
    runs: 50,
    playtest: { state: 'idle' },
    tryIt: { state: 'idle' },
    seat: null,
    notice: '',
  };
  state.outline = outlineOf(state.draft.text);
  let view: EditorView | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let fileHandle: FileSystemFileHandle | null = null;

  const keep = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => storage.setItem(DRAFT_KEY, JSON.stringify(state.draft)), SAVE_DELAY_MS);
  };
  const rerender = () => render(page(), root);
  const jump: Jump = (at) => {
    if (view) jumpTo(view, at);
  };

  const actions = {
    starter() {
      if (!view) return;
      replaceText(view, starterText);
      state.draft.fileName = 'my-scenario.json';
      fileHandle = null;
      state.notice = 'Started again from the starter scenario.';
      rerender();
    },
    async open(file: File) {
      if (!view) return;
      const text = await file.text();
      replaceText(view, text);
      state.draft.fileName = file.name;
      fileHandle = null;
      state.notice = `Opened ${file.name}.`;
      rerender();
    },
    download() {
      downloadText(state.draft.fileName, 'application/json', state.draft.text);
      state.notice = `Downloaded ${state.draft.fileName}.`;
      rerender();
    },
    /** Saves to the file on disk where the browser lets a page write one (File System Access API), else downloads. */
    async save() {
      const picker = (window as { showSaveFilePicker?: (o: object) => Promise<FileSystemFileHandle> }).showSaveFilePicker;
      if (!picker) return actions.download();
      try {
        fileHandle ??= await picker({ suggestedName: state.draft.fileName, types: [{ description: 'Scenario', accept: { 'application/json': ['.json'] } }] });
        const writable = await fileHandle.createWritable();
        await writable.write(state.draft.text);
        await writable.close();
        state.draft.fileName = fileHandle.name;
        state.notice = `Saved ${fileHandle.name}.`;
      } catch (error) {
        state.notice = (error as Error).name === 'AbortError' ? 'Not saved.' : `Not saved: ${(error as Error).message}`;
      }
      rerender();
    },
    async playtest() {
      state.playtest = { state: 'running', done: 0, runs: state.runs };
      rerender();
      const reply = await runPlaytest({ text: state.draft.text, runs: state.runs, seed: 'studio', file: state.draft.fileName }, (done, runs) => {
        state.playtest = { state: 'running', done, runs };
        rerender();
      });
      state.playtest = { state: 'done', reply };
      rerender();
    },
    async tryIt() {
      const teams = teamsOf(state.draft.text);
      const mine = teams.find((t) => t.id === state.seat) ?? teams[0];
      if (!mine) return;
      state.tryIt = { state: 'opening' };
      rerender();
      state.tryIt = await openTryOut(state.draft, mine, teams);
      rerender();
    },
  };

  function page(): TemplateResult {
    return html`<div class="studio">
      <header class="studio-bar">
        <a class="brand" href="/" data-link aria-label="Firebreak start page"><span aria-hidden="true">▲</span> Firebreak</a>
        <h1 class="studio-title">Studio <span class="studio-file">${state.draft.fileName}</span></h1>
        <div class="studio-tools" role="toolbar" aria-label="Scenario file">
          <button type="button" class="btn btn--small" @click=${actions.starter}>New from starter</button>
          <button type="button" class="btn btn--small" @click=${() => fileInput.value?.click()}>Open…</button>
          <input ${ref(fileInput)} type="file" accept=".json,application/json" class="visually-hidden" aria-label="Open a scenario file"
            @change=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void actions.open(f); (e.target as HTMLInputElement).value = ''; }} />
          <button type="button" class="btn btn--small" @click=${actions.save}>Save</button>
          <button type="button" class="btn btn--small" @click=${actions.download}>Download</button>
        </div>
        <p class="studio-notice" role="status">${state.notice}</p>
      </header>
      <main id="main" class="studio-main">
        <section class="studio-editor" aria-label="Editor"><div ${ref(editorHost)} class="studio-cm"></div></section>
        <aside class="studio-side" aria-label="Problems, outline and play-test">
          ${problemsPanel()} ${playtestPanel()} ${tryItPanel()} ${outlinePanel()}
        </aside>
      </main>
    </div>`;
  }

  function problemsPanel(): TemplateResult {
    const { ok, problems } = state.validation;
    const errors = problems.filter((p) => p.severity === 'error').length;
    const summary = ok ? (problems.length ? `Valid, with ${problems.length} warning${problems.length === 1 ? '' : 's'}` : 'Valid: no problems') : `${errors} problem${errors === 1 ? '' : 's'}`;
    return html`<section class="studio-panel" aria-labelledby="studio-problems-h">
      <h2 id="studio-problems-h">Problems <span class=${ok ? 'studio-ok' : 'studio-bad'} data-testid="problem-summary">${summary}</span></h2>
      ${problems.length ? html`<ul class="plain studio-list" data-testid="problems">${problems.map((p) => problemItem(p, jump))}</ul>` : nothing}
    </section>`;
  }

  function playtestPanel(): TemplateResult {
    const p = state.playtest;
    return html`<section class="studio-panel" aria-labelledby="studio-playtest-h">
      <h2 id="studio-playtest-h">Play-test</h2>
      <div class="studio-row">
        <label for="studio-runs">Bot exercises</label>
        <select id="studio-runs" @change=${(e: Event) => { state.runs = Number((e.target as HTMLSelectElement).value); }}>
          ${RUN_CHOICES.map((n) => html`<option value=${n} ?selected=${n === state.runs}>${n}</option>`)}
        </select>
        <button type="button" class="btn btn--primary btn--small" ?disabled=${!state.validation.ok || p.state === 'running'} @click=${actions.playtest}>Play-test</button>
      </div>
      ${!state.validation.ok ? html`<p class="help">Fix the problems above to play-test.</p>` : nothing}
      ${p.state === 'running' ? html`<p role="status">Playing… ${p.done} of ${p.runs} exercises.</p>` : nothing}
      ${p.state === 'done' ? playtestResult(p.reply, jump) : nothing}
    </section>`;
  }

  function tryItPanel(): TemplateResult {
    const teams = teamsOf(state.draft.text);
    const t = state.tryIt;
    return html`<section class="studio-panel" aria-labelledby="studio-try-h">
      <h2 id="studio-try-h">Try it</h2>
      <p class="help">Opens a real exercise of this draft on the server: you play one team, bots play the others, and you facilitate.</p>
      <div class="studio-row">
        <label for="studio-seat">Play as</label>
        <select id="studio-seat" @change=${(e: Event) => { state.seat = (e.target as HTMLSelectElement).value; }}>
          ${teams.map((team) => html`<option value=${team.id} ?selected=${team.id === state.seat}>${team.name}</option>`)}
        </select>
        <button type="button" class="btn btn--small" ?disabled=${!state.validation.ok || !teams.length || t.state === 'opening'} @click=${actions.tryIt}>Try it</button>
      </div>
      ${t.state === 'opening' ? html`<p role="status">Opening an exercise…</p>` : nothing}
      ${t.state === 'open'
        ? html`<p role="status">Opened. <a href=${t.team} target="_blank" rel="noopener">Join as ${t.teamName}</a> and
            <a href=${t.facilitator} target="_blank" rel="noopener">open the facilitator console</a> to start it.</p>`
        : nothing}
      ${t.state === 'refused' ? html`<p class="studio-bad" role="alert">${t.message}</p>${t.problems.length ? html`<ul class="studio-list">${t.problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}` : nothing}
    </section>`;
  }

  function outlinePanel(): TemplateResult {
    const entryButton = (e: OutlineEntry) =>
      html`<li><button type="button" class="linkish" aria-current=${state.current?.from === e.from ? 'location' : 'false'} @click=${() => jump(e.from)}>${e.label}</button></li>`;
    return html`<section class="studio-panel" aria-labelledby="studio-outline-h">
      <h2 id="studio-outline-h">Outline</h2>
      <nav aria-labelledby="studio-outline-h" class="studio-outline" data-testid="outline">
        ${state.outline.map(
          (section) => html`<h3>${section.title}</h3>
            ${section.groups.length === 0 ? html`<p class="help">none</p>` : nothing}
            ${section.groups.map((g) => html`${g.title ? html`<h4>${g.title}</h4>` : nothing}<ul class="plain">${g.entries.map(entryButton)}</ul>`)}`,
        )}
      </nav>
    </section>`;
  }

  rerender();
  view = createEditor(editorHost.value!, state.draft.text, {
    onValidated(result: LoadResult) {
      state.validation = { ok: result.ok, problems: result.ok ? result.warnings : result.problems };
      rerender();
    },
    onChange(text) {
      state.draft.text = text;
      state.outline = outlineOf(text);
      keep();
      rerender();
    },
    onCursor(offset) {
      const current = entryAt(state.outline, offset);
      if (current?.from !== state.current?.from || current?.label !== state.current?.label) {
        state.current = current;
        rerender();
      }
    },
  });
  return () => {
    if (saveTimer) {
      clearTimeout(saveTimer);
      storage.setItem(DRAFT_KEY, JSON.stringify(state.draft));
    }
    view?.destroy();
  };
}

