/**
 * The board section: the Phaser canvas (loaded on demand) and, beside it,
 * the same facts in words and tables, for screen readers, keyboard users
 * and anyone who prefers text. The canvas is decorative for assistive
 * technology: everything it shows is in the summary.
 */
import type { ExerciseView, RoundView } from '../../../engine/index';
import { boardModel, type BoardModel } from '../../board/model';
import type { BoardHandle } from '../../board/index';
import { cssProps, html, nothing, swatch, type TemplateResult } from '../../ui/dom';
import { termLink } from './help';
import { andList, bandWord, confidenceWord, listedWords, sanctionWord, stageWord, teamList, teamName } from '../../ui/format';
import { locale, t } from '../../ui/i18n';
import { formatPercent } from '../../ui/numbers';
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
    // The canvas's words follow the language too.
    const key = `${locale()}:${JSON.stringify(this.model)}`;
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
          this.drawn = `${locale()}:${JSON.stringify(this.model)}`;
          this.handle.show(this.model);
        }
      })
      .catch((err: unknown) => {
        console.error('board failed to load', err);
        this.failed = true;
      });
  }
}

export function boardSection(panel: BoardPanel, view: ExerciseView, heading = t('board.heading')): TemplateResult {
  const model = boardModel(view);
  return html`<section class="panel board" aria-labelledby="board-h">
    <h2 id="board-h">${heading}</h2>
    <div class="board-wrap">${panel.host}</div>
    ${boardSummary(model, view)}
  </section>`;
}

/**
 * The board on a row of its own, below both columns of a screen: in the main
 * column of a 1366 px screen the canvas would be drawn at two thirds of its
 * size, and its smallest words (14 px on the 1280 px canvas) under 10 px.
 */
export function wideBoard(panel: BoardPanel, view: ExerciseView): TemplateResult {
  return html`<div class="col-wide">${boardSection(panel, view)}</div>`;
}

/** Two governments, "A and B", the locale's way. */
const pair = (view: ExerciseView, a: string, b: string) => andList([teamName(view, a), teamName(view, b)], locale());

export function boardSummary(model: BoardModel, view: ExerciseView): TemplateResult {
  const level = model.ladder.find((r) => r.level === model.level);
  return html`<div class="board-summary">
    <p class="headline-facts">
      <span><strong>${t('board.escalation')}</strong> ${t('board.level', {
        level: model.level,
        top: Math.max(...model.ladder.map((r) => r.level)),
        rung: level?.label ?? '',
        band: t(`board.band.${model.band}`, { defaultValue: bandWord(model.band) }),
      })}</span>
      <span>${model.others.length ? html`<span class="adversary-mark" style=${cssProps({ color: model.adversaries[0]!.colour })} aria-hidden="true">${model.adversaries[0]!.glyph}</span> ` : nothing}<strong>${model.adversaryName}:</strong> ${t('board.posture', { posture: model.postureWord, phase: model.campaignPhase })}</span>
      ${model.others.map(
        (o) => html`<span class="other-adversary" data-actor=${o.id}><span class="adversary-mark" style=${cssProps({ color: o.colour })} aria-hidden="true">${o.glyph}</span> <strong>${o.name}:</strong> ${t('board.posture', { posture: o.postureWord, phase: o.campaignPhase })}</span>`,
      )}
      <span><strong>${t('board.cohesionBefore')}${termLink('cohesion', t('board.cohesionTerm'))}${t('board.cohesionAfter')}</strong> ${model.cohesion === null
        ? t('board.notMeasured')
        : t('board.cohesion', { value: Math.round(model.cohesion), round: model.cohesionRound })}</span>
    </p>
    ${behindList(model)}
    <details class="board-details">
      <summary>${t('board.inWords')}</summary>
      <h3>${t('board.capitals')}</h3>
      <ul>${model.capitals.map(
        (c) => html`<li><span class="swatch" style=${swatch(c.colour)} aria-hidden="true"></span>
          ${c.teamName} (${c.city})${c.isMe ? t('board.yours') : ''}: ${t(c.locked ? 'board.locked' : 'board.deciding')}, ${t('board.drafted', { count: c.drafts })}</li>`,
      )}</ul>
      ${model.jointPairs.length
        ? html`<p>${t('board.jointly', { round: model.cohesionRound, pairs: model.jointPairs.map(([a, b]) => pair(view, a, b)).join('; ') })}</p>`
        : nothing}
      ${model.links.length
        ? html`<p>${t('board.alike', { round: model.cohesionRound })}</p>
            <ul>${model.links.map((l) => html`<li>${pair(view, l.a, l.b)}: ${formatPercent(l.alignment * 100, 100)}${l.joint ? t('board.actingJointly') : ''}</li>`)}</ul>`
        : nothing}
      ${attributionTable(model)} ${sanctionsTable(model, view)}
      <h3>${t('board.ladder')}</h3>
      <ol class="ladder-list" start="0">${model.ladder.map(
        (r) => html`<li value=${r.level} aria-current=${r.level === model.level ? 'true' : 'false'}>${r.label}${r.level === model.level ? t('board.current') : ''}</li>`,
      )}</ol>
    </details>
  </div>`;
}

