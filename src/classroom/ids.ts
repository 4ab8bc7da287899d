/** Identifiers and secrets: all from the CSPRNG, 128 bits or more (OWASP's floor for session ids is 64). */
import { createHash, randomBytes } from 'node:crypto';

/** A 128-bit id for rows that appear in URLs (classes, students); unguessable so ids leak nothing. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** A 256-bit bearer secret (session cookie). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How a bearer secret is stored: a database dump must not hold usable session tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
