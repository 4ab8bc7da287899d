/**
 * Back up the classroom database while the server runs:
 *
 *   node src/classroom/backup.ts backups/vethlab-2026-11-29.sqlite   (SQLite: VACUUM INTO, then integrity_check)
 *   node src/classroom/backup.ts backups/vethlab-2026-11-29.dump     (PostgreSQL: pg_dump --format=custom)
 *
 * The database is the one DATABASE_URL names (default data/vethlab.sqlite). Never `cp` a live SQLite
 * file: with WAL the copy may miss committed transactions or be torn.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { processSettings } from '../settings/settings.ts';
import { DEFAULT_SQLITE_PATH, isPostgresUrl } from './db/connection.ts';

/** Copy a live SQLite database to `target` with VACUUM INTO and check the copy; throws on failure. */
export function backupSqlite(source: string, target: string): void {
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const live = new BetterSqlite3(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  const copy = new BetterSqlite3(target, { readonly: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity_check of ${target}: ${String(result)}`);
  } finally {
    copy.close();
  }
}

/** Dump a PostgreSQL database to `target` with pg_dump (custom format, for pg_restore). */
export function backupPostgres(url: string, target: string): void {
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const result = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${url}`], { stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`pg_dump exited with ${result.status}`);
}

function sqlitePathOf(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_PATH;
  return url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node src/classroom/backup.ts <backup file>');
    process.exit(2);
  }
  try {
    const url = processSettings().databaseUrl;
    if (isPostgresUrl(url)) backupPostgres(url as string, target);
    else backupSqlite(sqlitePathOf(url), target);
    console.log(`classroom backup written to ${target}`);
  } catch (error) {
    console.error(`classroom backup failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
