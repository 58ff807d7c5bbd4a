/**
 * Course materials for a shipped scenario (/course/<scenario id>): the
 * instructor's guide with a timetable per class format, the reading lists,
 * the prompts before and after the exercise, and the rubric with the report
 * card's own levels. It prints to A4 without the app around it (course.css);
 * the participants' handout leaves out what only the instructor needs.
 */
import type { CourseFormatView, CoursePromptView, CourseReading, CourseRubricEntry, CourseSegmentView, CourseView } from '../../engine/course/view';
import { html, nothing, render, safeUrl, type TemplateResult } from '../ui/dom';
import { courseOf, onCourseArrival, type CourseEntry } from '../net/course';
import './course.css';

type Version = 'guide' | 'handout';

interface CourseState {
  version: Version;
}

export function mountCourse(root: HTMLElement, scenarioId: string): () => void {
  const state: CourseState = { version: 'guide' };
  const draw = () => {
    const entry = courseOf(scenarioId);
    document.title = entry.state === 'done' ? `Course materials: ${entry.course.scenario.title}` : 'Course materials';
    render(page(entry, state, draw), root);
  };
  const stop = onCourseArrival(draw);
  draw();
  return stop;
}

/** What the page says until the course is there, or when there is none. */
function statusText(entry: Exclude<CourseEntry, { state: 'done' }>): string {
  if (entry.state === 'failed') return entry.message;
  if (entry.state === 'loading') return 'Loading the course materials…';
  return 'This server ships no course materials for that scenario. Authors add them in a course file beside the scenario (see "Course materials" in docs/authoring.md).';
}

function page(entry: CourseEntry, state: CourseState, redraw: () => void): TemplateResult {
  if (entry.state !== 'done') {
    return html`<main id="main" class="page narrow">
      <h1>Course materials</h1>
      <p role="status">${statusText(entry)}</p>
      <p><a href="/" data-link>Start page</a></p>
    </main>`;
  }
  const course = entry.course;
  const handout = state.version === 'handout';
  const toggle = () => {
    state.version = handout ? 'guide' : 'handout';
    redraw();
  };
  return html`<div class="report-toolbar course-toolbar no-print" role="toolbar" aria-label="Course materials">
      <button class="btn btn--primary" type="button" @click=${() => window.print()}>Print or save as PDF</button>
      <button class="btn" type="button" aria-pressed=${handout ? 'true' : 'false'} @click=${toggle}>Participants' handout only</button>
      <a class="btn" href="/" data-link>Start page</a>
    </div>
    <main id="main" class="course" data-version=${state.version}>${courseContent(course, handout)}</main>`;
}

