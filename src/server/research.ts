/**
 * The research export of a class: every exercise a facilitator runs, one row
 * per resolved decision with its scores and the state of the round it was
 * taken in, pseudonymised, as CSV (any tool) or as an Arrow IPC file (pandas
 * `read_feather`, R `arrow::read_feather`). RESEARCH_COLUMNS is the data
 * dictionary; docs/protocol.md prints it and a test keeps the two equal.
 *
 * Pseudonymised: exercises are named E1, E2, ... in the order they were
 * created, and nothing a person typed or chose as a name is included (no
 * seat names, no rationales, no chat, no exercise titles, no ids of the
 * server). Teams are the scenario's governments, not people.
 */
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { Scenario } from '../engine';
import { PROPORTIONALITY_COMPONENTS } from '../engine/scoring/proportionality';
import type { ExerciseState, ResolvedDecision, RoundResult } from '../engine/types';
import { csvCell } from './export';
import type { ExerciseMeta } from './storage/types';

export interface ResearchExercise {
  meta: ExerciseMeta;
  scenario: Scenario;
  state: ExerciseState;
}

type Kind = 'text' | 'integer' | 'number' | 'boolean';

interface Column {
  name: string;
  kind: Kind;
  meaning: string;
  value: (row: RowContext) => string | number | boolean | null;
}

