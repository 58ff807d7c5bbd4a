/**
 * The adversary's campaign: two parallel regions, the campaign phase (from the
 * scenario) and the posture that reacts to what the coalition did.
 *
 * RESPONSE_RESOLVED carries the round's features and one seeded roll; the
 * guards below are the only place the reaction rules live, and explainPosture
 * describes the same rules in words.
 */
import { and, assign, or, setup, stateIn, type AnyStateMachine } from 'xstate';
import type { Posture, Scenario } from '../scenario/schema';
import type { ChartSnapshot } from '../types';
import { sendToChart } from './chart';
import { say } from '../messages';

export type AdversaryTuning = Scenario['adversary']['tuning'];

export interface RoundFeatures {
  /** The coalition opened talks and kept its costs in place. */
  talks: boolean;
  /** Largest severity minus harm among this round's responses. */
  overreaction: number;
  /** A measure this round was itself a wrongful act against the adversary (scoring/proportionality.ts, wrongsItsTarget); absent means none. */
  unlawful?: boolean;
  /** An action that invites mirroring (expulsions) was taken, and the draw that decides whether it is mirrored. */
  mirroring: boolean;
  mirrorRoll: number;
  /** 0..1 severity-weighted share of joint responses. */
  jointness: number;
  /** 0..100 */
  cohesion: number;
  jointAttribution: boolean;
  /** Mean fit of severity to harm, 0..1 (0 when no response). */
  fit: number;
  /** Rounds in a row without any public response. */
  quietRounds: number;
  onlyPrivate: boolean;
  undiscoveredAccess: boolean;
  /** How much of the chance of deterrence the sanctions lose to evasion (0..1); absent where the scenario has no evasion channels. */
  leak?: number;
  /** Accumulated DETERRENCE_SIGNAL bonus. */
  bonus: number;
  roll: number;
}

/** The chance of deterrence never reaches 1: no response makes an adversary's choice certain. */
export const DEFAULT_MAX_DETERRENCE = 0.95;

export function deterrenceProbability(tuning: AdversaryTuning, f: RoundFeatures): number {
  const p =
    tuning.baseDeterrence +
    tuning.deterrencePerJointness * f.jointness +
    tuning.deterrencePerCohesion * (f.cohesion / 100) +
    tuning.deterrencePerJointAttribution * (f.jointAttribution ? 1 : 0) +
    tuning.deterrencePerFit * f.fit +
    f.bonus -
    (f.undiscoveredAccess ? tuning.overconfidenceBias : 0) -
    (f.leak ?? 0);
  return Math.min(tuning.maxDeterrence ?? DEFAULT_MAX_DETERRENCE, Math.max(0, p));
}

/**
 * The chance this round that an adversary that has stepped back stays back:
 * deterred anew, or held by what it already gave up (tuning.holdChance) when
 * the pressure did not deter it anew. Deterrence of a persistent adversary is
 * not won once: it tests again, and only renewed pressure keeps it back.
 */
export function holdProbability(tuning: AdversaryTuning, f: RoundFeatures): number {
  const hold = tuning.holdChance ?? 1;
  // Exactly 1 when it always holds: p + (1 − p) can round to just below 1, and a roll could then exceed it.
  if (hold >= 1) return 1;
  const p = deterrenceProbability(tuning, f);
  return p + (1 - p) * hold;
}

/** Postures in which the adversary has stepped back. */
const STEPPED_BACK: readonly Posture[] = ['deterred', 'deEscalating'];

/** A stepped-back adversary the round did not hold back tests the coalition again (holdProbability). */
export function wearsOff(tuning: AdversaryTuning, f: RoundFeatures, before: Posture): boolean {
  return STEPPED_BACK.includes(before) && f.roll >= holdProbability(tuning, f);
}

const rules = {
  // Talks with costs in place offer a way down; the adversary stays on it as long as it stays back at all.
  talks: (t: AdversaryTuning, f: RoundFeatures) => f.talks && f.roll < holdProbability(t, f),
  // An unlawful measure is answered like an overreaction: the target of a wrongful act may answer it (ILC Art. 49).
  provoked: (t: AdversaryTuning, f: RoundFeatures) =>
    f.overreaction >= t.titForTatGap || f.unlawful === true || (f.mirroring && f.mirrorRoll < t.mirroringChance),
  deterred: (t: AdversaryTuning, f: RoundFeatures) => f.roll < deterrenceProbability(t, f),
  emboldened: (t: AdversaryTuning, f: RoundFeatures) =>
    f.quietRounds >= t.emboldenAfterQuietRounds || f.cohesion < t.emboldenBelowCohesion || f.onlyPrivate,
};

