/**
 * Norms: steps of the norms track need the scenario's norms section; a
 * raise names a forum the section lists and, like a report, targets an
 * incident; protected categories are declared once; the track's costs never
 * fall from one stage to the next (its effects are lasting); some incident
 * strikes a protected target, or there is nothing to raise; conditions on
 * the track need the section.
 */
import type { Condition } from '../schema';
import type { Path } from '../paths';
import type { RuleContext, SemanticRule } from './context';
import { conditionsOf } from './walk';

function readsNorms(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsNorms);
  if ('any' in condition) return condition.any.some(readsNorms);
  if ('not' in condition) return readsNorms(condition.not);
  return 'state' in condition && condition.state === 'norms';
}

const quoted = (ids: readonly string[]) => ids.map((x) => `"${x}"`).join(', ');

function checkActions(context: RuleContext): void {
  const s = context.scenario;
  const fora = s.norms?.fora.map((f) => f.id) ?? [];
  s.actions.forEach((action, i) => {
    const path: Path = ['actions', i];
    if (action.norms === undefined) {
      if (action.forum !== undefined) context.error('forum-without-raise', [...path, 'forum'], `action "${action.id}" names a forum but raises nothing there (add "norms": "raise")`);
      return;
    }
    if (action.verification !== undefined || action.dispute !== undefined || action.prosecution !== undefined) {
      context.error('two-institutional-steps', [...path, 'norms'], `action "${action.id}" takes a step of the norms track and another institutional step: make them two actions`);
    }
    if (!s.norms) context.error('no-norms', [...path, 'norms'], `action "${action.id}" takes a step of the norms track ("${action.norms}"), but the scenario has no norms section`);
    if (action.norms !== 'endorse' && !action.targetsIncident) {
      context.error('norms-needs-incident', [...path, 'targetsIncident'], `action "${action.id}" ${action.norms === 'raise' ? 'raises' : 'reports on'} a violation, which is an incident, so it must target one (targetsIncident cannot be false)`);
    }
    if (action.norms === 'raise') {
      if (action.forum === undefined) {
        context.error('raise-without-forum', [...path, 'norms'], `action "${action.id}" raises a violation but names no forum (one of norms.fora${fora.length ? `: ${quoted(fora)}` : ''})`);
      } else if (s.norms && !fora.includes(action.forum)) {
        context.error('unknown-forum', [...path, 'forum'], `action "${action.id}" raises a violation in "${action.forum}", which is not among norms.fora${fora.length ? ` (${quoted(fora)})` : ''}`);
      }
    } else if (action.forum !== undefined) {
      context.error('forum-without-raise', [...path, 'forum'], `action "${action.id}" names a forum, but its step is "${action.norms}", not "raise"`);
    }
  });
}

function checkSection(context: RuleContext): void {
  const s = context.scenario;
  const norms = s.norms;
  if (!norms) return;
  norms.norm.sources.forEach((source, k) => context.ref('source', source, ['norms', 'norm', 'sources', k]));
  norms.sources.forEach((source, k) => context.ref('source', source, ['norms', 'sources', k]));
  const seen = new Set<string>();
  norms.protected.forEach((p, i) => {
    if (seen.has(p.category)) context.error('duplicate-protected', ['norms', 'protected', i, 'category'], `the category "${p.category}" is declared protected twice: declare it once, with all its reasons`);
    seen.add(p.category);
    p.sources.forEach((source, k) => context.ref('source', source, ['norms', 'protected', i, 'sources', k]));
  });
  norms.fora.forEach((f, i) => f.sources.forEach((source, k) => context.ref('source', source, ['norms', 'fora', i, 'sources', k])));
  // Lasting effects: each stage's cost at least the one before it.
  const stages = ['raised', 'discussed', 'endorsed', 'reported'] as const;
  stages.slice(1).forEach((stage, i) => {
    const before = stages[i]!;
    if (norms.stages[stage].cost < norms.stages[before].cost) {
      context.error('norms-cost-falls', ['norms', 'stages', stage, 'cost'], `the reputational cost at "${stage}" (${norms.stages[stage].cost}) is below the cost at "${before}" (${norms.stages[before].cost}): the track's effects are lasting, so a later stage costs the adversary at least as much`);
    }
  });
  const teams = s.teams.length;
  if (norms.stages.endorsed.endorsers > teams) {
    context.error('too-few-endorsers', ['norms', 'stages', 'endorsed', 'endorsers'], `the track needs ${norms.stages.endorsed.endorsers} governments to endorse the norm, but the scenario has ${teams} team${teams === 1 ? '' : 's'}: it could never be endorsed`);
  }
  if (!s.incidents.some((inc) => inc.targets?.some((t) => seen.has(t)))) {
    context.warning('nothing-protected-struck', ['norms', 'protected'], `no incident strikes a protected category (${quoted([...seen])}): give an incident "targets" that include one, or there is no violation to raise`);
  }
  for (const step of ['raise', 'endorse', 'report'] as const) {
    if (!s.actions.some((a) => a.norms === step)) {
      context.warning('norms-step-missing', ['norms'], `no action takes the norms step "${step}": the track ${step === 'raise' ? 'can never start' : step === 'endorse' ? 'can never be endorsed' : 'can never reach "reported"'}`);
    }
  }
}

function checkConditions(context: RuleContext): void {
  const s = context.scenario;
  if (s.norms) return;
  for (const placed of conditionsOf(s)) {
    if (readsNorms(placed.condition)) context.error('no-norms', placed.path, 'the condition reads the norms track ("norms"), but the scenario has no norms section');
  }
}

export const normsRule: SemanticRule = {
  id: 'norms',
  summary: 'Steps of the norms track are declared where actions and conditions use them: a raise names a listed forum, raises and reports target an incident, protected categories are declared once, costs never fall from stage to stage, and some incident strikes a protected target.',
  codes: [
    'no-norms',
    'two-institutional-steps',
    'norms-needs-incident',
    'raise-without-forum',
    'unknown-forum',
    'forum-without-raise',
    'duplicate-protected',
    'norms-cost-falls',
    'too-few-endorsers',
    'nothing-protected-struck',
    'norms-step-missing',
    'unknown-source',
  ],
  check(context) {
    checkActions(context);
    checkSection(context);
    checkConditions(context);
  },
};
