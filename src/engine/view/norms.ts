/**
 * The norms track as every seat sees it: the norm, the protected targets and
 * why, the fora, where the track stands and what it costs the adversary,
 * who raised, endorsed and reported, and the rounds in which the adversary
 * held back. Raising a violation, endorsing a norm and publishing a report
 * are public acts, so every seat sees the same.
 */
import { NORMS_STATES } from '../machines/norms';
import { TARGET_WORDS, normsStage, protectedStruck, reputationalCost } from '../rules/norms';
import type { Scenario } from '../scenario/schema';
import type { ExerciseState } from '../types';
import type { NormsView } from './types';

export function normsView(scenario: Scenario, state: ExerciseState): NormsView | null {
  const norms = scenario.norms;
  const track = state.norms;
  if (!norms || !track) return null;
  const forumName = (id: string) => norms.fora.find((f) => f.id === id)?.name ?? id;
  return {
    norm: norms.norm.name,
    text: norms.norm.text,
    stage: normsStage(state),
    cost: reputationalCost(scenario, state),
    stages: NORMS_STATES.filter((s) => s !== 'unraised').map((id) => ({ id, cost: norms.stages[id].cost })),
    protected: norms.protected.map((p) => ({ category: p.category, words: TARGET_WORDS[p.category], why: p.why })),
    fora: norms.fora.map((f) => ({ id: f.id, name: f.name, description: f.description })),
    raised: track.raised.map((r) => ({ ...r, forumName: forumName(r.forum) })),
    endorsers: [...track.endorsers],
    reports: track.reports.map((r) => ({ ...r })),
    heldBack: [...track.heldBack],
  };
}

/** The protected targets an incident struck, in players' words; none without a norms section. */
export function protectedWords(scenario: Scenario, incident: string): string[] {
  return protectedStruck(scenario, incident).map((c) => TARGET_WORDS[c]);
}
