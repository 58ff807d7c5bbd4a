/**
 * Command handling: who may send what, when, and the sentence a player reads
 * when a command is refused; the clock; plans, proposals, sharing, overrides
 * and the red cell. The Game helper freezes every state it hands the engine
 * and checks it byte for byte after each command, so every test here also
 * checks that the engine never changes its input.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, canonicalJson, createExercise, project } from '../../src/engine/index';
import { regionState, sendToChart } from '../../src/engine/machines/chart';
import { deEscalationMachine } from '../../src/engine/machines/deEscalation';
import { annulmentChance } from '../../src/engine/adjudicate/sanctionsTurn';
import type { CommandBody, ExerciseState, RejectionCode } from '../../src/engine/types';
import { FAC, Game, OBS, RED, SYS, deepFreeze, minimalScenario, rejectionsSeen, richScenario, team, variantOf } from './support';

const scenario = richScenario();
const USA = team('usa');
const FRA = team('fra');
const DEU = team('deu');
const MINUTE = 60_000;

const draft = (action: string, incident?: string, options?: Record<string, boolean>): CommandBody => ({
  type: 'draftDecision',
  draft: { action, ...(incident ? { incident } : {}), ...(options ? { options } : {}) },
});

/** Round 1, deliberation. usa holds 4 evidence points on the mail hack (moderate); fra and deu hold none. */
const round1 = () => new Game(scenario).start();

/** Round 2, deliberation: the scan has come to light. */
function round2(): Game {
  const game = round1().lockAll();
  game.ok(FAC, { type: 'advance' });
  expect(game.state.round).toBe(2);
  return game;
}

// ---------------------------------------------------------------------------

describe('who may send a command', () => {
  it('NOT_ALLOWED names the roles that may', () => {
    const game = round1();
    expect(game.reject(USA, { type: 'advance' }, 'NOT_ALLOWED')).toBe('Only the facilitator can do that.');
    expect(game.reject(USA, { type: 'overridePosture', posture: 'deterred', reason: 'x' }, 'NOT_ALLOWED')).toBe('Only the facilitator can do that.');
    expect(game.reject(OBS, draft('resilience'), 'NOT_ALLOWED')).toBe('Only a team can do that.');
    expect(game.reject(FAC, draft('resilience'), 'NOT_ALLOWED')).toBe('Only a team can do that.');
    expect(game.reject(USA, { type: 'clockExpired', round: 1 }, 'NOT_ALLOWED')).toBe('Only the server can do that.');
    expect(game.reject(FAC, { type: 'clockExpired', round: 1 }, 'NOT_ALLOWED')).toBe('Only the server can do that.');
    expect(game.reject(FAC, { type: 'chooseAdversaryMove', move: null }, 'NOT_ALLOWED')).toBe('Only the red cell can do that.');
    expect(game.reject(RED, { type: 'note', text: 'hi' }, 'NOT_ALLOWED')).toBe('Only an observer and the facilitator can do that.');
    expect(game.reject(SYS, { type: 'chat', channel: 'team', text: 'hi' }, 'NOT_ALLOWED')).toBe('Only a team can do that.');
  });

  it('NOT_ALLOWED for the red cell when the scenario has no human red cell', () => {
    const noRedCell = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.adversary.redCellAllowed = false;
    });
    const game = new Game(noRedCell).start();
    expect(game.reject(RED, { type: 'chooseAdversaryMove', move: 'quiet-recon' }, 'NOT_ALLOWED')).toBe('This scenario does not allow a human red cell.');
  });

  it('UNKNOWN_TEAM for a seat of a team that does not exist', () => {
    expect(round1().reject(team('atlantis'), draft('resilience'), 'UNKNOWN_TEAM')).toBe('There is no team "atlantis" in this exercise.');
  });

  it('INVALID_ARGUMENT for a command the engine does not know', () => {
    expect(round1().reject(FAC, { type: 'fly' } as never, 'INVALID_ARGUMENT')).toBe('Unknown command "fly".');
  });
});

describe('phases', () => {
  it('WRONG_PHASE before the exercise starts', () => {
    const game = new Game(scenario);
    expect(game.reject(FAC, { type: 'advance' }, 'WRONG_PHASE')).toMatch(/^Start the exercise first/);
    expect(game.reject(FAC, { type: 'pause' }, 'WRONG_PHASE')).toBe('Only a running round can be paused.');
    expect(game.reject(FAC, { type: 'resume' }, 'WRONG_PHASE')).toBe('The exercise is not paused.');
    expect(game.reject(FAC, { type: 'adjustClock', deltaMs: MINUTE }, 'WRONG_PHASE')).toBe('No round clock is running.');
    expect(game.reject(FAC, { type: 'releaseInject', inject: 'late-news' }, 'WRONG_PHASE')).toBe('Start the exercise before releasing injects.');
    expect(game.reject(FAC, { type: 'releaseAdhocInject', inject: { title: 't', body: 'b', audience: 'all' } }, 'WRONG_PHASE')).toBe(
      'Start the exercise before releasing injects.',
    );
    expect(game.reject(USA, draft('resilience'), 'WRONG_PHASE')).toBe('Decisions are made while a round is in deliberation; the exercise is in lobby.');
  });

  it('WRONG_PHASE in the briefing and in the results', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'startExercise' });
    expect(game.reject(FAC, { type: 'startExercise' }, 'WRONG_PHASE')).toBe('The exercise has already started.');
    expect(game.reject(USA, draft('resilience'), 'WRONG_PHASE')).toBe('Decisions are made while a round is in deliberation; the exercise is in briefing.');
    expect(game.reject(RED, { type: 'chooseAdversaryMove', move: null }, 'WRONG_PHASE')).toBe(
      'The red cell chooses its move while a round is in deliberation.',
    );
    game.ok(FAC, { type: 'advance' });
    game.lockAll();
    expect(game.state.phase).toBe('results');
    expect(game.reject(USA, draft('resilience'), 'WRONG_PHASE')).toMatch(/the exercise is in results\.$/);
    expect(game.reject(USA, { type: 'unlockDecisions' }, 'WRONG_PHASE')).toBe('Decisions can only be unlocked during deliberation.');
    expect(game.reject(USA, { type: 'lockDecisions' }, 'WRONG_PHASE')).toMatch(/deliberation/);
    expect(game.reject(RED, { type: 'chooseAdversaryMove', move: null }, 'WRONG_PHASE')).toMatch(/deliberation/);
  });

  it('PAUSED while the facilitator has paused the exercise', () => {
    const game = round1();
    game.ok(FAC, { type: 'pause' });
    expect(game.state.paused).toBe(true);
    expect(game.reject(USA, draft('resilience'), 'PAUSED')).toBe('The facilitator has paused the exercise.');
    expect(game.reject(USA, { type: 'lockDecisions' }, 'PAUSED')).toBe('The facilitator has paused the exercise.');
    expect(game.reject(USA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' }, 'PAUSED')).toMatch(/paused/);
    expect(game.reject(FAC, { type: 'advance' }, 'PAUSED')).toBe('The exercise is paused; resume it first.');
    expect(game.reject(FAC, { type: 'pause' }, 'PAUSED')).toBe('The exercise is already paused.');
    game.ok(FAC, { type: 'resume' });
    game.ok(USA, draft('resilience'));
  });

  it('EXERCISE_OVER after the end, except for notes; chat only once the facilitator reopens the exercise', () => {
    const game = round1();
    game.ok(FAC, { type: 'endExercise', reason: 'time is up' });
    expect(game.state.phase).toBe('debrief');
    expect(game.state.outcome).toMatchObject({ id: 'ended-by-facilitator', outcome: 'neutral', summary: 'The facilitator ended the exercise: time is up' });
    expect(game.reject(USA, draft('resilience'), 'EXERCISE_OVER')).toBe('The exercise has ended.');
    expect(game.reject(FAC, { type: 'advance' }, 'EXERCISE_OVER')).toBe('The exercise has ended.');
    expect(game.reject(FAC, { type: 'startExercise' }, 'EXERCISE_OVER')).toBe('The exercise has ended.');
    expect(game.reject(FAC, { type: 'endExercise', reason: 'again' }, 'EXERCISE_OVER')).toBe('The exercise has ended.');
    expect(game.reject(SYS, { type: 'clockExpired', round: 1 }, 'EXERCISE_OVER')).toBe('The exercise has ended.');
    game.ok(OBS, { type: 'note', text: 'Good hot wash.', rating: 'S' });
    expect(game.state.notes.at(-1)).toMatchObject({ text: 'Good hot wash.', rating: 'S', by: 'Observer', role: 'observer' });
    // The chat closed with the exercise; only the facilitator reopens it, and only after the end.
    expect(game.reject(USA, { type: 'chat', channel: 'coalition', text: 'Thanks all.' }, 'EXERCISE_OVER')).toContain('the facilitator can reopen it');
    game.reject(USA, { type: 'reopenExercise', reason: 'more' }, 'NOT_ALLOWED');
    expect(project(scenario, game.state, { role: 'team', team: 'usa' }).reopened).toBe(false);
    game.ok(FAC, { type: 'reopenExercise', reason: 'one more word' });
    expect(game.state.reopened).toBe(true);
    expect(game.state.timeline.at(-1)).toMatchObject({ kind: 'control', audience: 'all', text: 'The facilitator reopened the exercise: one more word. Join codes seat people and chat is open again.' });
    expect(project(scenario, game.state, { role: 'team', team: 'usa' }).reopened).toBe(true);
    game.ok(USA, { type: 'chat', channel: 'coalition', text: 'Thanks all.' });
    game.reject(FAC, { type: 'reopenExercise', reason: 'again' }, 'INVALID_ARGUMENT');
    // Still over for play.
    game.reject(USA, draft('resilience'), 'EXERCISE_OVER');
  });

  it('reopens only an exercise that has ended', () => {
    const game = round1();
    game.reject(FAC, { type: 'reopenExercise', reason: '' }, 'WRONG_PHASE');
    // A running exercise never carries the flag, so its state (and hash) is what it was.
    expect('reopened' in game.state).toBe(false);
  });

  it('runs every round, then the debrief with a neutral outcome when nothing decisive happens', () => {
    const game = round1();
    for (let round = 1; round <= scenario.rounds.length; round++) {
      expect(game.state.round).toBe(round);
      game.lockAll();
      game.ok(FAC, { type: 'advance' });
    }
    expect(game.state.phase).toBe('debrief');
    expect(game.state.flow.value).toBe('debrief');
    expect(game.state.outcome).toMatchObject({ id: 'ran-its-course', outcome: 'neutral' });
  });

  it('ends early when an end condition holds', () => {
    const game = round1().evidence('mail-hack', 'usa', 7);
    // Disrupting state servers (rung 8, severity 8 against harm 5) provokes tit-for-tat, a rung more: 9.
    game.ok(USA, draft('disrupt-servers', 'mail-hack', { notice: true }));
    game.lockAll();
    expect(game.state.rounds[0]).toMatchObject({ escalationBefore: 0, escalationAfter: 9, postureAfter: 'titForTat' });
    expect(game.state.outcome).toMatchObject({ id: 'firebreak-crossed', outcome: 'failure', round: 1 });
    expect(game.state.timeline.at(-1)).toMatchObject({ kind: 'outcome', text: 'The crisis crossed the use-of-force threshold.' });
    game.ok(FAC, { type: 'advance' });
    expect(game.state.phase).toBe('debrief');
  });
});

