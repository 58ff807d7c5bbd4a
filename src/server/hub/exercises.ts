/**
 * Creating, listing and exporting exercises: new exercises from a shipped or
 * uploaded scenario, a facilitator's list of their exercises, and the log
 * export a seat may download.
 */
import { createExercise, formatProblem, loadScenarioText, type Scenario } from '../../engine';
import { researchArrow, researchCsv } from '../research';
import type { ClassGradesAck, ResearchClassAck, ExerciseCreateAck, ExerciseListAck, ExerciseSummary, ExportAck, JoinCodes } from '../../protocol/events';
import { ExerciseRuntime } from '../exercise';
import { mayExport } from '../../engine/rules/visibility';
import { buildCsvExport, buildJsonExport } from '../export';
import { buildGradeSheet, maySeeGradeSheet, type GradeSheetExercise } from '../grades';
import { viewerFromKey, viewerKey } from '../roles';
import type { ShippedScenario } from '../scenarios';
import { hashCredential, newCredential, newJoinCode, newPublicId, newSeed } from '../secrets';
import { DuplicateError, type ExerciseMeta, type SeatRecord } from '../storage/types';
import { fail, shuttingDown, type HubContext } from './context';
import { addSeat, indexCodes } from './seats';
import { botSeatsProblem, seatBotsAtCreation } from './bots';

export interface CreateInput {
  scenarioId?: string;
  scenarioText?: string;
  fileName?: string;
  seed?: string;
  title?: string;
  facilitatorName?: string;
  /** Teams the server plays, by team id: the bot policy of each. */
  bots?: Record<string, string>;
}

/** Tutorials first (where a newcomer starts), then the shortest exercises, then by title. */
export function listScenarios(ctx: HubContext) {
  const isTutorial = (s: ShippedScenario) => (s.scenario.meta.tags.includes('tutorial') ? 0 : 1);
  return [...ctx.scenarios.values()]
    .sort((a, b) => isTutorial(a) - isTutorial(b) || a.summary.rounds - b.summary.rounds || a.summary.title.localeCompare(b.summary.title))
    .map((s) => s.summary);
}

