/**
 * The common-password check on top of the length rule (NIST 800-63B: refuse passwords from lists of
 * breached or commonly used ones). The list is OWASP SecLists' top million, cut to our minimum length;
 * see data/README.md for its source and how to rebuild it.
 */
import list from './data/common-passwords.json' with { type: 'json' };

const COMMON = new Set<string>(list);

/** Whether `password` is too easy to guess: on the list (case-insensitive), or one character repeated. */
export function isCommonPassword(password: string): boolean {
  const folded = password.normalize('NFC').toLowerCase();
  if (COMMON.has(folded)) return true;
  return new Set(folded).size <= 2;
}
