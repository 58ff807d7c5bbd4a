/**
 * Scenario translations over real sockets: two players of one team, one who
 * reads French and one who reads the scenario's own English, each see the
 * scenario's texts in their language, follow the same exercise through
 * patches, and hear the same presence; a player who switches language gets
 * the view back whole in the new one; a language the scenario has no
 * translation for reads the original.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ExerciseView } from '../../src/engine/view/types';
import { TestClient } from '../helpers/client';
import { serverForThisFile } from '../helpers/perFile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile();

const FRENCH = {
  meta: { title: 'Nuit de bronze' },
  teams: { est: { name: 'Estonie', briefing: 'Vous êtes le gouvernement estonien.' } },
  rounds: { '1': { title: 'Nuit de bronze : la première vague' } },
  injects: { 'bronze-night': { title: 'Des émeutes à Tallinn', body: 'Le déplacement du monument déclenche des émeutes.' } },
  actions: {},
};

function translatedTutorial(): string {
  const scenario = JSON.parse(readFileSync('scenarios/tutorial.json', 'utf8'));
  scenario.translations = { fr: FRENCH };
  return JSON.stringify(scenario);
}

const inject = (view: ExerciseView | null, id: string) => view?.injects.find((d) => d.inject === id);

describe('scenario translations', () => {
  it('gives each reader the texts of their language, in one exercise that both follow', async () => {
    const text = translatedTutorial();
    const facilitator = await here.connect('facilitator');
    const created = await facilitator.create({ scenarioText: text, seed: 'translations', facilitatorName: 'Fran' });
    await facilitator.resume(created.facilitatorCredential);
    const french = await here.connect('french');
    const english = await here.connect('english');
    const german = await here.connect('german');
    await french.join(created.codes.teams.est!, 'Amélie', 'fr-CA');
    await english.join(created.codes.teams.est!, 'Edward');
    await german.join(created.codes.teams.est!, 'Greta', 'de');

    expect(french.view!.scenario.title).toBe('Nuit de bronze');
    expect(french.view!.me!.name).toBe('Estonie');
    expect(french.view!.me!.briefing).toBe('Vous êtes le gouvernement estonien.');
    expect(french.view!.scenario.rounds[0]!.title).toBe('Nuit de bronze : la première vague');
    expect(english.view!.scenario.title).not.toBe('Nuit de bronze');
    expect(english.view!.me!.name).not.toBe('Estonie');
    // No German translation: the original, exactly as the English reader has it.
    expect(german.view).toEqual(english.view);

    await facilitator.must({ type: 'startExercise' });
    await facilitator.must({ type: 'advance' });
    const seq = facilitator.view!.seq;
    for (const reader of [french, english, german]) await reader.waitForView((v) => v.seq >= seq && v.round === 1, 'round 1');
    expect(inject(french.view, 'bronze-night')).toMatchObject({ title: 'Des émeutes à Tallinn', body: 'Le déplacement du monument déclenche des émeutes.' });
    expect(inject(english.view, 'bronze-night')!.title).not.toBe('Des émeutes à Tallinn');
    // The rest of the view is the same game: only the texts differ.
    expect({ ...french.view!, scenario: null, me: null, teams: null, injects: null }).toEqual({ ...english.view!, scenario: null, me: null, teams: null, injects: null });

    // Presence reaches every reader, whatever their language.
    await french.waitForView(() => french.presences.length > 0 && english.presences.length > 0, 'presence');
    const last = (c: TestClient) => c.presences[c.presences.length - 1]!.seats.map((s) => s.name).sort();
    expect(last(french)).toEqual(last(english));

    // The English reader switches to French: the view comes back whole, in French, and patches follow in French.
    await english.resume(english.credential!, english.view!.seq, 'fr');
    expect(inject(english.view, 'bronze-night')!.title).toBe('Des émeutes à Tallinn');
    await facilitator.must({ type: 'advance' });
    const after = facilitator.view!.seq;
    await english.waitForView((v) => v.seq >= after, 'the results');
    await french.waitForView((v) => v.seq >= after, 'the results');
    expect(english.view).toEqual(french.view);
  });

  it('refuses a language field that is not a language tag, with a sentence', async () => {
    const client = await here.connect('bad-language');
    const answer = await client.request<{ ok: boolean; code?: string; message?: string }>('seat:join', { code: 'ABCDEF', name: 'X', language: '<script>' });
    expect(answer.ok).toBe(false);
    expect(answer.code).toBe('INVALID_PAYLOAD');
    expect(answer.message).toMatch(/language/);
  });
});
