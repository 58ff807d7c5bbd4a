/**
 * Parts of the studio's side panels that only show what they are given: a
 * problem or warning linked to its line, and a play-test's result (outcomes
 * by policy, escalation paths, warnings).
 */
import type { Problem } from '../../engine/scenario/problems';
import { html, nothing, type TemplateResult } from '../ui/dom';
import { t } from '../ui/i18n';
import { formatNumber, formatPercent } from '../ui/numbers';
import type { PlaytestReply } from './playtestTypes';

/** Puts the editor's cursor at a line and column, or an offset. */
export type Jump = (at: { line: number; column: number } | number) => void;

/** The summary counts outcomes as "<kind>:<end condition id>", or "unfinished" when no end condition decided the run. */
const OUTCOME_KINDS = ['success', 'neutral', 'failure', 'undecided'] as const;
const kindOf = (key: string) => (key === 'unfinished' ? 'undecided' : key.split(':')[0]!);
const kindCount = (outcomes: Record<string, number>, kind: string) =>
  Object.entries(outcomes).reduce((sum, [key, n]) => sum + (kindOf(key) === kind ? n : 0), 0);
const kindWord = (kind: string) => t(`studio.kind.${kind}`);
const endingName = (key: string) => (key === 'unfinished' ? t('studio.unfinished') : `${key.split(':')[1]} (${kindWord(kindOf(key))})`);

export function problemItem(p: Problem, jump: Jump): TemplateResult {
  return html`<li class=${`studio-problem studio-problem--${p.severity}`}>
    <button type="button" class="linkish" @click=${() => jump({ line: p.line, column: p.column })}>
      <span class="studio-where">${p.line}:${p.column}</span> ${p.severity === 'warning' ? html`<strong>${t('studio.warning')}</strong> ` : nothing}${p.message}
    </button></li>`;
}

export function playtestResult(reply: PlaytestReply, jump: Jump): TemplateResult {
  if (reply.kind === 'failed') return html`<p class="studio-bad" role="alert">${t('studio.stopped', { message: reply.message })}</p>`;
  if (reply.kind === 'invalid') return html`<p class="studio-bad" role="alert">${t('studio.invalid', { count: reply.problems })}</p>`;
  if (reply.kind !== 'result') return html``;
  const { summary, paths, warnings } = reply;
  const endings = new Map<string, number>();
  for (const p of summary.policies) for (const [key, n] of Object.entries(p.outcomes)) endings.set(key, (endings.get(key) ?? 0) + n);
  return html`<div data-testid="playtest-result">
    <p>${t('studio.runsPlayed', { count: summary.runs })}</p>
    <div class="studio-scroll"><table class="studio-table"><caption>${t('studio.byPolicy')}</caption>
      <thead><tr><th scope="col">${t('studio.policy')}</th>${OUTCOME_KINDS.map((k) => html`<th scope="col">${kindWord(k)}</th>`)}<th scope="col"><abbr title=${t('studio.peakLong')}>${t('studio.peak')}</abbr></th></tr></thead>
      <tbody>${summary.policies.map(
        (p) => html`<tr><th scope="row">${p.policy}</th>${OUTCOME_KINDS.map((k) => html`<td>${outcomeCell(kindCount(p.outcomes, k), p.runs, k)}</td>`)}<td>${formatNumber(p.peakEscalation.mean, 1)}</td></tr>`,
      )}</tbody>
    </table></div>
    <p class="help">${t('studio.decidedBy')} ${[...endings].sort(([, a], [, b]) => b - a).map(([key, n], i) => html`${i ? ', ' : ''}${endingName(key)} ${n}`)}.</p>
    <h3>${t('studio.paths')}</h3>
    <p class="help">${t('studio.pathsHelp')}</p>
    <ul class="plain studio-paths">${Object.entries(paths).map(([policy, byPath]) => {
      const top = Object.entries(byPath).sort(([, a], [, b]) => b - a).slice(0, 3);
      return html`<li><strong>${policy}</strong>: ${top.map(([path, n], i) => html`${i ? '; ' : ''}<span class="studio-path">${path}</span> ×${n}`)}</li>`;
    })}</ul>
    <h3>${t('studio.warnings')} <span class=${warnings.length ? 'studio-warn' : 'studio-ok'}>${warnings.length || t('studio.none')}</span></h3>
    ${warnings.length ? html`<ul class="plain studio-list" data-testid="playtest-warnings">${warnings.map((w) => problemItem(w, jump))}</ul>` : nothing}
  </div>`;
}

function outcomeCell(n: number, runs: number, kind: string): TemplateResult {
  return html`<span class="studio-meter"><meter min="0" max=${runs} value=${n} aria-label=${t('studio.meter', { kind: kindWord(kind), n, runs })}></meter> ${formatPercent(n, runs)}</span>`;
}

