/**
 * Peaceful settlement of the dispute with the adversary (UN Charter Art. 33):
 * an offer of mediation or arbitration, by the coalition or by the adversary,
 * is accepted, refused or lapses; mediation runs for some rounds under a
 * mediator; arbitration seizes a tribunal that makes an award after some
 * rounds. While the tribunal is seized and the adversary takes part in good
 * faith, countermeasures are suspended (ILC Art. 52(3)(b)); a new harmful
 * act by the adversary while it is seized is bad faith, and the suspension
 * ends (Art. 52(4)).
 */
import { assign, setup } from 'xstate';

export type Process = 'mediation' | 'arbitration';
export type Award = 'upheld' | 'dismissed';

export interface DisputeContext {
  process: Process | null;
  offeredBy: 'coalition' | 'adversary' | null;
  /** The government that made or accepted the coalition's side of the process. */
  party: string | null;
  /** The incident the claim concerns; null for the campaign as a whole. */
  incident: string | null;
  rounds: number;
  goodFaith: boolean;
  award: Award | null;
  limits: { mediationRounds: number; awardAfterRounds: number; offerLapsesAfterRounds: number };
}

type DisputeEvent =
  | { type: 'OFFER'; process: Process; by: 'coalition' | 'adversary'; party?: string | null; incident?: string | null }
  | { type: 'ACCEPT'; party?: string | null }
  | { type: 'REFUSE' }
  | { type: 'ROUND_ENDED' }
  | { type: 'BAD_FAITH' }
  | { type: 'AWARD'; award: Award };

export const disputeMachine = setup({
  types: {} as {
    context: DisputeContext;
    input: DisputeContext['limits'];
    events: DisputeEvent;
  },
  guards: {
    isMediation: ({ context }) => context.process === 'mediation',
    lapsed: ({ context }) => context.rounds > context.limits.offerLapsesAfterRounds,
    mediationOver: ({ context }) => context.rounds >= context.limits.mediationRounds,
    awardDue: ({ context }) => context.rounds >= context.limits.awardAfterRounds,
  },
  actions: {
    recordOffer: assign({
      process: ({ event }) => (event.type === 'OFFER' ? event.process : null),
      offeredBy: ({ event }) => (event.type === 'OFFER' ? event.by : null),
      party: ({ event }) => (event.type === 'OFFER' ? (event.party ?? null) : null),
      incident: ({ event }) => (event.type === 'OFFER' ? (event.incident ?? null) : null),
      rounds: () => 0,
      goodFaith: () => true,
      award: () => null,
    }),
    startProcess: assign({
      rounds: () => 0,
      party: ({ context, event }) => (event.type === 'ACCEPT' && event.party ? event.party : context.party),
    }),
    countRound: assign({ rounds: ({ context }) => context.rounds + 1 }),
    breakFaith: assign({ goodFaith: () => false }),
    recordAward: assign({ award: ({ event }) => (event.type === 'AWARD' ? event.award : null) }),
  },
}).createMachine({
  id: 'dispute',
  context: ({ input }) => ({
    process: null,
    offeredBy: null,
    party: null,
    incident: null,
    rounds: 0,
    goodFaith: true,
    award: null,
    limits: input,
  }),
  initial: 'none',
  states: {
    none: { on: { OFFER: { target: 'offered', actions: 'recordOffer' } } },
    offered: {
      always: { guard: 'lapsed', target: 'refused' },
      on: {
        ACCEPT: [
          { guard: 'isMediation', target: 'mediation', actions: 'startProcess' },
          { target: 'seized', actions: 'startProcess' },
        ],
        REFUSE: 'refused',
        ROUND_ENDED: { actions: 'countRound' },
      },
    },
    refused: { on: { OFFER: { target: 'offered', actions: 'recordOffer' } } },
    mediation: {
      always: { guard: 'mediationOver', target: 'mediated' },
      on: { ROUND_ENDED: { actions: 'countRound' } },
    },
    mediated: { on: { OFFER: { target: 'offered', actions: 'recordOffer' } } },
    seized: {
      on: {
        ROUND_ENDED: { actions: 'countRound' },
        BAD_FAITH: { actions: 'breakFaith' },
        AWARD: { guard: 'awardDue', target: 'awarded', actions: 'recordAward' },
      },
    },
    awarded: { on: { OFFER: { target: 'offered', actions: 'recordOffer' } } },
  },
});

export const DISPUTE_STATES = ['none', 'offered', 'refused', 'mediation', 'mediated', 'seized', 'awarded'] as const;
