/**
 * Further adversaries (otherAdversaries): each has an id of its own (none the
 * primary adversary's), at least one move, moves whose phases are its own, and
 * every incident's actor names one of them.
 */
import type { RuleContext, SemanticRule } from './context';

function check(context: RuleContext): void {
  const { scenario } = context;
  const actors = scenario.otherAdversaries ?? [];
  const ids = new Set<string>([scenario.adversary.id]);
  actors.forEach((actor, a) => {
    const at = ['otherAdversaries', a];
    if (actor.id === scenario.adversary.id) {
      context.error('duplicate-actor', [...at, 'id'], `further adversary id "${actor.id}" is the primary adversary's id: give each actor its own id`);
    } else if (ids.has(actor.id)) {
      context.error('duplicate-actor', [...at, 'id'], `further adversary id "${actor.id}" is used twice: give each actor its own id`);
    }
    ids.add(actor.id);
    if (actor.moves.length === 0) {
      context.error('actor-without-moves', [...at, 'moves'], `further adversary "${actor.id}" has no moves: it would react to the round but never act; give it moves or remove it`);
    }
    const phases = actor.phases.map((p) => p.id);
    const seenPhases = new Set<string>();
    actor.phases.forEach((phase, p) => {
      if (seenPhases.has(phase.id)) context.error('actor-duplicate-id', [...at, 'phases', p, 'id'], `phase id "${phase.id}" of "${actor.id}" is used twice`);
      seenPhases.add(phase.id);
    });
    const primaryMoves = new Set(scenario.adversary.moves.map((m) => m.id));
    const seenMoves = new Set<string>();
    actor.moves.forEach((move, m) => {
      if (seenMoves.has(move.id) || primaryMoves.has(move.id)) {
        context.error('actor-duplicate-id', [...at, 'moves', m, 'id'], `move id "${move.id}" of "${actor.id}" is used by another move: give each move its own id`);
      }
      seenMoves.add(move.id);
      move.phases?.forEach((phase, k) => {
        if (!phases.includes(phase)) {
          context.error('actor-unknown-phase', [...at, 'moves', m, 'phases', k], `unknown phase "${phase}" of "${actor.id}" (known: ${phases.join(', ')})`);
        }
      });
      if (move.chance === 0) {
        context.error('actor-move-never-happens', [...at, 'moves', m, 'chance'], `move "${move.id}" of "${actor.id}" has chance 0, so it never happens: raise the chance or remove the move`);
      }
    });
  });
  const known = actors.map((a) => a.id);
  scenario.incidents.forEach((incident, i) => {
    if (incident.actor === undefined || incident.actor === scenario.adversary.id || known.includes(incident.actor)) return;
    context.error(
      'unknown-actor',
      ['incidents', i, 'actor'],
      known.length === 0
        ? `incident "${incident.id}" names actor "${incident.actor}", but the scenario declares no otherAdversaries (leave actor out for the adversary "${scenario.adversary.id}")`
        : `incident "${incident.id}" names unknown actor "${incident.actor}" (known: ${[scenario.adversary.id, ...known].join(', ')})`,
    );
  });
}

export const otherAdversariesRule: SemanticRule = {
  id: 'otherAdversaries',
  summary: 'Further adversaries have ids of their own and moves, and incidents name actors that exist.',
  codes: ['duplicate-actor', 'actor-without-moves', 'actor-duplicate-id', 'actor-unknown-phase', 'actor-move-never-happens', 'unknown-actor'],
  check,
};
