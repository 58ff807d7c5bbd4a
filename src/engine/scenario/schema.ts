/**
 * The scenario format: one zod schema is the single source of truth for the
 * TypeScript types (z.infer), the runtime checks and the published JSON Schema
 * (z.toJSONSchema, written to scenarios/firebreak-scenario.schema.json).
 *
 * Descriptions given with .describe() end up in the JSON Schema (editor hints)
 * and in the field reference of docs/authoring.md.
 */
import { z } from 'zod';
import { POSTURES } from '../postures';
import { LIKELIHOODS } from '../confidence';

export const FORMAT_VERSION = 1;

/**
 * The schema's identity, stable for format version 1: a URL that names the
 * format (a later format gets v2.json). Editors need not download it: they
 * find the schema through "$schema", a path to a copy beside the scenario
 * (firebreak new and firebreak schema --write DIR write one), or through a
 * mapping in their settings (docs/authoring.md).
 */
export const SCENARIO_SCHEMA_ID = 'https://firebreak.dev/schema/scenario/v1.json';
/** The file name every copy of the published schema has. */
export const SCENARIO_SCHEMA_FILE = 'firebreak-scenario.schema.json';

const id = z
  .string()
  .regex(/^[a-z][A-Za-z0-9-]*$/, 'ids are letters, digits and hyphens, starting with a lower-case letter')
  .describe('Identifier: letters, digits and hyphens, starting with a lower-case letter (e.g. dnc-intrusion, publicTrust).');
/** The one form of an id, also for the files beside a scenario (courses). */
export const idSchema = id;

export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export const confidenceLevel = z.enum(CONFIDENCE_LEVELS);
export type ConfidenceLevel = z.infer<typeof confidenceLevel>;

export const posture = z.enum(POSTURES);
export type Posture = z.infer<typeof posture>;

/** Healey's spectrum of state responsibility, least (1) to most (10) state involvement. */
export const RESPONSIBILITY_LEVELS = [
  'state-prohibited',
  'state-prohibited-but-inadequate',
  'state-ignored',
  'state-encouraged',
  'state-shaped',
  'state-coordinated',
  'state-ordered',
  'state-rogue-conducted',
  'state-executed',
  'state-integrated',
] as const;
export const responsibility = z.enum(RESPONSIBILITY_LEVELS);
export type Responsibility = z.infer<typeof responsibility>;

export const LEGAL_CATEGORIES = [
  'cybercrime',
  'espionage',
  'internationallyWrongfulAct',
  'useOfForce',
  'armedAttack',
] as const;
export const legalCategory = z.enum(LEGAL_CATEGORIES);
export type LegalCategory = z.infer<typeof legalCategory>;

export const ACTION_CATEGORIES = [
  'investigate',
  'intelligence',
  'signalling',
  'attribution',
  'diplomatic',
  'legal',
  'economic',
  'cyber',
  'resilience',
  'deEscalation',
  'military',
  'rollback',
] as const;
export const actionCategory = z.enum(ACTION_CATEGORIES);
export type ActionCategory = z.infer<typeof actionCategory>;

export const RESPONSE_TYPES = [
  'domestic',
  'retorsion',
  'criminal',
  'countermeasure',
  'necessity',
  'selfDefence',
] as const;
export const responseType = z
  .enum(RESPONSE_TYPES)
  .describe('Legal character of the response: retorsion is lawful without a prior wrong; a countermeasure needs state attribution of an internationally wrongful act, notice and reversibility.');
export type ResponseType = z.infer<typeof responseType>;

export const SPILLOVER = ['none', 'low', 'medium', 'high', 'veryHigh'] as const;
export const spillover = z.enum(SPILLOVER);
export type Spillover = z.infer<typeof spillover>;

export const PROCEDURES = ['notice', 'statementOfReasons', 'sunset', 'humanitarianExemption', 'oversight', 'urgent'] as const;
export const procedure = z.enum(PROCEDURES);
export type Procedure = z.infer<typeof procedure>;

/** The steps of peaceful settlement an action can take (institutions.disputeSettlement). */
export const DISPUTE_STEPS = ['offerMediation', 'offerArbitration', 'acceptOffer'] as const;
export type DisputeStep = (typeof DISPUTE_STEPS)[number];

/** The steps of a criminal case an action can take (the scenario's prosecution section). */
export const PROSECUTION_STEPS = ['joinJit', 'requestMla', 'indict', 'arrestWarrant', 'demandProsecution'] as const;
export type ProsecutionStep = (typeof PROSECUTION_STEPS)[number];

/** The steps of the norms-building track an action can take (the scenario's norms section). */
export const NORMS_STEPS = ['raise', 'endorse', 'report'] as const;
export type NormsStep = (typeof NORMS_STEPS)[number];

/** What an incident or an adversary move strikes; the norms section says which of these are protected. */
export const TARGET_CATEGORIES = ['health', 'energy', 'water', 'finance', 'transport', 'telecom', 'elections', 'government', 'media', 'business'] as const;
export const targetCategory = z.enum(TARGET_CATEGORIES);
export type TargetCategory = z.infer<typeof targetCategory>;
/** The steps of enforcement against sanctions evasion an action can take (sanctions.evasion). */
export const EVASION_STEPS = ['screen', 'designate', 'shareInformation'] as const;
export type EvasionStep = (typeof EVASION_STEPS)[number];
/** The kinds of evasion channel a scenario can declare. */
export const EVASION_CHANNEL_KINDS = ['shellCompanies', 'intermediary', 'digitalCurrency'] as const;
/** What a government can ask a platform or vendor (the scenario's platforms section). */
export const PLATFORM_REQUESTS = ['takedown', 'disclosure', 'preservation'] as const;
export type PlatformRequestKind = (typeof PLATFORM_REQUESTS)[number];

export const COMPARATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
const comparator = z.enum(COMPARATORS);

/** Indicators every exercise has; a scenario may read them but not declare them. */
export const BUILTIN_INDICATORS = ['round', 'escalation', 'cohesion', 'cumulativeHarm', 'publicResponses'] as const;

// ---------------------------------------------------------------------------
// The condition language

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { indicator: string; op: (typeof COMPARATORS)[number]; value: number }
  | { fact: string; is?: boolean }
  | { state: string; in: string[] }
  | { confidence: { team: string; incident: string; atLeast: ConfidenceLevel } }
  | { actionTaken: string; by?: string; thisRound?: boolean }
  | { injectFired: string };

