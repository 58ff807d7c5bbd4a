/** Sanctions packages: opening, coordination per jurisdiction (EU unanimity), review, sunset and court challenges. */
import { SANCTIONS_IN_FORCE, sanctionsMachine } from '../machines/sanctions';
import { regionState, sendToChart, startChart } from '../machines/chart';
import { teamName } from '../rules/scenarioIndex';
import { notifyListed, submitObservations, weighObservations } from './listedPersons';
import type { Work } from '../rules/work';
import type { Action } from '../scenario/schema';
import type { JointProposal, PlannedDecision, SanctionsPackage } from '../types';
import { say, type MessageKey } from '../messages';

const IN_FORCE = SANCTIONS_IN_FORCE;

export function packagesInForce(work: Work): SanctionsPackage[] {
  return Object.values(work.state.sanctions).filter((p) => IN_FORCE.includes(regionState(p.chart, 'status')));
}

/** A second decision for the same measure on the same incident renews a package under review instead of opening another. */
export function openOrRenewPackage(work: Work, item: PlannedDecision, action: Action, joint: string[], substantiation: number): string {
  const existing = Object.values(work.state.sanctions).find(
    (p) => p.action === action.id && p.incident === item.incident && p.teams.includes(item.team) && IN_FORCE.includes(regionState(p.chart, 'status')),
  );
  if (existing) {
    if (regionState(existing.chart, 'status') !== 'review') return say('sanctions.alreadyInForce', { package: action.name });
    existing.chart = sendToChart(sanctionsMachine, existing.chart, { type: 'RENEW' });
    return say('sanctions.renewed', { package: action.name });
  }
  if (item.proposal && Object.values(work.state.sanctions).some((p) => p.id === `s-${item.proposal}`)) {
    return say('sanctions.proposedJointly', { package: action.name });
  }
  const id = item.proposal ? `s-${item.proposal}` : work.nextId('s');
  work.state.sanctions[id] = {
    id,
    action: action.id,
    teams: joint.length > 0 ? joint : [item.team],
    incident: item.incident,
    round: work.state.round,
    jurisdictions: action.sanctions!.jurisdictions,
    options: item.options,
    substantiation,
    chart: startChart(sanctionsMachine, {
      jurisdictions: action.sanctions!.jurisdictions,
      reviewAfter: work.scenario.sanctions.reviewAfterRounds,
      sunset: !!item.options.sunset,
    }),
  };
  return say('sanctions.coordination', { package: action.name });
}

export function liftPackagesOf(work: Work, team: string): number {
  let lifted = 0;
  for (const pkg of packagesInForce(work)) {
    if (!pkg.teams.includes(team)) continue;
    pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'LIFT' });
    lifted += 1;
  }
  return lifted;
}

/** Coordinates this round's new packages and moves older ones through review and the courts. Returns headlines. */
export function advanceSanctions(work: Work, proposals: JointProposal[]): string[] {
  const headlines: string[] = [];
  for (const pkg of Object.values(work.state.sanctions)) {
    const name = work.index.actions.get(pkg.action)?.name ?? pkg.action;
    const before = regionState(pkg.chart, 'status');
    const listed: (string | null)[] = [];
    if (pkg.round === work.state.round) coordinate(work, pkg, proposals);
    else listed.push(...advanceInForce(work, pkg));
    const after = regionState(pkg.chart, 'status');
    // The review's own headline says why a listing was delisted; the status line would only repeat it.
    if (after !== before && after !== 'delisted') {
      const text = describeStatus(name, after);
      headlines.push(text);
      work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text });
    }
    if (before === 'coordinating' && after === 'inForce') listed.push(notifyListed(work, pkg));
    headlines.push(...listed.filter((h): h is string => h !== null));
  }
  return headlines;
}

function coordinate(work: Work, pkg: SanctionsPackage, proposals: JointProposal[]): void {
  const proposal = proposals.find((p) => `s-${p.id}` === pkg.id);
  for (const jurisdiction of pkg.jurisdictions) {
    if (jurisdiction === 'EU') {
      const vetoedBy = Object.entries(proposal?.responses ?? {}).find(([team, r]) => !r.join && work.index.teams.get(team)?.euMember)?.[0];
      if (vetoedBy || work.rng.chance(work.scenario.sanctions.euVetoChance)) {
        pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'VETO' });
        const text = vetoedBy ? say('sanctions.vetoedBy', { who: teamName(work.scenario, vetoedBy) }) : say('sanctions.vetoedByAnother');
        work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text });
        return;
      }
    }
    pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'JURISDICTION_ADOPTED', jurisdiction });
  }
}

/**
 * How likely the court is to annul a challenged listing: the full chance
 * without a statement of reasons; with one, less the better it is
 * substantiated (Commission v Kadi, 2013: reasons must be made out with evidence).
 */
export function annulmentChance(base: number, pkg: Pick<SanctionsPackage, 'options' | 'substantiation'>): number {
  if (!pkg.options.statementOfReasons) return base;
  return base * (1 - REASONS_WEIGHT * (pkg.substantiation ?? 0.75));
}

/** How much of the annulment risk a fully substantiated statement of reasons removes. */
export const REASONS_WEIGHT = 0.9;

/**
 * Listings face the courts, and the reasons given decide the ruling; the
 * listed may submit observations, which the review weighs. Returns the
 * listed persons' headlines.
 */
function advanceInForce(work: Work, pkg: SanctionsPackage): (string | null)[] {
  const status = regionState(pkg.chart, 'status');
  if (!IN_FORCE.includes(status)) return [];
  const challenge = regionState(pkg.chart, 'challenge');
  const rules = work.scenario.sanctions;
  if (challenge === 'pending') {
    const annul = work.rng.chance(annulmentChance(rules.annulmentChanceWithoutReasons, pkg));
    pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'COURT_RULING', annul });
  } else if (challenge === 'none' && work.rng.chance(rules.challengeChance)) {
    pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'FILE_CHALLENGE' });
    work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text: say('sanctions.challenged') });
  }
  if (!IN_FORCE.includes(regionState(pkg.chart, 'status'))) return [];
  const observed = submitObservations(work, pkg);
  pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'ROUND_ENDED' });
  const reviewed = status === 'inForce' && regionState(pkg.chart, 'status') === 'review' ? weighObservations(work, pkg) : null;
  return [observed, reviewed];
}

/** The sentence that says a package's new status, by status. */
const STATUS_SENTENCES: Partial<Record<string, MessageKey>> = {
  inForce: 'sanctions.inForce',
  review: 'sanctions.underReview',
  blocked: 'sanctions.blocked',
  lifted: 'sanctions.lifted',
  expired: 'sanctions.expired',
  annulled: 'sanctions.annulled',
  delisted: 'sanctions.delisted',
};

function describeStatus(name: string, status: string): string {
  const key = STATUS_SENTENCES[status];
  return key ? say(key, { package: name }) : `${name}: ${status}.`;
}
