/**
 * Explanations on request: a view carries each score's figure and each report
 * card's levels with a reference; score:explain answers the references the
 * seat's own view carries with the reasons behind them, and nothing else.
 */
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ScoreExplainAck } from '../../src/protocol/events';
import { LIMITS } from '../../src/protocol/schemas';
import type { TestClient } from '../helpers/client';
import { serverForThisFile } from '../helpers/perFile';
import { ROOT } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile({ scenariosDir: resolve(ROOT, 'scenarios') });

const explain = (client: TestClient, refs: unknown) => client.request<ScoreExplainAck>('score:explain', { refs });

/** A public action the team can take now, and the incident it targets (if any). */
function publicDraft(client: TestClient): { action: string; incident?: string } {
  for (const a of client.view!.actions) {
    if (a.category === 'investigate' || a.category === 'intelligence' || !a.availability?.available) continue;
    const incident = Object.entries(a.availability.byIncident).find(([, e]) => e.available)?.[0];
    return { action: a.id, ...(incident ? { incident } : {}) };
  }
  throw new Error('no public action available');
}

describe('score:explain', () => {
  it("answers the explanations a seat's view refers to, as that seat may read them, and nothing else", async () => {
    const t = await here.table({ scenarioId: 'us-2016', seed: 'explain', observer: true, redCell: true });
    await t.facilitator.must({ type: 'startExercise' });
    await t.facilitator.must({ type: 'advance' });
    const usa = t.teams.usa![0]!;
    const uk = t.teams.uk![0]!;
    await usa.waitForView((v) => v.phase === 'deliberation', 'round 1');
    await usa.must({ type: 'draftDecision', draft: publicDraft(usa) });
    for (const players of Object.values(t.teams)) await players[0]!.must({ type: 'lockDecisions' });
    for (const seat of t.all) await seat.waitForView((v) => v.rounds.length === 1, 'round 1 resolved');

    // The view carries figures and references, not the reasons themselves.
    const mine = usa.view!.decisions.find((d) => d.team === 'usa')!;
    expect(Object.keys(mine.proportionality).sort()).toEqual(['explanation', 'value']);
    expect(JSON.stringify(usa.view)).not.toContain('"components"');
    const cohesionRef = usa.view!.rounds[0]!.cohesion.explanation!;

    const own = await explain(usa, [mine.proportionality.explanation, cohesionRef]);
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    expect(own.unknown).toEqual([]);
    const score = own.explanations[mine.proportionality.explanation!]!;
    expect(score.value).toBe(mine.proportionality.value);
    expect(score.components.length).toBeGreaterThan(0);
    expect(score.components.every((c) => c.why.length > 0)).toBe(true);
    expect(own.explanations[cohesionRef]!.value).toBe(usa.view!.rounds[0]!.cohesion.value);

    // An ally reads the same score under its own reference; the whole one is not its to fetch before the debrief.
    const theirs = uk.view!.decisions.find((d) => d.id === mine.id)!;
    expect(theirs.proportionality.value).toBe(mine.proportionality.value);
    expect(theirs.proportionality.explanation).not.toBe(mine.proportionality.explanation);
    const ally = await explain(uk, [theirs.proportionality.explanation, mine.proportionality.explanation]);
    expect(ally).toMatchObject({ ok: true, unknown: [mine.proportionality.explanation] });
    if (ally.ok) expect(Object.keys(ally.explanations)).toEqual([theirs.proportionality.explanation]);

    // The red cell learns the figures, never the reasons.
    const red = t.redCell!;
    expect(red.view!.decisions.every((d) => d.proportionality.explanation === null)).toBe(true);
    expect(red.view!.rounds[0]!.cohesion.explanation).toBeNull();
    expect(await explain(red, [mine.proportionality.explanation, theirs.proportionality.explanation, cohesionRef])).toEqual({
      ok: true,
      explanations: {},
      reportCards: {},
      unknown: [mine.proportionality.explanation, theirs.proportionality.explanation, cohesionRef],
    });

    // Report cards: the staff's views carry their levels and a reference; the whole card comes on request.
    const cardView = t.facilitator.view!.reportCards.find((c) => c.team === 'usa')!;
    expect(JSON.stringify(t.facilitator.view!.reportCards)).not.toContain('"why"');
    const cards = await explain(t.facilitator, [cardView.explanation]);
    expect(cards.ok).toBe(true);
    if (cards.ok) {
      const card = cards.reportCards[cardView.explanation]!;
      expect(card.team).toBe('usa');
      expect(card.objectives.map((o) => o.level)).toEqual(cardView.objectives.map((o) => o.level));
      expect(card.objectives.every((o) => o.why.length > 0 && o.text.length > 0)).toBe(true);
    }
    // A team reads its own card from the debrief only.
    expect(usa.view!.reportCards).toEqual([]);
    expect(await explain(usa, [cardView.explanation])).toMatchObject({ ok: true, reportCards: {}, unknown: [cardView.explanation] });

    // At the debrief the ally's reference becomes the whole one.
    await t.facilitator.must({ type: 'endExercise', reason: 'debrief' });
    const revealed = await uk.waitForView((v) => v.phase === 'debrief', 'the debrief');
    expect(revealed.decisions.find((d) => d.id === mine.id)!.proportionality.explanation).toBe(mine.proportionality.explanation);
    const whole = await explain(uk, [mine.proportionality.explanation, theirs.proportionality.explanation]);
    expect(whole).toMatchObject({ ok: true, unknown: [theirs.proportionality.explanation] });
    if (whole.ok) expect(whole.explanations[mine.proportionality.explanation!]).toEqual(score);
  });

  it('refuses what is not a list of references, and a socket without a seat', async () => {
    const t = await here.table({ scenarioId: 'us-2016', seed: 'explain-bad', observer: false });
    const usa = t.teams.usa![0]!;
    expect(await explain(usa, [])).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await explain(usa, 'cohesion:1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await explain(usa, Array.from({ length: LIMITS.explanationsPerRequest + 1 }, (_, i) => `cohesion:${i}`))).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    // Nothing to explain yet: every reference is unknown, whatever it looks like.
    expect(await explain(usa, ['cohesion:1', '__proto__', 'proportionality:d1:ally', 'card:usa:0'])).toEqual({
      ok: true,
      explanations: {},
      reportCards: {},
      unknown: ['cohesion:1', '__proto__', 'proportionality:d1:ally', 'card:usa:0'],
    });
    const stranger = await here.connect('stranger');
    expect(await explain(stranger, ['cohesion:1'])).toMatchObject({ ok: false, code: 'NOT_JOINED' });
  });
});
