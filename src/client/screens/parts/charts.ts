/**
 * The debrief charts, each with an accessible data table beside it. The
 * chart code (Chart.js) loads only when a chart is first shown.
 */
import type { ExerciseView } from '../../../engine/view/types';
import type { Chart } from '../../charts/index';
import { allSeries, type Series } from '../../charts/series';
import { historyOf } from '../../net/history';
import { html, nothing, type TemplateResult } from '../../ui/dom';
import { t } from '../../ui/i18n';

export class ChartsPanel {
  private readonly hosts = new Map<string, { box: HTMLDivElement; canvas: HTMLCanvasElement; chart?: Chart<'line'> }>();
  private module: Promise<typeof import('../../charts/index')> | null = null;
  private destroyed = false;

  constructor(private readonly animate = true) {}

  /**
   * The box a chart is drawn in. Its canvas is an image named by the chart's
   * title from the start, not only once the chart code has loaded: a reader
   * that reaches it while it loads still hears what it is.
   */
  host(id: string, title: string): HTMLDivElement {
    let entry = this.hosts.get(id);
    if (!entry) {
      const box = document.createElement('div');
      box.className = 'chart-box';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      box.append(canvas);
      entry = { box, canvas };
      this.hosts.set(id, entry);
    }
    entry.canvas.setAttribute('aria-label', t('charts.label', { title }));
    return entry.box;
  }

  /** Draws (or updates) every chart; resolves when they are drawn. */
  async update(view: ExerciseView): Promise<void> {
    this.module ??= import('../../charts/index');
    const { drawChart } = await this.module;
    if (this.destroyed) return;
    for (const series of allSeries(view, historyOf(view.scenario.id) ?? null)) {
      const entry = this.hosts.get(series.id);
      if (!entry || !series.labels.length) continue;
      entry.chart = drawChart(entry.canvas, series, this.animate, entry.chart);
    }
  }

  /** Before printing, redraws the charts at the printed size (A4 width, 6.5 cm high; see styles.css); after, at the screen's. */
  private readonly forPrint = () => {
    for (const entry of this.hosts.values()) entry.chart?.resize(680, 245);
  };

  private readonly forScreen = () => {
    for (const entry of this.hosts.values()) entry.chart?.resize();
  };

  listenForPrint(): void {
    window.addEventListener('beforeprint', this.forPrint);
    window.addEventListener('afterprint', this.forScreen);
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('beforeprint', this.forPrint);
    window.removeEventListener('afterprint', this.forScreen);
    for (const entry of this.hosts.values()) entry.chart?.destroy();
  }
}

export function chartsSection(panel: ChartsPanel, view: ExerciseView): TemplateResult {
  const list = allSeries(view, historyOf(view.scenario.id) ?? null);
  return html`<section class="panel charts" aria-labelledby="charts-h">
    <h2 id="charts-h">${t('charts.heading')}</h2>
    ${view.rounds.length ? nothing : html`<p class="empty">${t('charts.none')}</p>`}
    ${view.rounds.length ? list.map((s) => chartFigure(panel, s)) : nothing}
  </section>`;
}

function chartFigure(panel: ChartsPanel, s: Series): TemplateResult {
  return html`<figure class="chart-figure" aria-labelledby=${`fig-${s.id}`}>
    <figcaption id=${`fig-${s.id}`}><h3>${s.title}</h3></figcaption>
    <div class="chart-pair">
      ${panel.host(s.id, s.title)}
      ${dataTable(s)}
    </div>
  </figure>`;
}

export function dataTable(s: Series): TemplateResult {
  return html`<table class="table compact data-table">
    <caption>${s.caption}</caption>
    <thead><tr><th scope="col">${t('charts.when')}</th>${s.datasets.map((d) => html`<th scope="col">${d.label}</th>`)}</tr></thead>
    <tbody>${s.labels.map(
      (label, i) => html`<tr><th scope="row">${label}</th>${s.datasets.map((d) => html`<td>${d.data[i] ?? '–'}</td>`)}</tr>`,
    )}</tbody>
  </table>`;
}
