/**
 * One channel of sanctions evasion (sanctions.evasion.channels): dormant
 * until the adversary opens it to route around sanctions in force; open, it
 * leaks part of their bite; enforcement (screening, designations, joint
 * enforcement) adds pressure, which narrows it and at last closes it. Who
 * opens it and when, and how much pressure each step adds, is worked out by
 * the engine (adjudicate/evasionTurn.ts); the chart keeps the stages and the
 * pressure that has bitten.
 */
import { assign, setup } from 'xstate';

interface ChannelContext {
  /** Enforcement pressure that has bitten so far. */
  pressure: number;
  narrowAt: number;
  closeAt: number;
}

type ChannelEvent = { type: 'OPEN' } | { type: 'ENFORCED'; pressure: number };

const after = (context: ChannelContext, event: ChannelEvent): number => context.pressure + (event.type === 'ENFORCED' ? event.pressure : 0);

export const channelMachine = setup({
  types: {} as { context: ChannelContext; input: { narrowAt: number; closeAt: number }; events: ChannelEvent },
  guards: {
    closes: ({ context, event }) => after(context, event) >= context.closeAt,
    narrows: ({ context, event }) => after(context, event) >= context.narrowAt,
  },
  actions: { addPressure: assign({ pressure: ({ context, event }) => after(context, event) }) },
}).createMachine({
  id: 'channel',
  context: ({ input }) => ({ pressure: 0, narrowAt: input.narrowAt, closeAt: input.closeAt }),
  initial: 'dormant',
  states: {
    // Screening before the channel opens is prevention: its pressure waits for the channel.
    dormant: { on: { OPEN: 'open', ENFORCED: { actions: 'addPressure' } } },
    open: {
      on: {
        ENFORCED: [
          { guard: 'closes', target: 'closed', actions: 'addPressure' },
          { guard: 'narrows', target: 'narrowed', actions: 'addPressure' },
          { actions: 'addPressure' },
        ],
      },
    },
    narrowed: {
      on: {
        ENFORCED: [{ guard: 'closes', target: 'closed', actions: 'addPressure' }, { actions: 'addPressure' }],
      },
    },
    closed: { type: 'final' },
  },
});

export const CHANNEL_STATES = ['dormant', 'open', 'narrowed', 'closed'] as const;
export type ChannelStage = (typeof CHANNEL_STATES)[number];

/** How much of its leak a channel lets through at each stage: all while open, half once narrowed. */
export const LEAK_AT_STAGE: Record<ChannelStage, number> = { dormant: 0, open: 1, narrowed: 0.5, closed: 0 };
