/**
 * Scenario translations: the validator checks what a translation names, and
 * a translated scenario changes only the texts a seat reads, never the game.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioText, project, type Scenario } from '../../src/engine';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { translateScenario, translationLanguage } from '../../src/engine/scenario/translate';

const tutorial = (): Record<string, any> => JSON.parse(readFileSync('scenarios/tutorial.json', 'utf8'));

function problemsOf(scenario: Record<string, any>): string[] {
  const result = loadScenarioText(JSON.stringify(scenario, null, 2), 'mine.json');
  return (result.ok ? result.warnings : result.problems).map(formatProblem).filter((p) => p.includes('/translations'));
}

function loaded(scenario: Record<string, any>): Scenario {
  const result = loadScenarioText(JSON.stringify(scenario), 'mine.json');
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.scenario;
}

describe('translations in the validator', () => {
  it('names every id, round and tag a translation gets wrong', () => {
    const scenario = tutorial();
    scenario.translations = {
      fr_FR: { meta: { title: 'X' } },
      fr: {
        teams: { estonia: { name: 'Estonie' } },
        injects: { 'bronze-nite': { title: 'X' } },
        rounds: { '4': { title: 'X' }, first: { title: 'X' } },
        endConditions: { nope: { summary: 'X' } },
      },
      en: { meta: { title: 'Same' } },
    };
    const problems = problemsOf(scenario);
    expect(problems.some((p) => p.includes('"fr_FR" is not a language tag: tags use hyphens, write fr-FR'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown team "estonia" (known: est, nato)') && p.includes('/translations/fr/teams/estonia'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown inject "bronze-nite"'))).toBe(true);
    expect(problems.some((p) => p.includes('"4" is not a round of the scenario: write its number, 1 to 3'))).toBe(true);
    expect(problems.some((p) => p.includes('"first" is not a round of the scenario'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown end condition "nope"'))).toBe(true);
    expect(problems.some((p) => p.includes('warning: the scenario is written in "en": a translation into it is never shown'))).toBe(true);
  });

  it('refuses a field a translation cannot carry, as the schema does everywhere', () => {
    const scenario = tutorial();
    scenario.translations = { fr: { teams: { est: { name: 'Estonie', capital: 'Tallinn' } } } };
    const result = loadScenarioText(JSON.stringify(scenario), 'mine.json');
    expect(result.ok).toBe(false);
  });
});

describe('a translated scenario', () => {
  const scenario = tutorial();
  scenario.translations = {
    fr: { meta: { title: 'Nuit de bronze' }, teams: { est: { name: 'Estonie' } }, rounds: { '2': { title: 'Jour de la Victoire' } }, actions: { [scenario.actions[0].id]: { name: 'Action traduite' } } },
  };
  const original = loaded(scenario);

  it('picks the translation for a reader: the tag, else its base language, else none', () => {
    expect(translationLanguage(original, 'fr')).toBe('fr');
    expect(translationLanguage(original, 'FR-ca')).toBe('fr');
    expect(translationLanguage(original, 'de')).toBeNull();
    expect(translationLanguage(original, undefined)).toBeNull();
  });

  it('replaces only the texts it gives, and is made once', () => {
    const french = translateScenario(original, 'fr');
    expect(french.meta.title).toBe('Nuit de bronze');
    expect(french.meta.summary).toBe(original.meta.summary);
    expect(french.teams[0]!.name).toBe('Estonie');
    expect(french.teams[0]!.briefing).toBe(original.teams[0]!.briefing);
    expect(french.teams[1]).toBe(original.teams[1]);
    expect(french.rounds.map((r) => r.title)).toEqual([original.rounds[0]!.title, 'Jour de la Victoire', original.rounds[2]!.title]);
    expect(french.actions[0]!.name).toBe('Action traduite');
    expect(translateScenario(original, 'fr')).toBe(french);
    expect(translateScenario(original, null)).toBe(original);
  });

  it('changes only texts in what a seat sees: the same exercise projected in French differs from the original in strings alone', () => {
    const french = translateScenario(original, 'fr');
    const { state } = simulateExercise(original, 'translation-seed', resolvePolicies(original, ['coalition-follower']));
    for (const viewer of [{ role: 'team', team: 'est' }, { role: 'facilitator' }] as const) {
      const before = project(original, state, viewer);
      const after = project(french, state, viewer);
      expect(after.scenario.title).toBe('Nuit de bronze');
      expect(after.teams[0]!.name).toBe('Estonie');
      expect(withoutStrings(after)).toEqual(withoutStrings(before));
    }
  });
});

/** The value with every string emptied: what is left is the game, not its words. */
function withoutStrings(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return value.map(withoutStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutStrings(v)]));
  return value;
}