// The lazy wrapper returns one shared union, so recursion is detected by identity.
export const condition: z.ZodType<Condition> = z.lazy(() => conditionUnion).meta({ id: 'condition' });
const conditionUnion: z.ZodType<Condition> = z
    .union([
      z.strictObject({ all: z.array(condition).min(1).describe('True when every condition holds.') }),
      z.strictObject({ any: z.array(condition).min(1).describe('True when at least one condition holds.') }),
      z.strictObject({ not: condition.describe('True when the condition does not hold.') }),
      z.strictObject({
        indicator: z.string().describe(`A declared indicator, or a built-in one: ${BUILTIN_INDICATORS.join(', ')}.`),
        op: comparator,
        value: z.number(),
      }),
      z.strictObject({ fact: z.string().describe('A declared fact.'), is: z.boolean().optional() }),
      z.strictObject({
        state: z
          .string()
          .describe(
            'A state chart region: exercise, adversary.phase, adversary.posture, adversary.<actor>.phase, adversary.<actor>.posture (a further actor of otherAdversaries), deEscalation, dispute, verification.<incident>, case.<incident>, attribution.<incident>.<team> or attribution.<incident>.coalition.',
          ),
        in: z.array(z.string()).min(1).describe('True when the region is in one of these states.'),
      }),
      z.strictObject({
        confidence: z
          .strictObject({ team: z.string(), incident: z.string(), atLeast: confidenceLevel })
          .describe("True when this team's attribution confidence on this incident is at least this level."),
      }),
      z.strictObject({
        actionTaken: z.string().describe('An action id.'),
        by: z.string().optional().describe('Only when this team took it.'),
        thisRound: z.boolean().optional().describe('Only in the round being resolved.'),
      }),
      z.strictObject({ injectFired: z.string().describe('An inject id.') }),
    ])
  .describe('A declarative condition. No code from a scenario ever runs.')
  .meta({ id: 'conditionForms' });

// ---------------------------------------------------------------------------
// Effects: named operations from the engine's registry

export const CHART_EVENTS = {
  adversary: ['ESCALATE', 'DETERRENCE_SIGNAL', 'ADVANCE_PHASE'],
  attribution: ['DETECT', 'PRIVATE_SIGNAL', 'PUBLIC_ATTRIBUTION', 'RETRACT'],
  deEscalation: ['OPEN_CHANNEL', 'ACK', 'SET_CONDITIONS', 'VERIFIED', 'VIOLATION'],
  // The adversary's own offers of peaceful settlement (UN Charter Art. 33), for its moves and injects.
  dispute: ['OFFER_MEDIATION', 'OFFER_ARBITRATION'],
} as const;

export type Effect =
  | { indicator: string; add?: number; set?: number; atLeast?: number }
  | { fact: string; set: boolean }
  | { harm: string; add: number }
  | { evidence: string; add: number; teams?: 'self' | 'all' | 'coalition' | string[] }
  | { escalate: number }
  | { fireInject: string }
  | { send: { chart: keyof typeof CHART_EVENTS; event: string; incident?: string } };

export const effect: z.ZodType<Effect> = z
  .union([
    z.strictObject({
      indicator: z.string().describe('A declared indicator.'),
      add: z.number().optional(),
      set: z.number().optional(),
      atLeast: z
        .number()
        .optional()
        .describe('Raises the indicator to at least this value (after add or set): for injects that carry a judgement history made whatever the players did.'),
    }),
    z.strictObject({ fact: z.string().describe('A declared fact.'), set: z.boolean() }),
    z.strictObject({
      harm: z.string().describe('An incident id: adds to the harm suffered (0-10 scale).'),
      add: z.number(),
    }),
    z.strictObject({
      evidence: z.string().describe('An incident id: adds evidence points towards attribution confidence.'),
      add: z.number(),
      teams: z
        .union([z.enum(['self', 'all', 'coalition']), z.array(z.string())])
        .optional()
        .describe('Whose evidence grows: self (default, the acting team), all, coalition (those sharing), or team ids.'),
    }),
    z.strictObject({ escalate: z.number().int().describe('Moves the escalation level by this many rungs.') }),
    z.strictObject({ fireInject: z.string().describe('An inject id, delivered at the start of the next round.') }),
    z.strictObject({
      send: z.strictObject({
        chart: z
          .enum(['adversary', 'attribution', 'deEscalation', 'dispute'])
          .describe('Sends an event to a state chart: adversary (ESCALATE, DETERRENCE_SIGNAL, ADVANCE_PHASE), attribution (DETECT, PRIVATE_SIGNAL, PUBLIC_ATTRIBUTION, RETRACT), deEscalation (OPEN_CHANNEL, ACK, SET_CONDITIONS, VERIFIED, VIOLATION), dispute (OFFER_MEDIATION, OFFER_ARBITRATION: the adversary offers settlement; needs institutions.disputeSettlement).'),
        event: z.string(),
        incident: z.string().optional().describe('For attribution events: which incident (defaults to the action target).'),
      }),
    }),
  ])
  .describe('A declarative effect from the engine registry.')
  .meta({ id: 'effect' });

// ---------------------------------------------------------------------------

const source = z.strictObject({
  id,
  citation: z.string().min(1).describe('The full reference, as in a bibliography.'),
  url: z.string().optional().describe('Where to read it.'),
});

/** The four rubric levels of a report card, best first. */
export const RUBRIC_LEVELS = ['exemplary', 'proficient', 'developing', 'insufficient'] as const;
export type RubricLevel = (typeof RUBRIC_LEVELS)[number];

/**
 * What a report card can measure for one objective (docs/scoring.md, "Report card"):
 * scores and their components over the decisions that bear on the objective,
 * the coalition's cohesion over the rounds played, and a few facts about the team.
 */
export const GRADE_MEASURES = [
  'proportionality',
  'proportionality.fit',
  'proportionality.evidence',
  'proportionality.reversibility',
  'proportionality.procedure',
  'proportionality.mitigation',
  'legality',
  'effect',
  'joint',
  'sharing',
  'cohesion',
  'cohesion.alignment',
  'cohesion.agreement',
  'cohesion.jointness',
  'cohesion.burden',
  'cohesion.sharing',
  'restraint',
] as const;
export const gradeMeasure = z.enum(GRADE_MEASURES);
export type GradeMeasure = z.infer<typeof gradeMeasure>;

const objectiveEvidence = z
  .strictObject({
    actions: z.array(z.string()).default([]).describe('Action ids whose decisions bear on the objective.'),
    categories: z.array(actionCategory).default([]).describe('Action categories whose decisions bear on the objective.'),
    measures: z
      .array(gradeMeasure)
      .min(1)
      .describe(
        'What the level is computed from, averaged on 0-100: proportionality (or one of its components) of the decisions that bear on it, legality (share not legally exposed), effect (share that took effect), joint (share taken jointly), sharing (share of the incidents the team held evidence on that it shared), cohesion (or a component) over the rounds, restraint (how far escalation stayed below the top of the ladder).',
      ),
    minDecisions: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('Fewer decisions bearing on the objective than this make it insufficient whatever the measures say.'),
  })
  .describe("How a team's decisions and scores evidence this objective on its report card.");

const rubricText = z.string().min(1);
const objectiveRubric = z
  .strictObject({
    exemplary: rubricText.optional().describe('What exemplary performance looks like on this objective.'),
    proficient: rubricText.optional(),
    developing: rubricText.optional(),
    insufficient: rubricText.optional(),
    thresholds: z
      .strictObject({
        exemplary: z.number().min(0).max(100).default(85),
        proficient: z.number().min(0).max(100).default(70),
        developing: z.number().min(0).max(100).default(50),
      })
      .prefault({})
      .describe('The lowest score (0-100) for each level; below developing is insufficient.'),
  })
  .describe('Descriptors per level (generic ones when absent) and the score each level needs.');

const objective = z.strictObject({
  id,
  text: z.string().min(1).describe('What participants should be able to do; evaluators rate against it.'),
  evidence: objectiveEvidence.optional(),
  rubric: objectiveRubric.prefault({}),
});

