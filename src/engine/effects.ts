/**
 * The effect registry: every effect a scenario can name, and what it does.
 * Effects are data; this is the only code that interprets them.
 */
import type { Effect } from './scenario/schema';
import type { Work } from './rules/work';
import { adversaryOffers } from './adjudicate/institutionsTurn';

export interface EffectOrigin {
  /** The acting team, for "self" and attribution events. */
  team: string | null;
  /** The incident an action responds to, for attribution events without one. */
  incident: string | null;
  /** Multiplies indicator changes (add): an action's diminishing returns on repeats (1 when absent). */
  scale?: number;
}

export function applyEffects(work: Work, effects: readonly Effect[], origin: EffectOrigin): void {
  for (const effect of effects) applyEffect(work, effect, origin);
}

function teamsFor(work: Work, incident: string, who: 'self' | 'all' | 'coalition' | string[] | undefined, origin: EffectOrigin): string[] {
  if (Array.isArray(who)) return who;
  if (who === 'all') return work.index.teamIds;
  if (who === 'coalition') {
    const sharedBy = (work.state.attribution[incident]?.coalition.context.sharedBy as string[] | undefined) ?? [];
    return sharedBy.length > 0 ? work.index.teamIds : [];
  }
  return origin.team ? [origin.team] : work.index.teamIds;
}

function applyEffect(work: Work, effect: Effect, origin: EffectOrigin): void {
  const { state } = work;
  if ('indicator' in effect) {
    const def = work.index.indicators.get(effect.indicator);
    if (!def) return;
    const current = state.indicators[effect.indicator] ?? def.initial;
    const changed = effect.set !== undefined ? effect.set : current + (effect.add ?? 0) * (origin.scale ?? 1);
    const next = effect.atLeast !== undefined ? Math.max(changed, effect.atLeast) : changed;
    state.indicators[effect.indicator] = Math.max(def.min, Math.min(def.max, next));
  } else if ('fact' in effect) {
    state.facts[effect.fact] = effect.set;
  } else if ('harm' in effect) {
    const incident = state.incidents[effect.harm];
    if (!incident) return;
    incident.active = true;
    incident.harm = Math.max(0, Math.min(10, incident.harm + effect.add));
  } else if ('evidence' in effect) {
    for (const team of teamsFor(work, effect.evidence, effect.teams, origin)) work.addEvidence(effect.evidence, team, effect.add);
  } else if ('escalate' in effect) {
    work.setEscalation(work.escalation() + effect.escalate);
  } else if ('fireInject' in effect) {
    if (!state.injects.queued.includes(effect.fireInject)) state.injects.queued.push(effect.fireInject);
  } else {
    sendEffect(work, effect.send, origin);
  }
}

function sendEffect(work: Work, send: Extract<Effect, { send: unknown }>['send'], origin: EffectOrigin): void {
  if (send.chart === 'adversary') {
    work.sendAdversary({ type: send.event });
  } else if (send.chart === 'deEscalation') {
    work.sendDeEscalation({ type: send.event });
  } else if (send.chart === 'dispute') {
    adversaryOffers(work, send.event === 'OFFER_MEDIATION' ? 'mediation' : 'arbitration', send.incident ?? origin.incident);
  } else {
    const incident = send.incident ?? origin.incident;
    if (!incident) return;
    for (const team of origin.team ? [origin.team] : work.index.teamIds) work.sendNational(incident, team, { type: send.event });
  }
}