// ---------------------------------------------------------------------------

describe('drafting decisions', () => {
  it('UNKNOWN_ACTION, UNKNOWN_INCIDENT and a missing incident', () => {
    const game = round1();
    expect(game.reject(USA, draft('fly'), 'UNKNOWN_ACTION')).toBe('There is no action "fly" in this scenario.');
    expect(game.reject(USA, draft('investigate', 'nowhere'), 'UNKNOWN_INCIDENT')).toBe('There is no incident "nowhere" in this exercise.');
    expect(game.reject(USA, draft('investigate'), 'INVALID_ARGUMENT')).toBe('Choose the incident Forensic investigation responds to.');
  });

  it('NOT_AVAILABLE for an action reserved to another team or an incident not yet come to light', () => {
    const game = round1();
    expect(game.reject(FRA, draft('declassify'), 'NOT_AVAILABLE')).toBe('Declassify intelligence is not open to France.');
    expect(game.reject(USA, draft('investigate', 'scan'), 'NOT_AVAILABLE')).toBe('"Scanning of election systems" has not come to light yet.');
    expect(game.reject(USA, { type: 'proposeJoint', draft: { action: 'us-sanctions', incident: 'mail-hack' } }, 'NOT_AVAILABLE')).toBe(
      'US targeted sanctions cannot be taken jointly.',
    );
  });

  it('INSUFFICIENT_CONFIDENCE names the confidence needed and the confidence held', () => {
    const game = round1();
    expect(game.reject(FRA, draft('summon-ambassador', 'mail-hack'), 'INSUFFICIENT_CONFIDENCE')).toBe(
      'Summon the ambassador needs at least moderate attribution confidence; yours on "Party mail hack" is none.',
    );
    expect(game.reject(USA, draft('indict', 'mail-hack'), 'INSUFFICIENT_CONFIDENCE')).toBe(
      'Indict the officers needs at least high attribution confidence; yours on "Party mail hack" is moderate.',
    );
    game.evidence('mail-hack', 'fra', 2);
    expect(game.reject(FRA, draft('summon-ambassador', 'mail-hack'), 'INSUFFICIENT_CONFIDENCE')).toMatch(/needs at least moderate .* is low\.$/);
    game.ok(FRA, draft('private-warning', 'mail-hack'));
    game.evidence('mail-hack', 'usa', 7);
    game.ok(USA, draft('indict', 'mail-hack'));
  });

  it('NO_JURISDICTION for an indictment by a government whose courts have no nexus to the incident', () => {
    const withCases = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.incidents[0].injured = ['usa'];
      json.prosecution = {};
      json.actions.find((a: { id: string }) => a.id === 'indict').prosecution = 'indict';
    });
    const game = new Game(withCases).start().evidence('mail-hack', 'fra', 7);
    expect(game.reject(team('fra'), draft('indict', 'mail-hack'), 'NO_JURISDICTION')).toContain('The courts of France have no jurisdiction over');
  });

  it('NEEDS_STATE_ATTRIBUTION for a countermeasure against an incident not assessed as a state’s wrongful act', () => {
    const game = round2();
    game.evidence('scan', 'usa', 7).evidence('mail-hack', 'usa', 7);
    expect(game.reject(USA, draft('hack-back', 'scan'), 'NEEDS_STATE_ATTRIBUTION')).toBe(
      'Cyber countermeasure needs "Scanning of election systems" assessed as an internationally wrongful act by state organs or agents (Healey level 7, state-ordered, or above); your assessment does not reach that.',
    );
    // The mail hack was executed by the state: a countermeasure is open.
    game.ok(USA, draft('hack-back', 'mail-hack', { notice: true }));
  });

  it('NO_LEGAL_BASIS names the basis that is missing', () => {
    const game = round1();
    expect(game.reject(FRA, draft('us-sanctions', 'mail-hack'), 'NO_LEGAL_BASIS')).toBe(
      'France has no legal basis for US targeted sanctions (it needs ieepa).',
    );
    expect(game.reject(USA, { type: 'proposeJoint', draft: { action: 'eu-listing', incident: 'mail-hack' } }, 'NO_LEGAL_BASIS')).toBe(
      'United States has no legal basis for EU cyber-sanctions listing (it needs eu-cyber-regime).',
    );
  });

  it('PREREQUISITE_FAILED says what the scenario wrote, or a default sentence', () => {
    const game = round1();
    expect(game.reject(USA, draft('set-conditions'), 'PREREQUISITE_FAILED')).toBe('Conditions can only be set once talks are under way.');
    game.edit((s) => {
      s.deEscalation = sendToChart(deEscalationMachine, sendToChart(deEscalationMachine, s.deEscalation, { type: 'OPEN_CHANNEL' }), { type: 'ACK' });
    });
    game.ok(USA, draft('set-conditions'));

    const minimal = new Game(minimalScenario()).start();
    minimal.evidence('intrusion', 'uk', 4).evidence('intrusion', 'usa', 3);
    expect(minimal.reject(team('uk'), draft('attribute', 'intrusion'), 'PREREQUISITE_FAILED')).toBe(
      'The conditions for Attribute publicly are not met yet.',
    );
    minimal.evidence('intrusion', 'usa', 4);
    minimal.ok(team('uk'), draft('attribute', 'intrusion'));
  });

  it('NOT_ENOUGH_CAPITAL and NOT_ENOUGH_INTEL say what it costs and what is left', () => {
    const game = round1();
    game.evidence('mail-hack', 'usa', 7);
    game.ok(USA, draft('us-sanctions', 'mail-hack'));
    game.ok(USA, draft('hack-back', 'mail-hack'));
    expect(game.state.teams.usa!.capitalLeft).toBe(2);
    expect(game.reject(USA, draft('disrupt-servers', 'mail-hack'), 'NOT_ENOUGH_CAPITAL')).toBe(
      'Disrupt state servers costs 4 political capital; you have 2 left this round.',
    );

    const later = round2();
    later.ok(DEU, draft('investigate', 'mail-hack'));
    later.ok(DEU, draft('investigate', 'scan'));
    expect(later.state.teams.deu!.intelLeft).toBe(0);
    expect(later.reject(DEU, draft('forensic-report', 'scan'), 'NOT_ENOUGH_INTEL')).toBe(
      'Signals intelligence report needs 1 intelligence capacity; you have 0 left this round.',
    );
    later.evidence('scan', 'deu', 2);
    expect(later.reject(DEU, { type: 'shareIntel', incident: 'scan', with: 'coalition' }, 'NOT_ENOUGH_INTEL')).toBe(
      'Sharing needs 1 intelligence capacity; you have none left this round.',
    );
  });

  it('TOO_MANY_ACTIONS at the scenario’s limit', () => {
    const game = round1();
    game.ok(USA, draft('resilience'));
    game.ok(USA, draft('hotline'));
    game.ok(USA, draft('private-warning', 'mail-hack'));
    expect(game.reject(USA, draft('summon-ambassador', 'mail-hack'), 'TOO_MANY_ACTIONS')).toBe(
      'A government can take at most 3 decisions a round; withdraw one first.',
    );
  });

  it('ALREADY_TAKEN for a second identical draft and for a once-per-exercise action already taken', () => {
    const game = round1();
    game.ok(USA, draft('resilience'));
    expect(game.reject(USA, draft('resilience'), 'ALREADY_TAKEN')).toBe('Resilience assistance is already in your plan for this round.');
    game.ok(USA, draft('declassify'));
    game.lockAll().ok(FAC, { type: 'advance' });
    expect(game.reject(USA, draft('declassify'), 'ALREADY_TAKEN')).toBe(
      'Declassify intelligence can be taken once per exercise, and your government already has.',
    );
    // The same action on another incident is another decision.
    game.ok(USA, draft('investigate', 'mail-hack'));
    game.ok(USA, draft('investigate', 'scan'));
  });

  it('ALREADY_LOCKED and NOT_LOCKED', () => {
    const game = round1();
    expect(game.reject(USA, { type: 'unlockDecisions' }, 'NOT_LOCKED')).toBe('Your decisions are not locked.');
    game.ok(USA, { type: 'lockDecisions' });
    expect(game.reject(USA, draft('resilience'), 'ALREADY_LOCKED')).toBe('Your team has locked its decisions for this round; unlock them first.');
    expect(game.reject(USA, { type: 'lockDecisions' }, 'ALREADY_LOCKED')).toMatch(/locked/);
    game.ok(USA, { type: 'unlockDecisions' });
    game.ok(USA, draft('resilience'));
  });

  it('INVALID_OPTION for a procedure the action does not offer', () => {
    const game = round1();
    expect(game.reject(USA, draft('resilience', undefined, { notice: true }), 'INVALID_OPTION')).toBe(
      'Resilience assistance does not offer the procedural option "notice".',
    );
    expect(game.reject(USA, draft('attribute', 'mail-hack', { statementOfReasons: true, bribery: true }), 'INVALID_OPTION')).toBe(
      'Attribute publicly does not offer the procedural option "bribery".',
    );
    // Options left unchosen are no problem, and only chosen ones are kept.
    game.ok(USA, draft('attribute', 'mail-hack', { statementOfReasons: true, notice: false }));
    expect(game.state.teams.usa!.plan[0]!.options).toEqual({ statementOfReasons: true });
  });

  it('INVALID_OPTION for notice and urgency together, and for urgency nothing warrants', () => {
    const game = round1().evidence('mail-hack', 'usa', 7);
    expect(game.reject(USA, draft('hack-back', 'mail-hack', { notice: true, urgent: true }), 'INVALID_OPTION')).toBe(
      'Choose prior notice or urgency, not both: urgency is the exception to notice (ILC Art. 52(2)).',
    );
    // The mail hack came to light this round: urgency is warranted.
    game.ok(USA, draft('hack-back', 'mail-hack', { urgent: true }));
    const quiet = new Game(
      variantOf('test/fixtures/engine-rich.json', (json) => {
        json.incidents[0].baseHarm = 0;
      }),
    )
      .start()
      .evidence('mail-hack', 'usa', 7);
    expect(quiet.reject(USA, draft('hack-back', 'mail-hack', { urgent: true }), 'INVALID_OPTION')).toBe(
      'Urgency needs a harmful move by the adversary this round or the last, and there was none: give notice instead (ILC Art. 52).',
    );
  });

  it('informing oversight costs a point of political capital, refunded with the draft', () => {
    const game = round1().evidence('mail-hack', 'usa', 7);
    const before = game.state.teams.usa!.capitalLeft;
    game.ok(USA, draft('hack-back', 'mail-hack', { notice: true, oversight: true }));
    expect(game.state.teams.usa!.capitalLeft).toBe(before - 3 - 1);
    game.ok(USA, { type: 'withdrawDecision', decision: game.state.teams.usa!.plan[0]!.id });
    expect(game.state.teams.usa!.capitalLeft).toBe(before);
    game.edit((s) => {
      s.teams.usa!.capitalLeft = 3;
    });
    expect(game.reject(USA, draft('hack-back', 'mail-hack', { notice: true, oversight: true }), 'NOT_ENOUGH_CAPITAL')).toBe(
      'Cyber countermeasure costs 4 political capital (with 1 for informing oversight); you have 3 left this round.',
    );
    game.ok(USA, draft('hack-back', 'mail-hack', { notice: true }));
  });

  it('politics at home: statements on another country\'s election, partisan timing, expulsions and NATO consultations cost capital', () => {
    const home = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.incidents[0].injured = ['usa'];
      json.electionRounds = [1];
      json.teams[1].domesticPressure = 0.9;
    });
    const game = new Game(home).start().evidence('mail-hack', 'usa', 7).evidence('mail-hack', 'fra', 7);
    const capital = (t: string) => game.state.teams[t]!.capitalLeft;
    // France (pressure 0.9: 2 capital) speaks publicly about the United States' election.
    const fraBefore = capital('fra');
    game.ok(FRA, draft('summon-ambassador', 'mail-hack'));
    expect(fraBefore - capital('fra')).toBe(1 + 2);
    // The United States (default pressure 0.5: 1 capital) attributes its own hack in the election round.
    const usaBefore = capital('usa');
    game.ok(USA, draft('attribute', 'mail-hack'));
    expect(usaBefore - capital('usa')).toBe(2 + 1);
    game.edit((s) => {
      s.teams.usa!.capitalLeft = 2;
    });
    expect(game.reject(USA, draft('expel-diplomats', 'mail-hack'), 'NOT_ENOUGH_CAPITAL')).toBe(
      'Expel diplomats costs 4 political capital (with 1 for a step on your own election that reads as partisan so close to the vote and 1 for expulsions, which your own diplomats and businesses pay for); you have 2 left this round.',
    );
    // Withdrawing refunds what was paid, the cost at home included.
    game.ok(FRA, { type: 'withdrawDecision', decision: game.state.teams.fra!.plan[0]!.id });
    expect(capital('fra')).toBe(fraBefore);
  });

  it('an EU listing follows the regime: cyber-attacks only, on the evidence EU members brought to the shared record', () => {
    const game = round1().evidence('mail-hack', 'deu', 4);
    const propose = { type: 'proposeJoint', draft: { action: 'eu-listing', incident: 'mail-hack' } } as const;
    expect(game.reject(FRA, propose, 'INSUFFICIENT_CONFIDENCE')).toBe(
      'EU cyber-sanctions listing needs a case the Council can adopt: evidence at moderate confidence on "Party mail hack" in the shared record; the best brought so far is none.',
    );
    // Germany, an EU member, puts its moderate assessment in the shared record: France may propose without its own.
    game.ok(DEU, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    game.edit((s) => {
      s.attribution['mail-hack']!.national.fra!.context.evidence = 0;
    });
    game.ok(FRA, propose);
    const influence = new Game(
      variantOf('test/fixtures/engine-rich.json', (json) => {
        json.incidents[0].kind = 'disinformation';
      }),
    ).start();
    expect(influence.reject(FRA, propose, 'NOT_AVAILABLE')).toBe(
      'The EU cyber sanctions regime covers cyber-attacks, not influence operations alone: "Party mail hack" is outside it (Decision (CFSP) 2019/797, Art. 1).',
    );
  });

  it('notice of a countermeasure lets the adversary evade it: the measure goes ahead but its effects are lost', () => {
    const evasive = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.adversary.tuning = { ...(json.adversary.tuning ?? {}), evasionAfterNotice: 1 };
    });
    const game = new Game(evasive).start().evidence('mail-hack', 'usa', 7);
    game.ok(USA, draft('hack-back', 'mail-hack', { notice: true }));
    game.lockAll();
    const decision = game.state.decisions.find((d) => d.action === 'hack-back')!;
    expect(decision.effective).toBe(true);
    expect(decision.outcome).toBe('Notice was given, and the adversary moved its infrastructure before the measure landed: it hit little.');
    expect(annulmentChance(0.6, { options: {}, substantiation: 1 })).toBe(0.6);
    expect(annulmentChance(0.6, { options: { statementOfReasons: true }, substantiation: 1 })).toBeCloseTo(0.06, 10);
    expect(annulmentChance(0.6, { options: { statementOfReasons: true }, substantiation: 0.5 })).toBeCloseTo(0.33, 10);
  });

  it('a false flag points the government at the wrong state until new evidence corrects it (likelihood kept apart from confidence)', () => {
    const planted = (deceptionRisk: number) =>
      variantOf('test/fixtures/engine-rich.json', (json) => {
        json.incidents[0].falseFlag = { pointsTo: 'Southland' };
        json.incidents[0].deceptionRisk = deceptionRisk;
        json.incidents[0].investigationDifficulty = 0;
      });
    const game = new Game(planted(1)).start().evidence('mail-hack', 'usa', 5);
    const usaView = () => project(game.scenario, game.state, { role: 'team', team: 'usa' }).incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa!;
    expect(usaView().confidence).toBe('moderate');
    expect(usaView().likelihood).toEqual({ suspect: 'Northland', band: 'veryLikely', words: 'very likely', range: '80-95%' });
    game.ok(USA, draft('investigate', 'mail-hack'));
    game.ok(USA, draft('attribute', 'mail-hack'));
    game.lockAll();
    const outcome = (action: string) => game.state.decisions.find((d) => d.action === action)!.outcome;
    expect(outcome('investigate')).toBe('The trail led to evidence pointing to Southland: your analysts now judge it likely that Southland is responsible.');
    expect(outcome('attribute')).toBe('"Party mail hack" attributed publicly to Southland: the wrong state, as the planted evidence intended. It is legally exposed and may be challenged.');
    expect(usaView().likelihood).toMatchObject({ suspect: 'Southland', band: 'likely' });
    expect(usaView().assessedResponsibility).toBeNull();
    // Other governments do not see the judgement.
    expect(project(game.scenario, game.state, { role: 'team', team: 'fra' }).incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa!.likelihood).toBeNull();
    // A sound investigation exposes the planted trail.
    const corrected = new Game(planted(0)).start().evidence('mail-hack', 'usa', 5);
    corrected.edit((s) => {
      s.attribution['mail-hack']!.national.usa!.context.misled = true;
    });
    corrected.ok(USA, draft('investigate', 'mail-hack'));
    corrected.lockAll();
    expect(corrected.state.decisions[0]!.outcome).toBe('The investigation found new evidence, and it contradicts the planted trail: the false flag is exposed.');
    expect(project(corrected.scenario, corrected.state, { role: 'team', team: 'usa' }).incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa!.likelihood).toMatchObject({
      suspect: 'Northland',
    });
  });

  it('a planned decision records who drafted it, when, and its rationale', () => {
    const game = round1();
    game.ok(team('usa', 'Ada'), { type: 'draftDecision', draft: { action: 'resilience', incident: 'mail-hack', rationale: 'Protect the count.' } }, 77_000);
    expect(game.state.teams.usa!.plan[0]).toMatchObject({
      team: 'usa',
      action: 'resilience',
      incident: null, // the action targets no incident
      rationale: 'Protect the count.',
      proposal: null,
      at: 77_000,
      by: 'Ada',
    });
  });
});

