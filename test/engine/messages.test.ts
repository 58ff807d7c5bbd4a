/**
 * The engine's sentences as keys and parameters (src/engine/messages): what
 * the engine writes reads back into the keys it was written from, and those
 * keys and parameters write the very same English again. Checked over whole
 * simulated exercises of the shipped scenarios and the test fixtures.
 */
import { describe, expect, it } from 'vitest';
import { fill, recognise, RECOGNISE_MAX_CHARS, say, TEMPLATES, TERMS, placeholders, PARAM_KINDS, type EngineMessage, type ParamValue } from '../../src/engine/messages';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { POLICIES } from '../../src/engine/bots/policies';
const POLICY_IDS = Object.keys(POLICIES);
import type { ExerciseState } from '../../src/engine/types';
import type { Scenario } from '../../src/engine/scenario/schema';
import { GENERIC_DESCRIPTORS, MEASURE_LABELS, reportCards } from '../../src/engine/grading/reportCard';
import { DEFAULT_COHESION_WEIGHTS, scoreCohesion } from '../../src/engine/scoring/cohesion';
import { richScenario, shippedScenarios } from './support';

/** English again from the keys and parameters: msg parameters are written first, as the engine did. */
function english(messages: EngineMessage[]): string {
  return messages.map((m) => fill(TEMPLATES[m.key as keyof typeof TEMPLATES], englishParams(m))).join(' ');
}
function englishParams(m: EngineMessage): Record<string, ParamValue> {
  const kinds = new Map(placeholders(TEMPLATES[m.key as keyof typeof TEMPLATES]).map((p) => [p.name, p.kind]));
  return Object.fromEntries(
    Object.entries(m.params).map(([name, value]) => {
      if (kinds.get(name) === 'msg') return [name, english(value as EngineMessage[])];
      if (kinds.get(name) === 'msgs') return [name, (value as EngineMessage[][]).map(english)];
      if (kinds.get(name) === 'parts') return [name, (value as EngineMessage[]).map((m) => english([m]))];
      return [name, value];
    }),
  );
}

/** The news of the adversaries' moves among a round's headlines: the scenario's own words, not the engine's. */
function movesNews(r: ExerciseState['rounds'][number]): (string | null)[] {
  return [...r.adversaryMoves.map((m) => m.news), ...(r.others ?? []).flatMap((o) => o.moves.map((m) => m.news))];
}

/** The engine's texts of a state: outcomes, posture reasons, the scores' explanations, and the round's headlines it wrote. */
function texts(state: ExerciseState): { what: string; text: string }[] {
  return [
    ...state.rounds.flatMap((r) => r.headlines.filter((h) => !movesNews(r).includes(h)).map((text) => ({ what: `headline of round ${r.round}`, text }))),
    ...state.decisions.map((d) => ({ what: `outcome of ${d.action}`, text: d.outcome })),
    ...state.rounds.map((r) => ({ what: `posture in round ${r.round}`, text: r.postureWhy })),
    ...state.rounds.flatMap((r) => (r.others ?? []).map((o) => ({ what: `${o.actor}'s posture in round ${r.round}`, text: o.postureWhy }))),
    ...state.decisions.flatMap((d) => d.proportionality.components.map((c) => ({ what: `${c.id} of ${d.action}`, text: c.why }))),
    ...state.decisions.map((d) => ({ what: `summary of ${d.action}`, text: d.proportionality.summary })),
    ...state.decisions.flatMap((d) => d.proportionality.rules.flatMap((r) => [{ what: `${r.id} of ${d.action}`, text: r.why }, { what: `${r.id}'s effect`, text: r.effect }])),
    ...state.rounds.flatMap((r) => r.cohesion.components.map((c) => ({ what: `cohesion's ${c.id} in round ${r.round}`, text: c.why }))),
    ...state.rounds.map((r) => ({ what: `cohesion in round ${r.round}`, text: r.cohesion.summary })),
    ...state.rounds.flatMap((r) => r.cohesion.rules.flatMap((d) => [{ what: `${d.id} in round ${r.round}`, text: d.why }, { what: `${d.id}'s effect`, text: d.effect }])),
  ];
}

