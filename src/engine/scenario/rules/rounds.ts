/** Round numbers: within the scenario, with adversary phases starting in round 1 and in order. */
import type { SemanticRule } from './context';

export const roundsRule: SemanticRule = {
  id: 'rounds',
  summary: 'Every round number names a round of the scenario; adversary phases start in round 1 and follow each other.',
  codes: ['round-out-of-range', 'first-phase', 'phase-order'],
  check(context) {
    const s = context.scenario;
    const phases = s.adversary.phases;
    phases.forEach((phase, i) => {
      const path = ['adversary', 'phases', i, 'fromRound'];
      if (i === 0 && phase.fromRound !== 1) {
        context.error('first-phase', path, `the first adversary phase must start in round 1, not round ${phase.fromRound}`);
      } else if (i > 0 && phase.fromRound <= phases[i - 1]!.fromRound) {
        context.error(
          'phase-order',
          path,
          `adversary phase "${phase.id}" starts in round ${phase.fromRound}, not after the phase before it (round ${phases[i - 1]!.fromRound})`,
        );
      }
      context.round(phase.fromRound, path);
    });
    s.incidents.forEach((incident, i) => context.round(incident.startsInRound, ['incidents', i, 'startsInRound']));
    s.injects.forEach((inject, i) => context.round(inject.round, ['injects', i, 'round']));
    s.debrief.whatHappened.forEach((entry, i) => context.round(entry.round, ['debrief', 'whatHappened', i, 'round']));
  },
};
