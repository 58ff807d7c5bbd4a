/**
 * Conditions: every id they name resolves, and none can never hold. The
 * static analysis knows the range of each indicator and the states of each
 * chart region, and reports a dead condition where it is used.
 */
import type { COMPARATORS, Condition, Scenario } from '../schema';
import { statesOfRegion } from '../../machines/states';
import type { Path } from '../paths';
import { knownList, plural, type RuleContext, type SemanticRule } from './context';
import { conditionsOf, effectsOf } from './walk';

interface Range {
  lo: number;
  hi: number;
  integer: boolean;
  note?: string;
}

export type Verdict =
  | { kind: 'false'; path: Path; reason: string }
  | { kind: 'true'; reason: string }
  | { kind: 'unknown' };

const UNKNOWN: Verdict = { kind: 'unknown' };

/**
 * The values a declared indicator can reach: its whole range once an effect
 * adds to it, only its initial value and the values effects set otherwise
 * (the engine clamps every change to min..max).
 */
function declaredRange(scenario: Scenario, indicator: Scenario['indicators'][number]): Range {
  const changes = effectsOf(scenario).flatMap(({ effect }) => ('indicator' in effect && effect.indicator === indicator.id ? [effect] : []));
  const { min, max, initial } = indicator;
  if (changes.some((e) => e.add !== undefined && e.add !== 0)) return { lo: min, hi: max, integer: false };
  const clamp = (value: number) => Math.max(min, Math.min(max, value));
  const reached = [initial, ...changes.flatMap((e) => [e.set, e.atLeast].filter((v): v is number => v !== undefined).map(clamp))];
  const lo = Math.min(...reached);
  const hi = Math.max(...reached);
  const note =
    changes.length === 0
      ? 'no effect changes it'
      : `effects only set ${indicator.id}, to values from ${lo} to ${hi}`;
  return lo === min && hi === max ? { lo, hi, integer: false } : { lo, hi, integer: false, note };
}

/** The rounds in which a condition is read, when fewer than all: from the round an inject waits for, or once one round is over. */
export interface RoundWindow {
  lo: number;
  hi: number;
  note: string;
}

/** The values each indicator can take, built-in and declared; `round` within the window, when given. */
export function indicatorRanges(scenario: Scenario, window?: RoundWindow): Map<string, Range> {
  const roundCount = scenario.rounds.length;
  const ranges = new Map<string, Range>();
  ranges.set('round', window ? { ...window, integer: true } : { lo: 0, hi: roundCount, integer: true, note: `the scenario has ${plural(roundCount, 'round')}` });
  ranges.set('escalation', { lo: 0, hi: 9, integer: true });
  ranges.set('cohesion', { lo: 0, hi: 100, integer: false });
  ranges.set('cumulativeHarm', { lo: 0, hi: Infinity, integer: false });
  ranges.set('publicResponses', { lo: 0, hi: Infinity, integer: true });
  for (const indicator of scenario.indicators) {
    if (!ranges.has(indicator.id) && indicator.min <= indicator.max) ranges.set(indicator.id, declaredRange(scenario, indicator));
  }
  return ranges;
}

/** The values a fact can take: its initial value and those effects set. */
function factValues(scenario: Scenario, fact: string): Set<boolean> {
  const values = new Set<boolean>([scenario.facts.find((f) => f.id === fact)?.initial ?? false]);
  for (const { effect } of effectsOf(scenario)) if ('fact' in effect && effect.fact === fact) values.add(effect.set);
  return values;
}

/** Whether "indicator op value" is decided by the indicator's range alone. */
function compare(name: string, range: Range, op: (typeof COMPARATORS)[number], value: number, path: Path): Verdict {
  const { lo, hi } = range;
  const offGrid = range.integer && !Number.isInteger(value);
  // The bound that decides the comparison, when one does.
  let never: string | undefined;
  let always: string | undefined;
  const exactly = lo === hi ? `${name} is always ${lo}` : undefined;
  const atLeast = exactly ?? `${name} is at least ${lo}`;
  const atMost = exactly ?? `${name} is at most ${hi}`;
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
      else if (exactly && lo === value) always = exactly;
      break;
    case '!=':
      if (value < lo) always = atLeast;
      else if (value > hi) always = atMost;
      else if (offGrid) always = whole;
      else if (exactly && lo === value) never = exactly;
      break;
  }
  const note = range.note ? ` (${range.note})` : '';
  const test = `"${name} ${op} ${value}"`;
  if (never) return { kind: 'false', path, reason: `${test} never holds, as ${never}${note}` };
  if (always) return { kind: 'true', reason: `${test} always holds, as ${always}${note}` };
  return UNKNOWN;
}

