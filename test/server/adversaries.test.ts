/**
 * The controls over a further adversary, end to end: a real server, real
 * socket.io clients, the two-adversaries fixture uploaded by the facilitator.
 * The red cell chooses a move for the second adversary (the ransom crew) and
 * the facilitator overrides its posture; the round plays the red cell's
 * choice, every seat sees the new posture, and hostile or unknown values are
 * refused at the edge or by the engine with a sentence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CommandAck, ExportAck } from '../../src/protocol/events';
import type { Table } from '../helpers/exercise';
import { serverForThisFile } from '../helpers/perFile';
import { ROOT } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();
const scenarioText = readFileSync(join(ROOT, 'test/fixtures/two-adversaries.json'), 'utf8');

async function deliberation(): Promise<Table> {
  const t = await here.table({ scenarioText, redCell: true, observer: true });
  await t.facilitator.must({ type: 'startExercise' });
  await t.facilitator.must({ type: 'advance' });
  await Promise.all(t.all.map((c) => c.waitForView((v) => v.phase === 'deliberation', 'deliberation')));
  return t;
}

describe('a further adversary under the red cell and the facilitator', () => {
  it("the red cell's choice for the crew is played; the facilitator's override moves the crew's posture only", async () => {
    const t = await deliberation();
    const red = t.redCell!;
    const usa = t.teams.usa![0]!;

    // The red cell sees the crew with its own moves.
    const crew = red.view!.redCell!.others!.find((o) => o.id === 'crew')!;
    expect(crew.moves.map((m) => [m.id, m.eligible])).toEqual([['encrypt', true], ['leak-tooling', false]]);

    // It holds the crew back: the crew's encrypt (chance 1) is not played this round.
    expect(await red.command({ type: 'chooseAdversaryMove', move: null, adversary: 'crew' })).toMatchObject({ ok: true });
    await red.waitForView((v) => v.redCell!.others![0]!.chosen === null, "the crew's choice");
    expect(red.view!.redCell!.chosen).toBeUndefined();

    // The facilitator overrides the crew's posture; the adversary's stays.
    const northland = t.facilitator.view!.adversary.posture;
    await t.facilitator.must({ type: 'overridePosture', posture: 'emboldened', reason: 'The crew smells weakness.', adversary: 'crew' });
    for (const client of [usa, t.observer!, red]) {
      await client.waitForView((v) => v.otherAdversaries[0]!.posture === 'emboldened', "the crew's posture");
      expect(client.view!.adversary.posture).toBe(northland);
    }
    expect(usa.view!.timeline.some((e) => e.text === "The facilitator set Ransom crew's posture to emboldened: The crew smells weakness.")).toBe(true);

    // Emboldened, the crew may now leak Northland's tooling: the red cell chooses it instead.
    await red.waitForView((v) => v.redCell!.others![0]!.moves.find((m) => m.id === 'leak-tooling')!.eligible, 'leak-tooling eligible');
    expect(await red.command({ type: 'chooseAdversaryMove', move: 'leak-tooling', adversary: 'crew' })).toMatchObject({ ok: true });
    // The facilitator sees the red cell's choice for the crew, as for the adversary; the teams do not.
    await t.facilitator.waitForView((v) => v.facilitator!.otherAdversaries?.[0]?.redCellMove === 'leak-tooling', "the red cell's choice in the console");
    expect(t.facilitator.view!.facilitator!.redCellMove).toBeUndefined();
    expect(usa.view!.facilitator).toBeNull();

    for (const team of Object.values(t.teams)) await team[0]!.must({ type: 'lockDecisions' });
    const facView = await t.facilitator.waitForView((v) => v.rounds.length === 1, 'round 1 resolved');
    const round = facView.rounds[0]!;
    expect(round.others![0]!.moves.map((m) => m.move)).toEqual(['leak-tooling']);
    expect(facView.timeline.some((e) => e.text === "The red cell chose for Ransom crew: Leak Northland's tooling.")).toBe(true);
    // Its news reached the teams.
    await usa.waitForView((v) => v.rounds.length === 1, 'round 1 for the team');
    expect(usa.view!.rounds[0]!.headlines).toContain("The crew dumps Northland's intrusion tools on a forum.");

    // An observer's export masks the red cell's move, and keeps whose move it was.
    const exported = await t.observer!.request<ExportAck>('export', { format: 'json' });
    expect(exported.ok).toBe(true);
    const doc = JSON.parse(exported.ok ? exported.data : '{}') as { commands: { body: { type: string; move?: string | null; adversary?: string } }[] };
    const choice = doc.commands.find((c) => c.body.type === 'chooseAdversaryMove' && c.body.move !== null);
    expect(choice?.body).toEqual({ type: 'chooseAdversaryMove', adversary: 'crew', move: '[redacted]' });
  });

  it('refuses unknown adversaries with a sentence, hostile values at the edge, and other seats', async () => {
    const t = await deliberation();
    const red = t.redCell!;
    const seq = t.facilitator.view!.seq;

    const unknown = (await t.facilitator.command({ type: 'overridePosture', posture: 'deterred', reason: 'r', adversary: 'nobody' })) as CommandAck;
    expect(unknown).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: 'There is no further adversary "nobody" in this scenario (for Northland, name no adversary).' });
    expect(await red.command({ type: 'chooseAdversaryMove', move: 'encrypt', adversary: 'northland' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await red.command({ type: 'chooseAdversaryMove', move: 'deepen-access', adversary: 'crew' })).toMatchObject({ ok: false, code: 'UNKNOWN_MOVE' });

    for (const adversary of [42, null, '', 'x'.repeat(500), ['crew'], { id: 'crew' }]) {
      const ack = await red.request('command', { id: `bad-${String(Math.random()).slice(2)}`, body: { type: 'chooseAdversaryMove', move: null, adversary } });
      expect(ack, JSON.stringify(adversary).slice(0, 40)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
    // Only the red cell chooses and only the facilitator overrides, whichever adversary is named.
    expect(await t.teams.usa![0]!.command({ type: 'chooseAdversaryMove', move: null, adversary: 'crew' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await red.command({ type: 'overridePosture', posture: 'deterred', reason: 'r', adversary: 'crew' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    // Nothing changed.
    expect(t.facilitator.view!.seq).toBe(seq);
  });
});
