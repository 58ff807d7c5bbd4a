/**
 * References outside conditions and effects: the teams, incidents, phases,
 * objectives, sources and actions that parts of a scenario name by id.
 */
import type { SemanticRule } from './context';

export const referencesRule: SemanticRule = {
  id: 'references',
  summary: 'Every id named outside conditions and effects (audiences, detectors, evidence, phases, objectives, sources) resolves.',
  codes: ['unknown-incident', 'unknown-phase', 'unknown-team', 'unknown-objective', 'unknown-source', 'unknown-action'],
  check(context) {
    const s = context.scenario;
    s.teams.forEach((team, i) => {
      for (const incident of Object.keys(team.startingEvidence)) {
        context.ref('incident', incident, ['teams', i, 'startingEvidence', incident], 'key');
      }
    });
    s.adversary.moves.forEach((move, i) => move.phases?.forEach((phase, k) => context.ref('phase', phase, ['adversary', 'moves', i, 'phases', k])));
    s.incidents.forEach((incident, i) => incident.detectedBy.forEach((team, k) => context.ref('team', team, ['incidents', i, 'detectedBy', k])));
    s.actions.forEach((action, i) => action.availableTo?.forEach((team, k) => context.ref('team', team, ['actions', i, 'availableTo', k])));
    s.injects.forEach((inject, i) => {
      const path = ['injects', i];
      if (typeof inject.audience === 'object') {
        inject.audience.teams.forEach((team, k) => context.ref('team', team, [...path, 'audience', 'teams', k]));
      }
      inject.objectives.forEach((objective, k) => context.ref('objective', objective, [...path, 'objectives', k]));
      inject.sources.forEach((source, k) => context.ref('source', source, [...path, 'sources', k]));
    });
    s.meta.learningObjectives.forEach((objective, i) =>
      objective.evidence?.actions.forEach((action, k) => context.ref('action', action, ['meta', 'learningObjectives', i, 'evidence', 'actions', k])),
    );
    s.debrief.whatHappened.forEach((entry, i) => entry.sources.forEach((source, k) => context.ref('source', source, ['debrief', 'whatHappened', i, 'sources', k])));
  },
};