const team = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to everyone, e.g. "United Kingdom".'),
  kind: z.enum(['government', 'institution']).default('government').describe('A national government, or an institution such as the EU or NATO.'),
  capital: z
    .strictObject({ name: z.string(), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .describe('Where the team sits on the map.'),
  briefing: z.string().min(1).describe('What this team reads before round 1 (only this team and the facilitator).'),
  resources: z
    .strictObject({
      capital: z.number().int().min(0).describe('Political capital available each round.'),
      intel: z.number().int().min(0).default(0).describe('Intelligence capacity each round.'),
    })
    .describe('Spent by actions; refilled each round.'),
  capacity: z.number().positive().default(1).describe('Relative economic and political weight, for burden sharing.'),
  economicExposure: z.number().min(0).max(1).default(0).describe('Trade exposure to the adversary, 0-1: pulls towards defection from costly measures.'),
  domesticPressure: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('How strongly the public and parliament weigh in, 0-1: contentious steps (statements on another country\'s election, partisan timing, expulsions, NATO consultations) cost round(2 x this), at least 1, political capital.'),
  legalBases: z.array(z.string()).default([]).describe('Legal bases this team can invoke (compared with actions\' legalBasis).'),
  legalConstraints: z.array(z.string()).default([]).describe('Constraints shown to the team, e.g. court review of listings.'),
  euMember: z.boolean().default(false).describe('Takes part in EU unanimity votes.'),
  startingEvidence: z.record(z.string(), z.number()).default({}).describe('Evidence points per incident at the start.'),
  // Reaches styles and the board's fill colours: only a hex colour, never free CSS.
  colour: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'a colour is # and six hex digits, like #0072B2')
    .optional()
    .describe('Map colour: # and six hex digits, like #0072B2; a colour-blind-safe palette is used when absent.'),
});

const phase = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to the facilitator and players, e.g. "Leak and amplify".'),
  description: z.string().default(''),
  fromRound: z.number().int().min(1).describe('The round in which this phase begins.'),
});

const adversaryMove = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to the facilitator and the red cell.'),
  description: z.string().default('').describe('What the move is, for the red cell.'),
  postures: z.array(posture).min(1).describe('The adversary makes this move when in one of these postures.'),
  phases: z.array(z.string()).optional().describe('Only in these campaign phases (all when absent).'),
  chance: z.number().min(0).max(1).default(1).describe('Probability per round when eligible.'),
  when: condition.optional().describe('Only when this holds.'),
  effects: z.array(effect).default([]).describe('What the move does.'),
  news: z.string().optional().describe('Headline everyone sees when the move happens.'),
  inKind: z
    .boolean()
    .optional()
    .describe('An answer in kind to a measure that invites mirroring (expulsions answered by expulsions). In a round in which the adversary retaliates only because such a measure invited it, without an overreaction or an unlawful measure, its retaliation is its in-kind moves alone, beside the campaign moves of the posture it held before; a scenario that marks none lets every tit-for-tat move happen then.'),
  targets: z
    .array(targetCategory)
    .optional()
    .describe('What the move strikes (norms): when absent, the targets of the incidents it adds harm to. A move that strikes a protected target is drawn less often as the norms track raises its reputational cost.'),
});

const adversary = z.strictObject({
  id,
  name: z.string().min(1).describe('The interfering state, e.g. "Russian Federation".'),
  briefing: z.string().default('').describe('For the red cell and the facilitator only.'),
  redCellAllowed: z.boolean().default(true).describe('Whether a human red cell may play the adversary.'),
  phases: z.array(phase).min(1).describe('The campaign, in order; the first starts in round 1.'),
  initialPosture: posture.default('probing'),
  tuning: z
    .strictObject({
      baseDeterrence: z.number().min(0).max(1).default(0.1),
      deterrencePerJointness: z.number().min(0).max(1).default(0.3),
      deterrencePerCohesion: z.number().min(0).max(1).default(0.2),
      deterrencePerJointAttribution: z.number().min(0).max(1).default(0.2),
      deterrencePerFit: z.number().min(0).max(1).default(0.15),
      overconfidenceBias: z.number().min(0).max(1).default(0.1).describe('Lowers deterrence while the adversary holds undiscovered access.'),
      // Optional without a default, so that scenarios that do not set it keep the state (and the stored hashes) they had.
      maxDeterrence: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe("The highest chance per round that the coalition deters the adversary, however well it responds: the adversary's own resolve, which no response controls (0.95 when not set)."),
      holdChance: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe(
          "The chance that an adversary that has stepped back (deterred, or de-escalating in talks) stays back in a round in which the coalition's pressure does not deter it anew: with the rest of the chance it tests the coalition again and goes back to probing. Talks under way with costs in place keep it on the way down with the same chance. When not set, it stays back until another rule moves it.",
        ),
      emboldenAfterQuietRounds: z.number().int().min(1).default(2),
      emboldenBelowCohesion: z.number().min(0).max(100).default(40),
      titForTatGap: z.number().min(0).max(10).default(3).describe('Overreaction (severity minus harm) that provokes tit-for-tat.'),
      mirroringChance: z.number().min(0).max(1).default(0.8).describe('Chance that an action inviting mirroring (e.g. expulsions) draws tit-for-tat.'),
      verificationRounds: z.number().int().min(1).default(1).describe('Rounds without a harmful move, after conditions are set, before cessation counts as verified.'),
      relapseChance: z.number().min(0).max(1).default(0.15).describe('Chance per round that a normalised relationship relapses.'),
      evasionAfterNotice: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .describe('Chance that an adversary given notice of a countermeasure moves its infrastructure first, so that the measure hits little.'),
    })
    .prefault({}),
  moves: z.array(adversaryMove).default([]).describe('What the adversary may do each round, by posture and phase.'),
});

/**
 * A further state or criminal actor beside the primary adversary, with its own
 * campaign, posture, tuning and moves (the same pieces as the adversary's).
 * It reacts only to the responses to its own incidents (incident.actor), so
 * that two actors may be deterred, provoked or emboldened apart, and its
 * moves may read the other's chart (adversary.<id>.posture and .phase).
 */
const otherAdversary = adversary.omit({ redCellAllowed: true }).extend({
  kind: z.enum(['state', 'criminal']).describe('A state actor, or a criminal group (which may act for a state or on its own account).'),
});

