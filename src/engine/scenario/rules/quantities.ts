/**
 * Quantities that cannot be negative, and evidence thresholds that must rise:
 * starting evidence is a count of points, and the thresholds of confidence
 * climb from suspected to high.
 */
import { CONFIDENCE_LEVELS } from '../schema';
import type { SemanticRule } from './context';

const THRESHOLDS = ['suspected', ...CONFIDENCE_LEVELS] as const;

export const quantitiesRule: SemanticRule = {
  id: 'quantities',
  summary: 'Starting evidence and evidence thresholds are never negative, and the evidence thresholds rise from suspected to high.',
  codes: ['negative-quantity', 'threshold-order'],
  check(context) {
    const s = context.scenario;
    s.teams.forEach((team, i) => {
      for (const [incident, points] of Object.entries(team.startingEvidence)) {
        if (points < 0) {
          context.error('negative-quantity', ['teams', i, 'startingEvidence', incident], `starting evidence cannot be negative (got ${points}): it counts evidence points, from 0`);
        }
      }
    });
    const t = s.evidenceThresholds;
    THRESHOLDS.forEach((name, k) => {
      if (t[name] < 0) {
        context.error('negative-quantity', ['evidenceThresholds', name], `evidence threshold "${name}" cannot be negative (got ${t[name]})`);
        return;
      }
      const below = k > 0 ? THRESHOLDS[k - 1]! : undefined;
      if (below && t[name] < t[below]) {
        context.error(
          'threshold-order',
          ['evidenceThresholds', name],
          `evidence threshold "${name}" (${t[name]}) is below "${below}" (${t[below]}): the thresholds must rise from suspected to high`,
        );
      }
    });
  },
};
