/**
 * Platforms and vendors, as rules read them: whether a government may send a
 * request now, and which duty (if any) obliges the platform to comply with
 * it. One rule book for accepting drafts, showing availability and the bots
 * (through rules/decisions.ts). Grounding: docs/rules.md ("Platforms and
 * vendors").
 */
import { regionState } from '../machines/chart';
import type { Action, Platform, PlatformRequestKind, Scenario } from '../scenario/schema';
import type { ExerciseState, PlatformRequest, Rejection } from '../types';
import { reject } from './decisions';
import { say, type TermKey } from '../messages';
import { indexOf } from './scenarioIndex';

/** What a government asks a platform to do: a phrase of the engine's catalogue (messages/templates.ts TERMS). */
export const REQUEST_TERMS: Record<PlatformRequestKind, TermKey> = {
  takedown: 'requestTakedown',
  disclosure: 'requestDisclosure',
  preservation: 'requestPreservation',
};

export function platformOf(scenario: Scenario, id: string): Platform | undefined {
  return scenario.platforms?.find((p) => p.id === id);
}

/** The duty that covers this request from this government: statutory or voluntary, or none (voluntary too, with no basis to cite). */
export function dutyFor(platform: Platform, team: string, request: PlatformRequestKind): Platform['duties'][number] | null {
  const covering = platform.duties.filter((d) => d.teams.includes(team) && d.requests.includes(request));
  return covering.find((d) => d.duty === 'statutory') ?? covering[0] ?? null;
}

/** Whether the platform must comply: a statutory duty in the requesting government's jurisdiction covers the request. */
export function mustComply(platform: Platform, team: string, request: PlatformRequestKind): boolean {
  return dutyFor(platform, team, request)?.duty === 'statutory';
}

/** Still open: requested or delayed. */
export function isOpen(request: PlatformRequest): boolean {
  const stage = regionState(request.chart);
  return stage === 'requested' || stage === 'delayed';
}

export function checkPlatformRequest(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): Rejection | null {
  const ask = action.platform;
  if (!ask) return null;
  const platform = platformOf(scenario, ask.company);
  if (!platform || !state.platformRequests) return reject('NOT_AVAILABLE', say('refusal.noPlatform', { action: action.name }));
  // An unknown or missing incident is refused by the incident checks.
  const def = incident ? indexOf(scenario).incidents.get(incident) : undefined;
  if (!incident || !def) return null;
  const mine = Object.values(state.platformRequests).filter((r) => r.team === team && r.platform === platform.id && r.incident === incident && r.request === ask.request);
  if (mine.some(isOpen)) return reject('ALREADY_TAKEN', say('refusal.platformPending', { platform: platform.name, request: REQUEST_TERMS[ask.request], incident: def.name }));
  if (mine.some((r) => regionState(r.chart) === 'disclosed' || regionState(r.chart) === 'cooperating')) {
    return reject('ALREADY_TAKEN', say('refusal.platformAgreed', { platform: platform.name, request: REQUEST_TERMS[ask.request], incident: def.name }));
  }
  return null;
}
