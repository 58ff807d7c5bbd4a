/**
 * The actors beyond governments as a viewer may see them: its own public's
 * trust and attention (every public for the facilitator and observers, and
 * at the debrief: the "attribution" rule of rules/visibility.ts), the
 * adversary's reach (public), the platforms and their duties (public), and
 * its own government's requests (the "addressed" rule).
 */
import { regionState } from '../machines/chart';
import { domesticPressureOf } from '../rules/publicOpinion';
import { indexOf } from '../rules/scenarioIndex';
import { sees } from '../rules/visibility';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import type { ActorsView, Viewer } from './types';

export function actorsView(scenario: Scenario, state: ExerciseState, viewer: Viewer, debrief: boolean): ActorsView | null {
  if (!scenario.publicOpinion && !scenario.platforms) return null;
  const index = indexOf(scenario);
  const publics = (scenario.publicOpinion?.publics ?? [])
    .filter((p) => sees('attribution', viewer, debrief, p.team))
    .map((p) => {
      const now = state.opinion?.publics[p.team];
      return {
        team: p.team,
        name: index.teams.get(p.team)?.name ?? p.team,
        trust: now?.trust ?? p.trust,
        attention: now?.attention ?? 0,
        pressure: domesticPressureOf(scenario, state, p.team),
        why: [...(now?.why ?? [])],
      };
    });
  const reach = Object.entries(state.opinion?.reach ?? {}).map(([incident, value]) => ({ incident, name: index.incidents.get(incident)?.name ?? incident, value }));
  const requests = Object.values(state.platformRequests ?? {}).filter((r) => sees('addressed', viewer, debrief, r.team));
  const platforms = (scenario.platforms ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    duties: p.duties.map((d) => ({ teams: [...d.teams], duty: d.duty, requests: [...d.requests], basis: d.basis })),
    requests: requests
      .filter((r) => r.platform === p.id)
      .map((r) => ({ id: r.id, team: r.team, request: r.request, incident: r.incident, round: r.round, stage: regionState(r.chart) })),
  }));
  return { publics, reach, platforms };
}
