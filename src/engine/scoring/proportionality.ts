/**
 * Proportionality P (0..100) of one response, with a sentence per component
 * and per legal rule saying why. Formulas and grounding: docs/scoring.md.
 */
import type { ConfidenceLevel, LegalCategory, Procedure, ResponseType, Spillover } from '../scenario/schema';
import { RESPONSIBILITY_LEVELS } from '../scenario/schema';
import type { Score, ScoreComponent, ScoreRule } from '../types';
import {
  clamp,
  component,
  fmtNum,
  fmtPct,
  joinAnd,
  joinOr,
  normaliseWeights,
  verdict,
  weightedTotal,
  type Descriptor,
} from './explain';

export interface ProportionalityWeights {
  fit: number;
  evidence: number;
  reversibility: number;
  procedure: number;
  mitigation: number;
}

export interface ProportionalityInput {
  actionName: string;
  /** 0..10 (negative for rollback: treated as 0 for fit). */
  severity: number;
  /** H, 0..10 harm suffered (cumulative), computed by the caller. */
  harm: number;
  /** The acting government's confidence on the target incident; null = none. */
  confidence: ConfidenceLevel | null;
  minConfidence: 'none' | ConfidenceLevel;
  /** 0..1, share of the evidence made public (0 if not attributed publicly). */
  publicEvidence: number;
  /** 0..1 */
  reversibility: number;
  responseType: ResponseType;
  /** What the action offers. */
  proceduresOffered: Procedure[];
  /** What the player chose; an option counts only when the action offers it. */
  options: Partial<Record<Procedure, boolean>>;
  spillover: Spillover;
  /** 1..10 Healey level as assessed by the acting government, null if unknown. */
  assessedResponsibility: number | null;
  assessedLegalCategory: LegalCategory | null;
  weights: ProportionalityWeights;
}

export interface ProportionalityResult {
  score: Score;
  legallyExposed: boolean;
}

export const PROPORTIONALITY_COMPONENTS = ['fit', 'evidence', 'reversibility', 'procedure', 'mitigation'] as const;
export type ProportionalityComponentId = (typeof PROPORTIONALITY_COMPONENTS)[number];

/** The defaults of scenario.scoring.proportionality. */
export const DEFAULT_PROPORTIONALITY_WEIGHTS: ProportionalityWeights = {
  fit: 0.35,
  evidence: 0.2,
  reversibility: 0.15,
  procedure: 0.15,
  mitigation: 0.15,
};

export const CONFIDENCE_VALUES: Record<ConfidenceLevel, number> = { low: 0.3, moderate: 0.6, high: 0.9 };
export const SPILLOVER_VALUES: Record<Spillover, number> = { none: 0, low: 0.25, medium: 0.5, high: 0.75, veryHigh: 1 };

/** Highest score a legally exposed countermeasure can get. */
export const COUNTERMEASURE_CAP = 40;
/** Lowest reversibility a countermeasure may have (ILC Art. 49(3): "as far as possible" reversible). */
export const COUNTERMEASURE_MIN_REVERSIBILITY = 0.8;
/** Lowest assessed Healey level for a countermeasure: state-ordered. */
export const COUNTERMEASURE_MIN_RESPONSIBILITY = 7;

/** Legal categories that are (at least) an internationally wrongful act. */
const WRONGFUL_ACTS: readonly LegalCategory[] = ['internationallyWrongfulAct', 'useOfForce', 'armedAttack'];

const LABELS: Record<ProportionalityComponentId, string> = {
  fit: 'Fit to harm',
  evidence: 'Evidence',
  reversibility: 'Reversibility',
  procedure: 'Procedure',
  mitigation: 'Mitigation',
};

const PROCEDURE_WORDS: Record<Procedure, string> = {
  notice: 'prior notice to the responsible state',
  statementOfReasons: 'a statement of reasons',
  sunset: 'a sunset clause',
  oversight: 'notice to oversight bodies',
  humanitarianExemption: 'a humanitarian exemption',
  urgent: 'urgency',
};

const SPILLOVER_WORDS: Record<Spillover, string> = {
  none: 'no',
  low: 'low',
  medium: 'medium',
  high: 'high',
  veryHigh: 'very high',
};

const LEGAL_WORDS: Record<LegalCategory, string> = {
  cybercrime: 'cybercrime',
  espionage: 'espionage',
  internationallyWrongfulAct: 'an internationally wrongful act',
  useOfForce: 'a use of force',
  armedAttack: 'an armed attack',
};

function healey(level: number): string {
  const name = RESPONSIBILITY_LEVELS[Math.round(clamp(level, 1, 10)) - 1];
  return `level ${fmtNum(level)} (${name ?? 'unknown'})`;
}

