/**
 * The exercise flow: lobby, briefing, rounds of deliberation and results,
 * debrief. Pausing keeps the round where it was (a history state).
 */
import { setup } from 'xstate';

export const exerciseMachine = setup({
  types: {} as {
    events:
      | { type: 'START' }
      | { type: 'BEGIN_ROUND' }
      | { type: 'RESOLVE' }
      | { type: 'FINISH' }
      | { type: 'PAUSE' }
      | { type: 'RESUME' };
  },
}).createMachine({
  id: 'exercise',
  initial: 'lobby',
  states: {
    lobby: { on: { START: 'briefing' } },
    briefing: { on: { BEGIN_ROUND: 'running.deliberation', FINISH: 'debrief' } },
    running: {
      initial: 'deliberation',
      on: { PAUSE: 'paused', FINISH: 'debrief' },
      states: {
        deliberation: { on: { RESOLVE: 'results' } },
        results: { on: { BEGIN_ROUND: 'deliberation' } },
        resume: { type: 'history' },
      },
    },
    paused: { on: { RESUME: 'running.resume', FINISH: 'debrief' } },
    debrief: { type: 'final' },
  },
});
