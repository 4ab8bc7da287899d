/**
 * The sandbox's lifetime is visible: with a 4-minute TTL the terminal's toolbar warns at once that
 * the sandbox ends in 4 minutes (the server sends its limits in `ready`).
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser, waitForConnected } from './harness.ts';

const suite = useServerAndBrowser({ SANDBOX_TTL_MINUTES: '4' });

it('shows the time left and warns before the TTL', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/en/lessons/4-2-by-name/');
  await waitForConnected(page);
  const timer = page.locator('vl-terminal [data-terminal-timer]');
  await expect.poll(() => timer.isVisible()).toBe(true);
  await expect(timer.textContent()).resolves.toBe('Time limit: the sandbox ends in 4 min');
  await expect(timer.getAttribute('data-warning')).resolves.toBe('ttl');
});
