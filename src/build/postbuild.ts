/**
 * After `astro build` and Pagefind (npm run build, build:static): writes the service worker with the
 * build's precache list into the client folder given as the only argument.
 *
 *   node src/build/postbuild.ts dist/client
 */
import { resolve } from 'node:path';
import { writeServiceWorker } from '../offline/write-service-worker.ts';
import { siteFiles } from './site-files.ts';

async function main(argv: readonly string[]): Promise<void> {
  const [folder] = argv;
  if (!folder) {
    console.error('usage: node src/build/postbuild.ts CLIENT_FOLDER');
    process.exit(2);
  }
  const root = resolve(folder);
  const cached = await writeServiceWorker(root, await siteFiles(root));
  console.log(`postbuild: sw.js precaches ${cached} URLs`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`postbuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
