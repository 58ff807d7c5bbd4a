/**
 * Views as patches: seats whose patches are dropped and reordered on the way
 * still converge, by resuming, to exactly the view the server sends fresh and
 * the engine projects from the exercise's log.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { loadScenarioText, project, replay } from '../../src/engine';
import type { Command } from '../../src/engine/types';
import type { ExerciseView, Viewer } from '../../src/engine/view/types';
import type {
  ClientToServerEvents,
  CommandAck,
  ExportAck,
  SeatResumeAck,
  ServerToClientEvents,
} from '../../src/protocol/events';
import { ViewFollower, type ViewPatch } from '../../src/protocol/patch';
import { legalDrafts } from '../helpers/bot';
import { waitUntil } from '../helpers/client';
import { serverForThisFile } from '../helpers/perFile';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const here = serverForThisFile();

/** A deterministic generator (mulberry32), so a failing run can be repeated. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seat behind a bad network: each patch is dropped, held back behind the
 * next one, or delivered, at random, until the network heals.
 */
class UnreliableSeat {
  readonly follower = new ViewFollower(() => void this.resume());
  resyncs = 0;
  dropped = 0;
  reordered = 0;
  healed = false;
  private heldBack: ViewPatch | null = null;

  constructor(
    readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    readonly credential: string,
    readonly viewer: Viewer,
    private readonly random: () => number,
  ) {
    socket.on('view:patch', (patch) => this.arrive(patch));
  }

  static async open(url: string, credential: string, viewer: Viewer, seed: number): Promise<UnreliableSeat> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], forceNew: true });
    const seat = new UnreliableSeat(socket, credential, viewer, generator(seed));
    await seat.resume();
    seat.resyncs = 0;
    return seat;
  }

  private arrive(patch: ViewPatch): void {
    if (this.healed) {
      this.deliverHeldBack();
      this.follower.patch(patch);
      return;
    }
    const roll = this.random();
    if (roll < 0.2) {
      this.dropped += 1;
    } else if (roll < 0.4 && !this.heldBack) {
      this.heldBack = patch;
    } else {
      this.follower.patch(patch);
      if (this.heldBack) this.reordered += 1;
      this.deliverHeldBack();
    }
  }

  private deliverHeldBack(): void {
    const late = this.heldBack;
    this.heldBack = null;
    if (late) this.follower.patch(late);
  }

  async resume(): Promise<void> {
    this.resyncs += 1;
    this.follower.expectFull();
    const answer = (await this.socket.emitWithAck('seat:resume', { credential: this.credential })) as SeatResumeAck;
    if (!answer.ok) throw new Error(`resume failed: ${answer.code}`);
    this.follower.full(answer.view);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** What a freshly resumed socket of this seat receives. */
async function freshView(url: string, credential: string): Promise<ExerciseView> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], forceNew: true });
  try {
    const answer = (await socket.emitWithAck('seat:resume', { credential })) as SeatResumeAck;
    if (!answer.ok) throw new Error(`resume failed: ${answer.code}`);
    return answer.view;
  } finally {
    socket.disconnect();
  }
}

describe('views as patches', () => {
  it('bring every seat, through dropped and reordered patches, to exactly the view the server sends fresh', async () => {
    const t = await here.table({ scenarioId: 'test-fixture', players: 2, observer: true, redCell: true });
    const credentials = new Map<string, { credential: string; viewer: Viewer }>();
    credentials.set('facilitator', { credential: t.created.facilitatorCredential, viewer: { role: 'facilitator' } });
    for (const [team, players] of Object.entries(t.teams)) {
      credentials.set(team, { credential: players[1]!.credential!, viewer: { role: 'team', team } });
    }
    credentials.set('observer', { credential: t.observer!.credential!, viewer: { role: 'observer' } });
    credentials.set('redCell', { credential: t.redCell!.credential!, viewer: { role: 'redCell' } });
    const unreliable = await Promise.all(
      [...credentials.values()].map((c, i) => UnreliableSeat.open(here.url, c.credential, c.viewer, 1000 + i)),
    );

    // Play: the facilitator moves the exercise along; every team drafts and locks.
    let last = 0;
    const must = async (promise: Promise<CommandAck>) => {
      const ack = await promise;
      if (ack.ok) last = Math.max(last, ack.seq);
      return ack;
    };
    await t.facilitator.must({ type: 'startExercise' });
    for (let round = 0; round < 2; round++) {
      await must(t.facilitator.command({ type: 'advance' }));
      await Promise.all(t.all.map((c) => c.waitForView((v) => v.phase === 'deliberation' && v.round === round + 1, 'deliberation')));
      for (const [, players] of Object.entries(t.teams)) {
        const lead = players[0]!;
        for (const draft of legalDrafts(lead.view!).slice(0, 2)) await must(lead.command({ type: 'draftDecision', draft }));
        await must(lead.command({ type: 'chat', channel: 'team', text: `round ${round + 1}` }));
      }
      await Promise.all(Object.values(t.teams).map((players) => must(players[0]!.command({ type: 'lockDecisions' }))));
      await t.facilitator.waitForView((v) => v.phase === 'results' || v.phase === 'debrief', 'results');
    }
    expect(unreliable.reduce((n, s) => n + s.dropped, 0)).toBeGreaterThan(0);
    expect(unreliable.reduce((n, s) => n + s.reordered, 0)).toBeGreaterThan(0);

    // The network heals; one more change reaches everyone, and any seat behind resumes.
    for (const seat of unreliable) seat.healed = true;
    const final = await must(t.facilitator.command({ type: 'note', text: 'the network healed' }, randomUUID()));
    expect(final.ok).toBe(true);
    for (const seat of unreliable) await waitUntil(() => (seat.follower.view?.seq ?? 0) >= last, `${seat.viewer.role} catches up`);
    expect(unreliable.reduce((n, s) => n + s.resyncs, 0)).toBeGreaterThan(0);

    // Exactly the view sent fresh, and exactly the engine's projection of the replayed log.
    const exported = (await t.facilitator.request<ExportAck>('export', { format: 'json' })) as Extract<ExportAck, { ok: true }>;
    const log = JSON.parse(exported.data) as {
      seed: string;
      scenarioText: string;
      commands: { id: string; actor: Command['actor']; body: object; atMs: number }[];
    };
    const loaded = loadScenarioText(log.scenarioText, 'fixture.json');
    if (!loaded.ok) throw new Error('the exported scenario does not load');
    const commands = log.commands.map((c) => ({ ...c.body, id: c.id, actor: c.actor, at: c.atMs }) as Command);
    const { state } = replay(loaded.scenario, log.seed, commands);
    for (const seat of unreliable) {
      const fresh = await freshView(here.url, seat.credential);
      expect(seat.follower.view).toEqual(fresh);
      expect(seat.follower.view).toEqual(JSON.parse(JSON.stringify(project(loaded.scenario, state, seat.viewer))));
    }
    // The reliable clients (applying every patch in order) converge too, without resuming.
    for (const client of t.all) {
      expect(client.resyncs).toBe(0);
      expect(client.view).toEqual(await freshView(here.url, client.credential!));
    }
    for (const seat of unreliable) seat.close();
  });
});
