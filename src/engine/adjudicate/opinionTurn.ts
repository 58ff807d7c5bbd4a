/**
 * Media and public opinion, at the end of each round: each government's
 * public gives its account the attention the news cycle leaves it, and its
 * trust moves with what the government said (or did not say) and with
 * evidence that contradicts what it said before. Trust then moves the
 * government's domestic pressure (rules/publicOpinion.ts) and the reach of
 * the adversary's information operations. Rules and grounding:
 * docs/rules.md ("Media and public opinion").
 */
import { attributionStage, misled, verificationStage } from '../rules/readers';
import { teamName } from '../rules/scenarioIndex';
import { say, type MessageKey } from '../messages';
import { meanTrust } from '../rules/publicOpinion';
import type { Work } from '../rules/work';
import type { PublicOpinion } from '../scenario/schema';
import type { PublicState, ResolvedDecision, ScoreRule } from '../types';

interface NewsOfTheRound {
  /** 0-1: how much of the public's attention the news takes. */
  crowding: number;
  /** The headlines that took it, by title. */
  titles: string[];
  leaks: { title: string; teams: string[] | undefined }[];
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** What occupied the news cycle this round: the scenario's news items among the injects delivered in it. */
function newsOfTheRound(work: Work, section: PublicOpinion): NewsOfTheRound {
  const delivered = work.state.injects.delivered.filter((d) => d.round === work.state.round && d.inject !== null);
  const items = section.newsCycle.flatMap((item) => {
    const d = delivered.find((x) => x.inject === item.inject);
    return d ? [{ item, title: d.title }] : [];
  });
  return {
    crowding: clamp(items.reduce((sum, x) => sum + x.item.share, 0), 0, 1),
    titles: items.map((x) => `"${x.title}"`),
    leaks: items.filter((x) => x.item.leak).map((x) => ({ title: x.title, teams: x.item.teams })),
  };
}

/** A public statement: an attribution, or saying in public that one is not in a position to attribute. */
function isStatement(work: Work, decision: ResolvedDecision): boolean {
  return decision.effective && work.index.actions.get(decision.action)?.category === 'attribution';
}

export function advanceOpinion(work: Work, resolved: ResolvedDecision[]): void {
  const section = work.scenario.publicOpinion;
  const opinion = work.state.opinion;
  if (!section || !opinion) return;
  const news = newsOfTheRound(work, section);
  for (const p of section.publics) {
    const statements = resolved.filter((d) => d.team === p.team && isStatement(work, d));
    const publicNow = opinion.publics[p.team]!;
    const next: PublicState = { trust: publicNow.trust, attention: 0, why: [] };
    if (statements.length > 0) hearStatements(work, section, news, statements, next);
    else if (news.leaks.some((leak) => !leak.teams || leak.teams.includes(p.team))) keepSilence(section, news, next);
    weighClaims(work, section, p.team, next);
    recordClaims(work, statements);
    next.trust = Math.round(clamp(next.trust, 0, 100));
    opinion.publics[p.team] = next;
    if (next.why.length > 0) work.log({ kind: 'resolution', audience: { teams: [p.team] }, team: p.team, text: say('opinion.yourPublic', { why: next.why.join(' ') }) });
  }
  spreadInfluence(work, section);
}

/**
 * A statement holds what the news leaves of the public's attention, varied
 * by chance, and further when made jointly; trust gains in proportion. Each
 * statement's score carries the sentence (it explains, it does not score).
 */
function hearStatements(work: Work, section: PublicOpinion, news: NewsOfTheRound, statements: ResolvedDecision[], next: PublicState): void {
  const joint = statements.some((d) => d.joint.length >= 2);
  const variation = 1 + section.jitter * (2 * work.rng.next() - 1);
  next.attention = Math.round(clamp(100 * (1 - news.crowding) * (joint ? section.jointReach : 1) * variation, 0, 100));
  const gained = Math.round((section.statementTrust * next.attention) / 100);
  // statementTrust is never negative, so neither is the gain.
  next.trust += gained;
  const crowded = news.titles.length > 0 ? say('part.crowded', { titles: news.titles }) : '';
  const together = joint ? say('part.together') : '';
  const why = say('opinion.heard', { attention: next.attention, crowded, together, gained });
  next.why.push(why);
  for (const d of statements) explainInScore(work, d, why);
}

/** Saying nothing while a leak that concerns one's public dominates the news costs trust, and so raises the pressure at home. */
function keepSilence(section: PublicOpinion, news: NewsOfTheRound, next: PublicState): void {
  next.trust -= section.silenceCost;
  next.why.push(say('opinion.silent', { leaks: news.leaks.map((l) => `"${l.title}"`), cost: section.silenceCost }));
}

/** A public attribution later contradicted costs trust, once: retracted, exposed as following a false flag, or contradicted by a verification body. */
function weighClaims(work: Work, section: PublicOpinion, team: string, next: PublicState): void {
  const opinion = work.state.opinion!;
  opinion.claims.forEach((claim, i) => {
    if (claim.team !== team || claim.contradicted) return;
    const why = contradiction(work, claim.incident, team, claim.decoy);
    if (!why) return;
    opinion.claims[i] = { ...claim, contradicted: true };
    next.trust -= section.contradictionCost;
    next.why.push(say(why, { incident: work.index.incidents.get(claim.incident)?.name ?? claim.incident, round: claim.round, cost: section.contradictionCost }));
  });
}

function contradiction(work: Work, incident: string, team: string, decoy: boolean): MessageKey | null {
  if (attributionStage(work.state, incident, team) === 'retracted') return 'opinion.retracted';
  if (decoy && !misled(work.state, incident, team)) return 'opinion.falseFlag';
  if (work.state.verifications && verificationStage(work.state, incident) === 'contradicted') return 'opinion.contradicted';
  return null;
}

function recordClaims(work: Work, statements: ResolvedDecision[]): void {
  const opinion = work.state.opinion!;
  for (const d of statements) {
    if (!d.incident || work.index.actions.get(d.action)?.attributionStance) continue;
    if (opinion.claims.some((c) => c.team === d.team && c.incident === d.incident && !c.contradicted)) continue;
    opinion.claims.push({ team: d.team, incident: d.incident, round: d.round, decoy: misled(work.state, d.incident, d.team), contradicted: false });
  }
}

/** The score of a statement says how far it carried: the news cycle bears on its effect, not on its proportionality. */
function explainInScore(work: Work, decision: ResolvedDecision, why: string): void {
  const rule: ScoreRule = { id: 'news-cycle', effect: say('effect.explained'), why: say('opinion.heardIt', { team: teamName(work.scenario, decision.team), why }) };
  const at = work.state.decisions.findIndex((d) => d.id === decision.id);
  if (at < 0) return;
  // The decision history is append-only: the entry is replaced, never changed in place.
  const entry = work.state.decisions[at]!;
  work.state.decisions[at] = { ...entry, proportionality: { ...entry.proportionality, rules: [...entry.proportionality.rules, rule] } };
}

/**
 * The adversary's information operations reach as far as the publics
 * distrust their governments' account, less what platforms took down or
 * disclosed; at full reach each adds its harmPerRound.
 */
function spreadInfluence(work: Work, section: PublicOpinion): void {
  const influence = section.influence;
  const opinion = work.state.opinion!;
  if (!influence) return;
  for (const incident of influence.incidents) {
    if (!work.state.incidents[incident]?.active) continue;
    const reach = Math.round(clamp(100 - meanTrust(work.state) - (opinion.narrowed[incident] ?? 0), 0, 100));
    opinion.reach[incident] = reach;
    const harm = work.state.incidents[incident]!;
    harm.harm = Math.min(10, Math.round((harm.harm + (influence.harmPerRound * reach) / 100) * 100) / 100);
  }
}
