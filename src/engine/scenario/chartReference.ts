/**
 * The chart section of docs/authoring.md, generated from the engine's own
 * registry: the regions a condition may name (machines/states.ts), the
 * events an effect may send (CHART_EVENTS) and what each event does in its
 * chart (the transitions of the machine itself).
 */
import type { AnyStateMachine } from 'xstate';
import { adversaryMachineFor } from '../machines/adversary';
import { nationalAttributionMachine } from '../machines/attribution';
import { deEscalationMachine } from '../machines/deEscalation';
import { disputeMachine } from '../machines/dispute';
import { transitionsOf, type Transition } from '../machines/graph';
import { CONDITION_REGIONS } from '../machines/states';
import { CHART_EVENTS, type Scenario } from './schema';

type SendChart = keyof typeof CHART_EVENTS;

/** The adversary's chart with two stand-in phases, to show what ADVANCE_PHASE does. */
const adversaryWithStandInPhases = () => adversaryMachineFor({ adversary: { phases: [{ id: '<a phase>' }, { id: '<the next>' }] } } as unknown as Scenario);

const SEND_TARGETS: Record<SendChart, { machine: () => AnyStateMachine; addressed: string }> = {
  adversary: { machine: adversaryWithStandInPhases, addressed: 'the adversary' },
  attribution: {
    machine: () => nationalAttributionMachine,
    addressed: 'attribution.<incident>.<team> of the acting team (every team when an inject sends it); the incident is send.incident or the action\'s target',
  },
  deEscalation: { machine: () => deEscalationMachine, addressed: 'deEscalation' },
  dispute: { machine: () => disputeMachine, addressed: 'dispute' },
};

/**
 * What each event means, in words; `as` names the chart event it becomes
 * when the engine translates it (the adversary's offers become OFFER).
 * A test checks that every event of CHART_EVENTS has an entry.
 */
export const EVENT_NOTES: Record<string, { note: string; as?: string }> = {
  'adversary.ESCALATE': { note: 'The adversary retaliates: its posture becomes titForTat for the round.' },
  'adversary.DETERRENCE_SIGNAL': {
    note: 'Adds 0.1 (at most 0.3 in all) to the chance that the adversary is deterred when it next reassesses; spent when a reaction rule changes its posture.',
  },
  'adversary.ADVANCE_PHASE': { note: 'Moves the campaign to its next phase (nothing after the last).' },
  'attribution.DETECT': { note: 'The team notices the incident.' },
  'attribution.PRIVATE_SIGNAL': { note: 'An assessed attribution is conveyed privately to the adversary.' },
  'attribution.PUBLIC_ATTRIBUTION': { note: 'Public attribution; needs at least moderate confidence.' },
  'attribution.RETRACT': { note: 'Withdraws a public attribution.' },
  'deEscalation.OPEN_CHANNEL': { note: 'Opens a back channel (again, after a relapse).' },
  'deEscalation.ACK': { note: 'The adversary acknowledges the channel: talks begin.' },
  'deEscalation.SET_CONDITIONS': { note: 'The talks set conditions for rolling measures back.' },
  'deEscalation.VERIFIED': { note: 'Cessation is verified: rollback begins.' },
  'deEscalation.VIOLATION': { note: 'A violation: the process relapses.' },
  'dispute.OFFER_MEDIATION': { note: 'The adversary offers mediation; ignored while an offer, a mediation or a tribunal is under way.', as: 'OFFER' },
  'dispute.OFFER_ARBITRATION': { note: 'The adversary offers arbitration; ignored while an offer, a mediation or a tribunal is under way.', as: 'OFFER' },
};

const code = (text: string) => `\`${text}\``;

function describeTransitions(transitions: Transition[]): string {
  if (transitions.length === 0) return 'no change of state';
  return transitions
    .map((t) => {
      const from = t.from === '*' ? 'any state' : t.fromCompound ? `any state of ${code(t.from)}` : code(t.from);
      const to = t.to.length ? t.to.map(code).join(', ') : `stays (${t.actions.join(', ') || 'no action'})`;
      return `${from} → ${to}${t.guard ? ` if ${t.guard}` : ''}`;
    })
    .join('; ');
}

function regionsTable(): string[] {
  const rows = CONDITION_REGIONS.map(
    (r) => `| ${code(r.region)} | ${r.states ? r.states.map(code).join(', ') : 'the ids of `adversary.phases`'} | ${code(r.chart)} | ${r.about} |`,
  );
  return ['| region | states | chart | what it is |', '| --- | --- | --- | --- |', ...rows];
}

function eventsTable(): string[] {
  const rows: string[] = [];
  for (const chart of Object.keys(CHART_EVENTS) as SendChart[]) {
    const target = SEND_TARGETS[chart];
    const transitions = transitionsOf(target.machine());
    for (const event of CHART_EVENTS[chart]) {
      const notes = EVENT_NOTES[`${chart}.${event}`];
      const machineEvent = notes?.as ?? event;
      const moves = describeTransitions(transitions.filter((t) => t.event === machineEvent));
      rows.push(`| ${code(chart)} | ${code(event)} | ${notes?.note ?? ''} | ${moves} |`);
    }
  }
  return ['| `send.chart` | `send.event` | what it does | transitions |', '| --- | --- | --- | --- |', ...rows];
}

export function chartReference(): string {
  return [
    '### Chart regions and events',
    '',
    'Generated from the engine\'s registry by `npx firebreak schema --docs`. A condition `{"state": "<region>", "in": [...]}` names a region and some of its states; `<incident>` and `<team>` stand for ids of the scenario. `npx firebreak graph <scenario> --out charts/` draws each chart, with these names on its states.',
    '',
    ...regionsTable(),
    '',
    `An effect \`{"send": {"chart": …, "event": …}}\` sends one of these events. An attribution event goes to ${SEND_TARGETS.attribution.addressed}.`,
    '',
    ...eventsTable(),
    '',
  ].join('\n');
}