describe('a rejected command changes nothing', () => {
  it('returns only a code and a message, and leaves the input untouched', () => {
    const game = round1();
    game.ok(USA, draft('resilience'));
    const state = game.state;
    const before = canonicalJson(state);
    const bad: [CommandBody, 'team' | 'facilitator' | 'redCell'][] = [
      [draft('resilience'), 'team'],
      [draft('fly'), 'team'],
      [draft('summon-ambassador', 'scan'), 'team'],
      [{ type: 'withdrawDecision', decision: 'd999' }, 'team'],
      [{ type: 'respondJoint', proposal: 'p1', join: true }, 'team'],
      [{ type: 'overrideScore', decision: 'd1', proportionality: 50, reason: 'x' }, 'facilitator'],
      [{ type: 'overrideEscalation', level: 12, reason: 'x' }, 'facilitator'],
      [{ type: 'chooseAdversaryMove', move: 'retaliate' }, 'redCell'],
      [{ type: 'releaseInject', inject: 'usa-tip' }, 'facilitator'],
    ];
    for (const [body, role] of bad) {
      const actor = role === 'team' ? USA : role === 'facilitator' ? FAC : RED;
      const result = applyCommand(scenario, state, { ...body, id: 'x', actor, at: 9_999_999 } as never);
      expect(result.ok, body.type).toBe(false);
      expect(Object.keys(result).sort()).toEqual(['code', 'message', 'ok']);
      expect(canonicalJson(state)).toBe(before);
    }
  });

  it('an accepted command never mutates its input either (the input is frozen)', () => {
    const state = deepFreeze(createExercise(scenario, 'frozen'));
    const result = applyCommand(scenario, state, { type: 'startExercise', id: 'a', actor: FAC, at: 1 });
    expect(result.ok).toBe(true);
    expect(state.phase).toBe('lobby');
    expect(state.seq).toBe(0);
    if (result.ok) expect(result.state.seq).toBe(1);
  });
});

