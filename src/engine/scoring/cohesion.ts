/**
 * Coalition cohesion K (0..100) for one round, with a sentence per component
 * and one rule line per defection. Formulas and grounding: docs/scoring.md.
 */
import { ACTION_CATEGORIES } from '../scenario/schema';
import type { Score, ScoreComponent, ScoreRule } from '../types';
import { say, type MessageKey, type TermKey } from '../messages';
import {
  capitalise,
  clamp,
  component,
  fmtNum,
  normaliseWeights,
  notApplicable,
  round1,
  verdict,
  weightedTotal,
  type Descriptor,
} from './explain';

export interface CohesionTeam {
  id: string;
  name: string;
  /** Relative economic and political weight (> 0). */
  capacity: number;
  /** Per action category, 0..1 intensity this round (missing = 0). */
  posture: Record<string, number>;
  costBorne: number;
  evidenceHeld: number;
  evidenceShared: number;
  /** An institution (the EU, NATO): weighed as an institution, not as one more government. Default false. */
  institution?: boolean;
  /** The categories it has an instrument for; a category it cannot act in is not held against it. All when absent. */
  able?: string[];
}

export interface CohesionVote {
  label: string;
  yes: number;
  no: number;
  abstain: number;
}

export interface CohesionResponse {
  team: string;
  severity: number;
  /** By two or more actors, in the same round, against the same target. */
  joint: boolean;
  /** A measure at home (a recount, a regulator's proceedings): not aimed at the adversary, so not a coalition response. */
  domestic?: boolean;
  /** A prosecution: aimed at the adversary's agents, but by nature one jurisdiction's own, so neither joint nor solo. */
  national?: boolean;
}

export type DefectionKind = 'veto' | 'unilateralRollback' | 'unilateralEscalation' | 'nonImplementation' | 'unconsultedSecondary';

export interface CohesionDefection {
  team: string;
  kind: DefectionKind;
  why: string;
}

export interface CohesionWeights {
  alignment: number;
  agreement: number;
  jointness: number;
  burden: number;
  sharing: number;
  defectionPenalty: number;
}

export interface CohesionInput {
  teams: CohesionTeam[];
  /** Coalition decisions this round (joint proposals, Council votes). */
  votes: CohesionVote[];
  /** Responses this round. */
  responses: CohesionResponse[];
  defections: CohesionDefection[];
  weights: CohesionWeights;
  /**
   * The cohesion the coalition held before this round. A round in which
   * nothing was at stake keeps it: shared inaction neither builds nor
   * proves cohesion. 100 when absent (the coalition starts undivided).
   */
  carried?: number;
}

export const COHESION_COMPONENTS = ['alignment', 'agreement', 'jointness', 'burden', 'sharing'] as const;
export type CohesionComponentId = (typeof COHESION_COMPONENTS)[number];

/** The defaults of scenario.scoring.cohesion. */
export const DEFAULT_COHESION_WEIGHTS: CohesionWeights = {
  alignment: 0.3,
  agreement: 0.15,
  jointness: 0.2,
  burden: 0.15,
  sharing: 0.2,
  defectionPenalty: 20,
};


const LABELS: Record<CohesionComponentId, string> = {
  alignment: 'Posture alignment',
  agreement: 'Vote agreement',
  jointness: 'Joint action',
  burden: 'Burden sharing',
  sharing: 'Evidence sharing',
};


/** What each kind of defection is called: the engine's TERMS of these keys. */
const DEFECTION_WORDS: Record<DefectionKind, TermKey> = {
  veto: 'vetoed',
  unilateralRollback: 'rolledBackAlone',
  unilateralEscalation: 'escalatedAlone',
  nonImplementation: 'didNotImplement',
  unconsultedSecondary: 'unconsultedSecondary',
};

const pos = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);


/** Signorino and Ritter's S: 1 minus the city-block distance of two postures over its maximum. */
function similarity(a: number[], b: number[]): number {
  return a.length === 0 ? 1 : 1 - a.reduce((s, x, k) => s + Math.abs(x - b[k]!), 0) / a.length;
}

/**
 * How alike two governments' postures were, 0..1: S over the given categories
 * (all of them in the cohesion score; the ones the coalition used, to compare
 * a pair of allies on what was actually at issue).
 */
