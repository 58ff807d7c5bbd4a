import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_CATEGORIES,
  CONFIDENCE_LEVELS,
  LEGAL_CATEGORIES,
  PROCEDURES,
  RESPONSE_TYPES,
  SPILLOVER,
  scenarioSchema,
  type Procedure,
} from '../../src/engine/scenario/schema';
import {
  COHESION_COMPONENTS,
  DEFAULT_COHESION_WEIGHTS,
  scoreCohesion,
  type CohesionDefection,
  type CohesionInput,
  type CohesionTeam,
  type CohesionWeights,
} from '../../src/engine/scoring/cohesion';
import {
  COUNTERMEASURE_CAP,
  DEFAULT_PROPORTIONALITY_WEIGHTS,
  PROPORTIONALITY_COMPONENTS,
  scoreProportionality,
  type ProportionalityInput,
  type ProportionalityWeights,
} from '../../src/engine/scoring/proportionality';
import type { Score, ScoreComponent } from '../../src/engine/types';

// ---------------------------------------------------------------------------
// Helpers

const W = DEFAULT_PROPORTIONALITY_WEIGHTS;
const CW = DEFAULT_COHESION_WEIGHTS;

function comp(score: Score, id: string): ScoreComponent {
  const c = score.components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id}`);
  return c;
}

/** A clean, lawful countermeasure; tests override one field at a time. */
function countermeasure(over: Partial<ProportionalityInput> = {}): ProportionalityInput {
  return {
    actionName: 'Cyber countermeasure',
    severity: 7,
    harm: 7,
    confidence: 'high',
    minConfidence: 'high',
    publicEvidence: 1,
    reversibility: 0.9,
    responseType: 'countermeasure',
    proceduresOffered: ['notice', 'statementOfReasons', 'sunset', 'oversight', 'urgent'],
    options: { notice: true, statementOfReasons: true, sunset: true, oversight: true },
    spillover: 'low',
    assessedResponsibility: 9,
    assessedLegalCategory: 'internationallyWrongfulAct',
    weights: W,
    ...over,
  };
}

function team(id: string, name: string, over: Partial<CohesionTeam> = {}): CohesionTeam {
  return { id, name, capacity: 1, posture: {}, costBorne: 0, evidenceHeld: 0, evidenceShared: 0, ...over };
}

function cohesion(over: Partial<CohesionInput>): CohesionInput {
  return { teams: [], votes: [], responses: [], defections: [], weights: CW, ...over };
}

// ---------------------------------------------------------------------------
// Worked examples: the same inputs and numbers as docs/scoring.md

type Row = [id: string, value: number, weight: number, points: number, lost: number];

interface Worked<I> {
  title: string;
  input: I;
  rows: Row[];
  rules: string[];
  value: number;
  legallyExposed?: boolean;
}

const PROPORTIONALITY_EXAMPLES: Worked<ProportionalityInput>[] = [
  {
    title: 'a countermeasure that follows the rules',
    input: {
      actionName: 'Disruption of the leak servers',
      severity: 7,
      harm: 6,
      confidence: 'high',
      minConfidence: 'high',
      publicEvidence: 0.5,
      reversibility: 0.8,
      responseType: 'countermeasure',
      proceduresOffered: ['notice', 'statementOfReasons', 'sunset', 'oversight', 'urgent'],
      options: { notice: true, statementOfReasons: true, oversight: true },
      spillover: 'medium',
      assessedResponsibility: 9,
      assessedLegalCategory: 'internationallyWrongfulAct',
      weights: W,
    },
    rows: [
      ['fit', 0.75, 0.35, 26.3, 8.8],
      ['evidence', 0.9, 0.2, 18, 2],
      ['reversibility', 0.8, 0.15, 12, 3],
      ['procedure', 0.75, 0.15, 11.3, 3.8],
      ['mitigation', 0.5, 0.15, 7.5, 7.5],
    ],
    rules: [],
    value: 75,
    legallyExposed: false,
  },
  {
    title: 'a countermeasure with two legal defects',
    input: {
      actionName: 'Takedown of the botnet',
      severity: 7,
      harm: 5.5,
      confidence: 'high',
      minConfidence: 'high',
      publicEvidence: 0.5,
      reversibility: 0.9,
      responseType: 'countermeasure',
      proceduresOffered: ['notice', 'statementOfReasons', 'sunset', 'urgent'],
      options: { statementOfReasons: true, sunset: true },
      spillover: 'medium',
      assessedResponsibility: 6,
      assessedLegalCategory: 'internationallyWrongfulAct',
      weights: W,
    },
    rows: [
      ['fit', 0.625, 0.35, 21.9, 13.1],
      ['evidence', 0.9, 0.2, 18, 2],
      ['reversibility', 0.9, 0.15, 13.5, 1.5],
      ['procedure', 0.667, 0.15, 10, 5],
      ['mitigation', 0.5, 0.15, 7.5, 7.5],
    ],
    rules: ['countermeasure-attribution', 'countermeasure-notice'],
    value: 40,
    legallyExposed: true,
  },
  {
    title: 'sanctions ahead of the evidence',
    input: {
      actionName: 'Asset freezes and travel bans',
      severity: 5,
      harm: 7,
      confidence: 'low',
      minConfidence: 'high',
      publicEvidence: 0.25,
      reversibility: 0.8,
      responseType: 'retorsion',
      proceduresOffered: ['notice', 'statementOfReasons', 'sunset', 'humanitarianExemption', 'oversight'],
      options: { notice: true, statementOfReasons: true, humanitarianExemption: true },
      spillover: 'medium',
      assessedResponsibility: 7,
      assessedLegalCategory: 'internationallyWrongfulAct',
      weights: W,
    },
    rows: [
      ['fit', 0.75, 0.35, 26.3, 8.8],
      ['evidence', 0.283, 0.2, 5.7, 14.3],
      ['reversibility', 0.8, 0.15, 12, 3],
      ['procedure', 0.333, 0.15, 5, 10],
      ['mitigation', 1, 0.15, 15, 0],
    ],
    rules: [],
    value: 64,
    legallyExposed: false,
  },
];

const COHESION_EXAMPLES: Worked<CohesionInput>[] = [
  {
    title: 'four governments, one round',
    input: {
      teams: [
        team('usa', 'the United States', {
          capacity: 4,
          posture: { attribution: 1, diplomatic: 1, economic: 1, legal: 0.5, intelligence: 0.5 },
          costBorne: 2,
          evidenceHeld: 8,
          evidenceShared: 5,
        }),
        team('gbr', 'the United Kingdom', {
          capacity: 2,
          posture: { attribution: 1, diplomatic: 1, economic: 0.5, intelligence: 0.5 },
          costBorne: 1.5,
          evidenceHeld: 5,
          evidenceShared: 5,
        }),
        team('deu', 'Germany', {
          capacity: 2,
          posture: { attribution: 0.5, diplomatic: 0.5, investigate: 1 },
          costBorne: 0,
          evidenceHeld: 2,
          evidenceShared: 0,
        }),
        team('est', 'Estonia', {
          capacity: 0.5,
          posture: { attribution: 1, resilience: 1, intelligence: 0.5 },
          costBorne: 0.5,
          evidenceHeld: 3,
          evidenceShared: 3,
        }),
      ],
      votes: [{ label: 'the joint attribution statement', yes: 3, no: 0, abstain: 1 }],
      responses: [
        { team: 'usa', severity: 4, joint: true },
        { team: 'gbr', severity: 4, joint: true },
        { team: 'est', severity: 4, joint: true },
        { team: 'usa', severity: 5, joint: false },
        { team: 'deu', severity: 0, joint: false },
      ],
      defections: [],
      weights: CW,
    },
    rows: [
      ['alignment', 0.757, 0.3, 22.7, 7.3],
      ['agreement', 0.625, 0.15, 9.4, 5.6],
      ['jointness', 0.686, 0.2, 13.7, 6.3],
      ['burden', 0.639, 0.15, 9.6, 5.4],
      ['sharing', 0.722, 0.2, 14.4, 5.6],
    ],
    rules: [],
    value: 70,
  },
  {
    title: 'a veto, custom weights, two components not applicable',
    input: {
      teams: [
        team('fra', 'France', { capacity: 3, posture: { attribution: 1, economic: 1, diplomatic: 0.5 }, evidenceHeld: 6, evidenceShared: 6 }),
        team('deu', 'Germany', { capacity: 3, posture: { diplomatic: 0.5, investigate: 0.5 }, evidenceHeld: 4, evidenceShared: 1 }),
        team('pol', 'Poland', { capacity: 1.5, posture: { attribution: 1, economic: 1, diplomatic: 1 }, evidenceHeld: 2, evidenceShared: 2 }),
      ],
      votes: [{ label: 'the EU listing of the hack-and-leak unit', yes: 2, no: 1, abstain: 0 }],
      responses: [],
      defections: [{ team: 'deu', kind: 'veto', why: 'its no vote blocked the unanimity the EU listing needs' }],
      weights: { alignment: 3, agreement: 1, jointness: 2, burden: 1, sharing: 3, defectionPenalty: 30 },
    },
    rows: [
      ['alignment', 0.833, 0.4286, 35.7, 7.2],
      ['agreement', 0.5, 0.1429, 7.1, 7.1],
      ['jointness', 1, 0, 0, 0],
      ['burden', 1, 0, 0, 0],
      ['sharing', 0.75, 0.4286, 32.1, 10.7],
    ],
    rules: ['defection-1'],
    value: 65,
  },
];

function expectRows(score: Score, rows: Row[]): void {
  expect(score.components.map((c) => [c.id, c.value, c.weight, c.points, c.lost])).toEqual(rows);
}

describe('worked examples', () => {
  for (const ex of PROPORTIONALITY_EXAMPLES) {
    it(`proportionality: ${ex.title} scores ${ex.value}`, () => {
      const r = scoreProportionality(ex.input);
      expectRows(r.score, ex.rows);
      expect(r.score.rules.map((x) => x.id)).toEqual(ex.rules);
      expect(r.score.value).toBe(ex.value);
      expect(r.legallyExposed).toBe(ex.legallyExposed);
    });
  }
  for (const ex of COHESION_EXAMPLES) {
    it(`cohesion: ${ex.title} scores ${ex.value}`, () => {
      const s = scoreCohesion(ex.input);
      expectRows(s, ex.rows);
      expect(s.rules.map((x) => x.id)).toEqual(ex.rules);
      expect(s.value).toBe(ex.value);
    });
  }
});

// ---------------------------------------------------------------------------
// docs/scoring.md stays honest: every example in it is recomputed

interface DocExample {
  kind: 'proportionality' | 'cohesion';
  input: unknown;
  rows: { id: string; value: number; weight: number; points: number; lost: number; why: string }[];
  rules: { id: string; effect: string; why: string }[];
  result: number | null;
  summary: string | null;
  exposed: boolean | null;
}

function parseDoc(md: string): DocExample[] {
  const blocks = [...md.matchAll(/```json\n([\s\S]*?)\n```/g)];
  const out: DocExample[] = [];
  blocks.forEach((m, i) => {
    const input = JSON.parse(m[1]!) as Record<string, unknown>;
    const kind = 'actionName' in input ? 'proportionality' : 'teams' in input ? 'cohesion' : null;
    if (!kind) return;
    const start = m.index + m[0].length;
    const heading = md.slice(start).search(/^#{2,3} /m);
    const end = Math.min(blocks[i + 1]?.index ?? md.length, heading >= 0 ? start + heading : md.length);
    const lines = md.slice(start, end).split('\n');
    const rows: DocExample['rows'] = [];
    const rules: DocExample['rules'] = [];
    let result: number | null = null;
    let summary: string | null = null;
    let exposed: boolean | null = null;
    for (const line of lines) {
      const row = /^\| (\w+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (.*) \|$/.exec(line);
      if (row) {
        rows.push({ id: row[1]!, value: +row[2]!, weight: +row[3]!, points: +row[4]!, lost: +row[5]!, why: row[6]! });
      }
      const rule = /^- `([\w-]+)` \((.*?)\): (.*)$/.exec(line);
      if (rule) rules.push({ id: rule[1]!, effect: rule[2]!, why: rule[3]! });
      const res = /^Result: (\d+)\/100$/.exec(line);
      if (res) result = Number(res[1]);
      const sum = /^> (.*)$/.exec(line);
      if (sum) summary = sum[1]!;
      const exp = /^Legally exposed: (yes|no)\.$/.exec(line);
      if (exp) exposed = exp[1] === 'yes';
    }
    out.push({ kind, input, rows, rules, result, summary, exposed });
  });
  return out;
}

describe('docs/scoring.md', () => {
  const md = readFileSync(fileURLToPath(new URL('../../docs/scoring.md', import.meta.url)), 'utf8');
  const examples = parseDoc(md);

  it('has at least two worked examples of each score, each with a result line', () => {
    expect(examples.filter((e) => e.kind === 'proportionality').length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((e) => e.kind === 'cohesion').length).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(e.result).not.toBeNull();
  });

  it('uses the same inputs as the worked examples in this file', () => {
    expect(examples.filter((e) => e.kind === 'proportionality').map((e) => e.input)).toEqual(
      PROPORTIONALITY_EXAMPLES.map((e) => e.input),
    );
    expect(examples.filter((e) => e.kind === 'cohesion').map((e) => e.input)).toEqual(COHESION_EXAMPLES.map((e) => e.input));
  });

  it('states the scores, components, rules and summaries the code computes', () => {
    for (const e of examples) {
      let score: Score;
      if (e.kind === 'proportionality') {
        const r = scoreProportionality(e.input as ProportionalityInput);
        score = r.score;
        expect(e.exposed).toBe(r.legallyExposed);
      } else {
        score = scoreCohesion(e.input as CohesionInput);
      }
      expect(e.result).toBe(score.value);
      expect(e.rows).toEqual(
        score.components.map((c) => ({ id: c.id, value: c.value, weight: c.weight, points: c.points, lost: c.lost, why: c.why })),
      );
      expect(e.rules).toEqual(score.rules.map((r) => ({ id: r.id, effect: r.effect, why: r.why })));
      expect(e.summary).toBe(score.summary);
    }
  });

  it('gives the default weights the scenario schema gives', () => {
    const defaults = scenarioSchema.shape.scoring.parse({});
    expect(defaults.proportionality).toEqual(DEFAULT_PROPORTIONALITY_WEIGHTS);
    expect(defaults.cohesion).toEqual(DEFAULT_COHESION_WEIGHTS);
    for (const [k, v] of Object.entries(DEFAULT_PROPORTIONALITY_WEIGHTS)) expect(md).toContain(`| \`${k}\` | ${v.toFixed(2)} |`);
    for (const k of COHESION_COMPONENTS) expect(md).toContain(`| \`${k}\` | ${DEFAULT_COHESION_WEIGHTS[k].toFixed(2)} |`);
    expect(md).toContain(`| \`defectionPenalty\` | ${DEFAULT_COHESION_WEIGHTS.defectionPenalty} points`);
  });
});

