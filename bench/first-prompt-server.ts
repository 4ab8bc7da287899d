/**
 * The server's part of the first prompt (issue #16 item 9), over loopback with the `ws` client, against
 * the production server (`npm run build` first):
 *
 *   npx node bench/first-prompt-server.ts [--cold 8] [--warm 30] [--root DIR] [--keep 0|1]
 *
 * Each cold sample is a fresh `node src/server/main.ts` (simulator driver, its own SQLite file) that then
 * serves, in the order a page load asks for them: the lesson's HTML (brotli, as Chromium asks for it),
 * a terminal on a new sandbox, a second terminal on the same node (`shell: 2`), a two-node sandbox and
 * a terminal on its node2. Warm samples repeat the same steps on the same process afterwards. For a
 * terminal it prints, from the start of the TCP connection: the 101 (upgrade), `ready` (hello parsed,
 * sandbox created or found, terminal attached), the first binary frame and the prompt's last byte.
 * `--root` runs another checkout's build (before/after figures); `--keep 0` sets SANDBOX_KEEP_SESSIONS=0.
 *
 * `--browser N` adds N cold page loads in headless Chromium (each on a fresh server process and a fresh
 * browser context, HTTP cache disabled), timed from the CDP Network events: navigation → the page
 * creates the terminal's WebSocket → 101 → hello sent → `ready` → the frame that completes the prompt.
 * CDP stamps a frame when the renderer handles it, so a busy main thread shows up there too; a TCP relay
 * in front of the server therefore also stamps the terminal socket's bytes on the wire: the upgrade
 * request in → the 101 out, and the hello in → `ready` out → the prompt's last byte out, which is the
 * server's part alone.
 */
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/browser/harness.ts';
import { REPO_ROOT, startServerChild, type ServerChild } from '../tests/faults/server-process.ts';
import { startWireRelay, type WireTiming } from './wire-relay.ts';
import { quantile } from './stats.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const COLD = Number(option('cold', '8'));
const WARM = Number(option('warm', '30'));
const ROOT = option('root', REPO_ROOT);
const KEEP = option('keep', '1');
const BROWSER_SAMPLES = Number(option('browser', '0'));
const LESSON_PATH = '/lessons/1-1-veth-and-docker0/';
const PROMPT_TIMEOUT_MS = 10_000;
/** A prompt is the end of the output: `…# ` or `…$ `. */
const PROMPT_END = /[#$] $/;

/** Milliseconds from the connection's start to each step of one terminal. */
interface TerminalTiming {
  upgrade: number;
  ready: number;
  firstBytes: number;
  prompt: number;
  session: string;
}

interface PageTiming {
  firstByte: number;
  done: number;
  bytes: number;
}

/** One response as Chromium asks for it (`dest`: Sec-Fetch-Dest): first byte (headers) and last byte, size on the wire. */
function fetchPage(base: string, path: string, dest = 'document'): Promise<PageTiming> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip', accept: '*/*', 'sec-fetch-dest': dest }, agent: false }, (response) => {
      const firstByte = performance.now() - started;
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${path}: HTTP ${response.statusCode}`));
        else resolve({ firstByte, done: performance.now() - started, bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Open one terminal as the page does (Origin of the page, hello at once) and time it up to the prompt. */
function openTerminal(base: string, hello: Record<string, unknown>): Promise<{ timing: TerminalTiming; socket: WebSocket }> {
  const started = performance.now();
  const since = () => performance.now() - started;
  const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/sandbox`, { perMessageDeflate: false, origin: base });
  socket.binaryType = 'nodebuffer';
  return new Promise((resolve, reject) => {
    const timing: TerminalTiming = { upgrade: NaN, ready: NaN, firstBytes: NaN, prompt: NaN, session: '' };
    let output = '';
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no prompt within ${PROMPT_TIMEOUT_MS} ms: ${JSON.stringify(timing)} ${JSON.stringify(output)}`));
    }, PROMPT_TIMEOUT_MS);
    socket.on('upgrade', () => (timing.upgrade = since()));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', version: 1, cols: 120, rows: 30, locale: 'zh-CN', ...hello })));
    socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: HTTP ${response.statusCode}`)));
    socket.on('error', reject);
    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        const message = JSON.parse(data.toString()) as { type: string; session?: string; message?: string };
        if (message.type === 'ready') {
          timing.ready = since();
          timing.session = message.session ?? '';
        } else if (message.type === 'error') reject(new Error(`server error: ${message.message}`));
        return;
      }
      if (Number.isNaN(timing.firstBytes)) timing.firstBytes = since();
      output += data.toString('latin1');
      if (Number.isNaN(timing.prompt) && PROMPT_END.test(output)) {
        timing.prompt = since();
        clearTimeout(timer);
        resolve({ timing, socket });
      }
    });
  });
}

/** The terminal's xterm.js bundle (the largest script a lesson loads), as the build named it. */
const XTERM_SCRIPT = `/_astro/${readdirSync(join(ROOT, 'dist/client/_astro')).find((name) => /^xterm\..*\.js$/.test(name)) ?? 'missing-xterm.js'}`;

/** The HTTP requests of a lesson's load that the server answers differently: precompressed HTML and script, a file only Astro serves, the classroom API. */
const REQUESTS: readonly { name: string; path: string; dest: string }[] = [
  { name: 'lesson HTML (br)', path: LESSON_PATH, dest: 'document' },
  { name: 'xterm.js (br)', path: XTERM_SCRIPT, dest: 'script' },
  { name: '/theme-init.js (Astro)', path: '/theme-init.js', dest: 'script' },
  { name: '/api/classroom/me', path: '/api/classroom/me', dest: 'empty' },
];

/** What one page load asks of the server, in order; the sockets stay open until all are measured. */
async function pageLoad(base: string): Promise<{ pages: PageTiming[]; first: TerminalTiming; secondShell: TerminalTiming; twoNodes: TerminalTiming; secondNode: TerminalTiming }> {
  const pages: PageTiming[] = [];
  for (const { path, dest } of REQUESTS) pages.push(await fetchPage(base, path, dest));
  const first = await openTerminal(base, {});
  const secondShell = await openTerminal(base, { session: first.timing.session, shell: 2 });
  const twoNodes = await openTerminal(base, { profile: 'two-nodes' });
  const secondNode = await openTerminal(base, { session: twoNodes.timing.session, profile: 'two-nodes', node: 'node2' });
  for (const { socket } of [first, secondShell, twoNodes, secondNode]) socket.close();
  return { pages, first: first.timing, secondShell: secondShell.timing, twoNodes: twoNodes.timing, secondNode: secondNode.timing };
}

type Sample = Awaited<ReturnType<typeof pageLoad>>;

const ms = (value: number) => `${value.toFixed(1).padStart(6)}`;
const spread = (values: readonly number[]) => `${ms(quantile(values, 0.5))} ${ms(quantile(values, 0.9))} ${ms(Math.max(...values))}`;

function printTerminals(label: string, samples: readonly Sample[]): void {
  console.log(`\n${label} (${samples.length} samples; median, p90, max in ms from the TCP connect)`);
  console.log('terminal                          101 upgrade             ready        first bytes             prompt');
  const rows: [string, (s: Sample) => TerminalTiming][] = [
    ['new sandbox, node1', (s) => s.first],
    ['2nd terminal, same node', (s) => s.secondShell],
    ['new two-node sandbox', (s) => s.twoNodes],
    ['node2 of it', (s) => s.secondNode],
  ];
  for (const [name, pick] of rows) {
    const timings = samples.map(pick);
    const cells = (['upgrade', 'ready', 'firstBytes', 'prompt'] as const).map((key) => spread(timings.map((t) => t[key])));
    console.log(`${name.padEnd(26)}${cells.join('   ')}`);
  }
  console.log('HTTP request                  first byte (headers)      last byte          size');
  REQUESTS.forEach(({ name }, i) => {
    const pages = samples.map((s) => s.pages[i] as PageTiming);
    console.log(`${name.padEnd(26)}${spread(pages.map((p) => p.firstByte))}   ${spread(pages.map((p) => p.done))}   ${((pages[0]?.bytes ?? 0) / 1024).toFixed(1)} KiB`);
  });
}

/** Milliseconds from navigation to each step of the terminal's socket in a real page load (CDP), and the server's own times on the wire. */
interface BrowserTiming {
  socketCreated: number;
  upgrade: number;
  helloSent: number;
  ready: number;
  prompt: number;
  wire: WireTiming;
}

interface CdpFrame {
  requestId: string;
  timestamp: number;
  response: { opcode: number; payloadData: string };
}

/** One cold page load in Chromium; the terminal's socket timed from CDP's Network events (seconds, one clock). */
async function browserLoad(browser: Browser, server: string): Promise<BrowserTiming> {
  const relay = await startWireRelay(server);
  const base = relay.url;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let navigation = NaN;
    let socketId = '';
    const at: Partial<Record<keyof BrowserTiming, number>> = {};
    let output = '';
    const prompted = new Promise<void>((resolve) => {
      cdp.on('Network.requestWillBeSent', (event: { type?: string; timestamp: number }) => {
        if (event.type === 'Document' && Number.isNaN(navigation)) navigation = event.timestamp;
      });
      cdp.on('Network.webSocketCreated', (event: { requestId: string; url: string }) => {
        if (!event.url.includes('/ws/sandbox') || socketId !== '') return;
        socketId = event.requestId;
      });
      cdp.on('Network.webSocketWillSendHandshakeRequest', (event: { requestId: string; timestamp: number }) => {
        if (event.requestId === socketId) at.socketCreated ??= event.timestamp;
      });
      cdp.on('Network.webSocketHandshakeResponseReceived', (event: { requestId: string; timestamp: number }) => {
        if (event.requestId === socketId) at.upgrade ??= event.timestamp;
      });
      cdp.on('Network.webSocketFrameSent', (event: CdpFrame) => {
        if (event.requestId === socketId && event.response.payloadData.includes('"hello"')) at.helloSent ??= event.timestamp;
      });
      cdp.on('Network.webSocketFrameReceived', (event: CdpFrame) => {
        if (event.requestId !== socketId) return;
        if (event.response.opcode === 1) {
          if (event.response.payloadData.includes('"ready"')) at.ready ??= event.timestamp;
          return;
        }
        output += Buffer.from(event.response.payloadData, 'base64').toString('latin1');
        if (at.prompt === undefined && PROMPT_END.test(output)) {
          at.prompt = event.timestamp;
          resolve();
        }
      });
    });
    await page.goto(`${base}${LESSON_PATH}`, { waitUntil: 'commit' });
    await Promise.race([prompted, new Promise((_, reject) => setTimeout(() => reject(new Error('no prompt in the browser within 30 s')), 30_000))]);
    const since = (t: number | undefined) => ((t ?? NaN) - navigation) * 1000;
    // The last bytes may still be on their way through the relay when CDP reports them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { socketCreated: since(at.socketCreated), upgrade: since(at.upgrade), helloSent: since(at.helloSent), ready: since(at.ready), prompt: since(at.prompt), wire: await relay.timing() };
  } finally {
    await context.close();
    await relay.close();
  }
}

function printBrowser(samples: readonly BrowserTiming[]): void {
  console.log(`
