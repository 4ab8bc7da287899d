import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { endsWithPrompt, openConnectedLesson, outputOf, runTyped, terminalText, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const LESSON = '/lessons/1-1-veth-and-docker0/';

const run = useServerAndBrowser();

function openLesson(path = LESSON, permissions: string[] = []): Promise<Page> {
  return openConnectedLesson(run, path, permissions);
}

function sessionId(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('vethlab.session'));
}

describe('lesson terminal', () => {
  it('appears in chapter 1 and shows a host prompt', async () => {
    const page = await openLesson();
    const region = page.getByRole('region', { name: '终端' });
    await expect(region.count()).resolves.toBe(1);
    const text = await terminalText(page);
    expect(text.split('\n').at(-1)).toMatch(/[#$] ?$/);
    expect(await sessionId(page)).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('lists bridge, host and none for `docker network ls`', async () => {
    const page = await openLesson();
    const output = await runTyped(page, 'docker network ls');
    for (const name of ['bridge', 'host', 'none']) expect(output).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('runs a command block when its Run button is pressed', async () => {
    const page = await openLesson();
    const block = await pickCommandBlock(page);
    const command = (await block.getAttribute('data-command'))!;
    await block.locator('button[data-action="run"]').click();
    const text = await waitForTerminal(page, (t) => outputOf(t, command).includes('\n') && endsWithPrompt(t));
    expect(outputOf(text, command)).not.toBe('');
    await expect(page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).resolves.toBe(true);
  });

  it('copies a command block with its Copy button', async () => {
    const page = await openLesson(LESSON, ['clipboard-read', 'clipboard-write']);
    const block = page.locator('vl-command').first();
    const command = (await block.getAttribute('data-command'))!;
    await block.locator('button[data-action="copy"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(command);
  });

  it('copies the whole terminal with Copy all', async () => {
    const page = await openLesson(LESSON, ['clipboard-read', 'clipboard-write']);
    await runTyped(page, 'echo copy-all-marker');
    await page.locator('vl-terminal button[data-action="copy"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('copy-all-marker');
  });

  it('keeps the sandbox and the screen across a reload', async () => {
    const page = await openLesson();
    await runTyped(page, 'docker run -d --name keepme busybox sleep 3600');
    const session = await sessionId(page);
    await page.reload();
    await waitForConnected(page);
    // The scrollback replay redraws the screen as it was.
    await waitForTerminal(page, (t) => outputOf(t, 'docker run -d --name keepme busybox sleep 3600') !== '' && endsWithPrompt(t));
    expect(await sessionId(page)).toBe(session);
    expect(await runTyped(page, 'docker ps -a')).toContain('keepme');
  });

  it('gives a clean sandbox after Reset', async () => {
    const page = await openLesson();
    await runTyped(page, 'docker run -d --name keepme busybox sleep 3600');
    const session = await sessionId(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('vl-terminal button[data-action="reset"]').click();
    await expect.poll(() => sessionId(page)).not.toBe(session);
    await waitForTerminal(page, (t) => !t.includes('keepme') && endsWithPrompt(t));
    expect(await runTyped(page, 'docker ps -a')).not.toContain('keepme');
  });

  it('runs hidden checks through element.exec', async () => {
    const page = await openLesson();
    const result = await page.evaluate(() => document.querySelector('vl-terminal')!.exec('docker network ls'));
    expect(result.exit).toBe(0);
    expect(result.output).toContain('bridge');
    // A hidden check leaves no trace on the learner's screen.
    expect(await terminalText(page)).not.toContain('docker network ls');
  });

  it('lets the keyboard leave the terminal with Esc then Tab', async () => {
    const page = await openLesson();
    await page.locator('vl-terminal .xterm-helper-textarea').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.className ?? '');
    expect(focused).not.toContain('xterm-helper-textarea');
    await expect(page.locator('vl-terminal .vl-terminal__hint').textContent()).resolves.toContain('Esc');
  });
});

/** A command block that runs on the host and finishes by itself: an `ip` or `docker network` one if there is. */
async function pickCommandBlock(page: Page) {
  const blocks = page.locator('vl-command');
  const count = await blocks.count();
  expect(count).toBeGreaterThan(0);
  let fallback = -1;
  for (let i = 0; i < count; i++) {
    const command = (await blocks.nth(i).getAttribute('data-command')) ?? '';
    if (/^(ip |docker network )/.test(command)) return blocks.nth(i);
    if (fallback < 0 && !/\s-it\b|^(yum|apt|apt-get) /.test(command)) fallback = i;
  }
  return blocks.nth(Math.max(0, fallback));
}
