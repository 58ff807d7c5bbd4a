/**
 * The machine-readable protocol: every client event with its payload and
 * answer schema, every server event with its arguments, and the documents
 * published from them in docs/protocol/ (JSON Schema files and an AsyncAPI
 * document). The server's socket routes take their payload schemas from
 * CLIENT_EVENTS, so what is published is what is checked;
 * `firebreak protocol --write` regenerates the files and
 * test/protocol/published.test.ts fails when they are stale.
 *
 * No Node APIs here.
 */
import { z } from 'zod';
import {
  classGradesAckSchema,
  commandAckSchema,
  decisionPreviewAckSchema,
  scoreExplainAckSchema,
  errorAnswerSchema,
  exerciseCreateAckSchema,
  exerciseListAckSchema,
  exportAckSchema,
  presenceSchema,
  researchClassAckSchema,
  scenarioListAckSchema,
  seatInfoSchema,
  seatJoinAckSchema,
  seatResumeAckSchema,
  serverErrorSchema,
  teamReadyAckSchema,
  viewPatchSchema,
} from './answers';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from './events';
import { exerciseLogSchema } from './log';
import {
  classGradesPayloadSchema,
  commandBodySchema,
  commandPayloadSchema,
  decisionDraftSchema,
  decisionPreviewPayloadSchema,
  emptyPayloadSchema,
  exerciseCreatePayloadSchema,
  exerciseListPayloadSchema,
  exportPayloadSchema,
  researchClassPayloadSchema,
  scoreExplainPayloadSchema,
  seatJoinPayloadSchema,
  seatResumePayloadSchema,
  teamReadyPayloadSchema,
} from './schemas';
import { exerciseViewSchema, jointProposalSchema, outcomeSchema, reportCardSchema, scoreSchema } from './view';

export interface ClientEvent {
  payload: z.ZodType;
  answer: z.ZodType;
  /** One line: what the event does (docs/protocol.md has the rest). */
  summary: string;
}

/** Every event a client may send: its payload schema (what the server checks) and its answer. */
export const CLIENT_EVENTS = {
  'scenario:list': { payload: emptyPayloadSchema, answer: scenarioListAckSchema, summary: 'The shipped scenarios.' },
  'exercise:create': {
    payload: exerciseCreatePayloadSchema,
    answer: exerciseCreateAckSchema,
    summary: 'Creates an exercise; the answer carries the facilitator credential and the join codes.',
  },
  'exercise:list': { payload: exerciseListPayloadSchema, answer: exerciseListAckSchema, summary: 'The exercises these facilitator credentials run.' },
  'seat:join': { payload: seatJoinPayloadSchema, answer: seatJoinAckSchema, summary: 'Takes a new seat with a join code; answers the credential and the full view.' },
  'seat:resume': {
    payload: seatResumePayloadSchema,
    answer: seatResumeAckSchema,
    summary: 'Binds this socket to a credential\'s seat; answers the full view. Refused: the socket is bound to no seat.',
  },
  command: { payload: commandPayloadSchema, answer: commandAckSchema, summary: 'One command to the exercise, with a client-made id; retries with the same id and body are safe.' },
  'team:ready': { payload: teamReadyPayloadSchema, answer: teamReadyAckSchema, summary: 'A team member\'s vote to lock the team\'s decisions.' },
  export: { payload: exportPayloadSchema, answer: exportAckSchema, summary: 'The exercise log (JSON or CSV) or the grade sheet, as this seat may see it.' },
  'decision:preview': { payload: decisionPreviewPayloadSchema, answer: decisionPreviewAckSchema, summary: 'What a draft would score now; nothing changes.' },
  'score:explain': {
    payload: scoreExplainPayloadSchema,
    answer: scoreExplainAckSchema,
    summary: 'The components, rules and summary behind scores, and the whole report cards, the seat\'s view refers to (their explanation references); nothing changes.',
  },
  'grades:class': { payload: classGradesPayloadSchema, answer: classGradesAckSchema, summary: 'One grade sheet across the exercises these facilitator credentials run.' },
  'research:class': {
    payload: researchClassPayloadSchema,
    answer: researchClassAckSchema,
    summary: 'The research export of a class: every exercise these facilitator credentials run, pseudonymised, one row per decision (CSV or Arrow).',
  },
} as const satisfies Record<string, ClientEvent>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;

/** Every event the server sends, with the schema of each argument. */
export const SERVER_EVENTS = {
  'view:patch': {
    args: [viewPatchSchema, z.number().describe('serverNow: the server\'s time, epoch ms.')],
    summary: 'What changed in the seat\'s view (RFC 6902), and the server\'s time.',
  },
  presence: { args: [presenceSchema], summary: 'Who sits in the exercise and who is connected, whenever it changes.' },
  'server:error': { args: [serverErrorSchema], summary: 'An event the server could not answer (it had no acknowledgement callback).' },
} as const;

