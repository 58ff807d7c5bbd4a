/**
 * The listed persons' side of a listing (scenario.sanctions.listedPersons):
 * they are notified of the listing and its grounds when it enters into
 * force, may submit observations in each round after, and the periodic
 * review weighs those observations against the reasons: weak reasons do not
 * answer them and the persons are delisted; strong reasons maintain the
 * listing. Regulation (EU) 2019/796, Art. 13(2)-(4); Decision (CFSP)
 * 2019/797, Art. 6(2)-(3). Relisting after a delisting: rules/listing.ts.
 */
import { sanctionsMachine } from '../machines/sanctions';
import { sendToChart } from '../machines/chart';
import { listedPersonsRules } from '../rules/listing';
import type { Work } from '../rules/work';
import { caseFileBacks } from '../scoring/basis';
import type { ListedPersons } from '../scenario/schema';
import type { ListedPersonsFile, SanctionsPackage } from '../types';
import { say } from '../messages';

/** "EU cyber-sanctions listing on "NotPetya"": the listing as the feed names it. */
/** The listing's action and incident by name, for the sentences about it. */
function listing(work: Work, pkg: SanctionsPackage): { action: string; incident?: string } {
  const action = work.index.actions.get(pkg.action)?.name ?? pkg.action;
  const incident = pkg.incident ? work.index.incidents.get(pkg.incident)?.name : undefined;
  return incident ? { action, incident } : { action };
}

/** A sentence about the listing: the key's variant naming the incident when there is one (key + "On"). */
function sayListing(work: Work, pkg: SanctionsPackage, key: 'listed.notified' | 'listed.observations' | 'listed.delisted' | 'listed.maintained' | 'listed.reviewOf'): string {
  const params = listing(work, pkg);
  return say(params.incident ? `${key}On` : key, params);
}

/** On entry into force the listed are notified of the listing and its grounds. Returns the headline, or null when the scenario gives them no rights. */
export function notifyListed(work: Work, pkg: SanctionsPackage): string | null {
  if (!listedPersonsRules(work.scenario, pkg.action)) return null;
  pkg.listed = { notified: work.state.round, caseFile: caseFileBacks(work.scenario, work.state, pkg.incident), observations: [] };
  const text = sayListing(work, pkg, 'listed.notified');
  work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text });
  return text;
}

/** In each round after the notification, while none are on file, the listed submit observations with the scenario's chance. Returns the headline, if any. */
export function submitObservations(work: Work, pkg: SanctionsPackage): string | null {
  const rules = listedPersonsRules(work.scenario, pkg.action);
  const file = pkg.listed;
  if (!rules || !file || file.observations.length > 0 || work.state.round <= file.notified) return null;
  if (!work.rng.chance(rules.observationChance)) return null;
  // The package was copied one level for this command: its file is replaced, never changed in place.
  pkg.listed = { ...file, observations: [work.state.round] };
  const text = sayListing(work, pkg, 'listed.observations');
  work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text });
  return text;
}

/**
 * Why the listing's reasons are weak, or null when they are strong: no
 * statement of reasons, or one whose evidence component is below the
 * scenario's `weakBelow` with no case file or independent finding behind it.
 */
export function weakReasons(rules: ListedPersons, pkg: Pick<SanctionsPackage, 'options' | 'substantiation' | 'listed'>): string | null {
  if (!pkg.options.statementOfReasons) return say('part.noReasons');
  const evidence = pkg.substantiation ?? 0;
  if (evidence < rules.weakBelow && !pkg.listed?.caseFile) {
    return say('part.weakEvidence', { evidence, below: rules.weakBelow });
  }
  return null;
}

function strongReasons(rules: ListedPersons, pkg: SanctionsPackage): string {
  const evidence = pkg.substantiation ?? 0;
  return pkg.listed?.caseFile ? say('part.caseFileBacks', { evidence }) : say('part.strongEvidence', { evidence, below: rules.weakBelow });
}

/**
 * The review weighs the observations on file against the reasons: weak
 * reasons delist the persons, strong ones maintain the listing. The public
 * hears the decision; the governments that took the listing also hear the
 * evidence it turned on (their decision's score). Returns the headline, if any.
 */
export function weighObservations(work: Work, pkg: SanctionsPackage): string | null {
  const rules = listedPersonsRules(work.scenario, pkg.action);
  const file = pkg.listed;
  if (!rules || !file || file.observations.length === 0) return null;
  const weak = weakReasons(rules, pkg);
  const review: ListedPersonsFile['review'] = weak
    ? { round: work.state.round, result: 'delisted', why: say('listed.prevail', { weak }) }
    : { round: work.state.round, result: 'maintained', why: say('listed.isMaintained', { strong: strongReasons(rules, pkg) }) };
  pkg.listed = { ...file, observations: [], review };
  if (weak) pkg.chart = sendToChart(sanctionsMachine, pkg.chart, { type: 'DELIST' });
  const headline = sayListing(work, pkg, weak ? 'listed.delisted' : 'listed.maintained');
  work.log({ kind: 'sanctions', audience: 'all', ref: pkg.id, text: headline });
  work.log({ kind: 'sanctions', audience: { teams: [...pkg.teams] }, ref: pkg.id, text: `${sayListing(work, pkg, 'listed.reviewOf')} ${review.why}` });
  return headline;
}
