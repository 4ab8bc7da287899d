/**
 * The Ports control: a port published with `docker run -p` is listed and opens nginx's welcome page
 * in a new tab (the server's sandboxes) or in a pane (the in-browser simulator); another session's
 * port and an unpublished one are refused.
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

  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(await tab.locator('h1').innerText()).toBe('Welcome to nginx!');
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/sandbox\/[A-Za-z0-9_-]{24}\/port\/node1\/8080\/$/);
  // nginx logged the request: it travelled the model.
  expect(await runTyped(page, 'docker logs web 2>&1 | grep -c "GET / HTTP/1.1"')).toContain('1');

  // The container's own port 80 is not published: not listed, and refused when asked for.
  const base = run.server().url;
  expect((await fetch(`${base}${href?.replace('/8080/', '/80/')}`)).status).toBe(404);

  // Another learner's session cannot open this one's port, and this one cannot open theirs.
  const other = await openConnectedLesson(run, LESSON);
  await runTyped(other, 'docker run -d -p 9090:80 nginx');
  const otherSession = await other.evaluate(() => localStorage.getItem('vethlab.session'));
  const mySession = href?.split('/')[2];
  expect(otherSession).toMatch(/^[A-Za-z0-9_-]{24}$/);
  expect(otherSession).not.toBe(mySession);
  expect((await fetch(`${base}/sandbox/${otherSession}/port/node1/8080/`)).status).toBe(404);
  expect((await fetch(`${base}/sandbox/${mySession}/port/node1/9090/`)).status).toBe(404);
  expect((await fetch(`${base}/sandbox/${otherSession}/port/node1/9090/`)).status).toBe(200);

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
