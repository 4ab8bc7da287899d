/**
 * After `astro build` and Pagefind (npm run build, build:static), on the client folder given as the
 * only argument: adds module preloads to the pages and makes the early scripts async
 * (module-preloads.ts), writes the service worker with the build's precache list, then precompresses
 * every text asset (the service worker too) as .br and .gz.
 *
 *   node src/build/postbuild.ts dist/client
 */
import { resolve } from 'node:path';
import { writeServiceWorker } from '../offline/write-service-worker.ts';
import { precompress } from './compress.ts';
import { rewritePages } from './module-preloads.ts';
import { siteFiles } from './site-files.ts';

async function main(argv: readonly string[]): Promise<void> {
  const [folder] = argv;
  if (!folder) {
    console.error('usage: node src/build/postbuild.ts CLIENT_FOLDER');
    process.exit(2);
  }
  const root = resolve(folder);
  const pages = await rewritePages(root, await siteFiles(root));
  console.log(`postbuild: ${pages.pages} pages got ${pages.preloads} module preloads and ${pages.early} early (async) scripts`);
  const cached = await writeServiceWorker(root, await siteFiles(root));
  console.log(`postbuild: sw.js precaches ${cached} URLs`);
  const files = (await siteFiles(root)).filter((file) => !file.endsWith('.br') && !file.endsWith('.gz'));
  const totals = await precompress(root, files);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`postbuild: precompressed ${totals.files} files, ${kib(totals.original)} → brotli ${kib(totals.brotli)}, gzip ${kib(totals.gzip)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`postbuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
