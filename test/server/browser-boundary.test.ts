/**
 * The browser boundary: security headers on every response (pages, static
 * files, the API, socket.io, errors), static routes for GET and HEAD only,
 * sockets and API calls only from the server's own origin or configured
 * ones (WebSocket and polling), and the Host check against DNS rebinding.
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/boundary';
import { connectError, TestClient } from '../helpers/client';
import { removeDir, startTestServer, tempDir, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (node:http lets a test set Host and Origin as a browser or an attacker would). */
function send(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(reply: Reply, what: string): void {
  expect(reply.headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
  expect(reply.headers['x-content-type-options'], what).toBe('nosniff');
  expect(reply.headers['x-frame-options'], what).toBe('DENY');
  expect(reply.headers['referrer-policy'], what).toBe('no-referrer');
  expect(reply.headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(reply.headers['permissions-policy'], what).toMatch(/camera=\(\)/);
}

let server: TestServer;
let distDir: string;
let onHost: TestServer;

beforeAll(async () => {
  distDir = tempDir('firebreak-dist-');
  mkdirSync(join(distDir, 'assets'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Firebreak</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(distDir, 'assets', 'app.js'), 'console.log("app");');
  server = await startTestServer({ distDir, limits: { allowedOrigins: ['https://partner.example'] } });
  onHost = await startTestServer({ limits: { publicHosts: ['firebreak.example', 'firebreak.example:8443'] } });
});
afterAll(async () => {
  await server?.dispose();
  await onHost?.dispose();
  removeDir(distDir);
});

describe('security headers', () => {
  it('are on every response: pages, static files, the API, errors and socket.io', async () => {
    const paths = [
      '/',
      '/play/abc',
      '/assets/app.js',
      '/assets/missing.js',
      '/healthz',
      '/api/nothing',
      '/api/exercises/abc/export.json',
      '/socket.io/?EIO=4&transport=polling',
      '/socket.io/?EIO=4&transport=polling&sid=unknown',
    ];
    for (const path of paths) expectSecurityHeaders(await send(`${server.url}${path}`), path);
    expectSecurityHeaders(await send(`${server.url}/`, { method: 'POST' }), 'POST /');
    expectSecurityHeaders(await send(`${server.url}/`, { headers: { origin: 'https://evil.example' } }), 'refused origin');
  });

  it('static routes answer GET and HEAD only', async () => {
    expect((await send(`${server.url}/assets/app.js`, { method: 'HEAD' })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const path of ['/', '/assets/app.js', '/play/abc', '/healthz']) {
        const reply = await send(`${server.url}${path}`, { method });
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(reply.headers.allow).toBe('GET, HEAD');
      }
    }
  });
});

describe('origins', () => {
  it('refuses a WebSocket or polling handshake from another origin', async () => {
    expect(await connectError(server.url, { origin: 'https://evil.example' }, 'websocket')).toBeTruthy();
    expect(await connectError(server.url, { origin: 'https://evil.example' }, 'polling')).toBeTruthy();
    expect(await connectError(server.url, { origin: 'null' }, 'polling')).toBeTruthy();
    // Same host, other port: another origin.
    expect(await connectError(server.url, { origin: 'http://127.0.0.1:1' }, 'websocket')).toBeTruthy();
  });

  it('accepts its own origin, a configured one, and clients that send none', async () => {
    for (const origin of [server.url, 'https://partner.example']) {
      for (const transport of ['websocket', 'polling'] as const) {
        const c = await TestClient.connect(server.url, `${origin} ${transport}`, { headers: { origin }, transport });
        expect(await c.request('scenario:list', {})).toMatchObject({ ok: true });
        c.close();
      }
    }
    const plain = await TestClient.connect(server.url, 'no origin');
    expect(await plain.request('scenario:list', {})).toMatchObject({ ok: true });
    plain.close();
  });

  it('refuses API calls from another origin', async () => {
    const reply = await send(`${server.url}/api/exercises/abc/export.json?credential=${'x'.repeat(43)}`, { headers: { origin: 'https://evil.example' } });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
    expect((await send(`${server.url}/healthz`, { headers: { origin: server.url } })).status).toBe(200);
  });
});

describe('host names (DNS rebinding)', () => {
  it('refuses any other Host when public host names are configured, sockets included', async () => {
    const wrong = await send(`${onHost.url}/healthz`, { headers: { host: 'rebound.example:80' } });
    expect(wrong.status).toBe(421);
    expectSecurityHeaders(wrong, 'wrong host');
    expect((await send(`${onHost.url}/socket.io/?EIO=4&transport=polling`, { headers: { host: 'rebound.example' } })).status).toBe(421);
    expect((await send(`${onHost.url}/healthz`, { headers: { host: 'firebreak.example' } })).status).toBe(200);
    // The public host is the server's own origin, even behind a proxy that rewrites Host.
    expect((await send(`${onHost.url}/healthz`, { headers: { host: 'firebreak.example:8443', origin: 'https://firebreak.example:8443' } })).status).toBe(200);
  });

  it('answers any Host when none is configured', async () => {
    expect((await send(`${server.url}/healthz`, { headers: { host: 'anything.example' } })).status).toBe(200);
  });
});
