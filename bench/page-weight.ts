/**
 * What a learner's browser pays for one lesson, cold (no HTTP cache, no service worker), printed
 * (never asserted) next to issue #16's targets: bytes transferred from navigation until the terminal
 * shows its first prompt (page, CSS, JS including the lazily loaded terminal, fonts, the simulator
 * worker where it runs in the browser) and once the page has settled (nothing more on the wire for a
 * second), the lesson HTML alone, navigation → first prompt on screen, and what does not depend on
 * how busy the machine is: the cumulative layout shift (with the elements that moved) and the main
 * thread's long tasks (> 50 ms) until the page settled. Three setups: the production server with its
 * simulator, the static build (simulator in a Web Worker) on a plain file server, and the static
 * build on a file server that answers with the precompressed files. The machine's load average is
 * printed with each line: times on a busy machine say little.
 *
 * Run after both builds: `npm run build && npm run build:static && npx node bench/page-weight.ts`
 *   --lesson /lessons/4-4-across-nodes/   another lesson (default 1.1)
 *   --samples 7                           runs per setup (median reported; default 5)
 *   --width 412 --height 823              another viewport (default 1366×768; 412×823 is Lighthouse's phone,
 *                                         where the bench scrolls to the terminal, which waits below the text)
 *   --setup server|static                 only the server build or only the static build's two setups
 */
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer } from '../tests/browser/harness.ts';
import { firstPromptMs, loadObservations, observeLoads } from '../tests/browser/load-observer.ts';
import { STATIC_ROOT, serveStatic } from '../tests/browser/static-harness.ts';

