/**
 * The studio's chunk carries neither the Markdown renderer with Shiki nor
 * the YAML and JSON5 parsers that its JSON Schema support would bring
 * (vite.config.ts, studioEditorDiet), and the plain renderer that stands in
 * shows the schema's descriptions as text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/client/studio/plainMarkdown';
import { ensureBuilt } from '../helpers/browser';

describe("the studio's chunk", () => {
  it('leaves out the renderer and parsers a JSON editor never uses', async () => {
    await ensureBuilt();
    const chunks = readdirSync('dist/assets').filter((name) => /^studio-.*\.js$/.test(name));
    expect(chunks).toHaveLength(1);
    const code = readFileSync(`dist/assets/${chunks[0]}`, 'utf8');
    // The editor itself is there.
    expect(code).toContain('cm6-json-schema-hover');
    // markdown-it's and Shiki's own error texts, and the YAML parser's.
    for (const marker of ['markdown-it', 'vitesse-light', 'Implicit map keys need to be']) expect(code, marker).not.toContain(marker);
    expect(readdirSync('dist/assets').some((name) => /^javascript-.*\.js$/.test(name)), 'Shiki grammar chunk').toBe(false);
  });

  it('shows descriptions as text, with code marked', () => {
    expect(renderMarkdown('Ids like `dnc-intrusion` <b>&</b> "quotes"')).toBe('Ids like <code>dnc-intrusion</code> &lt;b&gt;&amp;&lt;/b&gt; &quot;quotes&quot;');
    expect(renderMarkdown('A note.', false)).toBe('<p>A note.</p>');
  });
});
