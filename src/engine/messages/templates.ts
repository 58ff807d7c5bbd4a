/**
 * The engine's sentences in English, by key: the one place their English
 * words are written (./index.ts explains the placeholders). A client's
 * catalogues translate these keys (src/client/ui/i18n-engine.ts) with the
 * same placeholders; test/client/i18n-engine.test.ts checks that every key
 * has its French and German.
 */
export const TEMPLATES = {
  // A decision's outcome (adjudicate/resolveDecision.ts, rules/oversight.ts).
  'outcome.didNotGoAhead': 'Did not go ahead: {{reason, msg}}',
  'outcome.fellThrough': 'Fell through: it needed {{minimum, int}} governments and only {{joined, list}} joined.',
  'outcome.evaded': 'Notice was given, and the adversary moved its infrastructure before the measure landed: it hit little.',
  'outcome.legallyExposed': 'It is legally exposed and may be challenged.',
  'outcome.done': 'Done.',
  'outcome.signalDelivered': 'A private message on "{{incident}}" was delivered.',
  'outcome.notInAPosition': '{{team}} said in public that it is not in a position to attribute "{{incident}}" at this time.',
  'outcome.packagesLifted': '{{count, int}} sanctions package lifted.',
  'outcome.packagesLiftedMany': '{{count, int}} sanctions packages lifted.',
  'outcome.rolledBack': 'Measures rolled back.',
  'outcome.takenJointly': 'Taken jointly by {{teams, list}}.',
  'outcome.plantedEvidence': 'The trail led to planted evidence: a false flag that set the assessment back.',
  'outcome.falseFlag': 'The trail led to evidence pointing to {{state}}: your analysts now judge it likely that {{suspect}} is responsible.',
  'outcome.newEvidence': 'The investigation found new evidence.',
  'outcome.falseFlagExposed': 'The investigation found new evidence, and it contradicts the planted trail: the false flag is exposed.',
  'outcome.nothingConclusive': 'The investigation found nothing conclusive this round.',
  'outcome.jointlyAttributed': '{{teams, list}} jointly attributed "{{incident}}".',
  'outcome.notJointAttribution': '{{teams, list}} spoke together, but without a shared evidentiary record and two governments at moderate confidence it is not a joint attribution.',
  'outcome.attributedToWrongState': '"{{incident}}" attributed publicly to {{state}}: the wrong state, as the planted evidence intended.',
  'outcome.attributedPublicly': '"{{incident}}" attributed publicly.',
  'oversight.sentBack': 'Did not go ahead: the {{body}} sent it back and asks for a statement of reasons before it approves.',
  'oversight.refused': 'Did not go ahead: the {{body}} refused it, finding the evidence behind it too thin (rated {{rated, int}} %; it needs {{needs, int}} %).',
  'oversight.approved': 'Approved by the {{bodies}}.',

  // Why the adversary's posture is what it is after a round (machines/adversary.ts).
  'posture.talks': 'Talks are under way while the costs stay in place: the adversary is looking for a way down.',
  'posture.mirroring': 'Measures like expulsions invite mirroring: the adversary retaliates in kind.',
  'posture.provoked': 'A response {{gap, fixed1}} rungs of severity above the harm suffered provoked retaliation.',
  'posture.deterred': 'Deterred (a {{chance, int}}% chance this round, from jointness, cohesion, joint attribution and well-fitted responses).',
  'posture.quietRounds': '{{rounds, int}} rounds without a public response: the adversary is emboldened.',
  'posture.onlyPrivate': 'Only private signals this round: the adversary reads them as weakness.',
  'posture.divided': 'Cohesion {{cohesion, num}} is below {{threshold, num}}: a divided coalition emboldens the adversary.',
  'posture.probing': 'No rule moved it: the adversary is probing (the chance of deterring it was {{chance, int}}%).',
  'posture.holds': 'No change of course: the adversary stays {{posture, posture}} (the chance of deterring it was {{chance, int}}%).',

  // Why an action cannot be drafted, or a draft is refused (rules/decisions.ts).
  'refusal.unknownTeam': 'There is no team "{{team}}" in this exercise.',
  'refusal.notOpenTo': '{{action}} is not open to {{team}}.',
  'refusal.noLegalBasis': '{{team}} has no legal basis for {{action}} (it needs {{basis}}).',
  'refusal.oncePerExercise': '{{action}} can be taken once per exercise, and your government already has.',
  'refusal.conditionsNotMet': 'The conditions for {{action}} are not met yet.',
  'refusal.chooseIncident': 'Choose the incident {{action}} responds to.',
  'refusal.unknownIncident': 'There is no incident "{{incident}}" in this exercise.',
  'refusal.notYetKnown': '"{{incident}}" has not come to light yet.',
  'refusal.outsideEuRegime': 'The EU cyber sanctions regime covers cyber-attacks, not influence operations alone: "{{incident}}" is outside it (Decision (CFSP) 2019/797, Art. 1).',
  'refusal.councilCase': '{{action}} needs a case the Council can adopt: evidence at {{needed, confidence}} confidence on "{{incident}}" in the shared record; the best brought so far is {{best, confidence}}.',
  'refusal.confidence': '{{action}} needs at least {{needed, confidence}} attribution confidence; yours on "{{incident}}" is {{held, confidence}}.',
  'refusal.stateAttribution': '{{action}} needs "{{incident}}" assessed as an internationally wrongful act by state organs or agents (Healey level {{level, int}}, state-ordered, or above); your assessment does not reach that.',
  'refusal.unknownAction': 'There is no action "{{action}}" in this scenario.',
  'refusal.alreadyPlanned': '{{action}} is already in your plan for this round.',
  'refusal.tooMany': 'A government can take at most {{max, int}} decisions a round; withdraw one first.',
  'refusal.capital': '{{action}} costs {{cost, int}} political capital; you have {{left, int}} left this round.',
  'refusal.capitalWithExtras': '{{action}} costs {{cost, int}} political capital (with {{extras, msgs}}); you have {{left, int}} left this round.',
  'part.extraOversight': '{{capital, int}} for informing oversight',
  'part.extraCost': '{{capital, int}} for {{reason}}',
  'refusal.intel': '{{action}} needs {{cost, int}} intelligence capacity; you have {{left, int}} left this round.',
  'refusal.noSuchOption': '{{action}} does not offer the procedural option "{{option}}".',
  'refusal.noticeOrUrgency': 'Choose prior notice or urgency, not both: urgency is the exception to notice (ILC Art. 52(2)).',
  'refusal.urgencyUnwarranted': 'Urgency needs a harmful move by the adversary this round or the last, and there was none: give notice instead (ILC Art. 52).',
  'refusal.exerciseOver': 'The exercise has ended.',
  'refusal.paused': 'The facilitator has paused the exercise.',
  'refusal.wrongPhase': 'Decisions are made while a round is in deliberation; the exercise is in {{phase, phase}}.',
  'refusal.locked': 'Your team has locked its decisions for this round; unlock them first.',
  'refusal.noIncidentYet': 'No incident has come to light yet.',

  // How a score explains itself (scoring/explain.ts, scoring/proportionality.ts, view/explain.ts).
  'score.lost': '\u2212{{lost, fixed1}}: {{why, msg}}',
  'score.fullMarks': 'full marks: {{why, msg}}',
  'score.notApplicable': 'not applicable this round: {{why, msg}}',
  'score.allyEvidence': "Weighed against that government's own attribution confidence, which stays its own until the debrief.",
  'fit.over': '{{action}} at severity {{severity, num}}{{trimmed, msg}} against harm {{harm, num}}: an overreaction by {{by, num}} (overreaching costs twice as much as falling short).',
  'fit.under': '{{action}} at severity {{severity, num}}{{trimmed, msg}} against harm {{harm, num}}: an underreaction by {{by, num}} (falling short costs half as much as overreaching).',
  'fit.match': '{{action}} at severity {{severity, num}}{{trimmed, msg}} against harm {{harm, num}}: a match.',
  'part.trimmed': ' ({{severity, num}} trimmed by the humanitarian exemption)',
  'fit.declines': '{{action}} says where the assessment stands and coerces no one; fit to harm does not apply.',
  'fit.stepsBack': '{{action}} steps back rather than coerces; fit to harm does not apply.',
  'preparedness.redundant': '{{action}} investigates an incident your government already assesses with high confidence: it adds little.',
  'preparedness.investigate': '{{action}} builds the evidence your government still lacks.',
  'preparedness.intelligence': '{{action}} puts intelligence to work for your government and its allies.',
  'preparedness.resilience': '{{action}} builds resilience and capacity; it is not measured against the harm.',
  'evidence.none': '{{action}} needs no attribution.',
  'evidence.unattributed': '{{action}} with no attribution of the incident; the instrument needs {{needed, confidence}} confidence, {{basis, term}}.',
  'evidence.short': '{{action}} while your confidence was {{held, confidence}}; the instrument needs {{needed, confidence}}, {{basis, term}}.',
  'evidence.enough': '{{action}} with {{held, confidence}} confidence (the instrument needs {{needed, confidence}}), {{basis, term}}.',
  'reversibility.full': '{{action}} can be fully undone.',
  'reversibility.none': '{{action}} cannot be undone.',
  'reversibility.partly': '{{action}} can only be partly undone (reversibility {{share, pct}}).',
  'procedure.noneOffered': 'no procedural safeguards were offered for {{action}}.',
  'procedure.all': '{{action}} came with {{used, terms}}.',
  'procedure.missingOne': '{{action}} went ahead without {{missing, termsOr}} ({{used, int}} of the {{offered, int}} safeguards offered was used).',
  'procedure.missing': '{{action}} went ahead without {{missing, termsOr}} ({{used, int}} of the {{offered, int}} safeguards offered were used).',
  'mitigation.none': '{{action}}, with {{spillover, term}} spillover.',
  'mitigation.exempted': '{{action}}, with {{spillover, term}} spillover offset by a humanitarian exemption.',
  'mitigation.exemptionUnused': '{{action}}, with {{spillover, term}} spillover and no humanitarian exemption, although one was available.',
  'mitigation.noExemption': '{{action}}, with {{spillover, term}} spillover and no humanitarian exemption on offer.',
  'summary.proportionality': 'Proportionality {{value, int}}/100{{before, msg}}: {{verdict, msg}}{{legal, msg}}.',
  'part.beforeLegal': ' ({{raw, int}} before the legal rules)',
  'part.verdictBoth': '{{strengths, terms}} but {{weaknesses, terms}}',
  'part.verdictOne': '{{qualities, terms}}',
  'part.verdictNone': 'no standout strength or weakness',
} as const;