const { values } = parseArgs({
  options: { lesson: { type: 'string' }, samples: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' }, setup: { type: 'string' } },
});
const LESSON = values.lesson ?? '/lessons/1-1-veth-and-docker0/';
const SAMPLES = Number(values.samples ?? 5);
const VIEWPORT = { width: Number(values.width ?? 1366), height: Number(values.height ?? 768) };

/** Issue #16's targets (headless Chromium, cold). */
const TARGET = { bytes: 150 * 1000, promptServerMs: 250, promptStaticMs: 150, cls: 0.1 } as const;
/** The page has settled when nothing went over the wire for this long. */
const QUIET_MS = 1000;

interface Sample {
  /** Every byte the server sent (HTTP and WebSocket), navigation → first prompt. */
  total: number;
  /** The same, once nothing more came for QUIET_MS. */
  settled: number;
  html: number;
  js: number;
  css: number;
  promptMs: number;
  /** Cumulative layout shift (without shifts right after input: there is none). */
  cls: number;
  /** What moved, for the worst sample's report: "element y→y". */
  shifts: string[];
  /** Main-thread tasks over 50 ms until the page settled, in ms. */
  longTasks: number[];
}

console.log(
  `targets: ≤ ${TARGET.bytes / 1000} KB (${kib(TARGET.bytes)}) transferred including the terminal; first prompt ≤ ${TARGET.promptServerMs} ms (server) ` +
    `and ≤ ${TARGET.promptStaticMs} ms (static build); CLS < ${TARGET.cls}; as few long tasks as possible`,
);
const browser = await launchBrowser();
try {
  if (values.setup !== 'static') {
    const server = await startServer();
    try {
      report('server build, simulator on the server', TARGET.promptServerMs, await measure(browser, server.url));
    } finally {
      await server.stop();
    }
  }
  if (values.setup === 'server') {
    // Only the server build was asked for.
  } else if (existsSync(join(STATIC_ROOT, 'index.html'))) {
    const plain = await serveStatic();
    try {
      report('static build, plain file server (no compression)', TARGET.promptStaticMs, await measure(browser, plain.url));
    } finally {
      await plain.close();
    }
    const precompressed = await servePrecompressed(STATIC_ROOT);
    try {
      report('static build, file server sending the .br/.gz files', TARGET.promptStaticMs, await measure(browser, precompressed.url));
    } finally {
      await precompressed.close();
    }
  } else {
    console.log('static build: dist-static/ missing (npm run build:static), skipped');
  }
} finally {
  await browser.close();
}

async function measure(browser: Browser, baseURL: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // Bytes are counted on the wire by a TCP relay in front of the server, so the simulator worker's
    // fetches (not visible in the page's network events) and the WebSocket count too.
    const relay = await byteCountingRelay(new URL(baseURL));
    const context = await browser.newContext({ baseURL: relay.url, viewport: VIEWPORT, serviceWorkers: 'block' });
    await observeLoads(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const sized: Promise<{ type: string; bytes: number }>[] = [];
    context.on('requestfinished', (request) => {
      sized.push(request.sizes().then((s) => ({ type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })));
    });
    await page.goto(LESSON, { waitUntil: 'commit' });
    // Below 60rem the terminal waits under the text until the learner gets there (or presses Run).
    if (VIEWPORT.width < 960) await page.locator('vl-terminal').scrollIntoViewIfNeeded();
    // Watched from the page (load-observer.ts): waitForFunction's injected script would cost the load it measures.
    const promptMs = await firstPromptMs(page);
    const total = relay.bytesToBrowser();
    const settled = await relay.quiet(QUIET_MS);
    const finished = await Promise.all(sized);
    const sum = (type: string) => finished.reduce((all, r) => all + (r.type === type ? r.bytes : 0), 0);
    const observed = await loadObservations(page);
    samples.push({ total, settled, html: sum('document'), js: sum('script'), css: sum('stylesheet'), promptMs, ...observed });
    await context.close();
    await relay.close();
  }
  return samples;
}

/** A loopback TCP relay to `target` that counts the bytes it passes towards the browser. */
async function byteCountingRelay(target: URL): Promise<{ url: string; bytesToBrowser(): number; quiet(ms: number): Promise<number>; close(): Promise<void> }> {
  let bytes = 0;
  let lastByteAt = performance.now();
  const sockets = new Set<Socket>();
  const relay = createNetServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    upstream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      lastByteAt = performance.now();
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    bytesToBrowser: () => bytes,
    /** Resolves with the byte count once nothing came for `ms` (at most 20 s after the call). */
    async quiet(ms: number): Promise<number> {
      const giveUp = performance.now() + 20_000;
      while (performance.now() - lastByteAt < ms && performance.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 100));
      return bytes;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

function report(setup: string, promptTarget: number, samples: Sample[]): void {
  const median = (pick: (s: Sample) => number) => sorted(samples.map(pick))[samples.length >> 1] ?? Number.NaN;
  const promptTimes = sorted(samples.map((s) => s.promptMs));
  const worstShift = samples.reduce((worst, s) => (s.cls > worst.cls ? s : worst));
  const longTasks = samples.map((s) => s.longTasks);
  const load = loadavg().map((n) => n.toFixed(1));
  const mark = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  console.log(
    `${setup}, ${LESSON} at ${VIEWPORT.width}×${VIEWPORT.height}, ${samples.length} cold loads, load average ${load.join(' ')}:\n` +
      `  transferred until the first prompt ${kib(median((s) => s.total))} (${(median((s) => s.total) / 1000).toFixed(1)} KB; ${mark(median((s) => s.total) <= TARGET.bytes)} ≤ ${TARGET.bytes / 1000} KB), ` +
      `settled ${kib(median((s) => s.settled))} (of which the page's own requests: HTML ${kib(median((s) => s.html))}, JS ${kib(median((s) => s.js))}, CSS ${kib(median((s) => s.css))})\n` +
      `  navigation → first prompt median ${fixed(promptTimes[promptTimes.length >> 1])} ms (min ${fixed(promptTimes[0])}, max ${fixed(promptTimes.at(-1))}; ` +
      `target ≤ ${promptTarget} ms, which needs a quiet machine)\n` +
      `  layout shift median ${median((s) => s.cls).toFixed(4)}, worst ${worstShift.cls.toFixed(4)} (${mark(worstShift.cls < TARGET.cls)} < ${TARGET.cls})${worstShift.shifts.length > 0 ? `: ${worstShift.shifts.join('; ')}` : ''}\n` +
      `  long tasks per load median ${median((s) => s.longTasks.length)}, their total median ${median((s) => sumOf(s.longTasks))} ms, longest ${Math.max(0, ...longTasks.flat())} ms`,
  );
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((all, n) => all + n, 0);
}

function fixed(ms: number | undefined): string {
  return ms === undefined ? '?' : ms.toFixed(0);
}

/** A static file server that sends `file.br` or `file.gz` when the browser accepts it, as a CDN would. */
async function servePrecompressed(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
  };
  const server = createServer((req, res) => {
    void (async () => {
      let file = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const headers: Record<string, string> = { 'content-type': types[extname(file)] ?? 'application/octet-stream', vary: 'Accept-Encoding' };
        for (const [encoding, suffix] of [
          ['br', '.br'],
          ['gzip', '.gz'],
        ] as const) {
          if (accepts.includes(encoding) && existsSync(file + suffix)) {
            res.writeHead(200, { ...headers, 'content-encoding': encoding }).end(await readFile(file + suffix));
            return;
          }
        }
        res.writeHead(200, headers).end(await readFile(file));
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}
