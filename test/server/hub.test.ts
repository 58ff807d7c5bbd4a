/**
 * The hub on its own: in-memory storage, fake sockets and a recording
 * publisher instead of socket.io. The order of answers and patches, the
 * queue, idempotent retries, permissions, ready votes, the clock and recovery.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandBody } from '../../src/engine/types';
import type { ExerciseView } from '../../src/engine/view/types';
import type { CommandAck, SeatJoinAck } from '../../src/protocol/events';
import { applyViewPatch, type ViewPatch } from '../../src/protocol/patch';
import { Hub, type FbServer, type SeatSocket } from '../../src/server/hub';
import { loadShippedScenarios, type ShippedScenario } from '../../src/server/scenarios';
import { MemoryStorage } from '../../src/server/storage/memory';
import type { NewLogRecord } from '../../src/server/storage/types';
import { writeScenarioDir } from '../helpers/scenario';

const logger = pino({ level: 'silent' });
let dir: string;
let scenarios: Map<string, ShippedScenario>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firebreak-hub-'));
  writeScenarioDir(dir, [
    { id: 'test-fixture', teams: 3, rounds: 3 },
    { id: 'test-fast', teams: 3, rounds: 2, minutes: 0.04 },
  ]);
  scenarios = await loadShippedScenarios(dir, logger);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything the hub sent, in order: answers (via reply callbacks) and room emissions. */
type Sent = { kind: 'answer'; socket: string; answer: unknown } | { kind: 'emit'; room: string; event: string; payload: unknown };

class Harness {
  readonly sent: Sent[] = [];
  readonly hub: Hub;
  private sockets = 0;

  constructor(readonly storage: MemoryStorage = new MemoryStorage()) {
    this.hub = new Hub(storage, new Map(scenarios), logger, { maxSeatsPerExercise: 20, maxQueuePerExercise: 3 });
    const publisher = {
      to: (room: string) => ({
        emit: (event: string, payload: unknown) => {
          this.sent.push({ kind: 'emit', room, event, payload });
          return true;
        },
      }),
    };
    this.hub.attach(publisher as unknown as FbServer);
  }

  socket(): SeatSocket {
    return { id: `socket-${++this.sockets}`, data: { seat: null, ip: '127.0.0.1' }, join: () => true, leave: () => true };
  }

  async exercise() {
    const created = await this.hub.create({ scenarioId: 'test-fixture', seed: 'hub-seed' });
    if (!created.ok) throw new Error(created.message);
    const facilitator = this.socket();
    const resumed = this.hub.resume(facilitator, created.facilitatorCredential);
    if (!resumed.ok) throw new Error(resumed.message);
    return { created, facilitator, view: resumed.view };
  }

  async join(code: string, name: string): Promise<{ socket: SeatSocket; joined: Extract<SeatJoinAck, { ok: true }> }> {
    const socket = this.socket();
    const joined = await this.hub.join(socket, code, name);
    if (!joined.ok) throw new Error(joined.message);
    return { socket, joined };
  }

  async send(socket: SeatSocket, body: CommandBody, id: string = randomUUID()): Promise<CommandAck> {
    let answer: CommandAck | null = null;
    await this.hub.command(socket, id, body, (a) => {
      answer = a;
      this.sent.push({ kind: 'answer', socket: socket.id, answer: a });
    });
    return answer!;
  }

  patches(room: string): ViewPatch[] {
    return this.sent.flatMap((s) => (s.kind === 'emit' && s.event === 'view:patch' && s.room.endsWith(room) ? [s.payload as ViewPatch] : []));
  }
}

/** Applies patches in order to a view; fails the test on a gap. */
function follow(view: ExerciseView, patches: ViewPatch[]): ExerciseView {
  for (const patch of patches) {
    const result = applyViewPatch(view, patch);
    if (result.kind !== 'applied') throw new Error(`patch ${patch.from}->${patch.to} did not apply to ${view.seq}: ${result.kind}`);
    view = result.view;
  }
  return view;
}

