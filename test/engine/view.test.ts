/**
 * The projection as a security boundary. Whole exercises are played (by bots
 * and by a script with marked secrets); after every accepted command the state
 * is projected for each team, the observer, the red cell and the facilitator,
 * and each view is searched, key by key and string by string, for what it must
 * not contain.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, createExercise, project } from '../../src/engine/index';
import { POLICIES } from '../../src/engine/bots/policies';
import { resolvePolicies, simulateExercise } from '../../src/engine/bots/simulate';
import type { Scenario } from '../../src/engine/scenario/schema';
import type { Command, ExerciseState } from '../../src/engine/types';
import type { ExerciseView, Viewer } from '../../src/engine/view/types';
import { mayExport } from '../../src/engine/rules/visibility';
import { buildCsvExport, buildJsonExport } from '../../src/server/export';
import type { LogRecord } from '../../src/server/storage/types';
import { FAC, Game, OBS, RED, shippedScenarios, keysNamed, occurrences, richScenario, secretsOf, team, walk, type ScenarioSecret } from './support';

/** Keys of engine internals that no view may ever carry. */
const INTERNAL_KEYS = ['rng', 'hidden', 'undiscoveredAccess', 'lastDeterrence', 'quietRounds', 'seed', 'tuning', 'bonus', 'counters', 'context'];

const PRIVATE_CATEGORIES = new Set(['investigate', 'intelligence']);
const privateAction = (scenario: Scenario, id: string) => PRIVATE_CATEGORIES.has(scenario.actions.find((a) => a.id === id)?.category ?? '');

function viewersOf(scenario: Scenario): Viewer[] {
  return [...scenario.teams.map((t): Viewer => ({ role: 'team', team: t.id })), { role: 'observer' }, { role: 'redCell' }, { role: 'facilitator' }];
}

const label = (viewer: Viewer) => (viewer.role === 'team' ? `team ${viewer.team}` : viewer.role);