const incident = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to players once it comes to light.'),
  description: z.string().min(1).describe('What happened, as the victims first see it.'),
  kind: z.enum(['intrusion', 'hackAndLeak', 'disinformation', 'infraProbing', 'deepfake', 'disruption', 'tallyAlteration']),
  baseHarm: z.number().min(0).max(10).describe('Harm on the 0-10 scale when the incident happens.'),
  startsInRound: z.number().int().min(1).default(1),
  detectedBy: z.array(z.string()).default([]).describe('Teams that detect it when it starts; others learn of it from injects or sharing.'),
  responsibility: responsibility.describe('The truth (hidden from players): Healey spectrum.'),
  legalCategory: legalCategory.describe('The truth (hidden from players).'),
  investigationDifficulty: z.number().min(0).max(1).default(0.4).describe('Chance an investigation finds nothing.'),
  deceptionRisk: z.number().min(0).max(1).default(0.1).describe('Chance that evidence is planted (a false flag downgrades confidence).'),
  likelihood: z
    .enum(LIKELIHOODS)
    .default('veryLikely')
    .describe('How likely it is, on full analysis, that the adversary is responsible (ICD 203 band), kept apart from confidence: a government judges it so once its confidence is moderate, and "roughly even" before.'),
  falseFlag: z
    .strictObject({ pointsTo: z.string().min(1).describe('The state the planted evidence points to, e.g. "Ukraine".') })
    .optional()
    .describe('A false flag: an investigation that follows the planted evidence (deceptionRisk) makes the government suspect this state instead, until new evidence corrects it.'),
  actor: z
    .string()
    .optional()
    .describe("The actor behind the incident: the id of one of otherAdversaries; the primary adversary when absent. Responses to the incident weigh with that actor's reaction."),
  injured: z
    .array(z.string())
    .optional()
    .describe('Teams whose rights the incident violated: only they take countermeasures as injured states; anyone else\'s countermeasure is a collective countermeasure, flagged as contested. Every team when absent.'),
  targets: z
    .array(targetCategory)
    .optional()
    .describe('What the incident strikes: health (hospitals), energy, water, finance, transport, telecom, elections, government, media, business. Striking a category the norms section protects violates the norm.'),
  caseFile: condition
    .optional()
    .describe('While this holds, a case file (a prosecutor\'s file, a declassified dossier) substantiates statements of reasons on this incident, even before evidence is shared or made public.'),
});

const indicator = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown on the board, e.g. "Public trust in the election".'),
  description: z.string().default(''),
  min: z.number().default(0).describe('Effects never push the value below this.'),
  max: z.number().default(100).describe('Effects never push the value above this.'),
  initial: z.number().describe('Value at the start.'),
  visibleTo: z.enum(['all', 'facilitator']).default('all'),
});

const fact = z.strictObject({
  id,
  description: z.string().default('').describe('What it means when true.'),
  initial: z.boolean().default(false),
  visibleTo: z.enum(['all', 'facilitator']).default('facilitator'),
});

const action = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown in the action catalogue, e.g. "Expel intelligence officers".'),
  description: z.string().default('').describe('What the action is and what it risks.'),
  category: actionCategory.describe('investigate and signalling, attribution and rollback have built-in effects (see docs/rules.md); the category also shapes cohesion.'),
  severity: z.number().min(-2).max(10).describe('0-10: how hard the response hits (negative for rollback).'),
  rung: z.number().int().min(0).max(9).describe('Rung of the escalation ladder the action signals.'),
  reversibility: z.number().min(0).max(1),
  minConfidence: z.enum(['none', ...CONFIDENCE_LEVELS]).describe('Lowest defensible attribution confidence.'),
  requiresStateAttribution: z.boolean().default(false).describe('Needs responsibility at state-ordered (7) or above.'),
  targetsIncident: z.boolean().default(true).describe('The player picks an incident the action responds to.'),
  spillover: spillover.describe('Collateral cost to third parties; a humanitarian exemption mitigates it.'),
  responseType,
  legalBasis: z.string().default('').describe('Shown to players; teams without it in legalBases cannot take the action.'),
  precedent: z.string().optional().describe('A real case, shown to players.'),
  cost: z
    .strictObject({ capital: z.number().int().min(0).default(0), intel: z.number().int().min(0).default(0) })
    .prefault({})
    .describe('Political capital and intelligence capacity spent when drafted (refunded if withdrawn).'),
  availableTo: z.array(z.string()).optional().describe('Team ids; all teams when absent.'),
  prerequisites: condition.optional().describe('Must hold for the action to be taken.'),
  prerequisiteText: z.string().optional().describe('What players read when the prerequisites fail.'),
  effects: z.array(effect).default([]).describe('What the action does when it resolves.'),
  attributionStance: z
    .enum(['notInAPosition'])
    .optional()
    .describe('For an attribution action: instead of attributing, the government says in public that it is not in a position to attribute the incident (yet). Its chart records the stance; it may attribute later; allies who attribute do not count it as unwilling in cohesion.'),
  joinable: z.boolean().default(false).describe('Other teams may join it as a coalition action.'),
  invitesMirroring: z.boolean().default(false).describe('The adversary tends to answer in kind (expulsions draw expulsions): tit-for-tat with tuning.mirroringChance.'),
  jointMinimum: z.number().int().min(2).optional().describe('Takes effect only with this many participants.'),
  procedures: z.array(procedure).default([]).describe('Procedural options offered to the player.'),
  sanctions: z
    .strictObject({ jurisdictions: z.array(z.enum(['US', 'EU', 'UK', 'other'])).min(1) })
    .optional()
    .describe('Adopting opens a sanctions package with its own state chart.'),
  oncePerExercise: z.boolean().default(false).describe('A team can take it only once in the exercise.'),
  repeatFactor: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Diminishing returns: each earlier round in which the action took effect (by any team) multiplies its indicator changes (add) by this factor. A statement repeated every round tells the public less each time; absent, every repeat has the full effect.'),
  verification: z
    .string()
    .optional()
    .describe('A verification body id (institutions.verificationBodies): the action asks that body to examine the attribution of its incident; it reports after its reportAfterRounds.'),
  dispute: z
    .enum(DISPUTE_STEPS)
    .optional()
    .describe('A step of peaceful settlement with the adversary (institutions.disputeSettlement): offerMediation, offerArbitration, or acceptOffer (accepts the adversary\'s open offer).'),
  prosecution: z
    .enum(PROSECUTION_STEPS)
    .optional()
    .describe('A step of the criminal case on its incident (the scenario\'s prosecution section): joinJit (join the joint investigation team, pooling evidence into one case file), requestMla (ask a state in prosecution.mla.states for legal assistance), indict and arrestWarrant (need a jurisdictional nexus), demandProsecution (ask the adversary to prosecute or extradite).'),
  requestedState: z.string().optional().describe('For requestMla: the id of the requested state in prosecution.mla.states.'),
  norms: z
    .enum(NORMS_STEPS)
    .optional()
    .describe('A step of the norms-building track (the scenario\'s norms section): raise (raise the violation in a forum, naming an incident that struck a protected target), endorse (join the states that endorse the norm), report (publish a transparent report on a violation, naming the norm).'),
  forum: z.string().optional().describe('For raise: the id of the forum in norms.fora.'),
  evasion: z
    .strictObject({
      step: z
        .enum(EVASION_STEPS)
        .describe('screen: a due-diligence obligation on firms in the government\'s own jurisdiction (beneficial-ownership checks, exchange KYC); designate: a secondary measure against the facilitators of a channel; shareInformation: joint enforcement, telling allies what is known of the channel.'),
      channels: z.array(z.string()).min(1).describe('The channel ids (sanctions.evasion.channels) the step works on.'),
      reach: z
        .enum(['nexus', 'broad'])
        .default('nexus')
        .describe('For designate: nexus reaches only the facilitators with a link to the evasion; broad reaches third-country firms that merely trade with the adversary (it narrows more, and is scored as disproportionate).'),
    })
    .optional()
    .describe('A step of enforcement against sanctions evasion (sanctions.evasion); the action targets no incident.'),
  platform: z
    .strictObject({
      company: z.string().describe('A platform id from the scenario\'s platforms section.'),
      request: z.enum(PLATFORM_REQUESTS).describe('takedown (remove the operation\'s accounts), disclosure (hand over what it holds on the incident) or preservation (keep the data for a later disclosure).'),
    })
    .optional()
    .describe('A request to a platform or vendor on the action\'s incident: answered by the platform\'s duties in the requesting government\'s jurisdiction (docs/rules.md, "Platforms and vendors").'),
});

