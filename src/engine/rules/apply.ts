/**
 * applyCommand: the one entry point that changes an exercise. Every command
 * is checked against who sent it and the state it meets; an accepted command
 * returns the next state, a rejected one a code and a sentence, and never
 * changes anything.
 */
import { exerciseMachine } from '../machines/exercise';
import { sendToChart } from '../machines/chart';
import type { Scenario } from '../scenario/schema';
import { POSTURES } from '../postures';
import type { AdhocInject, Command, CommandBody, CommandResult, ExerciseState, JointProposal, ProcedureOptions, Rejection } from '../types';
import { resolveRound } from '../adjudicate/resolveRound';
import { startRound } from '../adjudicate/startRound';
import { deliverAdhoc, deliverInject, deliverLeftoverScheduled, deliverScheduled, scheduledDueAt, wasDelivered } from '../adjudicate/injects';
import { eligibleMoves } from '../adjudicate/adversaryTurn';
import { eligibleOtherMoves } from '../adjudicate/othersTurn';
import { checkAdversary, furtherActor } from './adversaries';
import { checkDeliberation, checkDraft, draftCost, reject } from './decisions';
import { confidenceOfTeam, isDropped } from './readers';
import { roleRefusal, ROLE_WORDS } from './permissions';
import { roundMinutes, teamName } from './scenarioIndex';
import { Work, forkState } from './work';
import { ladderTop } from '../machines/escalation';
import { BOTS } from '../bots/policies';
import { say } from '../messages';

type Handler<T extends CommandBody['type']> = (work: Work, command: Extract<Command, { type: T }>) => Rejection | null;

/** What still makes sense once the exercise has ended: the hot wash. Chat only once the facilitator reopens it (docs/protocol.md lists these). */
export const AFTER_THE_END: ReadonlySet<CommandBody['type']> = new Set<CommandBody['type']>(['note', 'chat', 'announce', 'overrideScore', 'reopenExercise']);

export function applyCommand(scenario: Scenario, state: ExerciseState, command: Command): CommandResult {
  const refusal = roleRefusal(command.actor.role, command.type);
  if (refusal === undefined) return reject('INVALID_ARGUMENT', `Unknown command "${String(command.type)}".`);
  if (refusal !== null) return reject('NOT_ALLOWED', refusal);
  if (command.actor.role === 'team' && !state.teams[command.actor.team]) {
    return reject('UNKNOWN_TEAM', `There is no team "${command.actor.team}" in this exercise.`);
  }
  if (command.actor.role === 'team' && isDropped(state, command.actor.team)) {
    return reject('NOT_ALLOWED', `${teamName(scenario, command.actor.team)} takes no part in this exercise: the facilitator left it out before the start.`);
  }
  if (state.phase === 'debrief' && !AFTER_THE_END.has(command.type)) {
    return reject('EXERCISE_OVER', 'The exercise has ended.');
  }
  const precheck = PRECHECKS[command.type] as Precheck<typeof command.type> | undefined;
  const refused = precheck?.(scenario, state, command as never);
  if (refused) return refused;
  const work = new Work(scenario, forkState(state), command.at);
  work.state.seq += 1;
  const handler = HANDLERS[command.type] as Handler<typeof command.type>;
  const rejection = handler(work, command as never);
  return rejection ?? { ok: true, state: work.finish() };
}

type Precheck<T extends CommandBody['type']> = (scenario: Scenario, state: ExerciseState, command: Extract<Command, { type: T }>) => Rejection | null;

/**
 * Checks that only read the state, made before the working copy: bots and
 * players send many drafts the budget refuses, and a refusal this way copies
 * nothing. The handler of such a command does not check again.
 */
const PRECHECKS: { [T in CommandBody['type']]?: Precheck<T> } = {
  draftDecision: (scenario, state, command) => checkDraft(scenario, state, teamOf(command), command.draft),
  overridePosture: (scenario, _state, command) => checkAdversary(scenario, command.adversary),
  chooseAdversaryMove: (scenario, _state, command) => checkAdversary(scenario, command.adversary),
};

