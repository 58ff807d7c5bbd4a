/**
 * docs/protocol.md against the code: every answer code the server or the
 * engine can give has a row saying what a client should do, and no row names
 * a code that does not exist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_REJECTION_CODES, PROTOCOL_ERROR_CODES } from '../../src/protocol/answers';

const guide = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

function section(marker: string): string {
  const found = new RegExp(`<!-- ${marker} -->([\\s\\S]*?)<!-- /${marker} -->`).exec(guide);
  if (!found) throw new Error(`docs/protocol.md has no ${marker} section`);
  return found[1]!;
}

describe('docs/protocol.md', () => {
  it('tells a client what to do about every answer code, and about no other', () => {
    const rows = section('answer-codes')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[1]!);
    const documented = rows.flatMap((cell) => [...cell.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!));
    const codes = new Set<string>([...PROTOCOL_ERROR_CODES, ...ENGINE_REJECTION_CODES]);
    expect([...new Set(documented)].sort()).toEqual([...codes].sort());
    for (const row of section('answer-codes').split('\n').filter((l) => l.startsWith('| `'))) {
      expect(row.split('|').length, row).toBe(5);
      expect(row.split('|')[3]!.trim().length, row).toBeGreaterThan(3);
    }
  });
});