/** The engine's texts of the report cards: summary, and per objective why its level, the descriptor (when generic), each measure's basis and each decision's bearing. */
function cardTexts(scenario: Scenario, state: ExerciseState): { what: string; text: string }[] {
  return reportCards(scenario, state).flatMap((card) => [
    { what: `${card.team}'s card`, text: card.summary },
    ...card.objectives.flatMap((o) => {
      const own = scenario.meta.learningObjectives.find((l) => l.id === o.objective)!.rubric;
      return [
        { what: `why ${o.objective}`, text: o.why },
        ...(o.level && !own[o.level] ? [{ what: `descriptor of ${o.objective}`, text: o.descriptor }] : []),
        ...o.measures.map((m) => ({ what: `${m.id} of ${o.objective}`, text: m.basis })),
        ...o.decisions.map((d) => ({ what: `bearing of ${d.decision}`, text: d.bearing })),
      ];
    }),
  ]);
}

describe("the engine's sentences", () => {
  it('every template has placeholders of known kinds, and no sentence ends in free text', () => {
    for (const [key, template] of Object.entries(TEMPLATES)) {
      for (const p of placeholders(template)) expect(PARAM_KINDS, `${key}: ${p.name}`).toContain(p.kind);
      const names = placeholders(template).map((p) => p.name);
      expect(new Set(names).size, key).toBe(names.length);
      // Pieces, and an inject's title (title.*), which stands alone, may end in a name.
      if (!key.startsWith('part.') && !key.startsWith('title.')) expect(template, key).not.toMatch(/\{\{\w+\}\}$/);
    }
  });

  it('say writes the template with its parameters, and recognise reads it back', () => {
    const text = say('outcome.fellThrough', { minimum: 3, joined: ['Estonia', 'Latvia'] });
    expect(text).toBe('Fell through: it needed 3 governments and only Estonia and Latvia joined.');
    expect(recognise(text)).toEqual([{ key: 'outcome.fellThrough', params: { minimum: 3, joined: ['Estonia', 'Latvia'] } }]);
  });

  it('reads sentences within sentences, and terms by their keys', () => {
    const why = say('procedure.missingOne', { action: 'Expel diplomats', missing: ['notice', 'sunset'], used: 1, offered: 3 });
    const text = say('score.lost', { lost: 2.5, why });
    expect(text).toBe('\u22122.5: Expel diplomats went ahead without prior notice to the responsible state or a sunset clause (1 of the 3 safeguards offered was used).');
    expect(recognise(text)).toEqual([
      { key: 'score.lost', params: { lost: 2.5, why: [{ key: 'procedure.missingOne', params: { action: 'Expel diplomats', missing: ['notice', 'sunset'], used: 1, offered: 3 } }] } },
    ]);
    expect(TERMS.notice).toBe('prior notice to the responsible state');
  });

  it("writes a defection's rule line as a keyed sentence, the same English as before, and reads it back", () => {
    const teams = ['deu', 'fra', 'pol', 'est'].map((id) => ({ id, name: id === 'deu' ? 'Germany' : id, capacity: 1, posture: { diplomatic: 0.5 }, costBorne: 0, evidenceHeld: 0, evidenceShared: 0 }));
    const score = scoreCohesion({
      teams,
      votes: [],
      responses: [{ team: 'deu', severity: 3, joint: false }],
      defections: [
        { team: 'deu', kind: 'veto', why: say('defection.veto', { team: 'Germany', action: 'Sectoral sanctions' }) },
        { team: 'fra', kind: 'nonImplementation', why: '' },
        { team: 'pol', kind: 'unilateralEscalation', why: 'struck alone.' },
      ],
      weights: DEFAULT_COHESION_WEIGHTS,
    });
    expect(score.rules.map((r) => [r.effect, r.why])).toEqual([
      ['\u22125.0 points', 'Germany vetoed Sectoral sanctions in the Council.'],
      ['\u22125.0 points', 'Fra did not implement an agreed measure.'],
      ['\u22125.0 points', 'Pol escalated alone: struck alone.'],
    ]);
    expect(score.rules.map((r) => recognise(r.why)?.[0]?.key)).toEqual(['defection.veto', 'defection.kind', 'defection.kindWithReason']);
    expect(recognise(score.rules[0]!.effect)).toEqual([{ key: 'effect.pointsLost', params: { points: 5 } }]);
    expect(recognise(score.rules[2]!.why)).toEqual([{ key: 'defection.kindWithReason', params: { team: 'Pol', what: 'escalatedAlone', reason: 'struck alone' } }]);
    const free = scoreCohesion({ teams, votes: [], responses: [], defections: [{ team: 'deu', kind: 'veto', why: '' }], weights: { ...DEFAULT_COHESION_WEIGHTS, defectionPenalty: 0 } });
    expect(free.rules[0]!.effect).toBe('+0.0 points');
    expect(recognise(free.rules[0]!.effect)?.[0]?.key).toBe('effect.noPoints');
  });

  it("writes a report card's reasons, bases and bearings as keyed sentences", () => {
    const basis = say('part.cardScore', {
      count: 2,
      score: 52.6,
      measures: [say('part.measureValue', { measure: 'measure.proportionality', value: 80 }), say('part.measureValue', { measure: 'measure.proportionality.evidence', value: 25.25 })],
      weakest: say('part.weakest', { measure: 'measure.proportionality.evidence' }),
    });
    const why = say('card.whyDeveloping', { basis, rated: say('part.rated', { ratings: 'S, M', level: 'developing' }), combined: say('part.combined', { level: 'developing' }) });
    expect(why).toBe('Developing: 52.6/100 from 2 decisions (proportionality 80 and evidence 25.25); weakest: evidence; evaluators rated it S, M (developing); combined: developing.');
    const read = recognise(why)!;
    expect(read).toHaveLength(1);
    expect(read[0]!.key).toBe('card.whyDeveloping');
    expect(english(read)).toBe(why);
    const bearing = say('card.bearing', { value: 82, more: [say('part.overridden'), say('part.bearingMeasure', { measure: 'measure.proportionality.fit', value: 60 }), say('part.bearingExposed')] });
    expect(bearing).toBe('proportionality 82 (override); fit to harm 60; legally exposed');
    expect(recognise(bearing)).toEqual([
      { key: 'card.bearing', params: { value: 82, more: [{ key: 'part.overridden', params: {} }, { key: 'part.bearingMeasure', params: { measure: 'measure.proportionality.fit', value: 60 } }, { key: 'part.bearingExposed', params: {} }] } },
    ]);
    expect(recognise('mean over 3 decisions')).toEqual([{ key: 'basis.meanOver', params: { count: 3 } }]);
    expect(MEASURE_LABELS['cohesion.sharing']).toBe('Evidence sharing (coalition)');
    expect(recognise(GENERIC_DESCRIPTORS.developing)?.[0]?.key).toBe('card.descriptorDeveloping');
  });

  it('leaves a text it cannot read whole as null', () => {
    expect(recognise('The facilitator wrote this.')).toBeNull();
    expect(recognise(`${say('outcome.done')} And then something else happened.`)).toBeNull();
  });

  it('gives up on texts built to make reading slow or deep, rather than stall or overflow the stack', () => {
    // Words from outside the engine (a team name echoed in a refusal, a facilitator's reason) can take any shape.
    const sentence = say('outcome.fellThrough', { minimum: 2, joined: ['a', 'b'] });
    const slow = `${`Did not go ahead: Did not go ahead: ${sentence} `.repeat(40)}zzz`;
    expect(slow.length).toBeLessThan(RECOGNISE_MAX_CHARS);
    expect(recognise(slow)).toBeNull();
    expect(recognise('Did not go ahead: '.repeat(5000))).toBeNull();
    // Still reads what the engine writes, nested as deep as it nests.
    expect(recognise(say('outcome.didNotGoAhead', { reason: say('outcome.didNotGoAhead', { reason: sentence }) }))?.[0]?.key).toBe('outcome.didNotGoAhead');
  });

  it('reads back the outcomes, posture reasons, scores, defections and report cards of simulated exercises, and writes the same English again', () => {
    const scenarios = [richScenario(), ...shippedScenarios()];
    let read = 0;
    let unread = 0;
    for (const scenario of scenarios) {
      for (const policy of POLICY_IDS) {
        const { state } = simulateExercise(scenario, `messages-${policy}`, resolvePolicies(scenario, [policy]));
        for (const { what, text } of [...texts(state), ...cardTexts(scenario, state)]) {
          const messages = recognise(text);
          if (!messages) {
            unread += 1;
            continue;
          }
          read += 1;
          expect(english(messages), `${scenario.meta.title}: ${what}`).toBe(text);
        }
      }
    }
    // Every one of them is keyed (an action's own prerequisiteText is read inside its frame, outcome.didNotGoAheadAuthored).
    expect(read).toBeGreaterThan(5000);
    expect(unread).toBe(0);
  }, 180_000);
});
