/**
 * The norms-building track: a violation of an agreed norm (a strike on a
 * protected target) is raised in a forum, discussed there, endorsed by
 * enough governments, and finally the subject of a transparent report. Each
 * stage takes at least its rounds, so nothing resolves in one round, and the
 * track never goes back: what a norm gains, it keeps. Who raises, endorses
 * and reports is worked out by the engine (adjudicate/normsTurn.ts); the
 * chart keeps the stage and the rounds spent in it.
 */
import { assign, setup } from 'xstate';

/** The rounds each stage needs before the next, and the endorsements endorsed needs (scenario norms.stages). */
export interface NormsTimings {
  discussAfter: number;
  endorseAfter: number;
  endorsers: number;
  reportAfter: number;
}

interface NormsContext extends NormsTimings {
  /** Rounds ended in the current stage. */
  rounds: number;
}

type NormsEvent = { type: 'RAISE' } | { type: 'ROUND_ENDED'; endorsers: number; reports: number };

export const normsMachine = setup({
  types: {} as { context: NormsContext; input: NormsTimings; events: NormsEvent },
  guards: {
    // The round now ending counts: a stage entered at the end of one round with afterRounds 1 moves on at the end of the next.
    served: ({ context }, after: keyof NormsTimings) => context.rounds + 1 >= context[after],
    endorsed: ({ context, event }) => event.type === 'ROUND_ENDED' && context.rounds + 1 >= context.endorseAfter && event.endorsers >= context.endorsers,
    reported: ({ context, event }) => event.type === 'ROUND_ENDED' && context.rounds + 1 >= context.reportAfter && event.reports > 0,
  },
  actions: {
    countRound: assign({ rounds: ({ context }) => context.rounds + 1 }),
    restart: assign({ rounds: () => 0 }),
    // The round in which the violation is raised ends with the forum yet to meet: it does not count.
    open: assign({ rounds: () => -1 }),
  },
}).createMachine({
  id: 'norms',
  context: ({ input }) => ({ ...input, rounds: 0 }),
  initial: 'unraised',
  states: {
    unraised: { on: { RAISE: { target: 'raised', actions: 'open' } } },
    raised: {
      on: {
        ROUND_ENDED: [
          { guard: { type: 'served', params: 'discussAfter' }, target: 'discussed', actions: 'restart' },
          { actions: 'countRound' },
        ],
      },
    },
    discussed: {
      on: {
        ROUND_ENDED: [{ guard: 'endorsed', target: 'endorsed', actions: 'restart' }, { actions: 'countRound' }],
      },
    },
    endorsed: {
      on: {
        ROUND_ENDED: [{ guard: 'reported', target: 'reported', actions: 'restart' }, { actions: 'countRound' }],
      },
    },
    // Lasting: a norm reported on stays so for the rest of the exercise.
    reported: { type: 'final' },
  },
});

/** The stages of the track, in order; "unraised" before any government raises a violation. */
export const NORMS_STATES = ['unraised', 'raised', 'discussed', 'endorsed', 'reported'] as const;
export type NormsStage = (typeof NORMS_STATES)[number];
