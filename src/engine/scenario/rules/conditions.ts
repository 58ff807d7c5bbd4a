/**
 * Conditions: every id they name resolves, and none can never hold. The
 * static analysis knows the range of each indicator and the states of each
 * chart region, and reports a dead condition where it is used.
 */
import type { COMPARATORS, Condition, Scenario } from '../schema';
import { statesOfRegion } from '../../machines/states';
import type { Path } from '../paths';
import { knownList, plural, type RuleContext, type SemanticRule } from './context';
import { conditionsOf } from './walk';

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

/** The values each indicator can take, built-in and declared. */
export function indicatorRanges(scenario: Scenario): Map<string, Range> {
  const roundCount = scenario.rounds.length;
  const ranges = new Map<string, Range>();
  ranges.set('round', { lo: 0, hi: roundCount, integer: true, note: `the scenario has ${plural(roundCount, 'round')}` });
  ranges.set('escalation', { lo: 0, hi: 9, integer: true });
  ranges.set('cohesion', { lo: 0, hi: 100, integer: false });
  ranges.set('cumulativeHarm', { lo: 0, hi: Infinity, integer: false });
  ranges.set('publicResponses', { lo: 0, hi: Infinity, integer: true });
  for (const indicator of scenario.indicators) {
    if (!ranges.has(indicator.id) && indicator.min <= indicator.max) {
      ranges.set(indicator.id, { lo: indicator.min, hi: indicator.max, integer: false });
    }
  }
  return ranges;
}

/** Whether "indicator op value" is decided by the indicator's range alone. */
function compare(name: string, range: Range, op: (typeof COMPARATORS)[number], value: number, path: Path): Verdict {
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
}

/**
 * Checks the references of conditions and decides, where the scenario alone
 * can, whether they always or never hold.
 */
export class ConditionAnalysis {
  private readonly ranges: Map<string, Range>;

  constructor(private readonly context: RuleContext) {
    this.ranges = indicatorRanges(context.scenario);
  }

  /** The states of a chart region, or null (reported) when the region is unknown. */
  private region(region: string, path: Path): readonly string[] | null {
    const { known } = this.context;
    const states = statesOfRegion(region, { phases: known.phase, incidents: known.incident, teams: known.team });
    if (states) return states;
    const parts = region.split('.');
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
      context.ref('fact', c.fact, [...path, 'fact']);
      return UNKNOWN;
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
      context.ref('action', c.actionTaken, [...path, 'actionTaken']);
      if (c.by !== undefined) context.ref('team', c.by, [...path, 'by']);
      return UNKNOWN;
    }
    context.ref('inject', c.injectFired, [...path, 'injectFired']);
    return UNKNOWN;
  }
}

export const conditionsRule: SemanticRule = {
  id: 'conditions',
  summary: 'Every id a condition names resolves, and no condition is decided never to hold by the scenario alone.',
  codes: ['unknown-indicator', 'unknown-fact', 'unknown-region', 'unknown-state', 'unknown-team', 'unknown-incident', 'unknown-action', 'unknown-inject', 'always-false'],
  check(context) {
    const analysis = new ConditionAnalysis(context);
    for (const { condition, path, consequence } of conditionsOf(context.scenario)) {
      const verdict = analysis.verdict(condition, path);
      if (verdict.kind === 'false') {
        context.error('always-false', verdict.path, `condition is always false: ${verdict.reason}; ${consequence}`);
      }
    }
  },
};
