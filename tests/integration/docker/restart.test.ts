/**
 * tests/browser/restart.test.ts's kill -9 case on the Docker driver (issue #17): a learner creates a
 * network and a container on a real sandbox host, the server is killed with SIGKILL and started again,
 * the page reconnects by itself and `docker network ls` / `docker ps` show what the learner made: the
 * new process re-adopted the host. Here, not in the browser project, because it needs the engine
 * (skipped without one; VETHLAB_REQUIRE_DOCKER=1 makes that a failure). Needs `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalStrings } from '../../../src/components/terminal/strings.ts';
import { LABEL } from '../../../src/sandbox/docker/labels.ts';
import { removeLabelled } from '../../../src/sandbox/docker/orphans.ts';
import { endsWithPrompt, launchBrowser, newContext, outputOf, terminalText, typeInTerminal, waitForConnected, waitForTerminal } from '../../browser/harness.ts';
import { startServerChild, type ServerChild } from '../../faults/server-process.ts';
import { RUN_ID, client, ensureGuard, skipReason } from './engine.ts';

const OWNER = `test-${RUN_ID}-restart`;

let browser: Browser;
let context: BrowserContext | undefined;
let dir: string;
const children: ServerChild[] = [];
let removeGuard = () => {};

async function run(page: Page, command: string): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, `${command}\n`);
  const text = await waitForTerminal(page, (t) => t.length > before && outputOf(t, command).includes('\n') && endsWithPrompt(t), 60_000);
  return outputOf(text, command);
}

describe.skipIf(skipReason !== undefined)('server restart on the Docker driver', () => {
  beforeAll(async () => {
    removeGuard = ensureGuard();
    dir = mkdtempSync(join(tmpdir(), 'vethlab-docker-restart-'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await context?.close();
    for (const c of children) {
      if (c.child.exitCode === null && c.child.signalCode === null) {
        c.child.kill('SIGTERM');
        await c.exited;
      }
    }
    await browser?.close();
    // A server cannot label its hosts with this run; its owner is this run's own.
    await removeLabelled(client, { [LABEL.owner]: OWNER });
    rmSync(dir, { recursive: true, force: true });
    removeGuard();
  }, 120_000);

  it("after a kill -9, the page reconnects by itself and the learner's network and container are on the same sandbox host", async () => {
    const env = { SANDBOX_DRIVER: 'docker', SANDBOX_OWNER: OWNER, SANDBOX_POOL_SIZE: '0', SANDBOX_MEMORY: '512m', DATABASE_URL: `sqlite:${join(dir, 'classroom.sqlite')}` };
    const first = await startServerChild(env);
    children.push(first);
    context = await newContext(browser, first.url);
    const page = await context.newPage();
    await page.goto('/en/lessons/1-1-veth-and-docker0/');
    await waitForConnected(page, 120_000);
    await waitForTerminal(page, endsWithPrompt, 120_000);
    await run(page, 'docker network create before-restart');
    await run(page, 'docker run -d --name survivor --network before-restart busybox sleep 3600');
    await run(page, 'echo made-before-restart > /root/marker');
    const before = await page.evaluate(() => localStorage.getItem('vethlab.session'));

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const killedAt = performance.now();
    children.push(await startServerChild(env, first.port));
    const listeningAt = performance.now();

    await waitForConnected(page, 120_000);
    // The resumed terminal is a new login shell on the same host: the screen starts again at its prompt.
    await waitForTerminal(page, (t) => !t.includes('before-restart') && endsWithPrompt(t), 120_000);
    const promptAt = performance.now();
    console.log(
      `docker driver restart: server listening ${(listeningAt - killedAt).toFixed(0)} ms after the kill; the learner's prompt on the adopted host ${(promptAt - listeningAt).toFixed(0)} ms later`,
    );
    expect(await page.evaluate(() => localStorage.getItem('vethlab.session'))).toBe(before);
    expect(await terminalText(page)).not.toContain(terminalStrings('en').restartedLine);
    expect(await run(page, 'docker network ls')).toContain('before-restart');
    expect(await run(page, 'docker ps')).toMatch(/busybox\s+"sleep 3600".*survivor/);
    // the same sandbox host, its own files too
    expect(await run(page, 'cat /root/marker')).toContain('made-before-restart');
  }, 300_000);
});
