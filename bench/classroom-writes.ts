/**
 * Progress writes from a whole class at once, through the HTTP API of the production server on
 * loopback (`npm run build` first), on SQLite and, when a URL is given, on PostgreSQL:
 *
 *   npx node bench/classroom-writes.ts [--students 500] [--writes 20] [--pg postgres://…]
 *
 * (--pg defaults to TEST_DATABASE_URL; `eval "$(bash .ci/postgres.sh)"` sets it.) For each database it
 * starts `node src/server/main.ts` on a fresh database (SQLite: a temporary file, synchronous=FULL;
 * PostgreSQL: a schema of its own), has an instructor create a class, lets --students join (each from
 * its own X-Forwarded-For address, TRUST_PROXY=1), then all students at once report --writes exercises
 * each, one request after another per student (as a browser's progress sync does). It prints
 * throughput and latency of the writes, then stops the server and counts the rows: every write that
 * got a 2xx must be there (lost writes = 0).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { exerciseAt, createClass, joinStudents, writeProgress, type Write } from '../tests/faults/classroom-client.ts';
import { startServerChild } from '../tests/faults/server-process.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const STUDENTS = Number(option('students') ?? 500);
const WRITES = Number(option('writes') ?? 20);
const PG_URL = option('pg') ?? process.env.TEST_DATABASE_URL?.trim();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Run {
  writes: Write[];
  seconds: number;
}

async function runClass(env: Record<string, string>, label: string): Promise<Run> {
  const server = await startServerChild({ ...env, TRUST_PROXY: '1' });
  try {
    const code = await createClass(server.url, `${label}-${process.pid}`);
    const joinStarted = performance.now();
    const students = await joinStudents(server.url, code, STUDENTS, 50);
    console.log(`  ${label}: ${students.length} students joined in ${((performance.now() - joinStarted) / 1000).toFixed(1)} s`);
    const writes: Write[] = [];
    const started = performance.now();
    await Promise.all(
      students.map(async (student) => {
        for (let n = 0; n < WRITES; n++) writes.push(await writeProgress(server.url, student, exerciseAt(n)));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { writes, seconds };
  } finally {
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    if (exit.code !== 0) console.log(`  ${label}: server exited ${exit.code ?? exit.signal}:\n${server.output()}`);
  }
}

function report(label: string, run: Run, stored: Set<string>): void {
  const ok = run.writes.filter((w) => w.status >= 200 && w.status < 300);
  const statuses: Record<number, number> = {};
  for (const w of run.writes) statuses[w.status] = (statuses[w.status] ?? 0) + 1;
  const sorted = ok.map((w) => w.ms).sort((a, b) => a - b);
  const lost = ok.filter((w) => !stored.has(`Student ${w.student}|${w.exerciseId}`)).length;
  console.log(`RESULT ${label}: ${run.writes.length} writes from ${STUDENTS} students in ${run.seconds.toFixed(1)} s = ${(run.writes.length / run.seconds).toFixed(0)} writes/s`);
  console.log(`  statuses ${JSON.stringify(statuses)}; latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`);
  console.log(`  rows stored ${stored.size}; acknowledged ${ok.length}; acknowledged but missing (lost) ${lost}`);
}

async function main(): Promise<void> {
  console.log(`classroom-writes: ${STUDENTS} students × ${WRITES} writes; ${os.cpus().length} × ${os.cpus()[0]?.model}; node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'vethlab-bench-classroom-'));
  try {
    const file = join(dir, 'classroom.sqlite');
    const sqliteRun = await runClass({ DATABASE_URL: `sqlite:${file}` }, 'sqlite');
    const db = new BetterSqlite3(file, { readonly: true });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const rows = db.prepare('SELECT s.display_name AS name, p.exercise_id AS exercise FROM progress p JOIN students s ON s.id = p.student_id').all() as { name: string; exercise: string }[];
    db.close();
    report('sqlite', sqliteRun, new Set(rows.map((r) => `${r.name}|${r.exercise}`)));
    console.log(`  integrity_check: ${integrity[0]?.integrity_check}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (!PG_URL) {
    console.log('postgres: skipped (no --pg and no TEST_DATABASE_URL)');
    return;
  }
  const schema = `bench_writes_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const pgRun = await runClass({ DATABASE_URL: url.href }, 'postgres');
    const { rows } = await admin.query<{ name: string; exercise: string }>(
      `SELECT s.display_name AS name, p.exercise_id AS exercise FROM ${schema}.progress p JOIN ${schema}.students s ON s.id = p.student_id`,
    );
    report('postgres', pgRun, new Set(rows.map((r) => `${r.name}|${r.exercise}`)));
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
