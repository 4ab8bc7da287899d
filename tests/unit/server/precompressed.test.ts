/**
 * The production server's precompressed files: brotli or gzip as the client accepts, Vary always,
 * folder URLs answered by their index.html, and everything else left to the next handler.
 */
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../src/build/compress.ts';
import { siteFiles } from '../../../src/build/site-files.ts';
import { precompressedFiles, preferredEncoding } from '../../../src/server/precompressed.ts';

const PAGE = `<!doctype html><title>lesson</title>${'<p>veth pairs and docker0</p>'.repeat(200)}`;
const SCRIPT = `export const x = ${JSON.stringify('terminal '.repeat(300))};`;
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vethlab-precompressed-'));
  await mkdir(join(root, 'lessons/a'), { recursive: true });
  await mkdir(join(root, '_astro'));
  await writeFile(join(root, 'lessons/a/index.html'), PAGE);
  await writeFile(join(root, '_astro/app.abc.js'), SCRIPT);
  await writeFile(join(root, 'tiny.js'), 'x');
  await precompress(root, await siteFiles(root));
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('from the next handler'));
  (await precompressedFiles(root)).install(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(root, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressed files', () => {
  it('sends a page as brotli when accepted, from its folder URL', async () => {
    const res = await get('/lessons/a/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(brotliDecompressSync(res.body).toString()).toBe(PAGE);
    expect(res.body.length).toBeLessThan(PAGE.length / 5);
  });

  it('sends gzip to a client without brotli, with the immutable caching of hashed assets', async () => {
    const res = await get('/_astro/app.abc.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('revalidates with the ETag and answers HEAD without a body', async () => {
    const first = await get('/lessons/a/index.html', { 'accept-encoding': 'br' });
    const again = await get('/lessons/a/index.html', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const head = await get('/lessons/a/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(first.body.length);
  });

  it('leaves identity clients, small files and unknown paths to the next handler', async () => {
    const identity = await get('/lessons/a/');
    expect(identity.body.toString()).toBe('from the next handler');
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect((await get('/tiny.js', { 'accept-encoding': 'br' })).body.toString()).toBe('from the next handler');
    expect((await get('/api/classroom/me', { 'accept-encoding': 'br' })).body.toString()).toBe('from the next handler');
    expect((await get('/../etc/passwd', { 'accept-encoding': 'br' })).body.toString()).toBe('from the next handler');
  });

  it('honours q=0 and the wildcard', () => {
    const both = { copies: { br: { body: Buffer.from('b'), etag: '' }, gzip: { body: Buffer.from('g'), etag: '' } } };
    expect(preferredEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(preferredEncoding('*', both)).toBe('br');
    expect(preferredEncoding('identity', both)).toBeUndefined();
  });
});
