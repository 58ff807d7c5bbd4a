/**
 * Attribution of one incident. Each government runs its own national chart
 * (what it knows and what it has said); the coalition chart tracks the shared
 * evidentiary record and joint public attribution.
 *
 * Confidence follows from evidence points against the scenario's thresholds,
 * so upgrades and downgrades (deception) are both just EVIDENCE events. A
 * false flag (FALSE_FLAG) makes the government suspect the wrong state until
 * new evidence corrects it (CORROBORATE); likelihood is read from the
 * incident and kept apart from confidence (rules/readers.ts).
 */
import { assign, setup } from 'xstate';
import { confidenceAtLeast, confidenceOf, type EvidenceThresholds } from '../confidence';

interface NationalContext {
  evidence: number;
  thresholds: EvidenceThresholds;
  /** Following a false flag: the government suspects the state the planted evidence points to. */
  misled?: boolean;
}

const atLeastModerate = ({ context }: { context: NationalContext }) =>
  confidenceAtLeast(confidenceOf(context.evidence, context.thresholds), 'moderate');

export const nationalAttributionMachine = setup({
  types: {} as {
    context: NationalContext;
    input: { evidence: number; thresholds: EvidenceThresholds };
    events:
      | { type: 'EVIDENCE'; points: number }
      | { type: 'FALSE_FLAG' }
      | { type: 'CORROBORATE' }
      | { type: 'DETECT' }
      | { type: 'PRIVATE_SIGNAL' }
      | { type: 'PUBLIC_ATTRIBUTION' }
      | { type: 'NOT_IN_A_POSITION' }
      | { type: 'RETRACT' };
  },
  guards: {
    hasAnyEvidence: ({ context }) => context.evidence > 0,
    reachesSuspicion: ({ context }) => context.evidence >= context.thresholds.suspected,
    reachesAssessment: ({ context }) => context.evidence >= context.thresholds.low,
    atLeastModerate,
  },
  actions: {
    addEvidence: assign({
      evidence: ({ context, event }) => Math.max(0, context.evidence + (event.type === 'EVIDENCE' ? event.points : 0)),
    }),
    mislead: assign({ misled: true }),
    correct: assign({ misled: false }),
  },
}).createMachine({
  id: 'nationalAttribution',
  context: ({ input }) => ({ evidence: input.evidence, thresholds: input.thresholds }),
  initial: 'unknown',
  on: { EVIDENCE: { actions: 'addEvidence' }, FALSE_FLAG: { actions: 'mislead' }, CORROBORATE: { actions: 'correct' } },
  states: {
    // "Not in a position to attribute" is a public stance a government may take at any stage short of attributing.
    unknown: { on: { DETECT: 'detected', NOT_IN_A_POSITION: 'notInAPosition' }, always: { guard: 'hasAnyEvidence', target: 'detected' } },
    detected: { on: { NOT_IN_A_POSITION: 'notInAPosition' }, always: { guard: 'reachesSuspicion', target: 'suspected' } },
    suspected: { on: { NOT_IN_A_POSITION: 'notInAPosition' }, always: { guard: 'reachesAssessment', target: 'assessed' } },
    assessed: {
      on: {
        PRIVATE_SIGNAL: 'signalledPrivately',
        NOT_IN_A_POSITION: 'notInAPosition',
        PUBLIC_ATTRIBUTION: { guard: 'atLeastModerate', target: 'attributedPublicly' },
      },
    },
    signalledPrivately: { on: { NOT_IN_A_POSITION: 'notInAPosition', PUBLIC_ATTRIBUTION: { guard: 'atLeastModerate', target: 'attributedPublicly' } } },
    // Said in public; the assessment goes on underneath, and the government may still attribute once it can.
    notInAPosition: { on: { PRIVATE_SIGNAL: 'signalledPrivately', PUBLIC_ATTRIBUTION: { guard: 'atLeastModerate', target: 'attributedPublicly' } } },
    attributedPublicly: { on: { RETRACT: 'retracted' } },
    retracted: { on: { PUBLIC_ATTRIBUTION: { guard: 'atLeastModerate', target: 'attributedPublicly' } } },
  },
});

interface CoalitionContext {
  sharedBy: string[];
  confident: string[];
}

export const coalitionAttributionMachine = setup({
  types: {} as {
    context: CoalitionContext;
    events:
      | { type: 'EVIDENCE_SHARED'; team: string }
      | { type: 'CONFIDENCE_UPDATE'; confident: string[] }
      | { type: 'JOINT_ATTRIBUTION' }
      | { type: 'RETRACT' };
  },
  guards: {
    // A joint statement needs two governments at moderate confidence or more and a shared evidentiary record.
    jointRecordSuffices: ({ context }) => context.confident.length >= 2 && context.sharedBy.length >= 1,
  },
  actions: {
    recordSharing: assign({
      sharedBy: ({ context, event }) =>
        event.type === 'EVIDENCE_SHARED' && !context.sharedBy.includes(event.team) ? [...context.sharedBy, event.team] : context.sharedBy,
    }),
    recordConfidence: assign({
      confident: ({ context, event }) => (event.type === 'CONFIDENCE_UPDATE' ? event.confident : context.confident),
    }),
  },
}).createMachine({
  id: 'coalitionAttribution',
  context: { sharedBy: [], confident: [] },
  initial: 'idle',
  on: { CONFIDENCE_UPDATE: { actions: 'recordConfidence' } },
  states: {
    idle: { on: { EVIDENCE_SHARED: { target: 'pooling', actions: 'recordSharing' } } },
    pooling: {
      on: {
        EVIDENCE_SHARED: { actions: 'recordSharing' },
        JOINT_ATTRIBUTION: { guard: 'jointRecordSuffices', target: 'jointlyAttributed' },
      },
    },
    jointlyAttributed: { on: { EVIDENCE_SHARED: { actions: 'recordSharing' }, RETRACT: 'retracted' } },
    retracted: { on: { EVIDENCE_SHARED: { actions: 'recordSharing' } } },
  },
});
