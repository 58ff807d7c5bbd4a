/**
 * DOM rendering: lit-html templates. Every `${value}` in a text position is
 * set as a text node, so scenario and chat text can never become markup.
 * Nothing here parses strings as HTML: no unsafe-HTML directive, no inner-HTML
 * assignment (test/client/pure.test.ts checks the whole client).
 */
import { noChange } from 'lit-html';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit-html/directive.js';

export { html, nothing, render, svg, type TemplateResult } from 'lit-html';
export { repeat } from 'lit-html/directives/repeat.js';
export { ref, createRef, type Ref } from 'lit-html/directives/ref.js';
export { classMap } from 'lit-html/directives/class-map.js';
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
 * Sets CSS properties (CSS names: background, --team) through the CSSOM, in a
 * `style=${...}` binding. lit's styleMap writes a style attribute on first
 * render, which the Content-Security-Policy blocks (no inline styles); this
 * never does.
 */
class CssProps extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style') throw new Error('cssProps belongs in a style=${...} binding');
  }

  render(_props: Record<string, string>): unknown {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Record<string, string>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}
export const cssProps = directive(CssProps);

/** A colour swatch's background, whitelisted: `style=${swatch(team.colour)}`. */
export function swatch(colour: string | null | undefined) {
  return cssProps({ background: safeColour(colour) });
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
