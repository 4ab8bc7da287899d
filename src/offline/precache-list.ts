/**
 * Which files of a built site the service worker caches at install: the pages learners read offline
 * (the home pages and every lesson, in both languages) and the assets they need, the in-browser
 * simulator's worker among them. Search index files are left to the runtime cache.
 */

/** The precache URLs for `files`, paths relative to the client folder with `/` separators. */
export function precacheUrls(files: readonly string[]): string[] {
  const urls: string[] = [];
  for (const file of files) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    if (/^(en\/)?(lessons\/[^/]+\/)?index\.html$/.test(file)) urls.push(`/${file.slice(0, -'index.html'.length)}`);
    else if (/^_astro\/[^/]+\.(js|css|woff2?|svg|png)$/.test(file)) urls.push(`/${file}`);
    else if (file === 'favicon.svg' || file === 'theme-init.js') urls.push(`/${file}`);
  }
  return urls.sort();
}
