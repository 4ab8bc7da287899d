// @ts-check
/**
 * The Vite (rolldown) plugin that builds the browser's sandbox worker with its programs split off:
 * program-source.ts → lazy-program-source.ts and sim/shell/language-source.ts → lazy-language-source.ts
 * (see those modules). astro.config.mjs applies it to the
 * worker build only; bench/worker-boot.ts builds the worker entry with it to list the chunk's modules.
 */
import { fileURLToPath } from 'node:url';

/** Eager source module → its lazy twin in the worker. */
const SWAPS = new Map([
  [fileURLToPath(new URL('../sim/userland/program-source.ts', import.meta.url)), fileURLToPath(new URL('./lazy-program-source.ts', import.meta.url))],
  [fileURLToPath(new URL('../sim/shell/language-source.ts', import.meta.url)), fileURLToPath(new URL('./lazy-language-source.ts', import.meta.url))],
]);

/** Resolve the registry's and the shell's eager sources to the lazy ones. */
export function lazyProgramsInWorker() {
  return {
    name: 'vethlab:lazy-programs-in-worker',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} source @param {string | undefined} importer @returns {Promise<string | null>} */
    async resolveId(source, importer) {
      if (!/(program|language)-source\.ts$/.test(source) || importer === undefined) return null;
      // @ts-expect-error `this` is Rollup's plugin context
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return (resolved && SWAPS.get(resolved.id)) ?? null;
    },
  };
}
