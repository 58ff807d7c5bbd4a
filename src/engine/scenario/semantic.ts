/**
 * Semantic checks of a scenario that already satisfies the schema: broken
 * references between its parts, things that can never happen, and a few
 * authoring hints. Pure functions over the parsed Scenario; a locator maps a
 * path inside the document to a line and column of its source text.
 */
import { BUILTIN_INDICATORS, CHART_EVENTS, type COMPARATORS, type Condition, type Effect, type Scenario } from './schema';
import type { Problem } from './problems';
import { statesOfRegion } from '../machines/states';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SourceLocation {
  line: number;
  column: number;
}

/**
 * Finds a path in the source. `at: 'key'` asks for the property name rather
 * than its value. A path that does not exist in the source resolves to its
 * nearest existing ancestor (for values the schema filled in by default).
 */
export type Locator = (path: Path, at?: 'value' | 'key') => SourceLocation;

/** RFC 6901: "" for the document, "/a/0/b" below it, with ~ and / escaped. */
export function jsonPointer(path: Path): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

function knownList(known: readonly string[]): string {
  return known.join(', ');
}

const MAX_LISTED = 15;

interface Range {
  lo: number;
  hi: number;
  integer: boolean;
  note?: string;
}

type Verdict =
  | { kind: 'false'; path: Path; reason: string }
  | { kind: 'true'; reason: string }
  | { kind: 'unknown' };

const UNKNOWN: Verdict = { kind: 'unknown' };

/** The kinds of thing a scenario refers to by id. */
type RefKind = 'team' | 'incident' | 'action' | 'inject' | 'indicator' | 'fact' | 'phase' | 'objective' | 'source' | 'legalBasis';

const NOUNS: Record<RefKind, [singular: string, plural: string]> = {
  team: ['team', 'teams'],
  incident: ['incident', 'incidents'],
  action: ['action', 'actions'],
  inject: ['inject', 'injects'],
  indicator: ['indicator', 'indicators'],
  fact: ['fact', 'facts'],
  phase: ['adversary phase', 'adversary phases'],
  objective: ['learning objective', 'learning objectives'],
  source: ['source', 'sources'],
  legalBasis: ['legal basis', 'legal bases'],
};

function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/**
 * Every semantic problem of a scenario, errors and warnings, in no particular
 * order (the loader sorts them).
 */
