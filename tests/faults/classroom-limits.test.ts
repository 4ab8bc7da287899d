/**
 * The classroom's limits on the BUILT server (`npm run build`, then `node src/server/main.ts`), where the
 * server entry and the bundled routes are two module graphs: a rate-limited request answers 429 with
 * Retry-After (it answered 500 when refusals were recognised by instanceof), and a 256 MB chunked body
 * is cut off at the limit without the server's memory growing with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkedUpload } from './chunked-upload.ts';
import { rssMiB } from './rss.ts';
import { startServerChild, type ServerChild } from './server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vethlab-limits-'));
let server: ServerChild;
beforeAll(async () => {
  server = await startServerChild({ DATABASE_URL: join(dir, 'classroom.sqlite') });
});
afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('classroom limits on the built server', () => {
  it('answers the 6th sign-up from one address with 429 and Retry-After, not 500', async () => {
    const statuses: Array<[number, string | null]> = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${server.url}/api/classroom/instructor/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: `limit${i}@example.test`, password: 'a long enough password' }),
      });
      await response.arrayBuffer();
      statuses.push([response.status, response.headers.get('retry-after')]);
    }
    expect(statuses.slice(0, 5).map(([status]) => status)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses[5]?.[0]).toBe(429);
    expect(Number(statuses[5]?.[1])).toBeGreaterThan(0);
    expect(server.output()).not.toContain('unexpected error');
  });

  it('cuts a 256 MB chunked body off at the limit; the server RSS does not follow it', async () => {
    const before = rssMiB(server.child.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.child.pid))), 20);
    const result = await chunkedUpload(`${server.url}/api/classroom/join`, server.url, 256 * 1024 * 1024);
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(server.child.pid));
    console.log(
      `256 MB chunked body: answered ${result.status} after ${(result.sent / 1024 / 1024).toFixed(1)} MiB sent in ${result.ms.toFixed(0)} ms; server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB`,
    );
    // 400 when the answer arrives before the hang-up; with the rest of the upload still in flight the
    // close may reset the connection first (0). Either way the server stopped reading early.
    expect([0, 400]).toContain(result.status);
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
    expect(peak - before).toBeLessThan(64);
    // The server still answers.
    expect((await fetch(`${server.url}/api/classroom/me`)).status).toBe(200);
  });
});
