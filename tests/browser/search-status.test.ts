/**
 * The search dialog says a search is running while the index loads (seconds on a slow link or a busy
 * machine), instead of "Type to search all lessons." over the word the learner just typed.
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './harness.ts';

const run = useServerAndBrowser();

it('says it is searching until the results come, in both languages', async () => {
  const context = await run.newContext();
  // A slow index: every chunk of it arrives a second late.
  await context.route('**/pagefind/index/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const page = await context.newPage();
  for (const [path, term, searching] of [
    ['/en/', 'bridge', 'Searching…'],
    ['/', '网桥', '正在搜索…'],
  ] as const) {
    await page.goto(path);
    await page.locator('vl-search [data-search-open]').click();
    await page.locator('vl-search dialog[open] input[type="search"]').fill(term);
    await expect.poll(() => page.locator('vl-search [data-search-status]').textContent(), { timeout: 5_000 }).toBe(searching);
    await page.waitForFunction(() => document.querySelectorAll('vl-search [data-search-results] a').length > 0, null, { timeout: 20_000 });
    await expect(page.locator('vl-search [data-search-status]').textContent()).resolves.toBe('');
  }
}, 90_000);
