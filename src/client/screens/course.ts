/**
 * Course materials for a shipped scenario (/course/<scenario id>): the
 * instructor's guide with a timetable per class format, the reading lists,
 * the prompts before and after the exercise, and the rubric with the report
 * card's own levels. It prints to A4 without the app around it (course.css);
 * the participants' handout leaves out what only the instructor needs.
 * Its own words are in the chosen language (ui/i18n-course.ts, picked in its
 * toolbar); what the course's author wrote stays as written.
 */
import type { CourseFormatView, CoursePromptView, CourseReading, CourseRubricEntry, CourseSegmentView, CourseView } from '../../engine/course/view';
import { html, nothing, render, safeUrl, type TemplateResult } from '../ui/dom';
import { colon, locale, t } from '../ui/i18n';
import { formatNumber } from '../ui/numbers';
import { measureLabel, recognisedText } from '../ui/engineText';
import { languagePicker } from './parts/topbar';
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
    document.title = entry.state === 'done' ? t('course.titleOf', { title: entry.course.scenario.title }) : t('course.title');
    render(page(entry, state, draw), root);
  };
  const stop = onCourseArrival(draw);
  // The person may switch the language on this page too.
  window.addEventListener('firebreak:language', draw);
  draw();
  return () => {
    stop();
    window.removeEventListener('firebreak:language', draw);
  };
}

/** What the page says until the course is there, or when there is none. */
function statusText(entry: Exclude<CourseEntry, { state: 'done' }>): string {
  if (entry.state === 'failed') return entry.message;
  if (entry.state === 'loading') return t('course.loading');
  return t('course.none');
}

function page(entry: CourseEntry, state: CourseState, redraw: () => void): TemplateResult {
  if (entry.state !== 'done') {
    return html`<main id="main" class="page narrow">
      <h1>${t('course.title')}</h1>
      <p role="status">${statusText(entry)}</p>
      <p><a href="/" data-link>${t('course.startPage')}</a></p>
    </main>`;
  }
  const course = entry.course;
  const handout = state.version === 'handout';
  const toggle = () => {
    state.version = handout ? 'guide' : 'handout';
    redraw();
  };
  return html`<div class="report-toolbar course-toolbar no-print" role="toolbar" aria-label=${t('course.title')}>
      <button class="btn btn--primary" type="button" @click=${() => window.print()}>${t('course.print')}</button>
      <button class="btn" type="button" aria-pressed=${handout ? 'true' : 'false'} @click=${toggle}>${t('course.handoutOnly')}</button>
      <a class="btn" href="/" data-link>${t('course.startPage')}</a>
      ${languagePicker()}
    </div>
    <main id="main" class="course" data-version=${state.version}>${courseContent(course, handout)}</main>`;
}

/** The materials themselves, as the page shows and prints them and the studio previews them. */
export function courseContent(course: CourseView, handout: boolean): TemplateResult {
  return html`${titleBlock(course, handout)}
    <nav class="toc" aria-label=${t('course.contents')}>
      ${handout ? nothing : html`<a href="#course-guide">${t('course.guide')}</a>`}
      <a href="#course-readings">${t('course.readings')}</a>
      <a href="#course-prompts">${t('course.prompts')}</a>
      <a href="#course-rubric">${t('course.rubric')}</a>
    </nav>
    ${handout ? nothing : guideSection(course)}
    ${readingsSection(course)}
    ${promptsSection(course)}
    ${rubricSection(course, handout)}`;
}

function titleBlock(course: CourseView, handout: boolean): TemplateResult {
  const s = course.scenario;
  return html`<header class="course-head">
    <p class="kicker">${t('course.kicker', { what: handout ? t('course.handout') : t('course.title') })}</p>
    <h1>${course.title}</h1>
    <dl class="facts">
      <dt>${t('course.facts.scenario')}</dt><dd>${s.title}</dd>
      <dt>${t('course.facts.teams')}</dt><dd>${s.teams.join(', ')}</dd>
      <dt>${t('course.facts.rounds')}</dt><dd>${s.rounds.length}${colon()} ${s.rounds.map((r) => r.title).join('; ')}</dd>
      <dt>${t('course.facts.for')}</dt><dd>${course.audience}</dd>
    </dl>
    <p class="lede">${course.overview}</p>
    <h2 class="course-subhead">${t('course.objectives')}</h2>
    <ol class="course-objectives">${course.rubric.map((r) => html`<li>${r.text}</li>`)}</ol>
  </header>`;
}

