/**
 * Keyboard: the second Tab on a lesson page is "Skip to the terminal", which puts the keys into the
 * shell with a visible ring around it; progress text is kept out of the search index.
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser, waitForConnected } from './harness.ts';

const suite = useServerAndBrowser();

it('skips to the terminal in two Tabs and shows where the keys go', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/en/lessons/4-2-by-name/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to the terminal');
  await page.keyboard.press('Enter');
  await waitForConnected(page);
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false)).toBe(true);
  const ring = await page
    .locator('vl-terminal .vl-terminal__panel')
    .first()
    .evaluate((panel) => getComputedStyle(panel).outlineStyle);
  expect(ring).toBe('solid');
  const html = await (await page.request.get('/en/lessons/4-2-by-name/')).text();
  expect(html).toMatch(/data-vl-progress[^>]*data-pagefind-ignore="all"/);
});
