/** Which instructor and which student a request speaks for, from its session cookies. */
import type { Classroom } from '../context.ts';
import { resolveSession, type Role } from '../sessions.ts';
import { clearedCookie, COOKIE_NAMES, parseCookies, sessionCookie } from './cookies.ts';

export interface RequestAuth {
  instructorId: string | undefined;
  studentId: string | undefined;
  /** The raw tokens, for signing out. */
  tokens: Partial<Record<Role, string>>;
  /** Cookies to send back: renewed expiry, or removal of a dead session's cookie. */
  setCookies: string[];
}

/** Resolve both roles' sessions from the Cookie header. */
export async function readAuth(cx: Classroom, request: Request, secure: boolean): Promise<RequestAuth> {
  const cookies = parseCookies(request.headers.get('cookie'));
  const auth: RequestAuth = { instructorId: undefined, studentId: undefined, tokens: {}, setCookies: [] };
  for (const role of ['instructor', 'student'] as const) {
    const token = cookies.get(COOKIE_NAMES[role]);
    if (!token) continue;
    const session = await resolveSession(cx, role, token);
    if (!session) {
      auth.setCookies.push(clearedCookie(role, secure));
      continue;
    }
    auth.tokens[role] = token;
    if (role === 'instructor') auth.instructorId = session.subjectId;
    else auth.studentId = session.subjectId;
    if (session.renewed) auth.setCookies.push(sessionCookie(role, token, session.expiresAt, secure, cx.now()));
  }
  return auth;
}