export function postureAlignment(a: Record<string, number>, b: Record<string, number>, categories: readonly string[]): number {
  const over = (p: Record<string, number>) => categories.map((c) => clamp(p[c] ?? 0, 0, 1));
  return similarity(over(a), over(b));
}

/** The categories two governments are compared on: what either did, where both have an instrument. */
function categoriesAtIssue(a: CohesionTeam, b: CohesionTeam): { used: string[]; comparable: string[] } {
  const acted = (t: CohesionTeam) => ACTION_CATEGORIES.filter((c) => (t.posture[c] ?? 0) > 0);
  const used = [...new Set([...acted(a), ...acted(b)])];
  const able = (t: CohesionTeam, c: string) => !t.able || t.able.includes(c);
  return { used, comparable: used.filter((c) => able(a, c) && able(b, c)) };
}

interface PairAlignment {
  a: CohesionTeam;
  b: CohesionTeam;
  /** null: the pair is not compared (neither acted, or one was unable to act where the other did). */
  s: number | null;
  /** Neither of the two took a step. */
  idle: boolean;
}

/**
 * Signorino and Ritter's S per pair, over the categories at issue. A pair
 * where neither acted is not compared: shared inaction is not alignment, and
 * the divergence of those who acted from those who did not already shows in
 * their own pairs. A category one of them has no instrument for is left out
 * (unable is not unwilling).
 */
function pairAlignments(teams: CohesionTeam[]): PairAlignment[] {
  const pairs: PairAlignment[] = [];
  teams.forEach((a, i) => {
    for (const b of teams.slice(i + 1)) {
      const { used, comparable } = categoriesAtIssue(a, b);
      const s = comparable.length === 0 ? null : postureAlignment(a.posture, b.posture, comparable);
      pairs.push({ a, b, s, idle: used.length === 0 });
    }
  });
  return pairs;
}

function alignmentOf(teams: CohesionTeam[]): { value: number; why: string; weak: string } {
  const pairs = pairAlignments(teams);
  const compared = pairs.filter((p): p is PairAlignment & { s: number } => p.s !== null);
  const value = compared.reduce((sum, p) => sum + p.s, 0) / compared.length;
  const idle = teams.filter((t) => ACTION_CATEGORIES.every((c) => (t.posture[c] ?? 0) <= 0)).map((t) => t.name);
  const unable = pairs.filter((p) => p.s === null && !p.idle).length;
  const unableText = unable > 0 ? say(unable === 1 ? 'part.unableOne' : 'part.unableMany', { count: unable }) : '';
  if (value >= 1) return { value, why: say('alignment.same', { unable: unableText }), weak: '' };
  const worst = compared.reduce((w, p) => (p.s < w.s ? p : w));
  const idleText = idle.length > 0 ? say('part.idle', { teams: idle }) : '';
  return {
    value,
    why: say('alignment.apart', { value, a: worst.a.name, b: worst.b.name, pair: worst.s, idle: idleText, unable: unableText }),
    weak: 'divergentInPosture',
  };
}

/** Governments for alignment and burden; institutions act with them but are not extra governments. */
function governmentsOf(teams: CohesionTeam[]): CohesionTeam[] {
  return teams.filter((t) => !t.institution);
}

