/**
 * The layering, checked over the import graph of src/: the engine imports
 * nothing from the server, the client, the CLI or the protocol; the protocol
 * nothing from the server, the client or the CLI; the client no server or
 * CLI code. Imports are read with TypeScript's own pre-processor (static,
 * re-exports and dynamic ones), so comments and strings do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Which top-level folders of src/ each layer may not import. */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['server', 'client', 'cli', 'protocol'],
  protocol: ['server', 'client', 'cli'],
  client: ['server', 'cli'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of a file, as the src/ folders they land in. */
function importedLayers(file: string): { specifier: string; layer: string }[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = relative(SRC, resolve(dirname(file), specifier));
      return { specifier, layer: target.startsWith('..') ? '(outside src)' : target.split(/[\\/]/)[0]! };
    });
}

/** Every import that breaks the layering, as "file -> specifier". */
export function layeringViolations(): string[] {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const layer = relative(SRC, file).split(/[\\/]/)[0]!;
    const forbidden = FORBIDDEN[layer];
    if (!forbidden) continue;
    for (const { specifier, layer: target } of importedLayers(file)) {
      if (forbidden.includes(target) || target === '(outside src)') violations.push(`${relative(SRC, file)} -> ${specifier}`);
    }
  }
  return violations;
}

describe('the layering', () => {
  it('holds: the engine, the protocol and the client import only what they may', () => {
    expect(layeringViolations()).toEqual([]);
  });

  it('is checked over real imports (the check finds the server importing the engine)', () => {
    const serverImports = sourceFiles(join(SRC, 'server')).flatMap((f) => importedLayers(f).map((i) => i.layer));
    expect(serverImports).toContain('engine');
    expect(serverImports).toContain('protocol');
  });
});