// Compile-time proof that the published events are exactly the typed ones.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const clientEventsAgree: SameKeys<typeof CLIENT_EVENTS, ClientToServerEvents> = true;
const serverEventsAgree: SameKeys<typeof SERVER_EVENTS, ServerToClientEvents> = true;
void clientEventsAgree;
void serverEventsAgree;

/** A file-name-safe id for an event: seat:join -> seat-join. */
export const fileId = (event: string): string => event.replace(/:/g, '-');

/** Shared pieces published as their own files, so the event files refer to them. */
const SHARED_INPUT: [z.ZodType, string][] = [
  [commandBodySchema, 'CommandBody'],
  [decisionDraftSchema, 'DecisionDraft'],
];
const SHARED_OUTPUT: [z.ZodType, string][] = [
  [exerciseViewSchema, 'ExerciseView'],
  [viewPatchSchema, 'ViewPatch'],
  [presenceSchema, 'Presence'],
  [serverErrorSchema, 'ServerError'],
  [errorAnswerSchema, 'ErrorAnswer'],
  [seatInfoSchema, 'SeatInfo'],
  [scoreSchema, 'Score'],
  [reportCardSchema, 'ReportCard'],
  [outcomeSchema, 'Outcome'],
  [jointProposalSchema, 'JointProposal'],
  [exerciseLogSchema, 'ExerciseLog'],
];

type JsonSchema = Record<string, unknown>;

function generate(entries: [z.ZodType, string][], io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${id}.schema.json` });
  return schemas as Record<string, JsonSchema>;
}

/** Every published JSON Schema, by id (its file is docs/protocol/schemas/<id>.schema.json). */
export function protocolJsonSchemas(): Record<string, JsonSchema> {
  const events = Object.entries(CLIENT_EVENTS) as [string, ClientEvent][];
  return {
    // What clients send is described as sent (before the server trims and normalises).
    ...generate([...SHARED_INPUT, ...events.map(([name, e]): [z.ZodType, string] => [e.payload, `${fileId(name)}.payload`])], 'input'),
    ...generate([...SHARED_OUTPUT, ...events.map(([name, e]): [z.ZodType, string] => [e.answer, `${fileId(name)}.answer`])], 'output'),
  };
}

const ref = (id: string) => ({ $ref: `schemas/${id}.schema.json` });

/** The AsyncAPI 3.0 document of the socket events; its payloads refer to the JSON Schema files. */
export function asyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const [name, event] of Object.entries(CLIENT_EVENTS) as [string, ClientEvent][]) {
    const id = fileId(name);
    messages[id] = { name, title: name, summary: event.summary, payload: ref(`${id}.payload`) };
    messages[`${id}.answer`] = { name: `${name} (answer)`, summary: `The acknowledgement of ${name}: { ok: true, ... } or a refusal.`, payload: ref(`${id}.answer`) };
    operations[id] = {
      action: 'receive',
      channel: { $ref: '#/channels/socket' },
      summary: event.summary,
      messages: [{ $ref: `#/channels/socket/messages/${id}` }],
      reply: { channel: { $ref: '#/channels/socket' }, messages: [{ $ref: `#/channels/socket/messages/${id}.answer` }] },
    };
  }
  for (const [name, event] of Object.entries(SERVER_EVENTS)) {
    const id = fileId(name);
    const first = name === 'view:patch' ? ref('ViewPatch') : name === 'presence' ? ref('Presence') : ref('ServerError');
    messages[id] = {
      name,
      title: name,
      summary: event.summary,
      payload: name === 'view:patch'
        ? { type: 'array', description: 'socket.io arguments: the patch, then serverNow (epoch ms).', prefixItems: [first, { type: 'number' }], items: false }
        : first,
    };
    operations[id] = { action: 'send', channel: { $ref: '#/channels/socket' }, summary: event.summary, messages: [{ $ref: `#/channels/socket/messages/${id}` }] };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Firebreak socket protocol',
      version: String(PROTOCOL_VERSION),
      description:
        'socket.io 4 events between a Firebreak client and server, on the default namespace. Every client event carries one payload object and an acknowledgement callback, called exactly once with the answer. docs/protocol.md is the guide; the payloads here are generated from the zod schemas the server validates with.',
    },
    defaultContentType: 'application/json',
    servers: { firebreak: { host: 'localhost:8080', pathname: '/socket.io/', protocol: 'ws', description: 'socket.io (WebSocket or HTTP long polling) on the server\'s HTTP port.' } },
    channels: { socket: { address: '/', title: 'The default socket.io namespace', messages } },
    operations,
  };
}

/** Every published file, relative to docs/protocol/, with its text. */
export function publishedProtocolFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  for (const [id, schema] of Object.entries(protocolJsonSchemas())) files[`schemas/${id}.schema.json`] = text(schema);
  files['asyncapi.json'] = text(asyncApiDocument());
  return files;
}
