/**
 * The reports of `firebreak simulate --report` and `firebreak balance
 * --report`: one self-contained HTML file each, with charts as inline SVG
 * (each with its data table for screen readers), readable in any browser and
 * printable. Inline SVG keeps the file
 * small and offline; a charting library would add hundreds of kilobytes to
 * every report for a handful of bars.
 */
import type { Scenario } from '../../engine';
import { checkVerdict, type BalanceResult } from '../../engine/bots/balance';
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
  // Room for each label: long labels (policy names) get wider slots.
  const longest = Math.max(0, ...bars.map((b) => b.label.length));
  const width = Math.max(360, 40 + bars.length * Math.min(90, 6 * longest));
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
  return page(
    `Balance report: ${scenario.meta.title}`,
    `<p>${summary.runs} simulated exercises from seed "${escapeHtml(summary.seed)}", policies ${summary.policies.map((p) => escapeHtml(p.policy)).join(', ')}.
Injects never fired: ${summary.injectsNeverFired.length}; actions never taken: ${summary.actionsNeverTaken.length}; rounds where nothing changed: ${summary.staticRounds.join(', ') || 'none'}.</p>
${policies}
${rateList('How often each inject fired (share of runs)', summary.injectsFired, summary.runs, injectNames)}
${rateList('How often each action was taken (share of runs)', summary.actionsTaken, summary.runs, actionNames)}`,
  );
}

/** The page around a report: one style sheet for both reports. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#111}
h1{margin-bottom:.2rem} .charts{display:flex;flex-wrap:wrap;gap:1rem} figure{margin:0}
figcaption{font-weight:600;font-size:.9rem} table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left} .rates th{font-weight:normal;max-width:28rem}
.bar{display:inline-block;height:.7rem;background:#0072B2;vertical-align:middle} tr.never th::after{content:" (never)";color:#D55E00;font-weight:600}
.policy{border-top:2px solid #ddd;margin-top:1.5rem} @media print{details{display:none}}
.pass{color:#009E73;font-weight:700} .fail{color:#D55E00;font-weight:700}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

/** Random plans as points: mean score across, mean outcome (failure 0, neutral ½, success 1) up. */
function scatter(title: string, points: { label: string; x: number; y: number }[]): string {
  const width = 360;
  const height = 200;
  const px = (x: number) => 30 + ((width - 40) * x) / 100;
  const py = (y: number) => height - 20 - (height - 40) * y;
  const dots = points
    .map((p) => `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${PALETTE[0]}" fill-opacity="0.7"><title>${escapeHtml(p.label)}: score ${p.x}, outcome ${p.y.toFixed(2)}</title></circle>`)
    .join('');
  const table = `<table><thead><tr><th scope="col">plan</th><th scope="col">mean score</th><th scope="col">mean outcome</th></tr></thead><tbody>${points
    .map((p) => `<tr><td>${escapeHtml(p.label)}</td><td>${p.x}</td><td>${p.y.toFixed(2)}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><line x1="28" y1="${height - 20}" x2="${width - 8}" y2="${height - 20}" stroke="#444"/><line x1="28" y1="10" x2="28" y2="${height - 20}" stroke="#444"/><text x="${width - 10}" y="${height - 6}" font-size="10" text-anchor="end">score 100</text><text x="30" y="${height - 6}" font-size="10">0</text><text x="4" y="${py(1) + 4}" font-size="10">1</text>${dots}</svg><details><summary>Data</summary>${table}</details></figure>`;
}

/** Mean escalation after each round, one line per policy; history drawn thick. */
function pathChart(title: string, series: { label: string; values: number[]; emphasis: boolean }[]): string {
  const width = 420;
  const height = 200;
  const rounds = Math.max(1, ...series.map((s) => s.values.length));
  const px = (i: number) => 30 + ((width - 130) * i) / Math.max(1, rounds - 1);
  const py = (v: number) => height - 20 - ((height - 40) * v) / 9;
  const lines = series
    .map((s, k) => {
      const colour = PALETTE[k % PALETTE.length]!;
      const points = s.values.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
      const end = s.values.length - 1;
      return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="${s.emphasis ? 4 : 1.5}"${s.emphasis ? '' : ' stroke-dasharray="4 2"'}><title>${escapeHtml(s.label)}</title></polyline>` +
        (end >= 0 ? `<text x="${px(end) + 4}" y="${py(s.values[end]!) + 3}" font-size="9" fill="${colour}">${escapeHtml(s.label)}</text>` : '');
    })
    .join('');
  const head = Array.from({ length: rounds }, (_, i) => `<th scope="col">round ${i + 1}</th>`).join('');
  const rows = series.map((s) => `<tr><th scope="row">${escapeHtml(s.label)}</th>${s.values.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><line x1="28" y1="${height - 20}" x2="${width - 100}" y2="${height - 20}" stroke="#444"/><text x="4" y="${py(9) + 4}" font-size="10">9</text><text x="4" y="${py(0)}" font-size="10">0</text>${lines}</svg><details><summary>Data</summary><table><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table></details></figure>`;
}

