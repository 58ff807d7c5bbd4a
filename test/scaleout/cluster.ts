/**
 * Helpers for the tests that run several server processes (real child
 * processes) on one real PostgreSQL and one real Redis: starting N of them,
 * sending commands whose answers may never come (their process died), and
 * checking an exercise's exported log against what was acknowledged.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadScenarioText, replay, stateHash } from '../../src/engine';
import type { Command, CommandBody } from '../../src/engine/types';
import type { CommandAck, ExportAck } from '../../src/protocol/events';
import type { TestClient } from '../helpers/client';
import { writeScenarioDir } from '../helpers/scenario';
import { ChildServer, DEFAULT_FIXTURES } from '../helpers/server';

export interface ExportDoc {
  seed: string;
  scenarioText: string;
  stateHash: string;
  commands: { seq: number; id: string; atMs: number; actor: Command['actor']; body: Record<string, unknown> }[];
}

/** Starts `count` server processes on one database and one Redis, with 2 s leases; the first one listed started first. */
export async function startProcesses(count: number, options: { root: string; databaseUrl: string; redisUrl: string; started: ChildServer[] }): Promise<ChildServer[]> {
  const scenariosDir = writeScenarioDir(join(options.root, 'scenarios'), DEFAULT_FIXTURES);
  const processes: ChildServer[] = [];
  for (let i = 0; i < count; i++) {
    const child = await ChildServer.start({
      DATA_DIR: join(options.root, `process-${i}`),
      SCENARIOS_DIR: scenariosDir,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      FIREBREAK_LEASE_SECONDS: '2',
    });
    options.started.push(child);
    processes.push(child);
  }
  return processes;
}

/** A command sent with a short wait: null when no answer came (its process died with it in flight). */
export async function send(client: TestClient, id: string, body: CommandBody): Promise<CommandAck | null> {
  return client.request<CommandAck>('command', { id, body }, 4000).catch(() => null);
}

/**
 * Sends a command until it is accepted, while the only refusals are those
 * of an exercise changing hands or a service coming back; every answer it got.
 */
export async function until(client: TestClient, id: string, body: CommandBody): Promise<CommandAck[]> {
  const answers: CommandAck[] = [];
  for (let i = 0; i < 100; i++) {
    const ack = await send(client, id, body);
    if (ack) answers.push(ack);
    if (ack?.ok) return answers;
    if (ack && ack.code !== 'UNAVAILABLE' && ack.code !== 'STORAGE_ERROR') throw new Error(`${id}: ${ack.code} ${ack.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${id} was never accepted: ${JSON.stringify(answers)}`);
}

/** The exercise's log and state hash as the process `facilitator` is connected to holds them. */
export async function exportLog(facilitator: TestClient): Promise<ExportDoc> {
  const ack = await facilitator.request<ExportAck>('export', { format: 'json' });
  if (!ack.ok) throw new Error(`${facilitator.label}: export failed: ${ack.code} ${ack.message}`);
  return JSON.parse(ack.data) as ExportDoc;
}

/**
 * Nothing acknowledged is lost: each acknowledged id is logged at the seq
 * it was acknowledged with; each id of `sent` is logged once; the log has
 * no gap; and it replays to the state hash the process reported.
 */
export function expectLogKeeps(doc: ExportDoc, acked: Map<string, number>, sent: string[] = []): void {
  const bySeq = new Map(doc.commands.map((c) => [c.seq, c.id]));
  for (const [id, seq] of acked) expect(bySeq.get(seq), id).toBe(id);
  const ids = doc.commands.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of sent) expect(ids.filter((logged) => logged === id), id).toHaveLength(1);
  expect(doc.commands.map((c) => c.seq)).toEqual(doc.commands.map((_, i) => i + 1));
  const loaded = loadScenarioText(doc.scenarioText, 'exported.json');
  if (!loaded.ok) throw new Error('exported scenario does not load');
  const commands = doc.commands.map((c) => ({ ...c.body, id: c.id, actor: c.actor, at: c.atMs }) as Command);
  expect(stateHash(replay(loaded.scenario, doc.seed, commands).state)).toBe(doc.stateHash);
}