/**
 * Who is behind each incident and whom it strikes, by adversary, where the
 * viewer may know it (scenarios with further adversaries: the facilitator and
 * the red cell; everyone at the debrief). A plain list: on a phone it is the
 * board's account of the adversaries.
 */
function behindList(model: BoardModel): TemplateResult | typeof nothing {
  if (!model.others.length || !model.incidents.some((i) => i.actor !== null)) return nothing;
  return html`<div class="behind">
    <h3 class="behind-h">${t('adversaries.behind')}</h3>
    <ul class="behind-list">${model.adversaries.map((a) => {
      const own = model.incidents.filter((i) => i.actor === a.id);
      return html`<li data-actor=${a.id || nothing}><span class="adversary-mark" style=${cssProps({ color: a.colour })} aria-hidden="true">${a.glyph}</span>
        <strong>${a.name}</strong> (${a.postureWord}, ${a.campaignPhase})${own.length
          ? html`<ul>${own.map(
              (i) => html`<li>${t('adversaries.behindLine', { incident: i.name, targets: andList(i.strikes.map((s) => s.teamName), locale()) })}</li>`,
            )}</ul>`
          : nothing}</li>`;
    })}</ul>
  </div>`;
}

/** Incidents by government; on a phone each incident is a block of labelled lines (see .stack-narrow in styles.css). */
function attributionTable(model: BoardModel): TemplateResult {
  if (!model.incidents.length) return html`<p>${t('board.noIncident')}</p>`;
  const teams = model.incidents[0]!.meters;
  const coalition = t('board.coalition');
  return html`<table class="table compact stack-narrow attribution-table">
    <caption>${t('board.attribution')}</caption>
    <thead><tr><th scope="col">${t('board.incident')}</th>${teams.map((team) => html`<th scope="col">${team.teamName}</th>`)}<th scope="col">${coalition}</th></tr></thead>
    <tbody>${model.incidents.map(
      (i) => html`<tr><th scope="row">${i.name}<span class="help">${t('board.harm', { harm: i.harm })}${i.active ? '' : t('board.inactive')}</span></th>
        ${i.meters.map((m) => html`<td data-label=${m.teamName}>${meterWords(m)}</td>`)}
        <td data-label=${coalition}>${stageWord(i.coalitionStage)}${i.sharedBy.length ? html`<span class="help">${t('board.sharedBy', { count: i.sharedBy.length })}</span>` : nothing}</td></tr>`,
    )}</tbody>
  </table>`;
}

function meterWords(m: BoardModel['incidents'][number]['meters'][number]): string {
  if (m.confidence === null) return m.public ? `${stageWord(m.stage)} (P)` : t('board.notDisclosed');
  const conf = confidenceWord(['missing', 'low', 'moderate', 'high'][m.confidence] ?? null);
  return `${conf}; ${stageWord(m.stage)}${m.public ? ' (P)' : ''}`;
}

/** The sanctions packages; on a phone each package is a block of labelled lines. */
function sanctionsTable(model: BoardModel, view: ExerciseView): TemplateResult {
  if (!model.sanctions.length) return html`<p>${t('board.noSanctions')}</p>`;
  // The listed persons' column appears only in scenarios that give them rights.
  const listed = model.sanctions.some((s) => s.listed);
  const [governments, stage, challenge, persons] = ['governments', 'stage', 'challenge', 'persons'].map((c) => t(`board.sanctionsCol.${c}`));
  const word = (id: string) => t(`board.sanction.${id}`, { defaultValue: sanctionWord(id) });
  return html`<table class="table compact stack-narrow sanctions-table">
    <caption>${t('board.sanctions')}</caption>
    <thead><tr><th scope="col">${t('board.sanctionsCol.package')}</th><th scope="col">${governments}</th><th scope="col">${stage}</th><th scope="col">${challenge}</th>${listed ? html`<th scope="col">${persons}</th>` : nothing}</tr></thead>
    <tbody>${model.sanctions.map(
      (s) => html`<tr><th scope="row">${s.name}</th><td data-label=${governments}>${teamList(view, s.teams)}</td><td data-label=${stage}>${word(s.stage)}</td><td data-label=${challenge}>${word(s.challenge)}</td>${
        listed ? html`<td data-label=${persons}>${s.listed ? listedWords(s.listed) : '—'}</td>` : nothing
      }</tr>`,
    )}</tbody>
  </table>`;
}
