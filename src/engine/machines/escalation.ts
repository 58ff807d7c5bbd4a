/**
 * The escalation ladder (Kahn, adapted): a level 0-9 in context, and three
 * bands as states: below the "don't rock the boat" threshold (0-3), hardening
 * (4-7), and beyond the cyber firebreak (8-9).
 */
import { assign, setup } from 'xstate';

export const MAX_ESCALATION = 9;

export const DEFAULT_LADDER = [
  { level: 0, label: 'Normal competition', description: 'Resilience work, platform enforcement.' },
  { level: 1, label: 'Ostensible crisis', description: 'Rhetoric, private warnings, hotline messages.' },
  { level: 2, label: 'Gestures (retorsion)', description: 'Démarches, summoned ambassadors, MLAT requests.' },
  { level: 3, label: 'Formal declarations', description: 'National or joint public attribution.' },
  { level: 4, label: 'Hardening', description: 'Expulsions, indictments, ultimatums.' },
  { level: 5, label: 'Targeted economic coercion', description: 'Asset freezes, visa bans.' },
  { level: 6, label: 'Broad economic coercion', description: 'Sectoral sanctions, export controls.' },
  { level: 7, label: 'Cyber countermeasures', description: 'Reversible disruption of hostile infrastructure.' },
  { level: 8, label: 'Disruptive effects on state systems', description: 'Beyond the cyber firebreak.' },
  { level: 9, label: 'Use-of-force threshold', description: 'UN Charter Art. 51, NATO Art. 5.' },
];

/** The two thresholds of the ladder: a level at or above one has crossed it. */
export const ESCALATION_THRESHOLDS = [
  { level: 4, name: "the “don't rock the boat” threshold" },
  { level: 8, name: 'the cyber firebreak' },
] as const;

export const clampLevel = (level: number) => Math.max(0, Math.min(MAX_ESCALATION, Math.round(level)));

/** The highest rung of a scenario's ladder: escalation never goes beyond it. */
export function ladderTop(ladder: readonly { level: number }[] | undefined): number {
  return Math.max(...(ladder ?? DEFAULT_LADDER).map((rung) => rung.level));
}

export const escalationMachine = setup({
  types: {} as { context: { level: number }; input: { level: number }; events: { type: 'SET_LEVEL'; level: number } },
  guards: {
    aboveThreshold: ({ context }) => context.level >= ESCALATION_THRESHOLDS[0].level,
    beyondFirebreak: ({ context }) => context.level >= ESCALATION_THRESHOLDS[1].level,
  },
  actions: { setLevel: assign({ level: ({ event }) => clampLevel(event.level) }) },
}).createMachine({
  id: 'escalation',
  context: ({ input }) => ({ level: clampLevel(input.level) }),
  initial: 'settling',
  on: { SET_LEVEL: { target: '.settling', actions: 'setLevel' } },
  states: {
    // A transient state that picks the band for the current level.
    settling: {
      always: [
        { guard: 'beyondFirebreak', target: 'beyondFirebreak' },
        { guard: 'aboveThreshold', target: 'hardening' },
        { target: 'belowThreshold' },
      ],
    },
    belowThreshold: {},
    hardening: {},
    beyondFirebreak: {},
  },
});
