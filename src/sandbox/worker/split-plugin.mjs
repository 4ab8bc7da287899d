// @ts-check
/**
 * The Vite (rolldown) plugin that builds the browser's sandbox worker with its programs split off:
 * program-source.ts → lazy-program-source.ts (see that module). astro.config.mjs applies it to the
 * worker build only; bench/worker-boot.ts builds the worker entry with it to list the chunk's modules.
 */
import { fileURLToPath } from 'node:url';

/** Resolve the registry's eager program source to the lazy one. */
export function lazyProgramsInWorker() {
  const eager = fileURLToPath(new URL('../sim/userland/program-source.ts', import.meta.url));
  const lazy = fileURLToPath(new URL('./lazy-program-source.ts', import.meta.url));
  return {
    name: 'vethlab:lazy-programs-in-worker',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} source @param {string | undefined} importer @returns {Promise<string | null>} */
    async resolveId(source, importer) {
      if (!source.endsWith('program-source.ts') || importer === undefined) return null;
      // @ts-expect-error `this` is Rollup's plugin context
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved?.id === eager ? lazy : null;
    },
  };
}