const teamOf = (command: Command): string => (command.actor.role === 'team' ? command.actor.team : '');
const nameOf = (command: Command): string => ('name' in command.actor && command.actor.name) || ROLE_WORDS[command.actor.role];

function beginNextRoundOrDebrief(work: Work): void {
  const { state, scenario } = work;
  if (state.outcome || state.round >= scenario.rounds.length) {
    finish(work, null);
  } else {
    startRound(work, state.round + 1);
  }
}

function finish(work: Work, reason: string | null): void {
  const { state } = work;
  if (!state.outcome) {
    state.outcome = reason
      ? { id: 'ended-by-facilitator', outcome: 'neutral', summary: `The facilitator ended the exercise: ${reason}`, round: state.round }
      : { id: 'ran-its-course', outcome: 'neutral', summary: say('outcome.ranItsCourse'), round: state.round };
  }
  state.phase = 'debrief';
  state.paused = false;
  state.clock = { deadline: null, remainingMs: null };
  state.flow = sendToChart(exerciseMachine, state.flow, { type: 'FINISH' });
  work.log({ kind: 'phase', audience: 'all', text: say('timeline.ended') });
}

function resolveIfEveryoneLocked(work: Work): void {
  if (Object.values(work.state.teams).every((t) => t.locked || t.absent)) endDeliberation(work);
}

/** The end of a round's deliberation, however it comes: what was scheduled within the round goes out, then the round resolves. */
function endDeliberation(work: Work): void {
  deliverLeftoverScheduled(work);
  resolveRound(work);
}

function checkAudience(work: Work, audience: AdhocInject['audience']): Rejection | null {
  if (typeof audience !== 'object') return null;
  const unknown = audience.teams.filter((t) => !work.index.teams.has(t));
  if (unknown.length > 0 || audience.teams.length === 0) return reject('UNKNOWN_TEAM', `Unknown team: ${unknown.join(', ') || '(none chosen)'}.`);
  return null;
}

/** A later round of the exercise (the start of it), or a minute of the round in deliberation. */
function checkSchedule(work: Work, round: number, minute: number | null): Rejection | null {
  const { state, scenario } = work;
  const last = scenario.rounds.length;
  if (state.phase === 'debrief') return reject('EXERCISE_OVER', 'The exercise has ended.');
  if (minute === null) {
    if (!Number.isInteger(round) || round <= state.round || round > last) {
      return reject('INVALID_ARGUMENT', state.round >= last ? 'There is no later round to schedule for.' : `Choose a later round: ${state.round + 1} to ${last}.`);
    }
    return null;
  }
  if (state.phase !== 'deliberation' || round !== state.round) return reject('WRONG_PHASE', 'A minute can be chosen only for the round in deliberation.');
  const length = roundMinutes(scenario, round);
  if (!Number.isInteger(minute) || minute < 1 || minute >= length) return reject('INVALID_ARGUMENT', `This round lasts ${length} minutes: choose a minute from 1 to ${Math.max(1, Math.ceil(length) - 1)}.`);
  return null;
}

/** Before the start, the seat of a team nobody plays: the team must exist and still be open to a choice. */
function checkEmptySeat(work: Work, team: string): Rejection | null {
  if (work.state.phase !== 'lobby') return reject('WRONG_PHASE', 'Who plays each team is settled before the start.');
  if (!work.state.teams[team]) return reject('UNKNOWN_TEAM', `There is no team "${team}" in this scenario.`);
  return null;
}

function requireRunning(state: ExerciseState): Rejection | null {
  if (state.paused) return reject('PAUSED', 'The exercise is paused; resume it first.');
  return null;
}