// ---------------------------------------------------------------------------

describe('the round clock', () => {
  it('starts at the round’s length, in scenario minutes', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'startExercise' });
    game.ok(FAC, { type: 'advance' }, 100_000);
    expect(game.state.clock).toEqual({ deadline: 100_000 + 20 * MINUTE, remainingMs: null });
    const short = new Game(variantOf('test/fixtures/engine-rich.json', (json) => (json.rounds[0].minutes = 5)));
    short.ok(FAC, { type: 'startExercise' });
    short.ok(FAC, { type: 'advance' }, 100_000);
    expect(short.state.clock.deadline).toBe(100_000 + 5 * MINUTE);
  });

  it('pause keeps the remaining time, resume restarts it, adjustClock extends or shortens', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'startExercise' });
    game.ok(FAC, { type: 'advance' }, 0);
    const deadline = 20 * MINUTE;
    game.ok(FAC, { type: 'pause' }, 5 * MINUTE);
    expect(game.state.clock).toEqual({ deadline: null, remainingMs: 15 * MINUTE });
    expect(game.state.flow.value).toBe('paused');
    // Time passing while paused does not count.
    game.ok(FAC, { type: 'adjustClock', deltaMs: 2 * MINUTE }, 50 * MINUTE);
    expect(game.state.clock).toEqual({ deadline: null, remainingMs: 17 * MINUTE });
    game.ok(FAC, { type: 'resume' }, 60 * MINUTE);
    expect(game.state.clock).toEqual({ deadline: 77 * MINUTE, remainingMs: null });
    expect(game.state.flow.value).toEqual({ running: 'deliberation' });
    game.ok(FAC, { type: 'adjustClock', deltaMs: MINUTE }, 61 * MINUTE);
    expect(game.state.clock.deadline).toBe(78 * MINUTE);
    expect(game.state.timeline.at(-1)!.text).toBe('The facilitator extended the round by 1 minute.');
    game.ok(FAC, { type: 'adjustClock', deltaMs: -3 * MINUTE }, 62 * MINUTE);
    expect(game.state.clock.deadline).toBe(75 * MINUTE);
    expect(game.state.timeline.at(-1)!.text).toBe('The facilitator shortened the round by 3 minutes.');
    // Never into the past.
    game.ok(FAC, { type: 'adjustClock', deltaMs: -100 * MINUTE }, 63 * MINUTE);
    expect(game.state.clock.deadline).toBe(63 * MINUTE);
    game.ok(FAC, { type: 'pause' }, 63 * MINUTE);
    game.ok(FAC, { type: 'adjustClock', deltaMs: -100 * MINUTE }, 64 * MINUTE);
    expect(game.state.clock.remainingMs).toBe(0);
    expect(deadline).toBe(20 * MINUTE);
  });

  it('a pause in the results keeps no clock, and the phase survives the pause', () => {
    const game = round1().lockAll();
    expect(game.state.clock).toEqual({ deadline: null, remainingMs: null });
    game.ok(FAC, { type: 'pause' });
    expect(game.state.clock).toEqual({ deadline: null, remainingMs: null });
    game.ok(FAC, { type: 'resume' });
    expect(game.state.phase).toBe('results');
    expect(game.state.clock).toEqual({ deadline: null, remainingMs: null });
  });

  it('clockExpired resolves the round at the deadline, and is STALE_CLOCK when early, late or out of place', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'startExercise' });
    game.ok(FAC, { type: 'advance' }, 0);
    const deadline = game.state.clock.deadline!;
    expect(game.reject(SYS, { type: 'clockExpired', round: 1 }, 'STALE_CLOCK', deadline - 1)).toBe('The round clock has moved; nothing expired.');
    expect(game.reject(SYS, { type: 'clockExpired', round: 2 }, 'STALE_CLOCK', deadline)).toBe('The round clock has moved; nothing expired.');
    expect(game.reject(SYS, { type: 'clockExpired', round: 0 }, 'STALE_CLOCK', deadline)).toMatch(/nothing expired/);
    game.ok(FAC, { type: 'adjustClock', deltaMs: 5 * MINUTE }, deadline - 10);
    expect(game.reject(SYS, { type: 'clockExpired', round: 1 }, 'STALE_CLOCK', deadline)).toMatch(/nothing expired/);
    game.ok(FAC, { type: 'pause' }, deadline + 1);
    expect(game.reject(SYS, { type: 'clockExpired', round: 1 }, 'STALE_CLOCK', deadline + 10 * MINUTE)).toMatch(/nothing expired/);
    game.ok(FAC, { type: 'resume' }, deadline + 10 * MINUTE);
    const resumed = game.state.clock.deadline!;
    game.ok(SYS, { type: 'clockExpired', round: 1 }, resumed);
    expect(game.state.phase).toBe('results');
    expect(game.state.rounds).toHaveLength(1);
    expect(game.state.timeline.some((t) => t.text === 'Time is up for this round.')).toBe(true);
    // The same expiry again is stale: the round has already been resolved.
    expect(game.reject(SYS, { type: 'clockExpired', round: 1 }, 'STALE_CLOCK', resumed + 1)).toMatch(/nothing expired/);
  });
});

// ---------------------------------------------------------------------------

