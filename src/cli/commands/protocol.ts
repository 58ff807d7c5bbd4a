/**
 * firebreak protocol: lists, writes or checks the machine-readable protocol
 * in docs/protocol/ (JSON Schema files and the AsyncAPI document), generated
 * from the zod schemas the server validates with (src/protocol/publish.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { publishedProtocolFiles } from '../../protocol/publish';
import { EXIT_OK, out, writeText } from '../io';

export const PROTOCOL_DIR = 'docs/protocol';

/** Published files that differ from what the code generates, or are missing, or are left over. */
export function staleProtocolFiles(dir = PROTOCOL_DIR): string[] {
  const files = publishedProtocolFiles();
  const stale = Object.entries(files)
    .filter(([name, text]) => {
      const file = path.join(dir, name);
      return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
    })
    .map(([name]) => name);
  const schemasDir = path.join(dir, 'schemas');
  const extra = fs.existsSync(schemasDir) ? fs.readdirSync(schemasDir).map((f) => `schemas/${f}`).filter((f) => !(f in files)) : [];
  return [...stale, ...extra];
}

export function protocol(options: { write: boolean; check: boolean }): number {
  const files = publishedProtocolFiles();
  if (options.check) {
    const stale = staleProtocolFiles();
    for (const name of stale) out(`stale: ${PROTOCOL_DIR}/${name}`);
    if (stale.length) out('run `firebreak protocol --write` to regenerate');
    return stale.length ? 1 : EXIT_OK;
  }
  if (!options.write) {
    for (const name of Object.keys(files)) out(`${PROTOCOL_DIR}/${name}`);
    return EXIT_OK;
  }
  const schemasDir = path.join(PROTOCOL_DIR, 'schemas');
  fs.mkdirSync(schemasDir, { recursive: true });
  for (const old of fs.readdirSync(schemasDir)) if (!(`schemas/${old}` in files)) fs.rmSync(path.join(schemasDir, old));
  for (const [name, text] of Object.entries(files)) writeText(path.join(PROTOCOL_DIR, name), text);
  out(`wrote ${Object.keys(files).length} files in ${PROTOCOL_DIR}/`);
  return EXIT_OK;
}
