/**
 * The classroom service as one value: the database, the password hasher, the rate limiters and the
 * clock. Every service function takes it first, so tests swap any part (a Postgres schema, a cheap
 * hash cost, a fake clock) without globals.
 */
import type { Kysely } from 'kysely';
import { openDatabase, type Dialect, type OpenOptions } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Database } from './db/schema.ts';
import { createPasswordHasher, type PasswordHasher, type ScryptParams } from './passwords.ts';
import { createRateLimiters, type RateLimiters, type RateRules } from './rate-limit.ts';
import { classroomRateStore } from './rate-store.ts';

export interface Classroom {
  db: Kysely<Database>;
  dialect: Dialect;
  description: string;
  passwords: PasswordHasher;
  limits: RateLimiters;
  /** The current time; a function so tests can move it (session expiry, due dates). */
  now(): Date;
  close(): Promise<void>;
}

export interface ClassroomOptions extends OpenOptions {
  passwordParams?: ScryptParams;
  rateRules?: RateRules;
  now?: () => Date;
}

/** Open the database, run pending migrations, and assemble the service. */
export async function openClassroom(options: ClassroomOptions = {}): Promise<Classroom> {
  const database = await openDatabase(options);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  return {
    db: database.db,
    dialect: database.dialect,
    description: database.description,
    passwords: createPasswordHasher(options.passwordParams),
    // In PostgreSQL, so that every replica counts against the same buckets.
    limits: createRateLimiters(options.rateRules, () => now().getTime(), classroomRateStore(database.db, database.dialect)),
    now,
    close: database.close,
  };
}

/** The current time as stored in the database. */
export function nowIso(cx: Classroom): string {
  return cx.now().toISOString();
}
