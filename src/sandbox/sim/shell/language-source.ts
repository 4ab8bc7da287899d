/**
 * Where the shell gets its language (language.ts): imported with the rest of the simulator. The
 * browser's sandbox worker is built with src/sandbox/worker/lazy-language-source.ts in this module's
 * place (src/sandbox/worker/split-plugin.mjs), which loads it after the first prompt; both modules
 * export `shellLanguage`.
 */
import * as language from './language.ts';

/** The parser, interpreter and completion of the shell. */
export type ShellLanguage = typeof language;

/** The shell's language: here at once. */
export function shellLanguage(): ShellLanguage {
  return language;
}