/** Every rule of secrecy, checked on one view. */
function checkView(scenario: Scenario, state: ExerciseState, viewer: Viewer, view: ExerciseView, secrets: ScenarioSecret[]): void {
  const who = `${label(viewer)} at seq ${state.seq} (${state.phase})`;
  const debrief = state.phase === 'debrief';
  const me = viewer.role === 'team' ? viewer.team : null;
  const staff = viewer.role === 'facilitator' || viewer.role === 'observer';

  // The serialised view is searched first; paths are looked up only to report what was found.
  const json = JSON.stringify(view);
  const contains = (text: string) => json.includes(JSON.stringify(text).slice(1, -1));
  const keys = allKeys(view);

  // Never: the generator, the seed, hidden adversary internals, raw chart contexts.
  for (const key of INTERNAL_KEYS) if (keys.has(key)) expect(keysNamed(view, key), `${who}: key ${key}`).toEqual([]);
  if (contains(state.seed)) expect(occurrences(view, state.seed), `${who}: the seed`).toEqual([]);
  expect(json).not.toContain(String(state.rng.s0));

  for (const secret of secrets) {
    if (!secret.maySee(viewer, debrief) && contains(secret.text)) {
      expect(occurrences(view, secret.text), `${who}: "${secret.text.slice(0, 40)}"`).toEqual([]);
    }
  }

  if (viewer.role !== 'facilitator') {
    expect(view.facilitator, who).toBeNull();
    for (const key of ['truth', 'legalCategory', 'facilitatorNotes', 'upcomingInjects', 'adversaryBriefing']) expect(keys.has(key), `${who}: key ${key}`).toBe(false);
    expect(view.debrief?.facilitatorGuide ?? null, who).toBeNull();
    expect(view.injects.filter((d) => d.audience === 'facilitator'), who).toEqual([]);
    expect(view.timeline.filter((t) => t.audience === 'facilitator'), who).toEqual([]);
    for (const r of view.rounds) expect(r.adversaryMoves.filter((m) => m.news === null), who).toEqual([]);
    const hiddenIndicators = new Set(scenario.indicators.filter((i) => i.visibleTo === 'facilitator').map((i) => i.id));
    expect(view.indicators.filter((i) => hiddenIndicators.has(i.id)), who).toEqual([]);
    const hiddenFacts = new Set(scenario.facts.filter((f) => f.visibleTo === 'facilitator').map((f) => f.id));
    expect(view.facts.filter((f) => hiddenFacts.has(f.id)), who).toEqual([]);
    // Moves without news are the adversary's secret; the red cell sees them only on its own menu.
    const beyondMenu = viewer.role === 'redCell' ? JSON.stringify({ ...view, redCell: null }) : json;
    for (const move of scenario.adversary.moves.filter((m) => !m.news && m.name.length >= 12)) {
      if (beyondMenu.includes(JSON.stringify(move.name).slice(1, -1))) {
        expect(occurrences({ ...view, redCell: null }, move.name), `${who}: move ${move.id}`).toEqual([]);
      }
    }
    // The truth about responsibility appears only as an assessment the viewer may see.
    const mayKnow = (t: string) => staff || (debrief && viewer.role !== 'redCell') || t === me;
    // The red cell plays the adversary: its own briefing may say what it did; so may the debrief's account of what happened.
    const withoutAssessments = {
      ...view,
      redCell: null,
      debrief: null,
      incidents: view.incidents.map((i) => ({
        ...i,
        byTeam: Object.fromEntries(Object.entries(i.byTeam).map(([t, e]) => [t, mayKnow(t) ? { ...e, assessedResponsibility: null } : e])),
      })),
    };
    const rest = JSON.stringify(withoutAssessments);
    const { actions: _actions, scenario: _scenario, ...dynamic } = view;
    const dynamicJson = JSON.stringify(dynamic);
    for (const incident of scenario.incidents) {
      if (rest.includes(incident.responsibility)) {
        expect(occurrences(withoutAssessments, incident.responsibility), `${who}: ${incident.responsibility}`).toEqual([]);
      }
      // Plain words ("espionage", "cybercrime") may appear in a scenario's prose; identifiers like internationallyWrongfulAct may not.
      const identifier = /[A-Z]/.test(incident.legalCategory);
      if (identifier && dynamicJson.includes(incident.legalCategory)) {
        expect(occurrences(dynamic, incident.legalCategory), `${who}: ${incident.legalCategory}`).toEqual([]);
      }
    }
  } else {
    expect(view.facilitator).not.toBeNull();
    for (const incident of view.incidents) expect(incident.truth).toBeDefined();
  }
  if (viewer.role !== 'redCell') expect(view.redCell, who).toBeNull();
  if (viewer.role !== 'team') expect(view.me, who).toBeNull();

  // A team: nothing of another team's private knowledge or unrevealed plans.
  if (viewer.role === 'team') {
    expect(view.me?.team).toBe(me);
    for (const t of view.teams) {
      if (t.id === me) expect(t.plan, who).toBeDefined();
      else expect(['plan', 'capitalLeft', 'intelLeft'].filter((k) => k in t), `${who}: ${t.id}`).toEqual([]);
    }
    for (const incident of view.incidents) {
      for (const [other, entry] of Object.entries(incident.byTeam)) {
        if (other === me || debrief) continue;
        const redacted =
          entry.confidence === null &&
          entry.evidence === null &&
          entry.assessedResponsibility === null &&
          (entry.public ? ['attributedPublicly', 'retracted'].includes(entry.stage) : entry.stage === 'undisclosed');
        if (!redacted) expect(entry, `${who}: ${other}'s attribution of ${incident.id}`).toEqual({ stage: 'undisclosed', confidence: null, evidence: null, assessedResponsibility: null, public: false });
      }
    }
    if (!debrief) {
      const theirs = view.decisions.filter((d) => d.team !== me);
      expect(theirs.filter((d) => d.rationale !== '').map((d) => d.id), `${who}: others' rationales`).toEqual([]);
      expect(theirs.filter((d) => privateAction(scenario, d.action)).map((d) => d.id), `${who}: others' private work`).toEqual([]);
      expect(view.injects.filter((d) => typeof d.audience === 'object' && !d.audience.teams.includes(me!)).map((d) => d.title), who).toEqual([]);
      expect(view.timeline.filter((t) => typeof t.audience === 'object' && !t.audience.teams.includes(me!)).map((t) => t.text), who).toEqual([]);
      expect(view.notes, who).toEqual([]);
    }
    expect(view.chat.filter((m) => m.channel === 'team' && m.team !== me).map((m) => m.text), who).toEqual([]);
  }

  // The red cell: the adversary learns nothing of the coalition's private business.
  if (viewer.role === 'redCell') {
    expect(view.redCell).not.toBeNull();
    expect(view.proposals, who).toEqual([]);
    expect(view.notes.length === 0 || debrief, who).toBe(true);
    for (const t of view.teams) expect(['plan', 'capitalLeft', 'intelLeft'].filter((k) => k in t), who).toEqual([]);
    for (const incident of view.incidents) {
      expect(incident.coalition.sharedBy, who).toEqual([]);
      expect(['undisclosed', 'jointlyAttributed']).toContain(incident.coalition.stage);
      const known = Object.values(incident.byTeam).filter((e) => e.confidence !== null || e.evidence !== null || e.assessedResponsibility !== null);
      expect(known, `${who}: attribution of ${incident.id}`).toEqual([]);
    }
    expect(view.injects.filter((d) => d.audience !== 'all'), who).toEqual([]);
    expect(view.timeline.filter((t) => t.audience !== 'all'), who).toEqual([]);
    expect(view.chat.filter((m) => m.channel !== 'announcement'), who).toEqual([]);
    expect(view.decisions.filter((d) => privateAction(scenario, d.action)).map((d) => d.id), who).toEqual([]);
    // No trace of proposals, answers to them, sharing or confidence in anything that happened.
    // (The outcome's summary is the scenario author's prose, shown to all.)
    const happened = { timeline: view.timeline.filter((t) => t.kind !== 'outcome'), decisions: view.decisions, rounds: view.rounds, incidents: view.incidents, sanctions: view.sanctions, chat: view.chat };
    const telltale = /proposes a joint|fell through|did not go ahead|joins the joint|declines the joint|shared its evidence|shared record|evidence points|(with|was|is) (low|moderate|high|no) confidence|confidence (was|is)/i;
    if (telltale.test(JSON.stringify(happened))) {
      for (const node of walk(happened)) {
        if (typeof node.value === 'string') expect(node.value, `${who} at ${node.path.join('.')}`).not.toMatch(telltale);
      }
    }
    expect(view.rounds.filter((r) => r.cohesion.explanation !== null).map((r) => r.round), `${who}: cohesion reasons`).toEqual([]);
    const told = view.decisions.filter((d) => !d.effective || d.rationale !== '' || d.proportionality.explanation !== null);
    expect(told.map((d) => d.id), `${who}: decisions beyond what happened`).toEqual([]);
  }
}

