/**
 * Proportionality P (0..100) of one response, with a sentence per component
 * and per legal rule saying why. Formulas and grounding: docs/scoring.md.
 */
import type { ActionCategory, ConfidenceLevel, LegalCategory, Procedure, ResponseType, Spillover } from '../scenario/schema';
import { RESPONSIBILITY_LEVELS } from '../scenario/schema';
import { COERCIVE_CATEGORIES, PREPAREDNESS_CATEGORIES, STATE_ATTRIBUTION_LEVEL, isStateAttributed, isWrongfulAct } from '../rules/law';
import type { Score, ScoreComponent, ScoreRule } from '../types';
import { say, type TermKey } from '../messages';
import {
  clamp,
  component,
  normaliseWeights,
  notApplicable,
  shownValue,
  shownWeight,
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

/** The quality of the basis a government acts on, beyond its own confidence. */
export interface EvidenceBasis {
  /** Its evidence is in the coalition's shared record. */
  shared: boolean;
  /** Another government holds moderate confidence or more on the same incident. */
  corroborated: boolean;
  /** The attribution has been made public (nationally or jointly). */
  public: boolean;
}

/** Facts about the moment that decide the countermeasure rules and which safeguards have content. */
export interface LegalContext {
  /** The adversary made a harmful move this round or the last (ILC Art. 52(2) urgency). Default false. */
  urgencyWarranted?: boolean;
  /** The wrong has not ceased: cessation has not been verified (ILC Arts 49(1), 53). Default true. */
  wrongOngoing?: boolean;
  /** A court or tribunal with binding authority is seized of the dispute (ILC Art. 52(3)(b)). Default false. */
  tribunalSeized?: boolean;
  /** The acting government is among those injured by the incident. Default true. */
  injured?: boolean;
  /** The scenario gives the government a case file that substantiates a statement of reasons. Default false. */
  caseFile?: boolean;
  /** The government follows a false flag: the state it blames is not the one responsible. Default false. */
  misled?: boolean;
  /** The incident struck a target an agreed norm protects (rules/norms.ts): the norm, what was struck, and how much more harm the violation weighs. Default none. */
  normViolated?: { norm: string; struck: TermKey[]; weight: number } | null;
}

export interface ProportionalityInput {
  actionName: string;
  /** Decides the measure: fit for coercive responses, preparedness for investigation, intelligence and resilience. */
  category: ActionCategory;
  /** A public statement that the government is not in a position to attribute: it coerces no one, so fit does not apply. Default false. */
  declinesToAttribute?: boolean;
  /** 0..10 how hard the response hits (negative for rollback). */
  severity: number;
  /** H, 0..10: harm of the incident the response answers, or of the whole campaign when it answers none. */
  harm: number;
  /** The acting government's confidence on the target incident; null = none. */
  confidence: ConfidenceLevel | null;
  minConfidence: 'none' | ConfidenceLevel;
  basis: EvidenceBasis;
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
  context?: LegalContext;
  weights: ProportionalityWeights;
}

export interface ProportionalityResult {
  score: Score;
  legallyExposed: boolean;
}

/** The weighted components; for non-coercive work, preparedness takes fit's place and weight. */
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
/** Highest score a coercive response against the wrong state (a false flag followed) can get. */
export const WRONG_STATE_CAP = 20;
/** Lowest reversibility a countermeasure may have (ILC Art. 49(3): "as far as possible" reversible). */
export const COUNTERMEASURE_MIN_REVERSIBILITY = 0.8;
/** Lowest assessed Healey level for a countermeasure: state-ordered. */
export const COUNTERMEASURE_MIN_RESPONSIBILITY = STATE_ATTRIBUTION_LEVEL;
/** How much a humanitarian exemption takes off a measure's severity: it protects bystanders and blunts the bite. */
export const EXEMPTION_TRIM = 1;
/** The evidence component before any quality of basis, and what each of shared, corroborated and public adds. */
export const BASIS_FLOOR = 0.55;
export const BASIS_STEP = 0.15;
/** Preparedness of an investigation into an incident already assessed with high confidence. */
export const REDUNDANT_INVESTIGATION = 0.5;

const LABELS: Record<ProportionalityComponentId | 'preparedness', string> = {
  preparedness: 'Preparedness',
  fit: 'Fit to harm',
  evidence: 'Evidence',
  reversibility: 'Reversibility',
  procedure: 'Procedure',
  mitigation: 'Mitigation',
};

/** The words for each procedure: the engine's TERMS of the same key. */
const PROCEDURE_WORDS: Record<Procedure, TermKey> = {
  notice: 'notice',
  statementOfReasons: 'statementOfReasons',
  sunset: 'sunset',
  oversight: 'oversight',
  humanitarianExemption: 'humanitarianExemption',
  urgent: 'urgent',
};

/** Severity after safeguards: a humanitarian exemption that is offered and chosen trims the bite. */
export function effectiveSeverity(severity: number, offered: readonly Procedure[], options: Partial<Record<Procedure, boolean>>): number {
  const trimmed = offered.includes('humanitarianExemption') && options.humanitarianExemption === true;
  return trimmed ? Math.max(0, severity - EXEMPTION_TRIM) : severity;
}

const SPILLOVER_WORDS: Record<Spillover, TermKey> = {
  none: 'spillNone',
  low: 'spillLow',
  medium: 'spillMedium',
  high: 'spillHigh',
  veryHigh: 'spillVeryHigh',
};

/** What each legal category is called: the engine's TERMS of the same key. */
const LEGAL_WORDS: Record<LegalCategory, TermKey> = {
  cybercrime: 'cybercrime',
  espionage: 'espionage',
  internationallyWrongfulAct: 'internationallyWrongfulAct',
  useOfForce: 'useOfForce',
  armedAttack: 'armedAttack',
};

/** A level on Healey's spectrum of state responsibility, with its name. */
function healeyName(level: number): string {
  return RESPONSIBILITY_LEVELS[Math.round(clamp(level, 1, 10)) - 1] ?? 'unknown';
}

/** What the scorer reads once from the input: the context with its defaults. */
interface Facts {
  input: ProportionalityInput;
  name: string;
  countermeasure: boolean;
  urgencyWarranted: boolean;
  wrongOngoing: boolean;
  tribunalSeized: boolean;
  injured: boolean;
  misled: boolean;
  substantiated: boolean;
}

/** Whether the government chose a safeguard: an option counts only when the action offers it. */
function chose(f: Facts, p: Procedure): boolean {
  return f.input.options[p] === true && f.input.proceduresOffered.includes(p);
}

function factsOf(input: ProportionalityInput): Facts {
  const ctx = input.context ?? {};
  return {
    input,
    name: input.actionName,
    countermeasure: input.responseType === 'countermeasure',
    urgencyWarranted: ctx.urgencyWarranted ?? false,
    wrongOngoing: ctx.wrongOngoing ?? true,
    tribunalSeized: ctx.tribunalSeized ?? false,
    injured: ctx.injured ?? true,
    misled: ctx.misled ?? false,
    // Reasons stand on evidence the government can show: shared with allies, made public, or a case file.
    substantiated: input.basis.shared || input.basis.public || (ctx.caseFile ?? false),
  };
}

interface Scored {
  component: ScoreComponent;
  descriptor: Omit<Descriptor, 'component'>;
}

/*
 * Each component's value is computed by one function below, which both the
 * explained score and the value-only preview call; the explanation is
 * written beside it from the same measures.
 */

/** Fit's measures: severity (after an exemption's trim) and the harm it answers, both 0..10. */
function fitMeasures(f: Facts): { S: number; H: number; over: number; under: number; value: number } {
  const S = clamp(effectiveSeverity(f.input.severity, f.input.proceduresOffered, f.input.options), 0, 10);
  // A stronger response is proportionate to the violation of an agreed norm: the violation weighs as harm.
  const H = clamp(f.input.harm + (f.input.context?.normViolated?.weight ?? 0), 0, 10);
  const over = Math.max(0, S - H);
  const under = Math.max(0, H - S);
  return { S, H, over, under, value: 1 - clamp(over / 4 + under / 8, 0, 1) };
}

/** Fit: coercive responses only, severity (after an exemption's trim) against the harm they answer. */
function fitComponent(f: Facts, weight: number): Scored {
  const { S, H, over, under, value } = fitMeasures(f);
  const trimmed = S < clamp(f.input.severity, 0, 10) ? say('part.trimmed', { severity: f.input.severity }) : '';
  const violated = f.input.context?.normViolated;
  const norm = violated ? say('part.normViolated', { struck: violated.struck, norm: violated.norm, weight: violated.weight, harm: H }) : '';
  const hits = { action: f.name, severity: S, trimmed, harm: H, norm };
  const why = over > 0 ? say('fit.over', { ...hits, by: over }) : under > 0 ? say('fit.under', { ...hits, by: under }) : say('fit.match', hits);
  return {
    component: component('fit', LABELS.fit, value, weight, why),
    descriptor: { strong: 'wellMatched', weak: over > 0 ? 'overreaching' : 'fallingShort' },
  };
}

/** An investigation into an incident already assessed with high confidence adds little. */
function redundantInvestigation(f: Facts): boolean {
  return f.input.category === 'investigate' && f.input.confidence === 'high';
}

function preparednessValue(f: Facts): number {
  return redundantInvestigation(f) ? REDUNDANT_INVESTIGATION : 1;
}

/** Preparedness: investigation, intelligence and resilience are measured by what they add, not against the harm. */
function preparednessComponent(f: Facts, weight: number): Scored {
  const key = redundantInvestigation(f)
    ? 'preparedness.redundant'
    : f.input.category === 'investigate'
      ? 'preparedness.investigate'
      : f.input.category === 'intelligence'
        ? 'preparedness.intelligence'
        : 'preparedness.resilience';
  const why = say(key, { action: f.name });
  return {
    component: component('preparedness', LABELS.preparedness, preparednessValue(f), weight, why),
    descriptor: { strong: 'buildingPreparedness', weak: 'redundant' },
  };
}

/** What the basis of the evidence was (shared, corroborated, public), as one of the engine's TERMS. */
function basisWords(basis: EvidenceBasis): TermKey {
  const has = `${basis.shared ? 'S' : ''}${basis.corroborated ? 'C' : ''}${basis.public ? 'P' : ''}`;
  return has === 'SCP' ? 'basisAll' : has === '' ? 'basisNone' : (`basis${has}` as TermKey);
}

/** Evidence's measures: confidence against the instrument's minimum (short when below it), times the quality of the basis. */
export function evidenceMeasures(input: Pick<ProportionalityInput, 'minConfidence' | 'confidence' | 'basis'>): { short: boolean; value: number } {
  if (input.minConfidence === 'none') return { short: false, value: 1 };
  const C = input.confidence === null ? 0 : CONFIDENCE_VALUES[input.confidence];
  const Cmin = CONFIDENCE_VALUES[input.minConfidence];
  const quality = BASIS_FLOOR + BASIS_STEP * ((input.basis.shared ? 1 : 0) + (input.basis.corroborated ? 1 : 0) + (input.basis.public ? 1 : 0));
  return { short: C < Cmin, value: Math.min(1, C / Cmin) * quality };
}

/** Evidence: confidence against the instrument's minimum, times the quality of the basis (shared, corroborated, public). */
function evidenceComponent(f: Facts, weight: number): Scored & { short: boolean } {
  const { input, name } = f;
  const { short, value } = evidenceMeasures(input);
  if (input.minConfidence === 'none') {
    return {
      component: component('evidence', LABELS.evidence, value, weight, say('evidence.none', { action: name })),
      descriptor: { strong: 'wellEvidenced', weak: '' },
      short,
    };
  }
  const facts = { action: name, needed: input.minConfidence, basis: basisWords(input.basis) };
  const why =
    input.confidence === null
      ? say('evidence.unattributed', facts)
      : say(short ? 'evidence.short' : 'evidence.enough', { ...facts, held: input.confidence });
  return {
    component: component('evidence', LABELS.evidence, value, weight, why),
    descriptor: { strong: 'wellEvidenced', weak: short ? 'aheadOfEvidence' : 'thinBasis' },
    short,
  };
}

function reversibilityValue(f: Facts): number {
  return clamp(f.input.reversibility, 0, 1);
}

function reversibilityComponent(f: Facts, weight: number): Scored {
  const R = reversibilityValue(f);
  const why = R >= 1 ? say('reversibility.full', { action: f.name }) : R <= 0 ? say('reversibility.none', { action: f.name }) : say('reversibility.partly', { action: f.name, share: R });
  return { component: component('reversibility', LABELS.reversibility, R, weight, why), descriptor: { strong: 'reversible', weak: 'hardToUndo' } };
}

const SAFEGUARDS = ['notice', 'statementOfReasons', 'sunset', 'oversight'] as const;

/** Whether a safeguard counts for this response: offered, and notice only for a countermeasure. */
function countsSafeguard(f: Facts, p: Procedure): boolean {
  return f.input.proceduresOffered.includes(p) && (p !== 'notice' || f.countermeasure);
}

/** Whether a counted safeguard was met with content: urgency that is warranted stands in for notice, reasons need a basis. */
function metSafeguard(f: Facts, p: Procedure): boolean {
  if (p === 'notice') return chose(f, 'notice') || (chose(f, 'urgent') && f.urgencyWarranted);
  if (p === 'statementOfReasons') return chose(f, p) && f.substantiated;
  return chose(f, p);
}

/** Q: the share of the counted safeguards that were met (1 when none is counted). */
function procedureValue(f: Facts): number {
  let counted = 0;
  let used = 0;
  for (const p of SAFEGUARDS) {
    if (!countsSafeguard(f, p)) continue;
    counted += 1;
    if (metSafeguard(f, p)) used += 1;
  }
  return counted === 0 ? 1 : used / counted;
}

function procedureComponent(f: Facts, weight: number): Scored {
  const counted = SAFEGUARDS.filter((p) => countsSafeguard(f, p));
  const used = counted.filter((p) => metSafeguard(f, p));
  const missing = counted.filter((p) => !metSafeguard(f, p));
  const unmet = (p: Procedure): TermKey => (p === 'statementOfReasons' && chose(f, p) ? 'backedReasons' : PROCEDURE_WORDS[p]);
  const words = used.map((p): TermKey => (p === 'notice' && !chose(f, 'notice') ? 'urgencyForNotice' : PROCEDURE_WORDS[p]));
  const why =
    counted.length === 0
      ? say('procedure.noneOffered', { action: f.name })
      : missing.length === 0
        ? say('procedure.all', { action: f.name, used: words })
        : say(used.length === 1 ? 'procedure.missingOne' : 'procedure.missing', { action: f.name, missing: missing.map(unmet), used: used.length, offered: counted.length });
  return { component: component('procedure', LABELS.procedure, procedureValue(f), weight, why), descriptor: { strong: 'procedurallySound', weak: 'shortOnSafeguards' } };
}

/** M: spillover to bystanders, cancelled by a humanitarian exemption. */
function mitigationValue(f: Facts): number {
  return 1 - SPILLOVER_VALUES[f.input.spillover] * (chose(f, 'humanitarianExemption') ? 0 : 1);
}

function mitigationComponent(f: Facts, weight: number): Scored {
  const spill = SPILLOVER_VALUES[f.input.spillover];
  const exemption = chose(f, 'humanitarianExemption');
  const key =
    spill === 0
      ? 'mitigation.none'
      : exemption
        ? 'mitigation.exempted'
        : f.input.proceduresOffered.includes('humanitarianExemption')
          ? 'mitigation.exemptionUnused'
          : 'mitigation.noExemption';
  const why = say(key, { action: f.name, spillover: SPILLOVER_WORDS[f.input.spillover] });
  return {
    component: component('mitigation', LABELS.mitigation, mitigationValue(f), weight, why),
    descriptor: { strong: 'contained', weak: 'costlyToBystanders' },
  };
}

interface LegalFinding {
  rule: ScoreRule;
  /** What the summary says after "legally exposed as a countermeasure …" (one of the engine's TERMS); null for a flag that caps nothing. */
  exposure: TermKey | null;
}

const capped = (id: string, why: string, exposure: TermKey): LegalFinding => ({
  rule: { id, effect: say('effect.cappedAt', { cap: COUNTERMEASURE_CAP }), why },
  exposure,
});

function attributionFinding(f: Facts): LegalFinding {
  const cat = f.input.assessedLegalCategory;
  const resp = f.input.assessedResponsibility;
  const problems: string[] = [];
  if (!isWrongfulAct(cat)) {
    problems.push(cat === null ? say('part.notClassified') : say('part.classifiedAs', { category: LEGAL_WORDS[cat] }));
  }
  if (!isStateAttributed(resp)) {
    problems.push(resp === null ? say('part.notAssessed') : say('part.assessedAt', { level: resp, name: healeyName(resp), min: COUNTERMEASURE_MIN_RESPONSIBILITY }));
  }
  return capped('countermeasure-attribution', say('legal.attribution', { action: f.name, problems }), 'exposedUnattributed');
}

function noticeFinding(f: Facts): LegalFinding {
  const urgency = say(chose(f, 'urgent') ? 'part.urgencyUnwarranted' : 'part.urgencyNotInvoked');
  const notOffered = f.input.proceduresOffered.includes('notice') ? '' : say('part.noNoticeStep');
  return capped('countermeasure-notice', say('legal.notice', { action: f.name, urgency, notOffered }), 'exposedNoNotice');
}

function reversibilityFinding(f: Facts): LegalFinding {
  return capped(
    'countermeasure-reversibility',
    say('legal.reversibility', { action: f.name, share: reversibilityValue(f), floor: COUNTERMEASURE_MIN_REVERSIBILITY }),
    'exposedIrreversible',
  );
}

function purposeFinding(f: Facts): LegalFinding {
  return capped('countermeasure-purpose', say('legal.purpose', { action: f.name }), 'exposedAfterCessation');
}

function tribunalFinding(f: Facts): LegalFinding {
  return capped('countermeasure-tribunal', say('legal.tribunal', { action: f.name }), 'exposedTribunalSeized');
}

function collectiveFinding(f: Facts): LegalFinding {
  return {
    rule: {
      id: 'countermeasure-collective',
      effect: say('effect.contested'),
      why: say('legal.collective', { action: f.name }),
    },
    exposure: null,
  };
}

/** The id of the finding that a false flag aimed the response at a state that did not do it. */
const WRONG_STATE_RULE = 'wrong-state';

/**
 * Whether a decision that went ahead was itself a wrongful act against the
 * state it targets: legally exposed (a countermeasure without its conditions,
 * force below an armed attack), unless a false flag aimed it at a state that
 * did not do it. The adversary answers it as it answers an overreaction
 * (machines/adversary.ts).
 */
export function wrongsItsTarget(d: { effective: boolean; legallyExposed: boolean; proportionality: Score }): boolean {
  return d.effective && d.legallyExposed && !d.proportionality.rules.some((r) => r.id === WRONG_STATE_RULE);
}

/** Coercion aimed by a false flag: the response falls on a state that did not do it. */
function wrongStateFinding(f: Facts): LegalFinding {
  return {
    rule: {
      id: WRONG_STATE_RULE,
      effect: say('effect.cappedAt', { cap: WRONG_STATE_CAP }),
      why: say('legal.wrongState', { action: f.name }),
    },
    exposure: 'exposedWrongState',
  };
}

function selfDefenceFinding(f: Facts): LegalFinding {
  const cat = f.input.assessedLegalCategory;
  return {
    rule: {
      id: 'self-defence-threshold',
      effect: say('effect.setToZero'),
      why: say('legal.selfDefence', {
        action: f.name,
        classified: cat === null ? say('part.selfDefenceUnclassified') : say('part.selfDefenceClassified', { category: LEGAL_WORDS[cat] }),
      }),
    },
    exposure: null,
  };
}

/**
 * The legal rules, in the order a score lists them: when each applies, the
 * highest score it allows (100 for a flag that caps nothing) and the finding
 * that explains it. The value-only preview reads only `applies` and `cap`.
 */
interface LegalRule {
  applies: (f: Facts) => boolean;
  cap: number;
  finding: (f: Facts) => LegalFinding;
}

const LEGAL_RULES: readonly LegalRule[] = [
  { applies: (f) => f.misled && measureOf(f.input.category) === 'fit', cap: WRONG_STATE_CAP, finding: wrongStateFinding },
  {
    applies: (f) => f.countermeasure && (!isWrongfulAct(f.input.assessedLegalCategory) || !isStateAttributed(f.input.assessedResponsibility)),
    cap: COUNTERMEASURE_CAP,
    finding: attributionFinding,
  },
  { applies: (f) => f.countermeasure && !metSafeguard(f, 'notice'), cap: COUNTERMEASURE_CAP, finding: noticeFinding },
  { applies: (f) => f.countermeasure && reversibilityValue(f) < COUNTERMEASURE_MIN_REVERSIBILITY, cap: COUNTERMEASURE_CAP, finding: reversibilityFinding },
  { applies: (f) => f.countermeasure && !f.wrongOngoing, cap: COUNTERMEASURE_CAP, finding: purposeFinding },
  { applies: (f) => f.countermeasure && f.tribunalSeized, cap: COUNTERMEASURE_CAP, finding: tribunalFinding },
  { applies: (f) => f.countermeasure && !f.injured, cap: 100, finding: collectiveFinding },
  { applies: (f) => f.input.responseType === 'selfDefence' && f.input.assessedLegalCategory !== 'armedAttack', cap: 0, finding: selfDefenceFinding },
];

/** The measure of what the response does: fit (coercive), preparedness (investigation, intelligence, resilience) or none (stepping back). */
function measureOf(category: ActionCategory, declinesToAttribute = false): 'fit' | 'preparedness' | 'none' {
  if (declinesToAttribute) return 'none';
  if (COERCIVE_CATEGORIES.includes(category)) return 'fit';
  if (PREPAREDNESS_CATEGORIES.includes(category)) return 'preparedness';
  return 'none';
}

/** What the summary adds for the legal rules: pieces written one after the other ("; legally exposed …"). */
function legalSummary(findings: LegalFinding[]): string[] {
  if (findings.some((x) => x.rule.id === 'self-defence-threshold')) return [say('part.legalSelfDefence')];
  const wrongState = findings.some((x) => x.rule.id === 'wrong-state') ? [say('part.legalWrongState')] : [];
  const exposure = findings.filter((x) => x.rule.id !== 'wrong-state').map((x) => x.exposure).filter((x): x is TermKey => x !== null);
  const exposed = exposure.length > 0 ? [say('part.legalExposed', { exposures: exposure })] : [];
  const contested = findings.some((x) => x.rule.id === 'countermeasure-collective') ? [say('part.legalContested')] : [];
  return [...wrongState, ...exposed, ...contested];
}

type LiveWeights = Record<ProportionalityComponentId, number>;
const WITHOUT_FIT: readonly ProportionalityComponentId[] = PROPORTIONALITY_COMPONENTS.filter((id) => id !== 'fit');
const normalised = new WeakMap<ProportionalityWeights, { withFit: LiveWeights; withoutFit: LiveWeights }>();

/** The weights normalised over the components that count (fit does not when the response coerces no one); a scenario's weights are normalised once. */
function liveWeights(weights: ProportionalityWeights, measure: 'fit' | 'preparedness' | 'none'): LiveWeights {
  let entry = normalised.get(weights);
  if (!entry) {
    entry = { withFit: normaliseWeights(weights, PROPORTIONALITY_COMPONENTS), withoutFit: normaliseWeights(weights, WITHOUT_FIT) };
    normalised.set(weights, entry);
  }
  return measure === 'none' ? entry.withoutFit : entry.withFit;
}

/** The highest score the legal rules that apply allow (100 when none caps it). */
function legalCap(f: Facts): number {
  let cap = 100;
  for (const rule of LEGAL_RULES) if (rule.cap < cap && rule.applies(f)) cap = rule.cap;
  return cap;
}

export function scoreProportionality(input: ProportionalityInput): ProportionalityResult {
  const f = factsOf(input);
  const measure = measureOf(input.category, input.declinesToAttribute);
  const weights = liveWeights(input.weights, measure);
  const first: Scored =
    measure === 'fit'
      ? fitComponent(f, weights.fit)
      : measure === 'preparedness'
        ? preparednessComponent(f, weights.fit)
        : {
            component: notApplicable(
              'fit',
              LABELS.fit,
              say(input.declinesToAttribute ? 'fit.declines' : 'fit.stepsBack', { action: f.name }),
            ),
            descriptor: { strong: '', weak: '' },
          };
  const evidence = evidenceComponent(f, weights.evidence);
  const scored = [first, evidence, reversibilityComponent(f, weights.reversibility), procedureComponent(f, weights.procedure), mitigationComponent(f, weights.mitigation)];
  const components = scored.map((s) => s.component);

  const rules = LEGAL_RULES.filter((rule) => rule.applies(f));
  const findings = rules.map((rule) => rule.finding(f));
  const cap = Math.min(100, ...rules.map((rule) => rule.cap));
  const raw = Math.round(clamp(weightedTotal(components), 0, 100));
  const value = Math.min(raw, cap);
  const descriptors: Descriptor[] = scored.map((s) => ({ component: s.component, ...s.descriptor }));
  const before = value < raw ? say('part.beforeLegal', { raw }) : '';
  const summary = say('summary.proportionality', { value, before, verdict: verdict(descriptors), legal: legalSummary(findings) });
  return {
    score: { value, components, rules: findings.map((x) => x.rule), summary },
    legallyExposed: rules.some((rule) => rule.cap < 100),
  };
}

/**
 * The value scoreProportionality gives, without its explanation: the same
 * component values and weights (rounded as shown), summed in the same order,
 * capped by the same legal rules. For previews, where no sentence is read.
 */
export function proportionalityValue(input: ProportionalityInput): number {
  const f = factsOf(input);
  const measure = measureOf(input.category, input.declinesToAttribute);
  const weights = liveWeights(input.weights, measure);
  const first = measure === 'fit' ? fitMeasures(f).value : measure === 'preparedness' ? preparednessValue(f) : null;
  let sum = first === null ? 0 : shownWeight(weights.fit) * shownValue(first);
  sum += shownWeight(weights.evidence) * shownValue(evidenceMeasures(input).value);
  sum += shownWeight(weights.reversibility) * shownValue(reversibilityValue(f));
  sum += shownWeight(weights.procedure) * shownValue(procedureValue(f));
  sum += shownWeight(weights.mitigation) * shownValue(mitigationValue(f));
  return Math.min(Math.round(clamp(100 * sum, 0, 100)), legalCap(f));
}