export function scoreCohesion(input: CohesionInput): Score {
  const teams = input.teams;
  const governments = governmentsOf(teams);
  const n = governments.length;
  const nameOf = (id: string): string => teams.find((t) => t.id === id)?.name ?? id;

  // Which components apply this round, and their renormalised weights.
  const votes = input.votes.filter((v) => pos(v.yes) + pos(v.no) + pos(v.abstain) > 0);
  const totalCost = governments.reduce((s, t) => s + pos(t.costBorne), 0);
  const totalHeld = teams.reduce((s, t) => s + pos(t.evidenceHeld), 0);
  // Cohesion is about the coalition's answer to the adversary: a round counts when governments voted,
  // answered the adversary (severity above 0, not a domestic measure) or defected. Work at home alone
  // (investigation, resilience, a recount) and evidence pooled in earlier rounds leave nothing at stake.
  // Jointness leaves prosecutions out: one state's courts act alone by nature.
  const outward = input.responses.filter((r) => !r.domestic && Number.isFinite(r.severity) && r.severity > 0);
  const atStake = votes.length > 0 || outward.length > 0 || input.defections.length > 0;
  const coalitionResponses = outward.filter((r) => !r.national);
  const applies: Record<CohesionComponentId, boolean> = {
    alignment: atStake && n >= 2 && pairAlignments(governments).some((p) => p.s !== null),
    agreement: votes.length > 0,
    jointness: coalitionResponses.length > 0,
    burden: atStake && totalCost > 0,
    sharing: atStake && totalHeld > 0,
  };
  const live = COHESION_COMPONENTS.filter((id) => applies[id]);
  const weights = normaliseWeights(input.weights, live);

  const build: Record<CohesionComponentId, () => { value: number; why: string; weak: string }> = {
    alignment: () => alignmentOf(governments),
    agreement: () => {
      const scored = votes.map((v) => {
        const y = pos(v.yes);
        const no = pos(v.no);
        const a = pos(v.abstain);
        const t = y + no + a;
        const max = Math.max(y, no, a);
        return { v, ai: (max - 0.5 * (t - max)) / t };
      });
      const value = scored.reduce((s, x) => s + x.ai, 0) / scored.length;
      const split = scored.filter((x) => x.ai < 1).sort((a, b) => a.ai - b.ai);
      if (split.length === 0) {
        return {
          value,
          why: votes.length === 1 ? say('agreement.unanimousOne', { vote: votes[0]!.label }) : say('agreement.unanimousAll', { count: votes.length }),
          weak: '',
        };
      }
      const shown = split
        .slice(0, 3)
        .map((x) => say('part.vote', { vote: x.v.label, yes: pos(x.v.yes), no: pos(x.v.no), abstain: pos(x.v.abstain) }));
      const more = split.length > 3 ? say('part.more', { count: split.length - 3 }) : '';
      return {
        value,
        why: say(split.length === 1 ? 'agreement.splitOne' : 'agreement.split', { value, votes: shown, more }),
        weak: 'splitInVotes',
      };
    },
    jointness: () => {
      const all = coalitionResponses.reduce((s, r) => s + r.severity, 0);
      const joint = coalitionResponses.filter((r) => r.joint).reduce((s, r) => s + r.severity, 0);
      const value = joint / all;
      if (value >= 1) return { value, why: say('jointness.all'), weak: '' };
      const solo = new Map<string, number[]>();
      for (const r of coalitionResponses) {
        if (!r.joint) solo.set(r.team, [...(solo.get(r.team) ?? []), r.severity]);
      }
      const soloText = [...solo].map(([team, sevs]) => say('part.solo', { team: nameOf(team), severities: sevs.map(fmtNum) }));
      let outsideText = '';
      if (joint > 0) {
        const inJoint = new Set(coalitionResponses.filter((r) => r.joint).map((r) => r.team));
        const outside = teams.filter((t) => !inJoint.has(t.id)).map((t) => t.name);
        if (outside.length > 0) outsideText = say('part.outside', { teams: outside });
      }
      return { value, why: say('jointness.some', { value, solo: soloText, outside: outsideText }), weak: 'oftenActingAlone' };
    },
    burden: () => {
      const teams = governments;
      const r = teams.map((t) => pos(t.costBorne) / (Number.isFinite(t.capacity) && t.capacity > 0 ? t.capacity : 1));
      const mean = r.reduce((a, b) => a + b, 0) / n;
      let diff = 0;
      for (const a of r) for (const b of r) diff += Math.abs(a - b);
      const gini = diff / (2 * n * n * mean);
      const value = 1 - gini;
      if (n === 1) return { value, why: say('burden.only', { team: teams[0]!.name }), weak: '' };
      if (gini <= 0) return { value, why: say('burden.even'), weak: '' };
      let h = 0;
      r.forEach((x, i) => {
        if (x > r[h]!) h = i;
      });
      const none = teams.filter((_, i) => r[i] === 0).map((t) => t.name);
      const noneText = none.length > 0 ? say('part.boreNone', { teams: none }) : '';
      return { value, why: say('burden.uneven', { team: teams[h]!.name, ratio: r[h]! / mean, none: noneText }), weak: 'unevenInCost' };
    },
    sharing: () => {
      const shared = teams.reduce((s, t) => s + pos(t.evidenceShared), 0);
      const value = Math.min(1, shared / totalHeld);
      if (value >= 1) return { value, why: say('sharing.all'), weak: '' };
      const holders = teams
        .filter((t) => pos(t.evidenceShared) < pos(t.evidenceHeld))
        .sort((a, b) => pos(b.evidenceHeld) - pos(b.evidenceShared) - (pos(a.evidenceHeld) - pos(a.evidenceShared)))
        .map((t) =>
          pos(t.evidenceShared) === 0
            ? say('part.sharedNone', { team: t.name, held: pos(t.evidenceHeld) })
            : say('part.sharedSome', { team: t.name, shared: pos(t.evidenceShared), held: pos(t.evidenceHeld) }),
        );
      return { value, why: say('sharing.some', { value, holders }), weak: 'holdingBackEvidence' };
    },
  };

  const REASONS: Record<CohesionComponentId, MessageKey> = {
    alignment: 'cohesionNa.alignment',
    agreement: 'cohesionNa.agreement',
    jointness: 'cohesionNa.jointness',
    burden: 'cohesionNa.burden',
    sharing: 'cohesionNa.sharing',
  };
  const STRONG: Record<CohesionComponentId, TermKey> = {
    alignment: 'alignedInPosture',
    agreement: 'unitedInVotes',
    jointness: 'actingTogether',
    burden: 'sharingCostFairly',
    sharing: 'poolingEvidence',
  };

  const components: ScoreComponent[] = [];
  const descriptors: Descriptor[] = [];
  for (const id of COHESION_COMPONENTS) {
    if (!applies[id]) {
      components.push(notApplicable(id, LABELS[id], say(REASONS[id])));
      continue;
    }
    const { value, why, weak } = build[id]();
    const c = component(id, LABELS[id], value, weights[id], why);
    components.push(c);
    descriptors.push({ component: c, strong: STRONG[id], weak: weak || STRONG[id] });
  }

  // Defections: each costs defectionPenalty / n points.
  const penalty = pos(input.weights.defectionPenalty);
  const each = penalty / Math.max(1, n);
  // The points each defection costs, as fmtPoints writes them: "−5.0 points", or "+0.0 points" when they round to nothing.
  const lost = Math.abs(round1(-each));
  const effect = lost > 0 ? say('effect.pointsLost', { points: lost }) : say('effect.noPoints');
  const rules: ScoreRule[] = input.defections.map((d, i) => {
    const name = nameOf(d.team);
    const reason = d.why.trim().replace(/\.+$/, '');
    // A reason that already names the government is used as it stands (the engine writes them so: defection.*).
    const why = reason.toLowerCase().startsWith(name.toLowerCase())
      ? `${capitalise(reason)}.`
      : say(reason ? 'defection.kindWithReason' : 'defection.kind', { team: capitalise(name), what: DEFECTION_WORDS[d.kind], reason });
    return { id: `defection-${i + 1}`, effect, why };
  });
  const totalPenalty = each * input.defections.length;

  const nothingAtStake = live.length === 0;
  const carried = clamp(Number.isFinite(input.carried) ? input.carried! : 100, 0, 100);
  const base = nothingAtStake ? carried : weightedTotal(components);
  const value = Math.round(clamp(base - totalPenalty, 0, 100));

  const head = nothingAtStake
    ? say('part.nothingAtStake', { carried: round1(carried) })
    : verdict(descriptors);
  const defected =
    input.defections.length === 0
      ? ''
      : say(input.defections.length === 1 ? 'part.defectionOne' : 'part.defections', {
          count: input.defections.length,
          points: round1(totalPenalty),
          who: input.defections.map((d) => say('part.defector', { team: nameOf(d.team), what: DEFECTION_WORDS[d.kind] })),
        });
  const summary = say('summary.cohesion', { value, head, defected });

  return { value, components, rules, summary };
}

/** Whether anything was at stake in a round's cohesion: a component applied, or someone defected. */
export function cohesionAtStake(score: Pick<Score, 'components' | 'rules'>): boolean {
  return score.components.some((c) => c.weight > 0) || score.rules.length > 0;
}

/**
 * The exercise's cohesion: the mean over the rounds in which something was
 * at stake. Rounds of shared inaction do not count, and an exercise in which
 * the coalition never did anything together scores 0: there was no
 * cohesion to credit.
 */
export function exerciseCohesion(rounds: readonly { cohesion: Score }[]): number {
  const counted = rounds.filter((r) => cohesionAtStake(r.cohesion)).map((r) => r.cohesion.value);
  return counted.length === 0 ? 0 : counted.reduce((a, b) => a + b, 0) / counted.length;
}
