/**
 * The criminal case on one incident, and each request for mutual legal
 * assistance (MLA) made for it. The case opens when a government joins a
 * joint investigation team, asks for assistance or indicts; an indictment
 * charges it; an arrest warrant makes the indicted wanted; the adversary's
 * refusal to prosecute or extradite makes them fugitives it shelters; an
 * arrest abroad, on a warrant, closes it. A request for assistance waits
 * its delay and is then granted or refused. What happens (who joins, whether
 * an officer travels, what a state answers) is worked out by the engine
 * (adjudicate/prosecutionTurn.ts); the charts keep the stages.
 */
import { assign, setup } from 'xstate';

interface CaseContext {
  /** A court has issued an arrest warrant: only then can an officer who travels be arrested. */
  warrant: boolean;
}

type CaseEvent = { type: 'CHARGE' } | { type: 'WARRANT' } | { type: 'SHELTER' } | { type: 'ARREST' };

export const caseMachine = setup({
  types: {} as { context: CaseContext; events: CaseEvent },
  guards: { hasWarrant: ({ context }) => context.warrant },
  actions: { issueWarrant: assign({ warrant: () => true }) },
}).createMachine({
  id: 'case',
  context: { warrant: false },
  initial: 'investigating',
  states: {
    investigating: { on: { CHARGE: 'charged' } },
    charged: {
      on: {
        WARRANT: { target: 'wanted', actions: 'issueWarrant' },
        // Refused prosecution or extradition: the adversary shelters the indicted.
        SHELTER: 'fugitive',
      },
    },
    wanted: {
      on: {
        SHELTER: 'fugitive',
        ARREST: { guard: 'hasWarrant', target: 'arrested' },
      },
    },
    fugitive: {
      on: {
        WARRANT: { actions: 'issueWarrant' },
        // Sheltered at home, but arrested if they travel to a state that extradites.
        ARREST: { guard: 'hasWarrant', target: 'arrested' },
      },
    },
    arrested: { type: 'final' },
  },
});

/** The stages of a case, with "none" before any step is taken on the incident. */
export const CASE_STATES = ['none', 'investigating', 'charged', 'wanted', 'fugitive', 'arrested'] as const;
/** Stages in which the case has been charged: an indictment stands. */
export const CHARGED_STATES = ['charged', 'wanted', 'fugitive', 'arrested'];

export const MLA_ANSWERS = ['granted', 'refused'] as const;
export type MlaAnswer = (typeof MLA_ANSWERS)[number];

interface MlaContext {
  rounds: number;
  delay: number;
}

export const mlaMachine = setup({
  types: {} as {
    context: MlaContext;
    input: { delay: number };
    events: { type: 'ROUND_ENDED' } | { type: 'ANSWER'; answer: MlaAnswer };
  },
  guards: {
    answers: ({ context, event }, answer: MlaAnswer) => context.rounds > context.delay && event.type === 'ANSWER' && event.answer === answer,
  },
  actions: { countRound: assign({ rounds: ({ context }) => context.rounds + 1 }) },
}).createMachine({
  id: 'mla',
  context: ({ input }) => ({ rounds: 0, delay: input.delay }),
  initial: 'requested',
  states: {
    requested: {
      on: {
        ROUND_ENDED: { actions: 'countRound' },
        // An answer before the requested state has had its delay is ignored: assistance takes time.
        ANSWER: [
          { guard: { type: 'answers', params: 'granted' }, target: 'granted' },
          { guard: { type: 'answers', params: 'refused' }, target: 'refused' },
        ],
      },
    },
    granted: { type: 'final' },
    refused: { type: 'final' },
  },
});

export const MLA_STATES = ['requested', ...MLA_ANSWERS] as const;
