/** The SQLite connection's durability settings and write locking; the PostgreSQL schema isolation. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isPostgresUrl, openDatabase, type ClassroomDatabase } from '../../../src/classroom/db/connection.ts';
import { migrateToLatest } from '../../../src/classroom/db/migrate.ts';

describe('SQLite connection', () => {
  let database: ClassroomDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openFile(): Promise<ClassroomDatabase> {
    dir = mkdtempSync(join(tmpdir(), 'vethlab-db-'));
    database = await openDatabase({ url: join(dir, 'nested', 'classroom.sqlite') });
    return database;
  }

  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const { db } = await openFile();
    const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2); // FULL
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('starts transactions with BEGIN IMMEDIATE: the write lock is held before the first write', async () => {
    const { db } = await openFile();
    await migrateToLatest(db);
    const other = new BetterSqlite3(join(dir as string, 'nested', 'classroom.sqlite'), { timeout: 0 });
    try {
      let otherCouldWrite: boolean | undefined;
      await db.transaction().execute(async (trx) => {
        // After only a read, a deferred transaction would hold no write lock and the other connection
        // could start writing; an immediate one already holds it.
        await sql`SELECT count(*) FROM instructors`.execute(trx);
        try {
          other.exec('BEGIN IMMEDIATE');
          other.exec('ROLLBACK');
          otherCouldWrite = true;
        } catch (error) {
          otherCouldWrite = (error as { code?: string }).code !== 'SQLITE_BUSY';
        }
      });
      expect(otherCouldWrite).toBe(false);
    } finally {
      other.close();
    }
  });

  it('recognises PostgreSQL URLs and nothing else', () => {
    expect(isPostgresUrl('postgres://u:p@localhost/db')).toBe(true);
    expect(isPostgresUrl('postgresql://localhost/db')).toBe(true);
    expect(isPostgresUrl('data/vethlab.sqlite')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });
});

describe('backup', () => {
  it('copies a live SQLite database with VACUUM INTO and checks the copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vethlab-backup-'));
    try {
      const source = join(dir, 'live.sqlite');
      const database = await openDatabase({ url: source });
      await migrateToLatest(database.db);
      await database.db.insertInto('instructors').values({ id: 'i1', email: 'a@example.org', name: 'A', password_hash: 'x', created_at: '2026-01-01T00:00:00.000Z' }).execute();
      // The server keeps its connection open while the backup runs.
      const { backupSqlite } = await import('../../../src/classroom/backup.ts');
      const target = join(dir, 'backups', 'copy.sqlite');
      backupSqlite(source, target);
      await database.close();
      const copy = new BetterSqlite3(target, { readonly: true });
      expect(copy.prepare('SELECT email FROM instructors').all()).toEqual([{ email: 'a@example.org' }]);
      copy.close();
      expect(() => backupSqlite(source, target)).toThrow(/exists/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
