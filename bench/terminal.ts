/**
 * Terminal figures for the walking skeleton, printed (never asserted): JavaScript a lesson page
 * transfers before and after the terminal loads, time from WebSocket open to the first prompt with
 * the simulator, and time from navigation to a prompt on screen in Chromium.
 *
 * Run after a build: `npm run build && npx node bench/terminal.ts`
 */
import { WebSocket } from 'ws';
import { endsWithPrompt, launchBrowser, newContext, startServer, waitForConnected, waitForTerminal } from '../tests/browser/harness.ts';

const LESSON = '/lessons/1-1-veth-and-docker0/';
const LAZY_CHUNK = /\/_astro\/terminal-pane\.[^/]*\.js$/;
const SAMPLES = 21;

const server = await startServer();
const browser = await launchBrowser();
try {
  await pageWeight();
  await browserPrompt();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await timeToFirstPrompt());
  samples.sort((a, b) => a - b);
  console.log(`WebSocket open → first prompt (simulator, ${SAMPLES} sessions): median ${ms(samples[SAMPLES >> 1]!)}, ` + `min ${ms(samples[0]!)}, max ${ms(samples[SAMPLES - 1]!)}`);
} finally {
  await browser.close();
  await server.stop();
}

/** JS bytes on the wire before the lazy terminal chunk is released, and after the prompt shows. */
async function pageWeight(): Promise<void> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Set<string>();
  const transferred = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => transferred.set(e.requestId, e.encodedDataLength));
  const jsBytes = () => [...scripts].reduce((sum, id) => sum + (transferred.get(id) ?? 0), 0);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(LAZY_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(LESSON, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  const before = jsBytes();
  release();
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  const after = jsBytes();
  console.log(`lesson page JS transferred (uncompressed): ${kib(before)} before the terminal loads, ${kib(after)} after`);
  await context.close();
}

/** Navigation → prompt on screen, and WebSocket open → prompt on screen, in Chromium. */
async function browserPrompt(): Promise<void> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('open', () => ((window as unknown as { wsOpenedAt: number }).wsOpenedAt = performance.now()));
      }
    };
  });
  await page.goto(LESSON);
  await page.waitForFunction(() => /[#$] ?$/.test(document.querySelector('vl-terminal')?.textContentForTests() ?? ''), null, {
    polling: 'raf',
    timeout: 15_000,
  });
  const { promptAt, wsOpenedAt } = await page.evaluate(() => ({
    promptAt: performance.now(),
    wsOpenedAt: (window as unknown as { wsOpenedAt: number }).wsOpenedAt,
  }));
  console.log(`Chromium: navigation → prompt on screen ${ms(promptAt)}; WebSocket open → prompt on screen ${ms(promptAt - wsOpenedAt)}`);
  await context.close();
}

/** Open a socket, say hello without a session, and time until the prompt's bytes arrive. */
async function timeToFirstPrompt(): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/sandbox`, { origin: server.url });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const opened = performance.now();
  let text = '';
  const done = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no prompt; got ${JSON.stringify(text)}`)), 10_000);
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return;
      text += data.toString('utf8');
      if (/[#$] ?$/.test(text)) {
        clearTimeout(timer);
        resolve(performance.now() - opened);
      }
    });
  });
  ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
  const elapsed = await done;
  ws.close();
  return elapsed;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
