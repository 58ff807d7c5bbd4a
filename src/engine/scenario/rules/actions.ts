/**
 * Actions no team can ever take: an empty availableTo, a legal basis none of
 * the eligible teams has, or a cost beyond every eligible team's resources.
 * A stance on attribution put on an action that cannot carry one. And teams
 * that no action is open to, which can only watch. Diminishing returns on
 * an action that changes no indicator, which would do nothing.
 */
import type { SemanticRule } from './context';

export const actionsRule: SemanticRule = {
  id: 'actions',
  summary: 'Some team may take each action (available to it, lawful for it, affordable for it), a stance on attribution sits on an attribution action, every team has some action open to it, and diminishing returns (repeatFactor) sit on an action that changes an indicator.',
  codes: ['unusable-action', 'misplaced-stance', 'idle-team', 'idle-repeat-factor'],
  check(context) {
    const s = context.scenario;
    s.teams.forEach((team, i) => {
      if (!s.actions.some((action) => context.eligibleTeams(action).includes(team))) {
        context.warning('idle-team', ['teams', i, 'id'], `no action is open to team "${team.id}": every action's availableTo or legalBasis leaves it out, so it can only watch`);
      }
    });
    s.actions.forEach((action, i) => {
      const path = ['actions', i];
      const name = `action "${action.id}"`;
      if (action.attributionStance !== undefined && (action.category !== 'attribution' || !action.targetsIncident)) {
        context.error(
          'misplaced-stance',
          [...path, 'attributionStance'],
          `${name} says a government is not in a position to attribute, but ${action.category !== 'attribution' ? `it is a "${action.category}" action: make it an "attribution" action` : 'it targets no incident: a stance is about one incident, so leave targetsIncident at true'}`,
        );
      }
      if (action.repeatFactor !== undefined && !action.effects.some((effect) => 'indicator' in effect && effect.add !== undefined)) {
        context.warning('idle-repeat-factor', [...path, 'repeatFactor'], `${name} has a repeatFactor but none of its effects adds to an indicator, so repeats would not diminish anything: give it an indicator effect with "add", or remove repeatFactor`);
      }
      if (action.availableTo && action.availableTo.length === 0) {
        context.error('unusable-action', [...path, 'availableTo'], `no team can take ${name}: its availableTo list is empty`);
        return;
      }
      const eligible = action.availableTo ? s.teams.filter((team) => action.availableTo!.includes(team.id)) : s.teams;
      if (eligible.length === 0) return; // only unknown teams: the references rule reports them
      const names = eligible.map((team) => team.id).join(', ');
      const lawful = eligible.filter(
        (team) => action.legalBasis === '' || team.legalBases.length === 0 || team.legalBases.includes(action.legalBasis),
      );
      if (lawful.length === 0) {
        context.error(
          'unusable-action',
          [...path, 'legalBasis'],
          `no team can take ${name}: its legal basis "${action.legalBasis}" is not among the legal bases of ${names}`,
        );
        return;
      }
      const capital = lawful.filter((team) => team.resources.capital >= action.cost.capital);
      if (capital.length === 0) {
        const most = Math.max(...lawful.map((team) => team.resources.capital));
        context.error(
          'unusable-action',
          [...path, 'cost', 'capital'],
          `no team can take ${name}: it costs ${action.cost.capital} capital and the teams that may take it have at most ${most}`,
        );
        return;
      }
      const intel = capital.filter((team) => team.resources.intel >= action.cost.intel);
      if (intel.length === 0) {
        const most = Math.max(...capital.map((team) => team.resources.intel));
        context.error(
          'unusable-action',
          [...path, 'cost', 'intel'],
          `no team can take ${name}: it costs ${action.cost.intel} intel and the teams that may take it have at most ${most}`,
        );
      }
    });
  },
};