/** Every key of a JSON value, at any depth. */
function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      allKeys(v, into);
    }
  }
  return into;
}

/** The same search over the exports a viewer may take (JSON and CSV) of the log so far. */
function checkExports(scenario: Scenario, state: ExerciseState, records: LogRecord[], viewer: Viewer, secrets: ScenarioSecret[]): void {
  const debrief = state.phase === 'debrief';
  const meta = { id: 'x1', title: 'Export', scenarioId: scenario.id, scenarioText: '{}', seed: state.seed, createdAt: 0, codes: { teams: {}, observer: 'O' }, scenarioEditedAtSeq: null };
  const input = { meta, scenario, state, records, viewer };
  for (const [format, data] of [['JSON', buildJsonExport(input).data], ['CSV', buildCsvExport(input).data]] as const) {
    const who = `${label(viewer)}'s ${format} export at seq ${state.seq} (${state.phase})`;
    for (const secret of secrets) {
      if (!secret.maySee(viewer, debrief)) expect(data.includes(format === 'JSON' ? JSON.stringify(secret.text).slice(1, -1) : secret.text), `${who}: "${secret.text.slice(0, 40)}"`).toBe(false);
    }
    expect(data.includes(String(state.rng.s0)), `${who}: the generator's state`).toBe(false);
    if (viewer.role !== 'facilitator' && !debrief) expect(data.includes(state.seed), `${who}: the seed`).toBe(false);
    if (viewer.role !== 'facilitator') {
      // The red cell's choices and held injects stay masked.
      for (const record of records) {
        if (record.command.type === 'chooseAdversaryMove' && record.command.move) expect(data, who).not.toContain(`"move": "${record.command.move}"`);
      }
    }
  }
}

