/**
 * Writes /sw.js into a built site: service-worker.ts with its types stripped (Node's own stripper,
 * so no bundler is involved) after the precache list of that build and a version hashed from it.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { join } from 'node:path';
import { precacheUrls } from './precache-list.ts';

export const SERVICE_WORKER_FILE = 'sw.js';
const SOURCE = new URL('./service-worker.ts', import.meta.url);

/** Write `clientDir`/sw.js for the site whose files (relative paths) are `files`; returns the URL count. */
export async function writeServiceWorker(clientDir: string, files: readonly string[]): Promise<number> {
  const urls = precacheUrls(files);
  // The version changes whenever a page or asset does: hashed names change with content, pages are hashed here.
  const hash = createHash('sha256');
  for (const url of urls) {
    hash.update(url);
    if (!url.startsWith('/_astro/')) hash.update(await readFile(join(clientDir, url.endsWith('/') ? `${url}index.html` : url)));
  }
  const source = stripTypeScriptTypes(await readFile(SOURCE, 'utf8'), { mode: 'strip' });
  const head = `const PRECACHE_URLS = ${JSON.stringify(urls)};\nconst PRECACHE_VERSION = ${JSON.stringify(hash.digest('hex').slice(0, 16))};\n`;
  await writeFile(join(clientDir, SERVICE_WORKER_FILE), head + source);
  return urls.length;
}
