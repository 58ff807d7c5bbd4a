/**
 * Report cards from played exercises: a scripted tutorial (sharing, a joint
 * statement, an over-strong hack-back, evaluators' notes, an override) and bot
 * exercises of every shipped scenario. Checks which decisions bear on which
 * objective, the team-specific measures, the rubric levels, the combination
 * with evaluators' ratings, and who may see which card.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/index';
import { explanationsFor } from '../../src/engine/view/explain';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import { combineLevels, levelOf, reportCard, reportCards, reportCardsOf, LEVEL_POINTS } from '../../src/engine/grading/reportCard';
import { GRADE_MEASURES, RUBRIC_LEVELS, type Scenario } from '../../src/engine/scenario/schema';
import { PROPORTIONALITY_COMPONENTS } from '../../src/engine/scoring/proportionality';
import { COHESION_COMPONENTS } from '../../src/engine/scoring/cohesion';
import { FAC, Game, OBS, loadFile, shippedScenarios, team } from './support';
import { applyCommand, createExercise, loadScenarioText } from '../../src/engine/index';

const tutorial = (): Scenario => loadFile('scenarios/tutorial.json');

/** Round 1 of the tutorial: both governments at moderate confidence, Estonia shares, both make the joint statement, Estonia hacks back. */
function playedTutorial(): Game {
  const game = new Game(tutorial()).start();
  game.evidence('ddos', 'est', 5).evidence('ddos', 'nato', 5);
  game.ok(team('est'), { type: 'shareIntel', incident: 'ddos', with: 'coalition' });
  game.ok(team('est'), { type: 'proposeJoint', draft: { action: 'joint-statement', incident: 'ddos', rationale: 'Together.' } });
  const proposal = Object.values(game.state.proposals)[0]!;
  game.ok(team('nato'), { type: 'respondJoint', proposal: proposal.id, join: true });
  game.ok(team('est'), { type: 'draftDecision', draft: { action: 'hack-back', incident: 'ddos', rationale: 'Hit back.' } });
  game.lockAll();
  expect(game.state.rounds).toHaveLength(1);
  return game;
}

