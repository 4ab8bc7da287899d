/**
 * Figures the terminal work promises, printed and held to loose budgets: JavaScript a lesson page
 * transfers before and after the terminal loads, and time from WebSocket open to the first prompt.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { endsWithPrompt, launchBrowser, newContext, startServer, waitForConnected, waitForTerminal, type ServerProcess } from './harness.ts';

const LESSON = '/lessons/1-1-veth-and-docker0/';
/** The lazily loaded part of <vl-terminal>: xterm.js, its addons and the pane code. */
const LAZY_CHUNK = /\/_astro\/terminal-pane\.[^/]*\.js$/;

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('performance', () => {
  it('keeps xterm.js out of the JavaScript a lesson transfers until the terminal loads', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = new Map<string, string>();
    const transferred = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.set(e.requestId, e.response.url);
    });
    cdp.on('Network.loadingFinished', (e) => transferred.set(e.requestId, e.encodedDataLength));
    const jsBytes = () => [...scripts.keys()].reduce((sum, id) => sum + (transferred.get(id) ?? 0), 0);

    // Hold the lazy chunk back to see the page as it is before the terminal loads.
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
    console.log(`lesson page JS transferred: ${kib(before)} before the terminal loads, ${kib(after)} after`);
    expect(before).toBeLessThan(40 * 1024);
    expect(after - before).toBeGreaterThan(100 * 1024);
    await context.close();
  });

  it('shows the prompt in the browser soon after the page and its WebSocket open', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    // Note when the terminal's socket opens, before any page script runs.
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
    console.log(
      `browser: navigation → prompt on screen ${promptAt.toFixed(0)} ms; WebSocket open → prompt on screen ${(promptAt - wsOpenedAt).toFixed(0)} ms`,
    );
    expect(promptAt - wsOpenedAt).toBeLessThan(1000);
    await context.close();
  });

  it('shows the first prompt soon after the WebSocket opens', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push(await timeToFirstPrompt());
    samples.sort((a, b) => a - b);
    console.log(`WebSocket open → first prompt (simulator): median ${samples[2]!.toFixed(1)} ms, samples ${samples.map((s) => s.toFixed(1)).join(', ')}`);
    expect(samples[2]).toBeLessThan(1000);
  });
});

/** Open a socket, say hello without a session, and time until the prompt's bytes arrive. */
async function timeToFirstPrompt(): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/sandbox`);
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
  const ms = await done;
  ws.close();
  return ms;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
