/**
 * Log exports for after-action review: JSON (the command log, replayable) and
 * CSV (one row per accepted command and per resolved decision, for analysts).
 *
 * The facilitator's export is complete. Every other export shows each command
 * as the engine's visibility rules let that viewer see it (redactCommand):
 * an observer's masks what only the facilitator may see (the red cell's
 * chosen move, held inject ids, facilitator-only ad-hoc injects, the
 * facilitator's notes before the debrief) and leaves out the seed until the
 * exercise reaches its debrief (with the seed and the log, the adversary's
 * dice could be read in advance). A team exports at the debrief only, and its
 * export also masks the other teams' team chat and drafts, which stay theirs.
 */
import { stateHash, type Scenario } from '../engine';
import type { Command, CommandBody, ExerciseState } from '../engine/types';
import type { Viewer } from '../engine/view/types';
import { redactCommand, sees, seesDecision } from '../engine/rules/visibility';
import type { ExerciseMeta, LogRecord } from './storage/types';
import { EXERCISE_LOG_FORMAT, type ExerciseLog } from '../protocol/log';

export type ExportRole = 'facilitator' | 'observer' | 'team';

export interface ExportInput {
  meta: ExerciseMeta;
  scenario: Scenario;
  /** The state at the end of the log. */
  state: ExerciseState;
  records: LogRecord[];
  /** Who the export is for (the hub checks mayExport first). */
  viewer: Viewer;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function splitCommand(command: Command): { id: string; actor: Command['actor']; at: number; body: CommandBody } {
  const { id, actor, at, ...body } = command;
  return { id, actor, at, body: body as CommandBody };
}

function exportRole(viewer: Viewer): ExportRole {
  if (viewer.role === 'redCell') throw new Error('The red cell never exports the log.');
  return viewer.role;
}

export function buildJsonExport(input: ExportInput): { filename: string; contentType: string; data: string; replayable: boolean } {
  const { meta, state, records, viewer, scenario } = input;
  const role = exportRole(viewer);
  const debriefed = state.phase === 'debrief';
  const seedShown = sees('seed', viewer, debriefed);
  const scenarioShown = sees('facilitatorOnly', viewer, debriefed);
  const redacted: number[] = [];
  const doc: ExerciseLog = {
    format: EXERCISE_LOG_FORMAT,
    formatVersion: 1,
    exerciseId: meta.id,
    title: meta.title,
    scenario: { id: scenario.id, title: scenario.meta.title },
    ...(seedShown ? { seed: meta.seed } : {}),
    createdAt: iso(meta.createdAt),
    exportedAt: iso(Date.now()),
    exportedFor: role,
    phase: state.phase,
    round: state.round,
    outcome: state.outcome,
    commands: records.map((record) => {
      const { id, actor, at, body } = splitCommand(record.command);
      const shown = redactCommand(body, actor, viewer, debriefed);
      // redactCommand returns the body itself when the viewer may see all of it.
      if (shown !== body) redacted.push(record.seq);
      return {
        seq: record.seq,
        id,
        round: record.round,
        at: iso(at),
        atMs: at,
        actor,
        body: shown,
        stateHash: record.stateHash,
      };
    }),
    stateHash: stateHash(state),
    ...(scenarioShown ? { scenarioText: meta.scenarioText } : {}),
  };
  const withheld = [...(seedShown ? [] : ['seed' as const]), ...(scenarioShown ? [] : ['scenario' as const])];
  doc.replay = { replayable: seedShown && redacted.length === 0, redacted, withheld };
  return {
    filename: `firebreak-${meta.id}.json`,
    contentType: 'application/json; charset=utf-8',
    data: JSON.stringify(doc, null, 2),
    replayable: doc.replay.replayable,
  };
}

export const CSV_COLUMNS = [
  'exercise',
  'kind',
  'seq',
  'round',
  'timestamp',
  'actor_role',
  'actor_name',
  'team',
  'command_type',
  'action',
  'incident',
  'rationale',
  'proportionality',
  'cohesion',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

/** Text cells that a spreadsheet would read as a formula get a leading apostrophe. */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined, text = true): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (text && typeof value === 'string') s = defuse(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const NUMERIC = new Set(['seq', 'round', 'proportionality', 'cohesion']);

export function buildCsvExport(input: ExportInput): { filename: string; contentType: string; data: string } {
  const { meta, state, records, viewer } = input;
  exportRole(viewer);
  const debriefed = state.phase === 'debrief';
  const cohesionOfRound = new Map(state.rounds.map((r) => [r.round, Math.round(r.cohesion.value * 10) / 10]));
  const seqOfRef = new Map<string, number>();
  for (const entry of state.timeline) if (entry.ref && !seqOfRef.has(entry.ref)) seqOfRef.set(entry.ref, entry.seq);

  const rows: CsvRow[] = [];
  for (const record of records) {
    const { actor, at, body: raw } = splitCommand(record.command);
    const body = redactCommand(raw, actor, viewer, debriefed);
    const round = record.round;
    const draft = body.type === 'draftDecision' || body.type === 'proposeJoint' ? body.draft : null;
    rows.push({
      exercise: meta.id,
      kind: 'command',
      seq: record.seq,
      round,
      timestamp: iso(at),
      actor_role: actor.role,
      actor_name: 'name' in actor ? (actor.name ?? null) : null,
      team: actor.role === 'team' ? actor.team : null,
      command_type: body.type,
      action: draft?.action ?? null,
      incident: draft?.incident ?? (body.type === 'shareIntel' ? body.incident : null),
      rationale: draft?.rationale ?? (body.type === 'respondJoint' ? (body.rationale ?? null) : null),
      proportionality: null,
      cohesion: cohesionOfRound.get(round) ?? null,
    });
  }
  const actions = new Map(input.scenario.actions.map((a) => [a.id, a]));
  for (const decision of state.decisions) {
    if (!seesDecision(actions.get(decision.action), decision.team, viewer, debriefed)) continue;
    const value = decision.overridden ? decision.overridden.value : decision.proportionality.value;
    rows.push({
      exercise: meta.id,
      kind: 'decision',
      seq: seqOfRef.get(decision.id) ?? null,
      round: decision.round,
      timestamp: iso(decision.at),
      actor_role: 'team',
      actor_name: null,
      team: decision.team,
      command_type: decision.joint.length > 1 ? 'jointDecision' : 'decision',
      action: decision.action,
      incident: decision.incident,
      rationale: sees('rationale', viewer, debriefed, decision.team) ? decision.rationale : null,
      proportionality: Math.round(value * 10) / 10,
      cohesion: cohesionOfRound.get(decision.round) ?? null,
    });
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c], !NUMERIC.has(c))).join(','));
  return {
    filename: `firebreak-${meta.id}.csv`,
    contentType: 'text/csv; charset=utf-8',
    data: lines.join('\r\n') + '\r\n',
  };
}
