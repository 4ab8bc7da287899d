/**
 * The static build's sandbox worker on its own, cold, in headless Chromium: what it costs before the
 * terminal can show its first prompt. Printed, never asserted.
 *
 * 1. Its chunks in dist-static/_astro: the worker entry and what it imports statically (fetched and
 *    evaluated before the first prompt) against the chunks it imports later, raw and brotli.
 * 2. Its timeline, one fresh browser context per sample (no HTTP cache, no service worker, no saved
 *    sandbox): `new Worker()` → the script fetched (resource timing) → the module evaluated (the
 *    worker answers the page's `open`) → hello answered with the first output bytes (the prompt),
 *    with the session boot in between (the worker's `vethlab:*` performance marks, read from the
 *    worker after the prompt).
 * 3. With --modules: the pre-prompt chunk's modules by rendered size (a rolldown build of the worker
 *    entry with the same plugin as astro.config.mjs, minified; the real chunk differs by a few bytes).
 *
 * Run after `npm run build:static`: `npx node bench/worker-boot.ts [--samples 9] [--modules] [--root other-dist-static]`
 * (`--samples 0`: no browser; `--root`: another build of the static site, e.g. an older commit's, to compare).
 */
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { launchBrowser } from '../tests/browser/harness.ts';
import { STATIC_ROOT, serveStatic } from '../tests/browser/static-harness.ts';

const { values } = parseArgs({ options: { samples: { type: 'string' }, modules: { type: 'boolean' }, root: { type: 'string' } } });
const SAMPLES = Number(values.samples ?? 7);
const ASSETS = join(values.root ?? STATIC_ROOT, '_astro');

/** `--samples 0`: chunks (and modules) only. */
class SkipTimeline extends Error {}

/** The worker chunk's file name and the chunks reachable from it, static imports first. */
async function workerChunks(): Promise<{ entry: string; eager: string[]; lazy: string[] }> {
  const files = await readdir(ASSETS);
  const entry = files.find((f) => /^sandbox-worker-[\w-]+\.js$/.test(f));
  if (!entry) throw new Error(`no sandbox-worker-*.js in ${ASSETS}: run npm run build:static first`);
  const eager = new Set<string>();
  const lazy = new Set<string>();
  const visit = async (file: string, before: boolean): Promise<void> => {
    const set = before ? eager : lazy;
    if (set.has(file) || (!before && eager.has(file))) return;
    set.add(file);
    const code = await readFile(join(ASSETS, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[\w${},*\s]+from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g)) if (m[1]) await visit(m[1], before);
    for (const m of code.matchAll(/\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)) if (m[1]) await visit(m[1], false);
  };
  await visit(entry, true);
  return { entry, eager: [...eager], lazy: [...lazy].filter((f) => !eager.has(f)) };
}

