/**
 * The key under which the server stores anything about a session (journals, sandbox host claims): the
 * session id is the learner's bearer secret for the sandbox, so a table of hashes lets nobody in.
 * Node only (the browser never stores sessions server-side).
 */
import { createHash } from 'node:crypto';

/** SHA-256 of session id `id`, hex. */
export function sessionHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