const HANDLERS: { [T in CommandBody['type']]: Handler<T> } = {
  startExercise(work) {
    if (work.state.phase !== 'lobby') return reject('WRONG_PHASE', 'The exercise has already started.');
    work.state.phase = 'briefing';
    work.state.flow = sendToChart(exerciseMachine, work.state.flow, { type: 'START' });
    work.log({ kind: 'phase', audience: 'all', text: say('timeline.briefing') });
    return null;
  },

  advance(work) {
    const { state } = work;
    const paused = requireRunning(state);
    if (paused) return paused;
    if (state.phase === 'lobby') return reject('WRONG_PHASE', 'Start the exercise first: the teams read their briefings before round 1.');
    if (state.phase === 'briefing') startRound(work, 1);
    else if (state.phase === 'deliberation') endDeliberation(work);
    else beginNextRoundOrDebrief(work);
    return null;
  },

  pause(work) {
    const { state } = work;
    if (state.paused) return reject('PAUSED', 'The exercise is already paused.');
    if (state.phase !== 'deliberation' && state.phase !== 'results') return reject('WRONG_PHASE', 'Only a running round can be paused.');
    state.paused = true;
    state.clock = { deadline: null, remainingMs: state.clock.deadline === null ? null : Math.max(0, state.clock.deadline - work.at) };
    state.flow = sendToChart(exerciseMachine, state.flow, { type: 'PAUSE' });
    work.log({ kind: 'control', audience: 'all', text: 'The facilitator paused the exercise.' });
    return null;
  },

  resume(work) {
    const { state } = work;
    if (!state.paused) return reject('WRONG_PHASE', 'The exercise is not paused.');
    state.paused = false;
    state.clock = { deadline: state.clock.remainingMs === null ? null : work.at + state.clock.remainingMs, remainingMs: null };
    state.flow = sendToChart(exerciseMachine, state.flow, { type: 'RESUME' });
    work.log({ kind: 'control', audience: 'all', text: 'The exercise resumed.' });
    return null;
  },

  adjustClock(work, command) {
    const { clock } = work.state;
    if (clock.deadline === null && clock.remainingMs === null) return reject('WRONG_PHASE', 'No round clock is running.');
    if (clock.deadline !== null) clock.deadline = Math.max(work.at, clock.deadline + command.deltaMs);
    else clock.remainingMs = Math.max(0, clock.remainingMs! + command.deltaMs);
    const minutes = Math.round(Math.abs(command.deltaMs) / 60_000);
    work.log({ kind: 'control', audience: 'all', text: `The facilitator ${command.deltaMs >= 0 ? 'extended' : 'shortened'} the round by ${minutes} minute${minutes === 1 ? '' : 's'}.` });
    return null;
  },

  clockExpired(work, command) {
    const { state } = work;
    if (state.phase !== 'deliberation' || state.paused || state.round !== command.round || state.clock.deadline === null || work.at < state.clock.deadline) {
      return reject('STALE_CLOCK', 'The round clock has moved; nothing expired.');
    }
    work.log({ kind: 'control', audience: 'all', text: 'Time is up for this round.' });
    endDeliberation(work);
    return null;
  },

  releaseInject(work, command) {
    const inject = work.index.injects.get(command.inject);
    if (!inject) return reject('UNKNOWN_INJECT', `There is no inject "${command.inject}" in this scenario.`);
    if (wasDelivered(work, inject.id)) return reject('ALREADY_TAKEN', `"${inject.title}" has already been released.`);
    if (work.state.phase === 'lobby') return reject('WRONG_PHASE', 'Start the exercise before releasing injects.');
    deliverInject(work, inject);
    return null;
  },

  releaseAdhocInject(work, command) {
    if (work.state.phase === 'lobby') return reject('WRONG_PHASE', 'Start the exercise before releasing injects.');
    const refused = checkAudience(work, command.inject.audience);
    if (refused) return refused;
    deliverAdhoc(work, command.inject);
    return null;
  },

  scheduleAdhocInject(work, command) {
    const { state, scenario } = work;
    const refused = checkAudience(work, command.inject.audience) ?? checkSchedule(work, command.round, command.minute ?? null);
    if (refused) return refused;
    const entry = { id: work.nextId('s'), inject: command.inject, round: command.round, minute: command.minute ?? null, at: work.at };
    const due = scheduledDueAt(scenario, state, entry);
    if (due !== null && due <= work.at) return reject('INVALID_ARGUMENT', `Minute ${entry.minute} of this round has passed: send the inject now instead.`);
    state.injects.scheduled = [...(state.injects.scheduled ?? []), entry];
    const when = entry.minute === null ? `at the start of round ${entry.round}` : `at minute ${entry.minute} of round ${entry.round}`;
    work.log({ kind: 'control', audience: 'facilitator', ref: entry.id, text: `Scheduled ${when}: ${command.inject.title}.` });
    return null;
  },

  cancelScheduledInject(work, command) {
    const { state } = work;
    const entry = state.injects.scheduled?.find((s) => s.id === command.inject);
    if (!entry) {
      // The schedule's own record says whether the id was ever scheduled (and so has gone out, or was cancelled).
      const known = state.timeline.some((e) => e.kind === 'control' && e.ref === command.inject);
      return reject(
        'UNKNOWN_INJECT',
        known
          ? 'That inject is no longer scheduled: it has gone out already, or was cancelled, so there is nothing to cancel.'
          : `No inject is scheduled with the id "${command.inject}".`,
      );
    }
    state.injects.scheduled = state.injects.scheduled!.filter((s) => s.id !== entry.id);
    work.log({ kind: 'control', audience: 'facilitator', ref: entry.id, text: `Cancelled before it went out: ${entry.inject.title}.` });
    return null;
  },

  releaseScheduledInject(work, command) {
    const { state, scenario } = work;
    const entry = state.injects.scheduled?.find((s) => s.id === command.inject);
    if (!entry) return reject('UNKNOWN_INJECT', 'No scheduled inject has that id: it has gone out already.');
    const due = state.paused ? null : scheduledDueAt(scenario, state, entry);
    if (due === null || work.at < due) return reject('STALE_CLOCK', 'The round clock has moved; the inject is not due yet.');
    deliverScheduled(work, entry);
    return null;
  },

  holdInject(work, command) {
    const inject = work.index.injects.get(command.inject);
    if (!inject) return reject('UNKNOWN_INJECT', `There is no inject "${command.inject}" in this scenario.`);
    if (wasDelivered(work, inject.id)) return reject('ALREADY_TAKEN', `"${inject.title}" has already been released.`);
    if (work.state.injects.held.includes(inject.id)) return reject('ALREADY_TAKEN', `"${inject.title}" is already held back.`);
    work.state.injects.held.push(inject.id);
    work.log({ kind: 'control', audience: 'facilitator', ref: inject.id, text: `Held back: ${inject.title}.` });
    return null;
  },

  overrideScore(work, command) {
    const at = work.state.decisions.findIndex((d) => d.id === command.decision);
    if (at < 0) return reject('UNKNOWN_DECISION', `There is no resolved decision "${command.decision}".`);
    // History entries are shared between states: replace the entry, never change it in place.
    const decision = { ...work.state.decisions[at]! };
    if (!Number.isFinite(command.proportionality) || command.proportionality < 0 || command.proportionality > 100) {
      return reject('INVALID_ARGUMENT', 'A proportionality score is between 0 and 100.');
    }
    if (!command.reason.trim()) return reject('INVALID_ARGUMENT', 'An override needs a reason, for the record.');
    decision.overridden = { value: Math.round(command.proportionality), reason: command.reason };
    work.state.decisions[at] = decision;
    const action = work.index.actions.get(decision.action)?.name ?? decision.action;
    work.log({ kind: 'override', audience: 'all', ref: decision.id, text: `The facilitator set the proportionality of ${teamName(work.scenario, decision.team)}'s ${action} to ${decision.overridden.value}: ${command.reason}` });
    return null;
  },

  overridePosture(work, command) {
    if (!POSTURES.includes(command.posture)) return reject('INVALID_ARGUMENT', `Unknown posture "${command.posture}".`);
    if (!command.reason.trim()) return reject('INVALID_ARGUMENT', 'An override needs a reason, for the record.');
    const actor = furtherActor(work.scenario, command.adversary);
    if (actor) {
      work.sendOtherAdversary(actor.id, { type: 'OVERRIDE_POSTURE', posture: command.posture });
      work.log({ kind: 'override', audience: 'all', text: `The facilitator set ${actor.name}'s posture to ${command.posture}: ${command.reason}` });
      return null;
    }
    work.sendAdversary({ type: 'OVERRIDE_POSTURE', posture: command.posture });
    work.log({ kind: 'override', audience: 'all', text: `The facilitator set the adversary's posture to ${command.posture}: ${command.reason}` });
    return null;
  },

  overrideEscalation(work, command) {
    const top = ladderTop(work.scenario.escalation.ladder);
    if (!Number.isInteger(command.level) || command.level < 0 || command.level > top) {
      return reject('INVALID_ARGUMENT', `The escalation ladder runs from 0 to ${top}.`);
    }
    if (!command.reason.trim()) return reject('INVALID_ARGUMENT', 'An override needs a reason, for the record.');
    work.setEscalation(command.level);
    work.log({ kind: 'override', audience: 'all', text: `The facilitator set the escalation level to ${command.level}: ${command.reason}` });
    return null;
  },

  announce(work, command) {
    if (!command.text.trim()) return reject('INVALID_ARGUMENT', 'An announcement needs some text.');
    work.state.chat.push({ id: work.nextId('m'), channel: 'announcement', team: null, from: nameOf(command), text: command.text, round: work.state.round, at: work.at });
    return null;
  },

  endExercise(work, command) {
    finish(work, command.reason.trim() || 'no reason given');
    return null;
  },

  reopenExercise(work, command) {
    const { state } = work;
    if (state.phase !== 'debrief') return reject('WRONG_PHASE', 'Only an exercise that has ended can be reopened.');
    if (state.reopened) return reject('INVALID_ARGUMENT', 'The exercise is already open again.');
    state.reopened = true;
    const reason = command.reason.trim();
    work.log({ kind: 'control', audience: 'all', text: `The facilitator reopened the exercise${reason ? `: ${reason}` : ''}. Join codes seat people and chat is open again.` });
    return null;
  },

  seatBot(work, command) {
    const refused = checkEmptySeat(work, command.team);
    if (refused) return refused;
    if (!BOTS.some((b) => b.id === command.policy)) {
      return reject('INVALID_ARGUMENT', `There is no bot policy "${command.policy}" (policies: ${BOTS.map((b) => b.id).join(', ')}).`);
    }
    const team = work.state.teams[command.team]!;
    delete team.absent;
    team.bot = command.policy;
    work.log({ kind: 'control', audience: 'all', team: command.team, text: `${teamName(work.scenario, command.team)} is played by the server's ${command.policy} bot.` });
    return null;
  },

  dropTeam(work, command) {
    const refused = checkEmptySeat(work, command.team);
    if (refused) return refused;
    const present = Object.values(work.state.teams).filter((t) => !t.absent).length;
    if (present <= 1) return reject('INVALID_ARGUMENT', 'At least one team must take part.');
    const team = work.state.teams[command.team]!;
    delete team.bot;
    team.absent = true;
    work.log({ kind: 'control', audience: 'all', team: command.team, text: `${teamName(work.scenario, command.team)} takes no part in this exercise.` });
    return null;
  },

  reopenSeat(work, command) {
    const refused = checkEmptySeat(work, command.team);
    if (refused) return refused;
    const team = work.state.teams[command.team]!;
    if (!team.bot && !team.absent) return reject('INVALID_ARGUMENT', `${teamName(work.scenario, command.team)}'s seat is already open: no bot plays it and it has not been dropped.`);
    delete team.bot;
    delete team.absent;
    work.log({ kind: 'control', audience: 'all', team: command.team, text: `${teamName(work.scenario, command.team)}'s seat is open again: people may join and play it.` });
    return null;
  },

  draftDecision(work, command) {
    // checkDraft ran before the working copy was made (PRECHECKS).
    addToPlan(work, command, teamOf(command), null);
    return null;
  },

  withdrawDecision(work, command) {
    const team = teamOf(command);
    const phase = checkDeliberation(work.state, team);
    if (phase) return phase;
    const teamState = work.state.teams[team]!;
    const item = teamState.plan.find((p) => p.id === command.decision);
    if (!item) return reject('UNKNOWN_DECISION', 'That decision is not in your plan.');
    const cost = draftCost(work.scenario, work.state, team, work.index.actions.get(item.action)!, item.incident, item.options);
    teamState.plan = teamState.plan.filter((p) => p.id !== item.id);
    teamState.capitalLeft += cost.capital;
    teamState.intelLeft += cost.intel;
    if (item.proposal) {
      const proposal = work.state.proposals[item.proposal];
      if (proposal && proposal.by !== team) delete proposal.responses[team];
    }
    return null;
  },

  lockDecisions(work, command) {
    const team = teamOf(command);
    const phase = checkDeliberation(work.state, team);
    if (phase) return phase;
    work.state.teams[team]!.locked = true;
    work.log({ kind: 'decision', audience: 'all', team, text: say('timeline.locked', { team: teamName(work.scenario, team) }) });
    resolveIfEveryoneLocked(work);
    return null;
  },

  unlockDecisions(work, command) {
    const team = teamOf(command);
    if (work.state.phase !== 'deliberation') return reject('WRONG_PHASE', 'Decisions can only be unlocked during deliberation.');
    if (!work.state.teams[team]!.locked) return reject('NOT_LOCKED', 'Your decisions are not locked.');
    work.state.teams[team]!.locked = false;
    return null;
  },

  proposeJoint(work, command) {
    const team = teamOf(command);
    const action = work.index.actions.get(command.draft.action);
    if (action && !action.joinable) return reject('NOT_AVAILABLE', `${action.name} cannot be taken jointly.`);
    const incident = action?.targetsIncident ? (command.draft.incident ?? null) : null;
    // Two allies proposing the same measure mean the same thing: the second joins the first.
    const same = Object.values(work.state.proposals).find(
      (p) => p.round === work.state.round && p.action === command.draft.action && p.incident === incident && p.by !== team && !p.responses[team],
    );
    if (same) return joinProposal(work, command, team, same, command.draft.rationale ?? '');
    const problem = checkDraft(work.scenario, work.state, team, command.draft);
    if (problem) return problem;
    const id = work.nextId('p');
    work.state.proposals[id] = {
      id,
      round: work.state.round,
      by: team,
      action: command.draft.action,
      incident,
      options: command.draft.options ?? {},
      rationale: command.draft.rationale ?? '',
      responses: {},
    };
    addToPlan(work, command, team, id);
    // Proposals are the coalition's business: every government sees them, the red cell does not.
    work.log({ kind: 'decision', audience: { teams: work.index.teamIds }, team, ref: id, text: say('timeline.proposes', { team: teamName(work.scenario, team), action: action!.name }) });
    return null;
  },

  respondJoint(work, command) {
    const team = teamOf(command);
    const proposal = work.state.proposals[command.proposal];
    if (!proposal || proposal.round !== work.state.round) return reject('UNKNOWN_PROPOSAL', 'There is no open coalition proposal with that id this round.');
    if (proposal.by === team) return reject('INVALID_ARGUMENT', 'Your government made this proposal.');
    if (proposal.responses[team]) return reject('ALREADY_TAKEN', 'Your government has already answered this proposal.');
    if (command.join) return joinProposal(work, command, team, proposal, command.rationale ?? '');
    const phase = checkDeliberation(work.state, team);
    if (phase) return phase;
    recordResponse(work, team, proposal, false, command.rationale ?? '');
    return null;
  },

  shareIntel(work, command) {
    const team = teamOf(command);
    const phase = checkDeliberation(work.state, team);
    if (phase) return phase;
    const incident = work.index.incidents.get(command.incident);
    if (!incident) return reject('UNKNOWN_INCIDENT', `There is no incident "${command.incident}" in this exercise.`);
    const mine = work.state.attribution[incident.id]!.national[team]!.context.evidence as number;
    if (confidenceOfTeam(work.scenario, work.state, incident.id, team) === null) {
      return reject('INSUFFICIENT_CONFIDENCE', `Your government has no assessment of "${incident.name}" to share yet.`);
    }
    const recipients = command.with === 'coalition' ? work.index.teamIds.filter((t) => t !== team) : command.with;
    const unknown = recipients.filter((t) => !work.index.teams.has(t) || t === team);
    if (unknown.length > 0 || recipients.length === 0) return reject('UNKNOWN_TEAM', 'Choose allies to share with (not your own government).');
    const teamState = work.state.teams[team]!;
    if (teamState.intelLeft < 1) return reject('NOT_ENOUGH_INTEL', 'Sharing needs 1 intelligence capacity; you have none left this round.');
    teamState.intelLeft -= 1;
    shareEvidence(work, team, incident.id, mine, recipients);
    return null;
  },

  chat(work, command) {
    if (work.state.phase === 'debrief' && !work.state.reopened) {
      return reject('EXERCISE_OVER', 'The exercise has ended and its chat is closed; the facilitator can reopen it.');
    }
    const text = command.text.trim();
    if (!text) return reject('INVALID_ARGUMENT', 'A message needs some text.');
    const team = teamOf(command);
    work.state.chat.push({ id: work.nextId('m'), channel: command.channel, team, from: nameOf(command), text, round: work.state.round, at: work.at });
    return null;
  },

  note(work, command) {
    if (!command.text.trim()) return reject('INVALID_ARGUMENT', 'A note needs some text.');
    if (command.objective && !work.index.objectives.has(command.objective)) {
      return reject('UNKNOWN_OBJECTIVE', `There is no learning objective "${command.objective}" in this scenario.`);
    }
    if (command.team !== undefined && !work.index.teams.has(command.team)) {
      return reject('UNKNOWN_TEAM', `There is no team "${command.team}" in this scenario.`);
    }
    work.state.notes.push({
      id: work.nextId('n'),
      role: command.actor.role === 'facilitator' ? 'facilitator' : 'observer',
      by: nameOf(command),
      text: command.text,
      objective: command.objective ?? null,
      rating: command.rating ?? null,
      round: command.round ?? work.state.round,
      at: work.at,
      ...(command.team !== undefined ? { team: command.team } : {}),
    });
    return null;
  },

  chooseAdversaryMove(work, command) {
    const { state, scenario } = work;
    if (!scenario.adversary.redCellAllowed) return reject('NOT_ALLOWED', 'This scenario does not allow a human red cell.');
    if (state.phase !== 'deliberation') return reject('WRONG_PHASE', 'The red cell chooses its move while a round is in deliberation.');
    const actor = furtherActor(scenario, command.adversary);
    const all = actor ? actor.moves : scenario.adversary.moves;
    const move = command.move === null ? null : all.find((m) => m.id === command.move);
    if (move === undefined) return reject('UNKNOWN_MOVE', actor ? `${actor.name} has no move "${command.move}".` : `There is no adversary move "${command.move}".`);
    if (move) {
      const eligible = actor ? eligibleOtherMoves(scenario, state, actor) : eligibleMoves(scenario, state);
      if (!eligible.some((m) => m.id === move.id)) {
        return reject('NOT_AVAILABLE', `${move.name} does not fit ${actor ? `${actor.name}'s` : "the adversary's"} current posture and campaign phase.`);
      }
    }
    if (actor) {
      state.redCellOthers = { ...state.redCellOthers, [actor.id]: command.move };
      work.log({ kind: 'adversary', audience: 'facilitator', text: move ? `The red cell chose for ${actor.name}: ${move.name}.` : `The red cell chose to hold ${actor.name} back this round.` });
      return null;
    }
    state.redCellMove = command.move;
    work.log({ kind: 'adversary', audience: 'facilitator', text: move ? `The red cell chose: ${move.name}.` : 'The red cell chose to hold back this round.' });
    return null;
  },
};

/** Joining puts the proposed measure, with the proposer's options, into this team's plan. */
function joinProposal(work: Work, command: Command, team: string, proposal: JointProposal, rationale: string): Rejection | null {
  const draft = { action: proposal.action, incident: proposal.incident ?? undefined, options: proposal.options, rationale };
  const problem = checkDraft(work.scenario, work.state, team, draft);
  if (problem) return problem;
  addToPlan(work, { ...command, draft } as Command & { draft: typeof draft }, team, proposal.id);
  recordResponse(work, team, proposal, true, rationale);
  return null;
}

function recordResponse(work: Work, team: string, proposal: JointProposal, join: boolean, rationale: string): void {
  proposal.responses[team] = { join, rationale };
  const action = work.index.actions.get(proposal.action)?.name ?? proposal.action;
  work.log({ kind: 'decision', audience: { teams: work.index.teamIds }, team, ref: proposal.id, text: say(join ? 'timeline.joins' : 'timeline.declines', { team: teamName(work.scenario, team), action }) });
}

function addToPlan(work: Work, command: Command & { draft: { action: string; incident?: string; options?: Record<string, boolean | undefined>; rationale?: string } }, team: string, proposal: string | null): void {
  const action = work.index.actions.get(command.draft.action)!;
  const teamState = work.state.teams[team]!;
  const incident = action.targetsIncident ? (command.draft.incident ?? null) : null;
  const cost = draftCost(work.scenario, work.state, team, action, incident, command.draft.options as ProcedureOptions | undefined);
  teamState.capitalLeft -= cost.capital;
  teamState.intelLeft -= cost.intel;
  teamState.plan.push({
    id: work.nextId('d'),
    team,
    action: action.id,
    incident,
    options: Object.fromEntries(Object.entries(command.draft.options ?? {}).filter(([, v]) => v === true)) as Record<string, boolean>,
    rationale: command.draft.rationale ?? '',
    proposal,
    at: work.at,
    by: 'name' in command.actor ? (command.actor.name ?? null) : null,
  });
}

/**
 * Sharing intelligence brings allies halfway to the sharer's evidence and puts
 * it in the shared record; each share risks burning a source, which makes the
 * sharer's later investigations less likely to succeed.
 */
function shareEvidence(work: Work, team: string, incident: string, mine: number, recipients: string[]): void {
  for (const ally of recipients) {
    const theirs = work.state.attribution[incident]!.national[ally]!.context.evidence as number;
    const gain = Math.ceil(Math.max(0, mine - theirs) / 2);
    if (gain > 0) work.addEvidence(incident, ally, gain);
  }
  const teamState = work.state.teams[team]!;
  if (!teamState.shared.includes(incident)) teamState.shared.push(incident);
  work.sendCoalition(incident, { type: 'EVIDENCE_SHARED', team });
  const name = work.index.incidents.get(incident)!.name;
  const names = recipients.map((t) => teamName(work.scenario, t));
  work.log({ kind: 'intel', audience: { teams: [team, ...recipients] }, team, ref: incident, text: say('timeline.shared', { team: teamName(work.scenario, team), incident: name, recipients: names }) });
  if (work.rng.chance(0.1)) {
    teamState.sourcesBurned += 1;
    work.log({ kind: 'intel', audience: { teams: [team] }, team, ref: incident, text: say('timeline.sourceExposed') });
  }
}