const verificationBody = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to players, e.g. "UN commission of inquiry" or "Allied peer review".'),
  description: z.string().default('').describe('Who sits on it and how it works.'),
  kind: z
    .enum(['commission', 'peerReview'])
    .default('commission')
    .describe('An international commission of inquiry (neutral, slower), or a peer review among allies.'),
  reportAfterRounds: z.number().int().min(1).max(10).describe('Rounds from the referral to the report.'),
  reliability: z
    .number()
    .min(0)
    .max(1)
    .default(0.9)
    .describe('Chance the body reaches a firm finding (confirm or contradict) where the facts allow one; otherwise it qualifies the claim.'),
  evidence: z.number().int().min(0).max(10).default(2).describe('Evidence points a confirming report gives every government (and a contradicting one takes from those who attributed publicly).'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the real body or proposal it is modelled on.'),
  onConfirm: z.array(effect).default([]).describe('Further effects of a report that confirms the attribution.'),
  onQualify: z.array(effect).default([]).describe('Further effects of a report that qualifies it.'),
  onContradict: z.array(effect).default([]).describe('Further effects of a report that contradicts it.'),
});

const disputeSettlement = z
  .strictObject({
    mediator: z.string().min(1).describe('Who mediates, shown to players, e.g. "the OSCE Chairmanship".'),
    tribunal: z.string().min(1).describe('The arbitral tribunal or court, shown to players, e.g. "an arbitral tribunal under the PCA Optional Rules".'),
    acceptChance: z
      .strictObject({
        mediation: z.number().min(0).max(1).default(0.5),
        arbitration: z.number().min(0).max(1).default(0.2),
      })
      .prefault({})
      .describe('Chance the adversary accepts a coalition offer at the end of the round; doubled (up to 1) while it is deterred or de-escalating.'),
    mediationRounds: z.number().int().min(1).max(10).default(2).describe('Rounds the mediator works before the mediation closes.'),
    awardAfterRounds: z.number().int().min(1).max(10).default(2).describe('Rounds from the tribunal being seized to its award.'),
    offerLapsesAfterRounds: z.number().int().min(1).max(10).default(1).describe('Rounds an offer stays open before it lapses.'),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
  })
  .describe('Mediation and arbitration with the adversary. While the tribunal is seized and the adversary takes part in good faith, countermeasures are suspended (ILC Art. 52(3)(b), (4)).');

const oversightBody = z
  .strictObject({
    id,
    name: z.string().min(1).describe('Shown to players, e.g. "Intelligence and Security Committee of Parliament".'),
    description: z.string().default('').describe('Who sits on it and what it may do.'),
    teams: z.array(z.string()).min(1).describe('The governments whose measures it reviews.'),
    categories: z.array(actionCategory).min(1).describe('The kinds of measure it reviews, e.g. ["cyber", "economic"].'),
    mandatory: z
      .boolean()
      .default(false)
      .describe('true: every measure of these kinds goes before it; false: only those drafted with the oversight option (informing it).'),
    refuseBelow: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("It refuses a measure whose evidence component (the quality of the basis: own, shared, corroborated, public) is below this."),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the real body it is modelled on.'),
  })
  .describe(
    'A parliamentary or judicial body that reviews a government\'s measures before they take effect: it sends back one that offers a statement of reasons without giving one, and refuses one whose evidence is too thin.',
  );

const listedPersons = z
  .strictObject({
    actions: z
      .array(z.string())
      .min(1)
      .describe('The listing actions (each with a sanctions section) whose listed persons are notified, may submit observations and have them weighed at review.'),
    observationChance: z.number().min(0).max(1).describe('Chance the listed submit observations in each round after they were notified, while the listing is in force.'),
    weakBelow: z
      .number()
      .min(0)
      .max(1)
      .describe("Reasons are weak when the listing has no statement of reasons, or its evidence component is below this and no case file or independent finding backs it: at review, observations on file then delist the person."),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
  })
  .describe("The listed persons' rights (Regulation (EU) 2019/796, Art. 13; Decision (CFSP) 2019/797, Art. 6): the listed are notified with the grounds, may submit observations, and the review weighs them against the reasons; a delisted person can be relisted only on better reasons.");

const evasionChannel = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to the governments that know of it, e.g. "Front companies in the Seychelles".'),
  kind: z.enum(EVASION_CHANNEL_KINDS).describe('shellCompanies, intermediary (a third country or its firms) or digitalCurrency (exchanges, mixers).'),
  description: z.string().default('').describe('How the adversary routes around the sanctions through it.'),
  leak: z.number().min(0).max(1).describe('Share of a sanction\'s bite that leaks through the channel while it is open (half of it once narrowed, none once closed).'),
  openChance: z.number().min(0).max(1).describe('Chance per round, while a sanctions package it routes around is in force, that the adversary opens the channel.'),
  sanctions: z
    .array(z.string())
    .optional()
    .describe('The sanctions actions (with a sanctions section) whose packages it routes around; every sanctions action when absent.'),
  exposed: z
    .array(
      z.strictObject({
        team: z.string().describe('A team id.'),
        share: z.number().min(0).max(1).describe('Share of the channel\'s flows that pass through firms in its jurisdiction: what its own screening can stop, and the cost a designation puts on its economy.'),
        basis: z.string().default('').describe('The exposure in words, shown to players, e.g. "banks in Cyprus hold the companies\' accounts".'),
      }),
    )
    .default([])
    .describe('The governments whose economies the channel runs through: they learn of it when it opens, can screen it, and bear the cost of designations against it.'),
  onOpen: z.array(effect).default([]).describe('Further effects when the adversary opens it.'),
  onNarrow: z.array(effect).default([]).describe('Further effects when enforcement narrows it.'),
  onClose: z.array(effect).default([]).describe('Further effects when enforcement closes it.'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the real channel it is modelled on.'),
});

const evasion = z
  .strictObject({
    channels: z.array(evasionChannel).min(1).describe('The ways the adversary can route around the sanctions.'),
    narrowAt: z.number().positive().default(1).describe('Enforcement pressure at which an open channel is narrowed.'),
    closeAt: z.number().positive().default(2).describe('Enforcement pressure at which a channel is closed.'),
    lagRounds: z.number().int().min(0).max(10).default(1).describe('Rounds before a step of enforcement bites: it counts at the end of the round this many rounds after it was taken (0: the same round).'),
    screening: z.number().min(0).max(10).default(2).describe('Pressure a government\'s screening obligation adds: this times its share of the channel\'s flows.'),
    designation: z.number().min(0).max(10).default(1).describe('Pressure a designation of the channel\'s facilitators adds (twice this for a broad reach).'),
    sharing: z.number().min(0).max(10).default(0.25).describe('Pressure a joint enforcement step (information sharing) adds.'),
    exposureCost: z.number().min(0).max(10).default(4).describe('Cost (in the burden of cohesion) a designation puts on each exposed government: this times its share of the channel\'s flows.'),
    deterrenceLost: z.number().min(0).max(1).default(0.2).describe('How much the chance of deterring the adversary falls when all the sanctions\' bite leaks (in proportion to the share that leaks).'),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
  })
  .describe('Sanctions evasion and enforcement against it: the adversary routes around sanctions in force through shell companies, intermediaries and digital currencies; governments screen, designate facilitators and share information, and designations cost the allies whose economies are exposed.');

