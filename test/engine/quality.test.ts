import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioObject } from '../../src/engine/scenario/load';
import { playtest } from '../../src/engine/scenario/playtest';
import { qualityWarnings } from '../../src/engine/scenario/quality';
import { formatProblem } from '../../src/engine/scenario/problems';

const minimal = (): Record<string, any> => JSON.parse(readFileSync(new URL('../fixtures/minimal.json', import.meta.url), 'utf8'));

function warnings(change: (s: Record<string, any>) => void, runs = 4): string[] {
  const raw = minimal();
  change(raw);
  const loaded = parseScenarioObject(raw, 's');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const { summary, observation } = playtest(loaded.scenario, { runs, seed: 'q' });
  return qualityWarnings(loaded.scenario, summary, 's', () => ({ line: 1, column: 1 }), observation).map(formatProblem);
}

describe('play-test warnings say why', () => {
  // A treaty signed only once escalation reaches its top, which no bot brings about in two rounds.
  const lockedAway = (s: Record<string, any>) => {
    s.facts = [{ id: 'treaty-signed' }];
    s.injects.push({
      id: 'treaty-talks',
      title: 'Treaty talks',
      body: 'Talks on a treaty open.',
      audience: 'all',
      when: { indicator: 'escalation', op: '>=', value: 9 },
      effects: [{ fact: 'treaty-signed', set: true }],
    });
    s.actions.push({
      id: 'invoke-treaty',
      name: 'Invoke the treaty',
      category: 'legal',
      severity: 2,
      rung: 2,
      reversibility: 0.5,
      minConfidence: 'none',
      targetsIncident: false,
      spillover: 'none',
      responseType: 'retorsion',
      prerequisites: { fact: 'treaty-signed' },
    });
  };

  it('names the refusals the bots met for an action never taken, with counts', () => {
    const lines = warnings(lockedAway).filter((line) => line.includes('"invoke-treaty"'));
    // 4 runs × 2 rounds × 2 teams: every occasion refused on its prerequisite.
    expect(lines).toEqual([
      's:1:1: warning: action "invoke-treaty" was never taken in 4 simulated runs (hawkish, restrained, coalition-follower, random-legal); the rules refused it to the bots: prerequisite failed 16 (at /actions/2)',
    ]);
  });

  it('counts each refusal code the bots met, most frequent first', () => {
    const lines = warnings((s) => {
      // A second incident that could be attributed to the state, but whose investigations never find anything.
      s.incidents.push({
        id: 'leak',
        name: 'Leak',
        description: 'Mail leaks.',
        kind: 'hackAndLeak',
        baseHarm: 4,
        detectedBy: ['usa', 'uk'],
        responsibility: 'state-ordered',
        legalCategory: 'internationallyWrongfulAct',
        investigationDifficulty: 1,
      });
      s.actions.push({
        id: 'countermeasure',
        name: 'Countermeasure',
        category: 'cyber',
        severity: 5,
        rung: 3,
        reversibility: 0.8,
        minConfidence: 'moderate',
        requiresStateAttribution: true,
        spillover: 'low',
        responseType: 'countermeasure',
      });
    }).filter((line) => line.includes('"countermeasure"'));
    // On the leak, never enough confidence; on the intrusion (espionage), confidence but never state attribution.
    expect(lines).toEqual([
      's:1:1: warning: action "countermeasure" was never taken in 4 simulated runs (hawkish, restrained, coalition-follower, random-legal); the rules refused it to the bots: insufficient confidence 16, needs state attribution 8 (at /actions/2)',
    ]);
  });

  it('names the part of an inject condition that never held, and what its indicator did instead', () => {
    const lines = warnings((s) => {
      lockedAway(s);
      s.injects[1].when = { all: [{ indicator: 'round', op: '>=', value: 1 }, { fact: 'treaty-signed' }, { indicator: 'escalation', op: '>=', value: 8 }] };
    }).filter((line) => line.includes('"press-asks"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^s:1:1: warning: inject "press-asks" never fired in 4 simulated runs \(.*\): its condition never held: "fact "treaty-signed" is true" at \/injects\/1\/when\/all\/1; "escalation >= 8" at \/injects\/1\/when\/all\/2 \(escalation ranged 0\.\.[0-7]\) \(at \/injects\/1\)$/,
    );
  });

  it('names an end condition that decided every run, and one that decided none', () => {
    const lines = warnings((s) => {
      lockedAway(s);
      s.endConditions = [
        { id: 'treaty', when: { fact: 'treaty-signed' }, outcome: 'success', summary: 'Signed.' },
        { id: 'over', when: { indicator: 'round', op: '>=', value: 2 }, outcome: 'neutral', summary: 'Over.' },
      ];
    }).filter((line) => line.includes('end condition'));
    expect(lines).toEqual([
      's:1:1: warning: end condition "treaty" decided none of 4 simulated runs (hawkish, restrained, coalition-follower, random-legal): it never held: "fact "treaty-signed" is true" at /endConditions/0/when (at /endConditions/0)',
      's:1:1: warning: end condition "over" decided every one of 4 simulated runs (hawkish, restrained, coalition-follower, random-legal): the players\' choices never changed how the exercise ends (at /endConditions/1)',
    ]);
  });
});
