/**
 * The static build is the whole course with no server of ours: dist-static/ behind a plain static
 * file server. A learner opens a lesson, runs the article's commands in the in-browser simulator,
 * pings by name, completes the exercise, reloads and finds the containers still there; then searches
 * the lessons in both languages. Prints the time from the terminal becoming visible to its first
 * prompt (measured, not asserted: see docs/static-hosting.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, endsWithPrompt, newContext, outputOf, startServer, terminalText, typeInTerminal, useBrowser, waitForConnected, waitForTerminal } from './harness.ts';
import { TIMING_SCRIPT, ensureStaticBuild, promptTiming, savedInput, serveStatic, type StaticServer } from './static-harness.ts';

const LESSON = '/en/lessons/4-2-by-name/';
const ARTICLE = ['docker network create bridge2', 'docker run -dit --network bridge2 --name box1 busybox', 'docker run -dit --network bridge2 --name box2 busybox'];
/** The lesson's exercise (web-by-name), solved by starting both containers on a network of their own. */
const SOLUTION = ['docker network create appnet', 'docker run -d --name api --network appnet nginx', 'docker run -dit --name caller --network appnet busybox'];
const WORKER_CHUNK = /\/_astro\/sandbox-worker[^/]*\.js$/;

let server: StaticServer;

beforeAll(async () => {
  ensureStaticBuild();
  server = await serveStatic();
});

afterAll(async () => {
  await server?.close();
});

// Registered after the static server: launched after it, closed before it.
const browser = useBrowser();

/** Type a command, press Enter, and wait for its output and the next prompt. */
async function runCommand(page: Page, command: string, timeoutMs = 20_000): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, `${command}\n`);
  const text = await waitForTerminal(page, (t) => t.length > before && outputOf(t, command).includes('\n') && endsWithPrompt(t), timeoutMs);
  return outputOf(text, command);
}

