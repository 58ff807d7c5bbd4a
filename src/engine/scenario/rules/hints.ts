/**
 * Authoring hints, reported as warnings: objectives no inject exercises,
 * teams with little of their own to read, and a confidence level nothing
 * lets a team reach.
 */
import { plural, type SemanticRule } from './context';
import { effectsOf } from './walk';

export const unusedObjectivesRule: SemanticRule = {
  id: 'unused-objectives',
  summary: 'Warns about a learning objective that no inject exercises.',
  codes: ['unused-objective'],
  check(context) {
    const s = context.scenario;
    const exercised = new Set(s.injects.flatMap((inject) => inject.objectives));
    s.meta.learningObjectives.forEach((objective, i) => {
      if (!exercised.has(objective.id)) {
        context.warning('unused-objective', ['meta', 'learningObjectives', i, 'id'], `learning objective "${objective.id}" is not exercised by any inject`);
      }
    });
  },
};

export const thinTeamsRule: SemanticRule = {
  id: 'thin-teams',
  summary: 'Warns about a team that receives no private inject and has a briefing of 40 characters or fewer.',
  codes: ['thin-team'],
  check(context) {
    const s = context.scenario;
    const privateAudience = new Set(s.injects.flatMap((inject) => (typeof inject.audience === 'object' ? inject.audience.teams : [])));
    s.teams.forEach((team, i) => {
      if (!privateAudience.has(team.id) && team.briefing.trim().length <= 40) {
        context.warning(
          'thin-team',
          ['teams', i, 'briefing'],
          `team "${team.id}" receives no private inject and its briefing is only ${plural(team.briefing.trim().length, 'character')} long`,
        );
      }
    });
  },
};

export const reachableConfidenceRule: SemanticRule = {
  id: 'reachable-confidence',
  summary: 'Warns about an action that needs high confidence when nothing in the scenario adds evidence.',
  codes: ['unreachable-confidence'],
  check(context) {
    const s = context.scenario;
    const evidenceAdded = effectsOf(s).some(({ effect }) => 'evidence' in effect && effect.add > 0);
    // Investigations gain evidence by themselves (see adjudicate/resolveDecision.ts), so they count as a source too.
    const investigable = s.actions.some((action) => action.category === 'investigate' && action.targetsIncident);
    const bestStart = Math.max(0, ...s.teams.flatMap((team) => Object.values(team.startingEvidence)));
    if (evidenceAdded || investigable || bestStart >= s.evidenceThresholds.high) return;
    s.actions.forEach((action, i) => {
      if (action.minConfidence === 'high') {
        context.warning(
          'unreachable-confidence',
          ['actions', i, 'minConfidence'],
          `action "${action.id}" needs high confidence, but no effect in the scenario adds evidence, so no team can reach it`,
        );
      }
    });
  },
};
