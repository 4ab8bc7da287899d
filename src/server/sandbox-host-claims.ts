/**
 * The Docker driver's host claims (src/sandbox/docker/host-claims.ts) in the classroom database:
 * PostgreSQL when several replicas share an engine, SQLite for one server that restarts. Every change
 * of holder is one conditional statement, so two processes never both think they took a host.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SandboxHostsTable } from '../classroom/db/schema.ts';
import type { HostClaim, HostClaimStore, SessionClaim } from '../sandbox/docker/host-claims.ts';
import { sessionHash } from '../sandbox/session-hash.ts';

function claimOf(row: Selectable<SandboxHostsTable>): HostClaim {
  return {
    sandboxId: row.sandbox_id,
    owner: row.owner,
    holder: row.holder,
    profile: row.profile,
    sessionHash: row.session_hash ?? undefined,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    heartbeatAt: Number(row.heartbeat_at),
  };
}

/** A HostClaimStore over `db()` (asked for on each call, so a database that comes up later is used). */
export function databaseHostClaimStore(db: () => Promise<Kysely<Database>>): HostClaimStore {
  return {
    async put(claim): Promise<void> {
      const row = {
        sandbox_id: claim.sandboxId,
        owner: claim.owner,
        holder: claim.holder,
        profile: claim.profile,
        session_hash: claim.sessionHash ?? null,
        created_at: claim.createdAt,
        expires_at: claim.expiresAt,
        heartbeat_at: claim.heartbeatAt,
      };
      const { sandbox_id: _key, ...rest } = row;
      await (await db())
        .insertInto('sandbox_hosts')
        .values(row)
        .onConflict((conflict) => conflict.column('sandbox_id').doUpdateSet(rest))
        .execute();
    },

    async assign(sandboxId, holder, session): Promise<boolean> {
      const result = await (await db())
        .updateTable('sandbox_hosts')
        .set({ session_hash: sessionHash(session.id), profile: session.profile, created_at: session.createdAt, expires_at: session.expiresAt })
        .where('sandbox_id', '=', sandboxId)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async claimSession(id, owner, profile, holder, now): Promise<SessionClaim | undefined> {
      // One statement: two replicas claiming at once both succeed in turn, and the later one holds it.
      const row = await (await db())
        .updateTable('sandbox_hosts')
        .set({ holder, heartbeat_at: now })
        .where('session_hash', '=', sessionHash(id))
        .where('owner', '=', owner)
        .where('profile', '=', profile)
        .where('expires_at', '>', now)
        .returning(['sandbox_id', 'created_at', 'expires_at'])
        .executeTakeFirst();
      if (!row) return undefined;
      return { sandboxId: row.sandbox_id, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) };
    },

    async takeOver(sandboxId, from, holder, now): Promise<boolean> {
      const result = await (await db()).updateTable('sandbox_hosts').set({ holder, heartbeat_at: now }).where('sandbox_id', '=', sandboxId).where('holder', '=', from).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async list(owner): Promise<HostClaim[]> {
      const rows = await (await db()).selectFrom('sandbox_hosts').selectAll().where('owner', '=', owner).execute();
      return rows.map(claimOf);
    },

    async heartbeat(holder, now): Promise<string[]> {
      const rows = await (await db()).updateTable('sandbox_hosts').set({ heartbeat_at: now }).where('holder', '=', holder).returning('sandbox_id').execute();
      return rows.map((row) => row.sandbox_id);
    },

    async release(sandboxId, holder): Promise<void> {
      await (await db()).deleteFrom('sandbox_hosts').where('sandbox_id', '=', sandboxId).where('holder', '=', holder).execute();
    },

    async forget(sandboxId): Promise<void> {
      await (await db()).deleteFrom('sandbox_hosts').where('sandbox_id', '=', sandboxId).execute();
    },
  };
}
