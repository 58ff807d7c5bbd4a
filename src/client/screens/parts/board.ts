/**
 * The board section: the Phaser canvas (loaded on demand) and, beside it,
 * the same facts in words and tables, for screen readers, keyboard users
 * and anyone who prefers text. The canvas is decorative for assistive
 * technology: everything it shows is in the summary.
 */
import type { ExerciseView, RoundView } from '../../../engine/index';
import { boardModel, type BoardModel } from '../../board/model';
import type { BoardHandle } from '../../board/index';
import { html, nothing, swatch, type TemplateResult } from '../../ui/dom';
import { termLink } from './help';
import { bandWord, confidenceWord, listedWords, sanctionWord, stageWord, teamList } from '../../ui/format';
import { reducedMotion } from '../../ui/prefs';

export class BoardPanel {
  readonly host: HTMLDivElement;
  private handle: BoardHandle | null = null;
  private loading: Promise<void> | null = null;
  private model: BoardModel | null = null;
  private drawn = '';
  private destroyed = false;
  failed = false;

  constructor() {
    this.host = document.createElement('div');
    this.host.className = 'board-canvas';
  }

  /** Redraws when what the board shows has changed (most views change only text around it). */
  update(view: ExerciseView): void {
    this.model = boardModel(view);
    const key = JSON.stringify(this.model);
    if (!this.handle) return this.load();
    if (key === this.drawn) return;
    this.drawn = key;
    this.handle.show(this.model);
  }

  playRound(result: RoundView): void {
    this.handle?.playRound(result.round, result.escalationBefore, result.escalationAfter, reducedMotion());
  }

  destroy(): void {
    this.destroyed = true;
    this.handle?.destroy();
    this.handle = null;
  }

  private load(): void {
    this.loading ??= import('../../board/index')
      .then(({ createBoard }) => {
        if (this.destroyed) return;
        this.handle = createBoard(this.host);
        if (this.model) {
          this.drawn = JSON.stringify(this.model);
          this.handle.show(this.model);
        }
      })
      .catch((err: unknown) => {
        console.error('board failed to load', err);
        this.failed = true;
      });
  }
}

export function boardSection(panel: BoardPanel, view: ExerciseView, heading = 'The board'): TemplateResult {
  const model = boardModel(view);
  return html`<section class="panel board" aria-labelledby="board-h">
    <h2 id="board-h">${heading}</h2>
    <div class="board-wrap">${panel.host}</div>
    ${boardSummary(model, view)}
  </section>`;
}

export function boardSummary(model: BoardModel, view: ExerciseView): TemplateResult {
  const level = model.ladder.find((r) => r.level === model.level);
  return html`<div class="board-summary">
    <p class="headline-facts">
      <span><strong>Escalation:</strong> level ${model.level} of ${Math.max(...model.ladder.map((r) => r.level))}, ${level?.label ?? ''} (${bandWord(model.band)}).</span>
      <span><strong>${model.adversaryName}:</strong> ${model.postureWord}; campaign phase: ${model.campaignPhase}.</span>
      <span><strong>Coalition ${termLink('cohesion', 'cohesion')}:</strong> ${model.cohesion === null ? 'not measured yet' : `${Math.round(model.cohesion)}/100 after round ${model.cohesionRound}`}.</span>
    </p>
    <details class="board-details">
      <summary>The board in words: capitals, attribution, sanctions</summary>
      <h3>Allied capitals</h3>
      <ul>${model.capitals.map(
        (c) => html`<li><span class="swatch" style=${swatch(c.colour)} aria-hidden="true"></span>
          ${c.teamName} (${c.city})${c.isMe ? ' (your government)' : ''}: ${c.locked ? 'decisions locked' : 'deciding'}, ${c.drafts} drafted.</li>`,
      )}</ul>
      ${model.jointPairs.length
        ? html`<p>Acted jointly in round ${model.cohesionRound}: ${model.jointPairs.map(([a, b]) => teamList(view, [a, b]).replace(', ', ' and ')).join('; ')}.</p>`
        : nothing}
      ${model.links.length
        ? html`<p>How alike the allies' postures were in round ${model.cohesionRound} (the links' thickness):</p>
            <ul>${model.links.map((l) => html`<li>${teamList(view, [l.a, l.b]).replace(', ', ' and ')}: ${Math.round(l.alignment * 100)}%${l.joint ? ', acting jointly' : ''}</li>`)}</ul>`
        : nothing}
      ${attributionTable(model)} ${sanctionsTable(model, view)}
      <h3>Escalation ladder</h3>
      <ol class="ladder-list" start="0">${model.ladder.map(
        (r) => html`<li value=${r.level} aria-current=${r.level === model.level ? 'true' : 'false'}>${r.label}${r.level === model.level ? ' (current level)' : ''}</li>`,
      )}</ol>
    </details>
  </div>`;
}

function attributionTable(model: BoardModel): TemplateResult {
  if (!model.incidents.length) return html`<p>No incident has come to light yet.</p>`;
  const teams = model.incidents[0]!.meters;
  return html`<table class="table compact">
    <caption>Attribution by government (confidence; P = attributed publicly)</caption>
    <thead><tr><th scope="col">Incident</th>${teams.map((t) => html`<th scope="col">${t.teamName}</th>`)}<th scope="col">Coalition</th></tr></thead>
    <tbody>${model.incidents.map(
      (i) => html`<tr><th scope="row">${i.name}<span class="help">harm ${i.harm}${i.active ? '' : ', inactive'}</span></th>
        ${i.meters.map((m) => html`<td>${meterWords(m)}</td>`)}
        <td>${stageWord(i.coalitionStage)}${i.sharedBy.length ? html`<span class="help">shared by ${i.sharedBy.length}</span>` : nothing}</td></tr>`,
    )}</tbody>
  </table>`;
}

function meterWords(m: BoardModel['incidents'][number]['meters'][number]): string {
  if (m.confidence === null) return m.public ? `${stageWord(m.stage)} (P)` : 'Not disclosed';
  const conf = ['No assessment', 'Low', 'Moderate', 'High'][m.confidence] ?? confidenceWord(null);
  return `${conf}; ${stageWord(m.stage)}${m.public ? ' (P)' : ''}`;
}

function sanctionsTable(model: BoardModel, view: ExerciseView): TemplateResult {
  if (!model.sanctions.length) return html`<p>No sanctions packages yet.</p>`;
  // The listed persons' column appears only in scenarios that give them rights.
  const listed = model.sanctions.some((s) => s.listed);
  return html`<table class="table compact sanctions-table">
    <caption>Sanctions packages</caption>
    <thead><tr><th scope="col">Package</th><th scope="col">Governments</th><th scope="col">Stage</th><th scope="col">Court challenge</th>${listed ? html`<th scope="col">Listed persons</th>` : nothing}</tr></thead>
    <tbody>${model.sanctions.map(
      (s) => html`<tr><th scope="row">${s.name}</th><td>${teamList(view, s.teams)}</td><td>${sanctionWord(s.stage)}</td><td>${sanctionWord(s.challenge)}</td>${
        listed ? html`<td>${s.listed ? listedWords(s.listed) : '—'}</td>` : nothing
      }</tr>`,
    )}</tbody>
  </table>`;
}
