/**
 * Attribution confidence: the levels, their order, and how evidence points
 * reach them. No dependencies, so the browser can use it without the charts.
 */
export type Confidence = 'low' | 'moderate' | 'high';

export interface EvidenceThresholds {
  suspected: number;
  low: number;
  moderate: number;
  high: number;
}

export const CONFIDENCE_RANK: Record<'none' | Confidence, number> = { none: 0, low: 1, moderate: 2, high: 3 };

export function confidenceOf(evidence: number, thresholds: EvidenceThresholds): Confidence | null {
  if (evidence >= thresholds.high) return 'high';
  if (evidence >= thresholds.moderate) return 'moderate';
  if (evidence >= thresholds.low) return 'low';
  return null;
}

export function confidenceAtLeast(actual: Confidence | null, needed: 'none' | Confidence): boolean {
  return CONFIDENCE_RANK[actual ?? 'none'] >= CONFIDENCE_RANK[needed];
}