describe('plans and locks', () => {
  it('withdrawing a decision refunds its costs', () => {
    const game = round1();
    game.ok(USA, draft('us-sanctions', 'mail-hack'));
    game.ok(USA, draft('forensic-report', 'mail-hack'));
    expect(game.state.teams.usa).toMatchObject({ capitalLeft: 5, intelLeft: 2 });
    const [first, second] = game.state.teams.usa!.plan;
    game.ok(USA, { type: 'withdrawDecision', decision: first!.id });
    expect(game.state.teams.usa).toMatchObject({ capitalLeft: 8, intelLeft: 2 });
    game.ok(USA, { type: 'withdrawDecision', decision: second!.id });
    expect(game.state.teams.usa).toMatchObject({ capitalLeft: 8, intelLeft: 3, plan: [] });
    expect(game.reject(USA, { type: 'withdrawDecision', decision: first!.id }, 'UNKNOWN_DECISION')).toBe('That decision is not in your plan.');
  });

  it('a team cannot withdraw another team’s decision', () => {
    const game = round1();
    game.ok(FRA, draft('resilience'));
    const id = game.state.teams.fra!.plan[0]!.id;
    expect(game.reject(USA, { type: 'withdrawDecision', decision: id }, 'UNKNOWN_DECISION')).toBe('That decision is not in your plan.');
    expect(game.state.teams.fra!.plan).toHaveLength(1);
  });

  it('resources are refilled and plans cleared at the start of each round', () => {
    const game = round1();
    game.ok(USA, draft('us-sanctions', 'mail-hack'));
    game.lockAll().ok(FAC, { type: 'advance' });
    expect(game.state.teams.usa).toMatchObject({ capitalLeft: 8, intelLeft: 3, plan: [], locked: false });
  });

  it('the round resolves by itself once every team has locked', () => {
    const game = round1();
    game.ok(USA, { type: 'lockDecisions' });
    game.ok(FRA, { type: 'lockDecisions' });
    expect(game.state.phase).toBe('deliberation');
    game.ok(DEU, { type: 'lockDecisions' });
    expect(game.state.phase).toBe('results');
    expect(game.state.rounds).toHaveLength(1);
    expect(game.state.flow.value).toEqual({ running: 'results' });
  });

  it('the facilitator can resolve a round without waiting for the locks', () => {
    const game = round1();
    game.ok(USA, draft('resilience'));
    game.ok(FAC, { type: 'advance' });
    expect(game.state.phase).toBe('results');
    expect(game.state.decisions.map((d) => d.action)).toEqual(['resilience']);
  });
});

// ---------------------------------------------------------------------------

