// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import expressiveCode from 'astro-expressive-code';
import { sandboxWebSocket } from './src/server/astro-integration.ts';
import { lazyProgramsInWorker } from './src/sandbox/worker/split-plugin.mjs';

// `npm run build:static` (VETHLAB_BUILD=static): the course for any static host, simulator in the
// browser (docs/static-hosting.md). The node adapter still builds, so on-demand routes (classroom)
// compile, but only its client folder is kept: they are simply absent from the static site.
const STATIC_BUILD = process.env.VETHLAB_BUILD === 'static';
if (STATIC_BUILD) process.env.PUBLIC_SANDBOX_MODE = 'browser';

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  ...(STATIC_BUILD ? { outDir: '.vethlab-static' } : {}),
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: true },
  // No `i18n` block: locales are the tables in src/i18n/locales/ and routes take them as the
  // `[...locale]` parameter (src/pages/[...locale]/), so adding a language touches no config.
  build: {
    // A CSP without 'unsafe-inline' is planned: keep every stylesheet in a file.
    inlineStylesheets: 'never',
  },
  vite: {
    worker: {
      // An ES module worker (worker-transport.ts starts it with `type: 'module'`), so it can load chunks.
      format: 'es',
      // The simulator's worker loads its programs (half its code) after the first prompt: the
      // registry's program source is swapped for the lazy one (src/sandbox/worker/lazy-program-source.ts).
      plugins: () => [lazyProgramsInWorker()],
    },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              // The page scripts' small shared modules (element data, strings, progress, the API
              // client) in one chunk instead of one file each: every file is a request with ~0.9 KB
              // of headers and, imported by an entry, a second round trip before the page is ready.
              codeSplitting: {
                groups: [{ name: 'site', test: /[\\/]src[\\/](?!.*astro_type_script)/, minShareCount: 2 }],
              },
            },
          },
        },
      },
    },
    build: {
      // Astro inlines bundled <script>s smaller than this limit; 0 keeps them all as external files (CSP).
      assetsInlineLimit: 0,
      rolldownOptions: {
        // @astrojs/mdx marks lesson modules with this directive on purpose; the bundler's notice is noise.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    // Options in ec.config.mjs (the <Code> component reads them from there). Must come before mdx().
    expressiveCode(),
    mdx(),
    sandboxWebSocket(),
  ],
});