/**
 * Checks the references of conditions and decides, where the scenario alone
 * can, whether they always or never hold.
 */
export class ConditionAnalysis {
  private readonly ranges: Map<string, Range>;

  /** `window`, when given, narrows the rounds in which the conditions are read. */
  constructor(
    private readonly context: RuleContext,
    window?: RoundWindow,
  ) {
    this.ranges = indicatorRanges(context.scenario, window);
  }

  /** The states of a chart region, or null (reported) when the region is unknown. */
  private region(region: string, path: Path): readonly string[] | null {
    const { known } = this.context;
    const actors = Object.fromEntries((this.context.scenario.otherAdversaries ?? []).map((a) => [a.id, a.phases.map((p) => p.id)]));
    const states = statesOfRegion(region, { phases: known.phase, incidents: known.incident, teams: known.team, actors });
    if (states) return states;
    const parts = region.split('.');
    if (parts.length === 3 && parts[0] === 'adversary') {
      const [, actor = '', part = ''] = parts;
      const reason = Object.hasOwn(actors, actor)
        ? `a further actor has the regions adversary.${actor}.phase and adversary.${actor}.posture, not "${part}"`
        : Object.keys(actors).length === 0
          ? 'the scenario declares no otherAdversaries'
          : `unknown actor "${actor}" (known: ${Object.keys(actors).join(', ')})`;
      this.context.error('unknown-region', path, `unknown chart region "${region}": ${reason}`);
      return null;
    }
    if (parts.length === 3 && parts[0] === 'attribution') {
      const [, incident = '', team = ''] = parts;
      const reason = known.incident.includes(incident)
        ? this.context.unknownMessage('team', team, [...known.team, 'coalition'])
        : this.context.unknownMessage('incident', incident);
      this.context.error('unknown-region', path, `unknown chart region "${region}": ${reason}`);
      return null;
    }
    this.context.error(
      'unknown-region',
      path,
      `unknown chart region "${region}" (known: exercise, adversary.phase, adversary.posture, deEscalation, attribution.<incident>.<team>, attribution.<incident>.coalition)`,
    );
    return null;
  }

  /** A fact nothing ever sets to the value asked never has it; one nothing can change always keeps it. */
  private factVerdict(fact: string, wanted: boolean, path: Path): Verdict {
    const values = factValues(this.context.scenario, fact);
    const because = `it starts ${values.has(wanted) ? wanted : !wanted} and no effect sets it to ${!values.has(wanted) ? wanted : !wanted}`;
    if (!values.has(wanted)) return { kind: 'false', path, reason: `fact "${fact}" is never ${wanted}: ${because}` };
    if (values.size === 1) return { kind: 'true', reason: `fact "${fact}" is always ${wanted}: ${because}` };
    return UNKNOWN;
  }

  /** An action taken by a team that may not take it never is. */
  private takenByVerdict(actionId: string, team: string, path: Path): Verdict {
    const action = this.context.scenario.actions.find((a) => a.id === actionId)!;
    if (this.context.eligibleTeams(action).some((t) => t.id === team)) return UNKNOWN;
    const why = action.availableTo && !action.availableTo.includes(team) ? 'availableTo leaves it out' : `it has no legal basis "${action.legalBasis}"`;
    return { kind: 'false', path, reason: `team "${team}" never takes action "${actionId}": ${why}` };
  }

