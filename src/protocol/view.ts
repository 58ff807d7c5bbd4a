/**
 * The view a seat receives, as zod schemas: the source of the JSON Schema in
 * docs/protocol/ and of the client library's runtime checks. The engine's
 * projection (src/engine/view/types.ts) keeps its TypeScript interfaces; the
 * compile-time proof at the end of this file fails when the two disagree in
 * either direction, and test/protocol/view.test.ts parses real views of every
 * seat of every shipped scenario with these strict schemas, so a field added
 * to the projection but not here fails too.
 *
 * No Node APIs here: this module is shared with the browser.
 */
import { z } from 'zod';
import type { ExerciseView } from '../engine/view/types';
import type { EngineMessage } from '../engine/messages';
import { CONFIDENCE_LEVELS, GRADE_MEASURES, PROCEDURES, RUBRIC_LEVELS } from '../engine/scenario/schema';
import { POSTURES } from '../engine/postures';

const id = z.string();
const teamId = z.string().describe('A team id: one of view.teams[].id.');
const epochMs = z.number().describe('Epoch milliseconds, on the server\'s clock.');
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const posture = z.enum(POSTURES);
export const confidenceLevel = z.enum(CONFIDENCE_LEVELS);
export const exercisePhase = z
  .enum(['lobby', 'briefing', 'deliberation', 'results', 'debrief'])
  .describe('lobby -> briefing -> (deliberation -> results) per round -> debrief; docs/protocol.md, "Phases and flow".');
export const procedureOptions = z.partialRecord(z.enum(PROCEDURES), z.boolean());
const audience = z
  .union([z.literal('all'), z.literal('facilitator'), z.strictObject({ teams: z.array(teamId) })])
  .describe('Who the item was addressed to.');

export const viewerSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('facilitator') }),
  z.strictObject({ role: z.literal('team'), team: teamId }),
  z.strictObject({ role: z.literal('observer') }),
  z.strictObject({ role: z.literal('redCell') }),
]);

export const clockSchema = z
  .strictObject({
    deadline: nullable(epochMs).describe('When the deliberation ends, while the clock runs; null when stopped or paused.'),
    remainingMs: z.number().nullable().describe('Milliseconds left, while paused; null otherwise.'),
  })
  .describe('The round clock. Compare deadline with the server\'s time (serverNow), not the device\'s.');

/**
 * One of the engine's sentences as a key and its parameters (src/engine/messages):
 * beside each English text the engine writes, for a client that renders it in
 * another language. The English template of each key is in
 * src/engine/messages/templates.ts; docs/protocol.md, "The engine's sentences".
 */
export const engineMessageSchema: z.ZodType<EngineMessage> = z.lazy(() =>
  z
    .strictObject({
      key: z.string().describe('The sentence\'s key, e.g. outcome.fellThrough.'),
      params: z
        .record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.array(engineMessageSchema), z.array(z.array(engineMessageSchema))]))
        .describe('Its parameters: names as written, numbers as numbers, lists, term keys, or (kinds msg and msgs) the sentences within it.'),
    }),
).meta({ id: 'EngineMessage' });

/** The sentences behind an English text, or null when the text is not wholly the engine's (a scenario's or a facilitator's words). */
export const saidSchema = z.array(engineMessageSchema).nullable().describe('The text above as the engine\'s sentences (key and parameters); null when it is not wholly the engine\'s: show the English text then.');

export const scoreSchema = z
  .strictObject({
    value: z.number().describe('0..100'),
    components: z.array(
      z.strictObject({
        id,
        label: z.string(),
        value: z.number().describe('0..1'),
        weight: z.number(),
        points: z.number().describe('Contribution to the score on 0..100.'),
        lost: z.number().describe('Points lost against a perfect component.'),
        why: z.string(),
        whyMessages: saidSchema,
      }),
    ),
    rules: z.array(z.strictObject({ id, effect: z.string(), effectMessages: saidSchema, why: z.string(), whyMessages: saidSchema })),
    summary: z.string(),
    summaryMessages: saidSchema,
  })
  .describe('A score on 0..100 with the components and rules behind it (docs/scoring.md): what score:explain answers.');