/** Replays a log and checks every viewer's projection after every accepted command. */
function checkPlay(scenario: Scenario, seed: string, commands: readonly Command[], every = 1): number {
  const secrets = secretsOf(scenario);
  const viewers = viewersOf(scenario);
  let state = createExercise(scenario, seed);
  let checked = 0;
  const records: LogRecord[] = [];
  commands.forEach((command, i) => {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) return;
    const phaseChanged = result.state.phase !== state.phase;
    state = result.state;
    records.push({ seq: records.length + 1, command, seatId: 'seat', round: state.round, stateHash: null });
    // Exports are searched too, at every change of phase and at the end.
    if (phaseChanged || i === commands.length - 1) {
      for (const viewer of viewers.filter((v) => mayExport(v, state.phase))) checkExports(scenario, state, records, viewer, secrets);
    }
    if (i % every !== 0 && i !== commands.length - 1 && state.phase !== 'debrief') return;
    for (const viewer of viewers) {
      const view = project(scenario, state, viewer);
      checkView(scenario, state, viewer, view, secrets);
      checked += 1;
    }
  });
  return checked;
}

// ---------------------------------------------------------------------------

describe('the projection keeps every secret where it belongs', () => {
  const scenario = richScenario();
  const policies = Object.keys(POLICIES);

  it.each(policies.map((p, i) => [p, i] as const))('through whole bot exercises (%s)', (policy, i) => {
    for (const seed of [`view-${i}`]) {
      const run = simulateExercise(scenario, seed, resolvePolicies(scenario, [policy, ...policies.filter((p) => p !== policy)]));
      expect(checkPlay(scenario, seed, run.commands)).toBeGreaterThan(100);
    }
  });

  it('through bot exercises of every shipped scenario', () => {
    for (const scenario of shippedScenarios()) {
      const seed = `view-${scenario.id}`;
      const run = simulateExercise(scenario, seed, resolvePolicies(scenario, ['coalition-follower', ...policies.filter((p) => p !== 'coalition-follower')]));
      expect(checkPlay(scenario, seed, run.commands, 4), scenario.id).toBeGreaterThan(20);
    }
  });
});

/** A scripted exercise with marked rationales, proposals, sharing, a red cell move and facilitator actions. */
function scripted(): Game {
  const scenario = richScenario();
  const game = new Game(scenario, 'scripted-seed-q9').start();
  game.evidence('mail-hack', 'fra', 4);
  game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'forensic-report', incident: 'mail-hack', rationale: 'RATIONALE-SECRET-usa-1' } });
  game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'summon-ambassador', incident: 'mail-hack', rationale: 'RATIONALE-SECRET-usa-2' } });
  game.ok(team('usa'), { type: 'shareIntel', incident: 'mail-hack', with: ['fra'] });
  game.ok(team('fra'), { type: 'proposeJoint', draft: { action: 'joint-attribution', incident: 'mail-hack', rationale: 'PROPOSAL-RATIONALE-fra' } });
  const proposal = Object.keys(game.state.proposals)[0]!;
  game.ok(team('usa'), { type: 'respondJoint', proposal, join: true, rationale: 'ANSWER-RATIONALE-usa' });
  game.ok(team('deu'), { type: 'respondJoint', proposal, join: false, rationale: 'ANSWER-RATIONALE-deu' });
  game.ok(team('deu'), { type: 'draftDecision', draft: { action: 'investigate', incident: 'mail-hack', rationale: 'RATIONALE-SECRET-deu' } });
  game.ok(team('fra'), { type: 'chat', channel: 'team', text: 'TEAM-CHAT-SECRET-fra' });
  game.ok(team('usa'), { type: 'chat', channel: 'coalition', text: 'COALITION-CHAT-usa' });
  game.ok(OBS, { type: 'note', text: 'OBSERVER-NOTE-SECRET' });
  game.ok(FAC, { type: 'note', text: 'FACILITATOR-NOTE-SECRET' });
  game.ok(FAC, { type: 'releaseAdhocInject', inject: { title: 'ADHOC-TITLE-deu', body: 'ADHOC-BODY-deu', audience: { teams: ['deu'] } } });
  game.ok(FAC, { type: 'releaseAdhocInject', inject: { title: 'ADHOC-TITLE-facilitator', body: 'ADHOC-BODY-facilitator', audience: 'facilitator' } });
  game.ok(FAC, { type: 'holdInject', inject: 'late-news' });
  game.ok(RED, { type: 'chooseAdversaryMove', move: 'quiet-recon' });
  return game;
}

