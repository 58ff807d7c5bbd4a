/**
 * Actors beyond governments: the publics of media and public opinion
 * (publicOpinion) and the platforms and vendors governments send requests to
 * (platforms, and actions with a platform section). Each names governments,
 * injects, incidents and sources that must exist; a request needs a platform
 * and an incident to be about.
 */
import type { RuleContext, SemanticRule } from './context';

function checkOpinion(context: RuleContext): void {
  const section = context.scenario.publicOpinion;
  if (!section) return;
  const path = ['publicOpinion'];
  const seen = new Set<string>();
  section.publics.forEach((p, i) => {
    const at = [...path, 'publics', i];
    if (!context.ref('team', p.team, [...at, 'team'])) return;
    if (seen.has(p.team)) context.error('duplicate-public', [...at, 'team'], `team "${p.team}" has a public already: give each government one public`);
    seen.add(p.team);
    if (context.scenario.teams.find((t) => t.id === p.team)?.kind === 'institution') {
      context.error('public-of-institution', [...at, 'team'], `team "${p.team}" is an institution: only a government answers to a public, and only a government pays domestic pressure`);
    }
    p.sources.forEach((s, k) => context.ref('source', s, [...at, 'sources', k]));
  });
  const news = new Set<string>();
  section.newsCycle.forEach((item, i) => {
    const at = [...path, 'newsCycle', i];
    if (context.ref('inject', item.inject, [...at, 'inject'])) {
      if (news.has(item.inject)) context.error('duplicate-news-item', [...at, 'inject'], `inject "${item.inject}" is in the news cycle twice: give it one share`);
      news.add(item.inject);
    }
    item.teams?.forEach((t, k) => context.ref('team', t, [...at, 'teams', k]));
    item.sources.forEach((s, k) => context.ref('source', s, [...at, 'sources', k]));
  });
  section.influence?.incidents.forEach((id, i) => context.ref('incident', id, [...path, 'influence', 'incidents', i]));
  section.sources.forEach((s, k) => context.ref('source', s, [...path, 'sources', k]));
}

function checkPlatforms(context: RuleContext): void {
  const platforms = context.scenario.platforms;
  if (!platforms) return;
  const ids = new Set<string>();
  const influence = context.scenario.publicOpinion?.influence?.incidents ?? [];
  platforms.forEach((platform, i) => {
    const at = ['platforms', i];
    if (ids.has(platform.id)) context.error('duplicate-platform', [...at, 'id'], `platform id "${platform.id}" is used twice: each platform needs its own id`);
    ids.add(platform.id);
    platform.incidents.forEach((id, k) => context.ref('incident', id, [...at, 'incidents', k]));
    platform.duties.forEach((duty, d) => {
      duty.teams.forEach((t, k) => context.ref('team', t, [...at, 'duties', d, 'teams', k]));
      duty.sources.forEach((s, k) => context.ref('source', s, [...at, 'duties', d, 'sources', k]));
    });
    platform.sources.forEach((s, k) => context.ref('source', s, [...at, 'sources', k]));
    if (platform.reachCut > 0 && !platform.incidents.some((id) => influence.includes(id))) {
      context.warning(
        'reach-without-influence',
        [...at, 'reachCut'],
        `platform "${platform.id}" cuts the adversary's reach by ${platform.reachCut}, but none of its incidents is among publicOpinion.influence.incidents: its takedowns and disclosures narrow nothing`,
      );
    }
  });
}

function checkRequests(context: RuleContext): void {
  const platforms = context.scenario.platforms ?? [];
  context.scenario.actions.forEach((action, i) => {
    if (!action.platform) return;
    const at = ['actions', i, 'platform'];
    if (!platforms.some((p) => p.id === action.platform!.company)) {
      const known = [...new Set(platforms.map((p) => p.id))];
      context.error(
        'unknown-platform',
        [...at, 'company'],
        known.length === 0
          ? `action "${action.id}" sends a request to platform "${action.platform.company}", but the scenario has no platforms section`
          : `action "${action.id}" sends a request to platform "${action.platform.company}", which is not in the platforms section (known: ${known.join(', ')})`,
      );
    }
    if (!action.targetsIncident) {
      context.error('platform-request-without-incident', [...at], `action "${action.id}" sends a request to a platform but does not target an incident (targetsIncident is false): a request is about an incident`);
    }
  });
}

export const actorsRule: SemanticRule = {
  id: 'actors',
  summary: "The publics and platforms name governments, injects, incidents and sources that exist; a request to a platform names one and targets an incident.",
  codes: [
    'unknown-team',
    'unknown-inject',
    'unknown-incident',
    'unknown-source',
    'duplicate-public',
    'public-of-institution',
    'duplicate-news-item',
    'duplicate-platform',
    'reach-without-influence',
    'unknown-platform',
    'platform-request-without-incident',
  ],
  check: (context) => {
    checkOpinion(context);
    checkPlatforms(context);
    checkRequests(context);
  },
};
