/**
 * A published port's page on plain HTTP under a name that is not loopback (a classroom server at
 * http://lab.example:4321): its key cookie can only be SameSite=Lax there, and the page still loads its
 * own stylesheet and images, with no scripts and the same refusal of a stolen URL. The name is mapped to
 * 127.0.0.1 inside Chromium, so nothing leaves the machine.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { endsWithPrompt, launchBrowser, runTyped, startServer, waitForConnected, waitForTerminal, type ServerProcess } from './harness.ts';

const HOST = 'vethlab-classroom.test';
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop(), server.output()).toBe(0);
});

it("loads a port page's own stylesheet and image on plain HTTP off loopback, and runs none of its scripts", async () => {
  const base = `http://${HOST}:${server.port}`;
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/en/lessons/1-1-veth-and-docker0/');
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  await runTyped(page, 'docker run -d --name web -p 8080:80 busybox sleep 3600');
  const files = [
    `echo '<link rel=stylesheet href=s.css><h1>styled</h1><img src=dot.svg alt=dot><script src=x.js></script>' > /www/index.html`,
    `echo 'h1 { color: rgb(1, 2, 3) }' > /www/s.css`,
    `echo '<svg xmlns="http://www.w3.org/2000/svg" width="7" height="5"/>' > /www/dot.svg`,
    `echo 'document.title = "ran"' > /www/x.js`,
  ];
  await runTyped(page, `docker exec web sh -c "mkdir -p /www && ${files.join(' && ').replaceAll('"', '\\"')}"`);
  await runTyped(page, 'docker exec web httpd -h /www -p 80');
  await page.locator('vl-terminal [data-action="ports"]').click();
  const link = page.locator('vl-terminal a.vl-terminal__port');
  await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^\/sandbox\/port\/[A-Za-z0-9_-]{24}\/$/);
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState('load');
  expect(await tab.locator('h1').innerText()).toBe('styled');
  // Its stylesheet and its image came with the key: same-site requests of a page at the course's origin.
  expect(await tab.locator('h1').evaluate((h1) => getComputedStyle(h1).color)).toBe('rgb(1, 2, 3)');
  expect(await tab.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(7);
  // ... and none of its scripts ran, so nothing on it reads the course's storage.
  expect(await tab.title()).not.toBe('ran');
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'vl_port_key')?.sameSite).toBe('Lax');

  // A stolen URL still opens nothing in another browser.
  const href = (await link.getAttribute('href')) ?? '';
  const thief = await browser.newContext({ baseURL: base });
  expect((await (await thief.newPage()).goto(href))?.status()).toBe(404);
  await thief.close();
  await context.close();
}, 120_000);
