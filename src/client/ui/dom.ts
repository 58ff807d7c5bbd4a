/**
 * DOM rendering: lit-html templates. Every `${value}` in a text position is
 * set as a text node, so scenario and chat text can never become markup.
 * Nothing here parses strings as HTML: no unsafe-HTML directive, no inner-HTML
 * assignment (test/client/pure.test.ts checks the whole client).
 */
export { html, nothing, render, svg, type TemplateResult } from 'lit-html';
export { repeat } from 'lit-html/directives/repeat.js';
export { ref, createRef, type Ref } from 'lit-html/directives/ref.js';
export { classMap } from 'lit-html/directives/class-map.js';
export { styleMap } from 'lit-html/directives/style-map.js';
export { ifDefined } from 'lit-html/directives/if-defined.js';

/** Splits text on blank lines into paragraphs (for templates: one <p> each). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A stable DOM id from parts (only letters, digits, - and _). */
export function domId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Only a hex colour from scenario data reaches a style; anything else becomes neutral grey. */
export function safeColour(colour: string | null | undefined): string {
  return colour && /^#[0-9A-Fa-f]{6}$/.test(colour) ? colour : '#999999';
}

/**
 * A colour swatch's style, set through the CSSOM (styleMap), never as a style
 * attribute: the Content-Security-Policy allows no inline styles.
 */
export function swatchStyle(colour: string | null | undefined): { background: string } {
  return { background: safeColour(colour) };
}

/** Only http(s) links from scenario data become hrefs; anything else is shown as text. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
