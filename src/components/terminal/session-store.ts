/** The learner's sandbox session id, kept across reloads and lessons so the same sandbox follows them. */

/** localStorage key of the current session id. */
export const SESSION_KEY = 'vethlab.session';

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