async function sizes(file: string): Promise<{ raw: number; br: number }> {
  const code = await readFile(join(ASSETS, file));
  return { raw: code.length, br: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

const chunks = await workerChunks();
console.log('worker chunks (brotli q11):');
let beforePrompt = 0;
for (const file of chunks.eager) {
  const s = await sizes(file);
  beforePrompt += s.br;
  console.log(`  before the prompt  ${file.padEnd(44)} ${kb(s.raw).padStart(9)} raw ${kb(s.br).padStart(8)} br`);
}
for (const file of chunks.lazy) {
  const s = await sizes(file);
  console.log(`  after the prompt   ${file.padEnd(44)} ${kb(s.raw).padStart(9)} raw ${kb(s.br).padStart(8)} br`);
}
console.log(`  pre-prompt total ${kb(beforePrompt)} brotli (target ≤ 35 KB)`);

interface Timeline {
  /** Script response end, from `new Worker()`. */
  fetched: number;
  /** The worker's module evaluated (it answered `open`). */
  evaluated: number;
  /** The first output bytes (the prompt) arrived. */
  prompt: number;
  /** The worker's own marks, ms from the hello it received. */
  marks: Record<string, number>;
}

/** One cold run: a fresh context, a page on the static server, the worker spoken to directly. */
async function sample(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<Timeline> {
  const context = await browser.newContext({ baseURL: url });
  try {
    const page = await context.newPage();
    await page.goto('/favicon.svg');
    return await page.evaluate(async (script: string) => {
      const start = performance.now();
      const worker = new Worker(script, { type: 'module', name: 'vethlab-sandbox' });
      const at: { evaluated?: number; prompt?: number } = {};
      const done = new Promise<void>((resolve, reject) => {
        worker.onerror = (event) => reject(new Error(event.message));
        worker.onmessage = (event: MessageEvent<{ op: string; data?: unknown }>) => {
          if (event.data.op === 'open') at.evaluated ??= performance.now() - start;
          if (event.data.op === 'bin' && at.prompt === undefined) {
            at.prompt = performance.now() - start;
            resolve();
          }
        };
      });
      worker.postMessage({ c: 1, op: 'open' });
      worker.postMessage({ c: 1, op: 'text', data: JSON.stringify({ type: 'hello', version: 1, cols: 120, rows: 30 }) });
      await done;
      // The worker's marks (performance.mark in sandbox-worker.ts), asked for after the prompt.
      const marks = await new Promise<Record<string, number>>((resolve) => {
        worker.onmessage = (event: MessageEvent<{ op: string; marks?: Record<string, number> }>) => {
          if (event.data.op === 'marks') resolve(event.data.marks ?? {});
        };
        worker.postMessage({ op: 'marks' });
        setTimeout(() => resolve({}), 2000);
      });
      const resource = performance.getEntriesByType('resource').find((e) => e.name === new URL(script, location.href).href) as PerformanceResourceTiming | undefined;
      worker.terminate();
      return { fetched: resource ? resource.responseEnd - start : Number.NaN, evaluated: at.evaluated ?? Number.NaN, prompt: at.prompt ?? Number.NaN, marks };
    }, `/_astro/${chunks.entry}`);
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN);
};

const browser = SAMPLES > 0 ? await launchBrowser() : undefined;
const server = browser ? await serveStatic(values.root ?? STATIC_ROOT) : undefined;
try {
  if (!browser || !server) throw new SkipTimeline();
  await sample(browser, server.url); // the browser's own first start is not the worker's
  const runs: Timeline[] = [];
  for (let i = 0; i < SAMPLES; i++) runs.push(await sample(browser, server.url));
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(`\nworker timeline, median of ${SAMPLES} cold runs (load ${loadavg()[0]?.toFixed(2)}), from new Worker():`);
  console.log(`  script fetched (response end)      ${ms(median(runs.map((r) => r.fetched)))}`);
  console.log(`  module evaluated (open answered)   ${ms(median(runs.map((r) => r.evaluated)))}   min ${ms(Math.min(...runs.map((r) => r.evaluated)))}`);
  const prompts = runs.map((r) => r.prompt);
  console.log(`  first output bytes (the prompt)    ${ms(median(prompts))}   min ${ms(Math.min(...prompts))}   all: ${prompts.map(Math.round).join(' ')}`);
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
  for (const name of names) console.log(`    ${name.padEnd(34)} ${ms(median(runs.map((r) => r.marks[name] ?? Number.NaN)))} after the hello`);
} catch (error) {
  if (!(error instanceof SkipTimeline)) throw error;
} finally {
  await server?.close();
  await browser?.close();
}

if (values.modules) {
  const { rolldown } = await import('rolldown');
  const { lazyProgramsInWorker } = await import('../src/sandbox/worker/split-plugin.mjs');
  const root = join(import.meta.dirname, '..');
  const bundle = await rolldown({ input: join(root, 'src/sandbox/worker/sandbox-worker.ts'), plugins: [lazyProgramsInWorker()], logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  const entry = output.find((c) => c.type === 'chunk' && c.isEntry);
  if (entry?.type === 'chunk') {
    const modules = Object.entries(entry.modules)
      .map(([id, m]) => [id.slice(root.length + 1), m.renderedLength] as const)
      .sort((a, b) => b[1] - a[1]);
    const folders = new Map<string, number>();
    for (const [id, n] of modules) {
      const folder = id.split('/').slice(0, 4).join('/');
      folders.set(folder, (folders.get(folder) ?? 0) + n);
    }
    console.log(`\npre-prompt chunk by folder (rendered, minified; ${kb(entry.code.length)} in all):`);
    for (const [folder, n] of [...folders].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(9)}  ${folder}`);
    console.log('largest modules:');
    for (const [id, n] of modules.slice(0, 40)) console.log(`  ${kb(n).padStart(9)}  ${id}`);
  }
}
