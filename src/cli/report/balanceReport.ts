/**
 * The balance report of `firebreak simulate --report`: one self-contained HTML
 * file with bar charts as inline SVG (each with its data table for screen
 * readers), readable in any browser and printable. Inline SVG keeps the file
 * small and offline; a charting library would add hundreds of kilobytes to
 * every report for a handful of bars.
 */
import type { Scenario } from '../../engine';
import type { SimulationSummary } from '../../engine/bots/summary';

const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Bar {
  label: string;
  value: number;
}

/** A vertical bar chart with labelled axes, and the same numbers as a table. */
function barChart(title: string, bars: Bar[], colour: string, unit = ''): string {
  const width = 360;
  const height = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - 40) / Math.max(1, bars.length);
  const rects = bars
    .map((b, i) => {
      const h = Math.round(((height - 40) * b.value) / max);
      const x = 30 + i * slot;
      return `<rect x="${x + 2}" y="${height - 20 - h}" width="${Math.max(1, slot - 4)}" height="${h}" fill="${colour}"><title>${escapeHtml(b.label)}: ${b.value}${unit}</title></rect>` +
        `<text x="${x + slot / 2}" y="${height - 6}" font-size="10" text-anchor="middle">${escapeHtml(b.label)}</text>`;
    })
    .join('');
  const table = `<table><thead><tr>${bars.map((b) => `<th scope="col">${escapeHtml(b.label)}</th>`).join('')}</tr></thead><tbody><tr>${bars.map((b) => `<td>${b.value}${unit}</td>`).join('')}</tr></tbody></table>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><line x1="28" y1="${height - 20}" x2="${width - 8}" y2="${height - 20}" stroke="#444"/><text x="4" y="14" font-size="10">${max}${unit}</text>${rects}</svg><details><summary>Data</summary>${table}</details></figure>`;
}

/** Horizontal bars for long labels (injects, actions): share of runs in which each happened. */
function rateList(title: string, counts: Record<string, number>, runs: number, names: Map<string, string>): string {
  const rows = Object.entries(counts)
    .map(([id, n]) => {
      const share = runs > 0 ? Math.round((100 * n) / runs) : 0;
      const warn = n === 0 ? ' class="never"' : '';
      return `<tr${warn}><th scope="row">${escapeHtml(names.get(id) ?? id)}</th><td><span class="bar" style="width:${share * 2}px"></span> ${share}%</td></tr>`;
    })
    .join('');
  return `<section><h2>${escapeHtml(title)}</h2><table class="rates"><tbody>${rows}</tbody></table></section>`;
}

export function balanceReport(scenario: Scenario, summary: SimulationSummary): string {
  const policies = summary.policies
    .map((p, i) => {
      const colour = PALETTE[i % PALETTE.length]!;
      const outcomes = Object.entries(p.outcomes).map(([label, value]) => ({ label: label.replace(/^[a-z]+:/, ''), value }));
      const buckets = (h: number[]) => h.map((value, b) => ({ label: `${b * 10}`, value }));
      return `<section class="policy"><h2>Policy: ${escapeHtml(p.policy)} <small>(${p.runs} runs)</small></h2>
<p>Proportionality mean ${p.proportionality.mean} (median ${p.proportionality.p50}); cohesion mean ${p.cohesion.mean} (median ${p.cohesion.p50}); peak escalation mean ${p.peakEscalation.mean}.</p>
<div class="charts">
${barChart('Outcomes (runs)', outcomes, colour)}
${barChart('Final escalation level (runs)', p.finalEscalation.map((value, level) => ({ label: String(level), value })), colour)}
${barChart('Proportionality of decisions (count per 10 points)', buckets(p.proportionalityHistogram), colour)}
${barChart('Cohesion of rounds (count per 10 points)', buckets(p.cohesionHistogram), colour)}
</div></section>`;
    })
    .join('\n');
  const injectNames = new Map(scenario.injects.map((i) => [i.id, i.title]));
  const actionNames = new Map(scenario.actions.map((a) => [a.id, a.name]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Balance report: ${escapeHtml(scenario.meta.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#111}
h1{margin-bottom:.2rem} .charts{display:flex;flex-wrap:wrap;gap:1rem} figure{margin:0}
figcaption{font-weight:600;font-size:.9rem} table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left} .rates th{font-weight:normal;max-width:28rem}
.bar{display:inline-block;height:.7rem;background:#0072B2;vertical-align:middle} tr.never th::after{content:" (never)";color:#D55E00;font-weight:600}
.policy{border-top:2px solid #ddd;margin-top:1.5rem} @media print{details{display:none}}
</style></head><body>
<h1>Balance report: ${escapeHtml(scenario.meta.title)}</h1>
<p>${summary.runs} simulated exercises from seed "${escapeHtml(summary.seed)}", policies ${summary.policies.map((p) => escapeHtml(p.policy)).join(', ')}.
Injects never fired: ${summary.injectsNeverFired.length}; actions never taken: ${summary.actionsNeverTaken.length}; rounds where nothing changed: ${summary.staticRounds.join(', ') || 'none'}.</p>
${policies}
${rateList('How often each inject fired (share of runs)', summary.injectsFired, summary.runs, injectNames)}
${rateList('How often each action was taken (share of runs)', summary.actionsTaken, summary.runs, actionNames)}
</body></html>
`;
}