// ---------------------------------------------------------------- guide

function guideSection(course: CourseView): TemplateResult {
  return html`<section class="course-section" id="course-guide" aria-labelledby="course-guide-h">
    <h2 id="course-guide-h">${t('course.guide')}</h2>
    ${course.preparation.length
      ? html`<h3>${t('course.before')}</h3><ul>${course.preparation.map((p) => html`<li>${p}</li>`)}</ul>`
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
      <caption class="visually-hidden">${t('course.timetable', { title: format.title })}</caption>
      <thead><tr><th scope="col">${t('course.columns.time')}</th><th scope="col">${t('course.columns.part')}</th><th scope="col">${t('course.columns.rounds')}</th><th scope="col">${t('course.columns.what')}</th></tr></thead>
      <tbody>${format.segments.map((s) => segmentRow(s))}</tbody>
    </table>
    ${format.endsAfterRound !== null
      ? html`<p class="warning">${t('course.endsEarly', { round: format.endsAfterRound, count: roundCount })}</p>`
      : nothing}
  </section>`;
}

function segmentRow(s: CourseSegmentView): TemplateResult {
  return html`<tr>
    <td class="course-time">${clockTime(s.start)}–${clockTime(s.start + s.minutes)}<span class="help">${t('course.minutes', { count: formatNumber(s.minutes) })}</span></td>
    <th scope="row">${s.title}</th>
    <td>${s.rounds.length ? roundsCell(s) : html`<span class="help">${t('course.noRound')}</span>`}</td>
    <td>${s.activity}</td>
  </tr>`;
}

function roundsCell(s: CourseSegmentView): TemplateResult {
  const label = s.rounds.length === 1 ? t('course.round', { number: s.rounds[0]!.number }) : t('course.roundsRange', { first: s.rounds[0]!.number, last: s.rounds[s.rounds.length - 1]!.number });
  return html`<strong>${label}</strong>
    ${s.clock === null ? nothing : html`<span class="help">${t('course.perRound', { count: formatNumber(s.clock) })}${clockAdvice(s)}</span>`}`;
}

