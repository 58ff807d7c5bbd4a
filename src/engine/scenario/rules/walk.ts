/**
 * Where a scenario holds conditions and effects, in document order, so that
 * every rule about them visits the same places.
 */
import type { Condition, Effect, Scenario } from '../schema';
import type { Path } from '../paths';

export interface PlacedCondition {
  condition: Condition;
  path: Path;
  /** What it means for the scenario when the condition can never hold. */
  consequence: string;
  /** The first round in which it is read, when that is not round 1 (an inject's round). */
  fromRound?: number;
}

export interface PlacedEffect {
  effect: Effect;
  path: Path;
  /** The inject the effect belongs to, when it belongs to one. */
  owner?: string;
}

export function conditionsOf(scenario: Scenario): PlacedCondition[] {
  const placed: PlacedCondition[] = [];
  const add = (condition: Condition | undefined, path: Path, consequence: string, fromRound?: number): void => {
    if (condition) placed.push({ condition, path, consequence, ...(fromRound !== undefined ? { fromRound } : {}) });
  };
  scenario.adversary.moves.forEach((move, i) =>
    add(move.when, ['adversary', 'moves', i, 'when'], `adversary move "${move.id}" can never happen`),
  );
  scenario.otherAdversaries?.forEach((actor, a) =>
    actor.moves.forEach((move, i) =>
      add(move.when, ['otherAdversaries', a, 'moves', i, 'when'], `move "${move.id}" of "${actor.id}" can never happen`),
    ),
  );
  scenario.incidents.forEach((incident, i) =>
    add(incident.caseFile, ['incidents', i, 'caseFile'], `the case file of incident "${incident.id}" can never be available`),
  );
  add(scenario.tribunalSeized, ['tribunalSeized'], 'the tribunal can never be seized');
  scenario.actions.forEach((action, i) => add(action.prerequisites, ['actions', i, 'prerequisites'], `action "${action.id}" can never be taken`));
  scenario.injects.forEach((inject, i) => add(inject.when, ['injects', i, 'when'], `inject "${inject.id}" never fires on its condition`, inject.round));
  scenario.endConditions.forEach((end, i) => add(end.when, ['endConditions', i, 'when'], `end condition "${end.id}" can never be reached`));
  return placed;
}

export function effectsOf(scenario: Scenario): PlacedEffect[] {
  const placed: PlacedEffect[] = [];
  scenario.adversary.moves.forEach((move, i) => move.effects.forEach((effect, k) => placed.push({ effect, path: ['adversary', 'moves', i, 'effects', k] })));
  scenario.otherAdversaries?.forEach((actor, a) =>
    actor.moves.forEach((move, i) => move.effects.forEach((effect, k) => placed.push({ effect, path: ['otherAdversaries', a, 'moves', i, 'effects', k] }))),
  );
  scenario.actions.forEach((action, i) => action.effects.forEach((effect, k) => placed.push({ effect, path: ['actions', i, 'effects', k] })));
  scenario.injects.forEach((inject, i) =>
    inject.effects.forEach((effect, k) => placed.push({ effect, path: ['injects', i, 'effects', k], owner: inject.id })),
  );
  scenario.institutions?.verificationBodies.forEach((body, i) =>
    (['onConfirm', 'onQualify', 'onContradict'] as const).forEach((finding) =>
      body[finding].forEach((effect, k) => placed.push({ effect, path: ['institutions', 'verificationBodies', i, finding, k] })),
    ),
  );
  scenario.prosecution?.extradition.onArrest.forEach((effect, k) => placed.push({ effect, path: ['prosecution', 'extradition', 'onArrest', k] }));
  scenario.prosecution?.safeHarbour.onRefusal.forEach((effect, k) => placed.push({ effect, path: ['prosecution', 'safeHarbour', 'onRefusal', k] }));
  scenario.sanctions.evasion?.channels.forEach((channel, i) =>
    (['onOpen', 'onNarrow', 'onClose'] as const).forEach((when) =>
      channel[when].forEach((effect, k) => placed.push({ effect, path: ['sanctions', 'evasion', 'channels', i, when, k] })),
    ),
  );
  return placed;
}

/** The injects some effect fires, other than an inject firing itself. */
export function firedInjects(scenario: Scenario): Set<string> {
  const fired = new Set<string>();
  for (const { effect, owner } of effectsOf(scenario)) {
    if ('fireInject' in effect && effect.fireInject !== owner) fired.add(effect.fireInject);
  }
  return fired;
}

/** Visits every value of a parsed scenario, depth first, with its path and the field or list it sits in. */
export function eachValue(value: unknown, visit: (value: unknown, path: Path, key: string) => void, path: Path = [], key = ''): void {
  visit(value, path, key);
  if (Array.isArray(value)) value.forEach((item, i) => eachValue(item, visit, [...path, i], key));
  else if (value && typeof value === 'object') {
    for (const [field, item] of Object.entries(value)) if (field !== '$comment') eachValue(item, visit, [...path, field], field);
  }
}