export function checkScenario(scenario: Scenario, file: string, locate: Locator): Problem[] {
  const problems: Problem[] = [];
  const report = (
    severity: Problem['severity'],
    code: string,
    path: Path,
    message: string,
    at: 'value' | 'key' = 'value',
  ): void => {
    const { line, column } = locate(path, at);
    problems.push({ severity, code, message, file, line, column, pointer: jsonPointer(path) });
  };
  const error = (code: string, path: Path, message: string, at: 'value' | 'key' = 'value'): void =>
    report('error', code, path, message, at);
  const warning = (code: string, path: Path, message: string): void => report('warning', code, path, message);

  const roundCount = scenario.rounds.length;
  const teamIds = scenario.teams.map((t) => t.id);
  const declaredIndicators = scenario.indicators.map((i) => i.id);
  const known: Record<RefKind, readonly string[]> = {
    team: teamIds,
    incident: scenario.incidents.map((i) => i.id),
    action: scenario.actions.map((a) => a.id),
    inject: scenario.injects.map((i) => i.id),
    indicator: [...declaredIndicators, ...BUILTIN_INDICATORS],
    fact: scenario.facts.map((f) => f.id),
    phase: scenario.adversary.phases.map((p) => p.id),
    objective: scenario.meta.learningObjectives.map((o) => o.id),
    source: scenario.meta.sources.map((s) => s.id),
    legalBasis: scenario.legalBases.map((b) => b.id),
  };

  const unknownMessage = (kind: RefKind, id: string, declared: readonly string[]): string => {
    const [singular, pluralNoun] = NOUNS[kind];
    const candidates = [...new Set(declared)];
    if (candidates.length === 0) return `unknown ${singular} "${id}" (the scenario declares no ${pluralNoun})`;
    if (candidates.length <= MAX_LISTED) return `unknown ${singular} "${id}" (known: ${knownList(candidates)})`;
    const hint = closest(id, candidates);
    return hint
      ? `unknown ${singular} "${id}" (did you mean "${hint}"?)`
      : `unknown ${singular} "${id}" (the scenario declares ${plural(candidates.length, singular, pluralNoun)})`;
  };

  /** Checks one reference; true when it resolves. */
  const ref = (kind: RefKind, id: string, path: Path, at: 'value' | 'key' = 'value'): boolean => {
    if (known[kind].includes(id)) return true;
    error(`unknown-${kind}`, path, unknownMessage(kind, id, known[kind]), at);
    return false;
  };

  // -------------------------------------------------------------------------
  // Legal bases: with a catalogue, every reference names one of its entries

  if (scenario.legalBases.length > 0) {
    scenario.actions.forEach((action, i) => {
      if (action.legalBasis) ref('legalBasis', action.legalBasis, ['actions', i, 'legalBasis']);
    });
    scenario.teams.forEach((team, i) => team.legalBases.forEach((basis, j) => ref('legalBasis', basis, ['teams', i, 'legalBases', j])));
  }

  // -------------------------------------------------------------------------
  // Duplicate ids

  const collections: [Path, readonly { id: string }[], string][] = [
    [['meta', 'sources'], scenario.meta.sources, 'source'],
    [['meta', 'learningObjectives'], scenario.meta.learningObjectives, 'learning objective'],
    [['teams'], scenario.teams, 'team'],
    [['adversary', 'phases'], scenario.adversary.phases, 'adversary phase'],
    [['adversary', 'moves'], scenario.adversary.moves, 'adversary move'],
    [['incidents'], scenario.incidents, 'incident'],
    [['indicators'], scenario.indicators, 'indicator'],
    [['facts'], scenario.facts, 'fact'],
    [['legalBases'], scenario.legalBases, 'legal basis'],
    [['actions'], scenario.actions, 'action'],
    [['injects'], scenario.injects, 'inject'],
    [['endConditions'], scenario.endConditions, 'end condition'],
  ];
  for (const [base, items, noun] of collections) {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, index);
      else error('duplicate-id', [...base, index, 'id'], `duplicate ${noun} id "${item.id}" (first declared at ${jsonPointer([...base, earlier])})`);
    });
  }

  scenario.indicators.forEach((indicator, i) => {
    if ((BUILTIN_INDICATORS as readonly string[]).includes(indicator.id)) {
      error('reserved-id', ['indicators', i, 'id'], `indicator id "${indicator.id}" is reserved for a built-in indicator`);
    }
  });

  // -------------------------------------------------------------------------
  // Ranges of indicators, for the static analysis of conditions

  const ranges = new Map<string, Range>();
  ranges.set('round', { lo: 0, hi: roundCount, integer: true, note: `the scenario has ${plural(roundCount, 'round')}` });
  ranges.set('escalation', { lo: 0, hi: 9, integer: true });
  ranges.set('cohesion', { lo: 0, hi: 100, integer: false });
  ranges.set('cumulativeHarm', { lo: 0, hi: Infinity, integer: false });
  ranges.set('publicResponses', { lo: 0, hi: Infinity, integer: true });

  scenario.indicators.forEach((indicator, i) => {
    const name = `indicator "${indicator.id}"`;
    if (!(indicator.min < indicator.max)) {
      error('indicator-range', ['indicators', i, 'max'], `${name}: min (${indicator.min}) must be less than max (${indicator.max})`);
    } else if (indicator.initial < indicator.min || indicator.initial > indicator.max) {
      error(
        'indicator-range',
        ['indicators', i, 'initial'],
        `${name}: initial value ${indicator.initial} is outside its range ${indicator.min}..${indicator.max}`,
      );
    }
    if (!ranges.has(indicator.id) && indicator.min <= indicator.max) {
      ranges.set(indicator.id, { lo: indicator.min, hi: indicator.max, integer: false });
    }
  });

  // -------------------------------------------------------------------------
  // Conditions: references and static truth

  const stateKnown = { phases: known.phase, incidents: known.incident, teams: teamIds };

  const checkRegion = (region: string, path: Path): readonly string[] | null => {
    const states = statesOfRegion(region, stateKnown);
    if (states) return states;
    const parts = region.split('.');
    if (parts.length === 3 && parts[0] === 'attribution') {
      const [, incident = '', team = ''] = parts;
      if (!known.incident.includes(incident)) {
        error('unknown-region', path, `unknown chart region "${region}": ${unknownMessage('incident', incident, known.incident)}`);
        return null;
      }
      error('unknown-region', path, `unknown chart region "${region}": ${unknownMessage('team', team, [...teamIds, 'coalition'])}`);
      return null;
    }
    error(
      'unknown-region',
      path,
      `unknown chart region "${region}" (known: exercise, adversary.phase, adversary.posture, deEscalation, attribution.<incident>.<team>, attribution.<incident>.coalition)`,
    );
    return null;
  };

  /** Checks the references of a condition and returns whether it can ever hold. */
  const condition = (c: Condition, path: Path): Verdict => {
    if ('all' in c) {
      const verdicts = c.all.map((member, k) => condition(member, [...path, 'all', k]));
      const dead = verdicts.find((v) => v.kind === 'false');
      if (dead) return dead;
      if (verdicts.every((v) => v.kind === 'true')) return { kind: 'true', reason: 'every condition in its "all" always holds' };
      return UNKNOWN;
    }
    if ('any' in c) {
      const verdicts = c.any.map((member, k) => condition(member, [...path, 'any', k]));
      const holds = verdicts.find((v) => v.kind === 'true');
      if (holds) return holds;
      if (verdicts.every((v) => v.kind === 'false')) {
        const reasons = verdicts.map((v) => (v.kind === 'false' ? v.reason : ''));
        return {
          kind: 'false',
          path,
          reason: c.any.length === 1 ? reasons[0]! : `no condition in its "any" can hold (${reasons.join('; ')})`,
        };
      }
      return UNKNOWN;
    }
    if ('not' in c) {
      const inner = condition(c.not, [...path, 'not']);
      if (inner.kind === 'true') return { kind: 'false', path, reason: `its "not" negates a condition that always holds: ${inner.reason}` };
      if (inner.kind === 'false') return { kind: 'true', reason: `its "not" negates a condition that never holds: ${inner.reason}` };
      return UNKNOWN;
    }
    if ('indicator' in c) {
      if (!ref('indicator', c.indicator, [...path, 'indicator'])) return UNKNOWN;
      const range = ranges.get(c.indicator);
      return range ? compare(c.indicator, range, c.op, c.value, path) : UNKNOWN;
    }
    if ('fact' in c) {
      ref('fact', c.fact, [...path, 'fact']);
      return UNKNOWN;
    }
    if ('state' in c) {
      const states = checkRegion(c.state, [...path, 'state']);
      if (c.in.length === 0) return { kind: 'false', path, reason: `its list of states of ${c.state} is empty` };
      if (!states) return UNKNOWN;
      let allKnown = true;
      c.in.forEach((name, k) => {
        if (!states.includes(name)) {
          allKnown = false;
          error('unknown-state', [...path, 'in', k], `unknown state "${name}" of ${c.state} (known: ${states.length ? knownList(states) : 'none'})`);
        }
      });
      if (allKnown && states.length > 0 && states.every((s) => c.in.includes(s))) {
        return { kind: 'true', reason: `it lists every state of ${c.state}` };
      }
      return UNKNOWN;
    }
    if ('confidence' in c) {
      ref('team', c.confidence.team, [...path, 'confidence', 'team']);
      ref('incident', c.confidence.incident, [...path, 'confidence', 'incident']);
      return UNKNOWN;
    }
    if ('actionTaken' in c) {
      ref('action', c.actionTaken, [...path, 'actionTaken']);
      if (c.by !== undefined) ref('team', c.by, [...path, 'by']);
      return UNKNOWN;
    }
    ref('inject', c.injectFired, [...path, 'injectFired']);
    return UNKNOWN;
  };

  /** Whether "indicator op value" is decided by the indicator's range alone. */
  const compare = (name: string, range: Range, op: (typeof COMPARATORS)[number], value: number, path: Path): Verdict => {
    const { lo, hi } = range;
    const offGrid = range.integer && !Number.isInteger(value);
    // The bound that decides the comparison, when one does.
    let never: string | undefined;
    let always: string | undefined;
    const atLeast = `${name} is at least ${lo}`;
    const atMost = `${name} is at most ${hi}`;
    const whole = `${name} is always a whole number`;
    switch (op) {
      case '<':
        if (lo >= value) never = atLeast;
        else if (hi < value) always = atMost;
        break;
      case '<=':
        if (lo > value) never = atLeast;
        else if (hi <= value) always = atMost;
        break;
      case '>':
        if (hi <= value) never = atMost;
        else if (lo > value) always = atLeast;
        break;
      case '>=':
        if (hi < value) never = atMost;
        else if (lo >= value) always = atLeast;
        break;
      case '==':
        if (value < lo) never = atLeast;
        else if (value > hi) never = atMost;
        else if (offGrid) never = whole;
        break;
      case '!=':
        if (value < lo) always = atLeast;
        else if (value > hi) always = atMost;
        else if (offGrid) always = whole;
        break;
    }
    const note = range.note ? ` (${range.note})` : '';
    const test = `"${name} ${op} ${value}"`;
    if (never) return { kind: 'false', path, reason: `${test} never holds, as ${never}${note}` };
    if (always) return { kind: 'true', reason: `${test} always holds, as ${always}${note}` };
    return UNKNOWN;
  };

  const fired = new Set<string>();
  let evidenceAdded = false;

  /** Checks the references of an effect. `owner` is the inject id when the effect belongs to an inject. */
  const effect = (e: Effect, path: Path, owner?: string): void => {
    if ('indicator' in e) {
      if ((BUILTIN_INDICATORS as readonly string[]).includes(e.indicator) && !declaredIndicators.includes(e.indicator)) {
        const hint = e.indicator === 'escalation' ? '; use an "escalate" effect to move the escalation level' : '';
        error(
          'readonly-indicator',
          [...path, 'indicator'],
          `built-in indicator "${e.indicator}" is read-only: effects may change declared indicators only${hint}`,
        );
      } else if (!declaredIndicators.includes(e.indicator)) {
        error('unknown-indicator', [...path, 'indicator'], unknownMessage('indicator', e.indicator, declaredIndicators));
      }
    } else if ('fact' in e) {
      ref('fact', e.fact, [...path, 'fact']);
    } else if ('harm' in e) {
      ref('incident', e.harm, [...path, 'harm']);
    } else if ('evidence' in e) {
      ref('incident', e.evidence, [...path, 'evidence']);
      if (Array.isArray(e.teams)) e.teams.forEach((team, k) => ref('team', team, [...path, 'teams', k]));
      if (e.add > 0) evidenceAdded = true;
    } else if ('fireInject' in e) {
      if (ref('inject', e.fireInject, [...path, 'fireInject']) && e.fireInject !== owner) {
        fired.add(e.fireInject);
      }
    } else if ('send' in e) {
      const events: readonly string[] = CHART_EVENTS[e.send.chart];
      if (!events.includes(e.send.event)) {
        error('unknown-event', [...path, 'send', 'event'], `unknown event "${e.send.event}" of the ${e.send.chart} chart (known: ${knownList(events)})`);
      }
      if (e.send.incident !== undefined) ref('incident', e.send.incident, [...path, 'send', 'incident']);
    }
  };

  /** Reports a condition that can never hold, where it is used. */
  const usedCondition = (c: Condition | undefined, path: Path, consequence: string): void => {
    if (!c) return;
    const verdict = condition(c, path);
    if (verdict.kind === 'false') {
      error('always-false', verdict.path, `condition is always false: ${verdict.reason}; ${consequence}`);
    }
  };

  // -------------------------------------------------------------------------
  // Walk the scenario in document order

  const roundRef = (round: number | undefined, path: Path): void => {
    if (round !== undefined && round > roundCount) {
      error('round-out-of-range', path, `round ${round} is beyond the last round (the scenario has ${plural(roundCount, 'round')})`);
    }
  };

  scenario.teams.forEach((team, i) => {
    for (const incident of Object.keys(team.startingEvidence)) {
      ref('incident', incident, ['teams', i, 'startingEvidence', incident], 'key');
    }
  });

  const phases = scenario.adversary.phases;
  phases.forEach((phase, i) => {
    const path = ['adversary', 'phases', i, 'fromRound'];
    if (i === 0 && phase.fromRound !== 1) {
      error('first-phase', path, `the first adversary phase must start in round 1, not round ${phase.fromRound}`);
    } else if (i > 0 && phase.fromRound <= phases[i - 1]!.fromRound) {
      error(
        'phase-order',
        path,
        `adversary phase "${phase.id}" starts in round ${phase.fromRound}, not after the phase before it (round ${phases[i - 1]!.fromRound})`,
      );
    }
    roundRef(phase.fromRound, path);
  });

  scenario.adversary.moves.forEach((move, i) => {
    const path = ['adversary', 'moves', i];
    move.phases?.forEach((phase, k) => ref('phase', phase, [...path, 'phases', k]));
    usedCondition(move.when, [...path, 'when'], `adversary move "${move.id}" can never happen`);
    move.effects.forEach((e, k) => effect(e, [...path, 'effects', k]));
  });

  scenario.incidents.forEach((incident, i) => {
    roundRef(incident.startsInRound, ['incidents', i, 'startsInRound']);
    incident.detectedBy.forEach((team, k) => ref('team', team, ['incidents', i, 'detectedBy', k]));
    usedCondition(incident.caseFile, ['incidents', i, 'caseFile'], `the case file of incident "${incident.id}" can never be available`);
  });
  usedCondition(scenario.tribunalSeized, ['tribunalSeized'], 'the tribunal can never be seized');

  scenario.actions.forEach((action, i) => {
    const path = ['actions', i];
    action.availableTo?.forEach((team, k) => ref('team', team, [...path, 'availableTo', k]));
    usedCondition(action.prerequisites, [...path, 'prerequisites'], `action "${action.id}" can never be taken`);
    action.effects.forEach((e, k) => effect(e, [...path, 'effects', k]));
  });

  scenario.injects.forEach((inject, i) => {
    const path = ['injects', i];
    roundRef(inject.round, [...path, 'round']);
    usedCondition(inject.when, [...path, 'when'], `inject "${inject.id}" never fires on its condition`);
    if (typeof inject.audience === 'object') {
      inject.audience.teams.forEach((team, k) => ref('team', team, [...path, 'audience', 'teams', k]));
    }
    inject.effects.forEach((e, k) => effect(e, [...path, 'effects', k], inject.id));
    inject.objectives.forEach((objective, k) => ref('objective', objective, [...path, 'objectives', k]));
    inject.sources.forEach((source, k) => ref('source', source, [...path, 'sources', k]));
  });

  scenario.meta.learningObjectives.forEach((objective, i) => {
    const path = ['meta', 'learningObjectives', i];
    objective.evidence?.actions.forEach((action, k) => ref('action', action, [...path, 'evidence', 'actions', k]));
    const t = objective.rubric.thresholds;
    if (!(t.exemplary >= t.proficient && t.proficient >= t.developing)) {
      error(
        'rubric-thresholds',
        [...path, 'rubric', 'thresholds'],
        `the rubric thresholds of "${objective.id}" must not rise from exemplary to developing (they are ${t.exemplary}, ${t.proficient}, ${t.developing})`,
      );
    }
  });

  scenario.endConditions.forEach((end, i) => {
    usedCondition(end.when, ['endConditions', i, 'when'], `end condition "${end.id}" can never be reached`);
  });

  scenario.debrief.whatHappened.forEach((entry, i) => {
    roundRef(entry.round, ['debrief', 'whatHappened', i, 'round']);
    entry.sources.forEach((source, k) => ref('source', source, ['debrief', 'whatHappened', i, 'sources', k]));
  });

  // Injects that nothing can ever deliver (fireInject effects were collected above)
  scenario.injects.forEach((inject, i) => {
    if (inject.round === undefined && inject.when === undefined && !fired.has(inject.id)) {
      error('never-fires', ['injects', i], 'inject can never fire: it has no round, no condition, and nothing fires it');
    }
  });

  // Actions no team can ever take
  scenario.actions.forEach((action, i) => {
    const path = ['actions', i];
    const name = `action "${action.id}"`;
    if (action.availableTo && action.availableTo.length === 0) {
      error('unusable-action', [...path, 'availableTo'], `no team can take ${name}: its availableTo list is empty`);
      return;
    }
    const eligible = action.availableTo
      ? scenario.teams.filter((team) => action.availableTo!.includes(team.id))
      : scenario.teams;
    if (eligible.length === 0) return; // only unknown teams: reported above
    const names = eligible.map((team) => team.id).join(', ');
    const lawful = eligible.filter(
      (team) => action.legalBasis === '' || team.legalBases.length === 0 || team.legalBases.includes(action.legalBasis),
    );
    if (lawful.length === 0) {
      error(
        'unusable-action',
        [...path, 'legalBasis'],
        `no team can take ${name}: its legal basis "${action.legalBasis}" is not among the legal bases of ${names}`,
      );
      return;
    }
    const capital = lawful.filter((team) => team.resources.capital >= action.cost.capital);
    if (capital.length === 0) {
      const most = Math.max(...lawful.map((team) => team.resources.capital));
      error(
        'unusable-action',
        [...path, 'cost', 'capital'],
        `no team can take ${name}: it costs ${action.cost.capital} capital and the teams that may take it have at most ${most}`,
      );
      return;
    }
    const intel = capital.filter((team) => team.resources.intel >= action.cost.intel);
    if (intel.length === 0) {
      const most = Math.max(...capital.map((team) => team.resources.intel));
      error(
        'unusable-action',
        [...path, 'cost', 'intel'],
        `no team can take ${name}: it costs ${action.cost.intel} intel and the teams that may take it have at most ${most}`,
      );
    }
  });

  // -------------------------------------------------------------------------
  // Warnings

  const exercised = new Set(scenario.injects.flatMap((inject) => inject.objectives));
  scenario.meta.learningObjectives.forEach((objective, i) => {
    if (!exercised.has(objective.id)) {
      warning('unused-objective', ['meta', 'learningObjectives', i, 'id'], `learning objective "${objective.id}" is not exercised by any inject`);
    }
  });

  const privateAudience = new Set(
    scenario.injects.flatMap((inject) => (typeof inject.audience === 'object' ? inject.audience.teams : [])),
  );
  scenario.teams.forEach((team, i) => {
    if (!privateAudience.has(team.id) && team.briefing.trim().length <= 40) {
      warning(
        'thin-team',
        ['teams', i, 'briefing'],
        `team "${team.id}" receives no private inject and its briefing is only ${plural(team.briefing.trim().length, 'character')} long`,
      );
    }
  });

  // Investigations gain evidence by themselves (see adjudicate/resolveDecision.ts), so they count as a source too.
  const investigable = scenario.actions.some((action) => action.category === 'investigate' && action.targetsIncident);
  const bestStart = Math.max(0, ...scenario.teams.flatMap((team) => Object.values(team.startingEvidence)));
  if (!evidenceAdded && !investigable && bestStart < scenario.evidenceThresholds.high) {
    scenario.actions.forEach((action, i) => {
      if (action.minConfidence === 'high') {
        warning(
          'unreachable-confidence',
          ['actions', i, 'minConfidence'],
          `action "${action.id}" needs high confidence, but no effect in the scenario adds evidence, so no team can reach it`,
        );
      }
    });
  }

  return problems;
}
