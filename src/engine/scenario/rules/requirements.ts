/**
 * Requirements that the teams allowed to take an action can never meet, and
 * requirements that do nothing where they stand: a joint minimum above the
 * number of eligible teams, a joint minimum on an action nobody can join,
 * confidence or state attribution asked of an action that targets no incident.
 */
import { plural, type SemanticRule } from './context';

export const requirementsRule: SemanticRule = {
  id: 'requirements',
  summary: 'Joint minimums the eligible teams can reach, and confidence or attribution requirements only where an incident is targeted.',
  codes: ['unmeetable-requirement', 'ignored-requirement'],
  check(context) {
    const s = context.scenario;
    s.actions.forEach((action, i) => {
      const path = ['actions', i];
      const name = `action "${action.id}"`;
      const eligible = s.teams.filter(
        (team) =>
          (!action.availableTo || action.availableTo.includes(team.id)) &&
          (action.legalBasis === '' || team.legalBases.length === 0 || team.legalBases.includes(action.legalBasis)),
      );
      if (action.jointMinimum !== undefined) {
        if (!action.joinable) {
          context.error(
            'ignored-requirement',
            [...path, 'jointMinimum'],
            `${name} has a jointMinimum but is not joinable, so no other team can ever join it: set "joinable": true or remove jointMinimum`,
          );
        } else if (eligible.length > 0 && action.jointMinimum > eligible.length) {
          context.error(
            'unmeetable-requirement',
            [...path, 'jointMinimum'],
            `${name} takes effect only with ${action.jointMinimum} participants, but only ${plural(eligible.length, 'team')} may take it (${eligible.map((t) => t.id).join(', ')})`,
          );
        }
      }
      if (!action.targetsIncident) {
        if (action.minConfidence !== 'none') {
          context.error(
            'ignored-requirement',
            [...path, 'minConfidence'],
            `${name} targets no incident, so its minConfidence "${action.minConfidence}" is never checked: set "minConfidence": "none" or let it target an incident`,
          );
        }
        if (action.requiresStateAttribution) {
          context.error(
            'ignored-requirement',
            [...path, 'requiresStateAttribution'],
            `${name} targets no incident, so requiresStateAttribution is never checked: remove it or let the action target an incident`,
          );
        }
      }
    });
  },
};
