/**
 * Shared arithmetic and wording for the scores. There is one way to format
 * points, so that every explanation reads the same:
 *
 *   "−N.N: …"       the component lost N.N points (U+2212 minus, one decimal)
 *   "full marks: …" the component lost nothing (after rounding to 0.1)
 *   "not applicable this round: …" the component did not count (weight 0)
 *
 * Values are kept to 3 decimals, weights to 4, points and lost points to 1.
 * The score is computed from the values and weights exactly as they are
 * shown, so a reader can recompute it from the table.
 */
import type { ScoreComponent } from '../types';
import { joinAnd, joinOr, say } from '../messages';

export { joinAnd, joinOr };

export const MINUS = '\u2212';

/** Clamp to [lo, hi]; NaN becomes lo. */
export function clamp(x: number, lo: number, hi: number): number {
  if (Number.isNaN(x)) return lo;
  return Math.min(hi, Math.max(lo, x));
}

function roundTo(x: number, places: number): number {
  const f = 10 ** places;
  const r = Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
  return Object.is(r, -0) ? 0 : r;
}

export const round1 = (x: number): number => roundTo(x, 1);
export const round3 = (x: number): number => roundTo(x, 3);
export const round4 = (x: number): number => roundTo(x, 4);

/** A plain number for prose: at most 2 decimals, no trailing zeros, typographic minus. */
export function fmtNum(x: number): string {
  const r = roundTo(x, 2);
  const s = String(Math.abs(r));
  return r < 0 ? MINUS + s : s;
}

/** A share as a whole percentage: 0.456 -> "46%". */
export function fmtPct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Points with one decimal and a typographic minus: -2.5 -> "−2.5", 3 -> "+3.0". */
export function fmtPoints(x: number): string {
  const r = round1(x);
  if (r < 0) return MINUS + Math.abs(r).toFixed(1);
  return '+' + r.toFixed(1);
}

/** A component's explanation: "−N.N: why" or "full marks: why". */
function withPoints(lost: number, why: string): string {
  return lost > 0 ? say('score.lost', { lost: round1(lost), why }) : say('score.fullMarks', { why });
}

/** Upper-case the first letter of a sentence. */
export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/**
 * Normalise weights so that they sum to 1. When they sum to zero (or less)
 * they are shared equally. Rounded to 4 decimals.
 */
export function normaliseWeights<K extends string>(weights: Record<K, number>, keys: readonly K[]): Record<K, number> {
  const raw = keys.map((k) => {
    const w = weights[k];
    return Number.isFinite(w) && w > 0 ? w : 0;
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  const out = {} as Record<K, number>;
  keys.forEach((k, i) => {
    out[k] = keys.length === 0 ? 0 : round4(sum > 0 ? raw[i]! / sum : 1 / keys.length);
  });
  return out;
}

/** A component's value (0..1) as shown, and as the score is computed from it. */
export const shownValue = (value: number): number => round3(clamp(value, 0, 1));
/** A component's weight (0..1) as shown, and as the score is computed from it. */
export const shownWeight = (weight: number): number => round4(clamp(weight, 0, 1));

/** A scored component: value (0..1) and weight are rounded first, points and lost follow from them. */
export function component(
  id: string,
  label: string,
  value: number,
  weight: number,
  why: string,
): ScoreComponent {
  const v = shownValue(value);
  const w = shownWeight(weight);
  const points = round1(100 * w * v);
  const lost = round1(100 * w * (1 - v));
  return { id, label, value: v, weight: w, points, lost, why: withPoints(lost, why) };
}

/** A component that did not count this round. */
export function notApplicable(id: string, label: string, reason: string): ScoreComponent {
  return { id, label, value: 1, weight: 0, points: 0, lost: 0, why: say('score.notApplicable', { why: reason }) };
}

/** 100 × Σ weight × value over the components as shown. */
export function weightedTotal(components: readonly ScoreComponent[]): number {
  return 100 * components.reduce((sum, c) => sum + c.weight * c.value, 0);
}

export interface Descriptor {
  component: ScoreComponent;
  strong: string;
  weak: string;
}

/**
 * A short verdict for a summary: up to two strengths (value ≥ 0.9) and up to
 * two weaknesses (the components that lost the most, at least 3 points each).
 * Strengths and weaknesses are keys of the engine's TERMS where it has them
 * (messages/templates.ts), or phrases written as they stand.
 * "well-evidenced but overreaching", "reversible and contained", "overreaching".
 */
export function verdict(descriptors: readonly Descriptor[]): string {
  const counted = descriptors.filter((d) => d.component.weight > 0);
  const strengths = counted
    .filter((d) => d.component.value >= 0.9)
    .sort((a, b) => b.component.weight - a.component.weight)
    .slice(0, 2)
    .map((d) => d.strong);
  const weaknesses = counted
    .filter((d) => d.component.lost >= 3)
    .sort((a, b) => b.component.lost - a.component.lost)
    .slice(0, 2)
    .map((d) => d.weak);
  if (strengths.length > 0 && weaknesses.length > 0) return say('part.verdictBoth', { strengths, weaknesses });
  if (weaknesses.length > 0) return say('part.verdictOne', { qualities: weaknesses });
  if (strengths.length > 0) return say('part.verdictOne', { qualities: strengths });
  return say('part.verdictNone');
}
