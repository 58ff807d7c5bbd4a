/** Small inline icons (decorative: the text beside them carries the meaning). */
import { svg, html, type TemplateResult } from 'lit-html';

export function lockIcon(): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    ${svg`<rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"/><path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="2"/>`}
  </svg>`;
}

export function bellIcon(): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    ${svg`<path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v3L2 11.5v1h12v-1L12.5 9V6A4.5 4.5 0 0 0 8 1.5z" fill="currentColor"/><path d="M6.2 13.5a1.8 1.8 0 0 0 3.6 0z" fill="currentColor"/>`}
  </svg>`;
}
