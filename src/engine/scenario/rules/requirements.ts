/**
 * Requirements that the teams allowed to take an action can never meet, and
 * requirements that do nothing where they stand: a joint minimum above the
 * number of eligible teams, a joint minimum on an action nobody can join,
 * confidence or state attribution asked of an action that targets no incident,
 * state attribution asked when no incident's truth can ever give it.
 */
import { isStateAttributed, isWrongfulAct } from '../../rules/law';
import { RESPONSIBILITY_LEVELS, type Incident } from '../schema';
import { plural, type SemanticRule } from './context';

/** What requiresStateAttribution asks of the incident's truth (rules/decisions.ts): state-ordered or above, and a wrongful act. */
function stateAttributable(incident: Incident): boolean {
  return isStateAttributed(RESPONSIBILITY_LEVELS.indexOf(incident.responsibility) + 1) && isWrongfulAct(incident.legalCategory);
}

export const requirementsRule: SemanticRule = {
  id: 'requirements',
  summary: 'Joint minimums the eligible teams can reach, state attribution some incident can give, and confidence or attribution requirements only where an incident is targeted.',
  codes: ['unmeetable-requirement', 'ignored-requirement'],
  check(context) {
    const s = context.scenario;
    s.actions.forEach((action, i) => {
      const path = ['actions', i];
      const name = `action "${action.id}"`;
      const eligible = context.eligibleTeams(action);
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
      if (action.requiresStateAttribution && action.targetsIncident && !s.incidents.some(stateAttributable)) {
        context.error(
          'unmeetable-requirement',
          [...path, 'requiresStateAttribution'],
          `${name} requires state attribution, but no incident of the scenario can give it: that needs an incident whose responsibility is state-ordered or above and whose legalCategory is a wrongful act (internationallyWrongfulAct, useOfForce or armedAttack)`,
        );
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
