/**
 * Chart.js, loaded on demand by the debrief and the report. Lines carry a
 * different point shape and dash per series, so they can be told apart
 * without colour; every chart has a data table beside it.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
  type PointStyle,
} from 'chart.js';
import type { Series } from './series';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Title, Tooltip);

const POINTS: PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];
const DASHES: number[][] = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [16, 6], [1, 4], [6, 2]];

function config(series: Series, animate: boolean): ChartConfiguration<'line'> {
  // Printed charts (the report) are drawn at twice the pixels so they stay sharp on paper.
  const devicePixelRatio = animate ? undefined : Math.max(2, window.devicePixelRatio || 1);
  return {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: series.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        borderColor: d.colour,
        backgroundColor: d.colour,
        borderWidth: 3,
        borderDash: DASHES[i % DASHES.length]!,
        pointStyle: POINTS[i % POINTS.length]!,
        pointRadius: 6,
        pointHoverRadius: 8,
        spanGaps: true,
        stepped: series.stepped ? 'after' : false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      ...(devicePixelRatio ? { devicePixelRatio } : {}),
      animation: animate ? { duration: 600 } : false,
      plugins: {
        title: { display: false },
        legend: { display: series.datasets.length > 1, labels: { usePointStyle: true, color: '#1b2430', font: { size: 13 } } },
      },
      scales: {
        y: { min: series.min, max: series.max, ticks: { color: '#1b2430', stepSize: series.max <= 10 ? 1 : 20 }, grid: { color: '#d5dbe1' } },
        x: { ticks: { color: '#1b2430' }, grid: { color: '#eef1f4' } },
      },
    },
  };
}

export function drawChart(canvas: HTMLCanvasElement, series: Series, animate: boolean, existing?: Chart<'line'>): Chart<'line'> {
  if (existing) {
    const next = config(series, animate);
    existing.data = next.data;
    existing.update();
    return existing;
  }
  return new Chart(canvas, config(series, animate));
}

export type { Chart };