// ---------------------------------------------------------------------------
// Proportionality: components and rules

describe('scoreProportionality', () => {
  it('gives a clean, matched countermeasure no rule and a high score', () => {
    const r = scoreProportionality(countermeasure());
    expect(r.legallyExposed).toBe(false);
    expect(r.score.rules).toEqual([]);
    expect(comp(r.score, 'fit').why).toBe('full marks: Cyber countermeasure at severity 7 against harm 7: a match.');
    // 35 + 20 + 13.5 + 15 + 11.25 = 94.75
    expect(r.score.value).toBe(95);
  });

  it('explains an overreaction and an underreaction with both numbers', () => {
    const over = scoreProportionality(countermeasure({ severity: 7, harm: 4.5 }));
    expect(comp(over.score, 'fit').value).toBe(0.375);
    expect(comp(over.score, 'fit').why).toBe(
      '−21.9: Cyber countermeasure at severity 7 against harm 4.5: an overreaction by 2.5 (overreaching costs twice as much as falling short).',
    );
    const under = scoreProportionality(countermeasure({ severity: 2, harm: 4.5 }));
    expect(comp(under.score, 'fit').value).toBe(0.688);
    expect(comp(under.score, 'fit').why).toMatch(/^−10\.9: .* an underreaction by 2\.5 \(falling short costs half as much/);
  });

  it('treats a rollback as severity 0 for fit', () => {
    const r = scoreProportionality(countermeasure({ actionName: 'Delisting', severity: -2, harm: 0, responseType: 'domestic' }));
    expect(comp(r.score, 'fit').value).toBe(1);
    expect(comp(r.score, 'fit').why).toContain('a rollback (severity −2, counted as 0)');
  });

  it('scales evidence by confidence against the minimum and rewards public evidence', () => {
    const low = scoreProportionality(countermeasure({ actionName: 'Asset freezes', confidence: 'low', publicEvidence: 1 }));
    expect(comp(low.score, 'evidence').value).toBe(0.333);
    expect(comp(low.score, 'evidence').why).toBe('−13.3: Asset freezes while your confidence was low; the instrument needs high.');
    const none = scoreProportionality(countermeasure({ confidence: null }));
    expect(comp(none.score, 'evidence').value).toBe(0);
    expect(comp(none.score, 'evidence').why).toContain('with no attribution of the incident; the instrument needs high confidence');
    const over = scoreProportionality(countermeasure({ confidence: 'high', minConfidence: 'moderate', publicEvidence: 0 }));
    expect(comp(over.score, 'evidence').value).toBe(0.8);
    expect(comp(over.score, 'evidence').why).toContain('but none of the evidence was made public');
  });

  it('needs no evidence when the instrument needs no attribution', () => {
    const r = scoreProportionality(countermeasure({ minConfidence: 'none', confidence: null, publicEvidence: 0 }));
    expect(comp(r.score, 'evidence').value).toBe(1);
    expect(comp(r.score, 'evidence').why).toBe('full marks: Cyber countermeasure needs no attribution.');
  });

  it('counts notice only for countermeasures, and only offered safeguards', () => {
    const offered: Procedure[] = ['notice', 'statementOfReasons'];
    const options = { statementOfReasons: true, sunset: true };
    const retorsion = scoreProportionality(countermeasure({ responseType: 'retorsion', proceduresOffered: offered, options }));
    expect(comp(retorsion.score, 'procedure').value).toBe(1);
    const cm = scoreProportionality(countermeasure({ proceduresOffered: [...offered, 'urgent'], options: { ...options, urgent: true } }));
    expect(comp(cm.score, 'procedure').value).toBe(0.5);
    expect(comp(cm.score, 'procedure').why).toBe(
      '−7.5: Cyber countermeasure went ahead without prior notice to the responsible state (1 of the 2 safeguards offered was used).',
    );
  });

  it('scores procedure 1 when no safeguard is offered', () => {
    const r = scoreProportionality(countermeasure({ responseType: 'domestic', proceduresOffered: [], options: {} }));
    expect(comp(r.score, 'procedure').value).toBe(1);
    expect(comp(r.score, 'procedure').why).toBe('full marks: no procedural safeguards were offered for Cyber countermeasure.');
  });

  it('offsets spillover only with an offered and chosen humanitarian exemption', () => {
    const notOffered = scoreProportionality(countermeasure({ spillover: 'high', options: { humanitarianExemption: true, notice: true } }));
    expect(comp(notOffered.score, 'mitigation').value).toBe(0.25);
    expect(comp(notOffered.score, 'mitigation').why).toContain('with high spillover and no humanitarian exemption on offer');
    const offered: Procedure[] = ['notice', 'humanitarianExemption'];
    const declined = scoreProportionality(countermeasure({ spillover: 'veryHigh', proceduresOffered: offered, options: { notice: true } }));
    expect(comp(declined.score, 'mitigation').value).toBe(0);
    expect(comp(declined.score, 'mitigation').why).toContain('although one was available');
    const given = scoreProportionality(
      countermeasure({ spillover: 'veryHigh', proceduresOffered: offered, options: { notice: true, humanitarianExemption: true } }),
    );
    expect(comp(given.score, 'mitigation').value).toBe(1);
    expect(comp(given.score, 'mitigation').why).toMatch(/^full marks: .*offset by a humanitarian exemption\.$/);
  });

  it('caps a countermeasure without state attribution of a wrongful act', () => {
    const r = scoreProportionality(countermeasure({ assessedLegalCategory: 'espionage', assessedResponsibility: 9 }));
    expect(r.legallyExposed).toBe(true);
    expect(r.score.value).toBe(COUNTERMEASURE_CAP);
    expect(r.score.rules).toHaveLength(1);
    expect(r.score.rules[0]).toMatchObject({ id: 'countermeasure-attribution', effect: 'capped at 40' });
    expect(r.score.rules[0]!.why).toContain('classified the incident as espionage, not an internationally wrongful act');
    expect(r.score.rules[0]!.why).toContain('ILC Art. 49(1)');
    const unknown = scoreProportionality(countermeasure({ assessedResponsibility: null }));
    expect(unknown.score.rules[0]!.why).toContain('has not assessed which state is responsible');
    const level6 = scoreProportionality(countermeasure({ assessedResponsibility: 6 }));
    expect(level6.score.rules[0]!.why).toContain('level 6 (state-coordinated), below state-ordered (7)');
  });

  it('accepts an armed attack or use of force as a wrongful act for countermeasures', () => {
    for (const cat of ['armedAttack', 'useOfForce'] as const) {
      expect(scoreProportionality(countermeasure({ assessedLegalCategory: cat })).legallyExposed).toBe(false);
    }
  });

  it('caps a countermeasure without notice unless urgency is invoked', () => {
    const noNotice = scoreProportionality(countermeasure({ options: { statementOfReasons: true, sunset: true, oversight: true } }));
    expect(noNotice.legallyExposed).toBe(true);
    expect(noNotice.score.rules.map((r) => r.id)).toEqual(['countermeasure-notice']);
    expect(noNotice.score.rules[0]!.why).toContain('ILC Art. 52(1)');
    expect(noNotice.score.value).toBeLessThanOrEqual(40);
    expect(noNotice.score.summary).toMatch(/^Proportionality 40\/100 \(\d+ before the legal rules\): .*; legally exposed as a countermeasure without notice\.$/);
    const urgent = scoreProportionality(countermeasure({ options: { urgent: true, statementOfReasons: true, sunset: true, oversight: true } }));
    expect(urgent.legallyExposed).toBe(false);
    const cannot = scoreProportionality(countermeasure({ proceduresOffered: ['statementOfReasons'], options: { notice: true } }));
    expect(cannot.legallyExposed).toBe(true);
    expect(cannot.score.rules[0]!.why).toContain('as drafted, the action offers no notice step');
  });

  it('caps a countermeasure that is not reversible enough', () => {
    const r = scoreProportionality(countermeasure({ reversibility: 0.5 }));
    expect(r.score.rules.map((x) => x.id)).toEqual(['countermeasure-reversibility']);
    expect(r.score.rules[0]!.why).toContain('reversibility 50%');
    expect(r.score.value).toBeLessThanOrEqual(40);
    expect(scoreProportionality(countermeasure({ reversibility: 0.8 })).legallyExposed).toBe(false);
  });

  it('does not apply countermeasure rules to other responses', () => {
    const r = scoreProportionality(
      countermeasure({ responseType: 'retorsion', reversibility: 0.2, options: {}, assessedLegalCategory: null, assessedResponsibility: null }),
    );
    expect(r.legallyExposed).toBe(false);
    expect(r.score.rules).toEqual([]);
  });

  it('sets force below the armed-attack threshold to 0', () => {
    const sd = (cat: ProportionalityInput['assessedLegalCategory']) =>
      scoreProportionality(countermeasure({ responseType: 'selfDefence', severity: 10, harm: 10, reversibility: 0.1, assessedLegalCategory: cat }));
    const below = sd('useOfForce');
    expect(below.score.value).toBe(0);
    expect(below.legallyExposed).toBe(true);
    expect(below.score.rules).toEqual([expect.objectContaining({ id: 'self-defence-threshold', effect: 'set to 0' })]);
    expect(below.score.rules[0]!.why).toContain('UN Charter Art. 51');
    expect(below.score.summary).toContain('legally exposed: force below the armed-attack threshold');
    expect(sd(null).score.value).toBe(0);
    const armed = sd('armedAttack');
    expect(armed.legallyExposed).toBe(false);
    expect(armed.score.value).toBeGreaterThan(0);
  });

  it('normalises custom weights by their sum, and shares zero weights equally', () => {
    const doubled = scoreProportionality(countermeasure({ weights: { fit: 0.7, evidence: 0.4, reversibility: 0.3, procedure: 0.3, mitigation: 0.3 } }));
    expect(doubled.score).toEqual(scoreProportionality(countermeasure()).score);
    const zero = scoreProportionality(countermeasure({ weights: { fit: 0, evidence: 0, reversibility: 0, procedure: 0, mitigation: 0 } }));
    expect(zero.score.components.map((c) => c.weight)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    const onlyFit = scoreProportionality(countermeasure({ severity: 10, harm: 6, weights: { fit: 2, evidence: 0, reversibility: 0, procedure: 0, mitigation: 0 } }));
    expect(onlyFit.score.value).toBe(0);
  });

  it('writes a one-sentence summary', () => {
    const r = scoreProportionality(countermeasure({ severity: 10, harm: 3, confidence: 'moderate' }));
    expect(r.score.summary).toMatch(/^Proportionality \d+\/100: .*overreaching.*\.$/);
    expect(r.score.summary).not.toContain('before the legal rules');
  });
});

// ---------------------------------------------------------------------------
// Cohesion: components and rules

describe('scoreCohesion', () => {
  const two = [team('usa', 'the United States'), team('gbr', 'the United Kingdom')];

  it('computes the vote agreement index', () => {
    const ai = (yes: number, no: number, abstain: number) =>
      comp(scoreCohesion(cohesion({ teams: two, votes: [{ label: 'v', yes, no, abstain }] })), 'agreement').value;
    expect(ai(5, 0, 0)).toBe(1);
    expect(ai(0, 4, 0)).toBe(1);
    expect(ai(2, 2, 0)).toBe(0.25);
    expect(ai(2, 2, 2)).toBe(0);
    expect(ai(3, 1, 0)).toBe(0.625);
    const split = scoreCohesion(cohesion({ teams: two, votes: [{ label: 'the EU listing', yes: 2, no: 2, abstain: 0 }] }));
    // alignment and agreement apply: weights 0.3 and 0.15 become 0.6667 and 0.3333; 33.33 × 0.75 = 25.0
    expect(comp(split, 'agreement').why).toBe('−25.0: average agreement 25%; split vote: the EU listing (2 yes, 2 no, 0 abstain).');
  });

  it('marks components that do not apply and renormalises the rest', () => {
    const s = scoreCohesion(cohesion({ teams: two, votes: [{ label: 'empty', yes: 0, no: 0, abstain: 0 }] }));
    const na = s.components.filter((c) => c.why.startsWith('not applicable this round: '));
    expect(na.map((c) => c.id)).toEqual(['agreement', 'jointness', 'burden', 'sharing']);
    for (const c of na) expect(c).toMatchObject({ weight: 0, value: 1, points: 0, lost: 0 });
    expect(comp(s, 'alignment').weight).toBe(1);
    expect(comp(s, 'alignment').why).toBe('full marks: both governments took the same posture.');
    expect(s.value).toBe(100);
  });

  it('weights responses by severity with a floor of 0.5, and names who acted alone', () => {
    const s = scoreCohesion(
      cohesion({
        teams: [...two, team('est', 'Estonia')],
        responses: [
          { team: 'usa', severity: 4, joint: true },
          { team: 'gbr', severity: 4, joint: true },
          { team: 'est', severity: 0, joint: false },
        ],
      }),
    );
    expect(comp(s, 'jointness').value).toBe(Math.round((8 / 8.5) * 1000) / 1000);
    expect(comp(s, 'jointness').why).toContain('solo responses came from Estonia (severity 0); Estonia took no part in any joint response');
    const resilience = scoreCohesion(cohesion({ teams: two, responses: [{ team: 'usa', severity: 0, joint: true }, { team: 'gbr', severity: -2, joint: false }] }));
    expect(comp(resilience, 'jointness').value).toBe(0.5);
  });

  it('scores burden sharing with the Gini coefficient of cost per capacity', () => {
    const fair = scoreCohesion(
      cohesion({ teams: [team('usa', 'the United States', { capacity: 4, costBorne: 4 }), team('est', 'Estonia', { capacity: 1, costBorne: 1 })] }),
    );
    expect(comp(fair, 'burden').value).toBe(1);
    expect(comp(fair, 'burden').why).toBe('full marks: the cost was borne in proportion to capacity.');
    const uneven = scoreCohesion(
      cohesion({
        teams: [team('gbr', 'the UK', { costBorne: 3 }), team('fra', 'France'), team('deu', 'Germany')],
      }),
    );
    // r = 3, 0, 0: Gini = 2/3
    expect(comp(uneven, 'burden').value).toBe(0.333);
    // alignment and burden apply: 0.15 becomes 0.3333; 33.33 × 0.667 = 22.2
    expect(comp(uneven, 'burden').why).toBe('−22.2: the UK bore 3× its share of the cost for its capacity; France and Germany bore none.');
  });

  it('caps evidence sharing at 1 and names who held back', () => {
    const capped = scoreCohesion(cohesion({ teams: [team('usa', 'the United States', { evidenceHeld: 2, evidenceShared: 5 })] }));
    expect(comp(capped, 'sharing').value).toBe(1);
    const held = scoreCohesion(
      cohesion({
        teams: [team('usa', 'the United States', { evidenceHeld: 4, evidenceShared: 4 }), team('fra', 'France', { evidenceHeld: 4 })],
      }),
    );
    expect(comp(held, 'sharing').value).toBe(0.5);
    expect(comp(held, 'sharing').why).toContain('France shared none of its 4 evidence points');
  });

  it('measures posture alignment by city-block distance over every category', () => {
    const s = scoreCohesion(
      cohesion({
        teams: [
          team('usa', 'the United States', { posture: { attribution: 1, economic: 1 } }),
          team('gbr', 'the United Kingdom', { posture: { attribution: 1, economic: 1 } }),
          team('fra', 'France', { posture: { attribution: 1, cyber: 1 } }),
        ],
      }),
    );
    const d = ACTION_CATEGORIES.length;
    expect(comp(s, 'alignment').value).toBe(Math.round(((1 + 2 * (1 - 2 / d)) / 3) * 1000) / 1000);
    expect(comp(s, 'alignment').why).toMatch(/France stood furthest apart, with (economic|cyber) measures at/);
    expect(
      comp(scoreCohesion(cohesion({ teams: [team('usa', 'US', { posture: { military: 1 } }), team('fra', 'France')] })), 'alignment').why,
    ).toBe('−8.3: US and France were 92% aligned; they differed most on military measures (US 1, France 0).');
  });

  it('charges each defection defectionPenalty / n, with a rule line naming the government', () => {
    const defections: CohesionDefection[] = [
      { team: 'deu', kind: 'veto', why: 'blocked the EU listing.' },
      { team: 'fra', kind: 'nonImplementation', why: '' },
    ];
    const teams = [team('deu', 'Germany'), team('fra', 'France'), team('pol', 'Poland'), team('est', 'Estonia')];
    const s = scoreCohesion(cohesion({ teams, defections }));
    expect(s.rules).toEqual([
      { id: 'defection-1', effect: '−5.0 points', why: 'Germany vetoed: blocked the EU listing.' },
      { id: 'defection-2', effect: '−5.0 points', why: 'France did not implement an agreed measure.' },
    ]);
    expect(s.value).toBe(90);
    const named = scoreCohesion(
      cohesion({ teams: [team('gbr', 'the United Kingdom'), team('fra', 'France')], defections: [{ team: 'gbr', kind: 'unilateralEscalation', why: 'the United Kingdom took sectoral sanctions alone' }] }),
    );
    expect(named.rules[0]!.why).toBe('The United Kingdom took sectoral sanctions alone.');
    expect(s.summary).toBe(
      'Cohesion 90/100: aligned in posture; 2 defections cost 10 points (Germany vetoed and France did not implement an agreed measure).',
    );
  });

  it('says nothing was at stake when no component applies', () => {
    const s = scoreCohesion(cohesion({ teams: [team('usa', 'the United States')] }));
    expect(s.value).toBe(100);
    expect(s.summary).toBe('Cohesion 100/100: nothing was at stake this round (no votes, responses, costs or evidence).');
    expect(s.components.every((c) => c.weight === 0 && c.points === 0)).toBe(true);
    const vetoed = scoreCohesion(cohesion({ teams: [team('usa', 'the United States')], defections: [{ team: 'usa', kind: 'unilateralEscalation', why: 'struck alone' }] }));
    expect(vetoed.value).toBe(80);
    expect(scoreCohesion(cohesion({})).value).toBe(100);
  });
});

// ---------------------------------------------------------------------------
// Properties

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const proportionalityWeights: fc.Arbitrary<ProportionalityWeights> = fc.oneof(
  fc.constant(W),
  fc.record({
    fit: fc.double({ min: 0, max: 5, noNaN: true }),
    evidence: fc.double({ min: 0, max: 5, noNaN: true }),
    reversibility: fc.double({ min: 0, max: 5, noNaN: true }),
    procedure: fc.double({ min: 0, max: 5, noNaN: true }),
    mitigation: fc.double({ min: 0, max: 5, noNaN: true }),
  }),
);
const procedureOptions = fc.record(
  Object.fromEntries(PROCEDURES.map((p) => [p, fc.boolean()])) as Record<Procedure, fc.Arbitrary<boolean>>,
  { requiredKeys: [] },
);

const proportionalityInput: fc.Arbitrary<ProportionalityInput> = fc.record({
  actionName: fc.constantFrom('Asset freezes', 'Cyber countermeasure', 'Démarche', 'Delisting'),
  severity: fc.double({ min: -2, max: 10, noNaN: true }),
  harm: fc.double({ min: 0, max: 10, noNaN: true }),
  confidence: fc.option(fc.constantFrom(...CONFIDENCE_LEVELS), { nil: null }),
  minConfidence: fc.constantFrom('none' as const, ...CONFIDENCE_LEVELS),
  publicEvidence: unit,
  reversibility: unit,
  responseType: fc.constantFrom(...RESPONSE_TYPES),
  proceduresOffered: fc.subarray([...PROCEDURES]),
  options: procedureOptions,
  spillover: fc.constantFrom(...SPILLOVER),
  assessedResponsibility: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  assessedLegalCategory: fc.option(fc.constantFrom(...LEGAL_CATEGORIES), { nil: null }),
  weights: proportionalityWeights,
});

const TEAM_IDS = ['usa', 'gbr', 'deu', 'fra', 'est', 'pol', 'eu', 'nato'];
const cohesionWeights: fc.Arbitrary<CohesionWeights> = fc.oneof(
  fc.constant(CW),
  fc.record({
    alignment: fc.double({ min: 0, max: 5, noNaN: true }),
    agreement: fc.double({ min: 0, max: 5, noNaN: true }),
    jointness: fc.double({ min: 0, max: 5, noNaN: true }),
    burden: fc.double({ min: 0, max: 5, noNaN: true }),
    sharing: fc.double({ min: 0, max: 5, noNaN: true }),
    defectionPenalty: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
);
const cohesionInput: fc.Arbitrary<CohesionInput> = fc.uniqueArray(fc.constantFrom(...TEAM_IDS), { maxLength: 8 }).chain((ids) => {
  const who = fc.constantFrom(...ids, 'elsewhere');
  const amount = fc.double({ min: 0, max: 10, noNaN: true });
  return fc.record({
    teams: fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          name: fc.constant(id.toUpperCase()),
          capacity: fc.double({ min: 0.1, max: 10, noNaN: true }),
          posture: fc.dictionary(fc.constantFrom(...ACTION_CATEGORIES), unit),
          costBorne: amount,
          evidenceHeld: amount,
          evidenceShared: amount,
        }),
      ),
    ),
    votes: fc.array(
      fc.record({ label: fc.constantFrom('the EU listing', 'the joint statement'), yes: fc.nat(30), no: fc.nat(30), abstain: fc.nat(30) }),
      { maxLength: 4 },
    ),
    responses: fc.array(fc.record({ team: who, severity: fc.double({ min: -2, max: 10, noNaN: true }), joint: fc.boolean() }), {
      maxLength: 8,
    }),
    defections: fc.array(
      fc.record({
        team: who,
        kind: fc.constantFrom('veto' as const, 'unilateralRollback' as const, 'unilateralEscalation' as const, 'nonImplementation' as const),
        why: fc.constantFrom('', 'blocked the listing'),
      }),
      { maxLength: 4 },
    ),
    weights: cohesionWeights,
  });
});

