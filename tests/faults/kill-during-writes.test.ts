/**
 * kill -9 of the server while 50 students write progress: after a restart the database passes its
 * integrity check and every write that got a 2xx is there. SQLite always; PostgreSQL when
 * TEST_DATABASE_URL is set (CI: `eval "$(bash .ci/postgres.sh)"`), in a schema of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseAt, createClass, joinStudents, writeProgress, type Write } from './classroom-client.ts';
import { startServerChild, type ServerChild } from './server-process.ts';

const STUDENTS = 50;
/** How long the students write before the kill. */
const WRITE_MS = 1_500;

const dir = mkdtempSync(join(tmpdir(), 'vethlab-kill9-'));
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Students write exercise after exercise until the server dies under them. */
async function writeUntilKilled(server: ServerChild, tag: string): Promise<Write[]> {
  const code = await createClass(server.url, tag);
  const students = await joinStudents(server.url, code, STUDENTS);
  const writes: Write[] = [];
  let dead = false;
  const writers = students.map(async (student) => {
    for (let n = 0; !dead; n++) {
      const write = await writeProgress(server.url, student, exerciseAt(n));
      writes.push(write);
      if (write.status === 0) return;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, WRITE_MS));
  server.child.kill('SIGKILL');
  const exit = await server.exited;
  dead = true;
  await Promise.all(writers);
  expect(exit.signal).toBe('SIGKILL');
  return writes;
}

function acknowledged(writes: Write[]): Set<string> {
  return new Set(writes.filter((w) => w.status >= 200 && w.status < 300).map((w) => `Student ${w.student}|${w.lessonSlug}|${w.exerciseId}`));
}

describe('kill -9 during progress writes', () => {
  it('SQLite: integrity_check is ok and every acknowledged write survived', async () => {
    const file = join(dir, 'classroom.sqlite');
    const env = { DATABASE_URL: `sqlite:${file}`, TRUST_PROXY: '1' };
    const server = await startServerChild(env);
    children.push(server);
    const writes = await writeUntilKilled(server, 'sqlite');
    const acked = acknowledged(writes);
    expect(acked.size).toBeGreaterThan(100);
    expect(writes.some((w) => w.status !== 0 && (w.status < 200 || w.status >= 300))).toBe(false);

    // What a restart finds: the WAL replayed by the next open.
    const db = new BetterSqlite3(file);
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const rows = db.prepare('SELECT s.display_name AS name, p.lesson_slug AS lesson, p.exercise_id AS exercise FROM progress p JOIN students s ON s.id = p.student_id').all() as {
        name: string;
        lesson: string;
        exercise: string;
      }[];
      const stored = new Set(rows.map((r) => `${r.name}|${r.lesson}|${r.exercise}`));
      const lost = [...acked].filter((key) => !stored.has(key));
      console.log(`kill -9 (sqlite): ${writes.length} writes attempted, ${acked.size} acknowledged, ${stored.size} stored, ${lost.length} acknowledged writes lost`);
      expect(lost).toEqual([]);
    } finally {
      db.close();
    }

    // And the server itself comes back on the same database.
    const again = await startServerChild(env, server.port);
    children.push(again);
    const me = await fetch(`${again.url}/api/classroom/me`);
    expect(me.status).toBe(200);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });

  const postgresUrl = process.env.TEST_DATABASE_URL?.trim();
  it.skipIf(!postgresUrl)('PostgreSQL: every acknowledged write survived', async () => {
    const schema = `faults_kill9_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    try {
      const url = new URL(postgresUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const server = await startServerChild({ DATABASE_URL: url.href, TRUST_PROXY: '1' });
      children.push(server);
      const writes = await writeUntilKilled(server, 'postgres');
      const acked = acknowledged(writes);
      expect(acked.size).toBeGreaterThan(100);
      const { rows } = await admin.query<{ name: string; lesson: string; exercise: string }>(
        `SELECT s.display_name AS name, p.lesson_slug AS lesson, p.exercise_id AS exercise FROM ${schema}.progress p JOIN ${schema}.students s ON s.id = p.student_id`,
      );
      const stored = new Set(rows.map((r) => `${r.name}|${r.lesson}|${r.exercise}`));
      const lost = [...acked].filter((key) => !stored.has(key));
      console.log(`kill -9 (postgres): ${writes.length} writes attempted, ${acked.size} acknowledged, ${stored.size} stored, ${lost.length} acknowledged writes lost`);
      expect(lost).toEqual([]);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
