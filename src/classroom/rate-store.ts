/**
 * Rate-limit buckets in PostgreSQL, shared by every replica: a sign-in throttle of 5 a minute stays 5
 * a minute behind a load balancer with N servers. Each take is one upsert, atomic on the bucket's
 * row, so two replicas never both spend the last token. SQLite serves one server process, so there
 * the buckets stay in its memory (an fsync'd commit per sign-in attempt would buy nothing).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './db/connection.ts';
import type { Database } from './db/schema.ts';
import { MemoryRateStore, type RateRule, type RateStore } from './rate-limit.ts';

/** Full buckets are the same as no row: rows untouched this long are deleted (longer than any rule's refill). */
const STALE_MS = 60 * 60_000;
/** How often the deletion runs, at most. */
const SWEEP_EVERY_MS = 5 * 60_000;

/** The rate store for a classroom database: shared through PostgreSQL, in memory over SQLite. */
export function classroomRateStore(db: Kysely<Database>, dialect: Dialect): RateStore {
  return dialect === 'postgres' ? postgresRateStore(db) : new MemoryRateStore();
}

/** A RateStore in PostgreSQL's `rate_buckets`. */
export function postgresRateStore(db: Kysely<Database>): RateStore {
  let sweptAt = 0;
  return {
    async take(bucket: string, rule: RateRule, now: number): Promise<boolean> {
      if (now - sweptAt > SWEEP_EVERY_MS) {
        sweptAt = now;
        await db
          .deleteFrom('rate_buckets')
          .where('refilled_at', '<', now - STALE_MS)
          .execute();
      }
      const burst = sql`${rule.burst}::double precision`;
      const at = sql`${now}::double precision`;
      // The bucket as it stands now: its tokens plus the refill since it was last computed, capped.
      const refilled = sql`LEAST(${burst}, rate_buckets.tokens + GREATEST(0, ${at} - rate_buckets.refilled_at) * ${rule.burst / (rule.perSeconds * 1000)}::double precision)`;
      // One round trip. A bucket lost in a crash is harmless, so this commit does not wait for the WAL
      // flush (set_config(..., true) lasts only for this statement's transaction).
      const { rows } = await sql<{ taken: number }>`
        WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
        INSERT INTO rate_buckets (bucket, tokens, refilled_at, taken)
        SELECT ${bucket}, ${burst} - 1, ${at}, 1 FROM relaxed
        ON CONFLICT (bucket) DO UPDATE SET
          tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
          taken = CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
          refilled_at = GREATEST(${at}, rate_buckets.refilled_at)
        RETURNING taken`.execute(db);
      return Number(rows[0]?.taken) === 1;
    },
  };
}
