/**
 * The real dates rounds are modelled on run forward: a round dated before the
 * round that precedes it is most likely a wrong year. Dates are free text
 * ("3 May 2017", "May-June 2015", "2016-10-07"); those this rule cannot read
 * are left alone, and two dates are compared only as finely as both are given.
 */
import type { SemanticRule } from './context';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Year, month (0 when not given) and day (0 when not given) where the text's period starts. */
export function dateStart(text: string): [number, number, number] | undefined {
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\b/.exec(text.trim());
  if (iso) return [Number(iso[1]), Number(iso[2] ?? 0), Number(iso[3] ?? 0)];
  const year = /\b(\d{4})\b/.exec(text);
  if (!year) return undefined;
  const words = /^(?:(\d{1,2})\s+)?([A-Za-z]+)/.exec(text.trim());
  const month = words ? MONTHS.indexOf(words[2]!.toLowerCase()) + 1 : 0;
  return [Number(year[1]), month, month > 0 && words?.[1] ? Number(words[1]) : 0];
}

/** Negative when a starts before b, comparing only the parts both give. */
function compareStarts(a: [number, number, number], b: [number, number, number]): number {
  for (let part = 0; part < 3; part++) {
    if (a[part] === 0 || b[part] === 0) return 0;
    if (a[part] !== b[part]) return a[part]! - b[part]!;
  }
  return 0;
}

export const datesRule: SemanticRule = {
  id: 'dates',
  summary: 'The dates of the rounds run forward.',
  codes: ['dates-out-of-order'],
  check(context) {
    let previous: { round: number; date: string; start: [number, number, number] } | undefined;
    context.scenario.rounds.forEach((round, i) => {
      const start = round.date === undefined ? undefined : dateStart(round.date);
      if (!start) return;
      if (previous && compareStarts(start, previous.start) < 0) {
        context.warning(
          'dates-out-of-order',
          ['rounds', i, 'date'],
          `round ${i + 1} is dated "${round.date}", before round ${previous.round} ("${previous.date}"): rounds run forward in time; is the year right?`,
        );
      }
      previous = { round: i + 1, date: round.date!, start };
    });
  },
};
