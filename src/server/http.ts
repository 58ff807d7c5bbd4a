/**
 * Plain HTTP routes: GET /healthz, log downloads, a shipped scenario's
 * history and course materials, and the built client
 * (dist/) with a single-page fallback to index.html. Security headers, the
 * Host and the Origin checks come before any of these (boundary.ts).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { HistoryComparisons } from './historyComparisons';
import sirv from 'sirv';
import type { Hub } from './hub';
import type { ServiceReport } from './cluster/redis';
import type { StorageReport } from './storage/health';

export interface HttpState {
  ready: boolean;
  exercises(): number;
  /** Exercises whose log did not replay cleanly on start-up. */
  degraded(): string[];
  /** The storage state: not ok makes /healthz answer 503 with the reason. */
  storage(): StorageReport;
  /** Which database the server writes to. */
  database?: { engine: string; location: string };
  /** Redis, when it links this process to others: not ok makes /healthz answer 503 with the reason. */
  redis?: () => ServiceReport;
}

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

const MISSING_CLIENT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firebreak</title></head>
<body>
<h1>Firebreak server is running</h1>
<p>The browser client has not been built yet. Run <code>npm run build</code> and reload this page
(or start with <code>npm start</code>, which builds first).</p>
<p>Health check: <a href="/healthz">/healthz</a></p>
</body></html>`;

/**
 * Files under /assets/ carry a content hash in their name: a new build gives
 * new names, so browsers may keep them for a year. Everything else (the page
 * itself, the icons) is checked with the server on each use.
 */
function cacheHeaders(res: ServerResponse, pathname: string): void {
  res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export function createRequestHandler(hub: Hub, state: HttpState, distDir: string, logger: Logger) {
  const hasClient = existsSync(join(distDir, 'index.html'));
  // The build writes .br and .gz beside each file (vite.config.ts); sirv sends the one the browser accepts.
  const assets = hasClient ? sirv(distDir, { single: true, etag: true, gzip: true, brotli: true, setHeaders: cacheHeaders }) : null;
  if (!hasClient) logger.warn({ distDir }, 'no built client found: serving a placeholder page (run npm run build)');

  const histories = new HistoryComparisons();

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      // Every route here only reads: pages, files, health and downloads answer GET and HEAD.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return json(res, 405, { ok: false, code: 'NOT_ALLOWED', message: 'Only GET and HEAD are answered here.' }, { allow: 'GET, HEAD' });
      }
      if (url.pathname === '/healthz') {
        if (!state.ready) return json(res, 503, { ok: false, starting: true });
        const degraded = state.degraded();
        const storage = state.storage();
        const redis = state.redis?.();
        const ok = storage.ok && (redis?.ok ?? true);
        return json(res, ok ? 200 : 503, {
          ok,
          exercises: state.exercises(),
          ...(degraded.length ? { degraded } : {}),
          ...(state.database ? { database: state.database } : {}),
          storage,
          ...(redis ? { redis } : {}),
        });
      }

      // export.json and export.csv (the log), grades.csv (the grade sheet).
      const exportMatch = /^\/api\/exercises\/([a-z0-9]{1,40})\/(?:export\.(json|csv)|(grades)\.csv)$/.exec(url.pathname);
      if (exportMatch) {
        if (!state.ready) return json(res, 503, { ok: false, code: 'UNAVAILABLE', message: 'The server is starting.' });
        const auth = req.headers.authorization;
        const credential = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : url.searchParams.get('credential');
        if (!credential || credential.length > 128) {
          return json(res, 401, { ok: false, code: 'INVALID_CREDENTIAL', message: 'Add ?credential=<your seat credential>.' });
        }
        const bound = hub.seatByCredential(credential);
        if (!bound || bound.ex.id !== exportMatch[1]) {
          return json(res, 403, { ok: false, code: 'INVALID_CREDENTIAL', message: 'This credential does not belong to that exercise.' });
        }
        const answer = await hub.export(bound.ex, bound.seat, (exportMatch[2] ?? exportMatch[3]) as 'json' | 'csv' | 'grades');
        if (!answer.ok) return json(res, 403, answer);
        res.writeHead(200, {
          'content-type': answer.contentType,
          'content-disposition': `attachment; filename="${answer.filename}"`,
          'content-length': Buffer.byteLength(answer.data),
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        });
        res.end(req.method === 'HEAD' ? undefined : answer.data);
        return;
      }

      // What governments really did, beside what the engine makes of it: public, like the scenario list.
      const historyMatch = /^\/api\/scenarios\/([A-Za-z0-9_-]{1,64})\/history$/.exec(url.pathname);
      if (historyMatch) {
        const shipped = [...hub.shippedScenarios()].find((s) => s.scenario.id === historyMatch[1]);
        const comparison = shipped ? histories.get(shipped) : null;
        if (!comparison) return json(res, 404, { ok: false, code: 'NOT_FOUND', message: 'That scenario is not shipped with a history track.' });
        return json(res, 200, { ok: true, comparison: await comparison }, { 'cache-control': 'no-cache' });
      }

      // Course materials for instructors: public, like the scenario list (the facilitator's secrets are not in them).
      const courseMatch = /^\/api\/scenarios\/([A-Za-z0-9_-]{1,64})\/course$/.exec(url.pathname);
      if (courseMatch) {
        const course = [...hub.shippedScenarios()].find((s) => s.scenario.id === courseMatch[1])?.course;
        // No course is an answer, not an error: the console asks for every exercise, most of whose scenarios have none.
        return json(res, 200, { ok: true, course: course ?? null }, { 'cache-control': 'no-cache' });
      }

      if (url.pathname.startsWith('/api/')) return json(res, 404, { ok: false, code: 'NOT_FOUND', message: 'No such route.' });

      if (assets) {
        assets(req, res, () => {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found');
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(MISSING_CLIENT);
    } catch (err) {
      logger.error({ err, path: url.pathname }, 'http handler failed');
      if (!res.headersSent) json(res, 500, { ok: false, code: 'INTERNAL', message: 'Internal error.' });
      else res.destroy();
    }
  };
}
