/** The learner's sandbox session id, kept across reloads and lessons so the same sandbox follows them. */

/** localStorage key of the current session id. */
export const SESSION_KEY = 'vethlab.session';

/** The stored session id, if any (storage may be disabled: then every load starts afresh). */
export function readSessionId(): string | undefined {
  try {
    return localStorage.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remember `id` as the current session. */
export function storeSessionId(id: string): void {
  try {
    localStorage.setItem(SESSION_KEY, id);
  } catch {
    // Private mode or storage full: the session simply won't survive a reload.
  }
}

/** Forget `id` if it is still the stored one (another tab may have moved on already). */
export function forgetSessionId(id: string): void {
  try {
    if (localStorage.getItem(SESSION_KEY) === id) localStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
