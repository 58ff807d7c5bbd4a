/**
 * A government's request to a platform or vendor: requested, then, once the
 * platform has had its time, cooperating (a takedown or preservation carried
 * out), disclosed (what it holds handed over), delayed (one more round) or
 * refused. Whether it complies is worked out by the engine from its duties
 * in the requesting government's jurisdiction (adjudicate/platformsTurn.ts);
 * the chart keeps the stages.
 */
import { assign, setup } from 'xstate';

export const PLATFORM_ANSWERS = ['cooperating', 'disclosed', 'delayed', 'refused'] as const;
export type PlatformAnswer = (typeof PLATFORM_ANSWERS)[number];

interface RequestContext {
  rounds: number;
  delay: number;
}

type RequestEvent = { type: 'ROUND_ENDED' } | { type: 'ANSWER'; answer: PlatformAnswer };

export const platformRequestMachine = setup({
  types: {} as { context: RequestContext; input: { delay: number }; events: RequestEvent },
  guards: {
    answers: ({ context, event }, answer: PlatformAnswer) => context.rounds > context.delay && event.type === 'ANSWER' && event.answer === answer,
    answersFinally: ({ event }, answer: PlatformAnswer) => event.type === 'ANSWER' && event.answer === answer,
  },
  actions: { countRound: assign({ rounds: ({ context }) => context.rounds + 1 }) },
}).createMachine({
  id: 'platformRequest',
  context: ({ input }) => ({ rounds: 0, delay: input.delay }),
  initial: 'requested',
  states: {
    requested: {
      on: {
        ROUND_ENDED: { actions: 'countRound' },
        // An answer before the platform has had its time is ignored.
        ANSWER: [
          { guard: { type: 'answers', params: 'cooperating' }, target: 'cooperating' },
          { guard: { type: 'answers', params: 'disclosed' }, target: 'disclosed' },
          { guard: { type: 'answers', params: 'delayed' }, target: 'delayed' },
          { guard: { type: 'answers', params: 'refused' }, target: 'refused' },
        ],
      },
    },
    // A delayed request is answered at the end of the next round, for good.
    delayed: {
      on: {
        ANSWER: [
          { guard: { type: 'answersFinally', params: 'cooperating' }, target: 'cooperating' },
          { guard: { type: 'answersFinally', params: 'disclosed' }, target: 'disclosed' },
          { guard: { type: 'answersFinally', params: 'refused' }, target: 'refused' },
        ],
      },
    },
    cooperating: { type: 'final' },
    disclosed: { type: 'final' },
    refused: { type: 'final' },
  },
});

export const PLATFORM_REQUEST_STATES = ['requested', ...PLATFORM_ANSWERS] as const;
