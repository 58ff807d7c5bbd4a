/**
 * One request to a verification body (a commission of inquiry, or a peer
 * review among allies) to examine an attribution: it examines for the body's
 * number of rounds, then reports a finding that confirms, qualifies or
 * contradicts the claim. The finding itself is worked out by the engine from
 * the facts (adjudicate/institutionsTurn.ts); the chart keeps the stages.
 */
import { assign, setup } from 'xstate';

export const FINDINGS = ['confirmed', 'qualified', 'contradicted'] as const;
export type Finding = (typeof FINDINGS)[number];

interface VerificationContext {
  rounds: number;
  reportAfter: number;
}

export const verificationMachine = setup({
  types: {} as {
    context: VerificationContext;
    input: { reportAfter: number };
    events: { type: 'ROUND_ENDED' } | { type: 'REPORT'; finding: Finding };
  },
  guards: {
    due: ({ context }) => context.rounds >= context.reportAfter,
    finds: ({ context, event }, finding: Finding) => context.rounds >= context.reportAfter && event.type === 'REPORT' && event.finding === finding,
  },
  actions: {
    countRound: assign({ rounds: ({ context }) => context.rounds + 1 }),
  },
}).createMachine({
  id: 'verification',
  context: ({ input }) => ({ rounds: 0, reportAfter: input.reportAfter }),
  initial: 'examining',
  states: {
    examining: {
      on: {
        ROUND_ENDED: { actions: 'countRound' },
        // A report before the body has had its rounds is ignored: findings take time.
        REPORT: [
          { guard: { type: 'finds', params: 'confirmed' }, target: 'confirmed' },
          { guard: { type: 'finds', params: 'qualified' }, target: 'qualified' },
          { guard: { type: 'finds', params: 'contradicted' }, target: 'contradicted' },
        ],
      },
    },
    confirmed: { type: 'final' },
    qualified: { type: 'final' },
    contradicted: { type: 'final' },
  },
});

export const VERIFICATION_STATES = ['examining', ...FINDINGS] as const;