/** The materials themselves, as the page shows and prints them and the studio previews them. */
export function courseContent(course: CourseView, handout: boolean): TemplateResult {
  return html`${titleBlock(course, handout)}
    <nav class="toc" aria-label="Contents">
      ${handout ? nothing : html`<a href="#course-guide">Instructor's guide</a>`}
      <a href="#course-readings">Reading list</a>
      <a href="#course-prompts">Prompts</a>
      <a href="#course-rubric">Rubric</a>
    </nav>
    ${handout ? nothing : guideSection(course)}
    ${readingsSection(course)}
    ${promptsSection(course)}
    ${rubricSection(course, handout)}`;
}

function titleBlock(course: CourseView, handout: boolean): TemplateResult {
  const s = course.scenario;
  return html`<header class="course-head">
    <p class="kicker">Firebreak · ${handout ? "Participants' handout" : 'Course materials'}</p>
    <h1>${course.title}</h1>
    <dl class="facts">
      <dt>Scenario</dt><dd>${s.title}</dd>
      <dt>Teams</dt><dd>${s.teams.join(', ')}</dd>
      <dt>Rounds</dt><dd>${s.rounds.length}: ${s.rounds.map((r) => r.title).join('; ')}</dd>
      <dt>For</dt><dd>${course.audience}</dd>
    </dl>
    <p class="lede">${course.overview}</p>
    <h2 class="course-subhead">Learning objectives</h2>
    <ol class="course-objectives">${course.rubric.map((r) => html`<li>${r.text}</li>`)}</ol>
  </header>`;
}

// ---------------------------------------------------------------- guide

function guideSection(course: CourseView): TemplateResult {
  return html`<section class="course-section" id="course-guide" aria-labelledby="course-guide-h">
    <h2 id="course-guide-h">Instructor's guide</h2>
    ${course.preparation.length
      ? html`<h3>Before the session</h3><ul>${course.preparation.map((p) => html`<li>${p}</li>`)}</ul>`
      : nothing}
    ${course.formats.map((f) => formatBlock(f, course.scenario.rounds.length))}
  </section>`;
}

function formatBlock(format: CourseFormatView, roundCount: number): TemplateResult {
  const id = `course-format-${format.id}`;
  return html`<section class="course-format" aria-labelledby=${id}>
    <h3 id=${id}>${format.title} <span class="count">(${clockTime(format.minutes)})</span></h3>
    ${format.summary ? html`<p>${format.summary}</p>` : nothing}
    <table class="table course-timetable">
      <caption class="visually-hidden">Timetable: ${format.title}</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Part</th><th scope="col">Rounds and clock</th><th scope="col">What happens</th></tr></thead>
      <tbody>${format.segments.map((s) => segmentRow(s))}</tbody>
    </table>
    ${format.endsAfterRound !== null
      ? html`<p class="warning">This format ends the exercise after round ${format.endsAfterRound} of ${roundCount}: once that round has resolved, end it from the console ("End the exercise early…", with a reason) to open the debrief.</p>`
      : nothing}
  </section>`;
}

function segmentRow(s: CourseSegmentView): TemplateResult {
  return html`<tr>
    <td class="course-time">${clockTime(s.start)}–${clockTime(s.start + s.minutes)}<span class="help">${s.minutes} min</span></td>
    <th scope="row">${s.title}</th>
    <td>${s.rounds.length ? roundsCell(s) : html`<span class="help">No round</span>`}</td>
    <td>${s.activity}</td>
  </tr>`;
}

function roundsCell(s: CourseSegmentView): TemplateResult {
  const label = s.rounds.length === 1 ? `Round ${s.rounds[0]!.number}` : `Rounds ${s.rounds[0]!.number}–${s.rounds[s.rounds.length - 1]!.number}`;
  return html`<strong>${label}</strong>
    ${s.clock === null ? nothing : html`<span class="help">${s.clock} min a round${clockAdvice(s)}</span>`}`;
}

/** How the facilitator gets from the scenario's round clock to the one this part allows. */
function clockAdvice(s: CourseSegmentView): string {
  const scenario = [...new Set(s.rounds.map((r) => r.scenarioMinutes))];
  if (s.clock === null || scenario.length !== 1) return '';
  const delta = scenario[0]! - s.clock;
  if (Math.abs(delta) < 0.5) return ' (as the scenario sets it)';
  return ` (scenario: ${scenario[0]}; ${delta > 0 ? 'shorten' : 'extend'} by ${Math.abs(Math.round(delta))} on the console)`;
}

/** Minutes as h:mm from the start of the session. */
function clockTime(minutes: number): string {
  const whole = Math.round(minutes);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- readings

function readingsSection(course: CourseView): TemplateResult {
  const { primary, scenario, byRound } = course.readings;
  return html`<section class="course-section" id="course-readings" aria-labelledby="course-readings-h">
    <h2 id="course-readings-h">Reading list</h2>
    <p class="help">Marked <strong>Before the session</strong>: read these first. The rest is further reading.</p>
    ${primary.length ? html`<h3>Primary texts</h3><ol class="course-readings">${primary.map(readingItem)}</ol>` : nothing}
    ${scenario.length ? html`<h3>From the scenario's sources</h3><ol class="course-readings">${scenario.map(readingItem)}</ol>` : nothing}
    ${byRound.length
      ? html`<h3>Every source the scenario cites, round by round</h3>
          ${byRound.map(
            (r) => html`<h4>${r.round === null ? r.title : `Round ${r.round}: ${r.title}`}</h4>
              <ul class="source-list">${r.sources.map((s) => html`<li>${s.citation}${link(s.url)}</li>`)}</ul>`,
          )}`
      : nothing}
  </section>`;
}

function readingItem(r: CourseReading): TemplateResult {
  return html`<li class="course-reading">
    ${r.essential ? html`<span class="course-badge">Before the session</span>` : nothing}
    <cite>${r.citation}</cite>${r.identifier ? html` (${r.identifier})` : nothing}${link(r.url)}
    ${r.parts ? html`<p><strong>Read:</strong> ${r.parts}</p>` : nothing}
    ${r.summary ? html`<p class="help">${r.summary}</p>` : nothing}
    <p><strong>Why:</strong> ${r.why}</p>
  </li>`;
}

/** An address shown in full, so that it survives printing. */
function link(url: string | null): TemplateResult | typeof nothing {
  const href = safeUrl(url);
  if (!url) return nothing;
  return href ? html` <a class="course-url" href=${href} rel="noopener noreferrer">${url}</a>` : html` <span class="course-url">${url}</span>`;
}

// ---------------------------------------------------------------- prompts and rubric

function promptsSection(course: CourseView): TemplateResult {
  return html`<section class="course-section" id="course-prompts" aria-labelledby="course-prompts-h">
    <h2 id="course-prompts-h">Prompts</h2>
    <h3>Before the exercise</h3>
    <ol class="course-prompts">${course.prompts.before.map((p) => promptItem(course, p))}</ol>
    <h3>After the exercise</h3>
    <ol class="course-prompts">${course.prompts.after.map((p) => promptItem(course, p))}</ol>
  </section>`;
}

/** A prompt, with the learning objectives it serves by their numbers in the list at the top. */
function promptItem(course: CourseView, p: CoursePromptView): TemplateResult {
  const numbers = p.objectives.map((o) => course.rubric.findIndex((r) => r.objective === o.id) + 1).filter((n) => n > 0);
  const label = numbers.length === 1 ? `Learning objective ${numbers[0]}` : `Learning objectives ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  return html`<li>${p.text}
    ${numbers.length ? html`<span class="help" title=${p.objectives.map((o) => o.text).join('\n')}>${label}</span>` : nothing}</li>`;
}

