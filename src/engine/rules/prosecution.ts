/**
 * Whether a team may take a step of a criminal case now: join the joint
 * investigation team, ask a state for legal assistance, indict, have a
 * warrant issued, or demand that the adversary prosecute or extradite. One
 * rule book for accepting drafts, showing availability and the bots
 * (through rules/decisions.ts). Grounding: docs/rules.md ("Joint
 * investigation and prosecution").
 */
import { regionState } from '../machines/chart';
import { CHARGED_STATES } from '../machines/prosecution';
import type { Action, Scenario } from '../scenario/schema';
import type { ExerciseState, Rejection } from '../types';
import { reject } from './decisions';
import { caseStage } from './readers';
import { indexOf } from './scenarioIndex';
import { say } from '../messages';

/**
 * A government's courts reach an incident with a nexus to its territory:
 * the incident names it among its injured, or the scenario's jurisdictions
 * give it one (victims, servers or effects there).
 */
export function hasNexus(scenario: Scenario, team: string, incident: string): boolean {
  if (indexOf(scenario).incidents.get(incident)?.injured?.includes(team)) return true;
  return scenario.prosecution?.jurisdictions.some((j) => j.team === team && j.incidents.includes(incident)) ?? false;
}

/** The governments whose courts reach the incident, in scenario order. */
export function nexusTeams(scenario: Scenario, incident: string): string[] {
  return indexOf(scenario).teamIds.filter((team) => hasNexus(scenario, team, incident));
}

export function checkProsecutionStep(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string | null): Rejection | null {
  const step = action.prosecution;
  if (!step) return null;
  if (!scenario.prosecution || !state.cases) return reject('NOT_AVAILABLE', say('refusal.noCriminalCase', { action: action.name }));
  // An unknown or missing incident is refused by the incident checks.
  const def = incident ? indexOf(scenario).incidents.get(incident) : undefined;
  if (!incident || !def) return null;
  const kase = state.cases[incident];
  const stage = caseStage(state, incident);
  const teamName = indexOf(scenario).teams.get(team)?.name ?? team;
  if ((step === 'indict' || step === 'arrestWarrant') && !hasNexus(scenario, team, incident)) {
    const reach = nexusTeams(scenario, incident).map((t) => indexOf(scenario).teams.get(t)?.name ?? t);
    return reject(
      'NO_JURISDICTION',
      say('refusal.noJurisdiction', { team: teamName, incident: def.name, territory: teamName, others: reach.length ? say('part.courtsOf', { teams: reach.join(', ') }) : '' }),
    );
  }
  if (stage === 'arrested') return reject('NOT_AVAILABLE', say('refusal.arrested', { incident: def.name }));
  switch (step) {
    case 'joinJit':
      return kase?.jit.includes(team) ? reject('ALREADY_TAKEN', say('refusal.alreadyInJit', { team: teamName, incident: def.name })) : null;
    case 'requestMla':
      return checkRequest(scenario, state, team, action, incident, def.name);
    case 'indict':
      return kase?.charged.includes(team) ? reject('ALREADY_TAKEN', say('refusal.alreadyIndicted', { team: teamName, incident: def.name })) : null;
    case 'arrestWarrant':
      if (!kase?.charged.includes(team)) return reject('NOT_AVAILABLE', say('refusal.warrantNeedsIndictment', { team: teamName, incident: def.name }));
      return kase.warrant ? reject('ALREADY_TAKEN', say('refusal.warrantOut', { incident: def.name })) : null;
    case 'demandProsecution':
      if (!CHARGED_STATES.includes(stage)) return reject('NOT_AVAILABLE', say('refusal.demandNeedsIndictment', { adversary: scenario.adversary.name, incident: def.name }));
      return kase?.refused ? reject('ALREADY_TAKEN', say('refusal.alreadyRefused', { adversary: scenario.adversary.name, incident: def.name })) : null;
  }
}

function checkRequest(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string, incidentName: string): Rejection | null {
  const to = scenario.prosecution!.mla.states.find((s) => s.id === action.requestedState);
  if (!to) return reject('NOT_AVAILABLE', say('refusal.noMlaState', { action: action.name }));
  const open = Object.values(state.mla ?? {}).some((r) => r.team === team && r.to === to.id && r.incident === incident && regionState(r.chart) === 'requested');
  return open ? reject('ALREADY_TAKEN', say('refusal.mlaPending', { state: to.name, incident: incidentName })) : null;
}
