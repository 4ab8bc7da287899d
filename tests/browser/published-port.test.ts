/**
 * The Ports control: a port published with `docker run -p` is listed and opens nginx's welcome page
 * in a new tab (the server's sandboxes, at a link that names no session and opens nothing in another
 * browser) or in a pane (the in-browser simulator); another session's port and an unpublished one are refused.
 */
import { expect, it } from 'vitest';
import { openConnectedLesson, runTyped, useServerAndBrowser } from './harness.ts';

const run = useServerAndBrowser();
const LESSON = '/en/lessons/1-1-veth-and-docker0/';

it('lists a published port and opens its nginx page in a new tab; unpublished ports and other sessions are refused', async () => {
  const page = await openConnectedLesson(run, LESSON);
  const ports = page.locator('vl-terminal [data-action="ports"]');
  await ports.click();
  await expect(page.locator('vl-terminal [data-ports-empty]').isVisible()).resolves.toBe(true);

  await runTyped(page, 'docker run -d --name web -p 8080:80 nginx');
  await runTyped(page, 'docker run -d --name quiet nginx');
  const link = page.locator('vl-terminal a.vl-terminal__port');
  await expect.poll(() => link.allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringMatching(/^node1:8080 → web:80\s+\(opens in a new tab\)$/)]);
  await expect(page.locator('vl-terminal [data-ports-empty]').isVisible()).resolves.toBe(false);

  await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^\/sandbox\/port\/[A-Za-z0-9_-]{24}\/$/);
  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(await tab.locator('h1').innerText()).toBe('Welcome to nginx!');
  const href = (await link.getAttribute('href')) ?? '';
  // The URL in the history names no session.
  const mySession = await page.evaluate(() => localStorage.getItem('vethlab.session'));
  expect(mySession).toMatch(/^[A-Za-z0-9_-]{24}$/);
  expect(tab.url()).not.toContain(mySession);
  // nginx logged the request: it travelled the model.
  expect(await runTyped(page, 'docker logs web 2>&1 | grep -c "GET / HTTP/1.1"')).toContain('1');

  // A stolen URL opens nothing: not without the browser's key cookie, not in another browser.
  const base = run.server().url;
  expect((await fetch(`${base}${href}`)).status).toBe(404);
  const thief = await (await run.newContext()).newPage();
  const stolen = await thief.goto(`${base}${href}`);
  expect(stolen?.status()).toBe(404);

  // Another learner's session cannot have a link to this one's port, and this one's links open only its own ports.
  const other = await openConnectedLesson(run, LESSON);
  await runTyped(other, 'docker run -d -p 9090:80 nginx');
  const otherSession = await other.evaluate(() => localStorage.getItem('vethlab.session'));
  expect(otherSession).not.toBe(mySession);
  const ask = (session: string | null, port: number) =>
    page.evaluate(
      async ([s, p]) => {
        const response = await fetch('/sandbox/port-links', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: s, node: 'node1', port: p }) });
        const url = response.ok ? ((await response.json()) as { url: string }).url : undefined;
        return url === undefined ? response.status : (await fetch(url)).status;
      },
      [session, port] as const,
    );
  // With only its own id, a page can ask for links to its own ports; port 80 and 9090 are not published here.
  expect(await ask(mySession, 8080)).toBe(200);
  expect(await ask(mySession, 80)).toBe(404);
  expect(await ask(mySession, 9090)).toBe(404);

  // Stopping the container takes the port off the list.
  await runTyped(page, 'docker stop web');
  await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(0);
  // Two learners' sessions and a dozen commands: more than the default minute on a busy machine.
}, 150_000);

it('opens a port of the in-browser simulator in a pane', async () => {
  const context = await run.newContext();
  await context.addInitScript(() => sessionStorage.setItem('vethlab.sandbox-mode', 'browser'));
  const page = await context.newPage();
  await page.goto(LESSON);
  await page.locator('vl-terminal').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('vl-terminal')?.dataset.status === 'connected', null, { timeout: 30_000 });
  await runTyped(page, 'docker run -d -p 8080:80 nginx');
  await page.locator('vl-terminal [data-action="ports"]').click();
  const open = page.locator('vl-terminal button.vl-terminal__port');
  await expect.poll(() => open.allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringMatching(/^node1:8080 → \w+:80$/)]);
  await open.click();
  const frame = page.frameLocator('vl-terminal [data-port-view] iframe');
  await expect.poll(() => frame.locator('h1').innerText(), { timeout: 10_000 }).toBe('Welcome to nginx!');
  // The frame has no scripts and no origin of its own to reach the course with.
  expect(await page.locator('vl-terminal [data-port-view] iframe').getAttribute('sandbox')).toBe('');
}, 120_000);
