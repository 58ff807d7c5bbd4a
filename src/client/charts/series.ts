/**
 * The debrief's data series, from the view alone: escalation per round,
 * proportionality per team and round, cohesion per round, with history's
 * path (the mean of the history track's runs) where the scenario has one.
 * Pure but for the words, in the chosen language; the same series feed the
 * charts and the data tables beside them.
 */
import type { HistoryComparison } from '../../engine/bots/historyComparison';
import type { ExerciseView } from '../../engine/view/types';
import { roundWord } from '../ui/format';
import { t } from '../ui/i18n';
import { formatNumber } from '../ui/numbers';

export interface Dataset {
  label: string;
  colour: string;
  data: (number | null)[];
}

export interface Series {
  id: string;
  title: string;
  /** What the numbers mean, for the table caption. */
  caption: string;
  labels: string[];
  datasets: Dataset[];
  min: number;
  max: number;
  stepped?: boolean;
}

const roundLabel = (r: number) => roundWord(r);

/** The colour of history's path on every chart: a neutral grey that no team uses. */
const HISTORY_COLOUR = '#6B6B6B';
const historyLabel = (history: HistoryComparison) => t('charts.history', { runs: formatNumber(history.runs) });

export function escalationSeries(view: ExerciseView, history: HistoryComparison | null = null): Series {
  const rounds = view.rounds;
  const top = Math.max(0, ...view.scenario.ladder.map((r) => r.level));
  const historyPath = history && rounds.length
    ? [{ label: historyLabel(history), colour: HISTORY_COLOUR, data: [history.startEscalation, ...rounds.map((r) => history.rounds[r.round - 1]?.meanEscalation ?? null)] }]
    : [];
  return {
    id: 'escalation',
    title: t('charts.escalationTitle'),
    caption: t('charts.escalationCaption', { top }),
    labels: rounds.length ? [t('charts.start'), ...rounds.map((r) => roundLabel(r.round))] : [],
    datasets: [
      {
        label: t('charts.escalation'),
        colour: '#D55E00',
        data: rounds.length ? [rounds[0]!.escalationBefore, ...rounds.map((r) => r.escalationAfter)] : [],
      },
      ...historyPath,
    ],
    min: 0,
    max: top,
    stepped: true,
  };
}

export function cohesionSeries(view: ExerciseView, history: HistoryComparison | null = null): Series {
  const historyPath = history
    ? [{ label: historyLabel(history), colour: HISTORY_COLOUR, data: view.rounds.map((r) => history.rounds[r.round - 1]?.meanCohesion ?? null) }]
    : [];
  return {
    id: 'cohesion',
    title: t('charts.cohesionTitle'),
    caption: t('charts.cohesionCaption'),
    labels: view.rounds.map((r) => roundLabel(r.round)),
    datasets: [{ label: t('charts.cohesion'), colour: '#0072B2', data: view.rounds.map((r) => Math.round(r.cohesion.value)) }, ...historyPath],
    min: 0,
    max: 100,
  };
}

export function proportionalitySeries(view: ExerciseView): Series {
  const rounds = view.rounds.map((r) => r.round);
  return {
    id: 'proportionality',
    title: t('charts.proportionalityTitle'),
    caption: t('charts.proportionalityCaption'),
    labels: rounds.map(roundLabel),
    datasets: view.teams.map((t) => ({
      label: t.name,
      colour: t.colour,
      data: rounds.map((round) => {
        const values = view.decisions
          .filter((d) => d.team === t.id && d.round === round)
          .map((d) => d.overridden?.value ?? d.proportionality.value);
        return values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;
      }),
    })),
    min: 0,
    max: 100,
  };
}

export function allSeries(view: ExerciseView, history: HistoryComparison | null = null): Series[] {
  return [escalationSeries(view, history), proportionalitySeries(view), cohesionSeries(view, history)];
}
