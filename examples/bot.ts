/**
 * A bot that plays a whole Firebreak exercise through the client library
 * (firebreak/client) and nothing else: it creates an exercise, takes every
 * team's seat, and each round answers open joint proposals, drafts an action
 * its view marks available, and locks, while the facilitator moves the
 * exercise on until the debrief. Run it against a server:
 *
 *   node --import tsx examples/bot.ts http://localhost:8080 tutorial
 */
import { connect, connected, request, SeatSession, type CommandBody, type ExerciseView } from 'firebreak/client';

async function openSocket(url: string) {
  const socket = connect(url, { transports: ['websocket'], forceNew: true });
  await connected(socket);
  return socket;
}

/** Sends a command that must be accepted; resolves once this seat's view shows it. */
async function must(seat: SeatSession, body: CommandBody): Promise<number> {
  const ack = await seat.command(body);
  if (!ack.ok) throw new Error(`${body.type} refused: ${ack.code} ${ack.message}`);
  return ack.seq;
}

/** The first draft the view says would be accepted now (view.actions[].availability). */
function firstAvailableDraft(view: ExerciseView): CommandBody | null {
  for (const action of view.actions) {
    const availability = action.availability;
    if (!availability?.available) continue;
    if (!action.targetsIncident) return { type: 'draftDecision', draft: { action: action.id, rationale: 'The bot finds it prudent.' } };
    const incident = Object.entries(availability.byIncident).find(([, a]) => a.available)?.[0];
    if (incident) return { type: 'draftDecision', draft: { action: action.id, incident, rationale: 'The bot responds.' } };
  }
  return null;
}

/** One team's round, once its view has caught up with `seq`: join allies' open proposals, draft once, lock. */
async function playRound(team: SeatSession, seq: number): Promise<number> {
  await team.waitForView((v) => v.seq >= seq);
  const me = team.view!.me!.team;
  for (const proposal of team.view!.proposals) {
    // A refused join (budget, confidence) is an abstention, which is fine.
    if (proposal.open && proposal.by !== me && !proposal.responses[me]) await team.command({ type: 'respondJoint', proposal: proposal.id, join: true });
  }
  const draft = firstAvailableDraft(team.view!);
  if (draft) await team.command(draft);
  return must(team, { type: 'lockDecisions' });
}

/** Plays a whole exercise of a scenario; resolves with the facilitator's view at the debrief. */
export async function playExercise(url: string, scenarioId: string, seed = 'example-bot'): Promise<ExerciseView> {
  const host = await openSocket(url);
  const created = await request(host, 'exercise:create', { scenarioId, seed, facilitatorName: 'Bot facilitator' });
  if (!created.ok) throw new Error(`exercise:create refused: ${created.code} ${created.message}`);
  const facilitator = new SeatSession(host, created.facilitatorCredential).start();
  const teams: SeatSession[] = [];
  for (const [team, code] of Object.entries(created.codes.teams)) {
    const seat = new SeatSession(await openSocket(url), null).start();
    const joined = await seat.join(code, `Bot of ${team}`);
    if (!joined.ok) throw new Error(`seat:join refused: ${joined.code} ${joined.message}`);
    teams.push(seat);
  }
  try {
    await facilitator.waitForView(() => true);
    await must(facilitator, { type: 'startExercise' });
    const phase = () => facilitator.view!.phase;
    while (phase() !== 'debrief') {
      if (phase() === 'deliberation') {
        const seqs = await Promise.all(teams.map((team) => playRound(team, facilitator.view!.seq)));
        // The last lock resolves the round: wait until the facilitator's view shows it.
        await facilitator.waitForView((v) => v.seq >= Math.max(...seqs));
      }
      if (phase() !== 'debrief') await must(facilitator, { type: 'advance' });
    }
    return facilitator.view!;
  } finally {
    for (const seat of [facilitator, ...teams]) {
      seat.stop();
      seat.socket.disconnect();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url = 'http://localhost:8080', scenario = 'tutorial'] = process.argv.slice(2);
  playExercise(url, scenario).then(
    (view) => console.log(`${view.scenario.title}: ${view.outcome?.outcome ?? 'no outcome'} after ${view.rounds.length} rounds (${view.seq} commands). ${view.outcome?.summary ?? ''}`),
    (err: Error) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