BROWSER: cold page loads in headless Chromium, each on a fresh server (${samples.length} samples; median, p90, max in ms from navigation)`);
  const rows: [string, (t: BrowserTiming) => number][] = [
    ['page creates the socket', (t) => t.socketCreated],
    ['101 upgrade', (t) => t.upgrade],
    ['hello sent', (t) => t.helloSent],
    ['ready', (t) => t.ready],
    ['prompt frame', (t) => t.prompt],
    ['CDP: 101 after the request', (t) => t.upgrade - t.socketCreated],
    ['CDP: hello → prompt frame', (t) => t.prompt - t.helloSent],
  ];
  for (const [name, pick] of rows) console.log(`${name.padEnd(28)}${spread(samples.map(pick))}`);
  console.log('on the wire (relay in front of the server), ms:');
  const wire: [string, (w: WireTiming) => number][] = [
    ['server: request → 101', (w) => w.upgrade],
    ['page: 101 → hello', (w) => w.helloAfter101],
    ['server: hello → ready', (w) => w.ready],
    ['server: hello → prompt', (w) => w.prompt],
  ];
  for (const [name, pick] of wire) console.log(`${name.padEnd(28)}${spread(samples.map((t) => pick(t.wire)))}`);
}

async function startServer(database: string): Promise<{ server: ServerChild; startedMs: number }> {
  const started = performance.now();
  const server = await startServerChild(
    {
      DATABASE_URL: database,
      SANDBOX_KEEP_SESSIONS: KEEP,
      SANDBOX_MAX_CONNECTIONS_PER_IP: '1000',
      SANDBOX_SESSIONS_PER_IP_PER_MINUTE: '10000',
    },
    undefined,
    ROOT,
  );
  return { server, startedMs: performance.now() - started };
}

async function stopServer(server: ServerChild): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

async function main(): Promise<void> {
  console.log(`first-prompt-server: ${ROOT} · ${COLD} cold processes, ${WARM} warm page loads · SANDBOX_KEEP_SESSIONS=${KEEP}`);
  console.log(
    `${os.cpus().length} × ${os.cpus()[0]?.model}; node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const scratch = mkdtempSync(join(os.tmpdir(), 'vethlab-first-prompt-'));
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  const startups: number[] = [];
  const browserSamples: BrowserTiming[] = [];
  try {
    for (let i = 0; i < COLD; i++) {
      const { server, startedMs } = await startServer(join(scratch, `cold-${i}.sqlite`));
      startups.push(startedMs);
      try {
        cold.push(await pageLoad(server.url));
      } finally {
        await stopServer(server);
      }
    }
    if (BROWSER_SAMPLES > 0) {
      const browser = await launchBrowser();
      try {
        for (let i = 0; i < BROWSER_SAMPLES; i++) {
          const { server } = await startServer(join(scratch, `browser-${i}.sqlite`));
          try {
            browserSamples.push(await browserLoad(browser, server.url));
          } finally {
            await stopServer(server);
          }
        }
      } finally {
        await browser.close();
      }
    }
    const { server } = await startServer(join(scratch, 'warm.sqlite'));
    try {
      // The process's first page load is a cold one; warm samples follow it.
      await pageLoad(server.url);
      for (let i = 0; i < WARM; i++) warm.push(await pageLoad(server.url));
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\nserver start (spawn → listening): ${spread(startups)} ms (median, p90, max)`);
  if (cold.length > 0) printTerminals('COLD: the first page load of a fresh server process', cold);
  if (warm.length > 0) printTerminals('WARM: later page loads on the same process', warm);
  if (browserSamples.length > 0) printBrowser(browserSamples);
  console.log(
    `\nload average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