/** Open the search dialog with a shortcut, search, and return the result links. */
async function search(page: Page, shortcut: string, term: string): Promise<string[]> {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press(shortcut);
  const input = page.locator('vl-search dialog[open] input[type="search"]');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(term);
  await page.waitForFunction(() => document.querySelectorAll('vl-search [data-search-results] a').length > 0, null, { timeout: 10_000 });
  return page.$$eval('vl-search [data-search-results] a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe('static build', () => {
  it('runs the lesson in the in-browser simulator and keeps the sandbox across a reload', async () => {
    const context = await newContext(browser(), server.url);
    await context.addInitScript(TIMING_SCRIPT);
    const page = await context.newPage();
    const workerRequests: string[] = [];
    page.on('request', (r) => {
      if (WORKER_CHUNK.test(new URL(r.url()).pathname)) workerRequests.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(LESSON);
    const firstPrompt = await promptTiming(page);
    await waitForConnected(page);
    expect(workerRequests).toHaveLength(1);

    for (const command of ARTICLE) await runCommand(page, command);
    expect(await runCommand(page, 'docker exec box1 ping -c 3 box2')).toMatch(/PING box2 \(172\.18\.0\.3\)[\s\S]*3 packets transmitted, 3 packets received/);

    for (const command of SOLUTION) await runCommand(page, command);
    const exercise = page.locator('vl-exercise[data-exercise="web-by-name"]');
    await exercise.scrollIntoViewIfNeeded();
    // Checks run by themselves after each command; pressing Check as well is harmless.
    await exercise.locator('button[data-action="check"]').click();
    await page.waitForFunction(() => document.querySelector('vl-exercise[data-exercise="web-by-name"]')?.hasAttribute('data-done'), null, {
      timeout: 30_000,
    });

    // Saved a moment after the last change; then reload.
    const deadline = Date.now() + 10_000;
    while (!(await savedInput(page)).includes('--name caller')) {
      if (Date.now() > deadline) throw new Error('the sandbox was never saved to IndexedDB');
      await page.waitForTimeout(100);
    }
    await page.reload();
    // The reload restores the scroll position at the exercise; bring the terminal back into view as
    // the learner would (it loads only when visible).
    await page.locator('vl-terminal').first().scrollIntoViewIfNeeded();
    const restoredPrompt = await promptTiming(page);
    await waitForConnected(page);
    await waitForTerminal(page, (t) => t.includes('3 packets transmitted') && endsWithPrompt(t));
    const ps = await runCommand(page, 'docker ps --format "{{.Names}}"');
    const names = ps
      .split('\n')
      .slice(0, -1)
      .map((line) => line.trim())
      .filter(Boolean);
    expect(names.sort()).toEqual(['api', 'box1', 'box2', 'caller']);
    expect(await runCommand(page, 'docker exec box2 ping -c 1 box1')).toMatch(/1 packets transmitted, 1 packets received/);
    expect(await page.locator('vl-exercise[data-exercise="web-by-name"]').getAttribute('data-done')).not.toBeNull();
    expect(errors).toEqual([]);

    console.log(`[static] time from terminal visible to first prompt: ${firstPrompt} ms (fresh sandbox), ${restoredPrompt} ms (after reload, rebuilt from the journal)`);
    await context.close();
  });

  it('Reset in the static build starts a fresh sandbox that a reload keeps fresh', async () => {
    const context = await newContext(browser(), server.url);
    const page = await context.newPage();
    await page.goto(LESSON);
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    await runCommand(page, 'docker network create gone');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('vl-terminal [data-action="reset"]').click();
    await waitForTerminal(page, (t) => !t.includes('gone') && endsWithPrompt(t));
    await page.waitForTimeout(600);
    await page.reload();
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    expect(await runCommand(page, 'docker network ls')).not.toContain('gone');
    await context.close();
  });

  it('searches the lessons in English and Chinese and lands on them', async () => {
    const context = await newContext(browser(), server.url);
    const page = await context.newPage();

    await page.goto('/en/');
    const veth = await search(page, '/', 'veth');
    expect(veth[0]).toBe('/en/lessons/1-1-veth-and-docker0/');
    expect(veth.every((path) => path.startsWith('/en/lessons/'))).toBe(true);
    await page.locator('vl-search [data-search-results] a').first().click();
    await page.waitForURL(`**${veth[0]}`);
    await expect(page.locator('main h1').textContent()).resolves.toMatch(/veth/i);

    await page.goto('/');
    const ports = await search(page, 'Control+k', '端口映射');
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.every((path) => path.startsWith('/lessons/'))).toBe(true);
    // The chapter on publishing ports is the answer once it exists; until then, every hit must mention it.
    const publishing = join(REPO_ROOT, 'src/content/lessons/zh/5-2-publishing-ports.mdx');
    if (existsSync(publishing)) expect(ports[0]).toBe('/lessons/5-2-publishing-ports/');
    await page.locator('vl-search [data-search-results] a').first().click();
    await page.waitForURL(`**${ports[0]}`);
    await expect(page.locator('main').textContent()).resolves.toContain('端口映射');
    console.log(`[static] search "veth" (en): ${veth.join(', ')}`);
    console.log(`[static] search "端口映射" (zh): ${ports.join(', ')}`);
    await context.close();
  });
});

describe('server build: in-browser fallback', () => {
  it('offers the in-browser simulator when the server is full, and runs there once accepted', async () => {
    const app = await startServer({ SANDBOX_MAX_SESSIONS: '1' });
    try {
      const first = await newContext(browser(), app.url);
      const holder = await first.newPage();
      await holder.goto(LESSON);
      await waitForConnected(holder);

      const context = await newContext(browser(), app.url);
      const page = await context.newPage();
      const workerRequests: string[] = [];
      page.on('request', (r) => {
        if (WORKER_CHUNK.test(new URL(r.url()).pathname)) workerRequests.push(r.url());
      });
      await page.goto(LESSON);
      const offer = page.locator('vl-terminal [data-action="use-browser-simulator"]');
      await offer.waitFor({ state: 'visible', timeout: 15_000 });
      expect(workerRequests).toEqual([]);
      await offer.click();
      await waitForConnected(page);
      await waitForTerminal(page, endsWithPrompt);
      expect(await runCommand(page, 'docker network create fallback-net')).not.toMatch(/error/i);
      expect(workerRequests).toHaveLength(1);
      await expect(offer.count()).resolves.toBe(0);
      await first.close();
      await context.close();
    } finally {
      await app.stop();
    }
  });

  it('offers it when the server stays unreachable', async () => {
    const app = await startServer();
    try {
      const context = await newContext(browser(), app.url);
      const page = await context.newPage();
      // Every sandbox socket dies at once, as when the backend is down behind a proxy (the URL carries
      // ?route=<key> for the load balancer's affinity).
      await page.routeWebSocket(/\/ws\/sandbox(\?.*)?$/, (ws) => ws.close({ code: 1006 }));
      await page.goto(LESSON);
      const offer = page.locator('vl-terminal [data-action="use-browser-simulator"]');
      await offer.waitFor({ state: 'visible', timeout: 20_000 });
      await offer.click();
      await waitForConnected(page);
      await waitForTerminal(page, endsWithPrompt);
      await context.close();
    } finally {
      await app.stop();
    }
  });
});
