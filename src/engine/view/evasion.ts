/**
 * The evasion channels as a viewer may know them (sanctions.evasion): a team
 * sees the channels it knows of, the facilitator and observers see them all,
 * every team at the debrief (rules/visibility.ts, "addressed", owned by the
 * governments that know of the channel).
 */
import { channelStage, leakNow } from '../rules/evasion';
import { sees } from '../rules/visibility';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import type { EvasionChannelView, Viewer } from './types';

export function evasionView(scenario: Scenario, state: ExerciseState, viewer: Viewer, debrief: boolean): EvasionChannelView[] {
  const evasion = scenario.sanctions.evasion;
  if (!evasion || !state.evasion) return [];
  return evasion.channels
    .filter((c) => sees('addressed', viewer, debrief, state.evasion![c.id]!.known))
    .map((c) => {
      const channel = state.evasion![c.id]!;
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        description: c.description,
        stage: channelStage(state, c.id),
        leak: Math.round(leakNow(state, c) * 1000) / 1000,
        opened: channel.opened,
        pressure: Math.round((channel.chart.context.pressure as number) * 1000) / 1000,
        narrowAt: evasion.narrowAt,
        closeAt: evasion.closeAt,
        exposed: c.exposed.map((e) => ({ ...e })),
        steps: channel.steps.map((s) => ({ team: s.team, step: s.step, round: s.round, counted: s.counted, ...(s.costs ? { costs: s.costs.map((x) => ({ ...x })) } : {}) })),
      };
    });
}
