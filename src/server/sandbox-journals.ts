/**
 * The sandbox journal store (src/sandbox/persistence/journal-store.ts) in the classroom database:
 * PostgreSQL when several replicas share it, SQLite for one server that restarts. Rows are keyed by
 * a SHA-256 of the session id, so the table alone does not let anyone into a learner's sandbox.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../classroom/db/schema.ts';
import type { JournalStore, JournalWrite, StoredJournal } from '../sandbox/persistence/journal-store.ts';
import { sessionHash } from '../sandbox/session-hash.ts';

/** Ids per `IN (...)` list (SQLite allows 32,766 parameters; keep far below). */
const ID_CHUNK = 500;

const iso = (ms: number) => new Date(ms).toISOString();

/** A JournalStore over `db()` (asked for on each call, so a database that comes up later is used). */
export function databaseJournalStore(db: () => Promise<Kysely<Database>>, now: () => number = Date.now): JournalStore {
  return {
    async claim(id, profile, holder, at): Promise<StoredJournal | undefined> {
      // One statement: two replicas claiming at once both succeed in turn, and the later one holds it.
      const row = await (await db())
        .updateTable('sandbox_journals')
        .set({ holder })
        .where('session_hash', '=', sessionHash(id))
        .where('profile', '=', profile)
        .where('expires_at', '>', iso(at))
        .returning(['profile', 'created_at', 'expires_at', 'journal'])
        .executeTakeFirst();
      if (!row) return undefined;
      return { id, profile: row.profile, createdAt: Date.parse(row.created_at), expiresAt: Date.parse(row.expires_at), journal: row.journal };
    },

    async save(writes: readonly JournalWrite[], holder): Promise<string[]> {
      const lost: string[] = [];
      const updatedAt = iso(now());
      await (await db()).transaction().execute(async (trx) => {
        for (const { record, isNew } of writes) {
          const hash = sessionHash(record.id);
          if (isNew) {
            const result = await trx
              .insertInto('sandbox_journals')
              .values({
                session_hash: hash,
                holder,
                profile: record.profile,
                created_at: iso(record.createdAt),
                expires_at: iso(record.expiresAt),
                updated_at: updatedAt,
                journal: record.journal,
              })
              .onConflict((conflict) => conflict.column('session_hash').doNothing())
              .executeTakeFirst();
            if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) lost.push(record.id);
          } else {
            const result = await trx
              .updateTable('sandbox_journals')
              .set({ journal: record.journal, updated_at: updatedAt })
              .where('session_hash', '=', hash)
              .where('holder', '=', holder)
              .executeTakeFirst();
            if (Number(result.numUpdatedRows) === 0) lost.push(record.id);
          }
        }
      });
      return lost;
    },

    async lost(ids, holder): Promise<string[]> {
      const held = new Set<string>();
      for (let at = 0; at < ids.length; at += ID_CHUNK) {
        const byHash = new Map(ids.slice(at, at + ID_CHUNK).map((id) => [sessionHash(id), id]));
        const rows = await (await db())
          .selectFrom('sandbox_journals')
          .select('session_hash')
          .where('holder', '=', holder)
          .where('session_hash', 'in', [...byHash.keys()])
          .execute();
        for (const row of rows) {
          const id = byHash.get(row.session_hash);
          if (id !== undefined) held.add(id);
        }
      }
      return ids.filter((id) => !held.has(id));
    },

    async delete(id, holder): Promise<void> {
      await (await db()).deleteFrom('sandbox_journals').where('session_hash', '=', sessionHash(id)).where('holder', '=', holder).execute();
    },

    async deleteExpired(at): Promise<number> {
      const result = await (await db()).deleteFrom('sandbox_journals').where('expires_at', '<=', iso(at)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
