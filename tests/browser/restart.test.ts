/**
 * Server-side outages as a learner sees them: after a restart (SIGTERM, or kill -9) the open terminal
 * reconnects by itself to the same sandbox, rebuilt from its journal (issue #17); with sessions not
 * kept, it says in the page's language that this is a fresh sandbox; with the real driver and no
 * Docker engine, it says the engine is unavailable.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { terminalStrings } from '../../src/components/terminal/strings.ts';
import { DEFAULT_FLUSH_MS } from '../../src/sandbox/persistence/kept-simulator.ts';
import { startServerChild, type ServerChild } from '../faults/server-process.ts';
import { endsWithPrompt, launchBrowser, newContext, outputOf, terminalText, typeInTerminal, waitForConnected, waitForTerminal } from './harness.ts';

const SLUG = '1-1-veth-and-docker0';

let browser: Browser;
let context: BrowserContext | undefined;
const children: ServerChild[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null && c.child.signalCode === null) {
      c.child.kill('SIGTERM');
      await c.exited;
    }
  }
});

afterAll(async () => {
  await browser?.close();
});

async function start(env: Record<string, string> = {}, port?: number): Promise<ServerChild> {
  const server = await startServerChild(env, port);
  children.push(server);
  return server;
}

async function openLesson(base: string, path: string): Promise<Page> {
  context = await newContext(browser, base);
  const page = await context.newPage();
  await page.goto(path);
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  return page;
}

async function run(page: Page, command: string): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, `${command}\n`);
  const text = await waitForTerminal(page, (t) => t.length > before && outputOf(t, command).includes('\n') && endsWithPrompt(t), 30_000);
  return outputOf(text, command);
}

const sessionId = (page: Page) => page.evaluate(() => localStorage.getItem('vethlab.session'));

describe('server restart', () => {
  for (const [how, lang, path] of [
    ['SIGTERM', 'zh', `/lessons/${SLUG}/`],
    ['kill -9', 'en', `/en/lessons/${SLUG}/`],
  ] as const) {
    it(`after a ${how}, the page reconnects by itself (${lang}) and the learner's network and container are still there`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vethlab-restart-'));
      const env = { DATABASE_URL: `sqlite:${join(dir, 'classroom.sqlite')}` };
      const first = await start(env);
      const page = await openLesson(first.url, path);
      await run(page, 'docker network create before-restart');
      await run(page, 'docker run -d --name survivor --network before-restart busybox sleep 3600');
      const before = await sessionId(page);
      expect(before).toBeTruthy();

      if (how === 'SIGTERM') {
        first.child.kill('SIGTERM');
        expect((await first.exited).code).toBe(0);
      } else {
        // A kill -9 loses what changed in the last flush interval (kept-simulator.ts); the journal
        // with a command but not its output is tests/unit/worker/journal.test.ts's case.
        await page.waitForTimeout(DEFAULT_FLUSH_MS * 3);
        first.child.kill('SIGKILL');
        expect((await first.exited).signal).toBe('SIGKILL');
      }
      const lines = (await terminalText(page)).length;
      await start(env, first.port);

      await waitForConnected(page);
      await waitForTerminal(page, endsWithPrompt);
      expect(await sessionId(page)).toBe(before);
      // The same sandbox, not a fresh one: no "fresh sandbox" line, and what the learner made is there.
      expect((await terminalText(page)).slice(lines)).not.toContain(terminalStrings(lang).restartedLine);
      expect(await run(page, 'docker network ls')).toContain('before-restart');
      expect(await run(page, 'docker ps')).toMatch(/busybox\s+"sleep 3600".*survivor/);
    }, 120_000);
  }

  it('with SANDBOX_KEEP_SESSIONS=0, a kill -9 gives a fresh sandbox and the terminal says so', async () => {
    const env = { SANDBOX_KEEP_SESSIONS: '0' };
    const first = await start(env);
    const page = await openLesson(first.url, `/en/lessons/${SLUG}/`);
    await run(page, 'docker network create before-restart');
    const before = await sessionId(page);
    first.child.kill('SIGKILL');
    await first.exited;
    await start(env, first.port);
    await waitForTerminal(page, (t) => t.includes(terminalStrings('en').restartedLine), 30_000);
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    expect(await sessionId(page)).not.toBe(before);
    expect(await run(page, 'docker network ls')).not.toContain('before-restart');
  });
});

describe('Docker engine unavailable', () => {
  it('the terminal says the engine is unavailable, in the page language', async () => {
    const server = await start({ SANDBOX_DRIVER: 'docker', DOCKER_HOST: 'unix:///tmp/vethlab-no-docker-engine.sock', SANDBOX_POOL_SIZE: '0' });
    context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto(`/lessons/${SLUG}/`);
    await waitForTerminal(page, (t) => t.includes(terminalStrings('zh').unavailableLine), 20_000);
    // The page itself is fine.
    await expect(page.locator('h1').first().isVisible()).resolves.toBe(true);
  });
});