describe('joint proposals', () => {
  /** usa (moderate) proposes a joint attribution of the mail hack; fra is made moderate too. */
  function proposed(): { game: Game; proposal: string } {
    const game = round1().evidence('mail-hack', 'fra', 4);
    game.ok(USA, { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', rationale: 'Together.' } });
    const proposal = Object.keys(game.state.proposals)[0]!;
    expect(game.state.proposals[proposal]).toMatchObject({ by: 'usa', action: 'joint-attribution', incident: 'mail-hack', round: 1, responses: {} });
    expect(game.state.teams.usa!.plan[0]!.proposal).toBe(proposal);
    return { game, proposal };
  }

  it('allies join or decline; joining puts it in their plan and charges them', () => {
    const { game, proposal } = proposed();
    game.ok(FRA, { type: 'respondJoint', proposal, join: true, rationale: 'Agreed.' });
    expect(game.state.teams.fra!.plan[0]).toMatchObject({ action: 'joint-attribution', incident: 'mail-hack', proposal });
    expect(game.state.teams.fra!.capitalLeft).toBe(4);
    // deu has no assessment: it cannot join, and can still decline.
    expect(game.reject(DEU, { type: 'respondJoint', proposal, join: true }, 'INSUFFICIENT_CONFIDENCE')).toMatch(/needs at least moderate/);
    game.ok(DEU, { type: 'respondJoint', proposal, join: false, rationale: 'Not yet.' });
    expect(game.state.proposals[proposal]!.responses).toEqual({
      fra: { join: true, rationale: 'Agreed.' },
      deu: { join: false, rationale: 'Not yet.' },
    });
    expect(game.state.teams.deu!.plan).toEqual([]);
    expect(game.reject(DEU, { type: 'respondJoint', proposal, join: true }, 'ALREADY_TAKEN')).toBe('Your government has already answered this proposal.');
    expect(game.reject(USA, { type: 'respondJoint', proposal, join: true }, 'INVALID_ARGUMENT')).toBe('Your government made this proposal.');
    expect(game.reject(FRA, { type: 'respondJoint', proposal: 'p999', join: true }, 'UNKNOWN_PROPOSAL')).toBe(
      'There is no open coalition proposal with that id this round.',
    );
  });

  it('withdrawing a joined decision withdraws the answer too', () => {
    const { game, proposal } = proposed();
    game.ok(FRA, { type: 'respondJoint', proposal, join: true });
    game.ok(FRA, { type: 'withdrawDecision', decision: game.state.teams.fra!.plan[0]!.id });
    expect(game.state.proposals[proposal]!.responses).toEqual({});
    expect(game.state.teams.fra!.capitalLeft).toBe(6);
    game.ok(FRA, { type: 'respondJoint', proposal, join: false });
  });

  it('a proposal from an earlier round cannot be answered', () => {
    const { game, proposal } = proposed();
    game.lockAll().ok(FAC, { type: 'advance' });
    expect(game.reject(FRA, { type: 'respondJoint', proposal, join: true }, 'UNKNOWN_PROPOSAL')).toMatch(/this round/);
  });

  it('a joint attribution with a shared record and two confident governments succeeds', () => {
    const { game, proposal } = proposed();
    game.ok(USA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    game.ok(FRA, { type: 'respondJoint', proposal, join: true });
    game.ok(DEU, { type: 'respondJoint', proposal, join: false });
    game.lockAll();
    const joint = game.state.decisions.filter((d) => d.action === 'joint-attribution');
    expect(joint.map((d) => [d.team, d.joint, d.effective])).toEqual([
      ['usa', ['usa', 'fra'], true],
      ['fra', ['usa', 'fra'], true],
    ]);
    expect(joint[0]!.outcome).toBe('United States and France jointly attributed "Party mail hack".');
    expect(regionState(game.state.attribution['mail-hack']!.coalition)).toBe('jointlyAttributed');
    expect(regionState(game.state.attribution['mail-hack']!.national.usa!)).toBe('attributedPublicly');
    expect(regionState(game.state.attribution['mail-hack']!.national.fra!)).toBe('attributedPublicly');
    expect(regionState(game.state.attribution['mail-hack']!.national.deu!)).not.toBe('attributedPublicly');
  });

  it('without a shared record it is only a joint statement, not a joint attribution', () => {
    const { game, proposal } = proposed();
    game.ok(FRA, { type: 'respondJoint', proposal, join: true });
    game.lockAll();
    const usa = game.state.decisions.find((d) => d.team === 'usa')!;
    expect(usa.effective).toBe(true);
    expect(usa.outcome).toMatch(/spoke together, but without a shared evidentiary record/);
    expect(regionState(game.state.attribution['mail-hack']!.coalition)).toBe('idle');
  });

  it('falls through below the joint minimum', () => {
    const { game, proposal } = proposed();
    game.ok(FRA, { type: 'respondJoint', proposal, join: false });
    game.ok(DEU, { type: 'respondJoint', proposal, join: false });
    game.lockAll();
    expect(game.state.decisions).toHaveLength(1);
    expect(game.state.decisions[0]).toMatchObject({
      team: 'usa',
      joint: ['usa'],
      effective: false,
      outcome: 'Fell through: it needed 2 governments and only United States joined.',
    });
    expect(regionState(game.state.attribution['mail-hack']!.national.usa!)).toBe('assessed');
    expect(regionState(game.state.attribution['mail-hack']!.coalition)).toBe('idle');
  });

  it('an EU member that declines an EU listing vetoes it: the package is blocked and the round counts a defection', () => {
    // A non-EU ally aligned with the EU regime (as the UK did in 2020) joins; Germany declines.
    const aligned = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.teams[0].legalBases.push('eu-cyber-regime');
    });
    const play = (deuJoins: boolean) => {
      const game = new Game(aligned).start().evidence('mail-hack', 'fra', 4).evidence('mail-hack', 'deu', 4);
      game.ok(FRA, { type: 'proposeJoint', draft: { action: 'eu-listing', incident: 'mail-hack', options: { statementOfReasons: true } } });
      const proposal = Object.keys(game.state.proposals)[0]!;
      game.ok(USA, { type: 'respondJoint', proposal, join: true });
      game.ok(DEU, { type: 'respondJoint', proposal, join: deuJoins });
      game.lockAll();
      return { game, proposal };
    };

    const vetoed = play(false);
    const pkg = vetoed.game.state.sanctions[`s-${vetoed.proposal}`]!;
    expect(pkg).toMatchObject({ action: 'eu-listing', teams: ['usa', 'fra'], jurisdictions: ['EU'] });
    expect(regionState(pkg.chart, 'status')).toBe('blocked');
    expect(vetoed.game.state.timeline.some((t) => t.text === 'The EU listing was vetoed in the Council by Germany: unanimity failed.')).toBe(true);
    const rules = vetoed.game.state.rounds[0]!.cohesion.rules;
    expect(rules.some((r) => r.id.startsWith('defection') && /Germany/.test(r.why) && /veto/i.test(r.why))).toBe(true);

    const adopted = play(true);
    const pkg2 = adopted.game.state.sanctions[`s-${adopted.proposal}`]!;
    expect(pkg2.teams).toEqual(['usa', 'fra', 'deu']);
    expect(regionState(pkg2.chart, 'status')).toBe('inForce');
    expect(adopted.game.state.rounds[0]!.cohesion.rules.some((r) => /veto/i.test(r.why))).toBe(false);
    expect(adopted.game.state.rounds[0]!.cohesion.value).toBeGreaterThan(vetoed.game.state.rounds[0]!.cohesion.value);
  });

  it('an EU member declining counts as a veto even when the listing falls through for lack of partners', () => {
    const game = round1().evidence('mail-hack', 'fra', 4);
    game.ok(FRA, { type: 'proposeJoint', draft: { action: 'eu-listing', incident: 'mail-hack' } });
    const proposal = Object.keys(game.state.proposals)[0]!;
    game.ok(DEU, { type: 'respondJoint', proposal, join: false });
    game.lockAll();
    expect(game.state.decisions[0]!.effective).toBe(false);
    expect(game.state.rounds[0]!.cohesion.rules.some((r) => /Germany/.test(r.why) && /veto/i.test(r.why))).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('sharing intelligence', () => {
  const evidence = (s: ExerciseState, t: string) => s.attribution['mail-hack']!.national[t]!.context.evidence;

  it('brings allies halfway to the sharer and fills the shared record', () => {
    const game = round1();
    expect(game.reject(FRA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' }, 'INSUFFICIENT_CONFIDENCE')).toBe(
      'Your government has no assessment of "Party mail hack" to share yet.',
    );
    game.ok(USA, { type: 'shareIntel', incident: 'mail-hack', with: ['fra'] });
    expect([evidence(game.state, 'usa'), evidence(game.state, 'fra'), evidence(game.state, 'deu')]).toEqual([4, 2, 0]);
    expect(game.state.teams.usa!.shared).toEqual(['mail-hack']);
    expect(game.state.teams.usa!.intelLeft).toBe(2);
    const coalition = game.state.attribution['mail-hack']!.coalition;
    expect(regionState(coalition)).toBe('pooling');
    expect(coalition.context.sharedBy).toEqual(['usa']);
    const entry = game.state.timeline.find((t) => t.kind === 'intel' && t.text.includes('shared its evidence'))!;
    expect(entry.audience).toEqual({ teams: ['usa', 'fra'] });
    expect(entry.text).toBe('United States shared its evidence on "Party mail hack" with France.');

    game.ok(USA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    expect([evidence(game.state, 'fra'), evidence(game.state, 'deu')]).toEqual([3, 2]);
    expect(game.state.teams.usa!.shared).toEqual(['mail-hack']);
    // fra can now share what it has.
    game.ok(FRA, { type: 'shareIntel', incident: 'mail-hack', with: ['deu'] });
    expect(game.state.attribution['mail-hack']!.coalition.context.sharedBy).toEqual(['usa', 'fra']);
  });

  it('rejects unknown incidents and recipients', () => {
    const game = round1();
    expect(game.reject(USA, { type: 'shareIntel', incident: 'nowhere', with: 'coalition' }, 'UNKNOWN_INCIDENT')).toBe(
      'There is no incident "nowhere" in this exercise.',
    );
    expect(game.reject(USA, { type: 'shareIntel', incident: 'mail-hack', with: ['atlantis'] }, 'UNKNOWN_TEAM')).toBe(
      'Choose allies to share with (not your own government).',
    );
    expect(game.reject(USA, { type: 'shareIntel', incident: 'mail-hack', with: ['usa'] }, 'UNKNOWN_TEAM')).toMatch(/not your own/);
    expect(game.reject(USA, { type: 'shareIntel', incident: 'mail-hack', with: [] }, 'UNKNOWN_TEAM')).toMatch(/Choose allies/);
  });
});

// ---------------------------------------------------------------------------

describe('facilitator controls', () => {
  it('overrides are logged with their reasons', () => {
    const game = round1();
    game.ok(USA, draft('summon-ambassador', 'mail-hack'));
    game.lockAll();
    const decision = game.state.decisions[0]!;
    expect(decision.overridden).toBeNull();
    game.ok(FAC, { type: 'overrideScore', decision: decision.id, proportionality: 42.4, reason: 'Agreed in the hot wash.' });
    expect(game.state.decisions[0]!.overridden).toEqual({ value: 42, reason: 'Agreed in the hot wash.' });
    expect(game.state.timeline.at(-1)).toMatchObject({
      kind: 'override',
      audience: 'all',
      ref: decision.id,
      text: "The facilitator set the proportionality of United States's Summon the ambassador to 42: Agreed in the hot wash.",
    });
    game.ok(FAC, { type: 'overridePosture', posture: 'emboldened', reason: 'Scripted for round 2.' });
    expect(regionState(game.state.adversary, 'posture')).toBe('emboldened');
    expect(game.state.timeline.at(-1)).toMatchObject({ kind: 'override', text: "The facilitator set the adversary's posture to emboldened: Scripted for round 2." });
    game.ok(FAC, { type: 'overrideEscalation', level: 7, reason: 'Crisis peak.' });
    expect(game.state.escalation).toMatchObject({ value: 'hardening', context: { level: 7 } });
    expect(game.state.timeline.at(-1)).toMatchObject({ kind: 'override', text: 'The facilitator set the escalation level to 7: Crisis peak.' });
  });

  it('refuses overrides without a valid value or a reason', () => {
    const game = round1();
    game.ok(USA, draft('resilience'));
    game.lockAll();
    const id = game.state.decisions[0]!.id;
    expect(game.reject(FAC, { type: 'overrideScore', decision: 'd999', proportionality: 50, reason: 'x' }, 'UNKNOWN_DECISION')).toBe(
      'There is no resolved decision "d999".',
    );
    expect(game.reject(FAC, { type: 'overrideScore', decision: id, proportionality: 101, reason: 'x' }, 'INVALID_ARGUMENT')).toBe(
      'A proportionality score is between 0 and 100.',
    );
    expect(game.reject(FAC, { type: 'overrideScore', decision: id, proportionality: Number.NaN, reason: 'x' }, 'INVALID_ARGUMENT')).toMatch(/between 0 and 100/);
    expect(game.reject(FAC, { type: 'overrideScore', decision: id, proportionality: 50, reason: '  ' }, 'INVALID_ARGUMENT')).toBe(
      'An override needs a reason, for the record.',
    );
    expect(game.reject(FAC, { type: 'overridePosture', posture: 'angry' as never, reason: 'x' }, 'INVALID_ARGUMENT')).toBe('Unknown posture "angry".');
    expect(game.reject(FAC, { type: 'overridePosture', posture: 'deterred', reason: '' }, 'INVALID_ARGUMENT')).toMatch(/reason/);
    expect(game.reject(FAC, { type: 'overrideEscalation', level: 10, reason: 'x' }, 'INVALID_ARGUMENT')).toBe('The escalation ladder runs from 0 to 9.');
    expect(game.reject(FAC, { type: 'overrideEscalation', level: 2.5, reason: 'x' }, 'INVALID_ARGUMENT')).toMatch(/0 to 9/);
    expect(game.reject(FAC, { type: 'overrideEscalation', level: -1, reason: 'x' }, 'INVALID_ARGUMENT')).toMatch(/0 to 9/);
    expect(game.reject(FAC, { type: 'overrideEscalation', level: 3, reason: ' ' }, 'INVALID_ARGUMENT')).toMatch(/reason/);
  });

  it('injects: release, hold, ad hoc, with their rejections', () => {
    const game = round1();
    expect(game.reject(FAC, { type: 'releaseInject', inject: 'nope' }, 'UNKNOWN_INJECT')).toBe('There is no inject "nope" in this scenario.');
    expect(game.reject(FAC, { type: 'holdInject', inject: 'nope' }, 'UNKNOWN_INJECT')).toBe('There is no inject "nope" in this scenario.');
    expect(game.reject(FAC, { type: 'releaseInject', inject: 'usa-tip' }, 'ALREADY_TAKEN')).toBe('"PRIVATE-INJECT-TITLE-usa" has already been released.');
    expect(game.reject(FAC, { type: 'holdInject', inject: 'usa-tip' }, 'ALREADY_TAKEN')).toMatch(/already been released/);
    game.ok(FAC, { type: 'holdInject', inject: 'late-news' });
    expect(game.reject(FAC, { type: 'holdInject', inject: 'late-news' }, 'ALREADY_TAKEN')).toBe('"Election eve" is already held back.');
    // Held back, the round-3 inject does not arrive in round 3.
    for (let i = 0; i < 2; i++) game.lockAll().ok(FAC, { type: 'advance' });
    expect(game.state.round).toBe(3);
    expect(game.state.injects.delivered.some((d) => d.inject === 'late-news')).toBe(false);
    game.ok(FAC, { type: 'releaseInject', inject: 'late-news' });
    expect(game.state.injects.delivered.filter((d) => d.inject === 'late-news')).toHaveLength(1);
    expect(game.state.injects.held).toEqual([]);

    expect(
      game.reject(FAC, { type: 'releaseAdhocInject', inject: { title: 't', body: 'b', audience: { teams: ['atlantis'] } } }, 'UNKNOWN_TEAM'),
    ).toBe('Unknown team: atlantis.');
    expect(game.reject(FAC, { type: 'releaseAdhocInject', inject: { title: 't', body: 'b', audience: { teams: [] } } }, 'UNKNOWN_TEAM')).toBe(
      'Unknown team: (none chosen).',
    );
    game.ok(FAC, { type: 'releaseAdhocInject', inject: { title: 'For Paris', body: 'Only you.', audience: { teams: ['fra'] } } });
    expect(game.state.injects.delivered.at(-1)).toMatchObject({ inject: null, title: 'For Paris', audience: { teams: ['fra'] }, kind: 'news', round: 3 });
  });

  it('announcements, notes and chat need text; notes need a known objective', () => {
    const game = round1();
    expect(game.reject(FAC, { type: 'announce', text: ' ' }, 'INVALID_ARGUMENT')).toBe('An announcement needs some text.');
    expect(game.reject(OBS, { type: 'note', text: '' }, 'INVALID_ARGUMENT')).toBe('A note needs some text.');
    expect(game.reject(OBS, { type: 'note', text: 'x', objective: 'nope' }, 'UNKNOWN_OBJECTIVE')).toBe(
      'There is no learning objective "nope" in this scenario.',
    );
    expect(game.reject(USA, { type: 'chat', channel: 'team', text: '   ' }, 'INVALID_ARGUMENT')).toBe('A message needs some text.');
    game.ok(FAC, { type: 'announce', text: 'Ten minutes left.' });
    game.ok(OBS, { type: 'note', text: 'Shared early.', objective: 'coordinate', rating: 'P', round: 1 });
    game.ok(team('usa', 'Ada'), { type: 'chat', channel: 'team', text: '  Ready?  ' });
    expect(game.state.chat.map((m) => [m.channel, m.team, m.from, m.text])).toEqual([
      ['announcement', null, 'Facilitator', 'Ten minutes left.'],
      ['team', 'usa', 'Ada', 'Ready?'],
    ]);
    expect(game.state.notes[0]).toMatchObject({ objective: 'coordinate', rating: 'P', round: 1 });
  });
});

// ---------------------------------------------------------------------------

describe('the red cell', () => {
  it('chooses the adversary’s move, which alone is played', () => {
    const game = round1();
    expect(game.reject(RED, { type: 'chooseAdversaryMove', move: 'nope' }, 'UNKNOWN_MOVE')).toBe('There is no adversary move "nope".');
    expect(game.reject(RED, { type: 'chooseAdversaryMove', move: 'dump-documents' }, 'NOT_AVAILABLE')).toBe(
      "Dump stolen documents does not fit the adversary's current posture and campaign phase.",
    );
    game.ok(RED, { type: 'chooseAdversaryMove', move: 'quiet-recon' });
    expect(game.state.redCellMove).toBe('quiet-recon');
    expect(game.state.timeline.at(-1)).toMatchObject({ kind: 'adversary', audience: 'facilitator', text: 'The red cell chose: SECRET-MOVE-quiet-recon.' });
    game.lockAll();
    expect(game.state.rounds[0]!.adversaryMoves).toEqual([{ move: 'quiet-recon', name: 'SECRET-MOVE-quiet-recon', news: null }]);
    expect(game.state.indicators['alliance-resolve']).toBe(4);
    game.ok(FAC, { type: 'advance' });
    // The choice lasts one round.
    expect(game.state.redCellMove).toBeUndefined();
  });

  it('may hold back: no move at all that round', () => {
    const game = round1();
    game.ok(RED, { type: 'chooseAdversaryMove', move: null });
    expect(game.state.redCellMove).toBeNull();
    expect(game.state.timeline.at(-1)!.text).toBe('The red cell chose to hold back this round.');
    game.lockAll();
    expect(game.state.rounds[0]!.adversaryMoves).toEqual([]);
    expect(game.state.indicators['alliance-resolve']).toBe(5);
  });
});

// ---------------------------------------------------------------------------

describe('resolving rounds', () => {
  it('the ladder climbs to the highest rung taken', () => {
    const game = round1();
    game.ok(USA, draft('summon-ambassador', 'mail-hack'));
    game.lockAll();
    expect(game.state.rounds[0]).toMatchObject({ escalationBefore: 0, escalationAfter: 2 });
  });

  it('the ladder cools by the scenario’s decay when every response stays two rungs below it, and holds otherwise', () => {
    const quiet = round1();
    quiet.ok(FAC, { type: 'overrideEscalation', level: 6, reason: 'test' });
    quiet.lockAll();
    expect(quiet.state.rounds[0]).toMatchObject({ escalationBefore: 6, escalationAfter: 5 });
    const held = round1();
    held.ok(FAC, { type: 'overrideEscalation', level: 3, reason: 'test' });
    held.ok(USA, draft('summon-ambassador', 'mail-hack'));
    held.lockAll();
    expect(held.state.rounds[0]).toMatchObject({ escalationBefore: 3, escalationAfter: 3 });
  });

  it('a sanctions package goes into force, comes up for review, and expires under its sunset clause unless renewed', () => {
    // No court challenges, so that the package's course is certain.
    const calm = variantOf('test/fixtures/engine-rich.json', (json) => (json.sanctions.challengeChance = 0));
    const play = (renew: boolean) => {
      const game = new Game(calm).start();
      game.ok(USA, draft('us-sanctions', 'mail-hack', { sunset: true, statementOfReasons: true }));
      const status = () => regionState(Object.values(game.state.sanctions)[0]!.chart, 'status');
      game.lockAll();
      expect(Object.values(game.state.sanctions)).toHaveLength(1);
      expect(Object.values(game.state.sanctions)[0]).toMatchObject({ action: 'us-sanctions', teams: ['usa'], jurisdictions: ['US'], round: 1, options: { sunset: true, statementOfReasons: true } });
      expect(status()).toBe('inForce');
      expect(game.state.rounds[0]!.headlines).toContain('US targeted sanctions: in force.');
      game.ok(FAC, { type: 'advance' });
      game.lockAll();
      expect(status()).toBe('inForce');
      game.ok(FAC, { type: 'advance' });
      game.lockAll();
      expect(status()).toBe('review');
      game.ok(FAC, { type: 'advance' });
      if (renew) {
        game.ok(USA, draft('us-sanctions', 'mail-hack', { sunset: true }));
        game.lockAll();
        expect(game.state.decisions.at(-1)!.outcome).toMatch(/^US targeted sanctions renewed after review\./);
        expect(status()).toBe('inForce');
      } else {
        game.lockAll();
        expect(status()).toBe('expired');
      }
      return game;
    };
    play(false);
    play(true);
  });

  it('rolling back lifts a government’s packages', () => {
    const calm = variantOf('test/fixtures/engine-rich.json', (json) => (json.sanctions.challengeChance = 0));
    const game = new Game(calm).start();
    game.ok(USA, draft('us-sanctions', 'mail-hack'));
    game.lockAll().ok(FAC, { type: 'advance' });
    game.ok(USA, draft('lift-measures'));
    game.lockAll();
    expect(regionState(Object.values(game.state.sanctions)[0]!.chart, 'status')).toBe('lifted');
    expect(game.state.decisions.at(-1)!.outcome).toBe('1 sanctions package lifted.');
  });
});

describe('relisting after a delisting', () => {
  it('NEEDS_BETTER_REASONS until the evidence is better than that of the delisted listing', () => {
    const rights = variantOf('test/fixtures/engine-rich.json', (json) => {
      json.sanctions = { ...json.sanctions, challengeChance: 0, listedPersons: { actions: ['eu-listing'], observationChance: 1, weakBelow: 0.8 } };
    });
    const game = new Game(rights).start().evidence('mail-hack', 'fra', 4);
    const listing = draft('eu-listing', 'mail-hack', { statementOfReasons: true });
    game.ok(FRA, listing);
    for (let round = 1; round <= 3; round++) {
      game.lockAll();
      game.ok(FAC, { type: 'advance' });
    }
    expect(game.reject(FRA, listing, 'NEEDS_BETTER_REASONS')).toMatch(/^The persons listed under EU cyber-sanctions listing on "Party mail hack" were delisted at review/);
    game.ok(FRA, { type: 'shareIntel', incident: 'mail-hack', with: 'coalition' });
    game.ok(FRA, listing);
  });
});

describe('coverage of the rejection codes', () => {
  it('every rejection code was reached by the tests above', () => {
    const all: Record<RejectionCode, true> = {
      NOT_ALLOWED: true,
      WRONG_PHASE: true,
      PAUSED: true,
      UNKNOWN_ACTION: true,
      UNKNOWN_INCIDENT: true,
      UNKNOWN_INJECT: true,
      UNKNOWN_TEAM: true,
      UNKNOWN_PROPOSAL: true,
      UNKNOWN_DECISION: true,
      UNKNOWN_MOVE: true,
      UNKNOWN_OBJECTIVE: true,
      NOT_AVAILABLE: true,
      INSUFFICIENT_CONFIDENCE: true,
      NEEDS_STATE_ATTRIBUTION: true,
      NO_JURISDICTION: true,
      NO_LEGAL_BASIS: true,
      PREREQUISITE_FAILED: true,
      NOT_ENOUGH_CAPITAL: true,
      NOT_ENOUGH_INTEL: true,
      TOO_MANY_ACTIONS: true,
      ALREADY_TAKEN: true,
      ALREADY_LOCKED: true,
      NOT_LOCKED: true,
      INVALID_OPTION: true,
      NEEDS_BETTER_REASONS: true,
      INVALID_ARGUMENT: true,
      STALE_CLOCK: true,
      EXERCISE_OVER: true,
    };
    expect(Object.keys(all).filter((code) => !rejectionsSeen.has(code as RejectionCode))).toEqual([]);
  });
});

describe('empty seats settled before the start', () => {
  it('a dropped team is not waited for, cannot act, and is left out of the coalition', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'dropTeam', team: 'deu' });
    expect(project(scenario, game.state, { role: 'facilitator' }).teams.map((t) => t.seat ?? null)).toEqual([null, null, 'absent']);
    game.start();
    expect(game.reject(DEU, draft('resilience'), 'NOT_ALLOWED')).toBe(`${scenario.teams.find((t) => t.id === 'deu')!.name} takes no part in this exercise: the facilitator left it out before the start.`);
    game.ok(USA, { type: 'lockDecisions' });
    game.ok(FRA, { type: 'lockDecisions' });
    expect(game.state.phase).toBe('results');
    expect(game.state.rounds[0]!.links.map((l) => [l.a, l.b])).toEqual([['usa', 'fra']]);
  });

  it('a bot seat is recorded in the state and can replace a drop; both only in the lobby', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'dropTeam', team: 'fra' });
    game.ok(FAC, { type: 'seatBot', team: 'fra', policy: 'hawkish' });
    expect(game.state.teams.fra).toMatchObject({ bot: 'hawkish' });
    expect(game.state.teams.fra!.absent).toBeUndefined();
    expect(game.reject(FAC, { type: 'seatBot', team: 'usa', policy: 'reckless' }, 'INVALID_ARGUMENT')).toBe(
      'There is no bot policy "reckless" (policies: hawkish, restrained, coalition-follower, random-legal).',
    );
    game.reject(FAC, { type: 'dropTeam', team: 'zembla' }, 'UNKNOWN_TEAM');
    expect(game.reject(USA, { type: 'dropTeam', team: 'fra' }, 'NOT_ALLOWED')).toBe('Only the facilitator can do that.');
    game.start();
    expect(game.reject(FAC, { type: 'dropTeam', team: 'usa' }, 'WRONG_PHASE')).toBe('Who plays each team is settled before the start.');
  });

  it('reopens a seat given to a bot or dropped, only in the lobby and only when it was settled', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'dropTeam', team: 'deu' });
    game.ok(FAC, { type: 'seatBot', team: 'fra', policy: 'hawkish' });
    game.ok(FAC, { type: 'reopenSeat', team: 'deu' });
    game.ok(FAC, { type: 'reopenSeat', team: 'fra' });
    expect(game.state.teams.deu!.absent).toBeUndefined();
    expect(game.state.teams.fra!.bot).toBeUndefined();
    expect(project(scenario, game.state, { role: 'facilitator' }).teams.map((t) => t.seat ?? null)).toEqual([null, null, null]);
    expect(game.reject(FAC, { type: 'reopenSeat', team: 'usa' }, 'INVALID_ARGUMENT')).toMatch(/seat is already open/);
    expect(game.reject(USA, { type: 'reopenSeat', team: 'deu' }, 'NOT_ALLOWED')).toBe('Only the facilitator can do that.');
    game.reject(FAC, { type: 'reopenSeat', team: 'zembla' }, 'UNKNOWN_TEAM');
    game.ok(FAC, { type: 'dropTeam', team: 'deu' });
    game.start();
    expect(game.reject(FAC, { type: 'reopenSeat', team: 'deu' }, 'WRONG_PHASE')).toBe('Who plays each team is settled before the start.');
  });

  it('refuses to leave out the last team', () => {
    const game = new Game(scenario);
    game.ok(FAC, { type: 'dropTeam', team: 'usa' });
    game.ok(FAC, { type: 'dropTeam', team: 'fra' });
    expect(game.reject(FAC, { type: 'dropTeam', team: 'deu' }, 'INVALID_ARGUMENT')).toBe('At least one team must take part.');
  });
});