export const scoreViewSchema = z
  .strictObject({
    value: z.number().describe('0..100'),
    explanation: z
      .string()
      .nullable()
      .describe('The reference score:explain takes for the components, rules and summary behind this score; null when this seat may not read why (the red cell). It changes whenever what it explains to this seat changes (an ally\'s score at the debrief).'),
  })
  .describe('A score as a view carries it: the figure, and where to ask why.');

export const plannedDecisionSchema = z.strictObject({
  id: id.describe('Decision id (d<n>): withdrawDecision takes it.'),
  team: teamId,
  action: z.string(),
  incident: z.string().nullable(),
  options: procedureOptions,
  rationale: z.string(),
  proposal: z.string().nullable().describe('The joint proposal this draft joined, if any.'),
  at: epochMs,
  by: z.string().nullable(),
});

export const jointProposalSchema = z
  .strictObject({
    id: id.describe('Proposal id (p<n>): respondJoint takes it.'),
    round: z.number().int(),
    by: teamId,
    action: z.string(),
    incident: z.string().nullable(),
    options: procedureOptions,
    rationale: z.string(),
    responses: z.record(teamId, z.strictObject({ join: z.boolean(), rationale: z.string() })),
    open: z.boolean().describe('True while other teams may still respond: the proposal\'s round is in deliberation. Closed proposals resolved (or fell through) with their round.'),
  })
  .describe('A joint proposal. It lives for the round it was made in: open during that deliberation, closed from the round\'s resolution on.');

export const injectDeliverySchema = z.strictObject({
  id,
  inject: z.string().nullable().describe('Scenario inject id, or null for an ad-hoc inject.'),
  round: z.number().int(),
  title: z.string(),
  body: z.string(),
  kind: z.enum(['news', 'intelligence', 'diplomatic', 'facilitator', 'adversary', 'social', 'call']),
  audience,
  at: epochMs,
  source: z.string().optional().describe('Who it comes from, when the facilitator said (ad-hoc injects).'),
  titleMessages: saidSchema.optional().describe("For an inject the engine wrote (inject null): title as the engine's sentences; null when it is not wholly the engine's (a facilitator's ad-hoc inject)."),
  bodyMessages: saidSchema.optional().describe('For an inject the engine wrote (inject null): body as the engine\'s sentences, likewise.'),
});

export const resolvedDecisionSchema = z.strictObject({
  id,
  round: z.number().int(),
  team: teamId,
  action: z.string(),
  incident: z.string().nullable(),
  options: procedureOptions,
  rationale: z.string(),
  joint: z.array(teamId),
  effective: z.boolean().describe('False when it fell through at resolution.'),
  outcome: z.string(),
  outcomeMessages: saidSchema,
  proportionality: scoreViewSchema,
  legallyExposed: z.boolean(),
  overridden: z.strictObject({ value: z.number(), reason: z.string() }).nullable().describe('The facilitator\'s override of the proportionality score.'),
  at: epochMs,
  heldBy: z.string().optional().describe('The id of the oversight body at home that held it back (institutions.oversight): it did not go ahead, but counts in the exercise\'s proportionality.'),
});

export const roundResultSchema = z.strictObject({
  round: z.number().int(),
  cohesion: scoreViewSchema,
  escalationBefore: z.number(),
  escalationAfter: z.number(),
  postureBefore: posture,
  postureAfter: posture,
  postureWhy: z.string(),
  postureWhyMessages: saidSchema,
  adversaryMoves: z.array(z.strictObject({ move: z.string(), name: z.string(), news: z.string().nullable() })),
  decisions: z.array(z.string()),
  harm: z.number(),
  headlines: z.array(z.string()),
  headlineMessages: z.array(saidSchema).describe('Each of headlines as the engine\'s sentences, in order; null for one that is not wholly the engine\'s (an adversary move\'s news).'),
  links: z.array(z.strictObject({ a: teamId, b: teamId, alignment: z.number(), joint: z.boolean() })),
  others: z
    .array(
      z.strictObject({
        actor: z.string(),
        postureBefore: posture,
        postureAfter: posture,
        postureWhy: z.string(),
        postureWhyMessages: saidSchema,
        moves: z.array(z.strictObject({ move: z.string(), name: z.string(), news: z.string().nullable() })),
      }),
    )
    .optional()
    .describe("Further actors' reactions and moves (the scenario's otherAdversaries); absent in scenarios without them. Moves without news only for the facilitator."),
});