export function scoreProportionality(input: ProportionalityInput): ProportionalityResult {
  const name = input.actionName;
  const weights = normaliseWeights(input.weights, PROPORTIONALITY_COMPONENTS);
  const offered = new Set(input.proceduresOffered);
  const chose = (p: Procedure): boolean => offered.has(p) && input.options[p] === true;
  const isCountermeasure = input.responseType === 'countermeasure';

  // --- Fit -----------------------------------------------------------------
  const S = clamp(input.severity, 0, 10);
  const H = clamp(input.harm, 0, 10);
  const over = Math.max(0, S - H);
  const under = Math.max(0, H - S);
  const F = 1 - clamp(over / 4 + under / 8, 0, 1);
  const hits =
    input.severity < 0
      ? `${name}, a rollback (severity ${fmtNum(input.severity)}, counted as 0), against harm ${fmtNum(H)}`
      : `${name} at severity ${fmtNum(S)} against harm ${fmtNum(H)}`;
  const fitWhy =
    over > 0
      ? `${hits}: an overreaction by ${fmtNum(over)} (overreaching costs twice as much as falling short).`
      : under > 0
        ? `${hits}: an underreaction by ${fmtNum(under)} (falling short costs half as much as overreaching).`
        : `${hits}: a match.`;
  const fit = component('fit', LABELS.fit, F, weights.fit, fitWhy);

  // --- Evidence ------------------------------------------------------------
  const pub = clamp(input.publicEvidence, 0, 1);
  let E: number;
  let evidenceWhy: string;
  let confidenceShort = false;
  if (input.minConfidence === 'none') {
    E = 1;
    evidenceWhy = `${name} needs no attribution.`;
  } else {
    const min = input.minConfidence;
    const C = input.confidence === null ? 0 : CONFIDENCE_VALUES[input.confidence];
    const Cmin = CONFIDENCE_VALUES[min];
    E = Math.min(1, C / Cmin) * (0.8 + 0.2 * pub);
    confidenceShort = C < Cmin;
    const publicShare = pub === 0 ? 'none' : `only ${fmtPct(pub)}`;
    if (confidenceShort) {
      evidenceWhy =
        input.confidence === null
          ? `${name} with no attribution of the incident; the instrument needs ${min} confidence`
          : `${name} while your confidence was ${input.confidence}; the instrument needs ${min}`;
      evidenceWhy += pub < 1 ? `, and ${publicShare} of the evidence was made public.` : '.';
    } else {
      evidenceWhy = `${name} with ${input.confidence ?? 'no'} confidence (the instrument needs ${min})`;
      evidenceWhy += pub < 1 ? `, but ${publicShare} of the evidence was made public.` : ', and all the evidence was made public.';
    }
  }
  const evidence = component('evidence', LABELS.evidence, E, weights.evidence, evidenceWhy);

  // --- Reversibility -------------------------------------------------------
  const R = clamp(input.reversibility, 0, 1);
  const reversibilityWhy =
    R >= 1
      ? `${name} can be fully undone.`
      : R <= 0
        ? `${name} cannot be undone.`
        : `${name} can only be partly undone (reversibility ${fmtPct(R)}).`;
  const reversibility = component('reversibility', LABELS.reversibility, R, weights.reversibility, reversibilityWhy);

  // --- Procedure -----------------------------------------------------------
  const counted: Procedure[] = (['notice', 'statementOfReasons', 'sunset', 'oversight'] as const).filter(
    (p) => offered.has(p) && (p !== 'notice' || isCountermeasure),
  );
  const used = counted.filter(chose);
  const missing = counted.filter((p) => !chose(p));
  const Q = counted.length === 0 ? 1 : used.length / counted.length;
  const procedureWhy =
    counted.length === 0
      ? `no procedural safeguards were offered for ${name}.`
      : missing.length === 0
        ? `${name} came with ${joinAnd(used.map((p) => PROCEDURE_WORDS[p]))}.`
        : `${name} went ahead without ${joinOr(missing.map((p) => PROCEDURE_WORDS[p]))} (${used.length} of the ${counted.length} safeguards offered ${used.length === 1 ? 'was' : 'were'} used).`;
  const procedure = component('procedure', LABELS.procedure, Q, weights.procedure, procedureWhy);

  // --- Mitigation ----------------------------------------------------------
  const spill = SPILLOVER_VALUES[input.spillover];
  const exemption = chose('humanitarianExemption');
  const M = 1 - spill * (exemption ? 0 : 1);
  const spillWords = `${name}, with ${SPILLOVER_WORDS[input.spillover]} spillover`;
  const mitigationWhy =
    spill === 0
      ? `${spillWords}.`
      : exemption
        ? `${spillWords} offset by a humanitarian exemption.`
        : offered.has('humanitarianExemption')
          ? `${spillWords} and no humanitarian exemption, although one was available.`
          : `${spillWords} and no humanitarian exemption on offer.`;
  const mitigation = component('mitigation', LABELS.mitigation, M, weights.mitigation, mitigationWhy);

  const components: ScoreComponent[] = [fit, evidence, reversibility, procedure, mitigation];

  // --- Hard legal rules ----------------------------------------------------
  const rules: ScoreRule[] = [];
  const exposure: string[] = [];
  let cap = 100;
  const cat = input.assessedLegalCategory;
  const resp = input.assessedResponsibility;

  if (isCountermeasure) {
    const wrongful = cat !== null && WRONGFUL_ACTS.includes(cat);
    const attributed = resp !== null && resp >= COUNTERMEASURE_MIN_RESPONSIBILITY;
    if (!wrongful || !attributed) {
      const problems: string[] = [];
      if (!wrongful) {
        problems.push(
          cat === null
            ? 'has not classified the incident as an internationally wrongful act'
            : `classified the incident as ${LEGAL_WORDS[cat]}, not an internationally wrongful act`,
        );
      }
      if (!attributed) {
        problems.push(
          resp === null
            ? 'has not assessed which state is responsible'
            : `assessed state responsibility at ${healey(resp)}, below state-ordered (7)`,
        );
      }
      rules.push({
        id: 'countermeasure-attribution',
        effect: `capped at ${COUNTERMEASURE_CAP}`,
        why: `A countermeasure such as ${name} is lawful only against a state responsible for an internationally wrongful act (ILC Art. 49(1); Tallinn Manual 2.0 Rule 20); your government ${joinAnd(problems)}.`,
      });
      exposure.push('without state attribution of a wrongful act');
      cap = COUNTERMEASURE_CAP;
    }
    if (!chose('notice') && !chose('urgent')) {
      const notOffered = offered.has('notice') ? '' : '; as drafted, the action offers no notice step';
      rules.push({
        id: 'countermeasure-notice',
        effect: `capped at ${COUNTERMEASURE_CAP}`,
        why: `${name} went ahead as a countermeasure without first calling on the responsible state to stop and notifying it (ILC Art. 52(1)), and urgency was not invoked (ILC Art. 52(2))${notOffered}.`,
      });
      exposure.push('without notice');
      cap = COUNTERMEASURE_CAP;
    }
    if (R < COUNTERMEASURE_MIN_REVERSIBILITY) {
      rules.push({
        id: 'countermeasure-reversibility',
        effect: `capped at ${COUNTERMEASURE_CAP}`,
        why: `${name} can only be partly undone (reversibility ${fmtPct(R)}); countermeasures must be temporary and as far as possible reversible (ILC Art. 49(2)-(3)), and this exercise requires at least ${fmtPct(COUNTERMEASURE_MIN_REVERSIBILITY)}.`,
      });
      exposure.push('below the reversibility floor');
      cap = COUNTERMEASURE_CAP;
    }
  }

  let selfDefenceBarred = false;
  if (input.responseType === 'selfDefence' && cat !== 'armedAttack') {
    selfDefenceBarred = true;
    rules.push({
      id: 'self-defence-threshold',
      effect: 'set to 0',
      why: `Force in self-defence such as ${name} is lawful only in response to an armed attack (UN Charter Art. 51); your government ${
        cat === null ? 'has not classified the incident' : `classified the incident as ${LEGAL_WORDS[cat]}`
      }, which is below the armed-attack threshold.`,
    });
    cap = 0;
  }

  const raw = Math.round(clamp(weightedTotal(components), 0, 100));
  const value = Math.min(raw, cap);
  const legallyExposed = rules.length > 0;

  // --- Summary -------------------------------------------------------------
  const descriptors: Descriptor[] = [
    { component: fit, strong: 'well-matched to the harm', weak: over > 0 ? 'overreaching' : 'falling short of the harm' },
    { component: evidence, strong: 'well-evidenced', weak: confidenceShort ? 'ahead of the evidence' : 'short on public evidence' },
    { component: reversibility, strong: 'reversible', weak: 'hard to undo' },
    { component: procedure, strong: 'procedurally sound', weak: 'short on safeguards' },
    { component: mitigation, strong: 'contained', weak: 'costly to bystanders' },
  ];
  let legal = '';
  if (selfDefenceBarred) legal = '; legally exposed: force below the armed-attack threshold';
  else if (exposure.length > 0) legal = `; legally exposed as a countermeasure ${joinAnd(exposure)}`;
  const before = value < raw ? ` (${raw} before the legal rules)` : '';
  const summary = `Proportionality ${value}/100${before}: ${verdict(descriptors)}${legal}.`;

  return { score: { value, components, rules, summary }, legallyExposed };
}
