/**
 * Browser test harness: the production server (`node src/server/main.ts`, after `npm run build`) on
 * a free loopback port, and Debian's Chromium driven by playwright-core with a fresh context per test.
 */
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { startServerChild } from '../faults/server-process.ts';

export { REPO_ROOT, freePort } from '../faults/server-process.ts';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A running production server. */
export interface ServerProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait for a graceful exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Start `node src/server/main.ts` on loopback and wait for its "listening" line. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  // Spawned with process.execPath: the Node 24 that runs vitest (node@24 devDependency).
  const started = await startServerChild(env);
  return { url: started.url, port: started.port, output: started.output, stop: () => stopProcess(started.child) };
}

async function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  return child.exitCode;
}

/** Launch headless Chromium with nothing that reaches beyond loopback (`extraArgs` must keep it so). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A fresh context (own storage, own clipboard permission) for one test. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
}

/** Launch Chromium before the file's tests and close it after them (register this after any beforeAll it must follow). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser ?? notStarted('the browser');
}

/** The production server and Chromium of a test file (see useServerAndBrowser). */
export interface ServerAndBrowser {
  server(): ServerProcess;
  browser(): Browser;
  /**
   * A fresh context on the server, closed after the current test: newContext's defaults, or with
   * `options`, Playwright's defaults and those.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Start the production server (with `env`) and Chromium before the file's tests; close the contexts
 * made by `newContext` after each test; after all of them close the browser and stop the server,
 * failing unless it exits with 0 (`checkExit: false` only stops it). afterAll hooks run in reverse
 * order (Vitest's "stack"), so a file's own afterAll registered before this runs after the server stopped.
 */
export function useServerAndBrowser(env: Record<string, string> = {}, { checkExit = true }: { checkExit?: boolean } = {}): ServerAndBrowser {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    if (!server) return;
    if (checkExit) expect(await server.stop(), server.output()).toBe(0);
    else await server.stop();
  });
  const started = {
    server: () => server ?? notStarted('the server'),
    browser: () => browser ?? notStarted('the browser'),
    async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
      const { url } = started.server();
      const context = options ? await started.browser().newContext({ baseURL: url, ...options }) : await newContext(started.browser(), url);
      contexts.push(context);
      return context;
    },
  };
  return started;
}

function notStarted(what: string): never {
  throw new Error(`${what} is not running: its beforeAll failed or has not run`);
}

/** The text the (first) terminal shows right now. */
export function terminalText(page: Page, node?: string): Promise<string> {
  return page.evaluate((n) => document.querySelector('vl-terminal')?.textContentForTests(n) ?? '', node);
}

/** Wait until the terminal's text satisfies `test`; fails with the text it last saw. */
export async function waitForTerminal(page: Page, test: RegExp | ((text: string) => boolean), timeoutMs = 15_000): Promise<string> {
  const check = typeof test === 'function' ? test : (text: string) => test.test(text);
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await terminalText(page);
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`terminal never matched ${String(test)}; it shows:\n${text}`);
    await page.waitForTimeout(50);
  }
}

/** Wait until the first terminal is attached to its sandbox. */
export async function waitForConnected(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('vl-terminal')?.dataset.status === 'connected', null, {
    timeout: timeoutMs,
  });
}

/** Type into the terminal as a learner would (focus it, then key presses). */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('vl-terminal .xterm-helper-textarea').first().focus();
  await page.keyboard.type(text);
}

/**
 * What follows the last echo of `command` in the terminal text (its output and the next prompt).
 * The echo may be broken over rows where the line editor wrapped it, so line breaks may appear
 * anywhere inside it.
 */
export function outputOf(text: string, command: string): string {
  const pattern = [...command].map((ch) => (/\s/.test(ch) ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\n?');
  let end = -1;
  for (const match of text.matchAll(new RegExp(pattern, 'g'))) end = match.index + match[0].length;
  return end < 0 ? '' : text.slice(end);
}

/** Whether the last line of the terminal looks like a shell prompt waiting for input. */
export function endsWithPrompt(text: string): boolean {
  const last = text.split('\n').at(-1) ?? '';
  return /[#$] ?$/.test(last);
}

/** Type a command and Enter in the page's terminal, and wait for the next prompt. */
export async function typeCommand(page: Page, command: string, timeoutMs = 30_000): Promise<void> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, command);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (t) => t.length > before && outputOf(t, command).includes('\n') && endsWithPrompt(t), timeoutMs);
}

/** Type a command and Enter, and return what it printed once the next prompt is up. */
export async function runTyped(page: Page, command: string, timeoutMs = 30_000): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, `${command}\n`);
  const text = await waitForTerminal(page, (t) => t.length > before && outputOf(t, command).includes('\n') && endsWithPrompt(t), timeoutMs);
  return outputOf(text, command);
}

/** Open `path` in a new context of `run` and wait for the terminal's first prompt. */
export async function openConnectedLesson(run: ServerAndBrowser, path: string, permissions: string[] = []): Promise<Page> {
  const context = await run.newContext();
  if (permissions.length > 0) await context.grantPermissions(permissions, { origin: run.server().url });
  const page = await context.newPage();
  await page.goto(path);
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  return page;
}