export const chatMessageSchema = z.strictObject({
  id,
  channel: z.enum(['team', 'coalition', 'announcement']),
  team: teamId.nullable(),
  from: z.string(),
  text: z.string(),
  round: z.number().int(),
  at: epochMs,
});

export const observerNoteSchema = z.strictObject({
  id,
  role: z.enum(['facilitator', 'observer']),
  by: z.string(),
  text: z.string(),
  objective: z.string().nullable(),
  rating: z.enum(['P', 'S', 'M', 'U']).nullable(),
  round: z.number().int(),
  at: epochMs,
  team: teamId.optional(),
});

export const timelineEntrySchema = z.strictObject({
  seq: z.number().int(),
  round: z.number().int(),
  at: epochMs,
  kind: z.enum(['phase', 'inject', 'decision', 'resolution', 'adversary', 'control', 'override', 'attribution', 'sanctions', 'intel', 'outcome']),
  audience,
  text: z.string(),
  textMessages: saidSchema,
  team: teamId.optional(),
  ref: z.string().optional(),
});

const availabilityEntry = z.strictObject({ available: z.boolean(), reason: z.string().nullable(), reasonMessages: saidSchema, proportionalityPreview: z.number().nullable() });

export const actionViewSchema = z.strictObject({
  id: id.describe('Action id: draftDecision.draft.action and proposeJoint.draft.action take it.'),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  severity: z.number(),
  rung: z.number(),
  reversibility: z.number(),
  minConfidence: z.enum(['none', ...CONFIDENCE_LEVELS]),
  requiresStateAttribution: z.boolean(),
  targetsIncident: z.boolean().describe('When true, a draft must name an incident (draft.incident).'),
  spillover: z.string(),
  responseType: z.string(),
  legalBasis: z.string(),
  precedent: z.string().nullable(),
  cost: z.strictObject({ capital: z.number(), intel: z.number() }),
  joinable: z.boolean().describe('Whether it can be proposed jointly (proposeJoint).'),
  procedures: z.array(z.string()).describe('The procedure options (draft.options keys) this action offers.'),
  prerequisiteText: z.string().nullable(),
  availability: z
    .strictObject({
      available: z.boolean(),
      reason: z.string().nullable(),
      reasonMessages: saidSchema,
      byIncident: z.record(z.string(), availabilityEntry),
      proportionalityPreview: z.number().nullable(),
    })
    .optional()
    .describe('Team seats only: whether a draft of this action would be accepted now, and why not.'),
});

const attributionTeamView = z.strictObject({
  stage: z.string().describe('unknown | detected | suspected | assessed | signalledPrivately | notInAPosition | attributedPublicly | retracted'),
  confidence: confidenceLevel.nullable(),
  evidence: z.number().nullable(),
  assessedResponsibility: z.string().nullable(),
  likelihood: z.strictObject({ suspect: z.string(), band: z.string(), words: z.string(), range: z.string() }).nullable(),
  public: z.boolean(),
});

