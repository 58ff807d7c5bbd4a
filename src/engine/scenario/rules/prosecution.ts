/**
 * Joint investigation and prosecution: steps of a criminal case need the
 * scenario's prosecution section and an incident; a request for legal
 * assistance names a state the section lists; jurisdictions name teams and
 * incidents that exist; an indictment someone can bring; conditions on a
 * case need the section.
 */
import type { Condition } from '../schema';
import type { Path } from '../paths';
import type { RuleContext, SemanticRule } from './context';
import { conditionsOf } from './walk';

function readsCase(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsCase);
  if ('any' in condition) return condition.any.some(readsCase);
  if ('not' in condition) return readsCase(condition.not);
  return 'state' in condition && condition.state.startsWith('case.');
}

function checkActions(context: RuleContext): void {
  const s = context.scenario;
  const states = s.prosecution?.mla.states.map((st) => st.id) ?? [];
  s.actions.forEach((action, i) => {
    const path: Path = ['actions', i];
    if (action.prosecution === undefined) {
      if (action.requestedState !== undefined) {
        context.error('requested-state-without-request', [...path, 'requestedState'], `action "${action.id}" names a requested state but is no request for legal assistance (add "prosecution": "requestMla")`);
      }
      return;
    }
    if (action.verification !== undefined || action.dispute !== undefined) {
      context.error('two-institutional-steps', [...path, 'prosecution'], `action "${action.id}" takes a step of a criminal case and an institutional step: make them two actions`);
    }
    if (!s.prosecution) {
      context.error('no-prosecution', [...path, 'prosecution'], `action "${action.id}" takes a step of a criminal case ("${action.prosecution}"), but the scenario has no prosecution section`);
    }
    if (!action.targetsIncident) {
      context.error('prosecution-needs-incident', [...path, 'targetsIncident'], `action "${action.id}" takes a step of the criminal case on an incident, so it must target one (targetsIncident cannot be false)`);
    }
    if (action.prosecution === 'requestMla') {
      if (action.requestedState === undefined) {
        context.error('mla-without-state', [...path, 'prosecution'], `action "${action.id}" requests legal assistance but names no requestedState (one of prosecution.mla.states)`);
      } else if (s.prosecution && !states.includes(action.requestedState)) {
        context.error('unknown-requested-state', [...path, 'requestedState'], `action "${action.id}" asks "${action.requestedState}" for legal assistance, which is not among prosecution.mla.states${states.length ? ` (${states.map((x) => `"${x}"`).join(', ')})` : ''}`);
      }
    } else if (action.requestedState !== undefined) {
      context.error('requested-state-without-request', [...path, 'requestedState'], `action "${action.id}" names a requested state, but its step is "${action.prosecution}", not "requestMla"`);
    }
  });
}

function checkSection(context: RuleContext): void {
  const s = context.scenario;
  const prosecution = s.prosecution;
  if (!prosecution) return;
  prosecution.jurisdictions.forEach((j, i) => {
    const path: Path = ['prosecution', 'jurisdictions', i];
    context.ref('team', j.team, [...path, 'team']);
    j.incidents.forEach((incident, k) => context.ref('incident', incident, [...path, 'incidents', k]));
    j.sources.forEach((source, k) => context.ref('source', source, [...path, 'sources', k]));
  });
  prosecution.mla.states.forEach((st, i) => st.sources.forEach((source, k) => context.ref('source', source, ['prosecution', 'mla', 'states', i, 'sources', k])));
  for (const part of ['mla', 'jit', 'extradition', 'safeHarbour'] as const) {
    prosecution[part].sources.forEach((source, k) => context.ref('source', source, ['prosecution', part, 'sources', k]));
  }
  const charges = s.actions.filter((a) => a.prosecution === 'indict');
  const nexus = (team: string) => s.incidents.some((inc) => inc.injured?.includes(team)) || prosecution.jurisdictions.some((j) => j.team === team);
  charges.forEach((action) => {
    const i = s.actions.indexOf(action);
    const open = s.teams.filter((t) => !action.availableTo || action.availableTo.includes(t.id));
    if (!open.some((t) => nexus(t.id))) {
      context.warning('indictment-without-nexus', ['actions', i, 'prosecution'], `no team that may take "${action.id}" has a jurisdictional nexus to any incident (incidents' injured, or prosecution.jurisdictions): every indictment would be refused`);
    }
  });
  if (!s.actions.some((a) => a.prosecution === 'arrestWarrant') && (prosecution.extradition.onArrest.length > 0)) {
    context.warning('arrest-never-possible', ['prosecution', 'extradition', 'onArrest'], 'prosecution.extradition has effects on arrest, but no action issues an arrest warrant ("prosecution": "arrestWarrant"): no one can be arrested');
  }
}

function checkConditions(context: RuleContext): void {
  const s = context.scenario;
  if (s.prosecution) return;
  for (const placed of conditionsOf(s)) {
    if (readsCase(placed.condition)) context.error('no-prosecution', placed.path, 'the condition reads a criminal case ("case.<incident>"), but the scenario has no prosecution section');
  }
}

export const prosecutionRule: SemanticRule = {
  id: 'prosecution',
  summary: 'Steps of a criminal case are declared where actions and conditions use them: requests name a listed state, jurisdictions name teams and incidents that exist, and someone can indict.',
  codes: [
    'no-prosecution',
    'two-institutional-steps',
    'prosecution-needs-incident',
    'mla-without-state',
    'unknown-requested-state',
    'requested-state-without-request',
    'unknown-team',
    'unknown-incident',
    'unknown-source',
    'indictment-without-nexus',
    'arrest-never-possible',
  ],
  check(context) {
    checkActions(context);
    checkSection(context);
    checkConditions(context);
  },
};