describe('ad-hoc injects of a kind, with a source, sent later', () => {
  const news = { title: 'Leak claims', body: 'A blog says so.', audience: 'all' as const, kind: 'social' as const, source: '@northwatch' };

  it('goes out at the start of a later round, once, styled by its kind; until then only the facilitator sees it', () => {
    const game = round1();
    game.ok(FAC, { type: 'scheduleAdhocInject', inject: news, round: 2 });
    expect(project(scenario, game.state, { role: 'facilitator' }).facilitator!.scheduledInjects).toMatchObject([{ title: 'Leak claims', kind: 'social', source: '@northwatch', round: 2, minute: null }]);
    expect(JSON.stringify(project(scenario, game.state, { role: 'team', team: 'usa' }))).not.toContain('Leak claims');
    expect(JSON.stringify(project(scenario, game.state, { role: 'observer' }))).not.toContain('Leak claims');
    game.lockAll();
    game.ok(FAC, { type: 'advance' });
    const delivered = game.state.injects.delivered.filter((d) => d.title === 'Leak claims');
    expect(delivered).toMatchObject([{ round: 2, kind: 'social', source: '@northwatch', audience: 'all' }]);
    expect(game.state.injects.scheduled).toEqual([]);
    expect(game.reject(FAC, { type: 'scheduleAdhocInject', inject: news, round: 2 }, 'INVALID_ARGUMENT')).toMatch(/^Choose a later round: 3 to \d+\.$/);
  });

  it('can be cancelled by the facilitator before it goes out, and not after', () => {
    const game = round1();
    game.ok(FAC, { type: 'scheduleAdhocInject', inject: news, round: 2 });
    game.ok(FAC, { type: 'scheduleAdhocInject', inject: { ...news, title: 'Second story' }, round: 2 });
    const [first, second] = game.state.injects.scheduled!.map((s) => s.id);
    expect(game.reject(USA, { type: 'cancelScheduledInject', inject: first! }, 'NOT_ALLOWED')).toBe('Only the facilitator can do that.');
    game.ok(FAC, { type: 'cancelScheduledInject', inject: first! });
    expect(project(scenario, game.state, { role: 'facilitator' }).facilitator!.scheduledInjects.map((s) => s.title)).toEqual(['Second story']);
    expect(game.reject(FAC, { type: 'cancelScheduledInject', inject: first! }, 'UNKNOWN_INJECT')).toBe(
      'That inject is no longer scheduled: it has gone out already, or was cancelled, so there is nothing to cancel.',
    );
    expect(game.reject(FAC, { type: 'cancelScheduledInject', inject: 'nothing' }, 'UNKNOWN_INJECT')).toBe('No inject is scheduled with the id "nothing".');
    game.lockAll();
    game.ok(FAC, { type: 'advance' });
    expect(game.state.injects.delivered.filter((d) => d.title === 'Leak claims')).toEqual([]);
    expect(game.state.injects.delivered.filter((d) => d.title === 'Second story')).toHaveLength(1);
    expect(game.reject(FAC, { type: 'cancelScheduledInject', inject: second! }, 'UNKNOWN_INJECT')).toMatch(/gone out already/);
  });

  it('goes out at a minute of the current round when the server clock says so, and never twice', () => {
    const game = round1();
    const length = scenario.rounds[0]!.minutes ?? scenario.roundMinutes;
    const deadline = game.state.clock.deadline!;
    game.ok(FAC, { type: 'scheduleAdhocInject', inject: { ...news, kind: 'call' }, round: 1, minute: 2 });
    const id = game.state.injects.scheduled![0]!.id;
    const due = deadline - (length - 2) * MINUTE;
    expect(game.reject(SYS, { type: 'releaseScheduledInject', inject: id }, 'STALE_CLOCK', due - 1)).toBe('The round clock has moved; the inject is not due yet.');
    game.ok(SYS, { type: 'releaseScheduledInject', inject: id }, due);
    expect(game.state.injects.delivered.at(-1)).toMatchObject({ title: 'Leak claims', kind: 'call', round: 1 });
    game.reject(SYS, { type: 'releaseScheduledInject', inject: id }, 'UNKNOWN_INJECT', due + 1);
    expect(game.reject(FAC, { type: 'scheduleAdhocInject', inject: news, round: 1, minute: 1 }, 'INVALID_ARGUMENT')).toBe('Minute 1 of this round has passed: send the inject now instead.');
    expect(game.reject(FAC, { type: 'scheduleAdhocInject', inject: news, round: 1, minute: length }, 'INVALID_ARGUMENT')).toMatch(/^This round lasts/);
  });

  it('goes out before the round resolves when the round ends before its minute', () => {
    const game = round1();
    game.ok(FAC, { type: 'scheduleAdhocInject', inject: news, round: 1, minute: 5 });
    game.ok(FAC, { type: 'advance' });
    expect(game.state.phase).toBe('results');
    expect(game.state.injects.delivered.filter((d) => d.title === 'Leak claims')).toHaveLength(1);
    expect(game.state.injects.scheduled).toEqual([]);
  });

  it('is redacted in an observer\'s or team\'s export until the debrief', async () => {
    const { redactCommand } = await import('../../src/engine/rules/visibility');
    const body = { type: 'scheduleAdhocInject' as const, inject: news, round: 2 };
    expect(redactCommand(body, FAC, { role: 'facilitator' }, false)).toEqual(body);
    expect(redactCommand(body, FAC, { role: 'observer' }, false)).toMatchObject({ inject: { title: '[redacted]', body: '[redacted]', source: '[redacted]' } });
    expect(redactCommand(body, FAC, { role: 'team', team: 'usa' }, true)).toEqual(body);
  });
});
