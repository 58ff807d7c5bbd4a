/**
 * End conditions decided before play: one that always holds ends every
 * exercise after round 1; one that holds whatever happens once some earlier
 * round is over leaves the later rounds unplayed; one that already holds when
 * the exercise starts ends it after round 1 unless round 1 changes it. (One
 * that never holds is reported by the conditions rule, where the analysis of
 * every condition lives.)
 */
import { evaluate } from '../../conditions';
import { createExercise } from '../../rules/create';
import type { Condition } from '../schema';
import { type RuleContext, type SemanticRule } from './context';
import { ConditionAnalysis } from './conditions';

/** "round 3 ("Fallout") is never played: remove it", or "rounds 3 to 5 (from "Fallout") are never played: remove them". */
function unplayedRounds(rounds: readonly { title: string }[], endsAfter: number): string {
  const first = endsAfter + 1;
  const title = rounds[endsAfter]!.title;
  return first === rounds.length
    ? `round ${first} ("${title}") is never played: remove it`
    : `rounds ${first} to ${rounds.length} (from "${title}") are never played: remove them`;
}

/** The first round before the last after which the condition holds whatever happened, if there is one. */
function firstRoundItDecides(context: RuleContext, when: Condition): number | undefined {
  for (let round = 1; round < context.roundCount; round++) {
    const window = { lo: round, hi: round, note: `once round ${round} is over` };
    if (new ConditionAnalysis(context.silent(), window).verdict(when, []).kind === 'true') return round;
  }
  return undefined;
}

export const endConditionsRule: SemanticRule = {
  id: 'end-conditions',
  summary: 'No end condition always holds, none holds whatever happens once a round before the last is over (leaving rounds unplayed), and none already holds when the exercise starts.',
  codes: ['end-always-true', 'rounds-never-played', 'end-holds-at-start'],
  check(context) {
    const s = context.scenario;
    if (s.endConditions.length === 0) return;
    // References are the conditions rule's to report: analyse in a context whose problems are dropped.
    const analysis = new ConditionAnalysis(context.silent());
    // The state the first round's end condition check would see if nothing happened in it.
    const start = { ...createExercise(s, 'validate'), round: 1 };
    s.endConditions.forEach((end, i) => {
      const path = ['endConditions', i, 'when'];
      const verdict = analysis.verdict(end.when, path);
      if (verdict.kind === 'true') {
        context.error('end-always-true', path, `end condition "${end.id}" always holds (${verdict.reason}), so it ends every exercise after round 1`);
        return;
      }
      if (verdict.kind === 'false') return;
      const endsAfter = firstRoundItDecides(context, end.when);
      if (endsAfter !== undefined) {
        context.error(
          'rounds-never-played',
          path,
          `end condition "${end.id}" holds whatever the players do once round ${endsAfter} is over, so every exercise ends there and ${unplayedRounds(s.rounds, endsAfter)} or change the condition`,
        );
        return;
      }
      let holds = false;
      try {
        holds = evaluate(end.when, s, start);
      } catch {
        holds = false; // an unknown reference, reported by the conditions rule
      }
      if (holds) {
        context.warning(
          'end-holds-at-start',
          path,
          `end condition "${end.id}" already holds when the exercise starts, so it ends the exercise after round 1 unless round 1 changes that`,
        );
      }
    });
  },
};