const institutions = z
  .strictObject({
    verificationBodies: z.array(verificationBody).default([]).describe('Bodies a government can ask to examine an attribution.'),
    disputeSettlement: disputeSettlement.optional(),
    oversight: z.array(oversightBody).default([]).describe('Bodies at home that review measures before they take effect.'),
  })
  .describe('The institutions that make a response legitimate: verification of claims and peaceful settlement of the dispute.');

const jurisdiction = z.strictObject({
  team: z.string().describe('A team id.'),
  incidents: z.array(z.string()).min(1).describe('Incidents with a nexus to its territory: victims, servers or effects there. A team also has a nexus to every incident that names it among its injured.'),
  basis: z.string().default('').describe('The nexus in words, shown to players, e.g. "servers in Arizona and victims in Washington".'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
});

const requestedState = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to players, e.g. "Russia" or "the Netherlands".'),
  adversary: z.boolean().default(false).describe('The adversary itself: it refuses assistance against its own officers (and the refusal is on record).'),
  grantChance: z.number().min(0).max(1).optional().describe('Chance the request is granted when it falls due; prosecution.mla.grantChance when absent.'),
  delayRounds: z.number().int().min(0).max(10).optional().describe('Rounds the requested state takes to answer; prosecution.mla.delayRounds when absent.'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the treaty or the record of its answers.'),
});

const prosecution = z
  .strictObject({
    jurisdictions: z.array(jurisdiction).default([]).describe('Which incidents give each team the jurisdictional nexus an indictment or arrest warrant needs, beyond those it was injured by.'),
    mla: z
      .strictObject({
        grantChance: z.number().min(0).max(1).default(0.7).describe('Chance a request to a state that is not the adversary is granted.'),
        delayRounds: z.number().int().min(0).max(10).default(1).describe('Rounds before the requested state answers (0: at the end of the round of the request).'),
        evidence: z.number().int().min(0).max(10).default(2).describe('Evidence points a granted request puts in the case file.'),
        states: z.array(requestedState).default([]).describe('The states a government can ask for mutual legal assistance.'),
        sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
      })
      .prefault({}),
    jit: z
      .strictObject({
        sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the agreement the team is set up under.'),
      })
      .prefault({})
      .describe('Joint investigation teams: members pool their evidence into one case file per incident.'),
    extradition: z
      .strictObject({
        travelChance: z.number().min(0).max(1).default(0.15).describe('Chance each round that an officer under an arrest warrant travels to a state that extradites, and is arrested.'),
        evidence: z.number().int().min(0).max(10).default(2).describe('Evidence points an arrest puts in the case file (devices, testimony).'),
        onArrest: z.array(effect).default([]).describe('Further effects of an arrest (e.g. the adversary\'s cost).'),
        sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: arrests of the indicted abroad.'),
      })
      .prefault({}),
    safeHarbour: z
      .strictObject({
        evidence: z.number().int().min(0).max(10).default(1).describe('Evidence points every government gains when the adversary refuses to prosecute or extradite: shielding the indicted tells against its claim of non-involvement.'),
        onRefusal: z.array(effect).default([]).describe('Further effects of the refusal.'),
        sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the bar on extraditing nationals, aut dedere aut judicare.'),
      })
      .prefault({}),
  })
  .describe('Joint investigation and prosecution: joint investigation teams, mutual legal assistance, indictments and arrest warrants that need a jurisdictional nexus, extradition and travel risk for the indicted, and the denial of safe harbour.');

const normsStage = (afterRounds: number, cost: number) =>
  z.strictObject({
    afterRounds: z.number().int().min(1).max(10).default(afterRounds).describe('Rounds the track spends in the stage before this one, at least: nothing resolves in one round.'),
    cost: z.number().min(0).max(1).default(cost).describe("The adversary's reputational cost of striking a protected target from this stage on: a move that strikes one is drawn with its chance times (1 - cost)."),
  });

const norms = z
  .strictObject({
    norm: z
      .strictObject({
        name: z.string().min(1).describe('Shown to players, e.g. "UN GGE 2015 norm 13(f)".'),
        text: z.string().min(1).describe('What the norm says, e.g. "A State should not conduct or knowingly support ICT activity ... that intentionally damages critical infrastructure".'),
        sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
      })
      .describe('The agreed norm that protects the targets.'),
    protected: z
      .array(
        z.strictObject({
          category: targetCategory,
          why: z.string().min(1).describe('Why it is protected, shown to players (the norm, the 2021 UN GGE and OEWG reports, Tallinn Manual 2.0 where it applies).'),
          sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
        }),
      )
      .min(1)
      .describe('The target categories the norm protects.'),
    fora: z
      .array(
        z.strictObject({
          id,
          name: z.string().min(1).describe('Shown to players, e.g. "UN Open-ended Working Group".'),
          description: z.string().default('').describe('What raising a violation there does.'),
          sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
        }),
      )
      .min(1)
      .describe('Where a government can raise a violation (UN OEWG or Programme of Action, OSCE confidence-building measures, ...).'),
    stages: z
      .strictObject({
        raised: z.strictObject({ cost: z.number().min(0).max(1).default(0).describe("The adversary's reputational cost once the violation is raised.") }).prefault({}),
        discussed: normsStage(1, 0.1).prefault({}),
        endorsed: normsStage(1, 0.25)
          .extend({ endorsers: z.number().int().min(1).default(2).describe('Governments that must endorse the norm before the track can reach endorsed.') })
          .prefault({}),
        reported: normsStage(1, 0.4).prefault({}).describe('Needs a transparent report on a violation, published by any government.'),
      })
      .prefault({})
      .describe('The stages of the track (raised, discussed, endorsed, reported), their timings and the reputational cost each lends; the track never goes back.'),
    harmWeight: z
      .number()
      .min(0)
      .max(5)
      .default(1)
      .describe('How much more harm a coercive response may answer when its incident struck a protected target: a stronger response is proportionate to the violation of an agreed norm.'),
    attributionWeight: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(1)
      .describe('Once the norm is endorsed, each public attribution of an incident that struck a protected target gives every government that endorsed the norm this many evidence points on it.'),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
  })
  .describe('Norms of responsible state behaviour: civilian infrastructure as protected targets, and a norms-building track (raising violations in UN and OSCE fora, endorsing the norm, transparent reporting) with slow, lasting effects on the adversary.');
