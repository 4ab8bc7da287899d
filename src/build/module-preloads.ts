/**
 * Post-build rewrite of the pages' module scripts (npm run build, build:static; see postbuild.ts).
 *
 * - Every chunk a page's module script imports statically, directly or not, gets a
 *   `<link rel="modulepreload">` in the head. Without it the browser finds the shared `site` chunk
 *   only once the script that imports it has arrived and been parsed: an import waterfall of one
 *   round trip plus a parse, measured at 300–400 ms on a lesson page (bench/main-thread.ts).
 * - The scripts in EARLY_SCRIPTS get `async`: they may run as soon as their modules have arrived,
 *   while the rest of the page is still being parsed, instead of after it and after every deferred
 *   script before them. The lesson terminal's script is one: it opens the sandbox connection and
 *   loads xterm.js. Measured on the development machine (2 cores, headless Chromium), the browser
 *   still ran it only about when parsing ended (its chunk arrived at 250–320 ms, it ran at 610–780 ms,
 *   as a dynamic import from a parser-blocking classic script did too): the parser's tasks win while
 *   the page is being parsed. It runs before the deferred scripts all the same. An async script
 *   runs only after the parser has inserted its tag, and Astro renders a component's script after
 *   the component's markup, so the element it defines is complete when it runs. Such a script must
 *   not expect the other page scripts to have run before it (or after it).
 *
 * Astro renders bundled scripts itself and treats a `<script>` with any attribute other than `src`
 * as inline, so neither can be asked for in the component.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bundled page scripts that run async; matched on the chunk name Astro gives a component's script. */
export const EARLY_SCRIPTS: readonly RegExp[] = [/\/Terminal\.astro_astro_type_script_index_\d+_lang\.[\w-]+\.js$/];

const MODULE_SCRIPT = /<script type="module" src="([^"]+)"><\/script>/g;
/** Static imports in a minified chunk: `import{a as b}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`. */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.\.?\/[^"']+\.js)["']/g;

/** What rewritePage changed, for the build log. */
export interface PageRewrite {
  html: string;
  preloads: number;
  early: number;
}

/**
 * `html` with modulepreload links for its module scripts' static imports and EARLY_SCRIPTS made
 * async. `chunkText(url)` answers a chunk's code by its URL path (undefined when it is not a file of
 * this build, which is then left alone).
 */
export async function rewritePage(html: string, chunkText: (url: string) => Promise<string | undefined>): Promise<PageRewrite> {
  const scripts = [...html.matchAll(MODULE_SCRIPT)].map((match) => match[1] ?? '');
  const referenced = new Set(scripts);
  for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) referenced.add(match[1] ?? '');
  const preloads: string[] = [];
  const visited = new Set<string>();
  const walk = async (url: string): Promise<void> => {
    if (visited.has(url)) return;
    visited.add(url);
    const code = await chunkText(url);
    if (code === undefined) return;
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const imported = new URL(match[1] ?? '', `http://site${url}`).pathname;
      if (!referenced.has(imported) && !preloads.includes(imported)) preloads.push(imported);
      await walk(imported);
    }
  };
  for (const script of scripts) await walk(script);
  let early = 0;
  let rewritten = html.replace(MODULE_SCRIPT, (tag, src: string) => {
    if (!EARLY_SCRIPTS.some((pattern) => pattern.test(src))) return tag;
    early++;
    return `<script type="module" async src="${src}"></script>`;
  });
  if (preloads.length > 0 && rewritten.includes('</head>')) {
    rewritten = rewritten.replace('</head>', `${preloads.map((url) => `<link rel="modulepreload" href="${url}">`).join('')}</head>`);
  }
  return { html: rewritten, preloads: preloads.length, early };
}

/** Rewrite every HTML file among `files` (paths relative to `root`) in place; totals for the log. */
export async function rewritePages(root: string, files: readonly string[]): Promise<{ pages: number; preloads: number; early: number }> {
  const chunks = new Map<string, Promise<string | undefined>>();
  const chunkText = (url: string) => {
    let text = chunks.get(url);
    if (!text) {
      text = url.startsWith('/') && url.endsWith('.js') && !url.includes('..') ? readFile(join(root, url), 'utf8').catch(() => undefined) : Promise.resolve(undefined);
      chunks.set(url, text);
    }
    return text;
  };
  const totals = { pages: 0, preloads: 0, early: 0 };
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const path = join(root, file);
    const before = await readFile(path, 'utf8');
    const page = await rewritePage(before, chunkText);
    if (page.html === before) continue;
    await writeFile(path, page.html);
    totals.pages++;
    totals.preloads += page.preloads;
    totals.early += page.early;
  }
  return totals;
}
