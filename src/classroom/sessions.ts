/**
 * Cookie sessions. The browser holds a random token; the database holds its SHA-256, the subject
 * and an expiry that slides forward with use, up to an absolute limit.
 */
import type { Classroom } from './context.ts';
import { hashSecret, newSecret } from './ids.ts';

export type Role = 'instructor' | 'student';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long a session lasts without use (`idleMs`), at most in total (`maxMs`). */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export const SESSION_POLICIES: Record<Role, SessionPolicy> = {
  // Instructors see every student's data: a week without use ends the session, a month at most.
  instructor: { idleMs: 7 * DAY, maxMs: 30 * DAY },
  // Students only report their own progress: a course term.
  student: { idleMs: 180 * DAY, maxMs: 365 * DAY },
};

/** Sliding the expiry is a write; do it at most this often per session. */
const REFRESH_EVERY_MS = HOUR;

/** A session as seen by a request: who, and until when. */
export interface ActiveSession {
  role: Role;
  subjectId: string;
  expiresAt: Date;
  /** True when this request moved the expiry, so the cookie's Max-Age should move too. */
  renewed: boolean;
}

/** Start a session for `subjectId`; returns the token for the cookie. */
export async function createSession(cx: Classroom, role: Role, subjectId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const now = cx.now();
  const expiresAt = new Date(now.getTime() + SESSION_POLICIES[role].idleMs);
  await cx.db.transaction().execute(async (trx) => {
    // Expired rows of anyone go when someone signs in: cheap, and the table never grows without bound.
    await trx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        instructor_id: role === 'instructor' ? subjectId : null,
        student_id: role === 'student' ? subjectId : null,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        refreshed_at: now.toISOString(),
      })
      .execute();
  });
  return { token, expiresAt };
}

/** The live session behind `token` for `role`, sliding its expiry; undefined when unknown or expired. */
export async function resolveSession(cx: Classroom, role: Role, token: string | undefined): Promise<ActiveSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const tokenHash = hashSecret(token);
  const row = await cx.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  const subjectId = role === 'instructor' ? row?.instructor_id : row?.student_id;
  if (!row || !subjectId) return undefined;
  const now = cx.now();
  const expiresAt = new Date(row.expires_at);
  if (expiresAt <= now) {
    await cx.db.transaction().execute((trx) => trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute());
    return undefined;
  }
  const policy = SESSION_POLICIES[role];
  if (now.getTime() - new Date(row.refreshed_at).getTime() < REFRESH_EVERY_MS) {
    return { role, subjectId, expiresAt, renewed: false };
  }
  const limit = new Date(row.created_at).getTime() + policy.maxMs;
  const slid = new Date(Math.min(now.getTime() + policy.idleMs, limit));
  await cx.db.transaction().execute((trx) => trx.updateTable('sessions').set({ expires_at: slid.toISOString(), refreshed_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute());
  return { role, subjectId, expiresAt: slid, renewed: true };
}

/** End the session behind `token` (sign out). */
export async function revokeSession(cx: Classroom, token: string | undefined): Promise<void> {
  if (!token) return;
  await cx.db.transaction().execute((trx) => trx.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute());
}

/**
 * End every session of a subject ("sign out everywhere", a password change or reset, a removal);
 * `keepToken` survives (the device that asked for the change stays signed in).
 */
export async function revokeAllSessions(cx: Classroom, role: Role, subjectId: string, keepToken?: string): Promise<number> {
  const result = await cx.db.transaction().execute((trx) => {
    let query = trx.deleteFrom('sessions').where(role === 'instructor' ? 'instructor_id' : 'student_id', '=', subjectId);
    if (keepToken) query = query.where('token_hash', '<>', hashSecret(keepToken));
    return query.executeTakeFirst();
  });
  return Number(result.numDeletedRows);
}

/** Exported for tests and maintenance: the number of sessions still stored. */
export async function countSessions(cx: Classroom): Promise<number> {
  const row = await cx.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