export const incidentViewSchema = z.strictObject({
  id: id.describe('Incident id: draft.incident and shareIntel.incident take it.'),
  name: z.string(),
  description: z.string(),
  kind: z.string(),
  active: z.boolean(),
  harm: z.number(),
  byTeam: z.record(teamId, attributionTeamView),
  coalition: z.strictObject({ stage: z.string(), sharedBy: z.array(teamId) }),
  truth: z.strictObject({ responsibility: z.string(), legalCategory: z.string() }).optional().describe('Ground truth: facilitator only.'),
  case: z
    .strictObject({
      stage: z.string().describe('investigating, charged, wanted, fugitive or arrested.'),
      jit: z.array(teamId).describe('Members of the joint investigation team.'),
      file: z.number().nullable().describe('Evidence points in the joint case file; null unless the viewer sees a member\'s evidence.'),
      charged: z.array(teamId).describe('Governments that indicted.'),
      warrant: teamId.nullable().describe('The government whose court issued the arrest warrant.'),
      arrestedRound: z.number().int().nullable(),
      refused: z.boolean().describe('The adversary refused to prosecute or extradite.'),
    })
    .optional()
    .describe('The criminal case on the incident, once a step has been taken on it (scenarios with a prosecution section).'),
  protectedTargets: z.array(z.string()).optional().describe("The protected targets it struck, in players' words (scenarios with a norms section): a violation of the norm."),
  actor: z
    .string()
    .optional()
    .describe("Scenarios with otherAdversaries, for viewers who see who is behind incidents (facilitator, red cell; everyone at the debrief): the id of the adversary behind it, the primary adversary's or a further actor's."),
  strikes: z.array(z.string()).optional().describe('With actor: the teams the incident strikes (its injured, else every team).'),
});

const normsViewSchema = z
  .strictObject({
    norm: z.string().describe('The norm, e.g. "UN GGE 2015 norm 13(f)".'),
    text: z.string(),
    stage: z.string().describe('unraised, raised, discussed, endorsed or reported.'),
    cost: z.number().describe("The adversary's reputational cost of striking a protected target now, 0..1."),
    stages: z.array(z.strictObject({ id: z.string(), cost: z.number() })),
    protected: z.array(z.strictObject({ category: z.string(), words: z.string(), why: z.string() })),
    fora: z.array(z.strictObject({ id: z.string(), name: z.string(), description: z.string() })),
    raised: z.array(z.strictObject({ forum: z.string(), forumName: z.string(), team: teamId, incident: z.string(), round: z.number().int() })),
    endorsers: z.array(teamId),
    reports: z.array(z.strictObject({ team: teamId, incident: z.string(), round: z.number().int() })),
    heldBack: z.array(z.number().int()).describe('Rounds in which the adversary passed up a strike on a protected target for its cost.'),
  })
  .nullable()
  .describe('The norms track; null in scenarios without a norms section. Public to every seat.');

export const sanctionsViewSchema = z.strictObject({
  id,
  action: z.string(),
  name: z.string(),
  teams: z.array(teamId),
  incident: z.string().nullable(),
  round: z.number().int(),
  jurisdictions: z.array(z.string()),
  stage: z.string(),
  challenge: z.string(),
  options: procedureOptions,
  listed: z
    .strictObject({
      notified: z.number().int().describe('The round the listed persons were notified of the listing and its grounds.'),
      observations: z.array(z.number().int()).describe('Rounds in which they submitted observations that no review has weighed yet.'),
      review: z
        .strictObject({
          round: z.number().int(),
          result: z.enum(['maintained', 'delisted']),
          why: z.string().optional().describe('The reasons the review turned on: for the governments that took the listing.'),
        })
        .optional()
        .describe('The latest review that weighed observations.'),
    })
    .optional()
    .describe("The listed persons' side of a listing (scenario.sanctions.listedPersons); absent for other packages."),
});

export const evasionChannelViewSchema = z
  .strictObject({
    id,
    name: z.string(),
    kind: z.string().describe('shellCompanies, intermediary or digitalCurrency.'),
    description: z.string(),
    stage: z.string().describe('dormant, open, narrowed or closed.'),
    leak: z.number().describe('0..1: the share of the bite of the sanctions it routes around that leaks through it now.'),
    opened: z.number().int().nullable().describe('The round the adversary opened it; null while dormant.'),
    pressure: z.number().describe('Enforcement pressure that has bitten so far.'),
    narrowAt: z.number(),
    closeAt: z.number(),
    exposed: z.array(z.strictObject({ team: teamId, share: z.number(), basis: z.string() })).describe('The governments whose firms its flows pass through.'),
    steps: z.array(
      z.strictObject({
        team: teamId,
        step: z.string().describe('screen, designate or shareInformation.'),
        round: z.number().int(),
        counted: z.boolean().describe('Whether its pressure has bitten yet.'),
        costs: z
          .array(z.strictObject({ team: teamId, cost: z.number(), consulted: z.boolean() }))
          .optional()
          .describe('For a designation: the cost to each exposed government and whether it was consulted.'),
      }),
    ),
  })
  .describe('An evasion channel (scenario.sanctions.evasion) as the viewer knows it.');
