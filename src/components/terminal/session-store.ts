/** The learner's sandbox session id, kept across reloads and lessons so the same sandbox follows them. */
import { labOf } from '../../sandbox/profiles/lab-profile.ts';

/** localStorage key of the current session id. */
export const SESSION_KEY = 'vethlab.session';

/**
 * Where the session id of a sandbox of `profile` is kept: a broken lab's sandbox under a key of its
 * own (`vethlab.session.lab.<slug>`), so opening the lab does not forget the learner's other sandbox
 * and coming back to the lab finds its own again.
 */
export function sessionKeyFor(base: string, profile: string | undefined): string {
  return labOf(profile) === undefined ? base : `${base}.${profile}`;
}

/** The stored session id, if any (storage may be disabled: then every load starts afresh). */
export function readSessionId(key = SESSION_KEY): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remember `id` as the current session. */
export function storeSessionId(id: string, key = SESSION_KEY): void {
  try {
    localStorage.setItem(key, id);
  } catch {
    // Private mode or storage full: the session simply won't survive a reload.
  }
}

/** Forget `id` if it is still the stored one (another tab may have moved on already). */
export function forgetSessionId(id: string, key = SESSION_KEY): void {
  try {
    if (localStorage.getItem(key) === id) localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