describe('report cards of a scripted tutorial', () => {
  it('maps each decision to the objectives it bears on, with team-specific measures', () => {
    const game = playedTutorial();
    const est = reportCard(game.scenario, game.state, 'est');
    const nato = reportCard(game.scenario, game.state, 'nato');
    const estTogether = est.objectives.find((o) => o.objective === 'together')!;
    const natoTogether = nato.objectives.find((o) => o.objective === 'together')!;
    // The joint statement bears on acting together; the hack-back (cyber) does not.
    expect(estTogether.decisions.map((d) => d.action)).toEqual(['joint-statement']);
    expect(estTogether.decisions[0]!.joint).toBe(true);
    expect(estTogether.measures.find((m) => m.id === 'joint')!.value).toBe(100);
    // Estonia shared its evidence; NATO held evidence and shared none.
    expect(estTogether.measures.find((m) => m.id === 'sharing')!.value).toBe(100);
    expect(natoTogether.measures.find((m) => m.id === 'sharing')!.value).toBe(0);
    expect(natoTogether.score!).toBeLessThan(estTogether.score!);
    // The hack-back bears on proportionality, and it is out of scale with a DDoS.
    const estProportionality = est.objectives.find((o) => o.objective === 'proportionality')!;
    const hackBack = estProportionality.decisions.find((d) => d.action === 'hack-back')!;
    const statement = estProportionality.decisions.find((d) => d.action === 'joint-statement')!;
    expect(hackBack.proportionality).toBeLessThan(statement.proportionality);
    expect(est.decisions).toBe(2);
    expect(nato.decisions).toBe(1);
  });

  it('levels follow the score thresholds and each says why in a sentence', () => {
    const game = playedTutorial();
    for (const card of reportCards(game.scenario, game.state)) {
      for (const o of card.objectives) {
        expect(o.graded).toBe(true);
        expect(o.why).toMatch(/^[A-Z].*\.$/);
        expect(RUBRIC_LEVELS).toContain(o.level);
        const thresholds = game.scenario.meta.learningObjectives.find((x) => x.id === o.objective)!.rubric.thresholds;
        const tooFew = o.decisions.length < game.scenario.meta.learningObjectives.find((x) => x.id === o.objective)!.evidence!.minDecisions;
        if (tooFew) expect(o.level).toBe('insufficient');
        else if (o.score !== null) expect(o.level).toBe(levelOf(o.score, thresholds));
        // The tutorial ships its own descriptors for three objectives.
        if (o.objective === 'together') expect(o.descriptor).toBe(game.scenario.meta.learningObjectives.find((x) => x.id === 'together')!.rubric[o.level!]);
      }
    }
    // NATO took no decision that proves it can read the interface (it needs two).
    const natoInterface = reportCard(game.scenario, game.state, 'nato').objectives.find((o) => o.objective === 'interface')!;
    expect(natoInterface.level).toBe('insufficient');
    expect(natoInterface.why).toContain('needs at least 2');
  });

  it('combines the evaluators’ ratings: for the team a note names, or for every team when it names none', () => {
    const game = playedTutorial();
    const before = reportCard(game.scenario, game.state, 'est').objectives.find((o) => o.objective === 'together')!;
    game.ok(OBS, { type: 'note', text: 'Estonia never consulted NATO before the hack-back.', objective: 'together', rating: 'U', team: 'est' });
    game.ok(OBS, { type: 'note', text: 'Both read the proportionality preview.', objective: 'interface', rating: 'P' });
    const est = reportCard(game.scenario, game.state, 'est');
    const nato = reportCard(game.scenario, game.state, 'nato');
    const estTogether = est.objectives.find((o) => o.objective === 'together')!;
    expect(estTogether.computed).toBe(before.computed);
    expect(estTogether.ratings).toEqual({ P: 0, S: 0, M: 0, U: 1 });
    expect(estTogether.evaluated).toBe('insufficient');
    expect(estTogether.level).toBe(combineLevels(before.computed, LEVEL_POINTS.insufficient));
    expect(LEVEL_POINTS[estTogether.level!]).toBeLessThan(LEVEL_POINTS[before.level!]);
    expect(estTogether.why).toContain('evaluators rated it U');
    expect(nato.objectives.find((o) => o.objective === 'together')!.ratings.U).toBe(0);
    for (const card of [est, nato]) expect(card.objectives.find((o) => o.objective === 'interface')!.ratings.P).toBe(1);
  });

  it('counts a facilitator’s rating on an observer’s copy only from the debrief, as the note itself', () => {
    const game = playedTutorial();
    game.ok(FAC, { type: 'note', text: 'Held back until the debrief.', objective: 'together', rating: 'M', team: 'nato' });
    const ratingFor = (viewer: Parameters<typeof project>[2]) =>
      project(game.scenario, game.state, viewer).reportCards.find((c) => c.team === 'nato')!.objectives.find((o) => o.objective === 'together')!.ratings.M;
    expect(ratingFor({ role: 'facilitator' })).toBe(1);
    expect(ratingFor({ role: 'observer' })).toBe(0);
    game.ok(FAC, { type: 'endExercise', reason: 'Time is up.' });
    expect(ratingFor({ role: 'observer' })).toBe(1);
    expect(ratingFor({ role: 'team', team: 'nato' })).toBe(1);
  });

  it('refuses a note about a team the scenario does not have', () => {
    const game = playedTutorial();
    game.reject(OBS, { type: 'note', text: 'Who?', team: 'atlantis' }, 'UNKNOWN_TEAM');
  });

  it('counts the facilitator’s override as the proportionality that stands', () => {
    const game = playedTutorial();
    const hackBack = game.state.decisions.find((d) => d.action === 'hack-back')!;
    game.ok(FAC, { type: 'overrideScore', decision: hackBack.id, proportionality: 5, reason: 'A hack-back against botnet hosts abroad.' });
    const card = reportCard(game.scenario, game.state, 'est');
    const item = card.objectives.find((o) => o.objective === 'proportionality')!.decisions.find((d) => d.decision === hackBack.id)!;
    expect(item.proportionality).toBe(5);
    expect(item.bearing).toContain('(override)');
    // The projection's recent cards see the override too: the card a view refers to is answered with it.
    const facilitator = { role: 'facilitator' } as const;
    const ref = project(game.scenario, game.state, facilitator).reportCards.find((c) => c.team === 'est')!.explanation;
    const viewed = explanationsFor(game.scenario, game.state, facilitator, [ref]).reportCards[ref]!;
    expect(viewed.objectives.find((o) => o.objective === 'proportionality')!.decisions.find((d) => d.decision === hackBack.id)!.proportionality).toBe(5);
  });

  it('shows a team its own card at the debrief only, and every card to the facilitator and evaluators', () => {
    const game = playedTutorial();
    const cardsOf = (viewer: Parameters<typeof project>[2]) => project(game.scenario, game.state, viewer).reportCards.map((c) => c.team);
    expect(cardsOf({ role: 'team', team: 'est' })).toEqual([]);
    expect(cardsOf({ role: 'observer' })).toEqual(['est', 'nato']);
    expect(cardsOf({ role: 'facilitator' })).toEqual(['est', 'nato']);
    game.ok(FAC, { type: 'endExercise', reason: 'Time is up.' });
    expect(game.state.phase).toBe('debrief');
    expect(cardsOf({ role: 'team', team: 'est' })).toEqual(['est']);
    expect(cardsOf({ role: 'team', team: 'nato' })).toEqual(['nato']);
    expect(cardsOf({ role: 'redCell' })).toEqual([]);
  });
});

