/**
 * The built client as a browser receives it: brotli or gzip written at
 * build time and chosen by Accept-Encoding, hashed files cached for a year,
 * the page itself revalidated on each use, and the board's chunk small
 * enough to load over a slow link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from '../helpers/browser';
import { ROOT, startTestServer, type TestServer } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 240_000 });

const DIST = join(ROOT, 'dist');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files of the built client', () => {
  let server: TestServer;
  let board = '';

  beforeAll(async () => {
    await ensureBuilt();
    board = readdirSync(join(DIST, 'assets')).find((name) => /^board-.*\.js$/.test(name))!;
    server = await startTestServer({ distDir: DIST });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('sends the brotli file to a browser that accepts it, and the same bytes once decoded', async () => {
    const reply = await get(`${server.url}/assets/${board}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(reply.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(reply.body).equals(readFileSync(join(DIST, 'assets', board)))).toBe(true);
  });

  it('sends gzip when brotli is not accepted, and plain bytes when nothing is', async () => {
    const gz = await get(`${server.url}/assets/${board}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(readFileSync(join(DIST, 'assets', board)))).toBe(true);
    const plain = await get(`${server.url}/assets/${board}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(readFileSync(join(DIST, 'assets', board)))).toBe(true);
  });

  it('keeps the board chunk under 400 KB gzip', async () => {
    const gz = await get(`${server.url}/assets/${board}`, { 'accept-encoding': 'gzip' });
    expect(gz.body.length).toBeLessThan(400 * 1024);
  });

  it('lets browsers keep hashed files for a year, and revalidate the page itself', async () => {
    const asset = await get(`${server.url}/assets/${board}`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/play/abc123', '/index.html']) {
      const page = await get(`${server.url}${path}`, { 'accept-encoding': 'br' });
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control'], path).toBe('no-cache');
    }
  });
});
