/**
 * A two-node lesson (4.4) has one terminal per node in tabs, in one sandbox: each tab has its own host
 * prompt, Run on a block marked for node2 types into node2's terminal, and what node1 does is seen
 * from node2 across the shared LAN.
 */
import { expect, it } from 'vitest';
import { endsWithPrompt, useServerAndBrowser, waitForConnected } from './harness.ts';

const suite = useServerAndBrowser();

it('shows a tab per node, each with its own prompt, and runs node2 blocks on node2', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/en/lessons/4-4-across-nodes/');
  await page.locator('vl-terminal').first().scrollIntoViewIfNeeded();
  await waitForConnected(page);

  await expect(page.getByRole('tab').allInnerTexts()).resolves.toEqual(['node1', 'node2']);
  const text = (node: string) => page.evaluate((n) => document.querySelector('vl-terminal')!.textContentForTests(n), node);
  await expect.poll(() => text('node1'), { timeout: 15_000 }).toMatch(/root@node1:~# $/);

  await page.getByRole('tab', { name: 'node2' }).click();
  await expect(page.getByRole('tab', { name: 'node2' }).getAttribute('aria-selected')).resolves.toBe('true');
  await expect.poll(() => text('node2'), { timeout: 15_000 }).toMatch(/root@node2:~# $/);

  // A command typed on node1 ...
  await page.getByRole('tab', { name: 'node1' }).click();
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('vl:run', { detail: { command: 'hostname', node: 'node1' } })));
  await expect.poll(() => text('node1'), { timeout: 15_000 }).toMatch(/hostname\r?\nnode1\r?\nroot@node1:~# $/);

  // ... and the first Run button of a block marked node2 lands in node2's terminal only.
  const block = page.locator('vl-command[data-node="node2"]').first();
  const command = (await block.getAttribute('data-command')) ?? '';
  expect(command).not.toBe('');
  await block.locator('button[data-action="run"]').click();
  await expect.poll(() => text('node2'), { timeout: 20_000 }).toContain(command);
  await expect.poll(async () => endsWithPrompt(await text('node2')), { timeout: 20_000 }).toBe(true);
  expect(await text('node1')).not.toContain(command);
});
