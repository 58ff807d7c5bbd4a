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

/**
 * ICD 203's seven likelihood bands: how probable a judgement is, kept apart
 * from the confidence in the basis for it (never in one sentence).
 */
export const LIKELIHOOD_BANDS = [
  { id: 'almostNoChance', words: 'almost no chance', range: '1-5%' },
  { id: 'veryUnlikely', words: 'very unlikely', range: '5-20%' },
  { id: 'unlikely', words: 'unlikely', range: '20-45%' },
  { id: 'roughlyEven', words: 'roughly even chance', range: '45-55%' },
  { id: 'likely', words: 'likely', range: '55-80%' },
  { id: 'veryLikely', words: 'very likely', range: '80-95%' },
  { id: 'almostCertain', words: 'almost certain', range: '95-99%' },
] as const;
export type Likelihood = (typeof LIKELIHOOD_BANDS)[number]['id'];
export const LIKELIHOODS = LIKELIHOOD_BANDS.map((b) => b.id) as [Likelihood, ...Likelihood[]];