export type MessageKey = keyof typeof TEMPLATES;

/**
 * Phrases the sentences above take as parameters (kinds term, terms and
 * termsOr): a score's strengths and weaknesses, procedures, spillover, the
 * basis of the evidence. English here; the catalogues translate them under
 * term.<key>.
 */
export const TERMS = {
  // Strengths and weaknesses in a score's summary.
  wellMatched: 'well-matched to the harm',
  overreaching: 'overreaching',
  fallingShort: 'falling short of the harm',
  buildingPreparedness: 'building preparedness',
  redundant: 'redundant',
  wellEvidenced: 'well-evidenced',
  aheadOfEvidence: 'ahead of the evidence',
  thinBasis: 'on a thin basis',
  reversible: 'reversible',
  hardToUndo: 'hard to undo',
  procedurallySound: 'procedurally sound',
  shortOnSafeguards: 'short on safeguards',
  contained: 'contained',
  costlyToBystanders: 'costly to bystanders',
  // Procedures.
  notice: 'prior notice to the responsible state',
  statementOfReasons: 'a statement of reasons',
  sunset: 'a sunset clause',
  oversight: 'notice to oversight bodies',
  humanitarianExemption: 'a humanitarian exemption',
  urgent: 'urgency',
  urgencyForNotice: 'urgency in place of notice',
  backedReasons: 'a statement of reasons backed by shared or public evidence',
  // Spillover.
  spillNone: 'no',
  spillLow: 'low',
  spillMedium: 'medium',
  spillHigh: 'high',
  spillVeryHigh: 'very high',
  // The basis of the evidence: which of shared, corroborated and public it was.
  basisAll: 'on a basis that was shared, corroborated and public',
  basisNone: 'on a basis that was neither shared, corroborated nor public',
  basisS: 'on a basis that was shared but not corroborated or public',
  basisC: 'on a basis that was corroborated but not shared or public',
  basisP: 'on a basis that was public but not shared or corroborated',
  basisSC: 'on a basis that was shared and corroborated but not public',
  basisSP: 'on a basis that was shared and public but not corroborated',
  basisCP: 'on a basis that was corroborated and public but not shared',
} as const;

export type TermKey = keyof typeof TERMS;