const newsItem = z.strictObject({
  inject: z.string().describe('An inject id: in the round it is delivered, it occupies the news cycle.'),
  share: z.number().min(0).max(1).describe("How much of the public's attention it takes, 0-1: a statement made that round reaches only what is left."),
  leak: z.boolean().default(false).describe("A leak by the adversary: a government whose public it concerns and that says nothing in public that round loses trust."),
  teams: z.array(z.string()).optional().describe('The governments whose publics it concerns (every public when absent).'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the record of that news day.'),
});

const publicOf = z.strictObject({
  team: z.string().describe('A government\'s team id.'),
  trust: z.number().min(0).max(100).describe("Trust in the government's account at the start, 0-100."),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources: the polling it is modelled on.'),
});

const publicOpinion = z
  .strictObject({
    publics: z.array(publicOf).min(1).describe('One public per government that answers to one.'),
    newsCycle: z.array(newsItem).default([]).describe('Injects that occupy the news cycle in the round they are delivered.'),
    statementTrust: z.number().min(0).max(50).default(8).describe("Trust a public statement gains when it holds the public's whole attention; less in proportion."),
    jointReach: z.number().min(1).max(3).default(1.5).describe('How much further a joint statement carries than a lone one: its attention is multiplied by this (at most 100).'),
    silenceCost: z.number().min(0).max(50).default(5).describe('Trust lost by a government that says nothing in public while a leak that concerns its public dominates the news.'),
    contradictionCost: z.number().min(0).max(100).default(15).describe('Trust lost when a public attribution is later contradicted: retracted, exposed as following a false flag, or contradicted by a verification body.'),
    pressurePerTrust: z
      .number()
      .min(0)
      .max(0.05)
      .default(0.01)
      .describe("Domestic pressure added per point of trust below the public's starting trust, and taken off per point above it (the result stays within 0-1)."),
    jitter: z.number().min(0).max(0.5).default(0.1).describe("The seeded variation of a statement's attention: plus or minus this share."),
    influence: z
      .strictObject({
        incidents: z.array(z.string()).min(1).describe("The adversary's information operations: incidents whose reach public distrust widens and platforms narrow."),
        harmPerRound: z.number().min(0).max(2).default(0.5).describe('Harm each of them adds per round at full reach (100).'),
      })
      .optional()
      .describe("The adversary's information operations: their reach is 100 less the publics' mean trust, less what platforms cut."),
    sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
  })
  .describe("Media and public opinion: each government's public, whose attention and trust respond to what the government says in public and when; trust moves the government's domestic pressure, and distrust widens the reach of the adversary's information operations.");

const platformDuty = z.strictObject({
  teams: z.array(z.string()).min(1).describe('The governments in whose jurisdiction the duty holds.'),
  duty: z.enum(['statutory', 'voluntary']).describe('statutory: the law obliges the platform to comply with an order; voluntary: it cooperates at its own discretion (cooperateChance).'),
  requests: z.array(z.enum(PLATFORM_REQUESTS)).min(1).describe('The requests the duty covers.'),
  basis: z.string().min(1).describe('The law or practice in words, shown to players, e.g. "Regulation (EU) 2022/2065 (Digital Services Act), Arts 9-10".'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
});

const platform = z.strictObject({
  id,
  name: z.string().min(1).describe('Shown to players, e.g. "Facebook".'),
  kind: z.enum(['socialMedia', 'vendor']).default('socialMedia').describe('A social-media platform, or a software or hardware vendor.'),
  description: z.string().default(''),
  incidents: z.array(z.string()).min(1).describe('The incidents it holds data on (accounts, advertising, logs): a disclosure on one of them gives evidence.'),
  duties: z.array(platformDuty).default([]).describe('Its duties of disclosure and cooperation, by jurisdiction; a request no duty covers is voluntary.'),
  cooperateChance: z.number().min(0).max(1).default(0.5).describe('Chance it cooperates with a voluntary request each time it answers; one that does not delays once, then refuses.'),
  answerAfterRounds: z.number().int().min(0).max(10).default(1).describe('Rounds before it answers (0: at the end of the round of the request).'),
  evidence: z.number().int().min(0).max(10).default(2).describe('Evidence points a disclosure gives the requesting government (one more on data preserved at its request).'),
  reachCut: z.number().min(0).max(100).default(20).describe("How far a takedown or a disclosure narrows the adversary's reach on its incidents (publicOpinion.influence)."),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
});

const audience = z
  .union([z.literal('all'), z.literal('facilitator'), z.strictObject({ teams: z.array(z.string()).min(1) })])
  .describe('all, facilitator, or { "teams": [...] } for private intelligence.');

const inject = z.strictObject({
  id,
  title: z.string().min(1).describe('The headline.'),
  body: z.string().min(1).describe('The text the audience reads.'),
  round: z.number().int().min(1).optional().describe('Scheduled for the start of this round.'),
  when: condition.optional().describe('Fires at the start of the first round in which this holds (with round: from that round on).'),
  audience,
  kind: z.enum(['news', 'intelligence', 'diplomatic', 'facilitator']).default('news').describe('How it is labelled in the feed.'),
  date: z.string().optional().describe('The real date the inject is modelled on.'),
  effects: z.array(effect).default([]).describe('Applied when it is delivered.'),
  facilitatorNotes: z.string().optional().describe('For the facilitator only: what to look for, what to say.'),
  objectives: z.array(z.string()).default([]).describe('Learning objectives this inject exercises.'),
  sources: z.array(z.string()).default([]).describe('Source ids from meta.sources.'),
});

const round = z.strictObject({
  title: z.string().min(1).describe('Shown to everyone, e.g. "The leaks".'),
  date: z.string().optional().describe('The real period the round is modelled on.'),
  minutes: z.number().positive().optional().describe('Deliberation time; roundMinutes when absent.'),
  discussionQuestions: z.array(z.string()).default([]).describe("For the facilitator's guide."),
  watchFor: z.array(z.string()).default([]).describe('What the facilitator and evaluators should watch for.'),
});

const endCondition = z.strictObject({
  id,
  when: condition.describe('Checked after each round; the first that holds ends the exercise.'),
  outcome: z.enum(['success', 'failure', 'neutral']),
  summary: z.string().min(1).describe('Shown to everyone at the debrief.'),
});

/** What a translation may replace: the texts players read, by the id of what carries them. */
const translatedText = z.string().min(1);
const translatedFields = <K extends string>(fields: readonly K[], what: string) =>
  z.record(z.string(), z.strictObject(Object.fromEntries(fields.map((f) => [f, translatedText.optional()])) as Record<K, z.ZodOptional<typeof translatedText>>)).optional().describe(what);

const translation = z
  .strictObject({
    meta: z.strictObject({ title: translatedText.optional(), summary: translatedText.optional() }).optional(),
    teams: translatedFields(['name', 'briefing'] as const, 'By team id.'),
    incidents: translatedFields(['name', 'description'] as const, 'By incident id.'),
    actions: translatedFields(['name', 'description'] as const, 'By action id.'),
    injects: translatedFields(['title', 'body'] as const, 'By inject id.'),
    indicators: translatedFields(['name', 'description'] as const, 'By indicator id.'),
    rounds: translatedFields(['title'] as const, 'By round number ("1", "2", ...).'),
    endConditions: translatedFields(['summary'] as const, 'By end condition id.'),
  })
  .describe('Texts in another language, each replacing the text of the same field; what it leaves out is read in the scenario\'s own language.');

const ladderRung = z.strictObject({ level: z.number().int().min(0).max(9), label: z.string(), description: z.string().default('') });

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe(`Where editors find this schema: a path to a copy of ${SCENARIO_SCHEMA_FILE}, or its id ${SCENARIO_SCHEMA_ID}.`),
    formatVersion: z.literal(FORMAT_VERSION),
    id,
    meta: z.strictObject({
      title: z.string().min(1),
      summary: z.string().min(1),
      authors: z.array(z.string()).min(1),
      language: z.string().default('en'),
      estimatedMinutes: z.number().positive().optional(),
      sources: z.array(source).default([]),
      learningObjectives: z.array(objective).min(1),
      tags: z.array(z.string()).default([]),
      fictional: z
        .boolean()
        .optional()
        .describe('True for a scenario set in no real past, such as a forward-looking exercise: it has no record, so it needs no history track, and the balance check against history does not apply to it.'),
    }),
    teams: z.array(team).min(1),
    adversary,
    otherAdversaries: z
      .array(otherAdversary)
      .optional()
      .describe('Further state or criminal actors beside the adversary, each with its own campaign, posture and moves, possibly working at cross purposes with it. Absent in most scenarios.'),
    incidents: z.array(incident).min(1),
    indicators: z.array(indicator).default([]),
    facts: z.array(fact).default([]),
    legalBases: z
      .array(
        z.strictObject({
          id,
          name: z.string().min(1).describe('What players read, e.g. "Vienna Convention on Diplomatic Relations, Art. 9 (persona non grata)".'),
          description: z.string().default('').describe('What it allows and requires.'),
        }),
      )
      .default([])
      .describe("Names for the legal bases actions and teams refer to by id; when given, every reference must be one of them, and players read the names."),
    actions: z.array(action).min(1),
    injects: z.array(inject).default([]),
    rounds: z.array(round).min(1).describe('One entry per round, in order.'),
    roundMinutes: z.number().positive().default(20).describe('Default deliberation time per round.'),
    escalation: z
      .strictObject({
        start: z.number().int().min(0).max(9).default(0),
        decayPerQuietRound: z.number().int().min(0).max(9).default(1),
        ladder: z.array(ladderRung).optional().describe('Labels for the ten rungs; the Kahn-derived default when absent.'),
      })
      .prefault({}),
    evidenceThresholds: z
      .strictObject({
        suspected: z.number().default(1),
        low: z.number().default(2),
        moderate: z.number().default(4),
        high: z.number().default(7),
      })
      .prefault({})
      .describe('Evidence points needed for each attribution stage.'),
    sanctions: z
      .strictObject({
        reviewAfterRounds: z.number().int().min(1).default(2),
        euVetoChance: z.number().min(0).max(1).default(0.2).describe('Chance the rest of the Council blocks a listing.'),
        annulmentChanceWithoutReasons: z.number().min(0).max(1).default(0.6),
        challengeChance: z.number().min(0).max(1).default(0.3).describe('Chance a listing is challenged in court each round in force.'),
        listedPersons: listedPersons.optional(),
        evasion: evasion.optional(),
      })
      .prefault({}),
    scoring: z
      .strictObject({
        proportionality: z
          .strictObject({
            fit: z.number().min(0).default(0.35),
            evidence: z.number().min(0).default(0.2),
            reversibility: z.number().min(0).default(0.15),
            procedure: z.number().min(0).default(0.15),
            mitigation: z.number().min(0).default(0.15),
          })
          .prefault({}),
        cohesion: z
          .strictObject({
            alignment: z.number().min(0).default(0.3),
            agreement: z.number().min(0).default(0.15),
            jointness: z.number().min(0).default(0.2),
            burden: z.number().min(0).default(0.15),
            sharing: z.number().min(0).default(0.2),
            defectionPenalty: z.number().min(0).default(20),
          })
          .prefault({}),
      })
      .prefault({}),
    electionRounds: z
      .array(z.number().int().min(1))
      .default([])
      .describe('Rounds in which a vote is held or imminent: a public step by a government on its own election then reads as partisan and costs political capital (domesticPressure).'),
    institutions: institutions.optional(),
    prosecution: prosecution.optional(),
    norms: norms.optional(),
    publicOpinion: publicOpinion.optional(),
    platforms: z.array(platform).optional().describe('Platforms and vendors with duties of disclosure and cooperation: governments send them requests (actions with a platform section).'),
    tribunalSeized: condition
      .optional()
      .describe('While this holds, a court or tribunal with binding authority is seized of the dispute with the adversary: countermeasures are suspended (ILC Art. 52(3)(b)).'),
    maxActionsPerRound: z.number().int().min(1).default(3),
    endConditions: z.array(endCondition).default([]),
    translations: z
      .record(z.string(), translation)
      .optional()
      .describe('By language tag (fr, de, ...): the texts players read, translated. A seat that reads one of these languages sees them; the rest of the interface follows the seat\'s language already.'),
    debrief: z.strictObject({
      whatHappened: z
        .array(z.strictObject({ round: z.number().int().min(1).optional(), text: z.string().min(1), sources: z.array(z.string()).default([]) }))
        .min(1),
      discussionQuestions: z.array(z.string()).default([]),
      facilitatorGuide: z.string().default(''),
    }),
  })
  .describe('A Firebreak scenario.');

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Team = Scenario['teams'][number];
export type Action = Scenario['actions'][number];
export type Inject = Scenario['injects'][number];
export type Incident = Scenario['incidents'][number];
export type AdversaryMove = Scenario['adversary']['moves'][number];
export type OtherAdversary = NonNullable<Scenario['otherAdversaries']>[number];
export type Audience = Inject['audience'];
export type LearningObjective = Scenario['meta']['learningObjectives'][number];
export type VerificationBody = NonNullable<Scenario['institutions']>['verificationBodies'][number];
export type ScenarioTranslation = NonNullable<Scenario['translations']>[string];
export type OversightBody = NonNullable<Scenario['institutions']>['oversight'][number];
export type DisputeSettlement = NonNullable<NonNullable<Scenario['institutions']>['disputeSettlement']>;
export type ListedPersons = NonNullable<Scenario['sanctions']['listedPersons']>;
export type Evasion = NonNullable<Scenario['sanctions']['evasion']>;
export type EvasionChannel = Evasion['channels'][number];
export type Prosecution = NonNullable<Scenario['prosecution']>;
export type RequestedState = Prosecution['mla']['states'][number];
export type Norms = NonNullable<Scenario['norms']>;
export type PublicOpinion = NonNullable<Scenario['publicOpinion']>;
export type Platform = NonNullable<Scenario['platforms']>[number];

/** Every closed object also accepts a "$comment" note, which the loader ignores. */
export function allowComments(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowComments);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.additionalProperties === false && record.properties && typeof record.properties === 'object') {
    (record.properties as Record<string, unknown>).$comment = { type: 'string', description: 'A note for authors; ignored by Firebreak.' };
  }
  Object.values(record).forEach(allowComments);
}

/** The JSON Schema published for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  allowComments(schema);
  return {
    ...schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'Firebreak scenario',
  };
}
