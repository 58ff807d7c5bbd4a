/** The payload schemas: every command body of the engine passes, anything else does not. */
import { describe, expect, it } from 'vitest';
import type { CommandBody } from '../../src/engine/types';
import {
  commandBodySchema,
  commandPayloadSchema,
  exerciseCreatePayloadSchema,
  LIMITS,
  seatJoinPayloadSchema,
} from '../../src/protocol/schemas';

const VALID: CommandBody[] = [
  { type: 'startExercise' },
  { type: 'advance' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'adjustClock', deltaMs: -300_000 },
  { type: 'releaseInject', inject: 'leak-1' },
  { type: 'releaseAdhocInject', inject: { title: 'T', body: 'B', audience: { teams: ['usa'] } } },
  { type: 'releaseAdhocInject', inject: { title: 'T', body: 'B', audience: 'facilitator' } },
  { type: 'holdInject', inject: 'leak-1' },
  { type: 'overrideScore', decision: 'd12', proportionality: 55.5, reason: 'Context' },
  { type: 'overridePosture', posture: 'titForTat', reason: 'Context' },
  { type: 'overrideEscalation', level: 0, reason: 'Context' },
  { type: 'announce', text: 'Hello' },
  { type: 'endExercise', reason: '' },
  { type: 'reopenExercise', reason: 'A team asks for more time to talk' },
  { type: 'clockExpired', round: 2 },
  { type: 'draftDecision', draft: { action: 'expel', incident: 'leak', options: { notice: true, sunset: false }, rationale: 'Why' } },
  { type: 'draftDecision', draft: { action: 'resilience' } },
  { type: 'withdrawDecision', decision: 'd3' },
  { type: 'lockDecisions' },
  { type: 'unlockDecisions' },
  { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'leak' } },
  { type: 'respondJoint', proposal: 'p1', join: true, rationale: 'With you' },
  { type: 'shareIntel', incident: 'leak', with: 'coalition' },
  { type: 'shareIntel', incident: 'leak', with: ['uk', 'fr'] },
  { type: 'chat', channel: 'coalition', text: 'x'.repeat(LIMITS.chat) },
  { type: 'note', text: 'Good', objective: 'coordinate', rating: 'P', round: 1 },
  { type: 'chooseAdversaryMove', move: 'amplify' },
  { type: 'chooseAdversaryMove', move: null },
];

describe('command body schema', () => {
  it('accepts every kind of command body of the engine', () => {
    const types = new Set<string>();
    for (const body of VALID) {
      const parsed = commandBodySchema.safeParse(body);
      expect(parsed.success, JSON.stringify(body)).toBe(true);
      types.add(body.type);
    }
    expect(types.size).toBe(25);
  });

  it('refuses extra keys, unknown types, and values out of bounds', () => {
    const invalid: unknown[] = [
      { type: 'lockDecisions', actor: { role: 'facilitator' } },
      { type: 'chat', channel: 'team', text: 'x', at: 0 },
      { type: 'nope' },
      { type: 'chat', channel: 'team', text: 'x'.repeat(LIMITS.chat + 1) },
      { type: 'draftDecision', draft: { action: 'a', rationale: 'x'.repeat(LIMITS.rationale + 1) } },
      { type: 'draftDecision', draft: { action: 'a', options: { bribe: true } } },
      { type: 'draftDecision', draft: { action: 'a', sneaky: 1 } },
      { type: 'adjustClock', deltaMs: Number.POSITIVE_INFINITY },
      { type: 'adjustClock', deltaMs: Number.NaN },
      { type: 'adjustClock', deltaMs: LIMITS.maxClockDeltaMs + 1 },
      { type: 'overrideScore', decision: 'd', proportionality: -1, reason: 'x' },
      { type: 'overrideEscalation', level: 2.5, reason: 'x' },
      { type: 'overridePosture', posture: 'angry', reason: 'x' },
      { type: 'note', text: 'x', rating: 'A' },
      { type: 'shareIntel', incident: 'i', with: [] },
      { type: 'releaseAdhocInject', inject: { title: '', body: 'b', audience: 'all' } },
      { type: 'releaseAdhocInject', inject: { title: 't', body: 'b', audience: { teams: [] } } },
      { type: 'withdrawDecision', decision: 'x'.repeat(LIMITS.ref + 1) },
    ];
    for (const body of invalid) expect(commandBodySchema.safeParse(body).success, JSON.stringify(body).slice(0, 80)).toBe(false);
  });

  it('checks command ids', () => {
    const body = { type: 'lockDecisions' };
    expect(commandPayloadSchema.safeParse({ id: 'b3c1-44:x_y.z', body }).success).toBe(true);
    expect(commandPayloadSchema.safeParse({ id: 'x'.repeat(LIMITS.commandId), body }).success).toBe(true);
    expect(commandPayloadSchema.safeParse({ id: 'x'.repeat(LIMITS.commandId + 1), body }).success).toBe(false);
    expect(commandPayloadSchema.safeParse({ id: '<script>', body }).success).toBe(false);
    expect(commandPayloadSchema.safeParse({ body }).success).toBe(false);
  });
});

describe('other payloads', () => {
  it('normalises join codes and names', () => {
    const parsed = seatJoinPayloadSchema.parse({ code: ' abc-234 ', name: '  Kim ' });
    expect(parsed).toEqual({ code: 'ABC234', name: 'Kim' });
    expect(seatJoinPayloadSchema.safeParse({ code: 'ABC234', name: 'tab\there' }).success).toBe(false);
    expect(seatJoinPayloadSchema.safeParse({ code: 'ABC234', name: 'x'.repeat(LIMITS.name + 1) }).success).toBe(false);
  });

  it('needs exactly one scenario source to create an exercise', () => {
    expect(exerciseCreatePayloadSchema.safeParse({ scenarioId: 'us-2016' }).success).toBe(true);
    expect(exerciseCreatePayloadSchema.safeParse({ scenarioText: '{}' }).success).toBe(true);
    expect(exerciseCreatePayloadSchema.safeParse({}).success).toBe(false);
    expect(exerciseCreatePayloadSchema.safeParse({ scenarioId: 'a', scenarioText: '{}' }).success).toBe(false);
    expect(exerciseCreatePayloadSchema.safeParse({ scenarioId: 'a', seed: 'x'.repeat(LIMITS.seed + 1) }).success).toBe(false);
  });
});