/** The reaction rules in the order the chart tries them, each with the posture it leads to. */
const REACTIONS = [
  { rule: 'talks', guard: 'talksUnderWay', posture: 'deEscalating' },
  { rule: 'provoked', guard: 'provoked', posture: 'titForTat' },
  { rule: 'deterred', guard: 'deterred', posture: 'deterred' },
  { rule: 'emboldened', guard: 'emboldened', posture: 'emboldened' },
] as const satisfies readonly { rule: keyof typeof rules; guard: string; posture: Posture }[];

/**
 * Retaliation lasts one round: when no rule applies, a retaliating adversary
 * goes back to probing, as does a stepped-back one that wears off (wearsOff);
 * other postures hold.
 */
const PROBING_AGAIN: Posture = 'probing';

/** The posture of the adversary's campaign: the one it goes back to after a retaliation, else the posture itself. */
export function campaignPosture(posture: Posture): Posture {
  return posture === 'titForTat' ? PROBING_AGAIN : posture;
}

/** The first reaction rule that applies, in the chart's order; null when none does and the posture holds. */
export function reactionRule(tuning: AdversaryTuning, f: RoundFeatures): keyof typeof rules | null {
  return REACTIONS.find((r) => rules[r.rule](tuning, f))?.rule ?? null;
}

/** The posture after a round in which no reaction rule applied: retaliation ends, stepped-back resolve may wear off, anything else holds. */
function unmovedPosture(tuning: AdversaryTuning, f: RoundFeatures, before: Posture): Posture {
  return wearsOff(tuning, f, before) ? PROBING_AGAIN : campaignPosture(before);
}

/** Why the posture is what it is after a round, in one sentence: the rule that fired, or why it held. */
export function explainPosture(tuning: AdversaryTuning, f: RoundFeatures, after: Posture, before: Posture): string {
  const p = Math.round(deterrenceProbability(tuning, f) * 100);
  switch (reactionRule(tuning, f)) {
    case 'talks':
      return say('posture.talks');
    case 'provoked':
      if (f.overreaction >= tuning.titForTatGap) return say('posture.provoked', { gap: f.overreaction });
      return f.unlawful ? say('posture.unlawful') : say('posture.mirroring');
    case 'deterred':
      return say('posture.deterred', { chance: p, leak: leakWords(f) });
    case 'emboldened':
      if (f.quietRounds >= tuning.emboldenAfterQuietRounds) return say('posture.quietRounds', { rounds: f.quietRounds });
      if (f.onlyPrivate) return say('posture.onlyPrivate');
      return say('posture.divided', { cohesion: f.cohesion, threshold: tuning.emboldenBelowCohesion });
    default:
      if (wearsOff(tuning, f, before)) return say('posture.woreOff', { before, chance: p, hold: Math.round((tuning.holdChance ?? 1) * 100), leak: leakWords(f) });
      return after === 'probing'
        ? say('posture.probing', { chance: p, leak: leakWords(f) })
        : say('posture.holds', { posture: after, chance: p, leak: leakWords(f) });
  }
}

/** What evasion of the sanctions took off the chance of deterrence, when it took anything. */
function leakWords(f: RoundFeatures): string {
  const lost = Math.round((f.leak ?? 0) * 100);
  return lost > 0 ? say('part.leak', { points: lost }) : '';
}

interface AdversaryContext {
  tuning: AdversaryTuning;
  bonus: number;
}

type AdversaryEvent =
  | { type: 'RESPONSE_RESOLVED'; features: RoundFeatures }
  | { type: 'ADVANCE_PHASE' }
  | { type: 'ESCALATE' }
  | { type: 'DETERRENCE_SIGNAL' }
  | { type: 'OVERRIDE_POSTURE'; posture: Posture };

const features = (event: AdversaryEvent): RoundFeatures | null => (event.type === 'RESPONSE_RESOLVED' ? event.features : null);