  /** Checks the references of a condition and returns whether it can ever hold. */
  verdict(c: Condition, path: Path): Verdict {
    const context = this.context;
    if ('all' in c) {
      const verdicts = c.all.map((member, k) => this.verdict(member, [...path, 'all', k]));
      const dead = verdicts.find((v) => v.kind === 'false');
      if (dead) return dead;
      if (verdicts.every((v) => v.kind === 'true')) return { kind: 'true', reason: 'every condition in its "all" always holds' };
      return UNKNOWN;
    }
    if ('any' in c) {
      const verdicts = c.any.map((member, k) => this.verdict(member, [...path, 'any', k]));
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
      const inner = this.verdict(c.not, [...path, 'not']);
      if (inner.kind === 'true') return { kind: 'false', path, reason: `its "not" negates a condition that always holds: ${inner.reason}` };
      if (inner.kind === 'false') return { kind: 'true', reason: `its "not" negates a condition that never holds: ${inner.reason}` };
      return UNKNOWN;
    }
    if ('indicator' in c) {
      if (!context.ref('indicator', c.indicator, [...path, 'indicator'])) return UNKNOWN;
      const range = this.ranges.get(c.indicator);
      return range ? compare(c.indicator, range, c.op, c.value, path) : UNKNOWN;
    }
    if ('fact' in c) {
      if (!context.ref('fact', c.fact, [...path, 'fact'])) return UNKNOWN;
      return this.factVerdict(c.fact, c.is ?? true, path);
    }
    if ('state' in c) {
      const states = this.region(c.state, [...path, 'state']);
      if (c.in.length === 0) return { kind: 'false', path, reason: `its list of states of ${c.state} is empty` };
      if (!states) return UNKNOWN;
      let allKnown = true;
      c.in.forEach((name, k) => {
        if (!states.includes(name)) {
          allKnown = false;
          context.error('unknown-state', [...path, 'in', k], `unknown state "${name}" of ${c.state} (known: ${states.length ? knownList(states) : 'none'})`);
        }
      });
      if (allKnown && states.length > 0 && states.every((s) => c.in.includes(s))) {
        return { kind: 'true', reason: `it lists every state of ${c.state}` };
      }
      return UNKNOWN;
    }
    if ('confidence' in c) {
      context.ref('team', c.confidence.team, [...path, 'confidence', 'team']);
      context.ref('incident', c.confidence.incident, [...path, 'confidence', 'incident']);
      return UNKNOWN;
    }
    if ('actionTaken' in c) {
      const action = context.ref('action', c.actionTaken, [...path, 'actionTaken']);
      const team = c.by !== undefined && context.ref('team', c.by, [...path, 'by']);
      return action && team ? this.takenByVerdict(c.actionTaken, c.by!, path) : UNKNOWN;
    }
    context.ref('inject', c.injectFired, [...path, 'injectFired']);
    return UNKNOWN;
  }
}

export const conditionsRule: SemanticRule = {
  id: 'conditions',
  summary: 'Every id a condition names resolves, and no condition is decided never to hold by the scenario alone: by ranges, facts and indicators nothing changes, teams that may not take an action, or the round an inject waits for.',
  codes: ['unknown-indicator', 'unknown-fact', 'unknown-region', 'unknown-state', 'unknown-team', 'unknown-incident', 'unknown-action', 'unknown-inject', 'always-false'],
  check(context) {
    const everyRound = new ConditionAnalysis(context);
    const silent = context.silent();
    for (const { condition, path, consequence, fromRound } of conditionsOf(context.scenario)) {
      let verdict = everyRound.verdict(condition, path);
      // An inject scheduled for a later round waits for it: its condition is read from then on.
      if (verdict.kind !== 'false' && fromRound !== undefined && fromRound > 1) {
        const last = context.roundCount;
        const note = fromRound >= last ? `it is read only in round ${last}, the inject's round` : `it is read from round ${fromRound}, the inject's round, on`;
        verdict = new ConditionAnalysis(silent, { lo: fromRound, hi: Math.max(fromRound, last), note }).verdict(condition, path);
      }
      if (verdict.kind === 'false') {
        context.error('always-false', verdict.path, `condition is always false: ${verdict.reason}; ${consequence}`);
      }
    }
  },
};