function rubricSection(course: CourseView, handout: boolean): TemplateResult {
  return html`<section class="course-section course-rubric" id="course-rubric" aria-labelledby="course-rubric-h">
    <h2 id="course-rubric-h">Rubric</h2>
    <p>One entry per learning objective. The levels and what they mean are the ones the report card gives each team at the debrief; where the card computes a level from the team's decisions, the score it needs is shown. Evaluators' ratings (P, S, M, U) are combined with it.</p>
    ${course.rubric.map((entry) => rubricEntry(entry, handout))}
  </section>`;
}

const LEVEL_NAMES: Record<string, string> = { exemplary: 'Exemplary', proficient: 'Proficient', developing: 'Developing', insufficient: 'Insufficient' };

function gradedFrom(entry: CourseRubricEntry): string {
  const needs = entry.minDecisions > 0 ? ` With fewer than ${entry.minDecisions === 1 ? 'one decision' : `${entry.minDecisions} decisions`} bearing on it, the level is insufficient.` : '';
  return `The report card computes the level from: ${entry.measures.join(', ')}.${needs}`;
}

function rubricEntry(entry: CourseRubricEntry, handout: boolean): TemplateResult {
  const id = `course-objective-${entry.objective}`;
  return html`<section class="course-objective" aria-labelledby=${id}>
    <h3 id=${id}>${entry.text}</h3>
    <p class="help">${entry.graded ? gradedFrom(entry) : 'Rated by evaluators only: the scenario maps no decisions to this objective.'}</p>
    <table class="table compact course-levels">
      <caption class="visually-hidden">Levels: ${entry.text}</caption>
      <thead><tr><th scope="col">Level</th>${entry.graded ? html`<th scope="col">Report-card score</th>` : nothing}<th scope="col">What it looks like</th></tr></thead>
      <tbody>${entry.levels.map(
        (l) => html`<tr><th scope="row">${LEVEL_NAMES[l.level]}</th>${entry.graded ? html`<td>${l.from === null ? 'below the rest' : `${l.from} or more`}</td>` : nothing}<td>${l.descriptor}</td></tr>`,
      )}</tbody>
    </table>
    ${!handout && entry.lookFor.length ? html`<h4>Look for</h4><ul>${entry.lookFor.map((x) => html`<li>${x}</li>`)}</ul>` : nothing}
  </section>`;
}