describe('the hub', () => {
  it('answers a command before publishing the patch it caused, and the patch leads to the fresh view', async () => {
    const h = new Harness();
    const { created, facilitator, view } = await h.exercise();
    const ack = await h.send(facilitator, { type: 'startExercise' });
    expect(ack).toEqual({ ok: true, seq: 1 });
    const answerAt = h.sent.findIndex((s) => s.kind === 'answer');
    const patchAt = h.sent.findIndex((s) => s.kind === 'emit' && s.event === 'view:patch');
    expect(answerAt).toBeGreaterThanOrEqual(0);
    expect(patchAt).toBeGreaterThan(answerAt);
    const patched = follow(view, h.patches(':facilitator'));
    expect(patched.seq).toBe(1);
    // A second facilitator socket resuming now is sent exactly that view.
    const again = h.hub.resume(h.socket(), created.facilitatorCredential);
    expect(again.ok && again.view).toEqual(patched);
  });

  it('sends one patch per audience, shared by its seats, and nothing to audiences without a seat', async () => {
    const h = new Harness();
    const { created, facilitator } = await h.exercise();
    const [teamA, teamB] = Object.keys(created.codes.teams);
    const a1 = await h.join(created.codes.teams[teamA!]!, 'A one');
    const a2 = await h.join(created.codes.teams[teamA!]!, 'A two');
    expect(a2.joined.view).toEqual(a1.joined.view);
    h.sent.length = 0;
    await h.send(facilitator, { type: 'startExercise' });
    const rooms = h.sent.flatMap((s) => (s.kind === 'emit' && s.event === 'view:patch' ? [s.room.split(':').slice(2).join(':')] : []));
    expect(rooms.sort()).toEqual(['facilitator', `team:${teamA}`]);
    expect(rooms).not.toContain(`team:${teamB}`);
    const patched = follow(a1.joined.view, h.patches(`team:${teamA}`));
    // A seat joining the same team afterwards gets the view the others now hold.
    const a3 = await h.join(created.codes.teams[teamA!]!, 'A three');
    expect(a3.joined.view).toEqual(patched);
  });

  it('runs commands of an exercise one at a time, in order, answers BUSY beyond its queue, and publishes a burst once', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    class SlowStorage extends MemoryStorage {
      override async append(exerciseId: string, expectedSeq: number, records: NewLogRecord[]): Promise<number> {
        await gate;
        return super.append(exerciseId, expectedSeq, records);
      }
    }
    const h = new Harness(new SlowStorage());
    const { facilitator, view } = await h.exercise();
    const notes = [1, 2, 3, 4].map((i) => h.send(facilitator, { type: 'note', text: `note ${i}` }));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const answers = await Promise.all(notes);
    expect(answers.slice(0, 3)).toEqual([1, 2, 3].map((seq) => ({ ok: true, seq })));
    expect(answers[3]).toMatchObject({ ok: false, code: 'BUSY' });
    const patches = h.patches(':facilitator');
    expect(patches.length).toBeLessThan(3);
    expect(follow(view, patches).seq).toBe(3);
  });

  it('applies a retried command id once and gives the same answer', async () => {
    const h = new Harness();
    const { created, facilitator } = await h.exercise();
    await h.send(facilitator, { type: 'startExercise' });
    const id = randomUUID();
    const first = await h.send(facilitator, { type: 'note', text: 'once' }, id);
    const again = await h.send(facilitator, { type: 'note', text: 'once' }, id);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await h.storage.read(created.exerciseId, 1)).toHaveLength(2);
    // Another seat reusing the id is refused.
    const observer = await h.join(created.codes.observer, 'Olga');
    expect(await h.send(observer.socket, { type: 'note', text: 'once' }, id)).toMatchObject({ ok: false, code: 'DUPLICATE_ID' });
  });

  it('refuses a command the seat may not send before the engine sees it, with the sentence of the permission table', async () => {
    const h = new Harness();
    const { created } = await h.exercise();
    const observer = await h.join(created.codes.observer, 'Olga');
    const answer = await h.send(observer.socket, { type: 'startExercise' });
    expect(answer).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect((answer as { message: string }).message).toMatch(/facilitator/);
    const unjoined = await h.send(h.socket(), { type: 'startExercise' });
    expect(unjoined).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    expect(await h.storage.read(created.exerciseId, 1)).toHaveLength(0);
  });

  it("locks a team's decisions once every connected member votes ready", async () => {
    const h = new Harness();
    const { created, facilitator } = await h.exercise();
    const team = Object.keys(created.codes.teams)[0]!;
    const lead = await h.join(created.codes.teams[team]!, 'Lead');
    const other = await h.join(created.codes.teams[team]!, 'Other');
    await h.send(facilitator, { type: 'startExercise' });
    await h.send(facilitator, { type: 'advance' });
    const half = await h.hub.ready(other.socket, true);
    expect(half).toMatchObject({ ok: true, locked: false, waitingFor: ['Lead'] });
    expect(await h.send(other.socket, { type: 'lockDecisions' })).toMatchObject({ ok: false, code: 'NOT_LEAD' });
    const full = await h.hub.ready(lead.socket, true);
    expect(full).toMatchObject({ ok: true, locked: true });
    const log = await h.storage.read(created.exerciseId, 1);
    expect(log.at(-1)!.command).toMatchObject({ type: 'lockDecisions', actor: { role: 'team', team, name: 'team vote' } });
  });

  it('recovers an exercise from storage to the same state, views and seats', async () => {
    const h = new Harness();
    const { created, facilitator } = await h.exercise();
    const team = Object.keys(created.codes.teams)[0]!;
    const player = await h.join(created.codes.teams[team]!, 'Player');
    await h.send(facilitator, { type: 'startExercise' });
    await h.send(facilitator, { type: 'advance' });
    await h.send(player.socket, { type: 'chat', channel: 'team', text: 'hello' });
    const before = h.hub.exercises.get(created.exerciseId)!;

    const restarted = new Harness(h.storage);
    const recovered = await restarted.hub.recover();
    expect(recovered).toEqual({ exercises: 1, commands: 3, degraded: [] });
    const after = restarted.hub.exercises.get(created.exerciseId)!;
    expect(after.state).toEqual(before.state);
    expect(after.lastSeq).toBe(3);
    const resumed = restarted.hub.resume(restarted.socket(), player.joined.credential);
    expect(resumed.ok && resumed.view.seq).toBe(3);
    expect(resumed.ok && JSON.stringify(resumed.view).includes('hello')).toBe(true);
  });

  it("submits clockExpired itself when a round's deadline passes, through the same loop", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const h = new Harness();
      const created = await h.hub.create({ scenarioId: 'test-fast', seed: 'clock-seed' });
      if (!created.ok) throw new Error(created.message);
      const facilitator = h.socket();
      const resumed = h.hub.resume(facilitator, created.facilitatorCredential);
      if (!resumed.ok) throw new Error(resumed.message);
      await h.send(facilitator, { type: 'startExercise' });
      await h.send(facilitator, { type: 'advance' });
      const round = h.hub.exercises.get(created.exerciseId)!.state;
      expect(round.phase).toBe('deliberation');
      expect(round.clock.deadline).not.toBeNull();
      await vi.advanceTimersByTimeAsync(round.clock.deadline! - Date.now() + 10);
      const log = await h.storage.read(created.exerciseId, 1);
      expect(log.at(-1)!.command).toMatchObject({ type: 'clockExpired', actor: { role: 'system' }, round: round.round });
      const view = follow(resumed.view, h.patches(':facilitator'));
      expect(view.seq).toBe(log.at(-1)!.seq);
      expect(view.phase).not.toBe('deliberation');
    } finally {
      vi.useRealTimers();
    }
  });
});