export const actorsViewSchema = z
  .strictObject({
    publics: z
      .array(
        z.strictObject({
          team: teamId,
          name: z.string(),
          trust: z.number().describe("Trust in the government's account, 0-100."),
          attention: z.number().describe("How much of the public's attention its account held in the round last resolved, 0-100."),
          pressure: z.number().describe('The domestic pressure it puts on the government, 0-1: domestic costs are round(2 x this) political capital.'),
          why: z.array(z.string()).describe('Why trust and attention moved in the round last resolved.'),
        }),
      )
      .describe('The publics the viewer may see: its own; all for the facilitator and observers, and at the debrief.'),
    reach: z
      .array(z.strictObject({ incident: z.string(), name: z.string(), value: z.number().describe('0-100') }))
      .describe("The reach of the adversary's information operations (publicOpinion.influence)."),
    platforms: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        duties: z.array(z.strictObject({ teams: z.array(teamId), duty: z.string(), requests: z.array(z.string()), basis: z.string() })),
        requests: z
          .array(
            z.strictObject({
              id: z.string(),
              team: teamId,
              request: z.string(),
              incident: z.string(),
              round: z.number().int(),
              stage: z.string().describe('requested, delayed, cooperating, disclosed or refused.'),
            }),
          )
          .describe("The requests the viewer may see: its own government's; all for the facilitator and observers, and at the debrief."),
      }),
    ),
  })
  .describe('Actors beyond governments: media and public opinion, and platforms and vendors (docs/rules.md).');

export const teamSummarySchema = z.strictObject({
  id: teamId,
  name: z.string(),
  kind: z.string(),
  capital: z.strictObject({ name: z.string(), lat: z.number(), lon: z.number() }),
  colour: z.string(),
  locked: z.boolean(),
  seat: z
    .enum(['bot', 'absent'])
    .optional()
    .describe('Set when people do not play the team: the server plays it with a bot (seatBot), or it takes no part (dropTeam). Absent when people play it.'),
  draftCount: z.number().int(),
  capitalLeft: z.number().optional().describe('Own team, facilitator and observers only.'),
  intelLeft: z.number().optional().describe('Own team, facilitator and observers only.'),
  plan: z.array(plannedDecisionSchema).optional().describe('Own team, facilitator and observers only.'),
});

const rubricLevel = z.enum(RUBRIC_LEVELS);

/** What a report card and its objectives show in a view; the whole card adds the rest. */
const cardFigures = {
  team: teamId,
  teamName: z.string(),
  decisions: z.number().int(),
  meanProportionality: z.number().nullable(),
  meanCohesion: z.number().nullable(),
  levelPoints: z.number().nullable(),
};
const objectiveFigures = {
  objective: z.string().describe('A learning objective id: view.scenario.learningObjectives[].id.'),
  graded: z.boolean(),
  score: z.number().nullable(),
  computed: rubricLevel.nullable(),
  ratings: z.strictObject({ P: z.number(), S: z.number(), M: z.number(), U: z.number() }),
  evaluated: rubricLevel.nullable(),
  level: rubricLevel.nullable(),
};

export const reportCardSchema = z
  .strictObject({
    ...cardFigures,
    objectives: z.array(
      z.strictObject({
        ...objectiveFigures,
        text: z.string(),
        decisions: z.array(
          z.strictObject({
            decision: z.string(),
            round: z.number().int(),
            action: z.string(),
            actionName: z.string(),
            incident: z.string().nullable(),
            proportionality: z.number(),
            effective: z.boolean(),
            joint: z.boolean(),
            legallyExposed: z.boolean(),
            bearing: z.string(),
          }),
        ),
        measures: z.array(z.strictObject({ id: z.enum(GRADE_MEASURES), label: z.string(), value: z.number().nullable(), basis: z.string() })),
        descriptor: z.string(),
        why: z.string(),
      }),
    ),
    summary: z.string(),
  })
  .describe('A team\'s whole report card: what score:explain answers for a card\'s reference (docs/scoring.md).');

