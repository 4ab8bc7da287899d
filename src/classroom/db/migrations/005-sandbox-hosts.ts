/**
 * Which server process holds which Docker-driver sandbox host (issue #17): the engine's labels cannot
 * change after creation, so the session a pooled host was handed to and the process serving it now are
 * kept here, where a restarted server or another replica finds them (src/sandbox/docker/host-claims.ts).
 */
import type { Kysely } from 'kysely';

// Migrations take an untyped Kysely: they describe the schema before and after, not the current types.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sandbox_hosts')
    .addColumn('sandbox_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    // SHA-256 of the session id (the id is the learner's secret); null while the host waits in a pool.
    .addColumn('session_hash', 'text')
    // Milliseconds since the epoch, so liveness is one comparison on either dialect.
    .addColumn('created_at', 'double precision', (c) => c.notNull())
    .addColumn('expires_at', 'double precision', (c) => c.notNull())
    .addColumn('heartbeat_at', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sandbox_hosts_session').on('sandbox_hosts').column('session_hash').execute();
  await db.schema.createIndex('sandbox_hosts_holder').on('sandbox_hosts').column('holder').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('sandbox_hosts').execute();
}