function buildAdversaryMachine(phaseIds: string[]) {
  const phaseStates: Record<string, object> = {};
  phaseIds.forEach((phase, i) => {
    const next = phaseIds[i + 1];
    phaseStates[phase] = next ? { on: { ADVANCE_PHASE: next } } : {};
  });
  const postureTargets = Object.fromEntries(
    (['probing', 'emboldened', 'deterred', 'titForTat', 'deEscalating'] as const).map((p) => [
      p,
      { guard: { type: 'overrideIs' as const, params: { posture: p } }, target: `.${p}` },
    ]),
  );
  return setup({
    types: {} as { context: AdversaryContext; input: { tuning: AdversaryTuning }; events: AdversaryEvent },
    guards: {
      talksUnderWay: ({ context, event }) => !!features(event) && rules.talks(context.tuning, features(event)!),
      provoked: ({ context, event }) => !!features(event) && rules.provoked(context.tuning, features(event)!),
      deterred: ({ context, event }) => !!features(event) && rules.deterred(context.tuning, features(event)!),
      emboldened: ({ context, event }) => !!features(event) && rules.emboldened(context.tuning, features(event)!),
      // The chart's own state says whether it had stepped back (the guard above); this reads the roll against the hold.
      wearsOff: ({ context, event }) => !!features(event) && features(event)!.roll >= holdProbability(context.tuning, features(event)!),
      overrideIs: ({ event }, params: { posture: Posture }) => event.type === 'OVERRIDE_POSTURE' && event.posture === params.posture,
    },
    actions: {
      strengthenDeterrence: assign({ bonus: ({ context }) => Math.min(0.3, context.bonus + 0.1) }),
      spendDeterrence: assign({ bonus: () => 0 }),
    },
  }).createMachine({
    id: 'adversary',
    type: 'parallel',
    context: ({ input }) => ({ tuning: input.tuning, bonus: 0 }),
    on: { DETERRENCE_SIGNAL: { actions: 'strengthenDeterrence' } },
    states: {
      phase: { initial: phaseIds[0]!, states: phaseStates },
      posture: {
        initial: 'probing',
        on: {
          OVERRIDE_POSTURE: Object.values(postureTargets),
          ESCALATE: '.titForTat',
          RESPONSE_RESOLVED: [
            ...REACTIONS.map((r) => ({ guard: r.guard, target: `.${r.posture}`, actions: 'spendDeterrence' as const })),
            { guard: stateIn('#adversary-retaliating'), target: `.${PROBING_AGAIN}` },
            { guard: and([or(STEPPED_BACK.map((p) => stateIn(`#adversary-${p}`))), 'wearsOff']), target: `.${PROBING_AGAIN}` },
          ],
        },
        states: { probing: {}, emboldened: {}, deterred: { id: 'adversary-deterred' }, titForTat: { id: 'adversary-retaliating' }, deEscalating: { id: 'adversary-deEscalating' } },
      },
    },
  });
}

const cache = new Map<string, AnyStateMachine>();

/** One machine per list of campaign phases; scenarios with the same phases share it. */
export function adversaryMachineFor(scenario: Scenario): AnyStateMachine {
  return machineForPhases(scenario.adversary.phases.map((p) => p.id));
}

/** The chart of a further actor (scenario.otherAdversaries): the same chart, over the actor's own phases. */
export function otherAdversaryMachine(actor: { phases: readonly { id: string }[] }): AnyStateMachine {
  return machineForPhases(actor.phases.map((p) => p.id));
}

function machineForPhases(phaseIds: string[]): AnyStateMachine {
  const key = phaseIds.join('|');
  let machine = cache.get(key);
  if (!machine) {
    machine = buildAdversaryMachine(phaseIds);
    cache.set(key, machine);
  }
  return machine;
}

/**
 * The chart after a round's reaction (RESPONSE_RESOLVED), worked out from
 * the same rules and table as the chart's transitions instead of resolving
 * the event through XState: the features are fresh floating-point figures
 * every round, so the memo of transitions (machines/chart.ts) never serves
 * them. The snapshot is the one the chart gives (test/engine/adversary.test.ts
 * compares the two); a reaction spends the deterrence bonus.
 */
export function reactToFeatures(chart: ChartSnapshot, features: RoundFeatures): ChartSnapshot {
  const value = chart.value as { phase: string; posture: string };
  const context = chart.context as unknown as AdversaryContext;
  const reaction = REACTIONS.find((r) => rules[r.rule](context.tuning, features));
  if (reaction) return { value: { phase: value.phase, posture: reaction.posture }, context: { ...chart.context, bonus: 0 } };
  const posture = unmovedPosture(context.tuning, features, value.posture as Posture);
  return { value: { phase: value.phase, posture }, context: chart.context };
}

/** Sends an event to the adversary's chart; a round's reaction is worked out directly (reactToFeatures). */
export function sendToAdversary(scenario: Scenario, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  if (event.type === 'RESPONSE_RESOLVED') return reactToFeatures(chart, event.features as RoundFeatures);
  return sendToChart(adversaryMachineFor(scenario), chart, event);
}

/** Sends an event to a further actor's chart, as sendToAdversary does to the adversary's. */
export function sendToOtherAdversary(actor: { phases: readonly { id: string }[] }, chart: ChartSnapshot, event: { type: string; [key: string]: unknown }): ChartSnapshot {
  if (event.type === 'RESPONSE_RESOLVED') return reactToFeatures(chart, event.features as RoundFeatures);
  return sendToChart(otherAdversaryMachine(actor), chart, event);
}
