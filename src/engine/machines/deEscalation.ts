/**
 * De-escalation: a back channel, talks, conditions, verified rollback and
 * normalisation; a violation at any point is a relapse.
 */
import { assign, setup } from 'xstate';

interface DeEscalationContext {
  quietRounds: number;
  verifyRounds: number;
}

export const deEscalationMachine = setup({
  types: {} as {
    context: DeEscalationContext;
    input: { verifyRounds: number };
    events:
      | { type: 'OPEN_CHANNEL' }
      | { type: 'ACK' }
      | { type: 'SET_CONDITIONS' }
      | { type: 'VERIFIED' }
      | { type: 'ROLLBACK_DONE' }
      | { type: 'VIOLATION' }
      | { type: 'ROUND_ENDED'; adversaryActive: boolean };
  },
  guards: {
    cessationVerified: ({ context }) => context.quietRounds >= context.verifyRounds,
  },
  actions: {
    countQuiet: assign({
      quietRounds: ({ context, event }) => (event.type === 'ROUND_ENDED' && !event.adversaryActive ? context.quietRounds + 1 : 0),
    }),
    // Verification counts only the quiet rounds after the conditions were set.
    startVerifying: assign({ quietRounds: () => 0 }),
  },
}).createMachine({
  id: 'deEscalation',
  context: ({ input }) => ({ quietRounds: 0, verifyRounds: input.verifyRounds }),
  initial: 'idle',
  on: { ROUND_ENDED: { actions: 'countQuiet' } },
  states: {
    idle: { on: { OPEN_CHANNEL: 'backchannel' } },
    backchannel: { on: { ACK: 'talks', VIOLATION: 'relapse' } },
    talks: { on: { SET_CONDITIONS: { target: 'conditional', actions: 'startVerifying' }, VIOLATION: 'relapse' } },
    conditional: { on: { VERIFIED: { guard: 'cessationVerified', target: 'rollback' }, VIOLATION: 'relapse' } },
    rollback: { on: { ROLLBACK_DONE: 'normalised', VIOLATION: 'relapse' } },
    normalised: { on: { VIOLATION: 'relapse' } },
    relapse: { on: { OPEN_CHANNEL: 'backchannel' } },
  },
});
