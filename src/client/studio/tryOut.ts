/**
 * "Try it": opens a real exercise of the draft on the server, the author in
 * one team's seat and the restrained bot in every other, and keeps the
 * facilitator's credential in this browser like any exercise the author runs.
 */
import { connection, request } from '../net/connection';
import { saveSeat } from '../net/credentials';

export type TryIt =
  | { state: 'idle' }
  | { state: 'opening' }
  | { state: 'open'; facilitator: string; team: string; teamName: string }
  | { state: 'refused'; message: string; problems: string[] };

export interface TeamName {
  id: string;
  name: string;
}

/** The teams of the draft as far as it parses, for "Try it". */
export function teamsOf(text: string): TeamName[] {
  try {
    const teams = (JSON.parse(text) as { teams?: { id?: unknown; name?: unknown }[] }).teams;
    return Array.isArray(teams) ? teams.filter((t) => typeof t?.id === 'string').map((t) => ({ id: String(t.id), name: String(t.name ?? t.id) })) : [];
  } catch {
    return [];
  }
}

/** Opens the exercise with the author in `mine` and bots in the other teams; the studio shows the links, or why the server refused. */
export async function openTryOut(draft: { text: string; fileName: string }, mine: TeamName, teams: TeamName[]): Promise<TryIt> {
  connection();
  const bots = Object.fromEntries(teams.filter((t) => t.id !== mine.id).map((t) => [t.id, 'restrained']));
  const answer = await request(
    'exercise:create',
    { scenarioText: draft.text, fileName: draft.fileName, facilitatorName: 'Author', title: `Try-out of ${draft.fileName}`, bots },
    30_000,
  );
  if (!answer.ok) {
    return { state: 'refused', message: answer.message, problems: (answer as { problems?: string[] }).problems ?? [] };
  }
  saveSeat({
    exerciseId: answer.exerciseId,
    credential: answer.facilitatorCredential,
    role: 'facilitator',
    team: null,
    name: 'Author',
    seatId: '',
    title: `Try-out of ${draft.fileName}`,
    savedAt: Date.now(),
  });
  return { state: 'open', facilitator: answer.links.facilitator, team: answer.links.teams[mine.id]!, teamName: mine.name };
}
