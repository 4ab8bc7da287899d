/**
 * language-source.ts for the browser's sandbox worker (split-plugin.mjs builds the worker with this
 * module in its place): the shell's parser and interpreter (sim/shell/language.ts) come in a chunk
 * fetched after the first prompt, with the programs (lazy-program-source.ts loads both). A shell
 * shows its prompt and reads its line without them; the worker holds input until they are here.
 */
import { InvariantError } from '../../errors/invariant.ts';
import type { ShellLanguage } from '../sim/shell/language-source.ts';

let language: ShellLanguage | undefined;
let loading: Promise<void> | undefined;

/** Load the shell's language (once; again after a failed fetch). */
export function loadShellLanguage(): Promise<void> {
  loading ??= import('../sim/shell/language.ts').then(
    (loaded) => {
      language = loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The shell's language, once loaded. */
export function shellLanguage(): ShellLanguage {
  if (!language) throw new InvariantError('the shell ran a command line before its language was loaded');
  return language;
}

/** Whether it is here. */
export function shellLanguageLoaded(): boolean {
  return language !== undefined;
}
