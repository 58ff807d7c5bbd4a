/**
 * What every semantic rule is given: the scenario, a way to report a problem
 * at a path, and the ids the scenario declares, with the one wording of an
 * unknown reference ("did you mean" for long lists).
 */
import { BUILTIN_INDICATORS, type Action, type Scenario, type Team } from '../schema';
import type { Problem } from '../problems';
import { closest, jsonPointer, type Locator, type Path } from '../paths';

/** The kinds of thing a scenario refers to by id. */
export type RefKind = 'team' | 'incident' | 'action' | 'inject' | 'indicator' | 'fact' | 'phase' | 'objective' | 'source' | 'legalBasis' | 'verificationBody';

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
  verificationBody: ['verification body', 'verification bodies'],
};

/** Longer lists of known ids are replaced by a "did you mean". */
const MAX_LISTED = 15;

export function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function knownList(known: readonly string[]): string {
  return known.join(', ');
}

export type At = 'value' | 'key';

export class RuleContext {
  readonly problems: Problem[] = [];
  /** The ids each kind of reference may name. */
  readonly known: Record<RefKind, readonly string[]>;
  readonly declaredIndicators: readonly string[];
  readonly roundCount: number;

  constructor(
    readonly scenario: Scenario,
    readonly file: string,
    private readonly locate: Locator,
  ) {
    this.roundCount = scenario.rounds.length;
    this.declaredIndicators = scenario.indicators.map((i) => i.id);
    this.known = {
      team: scenario.teams.map((t) => t.id),
      incident: scenario.incidents.map((i) => i.id),
      action: scenario.actions.map((a) => a.id),
      inject: scenario.injects.map((i) => i.id),
      indicator: [...this.declaredIndicators, ...BUILTIN_INDICATORS],
      fact: scenario.facts.map((f) => f.id),
      phase: scenario.adversary.phases.map((p) => p.id),
      objective: scenario.meta.learningObjectives.map((o) => o.id),
      source: scenario.meta.sources.map((s) => s.id),
      legalBasis: scenario.legalBases.map((b) => b.id),
      verificationBody: scenario.institutions?.verificationBodies.map((b) => b.id) ?? [],
    };
  }

  /** The same scenario in a context whose problems nobody reads, to reuse another rule's analysis. */
  silent(): RuleContext {
    return new RuleContext(this.scenario, this.file, this.locate);
  }

  report(severity: Problem['severity'], code: string, path: Path, message: string, at: At = 'value'): void {
    const { line, column } = this.locate(path, at);
    this.problems.push({ severity, code, message, file: this.file, line, column, pointer: jsonPointer(path) });
  }

  error(code: string, path: Path, message: string, at: At = 'value'): void {
    this.report('error', code, path, message, at);
  }

  warning(code: string, path: Path, message: string, at: At = 'value'): void {
    this.report('warning', code, path, message, at);
  }

  unknownMessage(kind: RefKind, id: string, declared: readonly string[] = this.known[kind]): string {
    const [singular, pluralNoun] = NOUNS[kind];
    const candidates = [...new Set(declared)];
    if (candidates.length === 0) return `unknown ${singular} "${id}" (the scenario declares no ${pluralNoun})`;
    if (candidates.length <= MAX_LISTED) return `unknown ${singular} "${id}" (known: ${knownList(candidates)})`;
    const hint = closest(id, candidates);
    return hint
      ? `unknown ${singular} "${id}" (did you mean "${hint}"?)`
      : `unknown ${singular} "${id}" (the scenario declares ${plural(candidates.length, singular, pluralNoun)})`;
  }

  /** Checks one reference; true when it resolves. */
  ref(kind: RefKind, id: string, path: Path, at: At = 'value'): boolean {
    if (this.known[kind].includes(id)) return true;
    this.error(`unknown-${kind}`, path, this.unknownMessage(kind, id), at);
    return false;
  }

  /** The teams that may take an action: those it is available to, with its legal basis when their list names bases. */
  eligibleTeams(action: Action): Team[] {
    return this.scenario.teams.filter(
      (team) =>
        (!action.availableTo || action.availableTo.includes(team.id)) &&
        (action.legalBasis === '' || team.legalBases.length === 0 || team.legalBases.includes(action.legalBasis)),
    );
  }

  /** A round number must name one of the scenario's rounds. */
  round(round: number | undefined, path: Path): void {
    if (round !== undefined && round > this.roundCount) {
      this.error('round-out-of-range', path, `round ${round} is beyond the last round (the scenario has ${plural(this.roundCount, 'round')})`);
    }
  }
}

/** One concern of the semantic checks. */
export interface SemanticRule {
  /** Stable name, used by tests and the docs. */
  readonly id: string;
  /** One sentence: what the rule catches. */
  readonly summary: string;
  /** The problem codes the rule may report. */
  readonly codes: readonly string[];
  check(context: RuleContext): void;
}