const seen = (view: ExerciseView, text: string) => occurrences(view, text).length > 0;

describe('a scripted exercise with marked secrets', () => {
  const scenario = richScenario();

  function viewsAt(game: Game): Map<string, ExerciseView> {
    return new Map(viewersOf(scenario).map((v) => [label(v), project(scenario, game.state, v)]));
  }

  it('keeps each secret with its owners during the round', () => {
    const game = scripted();
    const views = viewsAt(game);
    const sees = (viewer: string, text: string) => seen(views.get(viewer)!, text);
    // Rationales of a plan: the drafting team (and staff) only.
    for (const text of ['RATIONALE-SECRET-usa-1', 'RATIONALE-SECRET-usa-2']) {
      expect([...views.keys()].filter((v) => sees(v, text))).toEqual(['team usa', 'observer', 'facilitator']);
    }
    expect([...views.keys()].filter((v) => sees(v, 'RATIONALE-SECRET-deu'))).toEqual(['team deu', 'observer', 'facilitator']);
    // A proposal and its answers go to the coalition, never to the red cell; each government's reasoning stays its own.
    const proposal = Object.values(game.state.proposals)[0]!;
    for (const viewer of ['team usa', 'team fra', 'team deu']) {
      expect(views.get(viewer)!.proposals.map((p) => [p.id, Object.keys(p.responses).sort()])).toEqual([[proposal.id, ['deu', 'usa']]]);
    }
    expect(views.get('redCell')!.proposals).toEqual([]);
    expect([...views.keys()].filter((v) => sees(v, 'PROPOSAL-RATIONALE-fra'))).toEqual(['team fra', 'observer', 'facilitator']);
    expect([...views.keys()].filter((v) => sees(v, 'ANSWER-RATIONALE-usa'))).toEqual(['team usa', 'observer', 'facilitator']);
    expect([...views.keys()].filter((v) => sees(v, 'ANSWER-RATIONALE-deu'))).toEqual(['team deu', 'observer', 'facilitator']);
    // Team chat stays in the team; coalition chat stays out of the red cell.
    expect([...views.keys()].filter((v) => sees(v, 'TEAM-CHAT-SECRET-fra'))).toEqual(['team fra', 'observer', 'facilitator']);
    expect(sees('redCell', 'COALITION-CHAT-usa')).toBe(false);
    expect(sees('team deu', 'COALITION-CHAT-usa')).toBe(true);
    // Observer notes: staff only until the debrief.
    expect([...views.keys()].filter((v) => sees(v, 'OBSERVER-NOTE-SECRET'))).toEqual(['observer', 'facilitator']);
    // The facilitator's own notes: the facilitator only, observers included out.
    expect([...views.keys()].filter((v) => sees(v, 'FACILITATOR-NOTE-SECRET'))).toEqual(['facilitator']);
    // Ad hoc injects follow their audience.
    expect([...views.keys()].filter((v) => sees(v, 'ADHOC-BODY-deu'))).toEqual(['team deu', 'observer', 'facilitator']);
    expect([...views.keys()].filter((v) => sees(v, 'ADHOC-BODY-facilitator'))).toEqual(['facilitator']);
    // The red cell's choice: facilitator (and the red cell itself) only.
    expect(views.get('facilitator')!.facilitator!.redCellMove).toBe('quiet-recon');
    expect(views.get('redCell')!.redCell!.chosen).toBe('quiet-recon');
    expect([...views.keys()].filter((v) => sees(v, 'The red cell chose'))).toEqual(['facilitator']);
    // Sharing is known to those who shared and received, not to the third ally or the red cell.
    expect([...views.keys()].filter((v) => sees(v, 'shared its evidence'))).toEqual(['team usa', 'team fra', 'observer', 'facilitator']);
    // And the general rules hold too.
    const secrets = secretsOf(scenario);
    for (const viewer of viewersOf(scenario)) checkView(scenario, game.state, viewer, views.get(label(viewer))!, secrets);
  });

  it('after resolution: decisions become public without their reasoning; private work stays private', () => {
    const game = scripted().lockAll();
    const views = viewsAt(game);
    const sees = (viewer: string, text: string) => seen(views.get(viewer)!, text);
    expect(game.state.phase).toBe('results');
    // The summons is public, its rationale is not.
    for (const viewer of ['team fra', 'team deu', 'redCell']) {
      const decisions = views.get(viewer)!.decisions;
      expect(decisions.some((d) => d.team === 'usa' && d.action === 'summon-ambassador'), viewer).toBe(true);
      expect(decisions.some((d) => d.team === 'usa' && d.action === 'forensic-report'), viewer).toBe(false);
      expect(sees(viewer, 'RATIONALE-SECRET-usa-2'), viewer).toBe(false);
    }
    expect(sees('team usa', 'RATIONALE-SECRET-usa-2')).toBe(true);
    const secrets = secretsOf(scenario);
    for (const viewer of viewersOf(scenario)) checkView(scenario, game.state, viewer, views.get(label(viewer))!, secrets);
  });

  it('in the debrief, the teams see each other’s reasoning and private injects; briefings and the red cell stay as they were', () => {
    const game = scripted().lockAll();
    game.ok(FAC, { type: 'endExercise', reason: 'hot wash' });
    const views = viewsAt(game);
    const sees = (viewer: string, text: string) => seen(views.get(viewer)!, text);
    for (const viewer of ['team fra', 'team deu']) {
      expect(sees(viewer, 'RATIONALE-SECRET-usa-2'), viewer).toBe(true);
      expect(sees(viewer, 'ANSWER-RATIONALE-usa'), viewer).toBe(true);
      expect(sees(viewer, 'PRIVATE-INJECT-BODY-usa'), viewer).toBe(true);
      expect(sees(viewer, 'BRIEFING-SECRET-usa'), viewer).toBe(false);
    }
    expect(sees('redCell', 'PRIVATE-INJECT-BODY-usa')).toBe(false);
    expect(sees('redCell', 'RATIONALE-SECRET-deu')).toBe(false);
    expect(sees('redCell', 'PROPOSAL-RATIONALE-fra')).toBe(false);
    // Notes, the facilitator's too, are for the hot wash.
    for (const viewer of views.keys()) expect(sees(viewer, 'FACILITATOR-NOTE-SECRET'), viewer).toBe(true);
    expect(sees('team usa', 'FACILITATOR-GUIDE-SECRET')).toBe(false);
    expect(sees('facilitator', 'FACILITATOR-GUIDE-SECRET')).toBe(true);
    expect(views.get('team usa')!.debrief).not.toBeNull();
    const secrets = secretsOf(scenario);
    for (const viewer of viewersOf(scenario)) checkView(scenario, game.state, viewer, views.get(label(viewer))!, secrets);
  });
});

