/**
 * Briefings are written in role: every government of every shipped scenario
 * is addressed as the one who plays it ("You are the German federal
 * government…"), not described from outside.
 */
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from './support';

describe('briefings in shipped scenarios', () => {
  for (const scenario of shippedScenarios()) {
    it(`${scenario.id}: address each government in the second person`, () => {
      for (const team of scenario.teams) expect(team.briefing, `${scenario.id}, ${team.id}`).toMatch(/^You\b/);
    });
  }
});
