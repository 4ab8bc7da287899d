/**
 * A lesson on a phone (390×844, touch) in both languages: nothing scrolls sideways, the header's
 * language switch and theme toggle are on screen, the terminal is docked at the bottom while the
 * learner reads once it was used, and the key bar sends what the phone's keyboard lacks (arrows, Ctrl-C).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { endsWithPrompt, terminalText, typeCommand, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const suite = useServerAndBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } as const;

async function openOnPhone(path: string): Promise<Page> {
  const context = await suite.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

/** Whether `selector`'s box lies inside the viewport's width. */
function withinWidth(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth;
    });
}

for (const path of ['/lessons/4-4-across-nodes/', '/en/lessons/4-2-by-name/']) {
  it(`${path} fits a 390-px phone with the terminal docked`, async () => {
    const page = await openOnPhone(path);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await expect(withinWidth(page, '.vl-lang-switch')).resolves.toBe(true);
    await expect(withinWidth(page, 'vl-theme-toggle button')).resolves.toBe(true);
    await expect(withinWidth(page, '.vl-header [data-search-open]')).resolves.toBe(true);

    // Once used (a Run button), the terminal docks at the bottom of the screen, keys included, while
    // the learner reads the top of the lesson.
    await page.locator('.vl-lesson__body vl-command button[data-action="run"]').first().click();
    await page.waitForFunction(() => document.querySelector('vl-terminal')?.dataset.status !== 'idle');
    await page.evaluate(() => window.scrollTo(0, 0));
    const dock = await page.locator('vl-terminal').boundingBox();
    expect(dock).not.toBeNull();
    expect(Math.abs(dock!.y + dock!.height - 844)).toBeLessThanOrEqual(2);
    expect(dock!.height).toBeLessThan(844 / 2);
    await expect(page.locator('vl-terminal .vl-terminal__keys').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `/tmp/vethlab-phone${path.replace(/\//g, '_')}.png` });
  });
}

it('the key bar sends arrows and a one-shot Ctrl', async () => {
  const page = await openOnPhone('/en/lessons/4-2-by-name/');
  await page.locator('vl-terminal').scrollIntoViewIfNeeded();
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  await typeCommand(page, 'echo from-history');
  // ↑ recalls the last command; Enter runs it again.
  await page.locator('vl-terminal [data-key="up"]').click();
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (text) => (text.match(/^from-history$/gm) ?? []).length === 2 && endsWithPrompt(text));
  // Ctrl (pressed) then c: the half-typed line is abandoned with ^C, as from a real keyboard.
  await page.keyboard.type('sleep 30');
  await page.locator('vl-terminal [data-key="ctrl"]').click();
  await expect(page.locator('vl-terminal [data-key="ctrl"]').getAttribute('aria-pressed')).resolves.toBe('true');
  await page.keyboard.type('c');
  await waitForTerminal(page, (text) => /sleep 30\^C\n.*[#$] $/.test(text));
  await expect(page.locator('vl-terminal [data-key="ctrl"]').getAttribute('aria-pressed')).resolves.toBe('false');
  expect(await terminalText(page)).not.toContain('sleep 30c');
});

it('folds the docked terminal and opens it again on Run', async () => {
  const page = await openOnPhone('/en/lessons/4-2-by-name/');
  await page.locator('vl-terminal').scrollIntoViewIfNeeded();
  await waitForConnected(page);
  const fold = page.locator('vl-terminal [data-action="collapse"]');
  await fold.click();
  await expect(fold.getAttribute('aria-expanded')).resolves.toBe('false');
  await expect(page.locator('vl-terminal .vl-terminal__panel').first().isVisible()).resolves.toBe(false);
  await page.locator('.vl-lesson__body vl-command button[data-action="run"]').first().click();
  await expect.poll(() => fold.getAttribute('aria-expanded')).toBe('true');
  await expect(page.locator('vl-terminal .vl-terminal__panel').first().isVisible()).resolves.toBe(true);
});