interface RowContext {
  pseudonym: string;
  ex: ResearchExercise;
  decision: ResolvedDecision;
  round: RoundResult | undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const componentOf = (d: ResolvedDecision, id: string) => d.proportionality.components.find((c) => c.id === id)?.value ?? null;

const COMPONENT_COLUMNS: Column[] = [...PROPORTIONALITY_COMPONENTS, 'preparedness' as const].map((id) => ({
  name: `prop_${id}`,
  kind: 'number',
  meaning: `The proportionality component "${id}" on 0..1 (docs/scoring.md); empty when the action's category is not scored on it.`,
  value: ({ decision }) => componentOf(decision, id),
}));

/** The data dictionary: every column, its type and what it means, in order. */
export const RESEARCH_COLUMNS: Column[] = [
  { name: 'exercise', kind: 'text', meaning: 'The exercise\'s pseudonym in this export: E1, E2, ... in the order the exercises were created.', value: (r) => r.pseudonym },
  { name: 'scenario', kind: 'text', meaning: 'The scenario\'s id.', value: (r) => r.ex.scenario.id },
  { name: 'exercise_outcome', kind: 'text', meaning: 'How the exercise ended: success, failure or neutral; empty while it runs.', value: (r) => r.ex.state.outcome?.outcome ?? null },
  { name: 'exercise_phase', kind: 'text', meaning: 'The exercise\'s phase when exported (debrief once it has ended).', value: (r) => r.ex.state.phase },
  { name: 'decision', kind: 'text', meaning: 'The decision\'s id within its exercise (d<n>).', value: (r) => r.decision.id },
  { name: 'round', kind: 'integer', meaning: 'The round in which the decision was taken and resolved.', value: (r) => r.decision.round },
  { name: 'team', kind: 'text', meaning: 'The government (scenario team id) that took it.', value: (r) => r.decision.team },
  { name: 'action', kind: 'text', meaning: 'The action\'s id in the scenario.', value: (r) => r.decision.action },
  {
    name: 'action_category',
    kind: 'text',
    meaning: 'The action\'s category in the scenario (e.g. diplomatic, sanctions, investigate).',
    value: (r) => r.ex.scenario.actions.find((a) => a.id === r.decision.action)?.category ?? null,
  },
  { name: 'incident', kind: 'text', meaning: 'The incident it responds to; empty for actions that target none.', value: (r) => r.decision.incident },
  { name: 'procedures', kind: 'text', meaning: 'The procedures followed, separated by ";" (notice, statementOfReasons, sunset, humanitarianExemption, oversight, urgent).', value: (r) => Object.entries(r.decision.options).filter(([, on]) => on).map(([p]) => p).sort().join(';') },
  { name: 'joint_size', kind: 'integer', meaning: 'How many governments took it together (1 when alone).', value: (r) => Math.max(1, r.decision.joint.length) },
  { name: 'effective', kind: 'boolean', meaning: 'False when it fell through at resolution (conditions changed, or too few joined).', value: (r) => r.decision.effective },
  { name: 'legally_exposed', kind: 'boolean', meaning: 'Whether the decision was legally exposed (docs/scoring.md).', value: (r) => r.decision.legallyExposed },
  { name: 'proportionality', kind: 'number', meaning: 'The proportionality score that stands, 0..100 (the facilitator\'s override when there is one).', value: (r) => round1(r.decision.overridden?.value ?? r.decision.proportionality.value) },
  { name: 'proportionality_computed', kind: 'number', meaning: 'The proportionality score the rules gave, 0..100, before any override.', value: (r) => round1(r.decision.proportionality.value) },
  { name: 'overridden', kind: 'boolean', meaning: 'Whether the facilitator overrode the score.', value: (r) => r.decision.overridden !== null },
  ...COMPONENT_COLUMNS,
  { name: 'rationale_chars', kind: 'integer', meaning: 'The length of the rationale the team wrote (the text itself is left out).', value: (r) => r.decision.rationale.length },
  { name: 'escalation_before', kind: 'integer', meaning: 'The escalation level (0..9) when the round opened: the state the decision was taken in.', value: (r) => r.round?.escalationBefore ?? null },
  { name: 'escalation_after', kind: 'integer', meaning: 'The escalation level after the round resolved.', value: (r) => r.round?.escalationAfter ?? null },
  { name: 'posture_before', kind: 'text', meaning: 'The adversary\'s posture when the round opened.', value: (r) => r.round?.postureBefore ?? null },
  { name: 'posture_after', kind: 'text', meaning: 'The adversary\'s posture after the round.', value: (r) => r.round?.postureAfter ?? null },
  { name: 'round_harm', kind: 'number', meaning: 'The harm done in the round (the round result\'s harm).', value: (r) => (r.round ? round1(r.round.harm) : null) },
  { name: 'round_cohesion', kind: 'number', meaning: 'The coalition cohesion score of the round, 0..100.', value: (r) => (r.round ? round1(r.round.cohesion.value) : null) },
  { name: 'round_decisions', kind: 'integer', meaning: 'How many decisions the coalition took in the round.', value: (r) => r.round?.decisions.length ?? null },
];

function rowsOf(exercises: ResearchExercise[]): RowContext[] {
  const ordered = [...exercises].sort((a, b) => a.meta.createdAt - b.meta.createdAt || a.meta.id.localeCompare(b.meta.id));
  return ordered.flatMap((ex, i) => {
    const rounds = new Map(ex.state.rounds.map((r) => [r.round, r]));
    return ex.state.decisions.map((decision) => ({ pseudonym: `E${i + 1}`, ex, decision, round: rounds.get(decision.round) }));
  });
}

export interface ResearchFile {
  filename: string;
  contentType: string;
  /** utf8 for CSV, base64 for the Arrow file. */
  encoding: 'utf8' | 'base64';
  data: string;
  rows: number;
}

export function researchCsv(exercises: ResearchExercise[]): ResearchFile {
  const rows = rowsOf(exercises);
  const lines = [RESEARCH_COLUMNS.map((c) => c.name).join(',')];
  for (const row of rows) {
    lines.push(
      RESEARCH_COLUMNS.map((c) => {
        const v = c.value(row);
        return typeof v === 'boolean' ? (v ? 'true' : 'false') : csvCell(v, c.kind === 'text');
      }).join(','),
    );
  }
  return { filename: 'firebreak-research.csv', contentType: 'text/csv; charset=utf-8', encoding: 'utf8', data: lines.join('\r\n') + '\r\n', rows: rows.length };
}

const ARROW_TYPES: Record<Kind, () => DataType> = { text: () => new Utf8(), integer: () => new Int32(), number: () => new Float64(), boolean: () => new Bool() };

/** The same table as an Arrow IPC file (Feather v2): typed columns, nulls where CSV has empty cells. */
export function researchArrow(exercises: ResearchExercise[]): ResearchFile {
  const rows = rowsOf(exercises);
  const columns: Record<string, Vector> = {};
  for (const c of RESEARCH_COLUMNS) columns[c.name] = vectorFromArray(rows.map((r) => c.value(r)) as never[], ARROW_TYPES[c.kind]() as DataType);
  const table = new Table(columns);
  const bytes = tableToIPC(table, 'file');
  return {
    filename: 'firebreak-research.arrow',
    contentType: 'application/vnd.apache.arrow.file',
    encoding: 'base64',
    data: Buffer.from(bytes).toString('base64'),
    rows: rows.length,
  };
}

/** The data dictionary as the Markdown table docs/protocol.md prints. */
export function researchDictionaryMarkdown(): string {
  const lines = ['| column | type | meaning |', '| --- | --- | --- |'];
  for (const c of RESEARCH_COLUMNS) lines.push(`| \`${c.name}\` | ${c.kind} | ${c.meaning} |`);
  return lines.join('\n');
}
