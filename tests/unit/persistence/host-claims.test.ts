/**
 * The Docker driver's sandbox host claims (src/sandbox/docker/host-claims.ts) in memory and in the
 * classroom database, on SQLite and PostgreSQL: one holder at a time, a session's sandbox taken over
 * by whoever its learner reaches, and nothing of the session id itself in the table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { MemoryHostClaimStore, type HostClaim, type HostClaimStore } from '../../../src/sandbox/docker/host-claims.ts';
import { sessionHash } from '../../../src/sandbox/session-hash.ts';
import { databaseHostClaimStore } from '../../../src/server/sandbox-host-claims.ts';
import { describeEachDatabase } from '../classroom/support/databases.ts';

const T0 = Date.UTC(2026, 11, 7, 16, 0);
const HOUR = 3_600_000;

function pooled(sandboxId: string, holder: string, owner = 'school'): HostClaim {
  return { sandboxId, owner, holder, profile: 'default', sessionHash: undefined, createdAt: T0, expiresAt: T0 + 2 * HOUR, heartbeatAt: T0 };
}

/** The same behaviour from every store. */
function claimsBehaviour(store: () => HostClaimStore): void {
  it('hands a pooled sandbox to a session, and the session finds it again from another process', async () => {
    await store().put(pooled('aaaaaaaaaaaa', 'replica-1'));
    const session = { id: 'session-a', profile: 'lab.7-1-no-masquerade', createdAt: T0, expiresAt: T0 + HOUR };
    expect(await store().assign('aaaaaaaaaaaa', 'replica-2', session)).toBe(false);
    expect(await store().assign('aaaaaaaaaaaa', 'replica-1', session)).toBe(true);
    const [row] = await store().list('school');
    expect(row?.sessionHash).toBe(sessionHash('session-a'));
    expect(row?.expiresAt).toBe(T0 + HOUR);

    // Another replica (or the next process) takes the session over; the first finds it gone on its beat.
    // Only under the profile the session asked for: a lab's session is not the learner's own, on the same hosts' profile.
    expect(await store().claimSession('session-a', 'school', 'default', 'replica-2', T0)).toBeUndefined();
    expect(await store().claimSession('session-a', 'other-owner', 'lab.7-1-no-masquerade', 'replica-2', T0)).toBeUndefined();
    expect(await store().claimSession('session-a', 'school', 'lab.7-1-no-masquerade', 'replica-2', T0 + 5)).toEqual({ sandboxId: 'aaaaaaaaaaaa', createdAt: T0, expiresAt: T0 + HOUR });
    expect(await store().heartbeat('replica-1', T0 + 10)).toEqual([]);
    expect(await store().heartbeat('replica-2', T0 + 10)).toEqual(['aaaaaaaaaaaa']);
    expect((await store().list('school'))[0]?.heartbeatAt).toBe(T0 + 10);
    // Past its end, nobody claims it.
    expect(await store().claimSession('session-a', 'school', 'lab.7-1-no-masquerade', 'replica-3', T0 + HOUR)).toBeUndefined();
  });

  it('moves a stopped holder’s sandbox to one process only, and drops rows by holder or for good', async () => {
    await store().put(pooled('bbbbbbbbbbbb', 'dead'));
    expect(await store().takeOver('bbbbbbbbbbbb', 'dead', 'replica-1', T0 + 30_000)).toBe(true);
    expect(await store().takeOver('bbbbbbbbbbbb', 'dead', 'replica-2', T0 + 30_000)).toBe(false);
    await store().release('bbbbbbbbbbbb', 'replica-2');
    expect(await store().list('school')).toHaveLength(1);
    await store().release('bbbbbbbbbbbb', 'replica-1');
    expect(await store().list('school')).toEqual([]);
    await store().put(pooled('cccccccccccc', 'replica-1', 'another-school'));
    expect(await store().list('school')).toEqual([]);
    await store().forget('cccccccccccc');
    expect(await store().list('another-school')).toEqual([]);
  });
}

describe('host claims in memory', () => {
  let memory: MemoryHostClaimStore;
  beforeEach(() => {
    memory = new MemoryHostClaimStore();
  });
  claimsBehaviour(() => memory);
});

describeEachDatabase('host claims in the database', (open) => {
  let cx: Classroom;
  let store: HostClaimStore;
  beforeEach(async () => {
    cx = await open();
    store = databaseHostClaimStore(async () => cx.db);
  });
  afterEach(async () => {
    await cx.close();
  });
  claimsBehaviour(() => store);

  it('keys sessions by hash: the session id is not in the table', async () => {
    await store.put({ ...pooled('dddddddddddd', 'replica-1'), sessionHash: sessionHash('secret-session') });
    const rows = await cx.db.selectFrom('sandbox_hosts').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('secret-session');
  });
});
