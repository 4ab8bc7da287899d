/**
 * Opens the classroom database: PostgreSQL when the URL is postgres://..., otherwise a SQLite file
 * (default data/vethlab.sqlite). Both get the same Kysely<Database>; nothing above this file knows which.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema.ts';
import { reportQuery } from './query-timing.ts';

export const DEFAULT_SQLITE_PATH = 'data/vethlab.sqlite';

export type Dialect = 'sqlite' | 'postgres';

/** An open database and what is needed to close it. */
export interface ClassroomDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, without a password (for logs). */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** DATABASE_URL: postgres://... or postgresql://..., sqlite:<path>, a file path, or ":memory:". */
  url?: string | undefined;
  /** PostgreSQL only: use this schema (created if missing) instead of public; tests isolate themselves so. */
  schema?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number | undefined;
}

/** Whether a DATABASE_URL points at PostgreSQL. */
export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}

/** Open the database named by `url` (see OpenOptions); does not migrate. */
export async function openDatabase(options: OpenOptions = {}): Promise<ClassroomDatabase> {
  const url = options.url?.trim() || undefined;
  if (isPostgresUrl(url)) return openPostgres(url as string, options);
  return openSqlite(sqlitePath(url));
}

function sqlitePath(url: string | undefined): string {
  if (url === undefined) return DEFAULT_SQLITE_PATH;
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  if (url.startsWith('file:')) return url.slice('file:'.length);
  return url;
}

function openSqlite(path: string): ClassroomDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // WAL lets readers run beside the writer; FULL syncs the WAL on every commit so that an acknowledged
  // progress write survives a power cut (NORMAL may roll back the last commits). The busy timeout covers
  // other processes (a backup, a second server) holding the write lock.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), log: reportQuery });
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${path}`,
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<ClassroomDatabase> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A stuck query must not hold a request (and a pool slot) forever.
    statement_timeout: 10_000,
    idle_in_transaction_session_timeout: 10_000,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: reportQuery });
  const where = new URL(url);
  return {
    db,
    dialect: 'postgres',
    description: `postgres://${where.host}${where.pathname}${schema ? ` (schema ${schema})` : ''}`,
    close: () => db.destroy(),
  };
}

/**
 * SQLite with BEGIN IMMEDIATE: a deferred transaction that reads and then writes asks for the write lock
 * late and gets SQLITE_BUSY at once, ignoring busy_timeout; IMMEDIATE takes the lock up front and waits.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
