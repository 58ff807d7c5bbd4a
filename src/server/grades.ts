/**
 * Grade sheets for instructors: the report cards of one exercise, or of
 * every exercise a facilitator runs for a class, as CSV with one row per
 * player (a team nobody joined keeps one row without a player name), each
 * with the team's objective levels and scores. The cards themselves come from
 * the engine (src/engine/grading/reportCard.ts); this file only lays them out,
 * for a viewer who may see every team's card (the visibility rule
 * `reportCard`), with the evaluators' ratings that viewer may read.
 */
import type { Scenario } from '../engine';
import type { ExerciseState } from '../engine/types';
import type { Viewer } from '../engine/view/types';
import { reportCards } from '../engine/grading/reportCard';
import { sees, seesNote } from '../engine/rules/visibility';
import { csvCell } from './export';
import type { ExerciseMeta, SeatRecord } from './storage/types';

export interface GradeSheetExercise {
  meta: ExerciseMeta;
  scenario: Scenario;
  state: ExerciseState;
  seats: readonly SeatRecord[];
}

export const GRADE_COLUMNS = [
  'exercise',
  'exercise_title',
  'scenario',
  'phase',
  'outcome',
  'rounds_played',
  'team',
  'team_name',
  'player',
  'decisions',
  'mean_proportionality',
  'mean_cohesion',
  'level_points',
  'objectives_proficient',
] as const;

/** Per objective: the level on the card, its score, the level from decisions alone, and the evaluators' ratings. */
const OBJECTIVE_FIELDS = ['level', 'score', 'computed', 'evaluators'] as const;

const NUMERIC = new Set<string>(['rounds_played', 'decisions', 'mean_proportionality', 'mean_cohesion', 'level_points', 'objectives_proficient']);

type Cell = string | number | null;

/** Whether this viewer may take the grade sheet of an exercise: it holds every team's card. */
export function maySeeGradeSheet(viewer: Viewer, exercise: Pick<GradeSheetExercise, 'scenario' | 'state'>): boolean {
  return exercise.scenario.teams.every((t) => sees('reportCard', viewer, exercise.state.phase === 'debrief', t.id));
}

/**
 * The CSV: fixed columns, then four per objective. Objectives are keyed by
 * their id, or by scenario/id when the sheet spans several scenarios (two
 * scenarios may use the same id for different objectives).
 */
export function buildGradeSheet(
  exercises: readonly GradeSheetExercise[],
  viewer: Viewer,
  filename: string,
): { filename: string; contentType: string; data: string } {
  const scenarios = new Set(exercises.map((e) => e.scenario.id));
  const keyOf = (scenario: string, objective: string) => (scenarios.size > 1 ? `${scenario}/${objective}` : objective);
  const objectiveKeys: string[] = [];
  for (const e of exercises) {
    for (const o of e.scenario.meta.learningObjectives) {
      const key = keyOf(e.scenario.id, o.id);
      if (!objectiveKeys.includes(key)) objectiveKeys.push(key);
    }
  }
  const header = [...GRADE_COLUMNS, ...objectiveKeys.flatMap((k) => OBJECTIVE_FIELDS.map((f) => `${k}_${f}`))];

  const rows: Map<string, Cell>[] = [];
  for (const e of exercises) {
    if (!maySeeGradeSheet(viewer, e)) throw new Error(`This viewer may not see every report card of exercise ${e.meta.id}.`);
    const notes = e.state.notes.filter((n) => seesNote(n, viewer, e.state.phase === 'debrief'));
    for (const card of reportCards(e.scenario, e.state, notes)) {
      const base = new Map<string, Cell>([
        ['exercise', e.meta.id],
        ['exercise_title', e.meta.title],
        ['scenario', e.scenario.id],
        ['phase', e.state.phase],
        ['outcome', e.state.outcome?.outcome ?? null],
        ['rounds_played', e.state.rounds.length],
        ['team', card.team],
        ['team_name', card.teamName],
        ['decisions', card.decisions],
        ['mean_proportionality', card.meanProportionality],
        ['mean_cohesion', card.meanCohesion],
        ['level_points', card.levelPoints],
        ['objectives_proficient', card.objectives.filter((o) => o.level === 'exemplary' || o.level === 'proficient').length],
      ]);
      for (const o of card.objectives) {
        const key = keyOf(e.scenario.id, o.objective);
        base.set(`${key}_level`, o.level);
        base.set(`${key}_score`, o.score);
        base.set(`${key}_computed`, o.computed);
        base.set(`${key}_evaluators`, (['P', 'S', 'M', 'U'] as const).flatMap((r) => Array<string>(o.ratings[r]).fill(r)).join(' ') || null);
      }
      const players = e.seats.filter((s) => s.role === 'team' && s.team === card.team).sort((a, b) => a.ordinal - b.ordinal);
      if (players.length === 0) rows.push(new Map([...base, ['player', null]]));
      for (const p of players) rows.push(new Map([...base, ['player', p.name]]));
    }
  }

  const numeric = (column: string) => NUMERIC.has(column) || column.endsWith('_score');
  const lines = [header.map((h) => csvCell(h)).join(',')];
  for (const row of rows) lines.push(header.map((c) => csvCell(row.get(c) ?? null, !numeric(c))).join(','));
  return { filename, contentType: 'text/csv; charset=utf-8', data: lines.join('\r\n') + '\r\n' };
}
