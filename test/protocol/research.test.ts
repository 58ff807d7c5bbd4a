/**
 * The research export of a class: one row per resolved decision of every
 * exercise the facilitator runs, pseudonymised, with the columns of the data
 * dictionary, the same as CSV and as Arrow; and the Python example reads it
 * with pandas where a Python with pandas is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import type { ResearchClassAck } from '../../src/protocol/events';
import { RESEARCH_COLUMNS, researchDictionaryMarkdown } from '../../src/server/research';
import type { Table } from '../helpers/exercise';
import { serverForThisFile } from '../helpers/perFile';
import { ROOT } from '../helpers/server';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const here = serverForThisFile();

/** Plays one round: every team drafts resilience and locks, so the round resolves with a decision per team. */
async function playRound(t: Table): Promise<void> {
  await t.facilitator.must({ type: 'startExercise' });
  await t.facilitator.must({ type: 'advance' });
  for (const [team, [player]] of Object.entries(t.teams)) {
    await player!.waitForView((v) => v.phase === 'deliberation', `${team} deliberation`);
    await player!.must({ type: 'draftDecision', draft: { action: 'resilience', rationale: `SECRET-RATIONALE of ${team}` } });
    await player!.must({ type: 'lockDecisions' });
  }
  await t.facilitator.waitForView((v) => v.phase === 'results', 'results');
}

/** A Python 3 with pandas, if this machine has one. */
function pythonWithPandas(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0) return python;
  }
  return null;
}

describe('the research export of a class', () => {
  it('has one pseudonymised row per decision of every exercise, alike in CSV and Arrow, and pandas reads it', async () => {
    const first = await here.table({ scenarioId: 'test-fixture', observer: false });
    const second = await here.table({ scenarioId: 'test-four', observer: false });
    await playRound(first);
    await playRound(second);
    const credentials = [first.created.facilitatorCredential, second.created.facilitatorCredential, 'x'.repeat(43)];
    const decisions = first.facilitator.view!.decisions.length + second.facilitator.view!.decisions.length;
    expect(decisions).toBe(3 + 4);

    const csv = await first.facilitator.request<ResearchClassAck>('research:class', { credentials, format: 'csv' });
    if (!csv.ok) throw new Error(csv.message);
    expect(csv).toMatchObject({ encoding: 'utf8', exercises: 2, rows: decisions, unknown: 1 });
    const rows = parse(csv.data, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(RESEARCH_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(decisions);
    expect(new Set(rows.map((r) => r.exercise))).toEqual(new Set(['E1', 'E2']));
    expect(rows.every((r) => Number(r.proportionality) >= 0 && r.escalation_before !== '')).toBe(true);
    // Nothing a person typed or a server id.
    for (const secret of ['SECRET-RATIONALE', 'player', 'Fran', first.created.exerciseId, second.created.exerciseId]) expect(csv.data).not.toContain(secret);

    const arrow = await first.facilitator.request<ResearchClassAck>('research:class', { credentials, format: 'arrow' });
    if (!arrow.ok) throw new Error(arrow.message);
    expect(arrow.encoding).toBe('base64');
    const table = tableFromIPC(Buffer.from(arrow.data, 'base64'));
    expect(table.numRows).toBe(decisions);
    expect(table.schema.fields.map((f) => f.name)).toEqual(RESEARCH_COLUMNS.map((c) => c.name));
    expect(Array.from(table.getChild('proportionality')!.toArray() as Float64Array, (v) => String(v))).toEqual(rows.map((r) => r.proportionality));
    expect(table.getChild('effective')!.toArray().length).toBe(decisions);

    // Not a facilitator's credential: refused.
    expect(await first.facilitator.request('research:class', { credentials: ['y'.repeat(43)], format: 'csv' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });

    const python = pythonWithPandas();
    if (!python) {
      // CI installs python3-pandas (.ci/ensure-python.sh): there, a missing pandas is a failure, not a skip.
      if (process.env.CI === 'true') throw new Error('CI=true but no python3 with pandas: run .ci/ensure-python.sh');
      console.warn('no python3 with pandas here: examples/research.py not run (docs/protocol.md, "Research export")');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-research-'));
    try {
      const file = join(dir, 'firebreak-research.csv');
      writeFileSync(file, csv.data);
      const run = spawnSync(python, [join(ROOT, 'examples/research.py'), file], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`${decisions} decisions in 2 exercises of 2 scenarios`);
      expect(run.stdout).toMatch(/E1\s+atlantia/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is described column by column in docs/protocol.md', () => {
    expect(readFileSync(join(ROOT, 'docs/protocol.md'), 'utf8')).toContain(researchDictionaryMarkdown());
  });
});
