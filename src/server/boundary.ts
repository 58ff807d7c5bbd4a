/**
 * The browser boundary, for every HTTP request the server answers (pages,
 * static files, the API, socket.io's polling and WebSocket handshakes, and
 * every error): security headers, the Host check against DNS rebinding, and
 * the Origin check that keeps pages of other sites from opening sockets or
 * calling the API with a participant's browser.
 *
 * - A request whose Origin is neither the server's own (the scheme-less
 *   host it was addressed to, or a configured public host) nor a configured
 *   allowed origin is refused. Requests without Origin (same-origin GETs,
 *   non-browser clients) pass: a browser always sends Origin on WebSocket
 *   handshakes and on cross-origin requests.
 * - When public host names are configured, a request for any other Host is
 *   refused: a rebinding page's requests carry its own host name.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Boundary } from './config';

/**
 * No inline script, no eval, no inline style; images and media may be data:
 * or blob: URLs (Phaser makes its textures that way); nothing may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=()',
};

/** Sets the security headers; whatever the route writes later is merged with them. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** Adds the security headers to a header object (for socket.io's own responses). */
export function withSecurityHeaders(headers: Record<string, unknown>): void {
  Object.assign(headers, SECURITY_HEADERS);
}

export interface BoundaryRefusal {
  status: number;
  code: 'WRONG_HOST' | 'WRONG_ORIGIN';
  message: string;
}

function hostOf(headers: IncomingHttpHeaders): string {
  return String(headers.host ?? '').toLowerCase();
}

export function boundaryCheck(config: Boundary): (req: IncomingMessage) => BoundaryRefusal | null {
  const publicHosts = new Set(config.publicHosts.map((h) => h.toLowerCase()));
  const allowedOrigins = new Set(config.allowedOrigins.map((o) => o.replace(/\/$/, '').toLowerCase()));
  return (req) => {
    const host = hostOf(req.headers);
    if (publicHosts.size > 0 && !publicHosts.has(host)) {
      return { status: 421, code: 'WRONG_HOST', message: 'This server does not answer to that host name.' };
    }
    const origin = req.headers.origin;
    if (origin === undefined) return null;
    const normalised = origin.toLowerCase();
    if (allowedOrigins.has(normalised)) return null;
    let originHost: string | null = null;
    try {
      const url = new URL(normalised);
      if (url.protocol === 'http:' || url.protocol === 'https:') originHost = url.host;
    } catch {
      originHost = null; // "null" (sandboxed frames, files) and garbage
    }
    // Own origin: the host this request was addressed to (or a public host name).
    if (originHost !== null && (originHost === host || publicHosts.has(originHost))) return null;
    return { status: 403, code: 'WRONG_ORIGIN', message: 'Requests from other sites are not accepted.' };
  };
}

/** Writes a refusal as JSON, with the security headers. */
export function refuse(res: ServerResponse, refusal: { status: number; code: string; message: string }, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ ok: false, code: refusal.code, message: refusal.message });
  applySecurityHeaders(res);
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}
