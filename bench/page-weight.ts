/**
 * What a learner's browser pays for one lesson, cold (no HTTP cache, no service worker), printed
 * (never asserted): bytes transferred from navigation until the terminal shows its first prompt
 * (page, CSS, JS including the lazily loaded terminal, fonts, the simulator worker where it runs in
 * the browser), the lesson HTML alone, and navigation → first prompt on screen. Three setups: the
 * production server with its simulator, the static build (simulator in a Web Worker) on a plain file
 * server, and the static build on a file server that answers with the precompressed files.
 *
 * Run after both builds: `npm run build && npm run build:static && npx node bench/page-weight.ts`
 *   --lesson /lessons/4-4-across-nodes/   another lesson (default 1.1)
 *   --samples 7                           runs per setup (median reported; default 5)
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer } from '../tests/browser/harness.ts';
import { STATIC_ROOT, serveStatic } from '../tests/browser/static-harness.ts';

const { values } = parseArgs({ options: { lesson: { type: 'string' }, samples: { type: 'string' } } });
const LESSON = values.lesson ?? '/lessons/1-1-veth-and-docker0/';
const SAMPLES = Number(values.samples ?? 5);

interface Sample {
  /** Every byte the server sent (HTTP and WebSocket), navigation → first prompt. */
  total: number;
  html: number;
  js: number;
  css: number;
  promptMs: number;
}

const browser = await launchBrowser();
try {
  const server = await startServer();
  try {
    report('server build, simulator on the server', await measure(browser, server.url));
  } finally {
    await server.stop();
  }
  if (existsSync(join(STATIC_ROOT, 'index.html'))) {
    const plain = await serveStatic();
    try {
      report('static build, plain file server (no compression)', await measure(browser, plain.url));
    } finally {
      await plain.close();
    }
    const precompressed = await servePrecompressed(STATIC_ROOT);
    try {
      report('static build, file server sending the .br/.gz files', await measure(browser, precompressed.url));
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
    const context = await browser.newContext({ baseURL: relay.url, viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const sized: Promise<{ type: string; bytes: number }>[] = [];
    context.on('requestfinished', (request) => {
      sized.push(request.sizes().then((s) => ({ type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })));
    });
    await page.goto(LESSON, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => {
        const terminal = document.querySelector('vl-terminal');
        return typeof terminal?.textContentForTests === 'function' && /[#$] ?$/.test(terminal.textContentForTests());
      },
      null,
      {
        polling: 'raf',
        timeout: 60_000,
      },
    );
    const promptMs = await page.evaluate(() => performance.now());
    const total = relay.bytesToBrowser();
    const finished = await Promise.all(sized);
    const sum = (type: string) => finished.reduce((all, r) => all + (r.type === type ? r.bytes : 0), 0);
    samples.push({ total, html: sum('document'), js: sum('script'), css: sum('stylesheet'), promptMs });
    await context.close();
    await relay.close();
  }
  return samples;
}

/** A loopback TCP relay to `target` that counts the bytes it passes towards the browser. */
async function byteCountingRelay(target: URL): Promise<{ url: string; bytesToBrowser(): number; close(): Promise<void> }> {
  let bytes = 0;
  const sockets = new Set<Socket>();
  const relay = createNetServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    upstream.on('data', (chunk: Buffer) => (bytes += chunk.length));
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
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

function report(setup: string, samples: Sample[]): void {
  const median = (pick: (s: Sample) => number) => samples.map(pick).sort((a, b) => a - b)[samples.length >> 1]!;
  const promptTimes = samples.map((s) => s.promptMs).sort((a, b) => a - b);
  console.log(
    `${setup}, ${LESSON} at 1366×768, ${samples.length} cold loads: transferred ${kib(median((s) => s.total))} ` +
      `(of which the page's own requests: HTML ${kib(median((s) => s.html))}, JS ${kib(median((s) => s.js))}, CSS ${kib(median((s) => s.css))}); ` +
      `navigation → first prompt median ${promptTimes[promptTimes.length >> 1]!.toFixed(0)} ms ` +
      `(min ${promptTimes[0]!.toFixed(0)}, max ${promptTimes.at(-1)!.toFixed(0)})`,
  );
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
