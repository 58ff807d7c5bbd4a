/**
 * Firebreak Studio (/studio): a scenario editor in the browser, with the
 * scenario's course beside it. The editor checks each document with
 * Firebreak's own validator as you type (the course against the scenario
 * draft); the problems and the play-test's warnings are listed beside it,
 * each a link to its line; the outline follows the cursor. "Play-test" plays
 * bot exercises in a Web Worker; "Try it" opens a real exercise of the draft
 * on this server with bots in the other seats; the course is previewed as
 * its page will show it. Both drafts are kept in this browser across
 * reloads, and are opened from and saved to the author's disk.
 */
import './noEval';
import type { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import starterText from '../../engine/scenario/starter.json?raw';
import { loadScenarioText } from '../../engine/scenario/load';
import { scenarioJsonSchema, type Scenario } from '../../engine/scenario/schema';
import { createRef, html, nothing, ref, render, type TemplateResult } from '../ui/dom';
import { downloadText } from '../ui/download';
import { t } from '../ui/i18n';
import { languagePicker } from '../screens/parts/topbar';
import { storage } from '../ui/storage';
import { courseFileFor, coursePreview, courseSpec, courseStarter } from './course';
import { createEditor, documentState, jumpTo, recheck, replaceText, type Checked, type DocumentSpec } from './editor';
import { entryAt, outlineOf, type OutlineEntry, type OutlineSection, type OutlineTitle } from './outline';
import { playtestResult, problemItem, type Jump } from './panels';
import { runPlaytest, type PlaytestReply } from './playtestTypes';
import { openTryOut, teamsOf, type TryIt } from './tryOut';
import './studio.css';

export const DRAFT_FILE = 'draft.json';
const DRAFT_KEYS = { scenario: 'firebreak.studio.draft.v1', course: 'firebreak.studio.course.v1' } as const;
const RUN_CHOICES = [20, 50, 100, 200];
const SAVE_DELAY_MS = 300;

type DocumentId = keyof typeof DRAFT_KEYS;
const DOCUMENT_IDS: readonly DocumentId[] = ['scenario', 'course'];
const documentName = (doc: DocumentId): string => t(`studio.doc.${doc}`);

interface Draft {
  text: string;
  fileName: string;
}

interface StudioState {
  /** The document in the editor. */
  doc: DocumentId;
  drafts: Record<DocumentId, Draft>;
  validation: Record<DocumentId, Checked>;
  /** The scenario draft as last validated, when it is valid: what the course is checked against. */
  scenario: Scenario | null;
  outline: OutlineSection[];
  current: OutlineEntry | null;
  runs: number;
  playtest: { state: 'idle' } | { state: 'running'; done: number; runs: number } | { state: 'done'; reply: PlaytestReply };
  tryIt: TryIt;
  seat: string | null;
  notice: string;
}

function savedDraft(doc: DocumentId): Draft | null {
  try {
    const saved = JSON.parse(storage.getItem(DRAFT_KEYS[doc]) ?? 'null') as Draft | null;
    if (saved && typeof saved.text === 'string' && typeof saved.fileName === 'string') return saved;
  } catch {
    // A damaged saved draft is replaced by the starter; nothing else is stored under this key.
  }
  return null;
}

function validScenario(text: string): Scenario | null {
  const result = loadScenarioText(text, DRAFT_FILE);
  return result.ok ? result.scenario : null;
}

function initialDrafts(): Record<DocumentId, Draft> {
  const scenario = savedDraft('scenario') ?? { text: starterText, fileName: 'my-scenario.json' };
  const valid = validScenario(scenario.text);
  const course = savedDraft('course') ?? { text: courseStarter(valid), fileName: courseFileFor(valid) };
  return { scenario, course };
}

/** An outline's section or group title in the chosen language; the author's own words (a category, a round's title) stay as written. */
function outlineWords(title: OutlineTitle): string {
  return typeof title === 'string' ? title : t(`studio.outlineTitles.${title.key}`, title.round === undefined ? {} : { round: title.round });
}

export function mountStudio(root: HTMLElement): () => void {
  const editorHost = createRef<HTMLDivElement>();
  const fileInput = createRef<HTMLInputElement>();
  const drafts = initialDrafts();
  const state: StudioState = {
    doc: 'scenario',
    drafts,
    validation: { scenario: { ok: true, problems: [] }, course: { ok: true, problems: [] } },
    scenario: validScenario(drafts.scenario.text),
    outline: outlineOf(drafts.scenario.text, t('studio.outlineTitles.untitled')),
    current: null,
    runs: 50,
    playtest: { state: 'idle' },
    tryIt: { state: 'idle' },
    seat: null,
    notice: '',
  };
  let view: EditorView | null = null;
  const saveTimers: Partial<Record<DocumentId, ReturnType<typeof setTimeout>>> = {};
  const fileHandles: Record<DocumentId, FileSystemFileHandle | null> = { scenario: null, course: null };

  const keep = (doc: DocumentId, delay = SAVE_DELAY_MS) => {
    clearTimeout(saveTimers[doc]);
    saveTimers[doc] = setTimeout(() => storage.setItem(DRAFT_KEYS[doc], JSON.stringify(state.drafts[doc])), delay);
  };
  const rerender = () => render(page(), root);
  const jump: Jump = (at) => {
    if (view) jumpTo(view, at);
  };
  const draft = () => state.drafts[state.doc];

  /** The scenario text state.scenario was checked from: the course may be shown before the scenario's linter has run on its last edit. */
  let checkedScenario = drafts.scenario.text;
  const checkScenario = (text: string): Checked => {
    const result = loadScenarioText(text, DRAFT_FILE);
    state.scenario = result.ok ? result.scenario : null;
    checkedScenario = text;
    return result.ok ? { ok: true, problems: result.warnings } : { ok: false, problems: result.problems };
  };
  const currentScenario = (): Scenario | null => {
    if (checkedScenario !== state.drafts.scenario.text) checkScenario(state.drafts.scenario.text);
    return state.scenario;
  };
  const specs: Record<DocumentId, DocumentSpec> = {
    scenario: { label: t('studio.scenarioJson'), schema: scenarioJsonSchema(), check: checkScenario },
    course: courseSpec(currentScenario),
  };
  const hooksFor = (doc: DocumentId) => ({
    onValidated(result: Checked) {
      state.validation[doc] = result;
      rerender();
    },
    onChange(text: string) {
      state.drafts[doc].text = text;
      if (doc === 'scenario') state.outline = outlineOf(text, t('studio.outlineTitles.untitled'));
      keep(doc);
      rerender();
    },
    onCursor(offset: number) {
      if (doc !== 'scenario') return;
      const current = entryAt(state.outline, offset);
      if (current?.from !== state.current?.from || current?.label !== state.current?.label) {
        state.current = current;
        rerender();
      }
    },
  });
  /** Each document keeps its own editor state (text, undo history, linter); the view shows one. */
  const editorStates: Record<DocumentId, EditorState> = {
    scenario: documentState(drafts.scenario.text, specs.scenario, hooksFor('scenario')),
    course: documentState(drafts.course.text, specs.course, hooksFor('course')),
  };

  const actions = {
    show(doc: DocumentId) {
      if (!view || doc === state.doc) return;
      editorStates[state.doc] = view.state;
      state.doc = doc;
      view.setState(editorStates[doc]);
      recheck(view);
      state.notice = '';
      rerender();
    },
    starter() {
      if (!view) return;
      if (state.doc === 'course') {
        const scenario = currentScenario();
        replaceText(view, courseStarter(scenario));
        state.drafts.course.fileName = courseFileFor(scenario);
        state.notice = scenario ? t('studio.courseStarted') : t('studio.fixFirst');
      } else {
        replaceText(view, starterText);
        state.drafts.scenario.fileName = 'my-scenario.json';
        state.notice = t('studio.started');
      }
      fileHandles[state.doc] = null;
      rerender();
    },
    async open(file: File) {
      if (!view) return;
      const text = await file.text();
      replaceText(view, text);
      draft().fileName = file.name;
      fileHandles[state.doc] = null;
      state.notice = t('studio.opened', { name: file.name });
      rerender();
    },
    download() {
      const { fileName, text } = draft();
      downloadText(fileName, 'application/json', text);
      state.notice = t('studio.downloaded', { name: fileName });
      rerender();
    },
    /** Saves to the file on disk where the browser lets a page write one (File System Access API), else downloads. */
    async save() {
      const picker = (window as { showSaveFilePicker?: (o: object) => Promise<FileSystemFileHandle> }).showSaveFilePicker;
      if (!picker) return actions.download();
      const doc = state.doc;
      try {
        const handle = (fileHandles[doc] ??= await picker({
          suggestedName: draft().fileName,
          types: [{ description: documentName(doc), accept: { 'application/json': ['.json'] } }],
        }));
        const writable = await handle.createWritable();
        await writable.write(state.drafts[doc].text);
        await writable.close();
        state.drafts[doc].fileName = handle.name;
        state.notice = t('studio.saved', { name: handle.name });
      } catch (error) {
        state.notice = (error as Error).name === 'AbortError' ? t('studio.notSaved') : t('studio.notSavedBecause', { message: (error as Error).message });
      }
      rerender();
    },
    async playtest() {
      state.playtest = { state: 'running', done: 0, runs: state.runs };
      rerender();
      const reply = await runPlaytest({ text: state.drafts.scenario.text, runs: state.runs, seed: 'studio', file: state.drafts.scenario.fileName }, (done, runs) => {
        state.playtest = { state: 'running', done, runs };
        rerender();
      });
      state.playtest = { state: 'done', reply };
      rerender();
    },
    async tryIt() {
      const teams = teamsOf(state.drafts.scenario.text);
      const mine = teams.find((team) => team.id === state.seat) ?? teams[0];
      if (!mine) return;
      state.tryIt = { state: 'opening' };
      rerender();
      state.tryIt = await openTryOut(state.drafts.scenario, mine, teams);
      rerender();
    },
  };

  function documentSwitch(): TemplateResult {
    return html`<div class="studio-docs" role="group" aria-label=${t('studio.document')}>
      ${DOCUMENT_IDS.map(
        (doc) => html`<button type="button" class="btn btn--small" aria-pressed=${state.doc === doc ? 'true' : 'false'} @click=${() => actions.show(doc)}>
          ${documentName(doc)}</button>`,
      )}
    </div>`;
  }

  function page(): TemplateResult {
    const course = state.doc === 'course';
    return html`<div class="studio">
      <header class="studio-bar">
        <a class="brand" href="/" data-link aria-label=${t('topbar.home')}><span aria-hidden="true">▲</span> Firebreak</a>
        <h1 class="studio-title">${t('studio.title')} <span class="studio-file">${draft().fileName}</span></h1>
        ${documentSwitch()}
        <div class="studio-tools" role="toolbar" aria-label=${course ? t('studio.courseFile') : t('studio.scenarioFile')}>
          <button type="button" class="btn btn--small" @click=${actions.starter}>${course ? t('studio.newCourse') : t('studio.newScenario')}</button>
          <button type="button" class="btn btn--small" @click=${() => fileInput.value?.click()}>${t('studio.open')}</button>
          <input ${ref(fileInput)} type="file" accept=".json,application/json" class="visually-hidden" aria-label=${course ? t('studio.openCourse') : t('studio.openScenario')}
            @change=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void actions.open(f); (e.target as HTMLInputElement).value = ''; }} />
          <button type="button" class="btn btn--small" @click=${actions.save}>${t('studio.save')}</button>
          <button type="button" class="btn btn--small" @click=${actions.download}>${t('studio.download')}</button>
          ${languagePicker()}
        </div>
        <p class="studio-notice" role="status">${state.notice}</p>
      </header>
      <main id="main" class="studio-main">
        <section class="studio-editor" aria-label=${t('studio.editor')}><div ${ref(editorHost)} class="studio-cm"></div></section>
        <aside class="studio-side" aria-label=${course ? t('studio.sideCourse') : t('studio.sideScenario')}>
          ${problemsPanel()} ${course ? previewPanel() : html`${playtestPanel()} ${tryItPanel()} ${outlinePanel()}`}
        </aside>
      </main>
    </div>`;
  }

  function problemsPanel(): TemplateResult {
    const { ok, problems } = state.validation[state.doc];
    const errors = problems.filter((p) => p.severity === 'error').length;
    const summary = ok ? (problems.length ? t('studio.validWarnings', { count: problems.length }) : t('studio.valid')) : t('studio.problemCount', { count: errors });
    return html`<section class="studio-panel" aria-labelledby="studio-problems-h">
      <h2 id="studio-problems-h">${t('studio.problems')} <span class=${ok ? 'studio-ok' : 'studio-bad'} data-testid="problem-summary">${summary}</span></h2>
      ${problems.length ? html`<ul class="plain studio-list" data-testid="problems">${problems.map((p) => problemItem(p, jump))}</ul>` : nothing}
    </section>`;
  }

  function previewPanel(): TemplateResult {
    const scenario = currentScenario();
    const expected = courseFileFor(scenario);
    return html`<section class="studio-panel" aria-labelledby="studio-preview-h">
      <h2 id="studio-preview-h">${t('studio.preview')}</h2>
      <p class="help">${t('studio.saveAs')} <code>${expected}</code>${t('studio.servedAt')} <code>/course/${scenario?.id ?? '…'}</code>.</p>
      ${coursePreview(state.drafts.course.text, scenario)}
    </section>`;
  }

  function playtestPanel(): TemplateResult {
    const p = state.playtest;
    return html`<section class="studio-panel" aria-labelledby="studio-playtest-h">
      <h2 id="studio-playtest-h">${t('studio.playtest')}</h2>
      <div class="studio-row">
        <label for="studio-runs">${t('studio.runs')}</label>
        <select id="studio-runs" @change=${(e: Event) => { state.runs = Number((e.target as HTMLSelectElement).value); }}>
          ${RUN_CHOICES.map((n) => html`<option value=${n} ?selected=${n === state.runs}>${n}</option>`)}
        </select>
        <button type="button" class="btn btn--primary btn--small" ?disabled=${!state.validation.scenario.ok || p.state === 'running'} @click=${actions.playtest}>${t('studio.playtest')}</button>
      </div>
      ${!state.validation.scenario.ok ? html`<p class="help">${t('studio.fixToPlaytest')}</p>` : nothing}
      ${p.state === 'running' ? html`<p role="status">${t('studio.playing', { done: p.done, runs: p.runs })}</p>` : nothing}
      ${p.state === 'done' ? playtestResult(p.reply, jump) : nothing}
    </section>`;
  }

  function tryItPanel(): TemplateResult {
    const teams = teamsOf(state.drafts.scenario.text);
    const tried = state.tryIt;
    return html`<section class="studio-panel" aria-labelledby="studio-try-h">
      <h2 id="studio-try-h">${t('studio.tryIt')}</h2>
      <p class="help">${t('studio.tryHelp')}</p>
      <div class="studio-row">
        <label for="studio-seat">${t('studio.playAs')}</label>
        <select id="studio-seat" @change=${(e: Event) => { state.seat = (e.target as HTMLSelectElement).value; }}>
          ${teams.map((team) => html`<option value=${team.id} ?selected=${team.id === state.seat}>${team.name}</option>`)}
        </select>
        <button type="button" class="btn btn--small" ?disabled=${!state.validation.scenario.ok || !teams.length || tried.state === 'opening'} @click=${actions.tryIt}>${t('studio.tryIt')}</button>
      </div>
      ${tried.state === 'opening' ? html`<p role="status">${t('studio.opening')}</p>` : nothing}
      ${tried.state === 'open'
        ? html`<p role="status">${t('studio.openedExercise')} <a href=${tried.team} target="_blank" rel="noopener">${t('studio.joinAs', { name: tried.teamName })}</a>${t('studio.and')}<a href=${tried.facilitator} target="_blank" rel="noopener">${t('studio.openConsole')}</a>${t('studio.toStart')}</p>`
        : nothing}
      ${tried.state === 'refused' ? html`<p class="studio-bad" role="alert">${tried.message}</p>${tried.problems.length ? html`<ul class="studio-list">${tried.problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}` : nothing}
    </section>`;
  }

  function outlinePanel(): TemplateResult {
    const entryButton = (e: OutlineEntry) =>
      html`<li><button type="button" class="linkish" aria-current=${state.current?.from === e.from ? 'location' : 'false'} @click=${() => jump(e.from)}>${e.label}</button></li>`;
    return html`<section class="studio-panel" aria-labelledby="studio-outline-h">
      <h2 id="studio-outline-h">${t('studio.outline')}</h2>
      <nav aria-labelledby="studio-outline-h" class="studio-outline" data-testid="outline">
        ${state.outline.map(
          (section) => html`<h3>${outlineWords(section.title)}</h3>
            ${section.groups.length === 0 ? html`<p class="help">${t('studio.none')}</p>` : nothing}
            ${section.groups.map((g) => html`${g.title ? html`<h4>${outlineWords(g.title)}</h4>` : nothing}<ul class="plain">${g.entries.map(entryButton)}</ul>`)}`,
        )}
      </nav>
    </section>`;
  }

  rerender();
  view = createEditor(editorHost.value!, editorStates.scenario);
  window.addEventListener('firebreak:language', rerender);
  return () => {
    window.removeEventListener('firebreak:language', rerender);
    for (const doc of Object.keys(saveTimers) as DocumentId[]) {
      clearTimeout(saveTimers[doc]);
      storage.setItem(DRAFT_KEYS[doc], JSON.stringify(state.drafts[doc]));
    }
    view?.destroy();
  };
}
