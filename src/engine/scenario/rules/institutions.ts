/**
 * Verification bodies and dispute settlement: actions name a body that
 * exists and an incident it can examine; steps of settlement, the
 * adversary's offers and conditions on the dispute need the scenario's
 * disputeSettlement; every body is used, every offer can be made.
 */
import type { Condition } from '../schema';
import type { Path } from '../paths';
import type { RuleContext, SemanticRule } from './context';
import { conditionsOf, effectsOf } from './walk';

/** Every state condition inside a condition tree, with its path. */
function stateConditions(condition: Condition, path: Path, found: { region: string; path: Path }[] = []): { region: string; path: Path }[] {
  if ('all' in condition) condition.all.forEach((c, i) => stateConditions(c, [...path, 'all', i], found));
  else if ('any' in condition) condition.any.forEach((c, i) => stateConditions(c, [...path, 'any', i], found));
  else if ('not' in condition) stateConditions(condition.not, [...path, 'not'], found);
  else if ('state' in condition) found.push({ region: condition.state, path: [...path, 'state'] });
  return found;
}

function checkActions(context: RuleContext): void {
  const s = context.scenario;
  const settlement = s.institutions?.disputeSettlement;
  s.actions.forEach((action, i) => {
    const path = ['actions', i];
    if (action.verification !== undefined && action.dispute !== undefined) {
      context.error('two-institutional-steps', [...path, 'dispute'], `action "${action.id}" both refers to a verification body and takes a step of dispute settlement: make them two actions`);
    }
    if (action.verification !== undefined) {
      context.ref('verificationBody', action.verification, [...path, 'verification']);
      if (!action.targetsIncident) {
        context.error('verification-needs-incident', [...path, 'targetsIncident'], `action "${action.id}" refers an attribution to a verification body, so it must target an incident (targetsIncident cannot be false)`);
      }
    }
    if (action.dispute !== undefined && !settlement) {
      context.error('no-dispute-settlement', [...path, 'dispute'], `action "${action.id}" takes a step of dispute settlement ("${action.dispute}"), but the scenario has no institutions.disputeSettlement`);
    }
  });
}

function checkOffers(context: RuleContext): void {
  const s = context.scenario;
  const settlement = s.institutions?.disputeSettlement;
  let adversaryOffers = false;
  for (const { effect, path } of effectsOf(s)) {
    if (!('send' in effect) || effect.send.chart !== 'dispute') continue;
    adversaryOffers = true;
    if (!settlement) {
      context.error('no-dispute-settlement', [...path, 'send', 'chart'], 'an effect sends an offer of settlement, but the scenario has no institutions.disputeSettlement');
    }
  }
  const accepting = s.actions.findIndex((a) => a.dispute === 'acceptOffer');
  if (settlement && accepting >= 0 && !adversaryOffers) {
    context.warning(
      'offer-never-made',
      ['actions', accepting, 'dispute'],
      `action "${s.actions[accepting]!.id}" accepts the adversary's offer, but no move or inject makes one (an effect {"send": {"chart": "dispute", "event": "OFFER_MEDIATION"}})`,
    );
  }
}

function checkRegions(context: RuleContext): void {
  const s = context.scenario;
  const hasBodies = (s.institutions?.verificationBodies.length ?? 0) > 0;
  for (const placed of conditionsOf(s)) {
    for (const { region, path } of stateConditions(placed.condition, placed.path)) {
      if (region === 'dispute' && !s.institutions?.disputeSettlement) {
        context.error('no-dispute-settlement', path, 'the condition reads the dispute chart, but the scenario has no institutions.disputeSettlement');
      }
      if (region.startsWith('verification.') && !hasBodies) {
        context.error('no-verification-body', path, `the condition reads "${region}", but the scenario has no verification bodies`);
      }
    }
  }
}

function checkBodies(context: RuleContext): void {
  const s = context.scenario;
  const institutions = s.institutions;
  if (!institutions) return;
  institutions.verificationBodies.forEach((body, i) => {
    const path = ['institutions', 'verificationBodies', i];
    body.sources.forEach((source, k) => context.ref('source', source, [...path, 'sources', k]));
    if (!s.actions.some((a) => a.verification === body.id)) {
      context.warning('unused-verification-body', [...path, 'id'], `no action refers to verification body "${body.id}": players cannot ask it anything`);
    }
    if (body.reportAfterRounds >= s.rounds.length) {
      context.warning(
        'late-report',
        [...path, 'reportAfterRounds'],
        `verification body "${body.id}" reports ${body.reportAfterRounds} rounds after a referral, and the scenario has ${s.rounds.length}: no referral can be answered before the end`,
      );
    }
  });
  institutions.disputeSettlement?.sources.forEach((source, k) => context.ref('source', source, ['institutions', 'disputeSettlement', 'sources', k]));
}

/** Oversight bodies review governments of the scenario, and each can be put to work: some measure in its remit can be taken, and (when review is not mandatory) can be drafted with the oversight option. */
function checkOversight(context: RuleContext): void {
  const s = context.scenario;
  const seen = new Set<string>();
  (s.institutions?.oversight ?? []).forEach((body, i) => {
    const path = ['institutions', 'oversight', i];
    if (seen.has(body.id)) context.error('duplicate-id', [...path, 'id'], `oversight body id "${body.id}" is used twice`);
    seen.add(body.id);
    body.teams.forEach((team, j) => context.ref('team', team, [...path, 'teams', j]));
    body.sources.forEach((source, j) => context.ref('source', source, [...path, 'sources', j]));
    const inRemit = s.actions.filter(
      (action) => body.categories.includes(action.category) && context.eligibleTeams(action).some((team) => body.teams.includes(team.id)),
    );
    if (inRemit.length === 0) {
      context.warning('idle-oversight', [...path, 'categories'], `oversight body "${body.id}" reviews ${body.categories.join(', ')} measures, but none of its governments can take one: it never sits`);
    } else if (!body.mandatory && !inRemit.some((action) => action.procedures.includes('oversight'))) {
      context.warning(
        'idle-oversight',
        [...path, 'mandatory'],
        `oversight body "${body.id}" reviews only measures drafted with the oversight option, and none of the measures in its remit offers it (add "oversight" to their procedures, or make review mandatory)`,
      );
    }
  });
}

export const institutionsRule: SemanticRule = {
  id: 'institutions',
  summary:
    'Verification bodies, dispute settlement and oversight bodies are declared where actions, effects and conditions use them, name governments the scenario has, and can each be put to work.',
  codes: [
    'unknown-verificationBody',
    'unknown-source',
    'two-institutional-steps',
    'verification-needs-incident',
    'no-dispute-settlement',
    'no-verification-body',
    'offer-never-made',
    'unused-verification-body',
    'late-report',
    'unknown-team',
    'duplicate-id',
    'idle-oversight',
  ],
  check(context) {
    checkActions(context);
    checkOffers(context);
    checkRegions(context);
    checkBodies(context);
    checkOversight(context);
  },
};
