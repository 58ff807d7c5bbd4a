/** With a catalogue of legal bases, every action and team names one of its entries. */
import type { SemanticRule } from './context';

export const legalBasesRule: SemanticRule = {
  id: 'legal-bases',
  summary: 'When the scenario declares legal bases, actions and teams name only those.',
  codes: ['unknown-legalBasis'],
  check(context) {
    const s = context.scenario;
    if (s.legalBases.length === 0) return;
    s.actions.forEach((action, i) => {
      if (action.legalBasis) context.ref('legalBasis', action.legalBasis, ['actions', i, 'legalBasis']);
    });
    s.teams.forEach((team, i) => team.legalBases.forEach((basis, j) => context.ref('legalBasis', basis, ['teams', i, 'legalBases', j])));
  },
};