describe('report cards of bot exercises', () => {
  it('grade every objective of every shipped scenario from the team’s own decisions', () => {
    for (const scenario of shippedScenarios()) {
      // Every shipped objective says what evidences it, and what each level looks like.
      for (const o of scenario.meta.learningObjectives) {
        expect(o.evidence, `${scenario.id}/${o.id}`).toBeDefined();
        for (const level of RUBRIC_LEVELS) expect(o.rubric[level], `${scenario.id}/${o.id}/${level}`).toBeTruthy();
      }
      const levelsByPolicy = new Map<string, string>();
      for (const policy of ['restrained', 'hawkish']) {
        const { state } = simulateExercise(scenario, 'cards-1', resolvePolicies(scenario, [policy]));
        const cards = reportCards(scenario, state);
        expect(cards.map((c) => c.team)).toEqual(scenario.teams.map((t) => t.id));
        for (const card of cards) {
          const own = new Set(state.decisions.filter((d) => d.team === card.team).map((d) => d.id));
          expect(card.decisions).toBe(own.size);
          expect(card.objectives.map((o) => o.objective)).toEqual(scenario.meta.learningObjectives.map((o) => o.id));
          for (const o of card.objectives) {
            const def = scenario.meta.learningObjectives.find((x) => x.id === o.objective)!;
            for (const d of o.decisions) {
              expect(own.has(d.decision)).toBe(true);
              const category = scenario.actions.find((a) => a.id === d.action)!.category;
              const mapped = def.evidence!.actions.length === 0 && def.evidence!.categories.length === 0;
              expect(mapped || def.evidence!.actions.includes(d.action) || (def.evidence!.categories as string[]).includes(category)).toBe(true);
            }
            for (const m of o.measures) if (m.value !== null) expect(m.value).toBeGreaterThanOrEqual(0), expect(m.value).toBeLessThanOrEqual(100);
            expect(o.why.length).toBeGreaterThan(20);
          }
        }
        levelsByPolicy.set(policy, JSON.stringify(cards.map((c) => c.objectives.map((o) => o.level))));
      }
      // Different ways of playing earn different cards.
      expect(levelsByPolicy.get('restrained')).not.toBe(levelsByPolicy.get('hawkish'));
    }
  });
});

describe('the projection’s recent cards', () => {
  it('equal freshly computed cards after every command of a played exercise', () => {
    const scenario = loadFile('scenarios/romania-2024.json');
    const { commands } = simulateExercise(scenario, 'cards-memo', resolvePolicies(scenario, ['random-legal']));
    let state = createExercise(scenario, 'cards-memo');
    let checked = 0;
    for (const command of commands) {
      const result = applyCommand(scenario, state, command);
      if (!result.ok) continue;
      state = result.state;
      if (state.rounds.length === 0) continue;
      expect(reportCardsOf(scenario, state, state.notes)).toEqual(reportCards(scenario, state));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('the rubric', () => {
  it('breaks a tie between computed and evaluated levels the evaluators’ way', () => {
    expect(combineLevels('exemplary', LEVEL_POINTS.insufficient)).toBe('developing');
    expect(combineLevels('insufficient', LEVEL_POINTS.exemplary)).toBe('proficient');
    expect(combineLevels('proficient', LEVEL_POINTS.proficient)).toBe('proficient');
    expect(combineLevels('proficient', null)).toBe('proficient');
    expect(combineLevels(null, 2.4)).toBe('developing');
  });

  it('offers a measure for every score component', () => {
    for (const c of PROPORTIONALITY_COMPONENTS) expect(GRADE_MEASURES).toContain(`proportionality.${c}`);
    for (const c of COHESION_COMPONENTS) expect(GRADE_MEASURES).toContain(`cohesion.${c}`);
  });

  it('rejects evidence that names an unknown action, and thresholds that rise', () => {
    const text = (edit: (json: any) => void) => {
      const json = JSON.parse(readFileSync(new URL('../../scenarios/tutorial.json', import.meta.url), 'utf8')) as any;
      edit(json);
      return loadScenarioText(JSON.stringify(json), 'tutorial.json');
    };
    const unknown = text((j) => (j.meta.learningObjectives[0].evidence = { actions: ['hack-bak'], measures: ['effect'] }));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems.map((p) => p.message).join('\n')).toContain('unknown action "hack-bak"');
    const rising = text((j) => (j.meta.learningObjectives[0].rubric = { thresholds: { exemplary: 60, proficient: 70, developing: 50 } }));
    expect(rising.ok).toBe(false);
    if (!rising.ok) expect(rising.problems.map((p) => p.code)).toContain('rubric-thresholds');
  });
});
