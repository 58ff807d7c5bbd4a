/**
 * Sanctions evasion (sanctions.evasion): channels have distinct ids, route
 * around sanctions actions that exist and open packages, and name exposed
 * teams that exist, once each; enforcement steps need the section, name
 * channels it declares, target no incident and take no other kind of step;
 * a broad reach belongs to a designation; and each channel can be opened
 * and reached.
 */
import type { Path } from '../paths';
import type { RuleContext, SemanticRule } from './context';

function checkSection(context: RuleContext): void {
  const s = context.scenario;
  const evasion = s.sanctions.evasion;
  if (!evasion) return;
  const path: Path = ['sanctions', 'evasion'];
  if (evasion.closeAt < evasion.narrowAt) {
    context.error('close-below-narrow', [...path, 'closeAt'], `sanctions.evasion.closeAt (${evasion.closeAt}) is below narrowAt (${evasion.narrowAt}): a channel must narrow before it closes`);
  }
  evasion.sources.forEach((source, k) => context.ref('source', source, [...path, 'sources', k]));
  const sanctionsActions = s.actions.filter((a) => a.sanctions);
  if (sanctionsActions.length === 0) {
    context.warning('nothing-to-evade', path, 'the scenario declares evasion channels, but no action opens a sanctions package (a "sanctions" section): no channel can ever open');
  }
  const seen = new Set<string>();
  evasion.channels.forEach((channel, i) => {
    const at: Path = [...path, 'channels', i];
    if (seen.has(channel.id)) context.error('duplicate-channel', [...at, 'id'], `evasion channel id "${channel.id}" is used twice: each channel needs its own id`);
    seen.add(channel.id);
    channel.sanctions?.forEach((id, k) => {
      if (!context.ref('action', id, [...at, 'sanctions', k])) return;
      if (!s.actions.find((a) => a.id === id)!.sanctions) {
        context.error('channel-without-sanctions', [...at, 'sanctions', k], `evasion channel "${channel.id}" routes around action "${id}", which opens no sanctions package (it has no "sanctions" section): only sanctions can be evaded`);
      }
    });
    const exposed = new Set<string>();
    channel.exposed.forEach((e, k) => {
      context.ref('team', e.team, [...at, 'exposed', k, 'team']);
      if (exposed.has(e.team)) context.error('duplicate-exposure', [...at, 'exposed', k, 'team'], `evasion channel "${channel.id}" lists team "${e.team}" among the exposed twice: give its share once`);
      exposed.add(e.team);
    });
    channel.sources.forEach((source, k) => context.ref('source', source, [...at, 'sources', k]));
    if (channel.openChance === 0) {
      context.warning('channel-never-opens', [...at, 'openChance'], `evasion channel "${channel.id}" has openChance 0: the adversary never opens it, so nothing can be enforced against it`);
    }
  });
}

function checkActions(context: RuleContext): void {
  const s = context.scenario;
  const channels = s.sanctions.evasion?.channels ?? [];
  const ids = channels.map((c) => c.id);
  s.actions.forEach((action, i) => {
    const spec = action.evasion;
    if (!spec) return;
    const path: Path = ['actions', i, 'evasion'];
    if (!s.sanctions.evasion) {
      context.error('no-evasion', path, `action "${action.id}" takes a step of enforcement against evasion ("${spec.step}"), but the scenario has no sanctions.evasion section`);
      return;
    }
    if (action.targetsIncident) {
      context.error('evasion-targets-incident', ['actions', i, 'targetsIncident'], `action "${action.id}" works on evasion channels, not on an incident: set "targetsIncident": false`);
    }
    const other = (['sanctions', 'prosecution', 'verification', 'dispute'] as const).find((k) => action[k] !== undefined);
    if (other) {
      context.error('evasion-with-other-step', path, `action "${action.id}" takes a step of enforcement against evasion and has a "${other}" section too: make them two actions`);
    }
    if (spec.reach === 'broad' && spec.step !== 'designate') {
      context.error('reach-without-designation', [...path, 'reach'], `action "${action.id}" has a broad reach, but only a designation ("step": "designate") reaches anyone; its step is "${spec.step}"`);
    }
    spec.channels.forEach((id, k) => {
      if (!ids.includes(id)) {
        context.error('unknown-channel', [...path, 'channels', k], `action "${action.id}" names evasion channel "${id}", which sanctions.evasion.channels does not declare (${ids.map((x) => `"${x}"`).join(', ')})`);
      }
    });
    if (spec.step === 'screen') {
      const takers = context.eligibleTeams(action).map((t) => t.id);
      const reachable = channels.filter((c) => spec.channels.includes(c.id)).some((c) => c.exposed.some((e) => e.share > 0 && takers.includes(e.team)));
      if (!reachable) {
        context.warning('screening-never-possible', [...path, 'channels'], `no team that may take "${action.id}" is exposed to any of its channels: screening binds only firms in a government's own jurisdiction, so every draft would be refused`);
      }
    }
  });
}

export const evasionRule: SemanticRule = {
  id: 'evasion',
  summary: 'Evasion channels have their own ids, route around sanctions actions and name exposed teams; enforcement steps name declared channels, target no incident and take no other step.',
  codes: [
    'close-below-narrow',
    'nothing-to-evade',
    'duplicate-channel',
    'unknown-action',
    'channel-without-sanctions',
    'unknown-team',
    'duplicate-exposure',
    'unknown-source',
    'channel-never-opens',
    'no-evasion',
    'evasion-targets-incident',
    'evasion-with-other-step',
    'reach-without-designation',
    'unknown-channel',
    'screening-never-possible',
  ],
  check(context) {
    checkSection(context);
    checkActions(context);
  },
};
