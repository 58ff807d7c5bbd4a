/**
 * The state names of every chart region a scenario's conditions may refer to
 * with { "state": "<region>", "in": [...] }. The charts in this folder use
 * exactly these names; the validator checks references against them.
 */
import { POSTURES } from '../postures';
import { DISPUTE_STATES } from './dispute';
import { CASE_STATES } from './prosecution';
import { NORMS_STATES } from './norms';
import { VERIFICATION_STATES } from './verification';

export const EXERCISE_STATES = ['lobby', 'briefing', 'deliberation', 'results', 'debrief'] as const;
export const NATIONAL_ATTRIBUTION_STATES = [
  'unknown',
  'detected',
  'suspected',
  'assessed',
  'signalledPrivately',
  'notInAPosition',
  'attributedPublicly',
  'retracted',
] as const;
export const COALITION_ATTRIBUTION_STATES = ['idle', 'pooling', 'jointlyAttributed', 'retracted'] as const;
export const DE_ESCALATION_STATES = ['idle', 'backchannel', 'talks', 'conditional', 'rollback', 'normalised', 'relapse'] as const;
export const POSTURE_STATES = POSTURES;

/** What a region's placeholders may stand for in a given scenario. */
export interface KnownIds {
  phases: readonly string[];
  incidents: readonly string[];
  teams: readonly string[];
  /** The further actors (otherAdversaries) by id, each with the ids of its campaign phases. */
  actors?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Every chart region a condition may name, in the order they are matched:
 * `<incident>`, `<team>` and `<actor>` (a further adversary) stand for ids of
 * the scenario. `states` is null for the adversaries' phases, which are the
 * scenario's own. `chart` is the
 * chart firebreak graph draws the region in.
 */
export const CONDITION_REGIONS: readonly { region: string; states: readonly string[] | null; chart: string; about: string }[] = [
  { region: 'exercise', states: EXERCISE_STATES, chart: 'exercise', about: 'The exercise itself; "deliberation" and "results" alternate each round.' },
  { region: 'adversary.phase', states: null, chart: 'adversary', about: "The campaign phase: the ids of the scenario's adversary.phases, in order." },
  { region: 'adversary.posture', states: POSTURE_STATES, chart: 'adversary', about: "The adversary's posture, reassessed after each round." },
  {
    region: 'adversary.<actor>.phase',
    states: null,
    chart: 'adversary',
    about: "A further actor's campaign phase (otherAdversaries): the ids of its phases, in order.",
  },
  {
    region: 'adversary.<actor>.posture',
    states: POSTURE_STATES,
    chart: 'adversary',
    about: "A further actor's posture (otherAdversaries), reassessed after each round on the responses to its own incidents.",
  },
  { region: 'deEscalation', states: DE_ESCALATION_STATES, chart: 'deEscalation', about: 'Talks with the adversary, from a first channel to normalisation or relapse.' },
  { region: 'dispute', states: DISPUTE_STATES, chart: 'dispute', about: 'Peaceful settlement: mediation or arbitration (institutions.disputeSettlement).' },
  {
    region: 'verification.<incident>',
    states: ['none', ...VERIFICATION_STATES],
    chart: 'verification',
    about: 'The latest referral of the incident to a verification body; "none" before any.',
  },
  {
    region: 'case.<incident>',
    states: CASE_STATES,
    chart: 'case',
    about: 'The criminal case on the incident (prosecution): investigating, charged, wanted, fugitive or arrested; "none" before any step.',
  },
  {
    region: 'norms',
    states: NORMS_STATES,
    chart: 'norms',
    about: 'The norms-building track (norms): unraised, raised, discussed, endorsed or reported.',
  },
  {
    region: 'attribution.<incident>.coalition',
    states: COALITION_ATTRIBUTION_STATES,
    chart: 'coalitionAttribution',
    about: "The coalition's shared record on the incident.",
  },
  {
    region: 'attribution.<incident>.<team>',
    states: NATIONAL_ATTRIBUTION_STATES,
    chart: 'nationalAttribution',
    about: "One government's attribution of the incident.",
  },
];

function regionMatches(pattern: string, region: string, known: KnownIds): boolean {
  const want = pattern.split('.');
  const have = region.split('.');
  if (want.length !== have.length) return false;
  return want.every((part, i) => {
    if (part === '<incident>') return known.incidents.includes(have[i]!);
    if (part === '<team>') return known.teams.includes(have[i]!);
    if (part === '<actor>') return Object.hasOwn(known.actors ?? {}, have[i]!);
    return part === have[i];
  });
}

/**
 * Which states a condition region may name, for a scenario with these
 * phases, incidents and teams. Returns null for an unknown region.
 */
export function statesOfRegion(region: string, known: KnownIds): readonly string[] | null {
  const entry = CONDITION_REGIONS.find((r) => regionMatches(r.region, region, known));
  if (!entry) return null;
  if (entry.states) return entry.states;
  return entry.region === 'adversary.<actor>.phase' ? known.actors![region.split('.')[1]!]! : known.phases;
}
