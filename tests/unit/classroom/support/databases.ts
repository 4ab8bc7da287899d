/**
 * The same suite on both databases: a SQLite file in a temp folder, and PostgreSQL from
 * TEST_DATABASE_URL (CI: `eval "$(bash .ci/postgres.sh)"`) in a schema of its own per classroom.
 * Without TEST_DATABASE_URL the PostgreSQL half is skipped, and says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openClassroom, type Classroom, type ClassroomOptions } from '../../../../src/classroom/context.ts';
import type { ScryptParams } from '../../../../src/classroom/passwords.ts';

/** A low hash cost for tests that sign many people in; passwords.test.ts pins the production cost. */
export const TEST_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };

export type Opener = (options?: Omit<ClassroomOptions, 'url' | 'schema'>) => Promise<Classroom>;

let counter = 0;

/** A fresh, migrated SQLite classroom in a temporary folder (removed on close). */
export function openSqliteClassroom(options: Omit<ClassroomOptions, 'url' | 'schema'> = {}): Promise<Classroom> {
  const dir = mkdtempSync(join(tmpdir(), 'vethlab-classroom-'));
  return openClassroom({ passwordParams: TEST_SCRYPT, ...options, url: join(dir, 'test.sqlite') }).then((cx) => ({
    ...cx,
    close: async () => {
      await cx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  }));
}

function openPostgres(url: string): Opener {
  return async (options = {}) => {
    const schema = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const cx = await openClassroom({ passwordParams: TEST_SCRYPT, poolSize: 4, ...options, url, schema });
    return {
      ...cx,
      close: async () => {
        await cx.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  };
}

const postgresUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
let warned = false;

/** Run `suite` once per database, giving it an opener for fresh, migrated classrooms. */
export function describeEachDatabase(title: string, suite: (open: Opener, dialect: 'sqlite' | 'postgres') => void): void {
  describe(`${title} [sqlite]`, () => suite(openSqliteClassroom, 'sqlite'));
  if (postgresUrl) {
    describe(`${title} [postgres]`, () => suite(openPostgres(postgresUrl), 'postgres'));
  } else {
    if (!warned) {
      warned = true;
      console.warn('classroom tests: PostgreSQL half SKIPPED (TEST_DATABASE_URL is not set; CI sets it via .ci/postgres.sh)');
    }
    describe.skip(`${title} [postgres] (skipped: TEST_DATABASE_URL not set)`, () => suite(openPostgres('postgres://unset'), 'postgres'));
  }
}
