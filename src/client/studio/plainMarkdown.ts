/**
 * Stands in for codemirror-json-schema's Markdown renderer (markdown-it with
 * Shiki highlighting, about half the studio's code): the scenario schema's
 * descriptions are plain sentences, and its type lines mark code with
 * backticks, so escaping the text and turning `code` into <code> is all the
 * hover and completion need. vite.config.ts puts it in place.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Same signature as the library's: inline text, or a paragraph. */
export function renderMarkdown(markdown: string, inline = true): string {
  const html = escapeHtml(markdown).replace(/`([^`]+)`/g, '<code>$1</code>');
  return inline ? html : `<p>${html}</p>`;
}
