/**
 * One sanctions package: coordination per jurisdiction (an EU listing needs
 * unanimity and can be vetoed), entry into force, periodic review, renewal,
 * delisting, expiry by sunset; and, in parallel, a court challenge that can
 * annul a listing adopted without a statement of reasons. A review that
 * finds the reasons weak against the listed persons' observations delists
 * them (adjudicate/listedPersons.ts).
 */
import { assign, setup } from 'xstate';

interface SanctionsContext {
  pending: string[];
  roundsSinceReview: number;
  reviewAfter: number;
  sunset: boolean;
}

type SanctionsEvent =
  | { type: 'JURISDICTION_ADOPTED'; jurisdiction: string }
  | { type: 'VETO' }
  | { type: 'ROUND_ENDED' }
  | { type: 'RENEW' }
  | { type: 'LIFT' }
  | { type: 'DELIST' }
  | { type: 'FILE_CHALLENGE' }
  | { type: 'COURT_RULING'; annul: boolean };

/** The stages in which a package's measures apply. */
export const SANCTIONS_IN_FORCE: readonly string[] = ['inForce', 'review'];

export const sanctionsMachine = setup({
  types: {} as {
    context: SanctionsContext;
    input: { jurisdictions: string[]; reviewAfter: number; sunset: boolean };
    events: SanctionsEvent;
  },
  guards: {
    allAdopted: ({ context }) => context.pending.length === 0,
    reviewDue: ({ context }) => context.roundsSinceReview >= context.reviewAfter,
    hasSunset: ({ context }) => context.sunset,
    annuls: ({ event }) => event.type === 'COURT_RULING' && event.annul,
  },
  actions: {
    adopt: assign({
      pending: ({ context, event }) =>
        event.type === 'JURISDICTION_ADOPTED' ? context.pending.filter((j) => j !== event.jurisdiction) : context.pending,
    }),
    countRound: assign({ roundsSinceReview: ({ context }) => context.roundsSinceReview + 1 }),
    resetReview: assign({ roundsSinceReview: () => 0 }),
  },
}).createMachine({
  id: 'sanctions',
  type: 'parallel',
  context: ({ input }) => ({ pending: [...input.jurisdictions], roundsSinceReview: 0, reviewAfter: input.reviewAfter, sunset: input.sunset }),
  states: {
    status: {
      initial: 'coordinating',
      states: {
        coordinating: {
          always: { guard: 'allAdopted', target: 'inForce' },
          on: { JURISDICTION_ADOPTED: { actions: 'adopt' }, VETO: 'blocked' },
        },
        blocked: {},
        inForce: {
          always: { guard: 'reviewDue', target: 'review' },
          on: {
            ROUND_ENDED: { actions: 'countRound' },
            LIFT: 'lifted',
            DELIST: 'delisted',
            COURT_RULING: { guard: 'annuls', target: 'annulled' },
          },
        },
        review: {
          on: {
            RENEW: { target: 'inForce', actions: 'resetReview' },
            LIFT: 'lifted',
            DELIST: 'delisted',
            // Without renewal a measure with a sunset clause lapses; one without stays until lifted.
            ROUND_ENDED: [
              { guard: 'hasSunset', target: 'expired' },
              { target: 'inForce', actions: 'resetReview' },
            ],
            COURT_RULING: { guard: 'annuls', target: 'annulled' },
          },
        },
        lifted: { type: 'final' },
        expired: { type: 'final' },
        // The review weighed the listed persons' observations and found the reasons weak: the measures cease.
        delisted: { type: 'final' },
        annulled: {},
      },
    },
    challenge: {
      initial: 'none',
      states: {
        none: { on: { FILE_CHALLENGE: 'pending' } },
        pending: { on: { COURT_RULING: [{ guard: 'annuls', target: 'annulled' }, { target: 'upheld' }] } },
        upheld: {},
        annulled: {},
      },
    },
  },
});
