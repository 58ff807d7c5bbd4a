/** Delivering injects: scheduled, conditional, queued by an effect, or released by the facilitator. */
import { evaluate } from '../conditions';
import { applyEffects } from '../effects';
import type { Inject } from '../scenario/schema';
import type { AdhocInject, ExerciseState, InjectDelivery, ScheduledInject } from '../types';
import type { Scenario } from '../scenario/schema';
import { roundMinutes } from '../rules/scenarioIndex';
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
  deliver(work, {
    inject: null,
    title: inject.title,
    body: inject.body,
    kind: inject.audience === 'facilitator' ? 'facilitator' : (inject.kind ?? 'news'),
    audience: inject.audience,
    ...(inject.source ? { source: inject.source } : {}),
  });
}

/** Delivers a scheduled ad-hoc inject and takes it off the schedule, so that it goes out once. */
export function deliverScheduled(work: Work, entry: ScheduledInject): void {
  work.state.injects.scheduled = work.state.injects.scheduled!.filter((s) => s.id !== entry.id);
  deliverAdhoc(work, entry.inject);
}

/** When a scheduled inject set for a minute of its round is due (epoch ms), while the round clock runs; null otherwise. */
export function scheduledDueAt(scenario: Scenario, state: ExerciseState, entry: ScheduledInject): number | null {
  if (entry.minute === null || entry.round !== state.round || state.phase !== 'deliberation' || state.clock.deadline === null) return null;
  const length = roundMinutes(scenario, entry.round);
  return state.clock.deadline - Math.max(0, length - entry.minute) * 60_000;
}

/** As a round ends: what was set for a minute of it that has not come goes out now, before the round resolves. */
export function deliverLeftoverScheduled(work: Work): void {
  for (const entry of work.state.injects.scheduled ?? []) if (entry.round <= work.state.round) deliverScheduled(work, entry);
}

/** Adversary moves reach everyone as news. */
export function deliverNews(work: Work, title: string, body: string): void {
  deliver(work, { inject: null, title, body, kind: 'adversary', audience: 'all' });
}

/** The public report of an institution (a verification body's findings) reaches everyone. */
export function deliverReport(work: Work, title: string, body: string): void {
  deliver(work, { inject: null, title, body, kind: 'diplomatic', audience: 'all' });
}

/** Intelligence that reaches only some governments (an evasion channel their banks and exchanges report). */
export function deliverIntelligence(work: Work, title: string, body: string, teams: string[]): void {
  deliver(work, { inject: null, title, body, kind: 'intelligence', audience: { teams } });
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
  for (const entry of state.injects.scheduled ?? []) if (entry.round === state.round && entry.minute === null) deliverScheduled(work, entry);
}
