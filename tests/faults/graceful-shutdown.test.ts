/**
 * SIGTERM: the server stops accepting, closes terminals with 1001, lets a request in flight finish,
 * closes the database and exits 0 within its grace time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { exerciseAt, createClass, joinStudents } from './classroom-client.ts';

const IN_FLIGHT = exerciseAt(0);
import { startServerChild, type ServerChild } from './server-process.ts';

/** main.ts: SHUTDOWN_GRACE_MS for sockets and again for requests; the process must be gone by then. */
const GRACE_BUDGET_MS = 7_000;

const dir = mkdtempSync(join(tmpdir(), 'vethlab-sigterm-'));
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('closes terminals with 1001, finishes the write in flight, closes the database and exits 0', async () => {
    const file = join(dir, 'classroom.sqlite');
    const server = await startServerChild({ DATABASE_URL: `sqlite:${file}`, TRUST_PROXY: '1' });
    children.push(server);
    const [student] = await joinStudents(server.url, await createClass(server.url, 'sigterm'), 1);

    // A terminal, attached.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/sandbox`);
    const messages: string[] = [];
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) messages.push(data.toString());
    });
    const wsClosed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
    while (!messages.some((m) => m.includes('"ready"'))) await new Promise((resolve) => setTimeout(resolve, 20));

    // A progress write in flight: headers and half the body are sent before the signal.
    const body = JSON.stringify({ items: [{ lessonSlug: IN_FLIGHT.lessonSlug, exerciseId: IN_FLIGHT.exerciseId, doneAt: new Date().toISOString() }] });
    const raw = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => raw.on('connect', resolve));
    let response = '';
    raw.on('data', (chunk) => (response += chunk.toString()));
    const rawClosed = new Promise((resolve) => raw.on('close', resolve));
    raw.write(
      `POST /api/classroom/progress HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\n` +
        `X-Forwarded-For: ${student!.address}\r\nCookie: ${student!.cookie}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await wsClosed).toBe(1001);
    expect(messages.some((m) => m.includes('"reason":"restarted"'))).toBe(true);
    // Stopped accepting: a new connection is refused while the write is still open.
    await expect(fetch(`${server.url}/`)).rejects.toThrow();

    raw.write(body.slice(20));
    await rawClosed;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"recorded":1');

    const exit = await server.exited;
    const tookMs = Date.now() - signalledAt;
    console.log(`SIGTERM: exit ${exit.code} after ${tookMs} ms`);
    expect(exit.code).toBe(0);
    expect(tookMs).toBeLessThan(GRACE_BUDGET_MS);
    expect(server.output()).toContain('vethlab: stopped');

    // The database was closed cleanly: SQLite checkpoints and removes the WAL on the last close.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(db.prepare('SELECT count(*) AS n FROM progress WHERE exercise_id = ?').get(IN_FLIGHT.exerciseId)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