const PREFIX = /^(−\d+\.\d: |full marks: |not applicable this round: )/;

function checkComponents(score: Score): void {
  for (const c of score.components) {
    expect(c.value).toBeGreaterThanOrEqual(0);
    expect(c.value).toBeLessThanOrEqual(1);
    expect(Math.abs(c.points + c.lost - 100 * c.weight)).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(c.why).toMatch(PREFIX);
    expect(c.why.startsWith('full marks: ') || c.why.startsWith('not applicable')).toBe(c.lost === 0);
  }
}

describe('properties', () => {
  it('proportionality is an integer in 0..100 for any inputs in range', () => {
    fc.assert(
      fc.property(proportionalityInput, (input) => {
        const { score } = scoreProportionality(input);
        expect(Number.isInteger(score.value)).toBe(true);
        expect(score.value).toBeGreaterThanOrEqual(0);
        expect(score.value).toBeLessThanOrEqual(100);
        expect(score.components.map((c) => c.id)).toEqual([...PROPORTIONALITY_COMPONENTS]);
        expect(score.summary.startsWith(`Proportionality ${score.value}/100`)).toBe(true);
      }),
    );
  });

  it('cohesion is an integer in 0..100 for any inputs in range', () => {
    fc.assert(
      fc.property(cohesionInput, (input) => {
        const score = scoreCohesion(input);
        expect(Number.isInteger(score.value)).toBe(true);
        expect(score.value).toBeGreaterThanOrEqual(0);
        expect(score.value).toBeLessThanOrEqual(100);
        expect(score.components.map((c) => c.id)).toEqual([...COHESION_COMPONENTS]);
        expect(score.rules).toHaveLength(input.defections.length);
        expect(score.summary.startsWith(`Cohesion ${score.value}/100`)).toBe(true);
      }),
    );
  });

  it("every component's points and lost points add up to its weight × 100", () => {
    fc.assert(fc.property(proportionalityInput, (input) => checkComponents(scoreProportionality(input).score)));
    fc.assert(fc.property(cohesionInput, (input) => checkComponents(scoreCohesion(input))));
  });

  it('normalised weights sum to 1 over the components that count', () => {
    fc.assert(
      fc.property(proportionalityInput, (input) => {
        const sum = scoreProportionality(input).score.components.reduce((s, c) => s + c.weight, 0);
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(0.001);
      }),
    );
    fc.assert(
      fc.property(cohesionInput, (input) => {
        const s = scoreCohesion(input);
        const live = s.components.filter((c) => !c.why.startsWith('not applicable'));
        const sum = live.reduce((acc, c) => acc + c.weight, 0);
        expect(Math.abs(sum - (live.length > 0 ? 1 : 0))).toBeLessThanOrEqual(0.001);
      }),
    );
  });

  it('legally exposed countermeasures never exceed 40', () => {
    fc.assert(
      fc.property(proportionalityInput, (input) => {
        const r = scoreProportionality({ ...input, responseType: 'countermeasure' });
        if (r.legallyExposed) expect(r.score.value).toBeLessThanOrEqual(COUNTERMEASURE_CAP);
        expect(r.legallyExposed).toBe(r.score.rules.length > 0);
      }),
    );
  });

  it('an overreaction loses more than an equal underreaction', () => {
    const gap = fc
      .double({ min: 0.1, max: 5, noNaN: true })
      .chain((d) => fc.tuple(fc.constant(d), fc.double({ min: d, max: 10 - d, noNaN: true })));
    fc.assert(
      fc.property(proportionalityInput, gap, (input, [d, harm]) => {
        const over = scoreProportionality({ ...input, harm, severity: harm + d });
        const under = scoreProportionality({ ...input, harm, severity: harm - d });
        expect(comp(over.score, 'fit').value).toBeLessThan(comp(under.score, 'fit').value);
        expect(comp(over.score, 'fit').lost).toBeGreaterThanOrEqual(comp(under.score, 'fit').lost);
        expect(over.score.value).toBeLessThanOrEqual(under.score.value);
      }),
    );
  });

  it('scaling every weight by a power of two changes nothing', () => {
    fc.assert(
      fc.property(proportionalityInput, fc.constantFrom(0.5, 2, 4, 8), (input, k) => {
        const w = input.weights;
        const scaled = { fit: w.fit * k, evidence: w.evidence * k, reversibility: w.reversibility * k, procedure: w.procedure * k, mitigation: w.mitigation * k };
        expect(scoreProportionality({ ...input, weights: scaled })).toEqual(scoreProportionality(input));
      }),
    );
  });
});