export async function create(ctx: HubContext, input: CreateInput): Promise<ExerciseCreateAck> {
  if (ctx.closing) return shuttingDown('try again in a moment.');
  let scenario: Scenario;
  let text: string;
  let warnings: string[] = [];
  if (input.scenarioId !== undefined) {
    const shipped = ctx.scenarios.get(input.scenarioId);
    if (!shipped) return fail('UNKNOWN_SCENARIO', `There is no shipped scenario "${input.scenarioId}".`);
    scenario = shipped.scenario;
    text = shipped.text;
  } else {
    text = input.scenarioText ?? '';
    const loaded = loadScenarioText(text, input.fileName ?? 'upload.json');
    if (!loaded.ok) {
      const problems = loaded.problems.map(formatProblem);
      return fail('INVALID_SCENARIO', `The scenario has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, {
        problems: problems.slice(0, 200),
      });
    }
    scenario = loaded.scenario;
    warnings = loaded.warnings.map(formatProblem);
  }
  const botProblem = input.bots ? botSeatsProblem({ scenario }, input.bots) : null;
  if (botProblem) return fail('INVALID_PAYLOAD', botProblem);
  const seed = input.seed ?? newSeed();
  const initial = createExercise(scenario, seed);
  const credential = newCredential();
  const now = Date.now();

  for (let attempt = 0; ; attempt++) {
    const id = newPublicId();
    const codes = newCodes(ctx, scenario);
    const meta: ExerciseMeta = {
      id,
      title: input.title ?? scenario.meta.title,
      scenarioId: scenario.id,
      scenarioText: text,
      seed,
      createdAt: now,
      codes,
      scenarioEditedAtSeq: null,
    };
    const facilitator: Omit<SeatRecord, 'ordinal'> = {
      seatId: newPublicId(),
      exerciseId: id,
      role: 'facilitator',
      team: null,
      name: input.facilitatorName ?? 'Facilitator',
      credentialHash: hashCredential(credential),
      joinedAt: now,
    };
    try {
      await ctx.storage.createExercise(meta, facilitator);
    } catch (err) {
      if (err instanceof DuplicateError && attempt < 5) continue;
      throw err;
    }
    const ex = new ExerciseRuntime(meta, scenario, initial, 0, now);
    addSeat(ctx, ex, { ...facilitator, ordinal: 1 });
    indexCodes(ctx, meta);
    ctx.exercises.set(id, ex);
    // The process that creates an exercise owns it first; the others load it when told.
    if (ctx.peers) {
      await ctx.peers.claim(id);
      ctx.peers.changed({ exerciseId: id, seq: 0, seats: true });
    }
    if (input.bots) await seatBotsAtCreation(ctx, ex, input.bots, facilitator.name);
    ctx.logger.info({ exerciseId: id, scenario: scenario.id, teams: scenario.teams.length }, 'exercise created');
    return {
      ok: true,
      exerciseId: id,
      facilitatorCredential: credential,
      codes,
      links: links(id, codes),
      warnings,
    };
  }
}

function newCodes(ctx: HubContext, scenario: Scenario): JoinCodes {
  const used = new Set<string>();
  const fresh = () => {
    for (;;) {
      const code = newJoinCode();
      if (!used.has(code) && !ctx.codes.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
  const teams: Record<string, string> = {};
  for (const team of scenario.teams) teams[team.id] = fresh();
  return {
    teams,
    observer: fresh(),
    ...(scenario.adversary.redCellAllowed ? { redCell: fresh() } : {}),
  };
}

function links(id: string, codes: JoinCodes) {
  const join = (code: string) => `/join/${code}`;
  return {
    facilitator: `/facilitate/${id}`,
    teams: Object.fromEntries(Object.entries(codes.teams).map(([t, c]) => [t, join(c)])),
    observer: join(codes.observer),
    ...(codes.redCell ? { redCell: join(codes.redCell) } : {}),
    exportJson: `/api/exercises/${id}/export.json`,
    exportCsv: `/api/exercises/${id}/export.csv`,
  };
}

/** The exercises run by any of these facilitator credentials. */
export function list(ctx: HubContext, credentials: string[]): ExerciseListAck {
  const exercises: ExerciseSummary[] = [];
  const seen = new Set<string>();
  let unknown = 0;
  for (const credential of credentials) {
    const seat = ctx.seatsByHash.get(hashCredential(credential));
    const ex = seat ? ctx.exercises.get(seat.exerciseId) : undefined;
    if (!seat || seat.role !== 'facilitator' || !ex) {
      unknown++;
      continue;
    }
    if (seen.has(ex.id)) continue;
    seen.add(ex.id);
    exercises.push(summary(ex));
  }
  exercises.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { ok: true, exercises, unknown };
}

function summary(ex: ExerciseRuntime): ExerciseSummary {
  return {
    exerciseId: ex.id,
    title: ex.meta.title,
    scenarioId: ex.scenario.id,
    scenarioTitle: ex.scenario.meta.title,
    createdAt: new Date(ex.meta.createdAt).toISOString(),
    phase: ex.state.phase,
    round: ex.state.round,
    rounds: ex.scenario.rounds.length,
    paused: ex.state.paused,
    seq: ex.lastSeq,
    outcome: ex.state.outcome,
    seats: { total: ex.seats.size, connected: ex.connectedCount() },
    codes: ex.meta.codes,
  };
}

/** The log export a seat may download: the facilitator and observers at any time, teams at the debrief. */
export async function exportLog(ctx: HubContext, ex: ExerciseRuntime, seat: SeatRecord, format: 'json' | 'csv' | 'grades'): Promise<ExportAck> {
  const viewer = viewerFromKey(viewerKey(seat));
  if (format === 'grades') {
    if (!maySeeGradeSheet(viewer, ex)) return fail('NOT_ALLOWED', 'The grade sheet holds every team\'s report card: it is for the facilitator and evaluators.');
    return { ok: true, format, replayable: false, ...buildGradeSheet([gradeInput(ex)], viewer, `firebreak-${ex.id}-grades.csv`) };
  }
  if (!mayExport(viewer, ex.state.phase)) {
    return fail('NOT_ALLOWED', 'The facilitator and observers can export the log at any time, teams once the exercise has reached its debrief.');
  }
  const records = await ctx.storage.read(ex.id, 1);
  const input = { meta: ex.meta, scenario: ex.scenario, state: ex.state, records, viewer };
  const built = format === 'json' ? buildJsonExport(input) : { ...buildCsvExport(input), replayable: false };
  return { ok: true, format, ...built };
}

/** One grade sheet across the exercises these facilitator credentials run (a class), oldest first. */
export function classGradeSheet(ctx: HubContext, credentials: string[]): ClassGradesAck {
  const listed = list(ctx, credentials);
  if (!listed.ok) return listed;
  if (listed.exercises.length === 0) return fail('NOT_ALLOWED', 'None of these credentials is the facilitator of a running exercise.');
  const exercises = [...listed.exercises].reverse().map((s) => gradeInput(ctx.exercises.get(s.exerciseId)!));
  const sheet = buildGradeSheet(exercises, { role: 'facilitator' }, 'firebreak-class-grades.csv');
  return { ok: true, ...sheet, exercises: exercises.length, unknown: listed.unknown };
}

/** The research export (CSV or Arrow) of every exercise these facilitator credentials run. */
export function researchExport(ctx: HubContext, credentials: string[], format: 'csv' | 'arrow'): ResearchClassAck {
  const listed = list(ctx, credentials);
  if (!listed.ok) return listed;
  if (listed.exercises.length === 0) return fail('NOT_ALLOWED', 'None of these credentials is the facilitator of a running exercise.');
  const exercises = listed.exercises.map((s) => ctx.exercises.get(s.exerciseId)!);
  const file = format === 'csv' ? researchCsv(exercises) : researchArrow(exercises);
  return { ok: true, ...file, exercises: exercises.length, unknown: listed.unknown };
}

function gradeInput(ex: ExerciseRuntime): GradeSheetExercise {
  return { meta: ex.meta, scenario: ex.scenario, state: ex.state, seats: [...ex.seats.values()] };
}