/** How the facilitator gets from the scenario's round clock to the one this part allows. */
function clockAdvice(s: CourseSegmentView): string {
  const scenario = [...new Set(s.rounds.map((r) => r.scenarioMinutes))];
  if (s.clock === null || scenario.length !== 1) return '';
  const delta = scenario[0]! - s.clock;
  if (Math.abs(delta) < 0.5) return t('course.asScenario');
  return t(delta > 0 ? 'course.shorten' : 'course.extend', { scenario: formatNumber(scenario[0]!), by: formatNumber(Math.abs(Math.round(delta))) });
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
    <h2 id="course-readings-h">${t('course.readings')}</h2>
    <p class="help">${t('course.readingsHelpBefore')} <strong>${t('course.before')}</strong>${t('course.readingsHelpAfter')}</p>
    ${primary.length ? html`<h3>${t('course.primary')}</h3><ol class="course-readings">${primary.map(readingItem)}</ol>` : nothing}
    ${scenario.length ? html`<h3>${t('course.fromScenario')}</h3><ol class="course-readings">${scenario.map(readingItem)}</ol>` : nothing}
    ${byRound.length
      ? html`<h3>${t('course.everySource')}</h3>
          ${byRound.map(
            (r) => html`<h4>${r.round === null ? r.title : t('course.roundTitle', { round: r.round, title: r.title })}</h4>
              <ul class="source-list">${r.sources.map((s) => html`<li>${s.citation}${link(s.url)}</li>`)}</ul>`,
          )}`
      : nothing}
  </section>`;
}

function readingItem(r: CourseReading): TemplateResult {
  return html`<li class="course-reading">
    ${r.essential ? html`<span class="course-badge">${t('course.before')}</span>` : nothing}
    <cite>${r.citation}</cite>${r.identifier ? html` (${r.identifier})` : nothing}${link(r.url)}
    ${r.parts ? html`<p><strong>${t('course.read')}</strong> ${r.parts}</p>` : nothing}
    ${r.summary ? html`<p class="help">${r.summary}</p>` : nothing}
    <p><strong>${t('course.why')}</strong> ${r.why}</p>
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
    <h2 id="course-prompts-h">${t('course.prompts')}</h2>
    <h3>${t('course.beforeExercise')}</h3>
    <ol class="course-prompts">${course.prompts.before.map((p) => promptItem(course, p))}</ol>
    <h3>${t('course.afterExercise')}</h3>
    <ol class="course-prompts">${course.prompts.after.map((p) => promptItem(course, p))}</ol>
  </section>`;
}

/** A prompt, with the learning objectives it serves by their numbers in the list at the top. */
function promptItem(course: CourseView, p: CoursePromptView): TemplateResult {
  const numbers = p.objectives.map((o) => course.rubric.findIndex((r) => r.objective === o.id) + 1).filter((n) => n > 0);
  const list = new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(numbers.map((n) => formatNumber(n)));
  const label = t(numbers.length === 1 ? 'course.objective' : 'course.objectivesMany', { list });
  return html`<li>${p.text}
    ${numbers.length ? html`<span class="help" title=${p.objectives.map((o) => o.text).join('\n')}>${label}</span>` : nothing}</li>`;
}

function rubricSection(course: CourseView, handout: boolean): TemplateResult {
  return html`<section class="course-section course-rubric" id="course-rubric" aria-labelledby="course-rubric-h">
    <h2 id="course-rubric-h">${t('course.rubric')}</h2>
    <p>${t('course.rubricHelp')}</p>
    ${course.rubric.map((entry) => rubricEntry(entry, handout))}
  </section>`;
}

/** A level's name as the report card words it (cards.level), capitalised to head a row. */
function levelName(level: string): string {
  const word = t(`cards.level.${level}`, { defaultValue: level });
  return word.charAt(0).toLocaleUpperCase(locale()) + word.slice(1);
}

function gradedFrom(entry: CourseRubricEntry): string {
  const needs = entry.minDecisions === 0 ? '' : entry.minDecisions === 1 ? t('course.fewerThanOne') : t('course.fewerThan', { count: entry.minDecisions });
  const names = entry.measures.map((label, i) => {
    const id = entry.measureIds?.[i];
    // As the report card names it (the engine's phrase for the measure), else the English the course carries.
    return id ? measureLabel(id, label) : label;
  });
  return `${t('course.gradedFrom', { measures: names.join(', ') })}${needs}`;
}

function rubricEntry(entry: CourseRubricEntry, handout: boolean): TemplateResult {
  const id = `course-objective-${entry.objective}`;
  return html`<section class="course-objective" aria-labelledby=${id}>
    <h3 id=${id}>${entry.text}</h3>
    <p class="help">${entry.graded ? gradedFrom(entry) : t('course.evaluatorsOnly')}</p>
    <table class="table compact course-levels">
      <caption class="visually-hidden">${t('course.levelsOf', { text: entry.text })}</caption>
      <thead><tr><th scope="col">${t('course.level')}</th>${entry.graded ? html`<th scope="col">${t('course.cardScore')}</th>` : nothing}<th scope="col">${t('course.looksLike')}</th></tr></thead>
      <tbody>${entry.levels.map(
        (l) =>
          html`<tr><th scope="row">${levelName(l.level)}</th>${entry.graded ? html`<td>${l.from === null ? t('course.belowRest') : t('course.orMore', { score: formatNumber(l.from) })}</td>` : nothing}<td>${recognisedText(l.descriptor)}</td></tr>`,
      )}</tbody>
    </table>
    ${!handout && entry.lookFor.length ? html`<h4>${t('course.lookFor')}</h4><ul>${entry.lookFor.map((x) => html`<li>${x}</li>`)}</ul>` : nothing}
  </section>`;
}
