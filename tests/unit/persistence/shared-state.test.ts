/**
 * What replicas share through the classroom database, on SQLite and PostgreSQL: sandbox journals with
 * one holder at a time, and (PostgreSQL) rate-limit buckets that N servers spend together.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { ClassroomError } from '../../../src/classroom/errors.ts';
import { createRateLimiters } from '../../../src/classroom/rate-limit.ts';
import { postgresRateStore } from '../../../src/classroom/rate-store.ts';
import type { JournalStore, StoredJournal } from '../../../src/sandbox/persistence/journal-store.ts';
import { databaseJournalStore } from '../../../src/server/sandbox-journals.ts';
import { describeEachDatabase } from '../classroom/support/databases.ts';

const T0 = Date.UTC(2026, 11, 7, 13, 0);

function record(id: string, journal = '{"v":1}', expiresAt = T0 + 3_600_000): StoredJournal {
  return { id, profile: '', createdAt: T0, expiresAt, journal };
}

describeEachDatabase('shared server state', (open, dialect) => {
  let cx: Classroom;
  let store: JournalStore;
  beforeEach(async () => {
    cx = await open();
    store = databaseJournalStore(
      async () => cx.db,
      () => T0,
    );
  });
  afterEach(async () => {
    await cx.close();
  });

  it('keeps a journal for its holder and hands it to whoever claims it', async () => {
    expect(await store.save([{ record: record('session-a', 'first'), isNew: true }], 'replica-1')).toEqual([]);
    expect(await store.save([{ record: record('session-a', 'second'), isNew: false }], 'replica-1')).toEqual([]);
    // The row is keyed by a hash: the session id itself is not in the table.
    const rows = await cx.db.selectFrom('sandbox_journals').selectAll().execute();
    expect(rows.map((row) => row.session_hash)).not.toContain('session-a');

    const claimed = await store.claim('session-a', '', 'replica-2', T0);
    expect(claimed).toEqual(record('session-a', 'second'));
    // The first holder now finds it gone, on a save or on the periodic check.
    expect(await store.lost(['session-a'], 'replica-1')).toEqual(['session-a']);
    expect(await store.lost(['session-a'], 'replica-2')).toEqual([]);
    expect(await store.save([{ record: record('session-a', 'stale'), isNew: false }], 'replica-1')).toEqual(['session-a']);
    expect((await store.claim('session-a', '', 'replica-2', T0))?.journal).toBe('second');
    // A new session whose id is already kept is not overwritten.
    expect(await store.save([{ record: record('session-a', 'other'), isNew: true }], 'replica-3')).toEqual(['session-a']);
  });

  it('claims nothing of another profile or past its expiry, and deletes only its own rows', async () => {
    await store.save(
      [
        { record: record('old', 'x', T0 - 1), isNew: true },
        { record: record('live'), isNew: true },
      ],
      'replica-1',
    );
    expect(await store.claim('live', 'two-nodes', 'replica-2', T0)).toBeUndefined();
    expect(await store.lost(['live'], 'replica-1')).toEqual([]);
    expect(await store.claim('old', '', 'replica-2', T0)).toBeUndefined();
    expect(await store.deleteExpired(T0)).toBe(1);
    await store.delete('live', 'replica-2');
    expect(await store.lost(['live'], 'replica-1')).toEqual([]);
    await store.delete('live', 'replica-1');
    expect(await store.claim('live', '', 'replica-2', T0)).toBeUndefined();
  });

  it.runIf(dialect === 'postgres')('two replicas spend one sign-in budget together', async () => {
    const rules = {
      signIn: { burst: 5, perSeconds: 60 },
      signInAddress: { burst: 30, perSeconds: 60 },
      signUp: { burst: 5, perSeconds: 600 },
      join: { burst: 60, perSeconds: 60 },
      progress: { burst: 120, perSeconds: 60 },
      credentials: { burst: 5, perSeconds: 600 },
    };
    const now = () => T0;
    const replicas = [createRateLimiters(rules, now, postgresRateStore(cx.db)), createRateLimiters(rules, now, postgresRateStore(cx.db))];
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        await replicas[attempt % 2]!.signIn.take('a@school.example|203.0.113.9');
        outcomes.push('ok');
      } catch (error) {
        outcomes.push(error instanceof ClassroomError ? error.code : String(error));
      }
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'rate-limited', 'rate-limited', 'rate-limited']);
    // Another key has its own budget; and twelve seconds later one attempt more is let through.
    await expect(replicas[0]!.signIn.take('b@school.example|203.0.113.9')).resolves.toBeUndefined();
    const later = createRateLimiters(rules, () => T0 + 12_000, postgresRateStore(cx.db));
    await expect(later.signIn.take('a@school.example|203.0.113.9')).resolves.toBeUndefined();
    await expect(later.signIn.take('a@school.example|203.0.113.9')).rejects.toThrow(ClassroomError);
  });
});
