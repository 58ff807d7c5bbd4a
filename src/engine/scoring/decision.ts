/**
 * Proportionality of one decision as the state stands: the same function
 * scores a resolved decision and previews a draft, so the preview a player
 * sees is computed by the rule that will judge them.
 */
import { reviewByOversight } from '../rules/oversight';
import type { Action, Scenario } from '../scenario/schema';
import type { DecisionDraft, ExerciseState, ProcedureOptions, Rejection, Score } from '../types';
import { evaluate } from '../conditions';
import { checkDraft, reject } from '../rules/decisions';
import { indexOf } from '../rules/scenarioIndex';
import { say } from '../messages';
import { explainedScore, said, type ExplainedScore, type Said } from '../messages/said';
import {
  assessedResponsibility,
  confidenceOfTeam,
  harmFor,
  inJointCaseFile,
  misled,
  tribunalSitting,
  urgencyWarranted,
  wrongOngoing,
} from '../rules/readers';
import { basisOf, caseFileBacks } from './basis';
import { normViolation } from '../rules/norms';
import { secondaryMeasure, withSecondaryMeasure } from './evasion';
import { proportionalityValue, scoreProportionality, type LegalContext, type ProportionalityInput, type ProportionalityResult } from './proportionality';

/** The facts of the moment the countermeasure rules and the safeguards read. */
function legalContextOf(scenario: Scenario, state: ExerciseState, team: string, incident: string | null): LegalContext {
  const def = incident ? indexOf(scenario).incidents.get(incident) : undefined;
  return {
    urgencyWarranted: urgencyWarranted(scenario, state),
    wrongOngoing: wrongOngoing(state),
    tribunalSeized: tribunalSitting(state) || (scenario.tribunalSeized ? evaluate(scenario.tribunalSeized, scenario, state) : false),
    injured: !def?.injured || def.injured.includes(team),
    caseFile: caseFileBacks(scenario, state, incident),
    misled: incident ? misled(state, incident, team) : false,
    normViolated: normViolation(scenario, incident),
  };
}

/** What the scorer reads about a team's standing on an incident (or on none) as the state stands: the same for every action. */
type Standing = Pick<ProportionalityInput, 'harm' | 'confidence' | 'basis' | 'assessedResponsibility' | 'assessedLegalCategory' | 'context'> & {
  /** The team works from a joint case file on the incident. */
  jointFile: boolean;
};

function standingOf(scenario: Scenario, state: ExerciseState, team: string, incident: string | null): Standing {
  const assessed = incident ? assessedResponsibility(scenario, state, incident, team) : null;
  return {
    harm: harmFor(scenario, state, incident),
    confidence: incident ? confidenceOfTeam(scenario, state, incident, team) : null,
    jointFile: incident ? inJointCaseFile(state, incident, team) : false,
    basis: basisOf(scenario, state, team, incident),
    assessedResponsibility: assessed?.responsibility ?? null,
    assessedLegalCategory: assessed?.legalCategory ?? null,
    context: legalContextOf(scenario, state, team, incident),
  };
}

/** What the scorer reads about one decision: the action, the options chosen and the team's standing. */
function proportionalityInput(scenario: Scenario, action: Action, options: ProcedureOptions, standing: Standing): ProportionalityInput {
  const { jointFile, ...rest } = standing;
  // A step of a criminal case stands on the joint case file, where there is one: pooled evidence is
  // corroborated, and the file substantiates its reasons as a prosecutor's file does.
  const onFile = !!action.prosecution && jointFile;
  return {
    actionName: action.name,
    category: action.category,
    declinesToAttribute: action.attributionStance === 'notInAPosition',
    severity: action.severity,
    minConfidence: action.minConfidence,
    reversibility: action.reversibility,
    responseType: action.responseType,
    proceduresOffered: action.procedures,
    options,
    spillover: action.spillover,
    weights: scenario.scoring.proportionality,
    ...rest,
    basis: onFile ? { ...rest.basis, corroborated: true } : rest.basis,
    context: onFile ? { ...rest.context, caseFile: true } : rest.context,
  };
}

export function proportionalityOf(
  scenario: Scenario,
  state: ExerciseState,
  team: string,
  action: Action,
  incident: string | null,
  options: ProcedureOptions,
): ProportionalityResult {
  const standing = standingOf(scenario, state, team, incident);
  const secondary = secondaryMeasure(scenario, state, action);
  if (!secondary) return scoreProportionality(proportionalityInput(scenario, action, options, standing));
  // A secondary measure is measured against the evasion it addresses (scoring/evasion.ts).
  const result = scoreProportionality(proportionalityInput(scenario, action, options, { ...standing, harm: secondary.harm }));
  return { ...result, score: withSecondaryMeasure(result.score, secondary) };
}

/**
 * Proportionality values for one team in one state, without their
 * explanations: for previews of many actions on the same few incidents,
 * which read only the number. The team's standing on each incident is read
 * once; every value is the one proportionalityOf gives.
 */
export function proportionalityPreviews(
  scenario: Scenario,
  state: ExerciseState,
  team: string,
): (action: Action, incident: string | null, options: ProcedureOptions) => number {
  const standings = new Map<string | null, Standing>();
  return (action, incident, options) => {
    let standing = standings.get(incident);
    if (!standing) standings.set(incident, (standing = standingOf(scenario, state, team, incident)));
    const secondary = secondaryMeasure(scenario, state, action);
    if (!secondary) return proportionalityValue(proportionalityInput(scenario, action, options, standing));
    return Math.min(secondary.cap, proportionalityValue(proportionalityInput(scenario, action, options, { ...standing, harm: secondary.harm })));
  };
}

/**
 * The proportionality a team's draft would get if it resolved now, with the
 * options chosen, explained; and whether the draft would be accepted, and if
 * not why. The rule that will judge the decision computes it.
 */
export function previewDecision(
  scenario: Scenario,
  state: ExerciseState,
  team: string,
  draft: DecisionDraft,
): { ok: true; score: ExplainedScore; legallyExposed: boolean; problem: string | null; problemMessages: Said } | Rejection {
  const action = indexOf(scenario).actions.get(draft.action);
  if (!action) return reject('UNKNOWN_ACTION', say('refusal.unknownAction', { action: draft.action }));
  const incident = action.targetsIncident ? (draft.incident ?? null) : null;
  if (incident && !indexOf(scenario).incidents.has(incident)) return reject('UNKNOWN_INCIDENT', say('refusal.unknownIncident', { incident }));
  // The scorer counts only the options the action offers.
  const options = draft.options ?? {};
  const { score, legallyExposed } = proportionalityOf(scenario, state, team, action, incident, options);
  const refusal = checkDraft(scenario, state, team, draft)?.message ?? null;
  // A measure that oversight at home would hold back is flagged now, in the words the results will use.
  const review = refusal ? null : reviewByOversight(scenario, team, action, options, evidenceComponent(score));
  const problem = refusal ?? (review?.held ? review.outcome : null);
  return { ok: true, score: explainedScore(score), legallyExposed, problem, problemMessages: said(problem) };
}

/** The preview shown before choosing options: every offered procedure followed (the best the player can do). */
export function bestCaseOptions(action: Action): ProcedureOptions {
  return Object.fromEntries(action.procedures.filter((p) => p !== 'urgent').map((p) => [p, true]));
}

/** A decision's evidence component (0..1): how well its basis substantiates it, as oversight and the sanctions courts read it. */
export function evidenceComponent(score: Score): number {
  return score.components.find((c) => c.id === 'evidence')?.value ?? 0;
}
