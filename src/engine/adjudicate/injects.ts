/** Delivering injects: scheduled, conditional, queued by an effect, or released by the facilitator. */
import { evaluate } from '../conditions';
import { applyEffects } from '../effects';
import type { Inject } from '../scenario/schema';
import type { AdhocInject, InjectDelivery } from '../types';
import type { Work } from '../rules/work';

export function deliverInject(work: Work, inject: Inject): void {
  const { state } = work;
  deliver(work, {
    inject: inject.id,
    title: inject.title,
    body: inject.body,
    kind: inject.audience === 'facilitator' ? 'facilitator' : inject.kind,
    audience: inject.audience,
  });
  state.injects.held = state.injects.held.filter((id) => id !== inject.id);
  state.injects.queued = state.injects.queued.filter((id) => id !== inject.id);
  applyEffects(work, inject.effects, { team: null, incident: null });
}

export function deliverAdhoc(work: Work, inject: AdhocInject): void {
  deliver(work, { inject: null, title: inject.title, body: inject.body, kind: inject.audience === 'facilitator' ? 'facilitator' : 'news', audience: inject.audience });
}

/** Adversary moves reach everyone as news. */
export function deliverNews(work: Work, title: string, body: string): void {
  deliver(work, { inject: null, title, body, kind: 'adversary', audience: 'all' });
}

/** The public report of an institution (a verification body's findings) reaches everyone. */
export function deliverReport(work: Work, title: string, body: string): void {
  deliver(work, { inject: null, title, body, kind: 'diplomatic', audience: 'all' });
}

function deliver(work: Work, delivery: Omit<InjectDelivery, 'id' | 'round' | 'at'>): void {
  const entry: InjectDelivery = { id: work.nextId('i'), round: work.state.round, at: work.at, ...delivery };
  work.state.injects.delivered.push(entry);
  work.log({ kind: 'inject', audience: entry.audience, text: entry.title, ref: entry.id });
}

export function wasDelivered(work: Work, injectId: string): boolean {
  return work.state.injects.delivered.some((d) => d.inject === injectId);
}

/** At the start of a round: what is scheduled for it, what conditions now release, and what effects queued. */
export function deliverDueInjects(work: Work): void {
  const { state, scenario } = work;
  for (const inject of scenario.injects) {
    if (wasDelivered(work, inject.id) || state.injects.held.includes(inject.id)) continue;
    const scheduled = inject.round === state.round && !inject.when;
    const conditional = !!inject.when && (inject.round ?? 1) <= state.round && evaluate(inject.when, scenario, state);
    if (scheduled || conditional || state.injects.queued.includes(inject.id)) deliverInject(work, inject);
  }
}
