/**
 * How exercise checks read their `match` / `notMatch` patterns. Its own module so the browser
 * (components/exercise) gets it without loading the Zod schemas.
 */

/** Flags of check patterns: `^` and `$` match at every line of the output. */
export const CHECK_PATTERN_FLAGS = 'm';

/** Whether `source` compiles as a JavaScript regular expression with the flags checks use. */
export function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, CHECK_PATTERN_FLAGS);
    return true;
  } catch {
    return false;
  }
}
