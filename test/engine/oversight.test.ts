/**
 * Oversight at home, through real commands on the tutorial: the Riigikogu's
 * committee reviews an Estonian counter-strike drafted with the oversight
 * option and a statement of reasons, refuses it on thin evidence and
 * approves it on enough; a mandatory body reviews without the option; the
 * shipped counter-strike offers a statement of reasons, and the committee
 * sends back one drafted without it; the preview says so before the plan is
 * locked, in the words of the result.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/engine';
import { formatProblem } from '../../src/engine/scenario/problems';
import { previewDecision } from '../../src/engine/scoring/decision';
import { exerciseProportionality } from '../../src/engine/scoring/exercise';
import { FAC, Game, team, variantOf } from './support';

const TUTORIAL = 'scenarios/tutorial.json';
const EST = team('est');

function tutorial(edit: (json: Record<string, any>) => void = () => {}) {
  return variantOf(TUTORIAL, edit);
}

const hackBack = (options: Record<string, boolean> = { oversight: true, statementOfReasons: true }) => ({ action: 'hack-back', incident: 'ddos', options, rationale: 'Stop the botnet.' });

/** Round 1 with Estonia at low confidence (2 points), the counter-strike drafted and the round resolved: its decision. */
function playCounterStrike(game: Game, options?: Record<string, boolean>) {
  game.start().evidence('ddos', 'est', 2);
  game.ok(EST, { type: 'draftDecision', draft: hackBack(options) });
  game.lockAll();
  return game.state.decisions.find((d) => d.action === 'hack-back')!;
}

describe('an oversight body', () => {
  it('refuses a measure whose evidence is too thin: it does not go ahead, but counts as chosen', () => {
    const game = new Game(tutorial());
    const decision = playCounterStrike(game);
    expect(decision.effective).toBe(false);
    expect(decision.heldBy).toBe('riigikogu-committee');
    expect(exerciseProportionality(game.scenario, game.state, 'est')).not.toBeNull();
    expect(decision.outcome).toMatch(/^Did not go ahead: the Riigikogu's security oversight committee refused it, finding the evidence behind it too thin \(rated \d+ %; it needs 60 %\)\.$/);
  });

  it('approves one whose evidence is enough, and the measure is carried out', () => {
    const game = new Game(tutorial((json) => (json.institutions.oversight[0].refuseBelow = 0)));
    const decision = playCounterStrike(game);
    expect(decision.effective).toBe(true);
    expect(decision.outcome).toMatch(/^Approved by the Riigikogu's security oversight committee\. /);
  });

  it("reviews only what is informed to it, unless review is mandatory (as the Riigikogu committee's is, for cyber operations)", () => {
    const optional = playCounterStrike(new Game(tutorial((json) => (json.institutions.oversight[0].mandatory = false))), { statementOfReasons: true });
    expect(optional.outcome).not.toContain('committee');
    const mandatory = playCounterStrike(new Game(tutorial()), { statementOfReasons: true });
    expect(mandatory.effective).toBe(false);
    expect(mandatory.outcome).toContain('refused it');
  });

  it("sends back the shipped counter-strike drafted without the statement of reasons it offers, whatever the evidence", () => {
    const sentBack = "Did not go ahead: the Riigikogu's security oversight committee sent it back and asks for a statement of reasons before it approves.";
    expect(playCounterStrike(new Game(tutorial()), { oversight: true }).outcome).toBe(sentBack);
    const scenario = tutorial((json) => (json.institutions.oversight[0].refuseBelow = 0));
    const without = playCounterStrike(new Game(scenario), { oversight: true });
    expect(without.effective).toBe(false);
    expect(without.outcome).toBe(sentBack);
    const withReasons = playCounterStrike(new Game(scenario));
    expect(withReasons.effective).toBe(true);
  });

  it('is named in the preview before the plan is locked, in the words of the result', () => {
    const game = new Game(tutorial((json) => (json.institutions.oversight[0].mandatory = false))).start().evidence('ddos', 'est', 2);
    const preview = previewDecision(game.scenario, game.state, 'est', hackBack());
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.problem).toMatch(/refused it, finding the evidence behind it too thin/);
    const uninformed = previewDecision(game.scenario, game.state, 'est', hackBack({}));
    if (!uninformed.ok) throw new Error(uninformed.message);
    expect(uninformed.problem).toBeNull();
    game.ok(FAC, { type: 'pause' });
    const shipped = new Game(tutorial()).start().evidence('ddos', 'est', 2);
    const withoutReasons = previewDecision(shipped.scenario, shipped.state, 'est', hackBack({ oversight: true }));
    if (!withoutReasons.ok) throw new Error(withoutReasons.message);
    expect(withoutReasons.problem).toMatch(/sent it back and asks for a statement of reasons before it approves/);
  });
});

describe('oversight bodies in the validator', () => {
  const problems = (edit: (json: Record<string, any>) => void) => {
    const json = JSON.parse(JSON.stringify(tutorialJson));
    edit(json);
    const result = loadScenarioText(JSON.stringify(json, null, 2), 'mine.json');
    return (result.ok ? result.warnings : result.problems).map(formatProblem).filter((p) => p.includes('/institutions/oversight'));
  };
  const tutorialJson = JSON.parse(require('node:fs').readFileSync(TUTORIAL, 'utf8'));

  it('names an unknown government and a body that never sits', () => {
    expect(problems((json) => (json.institutions.oversight[0].teams = ['estonia']))).toEqual([
      expect.stringContaining('unknown team "estonia" (known: est, nato)'),
      expect.stringContaining('none of its governments can take one: it never sits'),
    ]);
    expect(problems((json) => (json.institutions.oversight[0].categories = ['economic']))).toEqual([
      expect.stringContaining('reviews economic measures, but none of its governments can take one'),
    ]);
    expect(
      problems((json) => {
        json.institutions.oversight[0].mandatory = false;
        json.actions.find((a: { id: string }) => a.id === 'hack-back').procedures = ['notice'];
      }),
    ).toEqual([expect.stringContaining('none of the measures in its remit offers it')]);
  });
});
