/** The classroom's session cookies: httpOnly, SameSite=Lax, Secure over TLS, one per role. */
import type { Role } from '../sessions.ts';

export const COOKIE_NAMES: Record<Role, string> = {
  instructor: 'vl_instructor',
  student: 'vl_student',
};

/** Values of the Cookie header by name. */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

/** Set-Cookie for a session token that expires at `expiresAt`. */
export function sessionCookie(role: Role, token: string, expiresAt: Date, secure: boolean, now: Date): string {
  const maxAge = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  return serialize(COOKIE_NAMES[role], token, maxAge, secure);
}

/** Set-Cookie that removes the role's session cookie. */
export function clearedCookie(role: Role, secure: boolean): string {
  return serialize(COOKIE_NAMES[role], '', 0, secure);
}

function serialize(name: string, value: string, maxAge: number, secure: boolean): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