describe('what each viewer does see', () => {
  const scenario = richScenario();

  it('a team sees its own briefing, private inject, evidence and confidence', () => {
    const game = new Game(scenario).start();
    const view = project(scenario, game.state, { role: 'team', team: 'usa' });
    expect(view.me).toMatchObject({ team: 'usa', briefing: expect.stringContaining('BRIEFING-SECRET-usa') });
    expect(view.injects.map((d) => d.title)).toContain('PRIVATE-INJECT-TITLE-usa');
    expect(view.injects.find((d) => d.title === 'PRIVATE-INJECT-TITLE-usa')!.body).toContain('PRIVATE-INJECT-BODY-usa');
    const hack = view.incidents.find((i) => i.id === 'mail-hack')!;
    expect(hack.byTeam.usa).toEqual({
      stage: 'assessed',
      confidence: 'moderate',
      evidence: 4,
      assessedResponsibility: 'state-executed',
      likelihood: { suspect: 'Northland', band: 'veryLikely', words: 'very likely', range: '80-95%' },
      public: false,
    });
    expect(hack.byTeam.fra).toEqual({ stage: 'undisclosed', confidence: null, evidence: null, assessedResponsibility: null, likelihood: null, public: false });
    // The scan has not come to light: a team does not even learn that it exists.
    expect(view.incidents.map((i) => i.id)).toEqual(['mail-hack']);
    expect(view.teams.find((t) => t.id === 'usa')).toMatchObject({ capitalLeft: 8, intelLeft: 3, plan: [] });
    expect(view.actions.every((a) => a.availability !== undefined)).toBe(true);
    // Another government sees the public stage once attribution is public.
    game.ok(team('usa'), { type: 'draftDecision', draft: { action: 'attribute', incident: 'mail-hack' } });
    game.lockAll();
    const fra = project(scenario, game.state, { role: 'team', team: 'fra' });
    expect(fra.incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa).toEqual({
      stage: 'attributedPublicly',
      confidence: null,
      evidence: null,
      assessedResponsibility: null,
      likelihood: null,
      public: true,
    });
  });

  it('the facilitator sees the truth, every inject with its notes, the hidden indicators and the adversary briefing', () => {
    const game = new Game(scenario).start();
    const view = project(scenario, game.state, { role: 'facilitator' });
    expect(view.incidents.map((i) => [i.id, i.truth])).toEqual([
      ['mail-hack', { responsibility: 'state-executed', legalCategory: 'internationallyWrongfulAct' }],
      ['scan', { responsibility: 'state-encouraged', legalCategory: 'espionage' }],
    ]);
    expect(view.injects.map((d) => d.title)).toEqual(expect.arrayContaining(['PRIVATE-INJECT-TITLE-usa', 'PRIVATE-INJECT-TITLE-fra', 'FACILITATOR-INJECT-TITLE']));
    expect(view.facilitator!.adversaryBriefing).toContain('ADVERSARY-BRIEFING-SECRET');
    expect(view.facilitator!.upcomingInjects.find((i) => i.id === 'follow-up')!.notes).toBe('FACILITATOR-NOTES-SECRET-3');
    expect(view.indicators.map((i) => i.id)).toEqual(['public-trust', 'alliance-resolve']);
    expect(view.facts.map((f) => f.id)).toEqual(['leak-published', 'sources-exposed']);
    expect(view.teams.every((t) => t.plan !== undefined)).toBe(true);
    expect(view.incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa!.evidence).toBe(4);
  });

  it('the red cell sees its briefing and its menu of moves', () => {
    const game = new Game(scenario).start();
    const view = project(scenario, game.state, { role: 'redCell' });
    expect(view.redCell!.briefing).toContain('ADVERSARY-BRIEFING-SECRET');
    expect(view.redCell!.moves.map((m) => [m.id, m.eligible])).toEqual([
      ['dump-documents', false],
      ['quiet-recon', true],
      ['retaliate', false],
      ['deny', false],
    ]);
    expect(view.injects.map((d) => d.title)).toEqual(['A leak site goes live']);
  });

  it('an observer sees every team’s work but not the facilitator’s secrets', () => {
    const game = new Game(scenario).start();
    const view = project(scenario, game.state, { role: 'observer' });
    expect(view.injects.map((d) => d.title)).toEqual(expect.arrayContaining(['PRIVATE-INJECT-TITLE-usa', 'PRIVATE-INJECT-TITLE-fra']));
    expect(view.injects.map((d) => d.title)).not.toContain('FACILITATOR-INJECT-TITLE');
    expect(view.incidents.find((i) => i.id === 'mail-hack')!.byTeam.usa!.confidence).toBe('moderate');
    expect(view.facilitator).toBeNull();
    expect(view.me).toBeNull();
    expect(view.teams.every((t) => t.plan !== undefined)).toBe(true);
  });
});
