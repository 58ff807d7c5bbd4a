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
  if (!scenario.prosecution || !state.cases) return reject('NOT_AVAILABLE', `${action.name} needs a criminal case, which this scenario does not provide.`);
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
      `The courts of ${teamName} have no jurisdiction over "${def.name}": none of its victims, servers or effects were on ${teamName}'s territory${reach.length ? ` (the courts of ${reach.join(', ')} have)` : ''}. Join a joint investigation team or share evidence with a government that can prosecute.`,
    );
  }
  if (stage === 'arrested') return reject('NOT_AVAILABLE', `The indicted in "${def.name}" have been arrested: the case is now for the courts.`);
  switch (step) {
    case 'joinJit':
      return kase?.jit.includes(team) ? reject('ALREADY_TAKEN', `${teamName} is already a member of the joint investigation team on "${def.name}".`) : null;
    case 'requestMla':
      return checkRequest(scenario, state, team, action, incident, def.name);
    case 'indict':
      return kase?.charged.includes(team) ? reject('ALREADY_TAKEN', `${teamName} has already indicted on "${def.name}".`) : null;
    case 'arrestWarrant':
      if (!kase?.charged.includes(team)) return reject('NOT_AVAILABLE', `An arrest warrant needs an indictment by ${teamName} on "${def.name}" first: a court issues it on the charges.`);
      return kase.warrant ? reject('ALREADY_TAKEN', `An arrest warrant on "${def.name}" is already out.`) : null;
    case 'demandProsecution':
      if (!CHARGED_STATES.includes(stage)) return reject('NOT_AVAILABLE', `Demanding that ${scenario.adversary.name} prosecute or extradite needs an indictment on "${def.name}": there is no one charged yet.`);
      return kase?.refused ? reject('ALREADY_TAKEN', `${scenario.adversary.name} has already refused to prosecute or extradite the indicted in "${def.name}".`) : null;
  }
}

function checkRequest(scenario: Scenario, state: ExerciseState, team: string, action: Action, incident: string, incidentName: string): Rejection | null {
  const to = scenario.prosecution!.mla.states.find((s) => s.id === action.requestedState);
  if (!to) return reject('NOT_AVAILABLE', `${action.name} names no state this scenario lets you ask for legal assistance.`);
  const open = Object.values(state.mla ?? {}).some((r) => r.team === team && r.to === to.id && r.incident === incident && regionState(r.chart) === 'requested');
  return open ? reject('ALREADY_TAKEN', `Your request to ${to.name} on "${incidentName}" is still awaiting an answer.`) : null;
}
