/**
 * The server dies mid-lesson: the terminal offers the in-browser simulator, whose code comes from the
 * service worker's cache; keys typed while reconnecting reach the new sandbox; Check waits instead of
 * failing the learner; the exercise can be finished; and a reload with the server still gone shows
 * the lesson from the cache with the checks agreeing with the DONE badge.
 */
import { expect, it } from 'vitest';
import { endsWithPrompt, typeInTerminal, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const suite = useServerAndBrowser({}, { checkExit: false });
const LESSON = '/en/lessons/4-2-by-name/';

it('continues on the in-browser simulator with the server gone and finishes an exercise', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto(LESSON);
  await page.locator('vl-terminal').scrollIntoViewIfNeeded();
  await waitForConnected(page);
  // The service worker installed (everything precached) and controls the page.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

  await suite.server().stop();
  await page.waitForFunction(() => document.querySelector('vl-terminal')?.dataset.status !== 'connected');
  const check = page.locator('vl-exercise button[data-action="check"]');
  await expect.poll(() => check.isDisabled(), { timeout: 10_000 }).toBe(true);
  await expect(page.locator('vl-exercise [data-summary]').textContent()).resolves.toBe('Checks wait until the terminal is connected again.');
  // Typed during the outage: sent once a sandbox answers again.
  await typeInTerminal(page, 'echo typed-while-away\r');

  const offer = page.locator('vl-terminal [data-action="use-browser-simulator"]');
  await offer.waitFor({ state: 'visible', timeout: 30_000 });
  await offer.click();
  await waitForConnected(page);
  await waitForTerminal(page, (text) => /\ntyped-while-away\n/.test(text) && endsWithPrompt(text));
  await expect(check.isDisabled()).resolves.toBe(false);

  await page.locator('vl-exercise summary').click();
  for (const run of await page.locator('vl-exercise vl-command button[data-action="run"]').all()) {
    const before = (await page.evaluate(() => document.querySelector('vl-terminal')!.textContentForTests())).length;
    await run.click();
    await waitForTerminal(page, (text) => text.length > before && endsWithPrompt(text), 30_000);
  }
  await check.click();
  await expect.poll(() => page.locator('vl-exercise').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('passed');
  await expect(page.locator('vl-exercise [data-done-badge]').isVisible()).resolves.toBe(true);

  // Still no server: the page comes from the cache, and its checks agree with the badge.
  await page.reload();
  await expect(page.locator('vl-exercise [data-done-badge]').isVisible()).resolves.toBe(true);
  const states = await page.locator('vl-exercise [data-check]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.state));
  expect(states.length).toBeGreaterThan(0);
  expect(
    states.every((state) => state === 'passed'),
    states.join(', '),
  ).toBe(true);
  await expect(page.locator('vl-exercise [data-state-label]').first().textContent()).resolves.toContain('Passed earlier');
  // The in-browser sandbox (kept in this browser) is there after the reload too.
  await page.locator('vl-terminal').scrollIntoViewIfNeeded();
  await waitForConnected(page);
}, 120_000);
