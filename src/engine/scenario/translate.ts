/**
 * A scenario read in another language: its `translations` for that language
 * laid over the texts players read (titles, briefings, injects, actions...).
 * Only texts change, never ids or numbers, so the engine plays the same game
 * whatever the language; the projection reads the translated copy for a seat
 * that reads that language. The copy is made once per scenario and language.
 */
import type { Scenario, ScenarioTranslation } from './schema';

/** The translation a reader of `wanted` gets: the tag itself, else its base language (fr for fr-CA), else none. */
export function translationLanguage(scenario: Scenario, wanted: string | null | undefined): string | null {
  const available = Object.keys(scenario.translations ?? {});
  if (!wanted || available.length === 0) return null;
  const lower = wanted.toLowerCase();
  const exact = available.find((tag) => tag.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower.split('-')[0];
  return available.find((tag) => tag.toLowerCase() === base) ?? null;
}

const copies = new WeakMap<Scenario, Map<string, Scenario>>();

/** The scenario with its texts in `language` (a key of its translations); the scenario itself when there is no such translation. */
export function translateScenario(scenario: Scenario, language: string | null): Scenario {
  const translation = language ? scenario.translations?.[language] : undefined;
  if (!language || !translation) return scenario;
  let byLanguage = copies.get(scenario);
  if (!byLanguage) copies.set(scenario, (byLanguage = new Map()));
  let copy = byLanguage.get(language);
  if (!copy) byLanguage.set(language, (copy = overlay(scenario, translation)));
  return copy;
}

/** Each entity with the translated fields given for its id; the rest as it was. */
function byId<T extends { id: string }>(items: T[], texts: Record<string, Partial<Record<string, string>>> | undefined): T[] {
  if (!texts) return items;
  return items.map((item) => (texts[item.id] ? { ...item, ...defined(texts[item.id]!) } : item));
}

function defined(fields: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function overlay(scenario: Scenario, t: ScenarioTranslation): Scenario {
  return {
    ...scenario,
    meta: t.meta ? { ...scenario.meta, ...defined(t.meta) } : scenario.meta,
    teams: byId(scenario.teams, t.teams),
    incidents: byId(scenario.incidents, t.incidents),
    actions: byId(scenario.actions, t.actions),
    injects: byId(scenario.injects, t.injects),
    indicators: byId(scenario.indicators, t.indicators),
    endConditions: byId(scenario.endConditions, t.endConditions),
    rounds: t.rounds ? scenario.rounds.map((round, i) => ({ ...round, ...defined(t.rounds![String(i + 1)] ?? {}) })) : scenario.rounds,
  };
}
