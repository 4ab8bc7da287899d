/**
 * Lesson 4.4 clicked through by its Run buttons alone: blocks without a node run on the lesson's
 * first node even after a node2 block made node2's tab the visible one, so the swarm forms, the
 * overlay is created on the manager, o2 on node2 pings o1 on node1 and the exercise passes.
 */
import { expect, it } from 'vitest';
import { endsWithPrompt, useServerAndBrowser, waitForConnected } from './harness.ts';

const suite = useServerAndBrowser();

it('runs every unlabelled block of 4.4 on node1 and the lesson completes', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/en/lessons/4-4-across-nodes/');
  await page.locator('vl-terminal').first().scrollIntoViewIfNeeded();
  await waitForConnected(page);
  const text = (node: string) => page.evaluate((n) => document.querySelector('vl-terminal')!.textContentForTests(n), node);

  // The exercise's solution blocks take part too: open it so its Run buttons can be pressed.
  await page.locator('.vl-exercise__solution summary').click();
  const blocks = page.locator('.vl-lesson__body vl-command');
  const count = await blocks.count();
  expect(count).toBeGreaterThan(10);
  for (let i = 0; i < count; i++) {
    const block = blocks.nth(i);
    // Every block of a two-node lesson names the node it runs on.
    const label = ((await block.locator('.vl-command__node').textContent()) ?? '').trim();
    const node = /^on (node\d)$/.exec(label)?.[1];
    expect(node, `block ${i} label "${label}"`).toBeDefined();
    const command = (await block.getAttribute('data-command')) ?? '';
    const before = (await text(node!)).length;
    await block.locator('button[data-action="run"]').click();
    await expect
      .poll(
        async () => {
          const now = await text(node!);
          return now.length > before && now.slice(before).includes(command.slice(0, 20)) && endsWithPrompt(now);
        },
        { timeout: 30_000, message: `block ${i} (${command}) on ${node}` },
      )
      .toBe(true);
  }

  const node1 = await text('node1');
  const node2 = await text('node2');
  // docker node ls ran on the manager: both nodes listed, no "not a swarm manager".
  expect(node1).not.toContain('This node is not a swarm manager');
  expect(node1).toMatch(/node1\s+Ready\s+Active\s+Leader/);
  expect(node1).toMatch(/node2\s+Ready\s+Active/);
  // The overlay was created on node1 and o2 on node2 reached o1 across it.
  expect(node2).toMatch(/2 packets transmitted, 2 (packets )?received, 0% packet loss/);
  expect(node2).not.toMatch(/Error response from daemon/);
  // The exercise (done on node1 by its solution) is complete.
  await expect.poll(() => page.locator('vl-exercise').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('passed');
});
