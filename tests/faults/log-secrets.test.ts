/**
 * No secrets in logs: a server run with debug logging, a database password in DATABASE_URL (when
 * PostgreSQL is available), sign-ups, failed sign-ins, joins, progress, malformed requests and refused
 * sockets prints no password, session cookie or database password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { exerciseAt, createClass, joinStudents, writeProgress } from './classroom-client.ts';
import { startServerChild, type ServerChild } from './server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vethlab-logs-'));
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('logs', () => {
  it('carry no passwords, session tokens or database credentials', async () => {
    const postgresUrl = process.env.TEST_DATABASE_URL?.trim();
    const schema = `faults_logs_${process.pid}`;
    let databaseUrl = `sqlite:${join(dir, 'classroom.sqlite')}`;
    let admin: pg.Client | undefined;
    if (postgresUrl) {
      admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const url = new URL(postgresUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      databaseUrl = url.href;
    }
    try {
      const server = await startServerChild({ DATABASE_URL: databaseUrl, TRUST_PROXY: '1', DEBUG: 'vethlab' });
      children.push(server);
      const base = server.url;
      const code = await createClass(base, 'logs');
      const students = await joinStudents(base, code, 3);
      for (const s of students) await writeProgress(base, s, exerciseAt(0));
      const json = { 'content-type': 'application/json', origin: base, 'x-forwarded-for': '10.9.9.9' };
      // A wrong password, a malformed body, a cross-site write, a bad cookie.
      await fetch(`${base}/api/classroom/instructor/sign-in`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'teacher-logs@example.test', password: 'not the right password at all' }),
      });
      await fetch(`${base}/api/classroom/progress`, { method: 'POST', headers: { ...json, cookie: students[0]!.cookie }, body: '{"items": [' });
      await fetch(`${base}/api/classroom/progress`, { method: 'POST', headers: { ...json, origin: 'https://evil.example', cookie: students[0]!.cookie }, body: '{}' });
      await fetch(`${base}/api/classroom/me`, { headers: { cookie: 'vl_student=forged-token-value-1234567890' } });
      const evil = new WebSocket(`ws://127.0.0.1:${server.port}/ws/sandbox`, { headers: { Origin: 'https://evil.example' } });
      evil.on('error', () => {});
      await new Promise((resolve) => evil.on('unexpected-response', resolve));

      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      const output = server.output();
      const secrets = [
        'correct horse battery staple',
        'not the right password at all',
        'forged-token-value-1234567890',
        ...students.map((s) => s.cookie.split('=')[1]!).filter((v) => v.length > 10),
        ...(postgresUrl ? [`:${decodeURIComponent(new URL(postgresUrl).password)}@`] : []),
      ];
      for (const secret of secrets) expect(output, `the log contains ${secret}`).not.toContain(secret);
      expect(output).toContain('refused sandbox socket from origin https://evil.example');
    } finally {
      if (admin) {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    }
  });
});
