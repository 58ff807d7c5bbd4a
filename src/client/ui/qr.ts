/**
 * A QR code for a join link, drawn as SVG squares from the `qrcode`
 * library's module matrix (no markup from strings, nothing from the network).
 */
import QRCode from 'qrcode';
import { html, svg, type TemplateResult } from './dom';

/** The QR code of `text`, with a text label for people who cannot scan it. */
export function qrCode(text: string, label: string): TemplateResult {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const quiet = 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (modules.get(y, x)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  }
  const box = size + quiet * 2;
  return html`<svg class="qr" viewBox=${`0 0 ${box} ${box}`} role="img" aria-label=${label} shape-rendering="crispEdges">
    ${svg`<rect width=${box} height=${box} fill="#fff"/><path d=${path} fill="#000"/>`}
  </svg>`;
}
