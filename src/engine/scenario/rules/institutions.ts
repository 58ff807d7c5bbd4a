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

export const institutionsRule: SemanticRule = {
  id: 'institutions',
  summary: 'Verification bodies and dispute settlement are declared where actions, effects and conditions use them, and every body can be asked.',
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
  ],
  check(context) {
    checkActions(context);
    checkOffers(context);
    checkRegions(context);
    checkBodies(context);
  },
};
