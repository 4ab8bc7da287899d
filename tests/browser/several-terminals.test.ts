/**
 * Two terminals on one node: "+" opens a second tab on node1 with its own shell in the same
 * sandbox. A container made in one is listed by `docker ps` in the other; Ctrl-C in one leaves a
 * ping running in the other.
 */
import { expect, it } from 'vitest';
import { openConnectedLesson, useServerAndBrowser } from './harness.ts';

const run = useServerAndBrowser();

it('opens a second terminal on node1 that shares the sandbox but not the foreground job', async () => {
  const page = await openConnectedLesson(run, '/en/lessons/1-1-veth-and-docker0/');
  const text = (name: string) => page.evaluate((n) => document.querySelector('vl-terminal')!.textContentForTests(n), name);
  const typeInto = async (name: string, keys: string) => {
    await page.locator(`vl-terminal [data-node-panel="${name}"] .xterm-helper-textarea`).focus();
    await page.keyboard.type(keys);
  };

  await page.locator('vl-terminal [data-action="new-terminal"]').click();
  await expect(page.getByRole('tab').allInnerTexts()).resolves.toEqual(['node1', 'node1 · 2']);
  await expect.poll(() => text('node1/2'), { timeout: 20_000 }).toMatch(/root@node1:~# $/);
  await expect(page.getByRole('tab', { name: 'node1 · 2' }).getAttribute('aria-selected')).resolves.toBe('true');

  // A container made in the first terminal ...
  await page.getByRole('tab', { name: 'node1', exact: true }).click();
  await typeInto('node1', 'docker run -dit --name made-in-one busybox\n');
  await expect.poll(() => text('node1'), { timeout: 20_000 }).toMatch(/[0-9a-f]{64}\s+root@node1:~# $/);
  // ... is listed in the second.
  await page.getByRole('tab', { name: 'node1 · 2' }).click();
  await typeInto('node1/2', 'docker ps --format {{.Names}}\n');
  await expect.poll(() => text('node1/2'), { timeout: 20_000 }).toMatch(/made-in-one\s+root@node1:~# $/);

  // A ping runs in the second; Ctrl-C in the first does not stop it.
  await typeInto('node1/2', 'ping 127.0.0.1\n');
  await expect.poll(() => text('node1/2'), { timeout: 20_000 }).toContain('seq=1');
  await page.getByRole('tab', { name: 'node1', exact: true }).click();
  await page.locator('vl-terminal [data-node-panel="node1"] .xterm-helper-textarea').focus();
  await page.keyboard.press('Control+C');
  await expect.poll(() => text('node1'), { timeout: 10_000 }).toMatch(/\^C\s+root@node1:~# $/);
  const seqs = async () => ((await text('node1/2')).match(/seq=/g) ?? []).length;
  const before = await seqs();
  await expect.poll(seqs, { timeout: 10_000 }).toBeGreaterThan(before);
  expect(await text('node1/2')).not.toContain('packets transmitted');
  // Its own Ctrl-C ends it.
  await page.getByRole('tab', { name: 'node1 · 2' }).click();
  await page.locator('vl-terminal [data-node-panel="node1/2"] .xterm-helper-textarea').focus();
  await page.keyboard.press('Control+C');
  await expect.poll(() => text('node1/2'), { timeout: 10_000 }).toContain('packets transmitted');
});