export const reportCardViewSchema = z
  .strictObject({
    ...cardFigures,
    objectives: z.array(z.strictObject(objectiveFigures)),
    explanation: z
      .string()
      .describe('The reference score:explain takes for the whole card (its summary, and per objective the text, descriptor, why, decisions and measures). It changes whenever the card does.'),
  })
  .describe('A report card as a view carries it: levels and figures, and where to ask for the rest.');

export const outcomeSchema = z
  .strictObject({
    id: z.string().describe('The scenario outcome\'s id.'),
    outcome: z.enum(['success', 'failure', 'neutral']).describe('How the exercise ended, in one word.'),
    summary: z.string(),
    round: z.number().int(),
  })
  .describe('How the exercise ended; null before the debrief. The same shape everywhere an outcome appears.');

const redCellMoveSchema = z.strictObject({
  id: z.string().describe('chooseAdversaryMove.move takes it.'),
  name: z.string(),
  description: z.string(),
  eligible: z.boolean(),
});

export const exerciseViewSchema = z
  .strictObject({
    viewer: viewerSchema,
    seq: z.number().int().min(0).describe('Accepted commands so far; the seq of command answers and patches.'),
    scenario: z.strictObject({
      id: z.string(),
      title: z.string(),
      summary: z.string(),
      learningObjectives: z.array(z.strictObject({ id: z.string().describe('note.objective takes it.'), text: z.string() })),
      rounds: z.array(z.strictObject({ title: z.string(), date: z.string().nullable(), minutes: z.number() })),
      ladder: z.array(z.strictObject({ level: z.number().int(), label: z.string(), description: z.string() })),
      adversaryName: z.string(),
      phases: z.array(z.strictObject({ id: z.string(), name: z.string(), fromRound: z.number().int() })),
      maxActionsPerRound: z.number().int(),
      redCellAllowed: z.boolean(),
    }),
    phase: exercisePhase,
    paused: z.boolean(),
    reopened: z.boolean().describe('After the end: whether the facilitator reopened the exercise.'),
    round: z.number().int().min(0).describe('0 before the first round.'),
    clock: clockSchema,
    escalation: z.strictObject({ level: z.number().int(), label: z.string(), band: z.string() }),
    adversary: z.strictObject({ posture, phase: z.string(), phaseName: z.string() }),
    otherAdversaries: z
      .array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          kind: z.enum(['state', 'criminal']),
          posture,
          phase: z.string(),
          phaseName: z.string(),
        }),
      )
      .describe("Further state or criminal actors (the scenario's otherAdversaries): their posture and phase, public like the adversary's; empty in scenarios without them."),
    deEscalation: z.string(),
    teams: z.array(teamSummarySchema),
    me: z
      .strictObject({
        team: teamId,
        name: z.string(),
        briefing: z.string(),
        legalBases: z.array(z.string()),
        legalConstraints: z.array(z.string()),
      })
      .nullable()
      .describe('A team seat\'s own government, with its private briefing; null for other seats.'),
    actions: z.array(actionViewSchema),
    incidents: z.array(incidentViewSchema),
    sanctions: z.array(sanctionsViewSchema),
    norms: normsViewSchema,
    evasion: z.array(evasionChannelViewSchema).describe('The evasion channels the viewer knows of (all for the facilitator and observers, and at the debrief); empty without scenario.sanctions.evasion.'),
    actors: actorsViewSchema.nullable().describe('Null in scenarios without publicOpinion or platforms.'),
    indicators: z.array(
      z.strictObject({ id: z.string(), name: z.string(), value: z.number(), min: z.number(), max: z.number(), description: z.string() }),
    ),
    facts: z.array(z.strictObject({ id: z.string(), description: z.string(), value: z.boolean() })),
    injects: z.array(injectDeliverySchema),
    proposals: z.array(jointProposalSchema),
    decisions: z.array(resolvedDecisionSchema),
    rounds: z.array(roundResultSchema),
    chat: z.array(chatMessageSchema),
    notes: z.array(observerNoteSchema),
    timeline: z.array(timelineEntrySchema),
    outcome: outcomeSchema.nullable(),
    facilitator: z
      .strictObject({
        upcomingInjects: z.array(
          z.strictObject({
            id: z.string().describe('releaseInject and holdInject take it.'),
            title: z.string(),
            round: z.number().int().nullable(),
            conditional: z.boolean(),
            held: z.boolean(),
            audience,
            notes: z.string().nullable(),
          }),
        ),
        releasableInjects: z.array(z.strictObject({ id: z.string(), title: z.string() })),
        scheduledInjects: z
          .array(
            z.strictObject({
              id: z.string(),
              title: z.string(),
              kind: z.string(),
              source: z.string().nullable(),
              audience,
              round: z.number().int(),
              minute: z.number().int().nullable().describe('Null: at the start of the round.'),
            }),
          )
          .describe('The ad-hoc injects set to go out later (scheduleAdhocInject), soonest first.'),
        adversaryBriefing: z.string(),
        redCellMove: z.string().nullable().optional().describe('The red cell\'s choice this round: a move id, null to hold back, absent when the model decides.'),
        adversaryMoves: z.array(z.strictObject({ id: z.string(), name: z.string(), description: z.string(), eligible: z.boolean() })),
        otherAdversaries: z
          .array(
            z.strictObject({
              id: z.string(),
              name: z.string(),
              briefing: z.string(),
              redCellMove: z.string().nullable().optional().describe("The red cell's choice this round for this actor: a move id, null to hold back, absent when the model decides."),
              moves: z.array(redCellMoveSchema),
            }),
          )
          .optional()
          .describe("Scenarios with otherAdversaries: each further actor's briefing, moves and the red cell's choice, as for the adversary."),
        guide: z.strictObject({
          text: z.string(),
          rounds: z.array(z.strictObject({ title: z.string(), discussionQuestions: z.array(z.string()), watchFor: z.array(z.string()) })),
        }),
      })
      .nullable()
      .describe('Facilitator only.'),
    redCell: z
      .strictObject({
        briefing: z.string(),
        moves: z.array(redCellMoveSchema),
        chosen: z.string().nullable().optional(),
        others: z
          .array(
            z.strictObject({
              id: z.string().describe('chooseAdversaryMove.adversary takes it.'),
              name: z.string(),
              kind: z.enum(['state', 'criminal']),
              briefing: z.string(),
              moves: z.array(redCellMoveSchema),
              chosen: z.string().nullable().optional().describe("The red cell's choice this round for this actor: a move id, null to hold back, absent when the model decides."),
            }),
          )
          .optional()
          .describe('Scenarios with otherAdversaries: each further actor with its moves, for the red cell to choose as for the adversary.'),
      })
      .nullable()
      .describe('Red cell only.'),
    reportCards: z.array(reportCardViewSchema),
    debrief: z
      .strictObject({
        fictional: z.boolean().describe('The scenario is set in no real past: the notes are the precedents behind the fiction.'),
        whatHappened: z.array(z.strictObject({ round: z.number().int().nullable(), text: z.string(), sources: z.array(z.string()) })),
        discussionQuestions: z.array(z.string()),
        sources: z.array(z.strictObject({ id: z.string(), citation: z.string(), url: z.string().nullable() })),
        facilitatorGuide: z.string().nullable(),
      })
      .nullable()
      .describe('Everyone, once the exercise reaches the debrief.'),
  })
  .describe('A seat\'s projection of the exercise (docs/protocol.md, "The view").');

export type ExerciseViewFromSchema = z.output<typeof exerciseViewSchema>;

// Compile-time proof that the schema and the projection's interface describe the same view.
type Assignable<A, B> = [A] extends [B] ? true : false;
const schemaFitsProjection: Assignable<ExerciseViewFromSchema, ExerciseView> = true;
const projectionFitsSchema: Assignable<ExerciseView, ExerciseViewFromSchema> = true;
void schemaFitsProjection;
void projectionFitsSchema;
