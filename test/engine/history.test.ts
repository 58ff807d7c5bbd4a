/**
 * History tracks: each shipped track fits its scenario, and the real sequence
 * of decisions is legal in every seed (set FIREBREAK_HISTORY_SEEDS=1000 for
 * the long run). The checks refuse tracks that do not fit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyFileName, isScenarioFileName, parseHistory, type HistoryTrack } from '../../src/engine/scenario/history';
import { historyPolicy } from '../../src/engine/bots/history';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { addHistoryRun, compareWithHistory, emptyHistoryTally, historyComparisonOf } from '../../src/engine/bots/historyComparison';
import type { Scenario } from '../../src/engine/scenario/schema';
import { shippedScenarios } from './support';

const SEEDS = Number(process.env.FIREBREAK_HISTORY_SEEDS ?? 200);
const trackFile = (scenario: Scenario) => new URL(`../../scenarios/${historyFileName(scenario.id)}`, import.meta.url);
const historical = shippedScenarios().filter((s) => existsSync(trackFile(s)));

function trackOf(scenario: Scenario): HistoryTrack {
  const result = parseHistory(JSON.parse(readFileSync(trackFile(scenario), 'utf8')), scenario);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  return result.track;
}

describe('shipped history tracks', () => {
  it('exist for every historical scenario', () => {
    expect(historical.map((s) => s.id).sort()).toEqual(['eu-2015-2020', 'notpetya-2017', 'romania-2024', 'tutorial', 'us-2016']);
  });

  it.each(historical.map((s) => [s.id, s] as const))('%s: every step of the record is accepted in every seed', (_id, scenario) => {
    const track = trackOf(scenario);
    const policies = resolvePolicies(scenario, ['history'], { history: historyPolicy(track) });
    for (let i = 0; i < SEEDS; i++) {
      const run = simulateExercise(scenario, `history-${i}`, policies);
      expect(run.refusals, `seed history-${i}`).toEqual([]);
      // Every step of the rounds played (an end condition may end the exercise early) reached it: drafts and joins as decisions, shares as shared records.
      const played = run.state.rounds.length;
      const steps = track.rounds.filter((r) => r.round <= played).reduce((n, r) => n + r.steps.length, 0);
      const taken = run.state.decisions.length + Object.values(run.state.teams).reduce((n, t) => n + t.shared.length, 0);
      expect(taken).toBe(steps);
    }
  }, 600_000);
});

describe('history beside play', () => {
  it.each(historical.map((s) => [s.id, s] as const))('%s: tells the record in the scenario\'s names, with its outcomes and path over the runs', (_id, scenario) => {
    const track = trackOf(scenario);
    const c = compareWithHistory(scenario, track, 8);
    expect(c.runs).toBe(8);
    expect(c.outcomes.success + c.outcomes.neutral + c.outcomes.failure).toBe(8);
    expect(c.rounds.map((r) => r.round)).toEqual(scenario.rounds.map((_, i) => i + 1));
    expect(c.rounds.reduce((n, r) => n + r.steps.length, 0)).toBe(track.rounds.reduce((n, r) => n + r.steps.length, 0));
    const names = new Set(scenario.teams.map((t) => t.name));
    for (const step of c.rounds.flatMap((r) => r.steps)) expect(names.has(step.teamName)).toBe(true);
    // The first round is played in every run, so it has a mean; cohesion means stay on the 0..100 scale.
    expect(c.rounds[0]!.meanEscalation).not.toBeNull();
    for (const r of c.rounds) if (r.meanCohesion !== null) expect(r.meanCohesion).toBeGreaterThanOrEqual(0);
  });

  it('gives the same figures whether the runs are played at once or one at a time', () => {
    const scenario = historical.find((s) => s.id === 'us-2016')!;
    const track = trackOf(scenario);
    const tally = emptyHistoryTally();
    for (let i = 0; i < 5; i++) addHistoryRun(tally, scenario, track);
    expect(historyComparisonOf(scenario, track, tally)).toEqual(compareWithHistory(scenario, track, 5));
  });
});

describe('the history checks', () => {
  const scenario = historical.find((s) => s.id === 'us-2016')!;
  const raw = () => JSON.parse(readFileSync(trackFile(scenario), 'utf8'));

  it('refuse a track for another scenario, unknown ids and sources, and steps the action does not allow', () => {
    const track = raw();
    track.scenario = 'elsewhere';
    track.outcome.sources = ['nowhere'];
    track.rounds[0].steps[0].team = 'atlantis';
    track.rounds[0].steps[0].sources = ['rumour'];
    track.rounds[1].steps[0].action = 'invade';
    track.rounds[3].steps[0].options = { sunset: true };
    track.rounds[3].steps[0].do = 'propose';
    track.rounds.push({ round: 99, summary: 'Later.', steps: [] });
    const result = parseHistory(track, scenario);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => `${p.pointer} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/scenario the track is for scenario "elsewhere"/),
        expect.stringMatching(/^\/outcome\/sources\/0 unknown source "nowhere"/),
        expect.stringMatching(/^\/rounds\/0\/steps\/0\/team unknown team "atlantis"/),
        expect.stringMatching(/^\/rounds\/0\/steps\/0\/sources\/0 unknown source "rumour"/),
        expect.stringMatching(/^\/rounds\/1\/steps\/0\/action unknown action "invade"/),
        expect.stringMatching(/^\/rounds\/3\/steps\/0\/options\/sunset .* does not offer "sunset"/),
        expect.stringMatching(/^\/rounds\/3\/steps\/0\/do .* is not joinable/),
        expect.stringMatching(/^\/rounds\/7\/round round 99 is beyond/),
      ]),
    );
  });

  it('refuse a step without a source, and a shape the schema does not know', () => {
    const track = raw();
    track.rounds[0].steps[0].sources = [];
    track.rounds[0].steps[0].when = 'then';
    const result = parseHistory(track, scenario);
    expect(result.ok).toBe(false);
    const pointers = result.ok ? [] : result.problems.map((p) => p.pointer);
    expect(pointers).toContain('/rounds/0/steps/0/sources');
    expect(pointers).toContain('/rounds/0/steps/0');
  });

  it('tell scenario files from the history tracks and the schema beside them', () => {
    expect(isScenarioFileName('us-2016.json')).toBe(true);
    expect(isScenarioFileName('us-2016.history.json')).toBe(false);
    expect(isScenarioFileName('firebreak-scenario.schema.json')).toBe(false);
    expect(isScenarioFileName('notes.txt')).toBe(false);
  });
});
