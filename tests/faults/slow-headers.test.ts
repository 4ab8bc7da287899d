/**
 * Slowloris: a client that sends a partial request header is cut off after HTTP_HEADERS_TIMEOUT_MS
 * (15 s by default; 1 s here so the test is quick), while ordinary requests are served.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerChild, type ServerChild } from './server-process.ts';

const HEADERS_TIMEOUT_MS = 1_000;
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
});

describe('slow-header clients', () => {
  it('are closed with 408 within the headers timeout; the site keeps serving', async () => {
    const server = await startServerChild({ HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS) });
    children.push(server);
    const slow = Array.from({ length: 5 }, () => {
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const startedAt = Date.now();
      socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
      // One more header byte every 200 ms: never finishing, always "active".
      const drip = setInterval(() => socket.writable && socket.write('a'), 200);
      return new Promise<{ ms: number; answer: string }>((resolve) =>
        socket.on('close', () => {
          clearInterval(drip);
          resolve({ ms: Date.now() - startedAt, answer });
        }),
      );
    });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    for (const { ms, answer } of await Promise.all(slow)) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      // The timeout plus Node's check interval (main.ts: at most 1 s), with room for a loaded machine.
      expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000 + 1_500);
    }
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
