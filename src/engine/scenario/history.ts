/**
 * History tracks: what governments really did, as the commands a team would
 * send, shipped beside a scenario as `<id>.history.json`. Every step names
 * its sources (ids from the scenario's `meta.sources`), so that the debrief
 * and the balance report can put play beside the record. The schema checks
 * the shape; `checkHistory` checks the track against its scenario.
 */
import { z } from 'zod';
import type { Scenario } from './schema';
import { isCourseFileName } from '../course/schema';

const step = z
  .object({
    team: z.string().describe('The government that acted.'),
    do: z
      .enum(['draft', 'propose', 'join', 'share'])
      .describe('draft: a decision of its own; propose: a joint proposal; join: joins a proposal for the same action; share: shares its evidence on the incident.'),
    action: z.string().optional().describe('The scenario action (not for share).'),
    incident: z.string().optional().describe('The incident the step is about, when the action targets one (and always for share).'),
    options: z.record(z.string(), z.boolean()).default({}).describe('Procedural safeguards that were really used.'),
    date: z.string().describe('When it happened, as precisely as known (YYYY, YYYY-MM or YYYY-MM-DD).'),
    what: z.string().min(1).describe('What the government did, in one or two sentences.'),
    sources: z.array(z.string()).min(1).describe('Ids of the scenario sources that document it.'),
  })
  .strict();

const round = z
  .object({
    round: z.number().int().min(1),
    summary: z.string().describe('What the governments did this round, or that they did nothing and why.'),
    steps: z.array(step).default([]),
  })
  .strict();

export const historyTrackSchema = z
  .object({
    $schema: z.string().optional(),
    scenario: z.string().describe('The id of the scenario this track belongs to.'),
    title: z.string(),
    outcome: z
      .object({
        kind: z.enum(['success', 'failure', 'neutral']).describe("The record's outcome in the scenario's terms."),
        summary: z.string().describe('Why the real outcome counts as this kind.'),
        sources: z.array(z.string()).min(1),
      })
      .strict(),
    rounds: z.array(round),
  })
  .strict();

export type HistoryTrack = z.infer<typeof historyTrackSchema>;
export type HistoryStep = HistoryTrack['rounds'][number]['steps'][number];

export interface HistoryProblem {
  /** JSON pointer into the track. */
  pointer: string;
  message: string;
}

export type HistoryResult = { ok: true; track: HistoryTrack } | { ok: false; problems: HistoryProblem[] };

/** Parses a track and checks it against its scenario: every problem at once. */
export function parseHistory(value: unknown, scenario: Scenario): HistoryResult {
  const parsed = historyTrackSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ pointer: '/' + i.path.join('/'), message: i.message })) };
  }
  const problems = checkHistory(parsed.data, scenario);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, track: parsed.data };
}

/** Semantic checks: ids that exist, rounds in range, options the action offers, sources the scenario cites. */
export function checkHistory(track: HistoryTrack, scenario: Scenario): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });
  const teams = new Set(scenario.teams.map((t) => t.id));
  const incidents = new Set(scenario.incidents.map((i) => i.id));
  const actions = new Map(scenario.actions.map((a) => [a.id, a]));
  const sources = new Set(scenario.meta.sources.map((s) => s.id));
  const checkSources = (pointer: string, ids: string[]) =>
    ids.forEach((id, k) => sources.has(id) || add(`${pointer}/${k}`, `unknown source "${id}": cite one of the scenario's meta.sources`));

  if (track.scenario !== scenario.id) add('/scenario', `the track is for scenario "${track.scenario}", not "${scenario.id}"`);
  checkSources('/outcome/sources', track.outcome.sources);
  const seen = new Set<number>();
  track.rounds.forEach((r, i) => {
    const at = `/rounds/${i}`;
    if (r.round > scenario.rounds.length) add(`${at}/round`, `round ${r.round} is beyond the scenario's ${scenario.rounds.length} rounds`);
    if (seen.has(r.round)) add(`${at}/round`, `round ${r.round} appears twice`);
    seen.add(r.round);
    r.steps.forEach((s, j) => {
      const p = `${at}/steps/${j}`;
      checkSources(`${p}/sources`, s.sources);
      if (!teams.has(s.team)) add(`${p}/team`, `unknown team "${s.team}"`);
      if (s.incident !== undefined && !incidents.has(s.incident)) add(`${p}/incident`, `unknown incident "${s.incident}"`);
      if (s.do === 'share') {
        if (s.incident === undefined) add(p, 'a share step names the incident whose evidence is shared');
        return;
      }
      const action = s.action === undefined ? undefined : actions.get(s.action);
      if (!action) {
        add(`${p}/action`, s.action === undefined ? `a ${s.do} step names its action` : `unknown action "${s.action}"`);
        return;
      }
      if (action.targetsIncident && s.incident === undefined) add(p, `${action.name} targets an incident: name it`);
      if (!action.targetsIncident && s.incident !== undefined) add(`${p}/incident`, `${action.name} does not target an incident`);
      if (s.do !== 'draft' && !action.joinable) add(`${p}/do`, `${action.name} is not joinable: use "draft"`);
      if (s.do === 'draft' && action.joinable) add(`${p}/do`, `${action.name} is joinable: use "propose" or "join"`);
      for (const option of Object.keys(s.options)) {
        if (!action.procedures.includes(option as never)) add(`${p}/options/${option}`, `${action.name} does not offer "${option}"`);
      }
    });
  });
  return problems;
}

/** The steps one team takes in one round. */
export function historyStepsOf(track: HistoryTrack, round: number, team: string): HistoryStep[] {
  return track.rounds.find((r) => r.round === round)?.steps.filter((s) => s.team === team) ?? [];
}

/** Files in a scenarios folder: a scenario, or beside it its history track (`<id>.history.json`), its course (`<id>.course.json`) or a JSON Schema. */
export function isScenarioFileName(name: string): boolean {
  return name.endsWith('.json') && !name.endsWith('.schema.json') && !name.endsWith('.history.json') && !isCourseFileName(name);
}

export function historyFileName(scenarioId: string): string {
  return `${scenarioId}.history.json`;
}
