/**
 * The client's pure parts: routes, words and clocks, the board model and
 * chart series (from real engine views), command ids and retries.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardModel, projector } from '../../src/client/board/model';
import { allSeries } from '../../src/client/charts/series';
import { CommandQueue } from '../../src/protocol/client';
import { parseRoute } from '../../src/client/router';
import { audienceWords, clockText, formatDuration, humanize } from '../../src/client/ui/format';
import { inRound1 } from './support';

describe('routes', () => {
  it('parses every screen', () => {
    expect(parseRoute('/')).toEqual({ name: 'start', code: null });
    expect(parseRoute('/join/ab-12cd')).toEqual({ name: 'start', code: 'AB-12CD' });
    expect(parseRoute('/facilitate/x1')).toEqual({ name: 'facilitate', id: 'x1' });
    expect(parseRoute('/play/x1/')).toEqual({ name: 'play', id: 'x1' });
    expect(parseRoute('/report/x1')).toEqual({ name: 'report', id: 'x1' });
    expect(parseRoute('/nope/x/y').name).toBe('notFound');
  });
});

describe('words and clocks', () => {
  it('formats the clock, running and paused', () => {
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_601_000)).toBe('1:00:01');
    expect(clockText({ deadline: 1_000 + 90_000, remainingMs: null }, false, 1_000)).toBe('1:30 left');
    expect(clockText({ deadline: null, remainingMs: 30_000 }, true, 0)).toBe('Paused, 0:30 left');
    expect(clockText({ deadline: null, remainingMs: null }, false, 0)).toBe('No clock running');
    expect(humanize('titForTat')).toBe('Tit for tat');
  });

  it('marks private deliveries with the team names', () => {
    const view = inRound1().view({ role: 'facilitator' });
    expect(audienceWords(view, { teams: ['atlantia', 'borealis'] })).toEqual({ private: true, text: 'Private — Atlantia, Borealis only' });
    expect(audienceWords(view, 'all').private).toBe(false);
  });
});

describe('the board model', () => {
  it('states what the canvas draws, from the view alone', () => {
    const t = inRound1();
    t.run({ type: 'proposeJoint', draft: { action: 'warning', incident: 'mail-leak' } }, 'atlantia');
    t.run({ type: 'respondJoint', proposal: Object.keys(t.state.proposals)[0]!, join: true }, 'borealis');
    t.run({ type: 'advance' }, 'facilitator');
    const model = boardModel(t.view({ role: 'team', team: 'borealis' }));
    expect(model.capitals.map((c) => c.team)).toEqual(['atlantia', 'borealis', 'caledon']);
    expect(model.capitals.find((c) => c.isMe)?.team).toBe('borealis');
    expect(model.cohesion).not.toBeNull();
    expect(model.jointPairs).toContainEqual(['atlantia', 'borealis']);
    // One link per pair, weighted by how alike the two postures were: the joint pair took the same step.
    expect(model.links).toHaveLength(3);
    const pair = (a: string, b: string) => model.links.find((l) => l.a === a && l.b === b)!;
    expect(pair('atlantia', 'borealis')).toMatchObject({ alignment: 1, joint: true });
    expect(pair('atlantia', 'caledon').alignment).toBeLessThan(1);
    expect(pair('atlantia', 'caledon').joint).toBe(false);
    expect(model.ladder).toHaveLength(10);
    const meters = model.incidents[0]!.meters;
    expect(meters.find((m) => m.team === 'atlantia')?.confidence).toBeNull(); // another government's confidence stays hidden
  });

  it('projects capitals inside the box', () => {
    const caps = [{ lat: 38.9, lon: -77 }, { lat: 59.4, lon: 24.7 }];
    const p = projector(caps, 700, 400);
    for (const c of caps) {
      expect(p.x(c.lon)).toBeGreaterThan(0);
      expect(p.x(c.lon)).toBeLessThan(700);
      expect(p.y(c.lat)).toBeGreaterThan(0);
      expect(p.y(c.lat)).toBeLessThan(400);
    }
  });
});

describe('debrief series', () => {
  it('has one point per round and one proportionality line per team', () => {
    const t = inRound1();
    t.run({ type: 'draftDecision', draft: { action: 'investigate', incident: 'mail-leak' } }, 'atlantia');
    t.run({ type: 'advance' }, 'facilitator');
    t.run({ type: 'endExercise', reason: 'test' }, 'facilitator');
    const [escalation, proportionality, cohesion] = allSeries(t.view({ role: 'observer' }));
    expect(escalation!.labels).toEqual(['Start', 'Round 1']);
    expect(cohesion!.datasets[0]!.data).toHaveLength(1);
    expect(proportionality!.datasets.map((d) => d.label)).toEqual(['Atlantia', 'Borealis', 'Caledon']);
    expect(proportionality!.datasets[0]!.data[0]).toBeTypeOf('number');
    expect(proportionality!.datasets[1]!.data[0]).toBeNull();
  });
});

describe('command sending', () => {
  function fakeSocket() {
    const sent: { id: string }[] = [];
    const acks: ((err: Error | null, ack: unknown) => void)[] = [];
    const socket = {
      timeout: () => ({
        emit: (_event: string, payload: { id: string }, ack: (err: Error | null, a: unknown) => void) => {
          sent.push(payload);
          acks.push(ack);
        },
      }),
    };
    return { socket, sent, acks };
  }

  it('resends a command with the same id after a lost answer, and resolves it once', async () => {
    const { socket, sent, acks } = fakeSocket();
    let online = true;
    const sender = new CommandQueue(socket as never, () => online);
    let answers = 0;
    const done = sender.send({ type: 'lockDecisions' }).then((a) => {
      answers++;
      return a;
    });
    online = false;
    acks[0]!(new Error('timeout'), undefined);
    online = true;
    sender.flush();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.id).toBe(sent[0]!.id);
    acks[1]!(null, { ok: true, seq: 7, duplicate: true });
    acks[1]!(null, { ok: true, seq: 7 });
    expect(await done).toEqual({ ok: true, seq: 7, duplicate: true });
    expect(answers).toBe(1);
    expect(sender.waiting).toBe(0);
  });

  it('gives every command a fresh id the server accepts', () => {
    const { socket, sent } = fakeSocket();
    const sender = new CommandQueue(socket as never, () => true);
    void sender.send({ type: 'pause' });
    void sender.send({ type: 'resume' });
    expect(sent[0]!.id).not.toBe(sent[1]!.id);
    for (const p of sent) expect(p.id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });
});

describe('the client source', () => {
  it('never sets HTML from strings', () => {
    const root = join(import.meta.dirname, '../../src/client');
    const files = walk(root).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|unsafeHTML|document\.write\(/);
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe("the round clock runs on the server's time", () => {
  it('counts down from the server clock, not the browser clock', async () => {
    const { syncServerClock, serverNow } = await import('../../src/client/net/serverTime');
    const { clockText } = await import('../../src/client/ui/format');
    // The server is two minutes ahead of this browser.
    syncServerClock(Date.now() + 120_000);
    expect(Math.abs(serverNow() - (Date.now() + 120_000))).toBeLessThan(50);
    const deadline = Date.now() + 300_000; // five minutes by the browser's clock, three by the server's
    // The offset is estimated to within 50 ms (above), and whole seconds round up: 3:01 to 2:59, never 5:00.
    expect(clockText({ deadline, remainingMs: null }, false, serverNow())).toMatch(/^(3:01|3:00|2:59) left$/);
    syncServerClock(Date.now());
  });
});