/** The report of `firebreak balance`: the five checks, then the figures behind them. */
export function balanceChecksReport(scenario: Scenario, result: BalanceResult): string {
  const checks = result.checks
    .map((c) => `<li><span class="${c.passed ? 'pass' : 'fail'}">${checkVerdict(c)}</span> ${c.id}. ${escapeHtml(c.title)}: ${escapeHtml(c.detail)}.</li>`)
    .join('');
  const short = (label: string) => label.replace(/^Bot: /, '').replace('Plan searched for the best ', 'best ');
  const table = `<table><thead><tr><th scope="col">who</th><th scope="col">seeds</th><th scope="col">runs</th><th scope="col">success</th><th scope="col">neutral</th><th scope="col">failure</th><th scope="col">outcomes</th><th scope="col">mean P</th><th scope="col">mean K</th><th scope="col">mean score</th><th scope="col">refused commands</th></tr></thead><tbody>${result.lines
    .map(
      (l) =>
        `<tr><th scope="row">${escapeHtml(l.label)}</th><td>${l.seeds}</td><td>${l.runs}</td><td>${l.outcomes.success}</td><td>${l.outcomes.neutral}</td><td>${l.outcomes.failure}</td><td>${escapeHtml(Object.entries(l.outcomeIds).map(([id, n]) => `${id} ${n}`).join(', '))}</td><td>${l.meanProportionality ?? '—'}</td><td>${l.meanCohesion}</td><td>${l.meanScore}</td><td>${l.refusals}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const history = result.lines.find((l) => l.id === 'history');
  const refusals = history && history.refusalExamples.length > 0
    ? `<h2>History's refused commands (first ${history.refusalExamples.length})</h2><ul>${history.refusalExamples.map((r) => `<li>Round ${r.round}, ${escapeHtml(r.team)}: ${escapeHtml(r.code)}: ${escapeHtml(r.message)}</li>`).join('')}</ul>`
    : '';
  const scoreBuckets = (l: typeof result.lines[number]) => {
    const buckets = new Array<number>(10).fill(0);
    for (const s of l.scores) buckets[Math.min(9, Math.floor(s / 10))]! += 1;
    return buckets.map((value, b) => ({ label: `${b * 10}`, value }));
  };
  const o = result.options;
  return page(
    `Balance checks: ${scenario.meta.title}`,
    `<p>Seed "${escapeHtml(result.seed)}": ${o.seeds} seeds per policy, ${o.historySeeds} for history, ${o.randomPlans} random plans judged on ${o.planSeeds} seeds each, ${o.searchSteps} search steps per objective, the plans found judged on ${o.freshSeeds} fresh seeds.</p>
<h2>Checks</h2><ul>${checks}</ul>
<h2>Outcomes and scores</h2>${table}
${refusals}
<div class="charts">
${barChart('Success rate (%)', result.lines.map((l) => ({ label: short(l.label), value: Math.round(100 * l.successRate) })), PALETTE[0]!, '%')}
${barChart('Mean score (mean of proportionality and cohesion)', result.lines.map((l) => ({ label: short(l.label), value: l.meanScore })), PALETTE[1]!)}
${scatter(`Random plans: score against outcome (Spearman ${result.spearman ?? 'undefined'})`, result.randomPlans.map((p) => ({ label: p.plan, x: p.score, y: p.outcomeValue })))}
${pathChart('Mean escalation after each round (history thick)', result.lines.map((l) => ({ label: short(l.label), values: l.meanEscalation, emphasis: l.id === 'history' })))}
${history ? barChart("History's score distribution (runs per 10 points)", scoreBuckets(history), PALETTE[2]!) : ''}
</div>`,
  );
}
