/**
 * State that several server replicas share (issue #17): each simulator session's journal, so that a
 * restarted server or another replica rebuilds the sandbox, and the rate-limit buckets, so that N
 * replicas do not allow N times the rate.
 */
import type { Kysely } from 'kysely';

// Migrations take an untyped Kysely: they describe the schema before and after, not the current types.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  // Keyed by a hash of the session id: the id is the learner's bearer secret for the sandbox.
  await db.schema
    .createTable('sandbox_journals')
    .addColumn('session_hash', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('journal', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sandbox_journals_expires').on('sandbox_journals').column('expires_at').execute();
  await db.schema.createIndex('sandbox_journals_holder').on('sandbox_journals').column('holder').execute();

  // A token bucket per limit and key, used with PostgreSQL (src/classroom/rate-store.ts); times in ms since the epoch.
  await db.schema
    .createTable('rate_buckets')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('refilled_at', 'double precision', (c) => c.notNull())
    // Whether the last take found a token (what the upsert answers).
    .addColumn('taken', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_buckets_refilled').on('rate_buckets').column('refilled_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['rate_buckets', 'sandbox_journals']) await db.schema.dropTable(table).execute();
}
